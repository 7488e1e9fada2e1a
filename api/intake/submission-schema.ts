/** The public shape of a child's submission, validated at the edge and published in the OpenAPI document. */
import { z } from '@hono/zod-openapi';
import type { IntakeConfig } from '../config.ts';
import { nestsDeeperThan } from './json-depth.ts';

const MAX_ANSWER_DEPTH = 4;

export const KINDS = ['quote', 'drawing', 'survey'] as const;
export const AGE_BANDS = ['4-7', '8-11', '12-15', '16-18', 'unknown'] as const;
export const CONSENT_GIVERS = ['self', 'carer', 'worker'] as const;

/** Text we can store exactly as sent: PostgreSQL cannot hold NUL, and a lone surrogate is not valid Unicode. */
function storableText(maxLength: number) {
  return z
    .string()
    .refine((text) => !text.includes('\u0000'), 'Text cannot contain a NUL character.')
    .refine((text) => text.isWellFormed(), 'Text contains broken characters (an unpaired surrogate).')
    .refine((text) => [...text].length <= maxLength, `Text can be at most ${maxLength} characters.`);
}

export const consentSchema = z
  .object({
    shareWithCommittee: z.boolean().openapi({ description: 'The committee may read this.' }),
    quoteInReports: z.boolean().openapi({ description: 'The words may be quoted in reports.' }),
    publishPublicly: z.boolean().openapi({ description: 'The words may be published where anyone can see them.' }),
    givenBy: z.enum(CONSENT_GIVERS).openapi({ description: 'Who gave this consent.' }),
  })
  .strict()
  .openapi('Consent', { description: 'Every flag is required: a missing flag is an error, never a default of yes.' });

/** Builds the schema with this deployment's limits, so the published document states the real ones. */
export function submissionSchema(limits: IntakeConfig) {
  return z
    .object({
      id: z.uuid().openapi({ description: 'Made by the app; also the idempotency key for retries.' }),
      kind: z.enum(KINDS),
      text: storableText(limits.maxTextLength).optional().openapi({ description: 'The quote, or a caption for a drawing.' }),
      ageBand: z.enum(AGE_BANDS),
      language: z
        .string()
        .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, 'Use a language tag such as en, cy or ar.')
        .optional(),
      groupCode: z.string().trim().min(3).max(32).optional(),
      surveyId: z.uuid().optional(),
      surveyVersion: z.int().positive().optional(),
      answers: z
        .record(z.string().max(64), z.unknown())
        .refine((answers) => Object.keys(answers).length <= limits.maxSurveyAnswers, `At most ${limits.maxSurveyAnswers} answers.`)
        // An answer is a value, a list or a small drawn-answer object: nothing legitimate nests deeper.
        .refine((answers) => !nestsDeeperThan(answers, MAX_ANSWER_DEPTH), `Answers may nest at most ${MAX_ANSWER_DEPTH} levels deep.`)
        .optional(),
      wantsToTalk: z.boolean().optional().openapi({ description: 'The child asks for someone to talk to them.' }),
      consent: consentSchema,
    })
    .strict()
    .superRefine((input, ctx) => {
      if (input.kind === 'quote' && (input.text ?? '').trim() === '') {
        ctx.addIssue({ code: 'custom', path: ['text'], message: 'Please write something before sending.' });
      }
      if (input.kind === 'survey') {
        if (!input.surveyId) ctx.addIssue({ code: 'custom', path: ['surveyId'], message: 'A survey answer needs the survey it answers.' });
        if (!input.answers) ctx.addIssue({ code: 'custom', path: ['answers'], message: 'A survey answer needs its answers.' });
      } else {
        for (const field of ['surveyId', 'surveyVersion', 'answers'] as const) {
          if (input[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `Only a survey answer has ${field}.` });
        }
      }
    })
    .openapi('Submission');
}

export type SubmissionInput = z.infer<ReturnType<typeof submissionSchema>>;

export const submissionAcceptedSchema = z
  .object({
    id: z.uuid(),
    receipt: z.string().openapi({ example: 'KM7TA-HX9PC-R4WEN', description: 'Keep this to see what happens or to change your mind.' }),
    status: z.literal('received'),
    showHelp: z.boolean().openapi({
      description: 'True when the app should show, prominently, where to get help now (Childline, 999): nobody watches the queue at night.',
    }),
  })
  .openapi('SubmissionAccepted');

export type SubmissionAccepted = z.infer<typeof submissionAcceptedSchema>;
