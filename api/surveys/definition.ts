/**
 * What a survey version is, as staff write it and as it is exported: child-friendly words in every language the
 * partnership uses (English always), questions of the types the app can show, optional age bands per question.
 */
import { z } from 'zod';
import { AGE_BANDS } from '../intake/submission-schema.ts';

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

/** Words by language tag; English is required, because it is the fallback the app always has. */
export const wordsSchema = z
  .record(z.string().regex(LANGUAGE, 'Use a language tag such as en, pl or ar.'), z.string().trim().min(1).max(500))
  .refine((words) => typeof words.en === 'string', 'Give the English words; other languages are optional.');

/** A title: one English string, or words per language (the children's app shows the child's, English otherwise). */
export const titleSchema = z.union([
  z.string().trim().min(2).max(200),
  z
    .record(z.string().regex(LANGUAGE, 'Use a language tag such as en, pl or ar.'), z.string().trim().min(2).max(200))
    .refine((words) => typeof words.en === 'string', 'Give the English title; other languages are optional.'),
]);
export type SurveyTitle = z.infer<typeof titleSchema>;

/** The English title, which staff lists show and sort by. */
export function englishTitle(title: SurveyTitle): string {
  return typeof title === 'string' ? title : title.en!;
}

const optionSchema = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,40}$/),
  label: wordsSchema,
  /** An emoji or short picture name the app shows beside the words. */
  picture: z.string().max(16).optional(),
});

const base = {
  id: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'Question ids are short lower-case names.'),
  text: wordsSchema,
  required: z.boolean().default(false),
  /** Only children in these age bands see the question; every band when left out. */
  ageBands: z.array(z.enum(AGE_BANDS)).min(1).optional(),
};

export const authoredQuestionSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('emoji_scale') }).strict(),
  z.object({ ...base, type: z.literal('yes_no_unsure') }).strict(),
  z.object({ ...base, type: z.literal('single_choice'), options: z.array(optionSchema).min(2).max(12) }).strict(),
  z.object({ ...base, type: z.literal('multiple_choice'), options: z.array(optionSchema).min(2).max(12) }).strict(),
  z.object({ ...base, type: z.literal('free_text') }).strict(),
  /** "Draw your answer": the picture travels as the submission's image part and is moderated like any drawing. */
  z.object({ ...base, type: z.literal('draw') }).strict(),
]);

/** A submission carries at most one picture, so a version asks at most one "draw your answer" question. */
const atMostOneDrawing = (questions: readonly { type: string }[]) => questions.filter((q) => q.type === 'draw').length <= 1;
const ONE_DRAWING = 'A survey can ask for at most one drawing.';

export const surveyDefinitionSchema = z
  .object({
    title: titleSchema,
    intro: wordsSchema,
    questions: z
      .array(authoredQuestionSchema)
      .min(1)
      .max(60)
      .refine((questions) => new Set(questions.map((q) => q.id)).size === questions.length, 'Each question needs its own id.')
      .refine(atMostOneDrawing, ONE_DRAWING),
    opensAt: z.iso.datetime({ offset: true }).optional(),
    closesAt: z.iso.datetime({ offset: true }).optional(),
    groupIds: z.array(z.uuid()).max(50).optional(),
  })
  .strict()
  .refine((survey) => !survey.opensAt || !survey.closesAt || new Date(survey.opensAt) < new Date(survey.closesAt), {
    message: 'The survey must open before it closes.',
    path: ['closesAt'],
  });

export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;
export type AuthoredQuestion = z.infer<typeof authoredQuestionSchema>;

/** The portable form partnerships share: the words and questions, never answers, dates or groups. */
export const SURVEY_EXPORT_FORMAT = 'heard-survey/1';
export const surveyExportSchema = z
  .object({
    format: z.literal(SURVEY_EXPORT_FORMAT),
    title: titleSchema,
    intro: wordsSchema,
    questions: z.array(authoredQuestionSchema).min(1).max(60).refine(atMostOneDrawing, ONE_DRAWING),
  })
  .strict();
