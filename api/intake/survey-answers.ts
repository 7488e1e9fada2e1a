/** Checks a child's survey answers against the published version they answer. */
import { z } from 'zod';
import { toPointer, type FieldError } from '../errors.ts';

// Loose: the words, pictures and translations ride along for the app; only these fields matter for checking.
const option = z.looseObject({ id: z.string().min(1) });
const ageBands = z.array(z.string()).optional();

/** Question types a published version may contain (the surveys issue builds the editor for them). */
export const questionSchema = z.discriminatedUnion('type', [
  z.looseObject({ id: z.string().min(1), type: z.literal('emoji_scale'), required: z.boolean().default(false), ageBands }),
  z.looseObject({ id: z.string().min(1), type: z.literal('yes_no_unsure'), required: z.boolean().default(false), ageBands }),
  z.looseObject({ id: z.string().min(1), type: z.literal('single_choice'), required: z.boolean().default(false), options: z.array(option).min(1), ageBands }),
  z.looseObject({ id: z.string().min(1), type: z.literal('multiple_choice'), required: z.boolean().default(false), options: z.array(option).min(1), ageBands }),
  z.looseObject({ id: z.string().min(1), type: z.literal('free_text'), required: z.boolean().default(false), ageBands }),
  z.looseObject({ id: z.string().min(1), type: z.literal('draw'), required: z.boolean().default(false), ageBands }),
]);

/** The answer to a "draw your answer" question: the picture itself is the submission's image part. */
export const DRAWN_ANSWER = 'drawing';

export type SurveyQuestion = z.infer<typeof questionSchema>;

export function parseQuestions(stored: unknown): SurveyQuestion[] {
  return z.array(questionSchema).parse(stored);
}

/** The questions a child in this age band is asked: those for every band, and those for theirs. */
export function questionsFor(questions: readonly SurveyQuestion[], ageBand: string): SurveyQuestion[] {
  return questions.filter((question) => !question.ageBands || question.ageBands.includes(ageBand));
}

/** `freeTexts` pairs each free-text answer's pointer with its text, for screening. */
export type CheckedAnswers = { errors: FieldError[]; freeTexts: [string, string][] };

/**
 * Every problem with the answers, each under `/answers/<question id>`, and the free texts to screen.
 * `pictureAttached` says whether the submission came with an image part, which only a drawn answer may bring.
 */
export function checkAnswers(
  questions: readonly SurveyQuestion[],
  answers: Record<string, unknown>,
  maxTextLength: number,
  pictureAttached = false,
): CheckedAnswers {
  const errors: FieldError[] = [];
  const drawn = questions.find((question) => question.type === 'draw' && answers[question.id] === DRAWN_ANSWER);
  if (drawn && !pictureAttached) errors.push({ pointer: toPointer(['answers', drawn.id]), detail: 'Send the drawing as the image part.' });
  if (!drawn && pictureAttached) errors.push({ pointer: '/image', detail: 'Only a "draw your answer" question answered with "drawing" can have a picture.' });
  const freeTexts: [string, string][] = [];
  const byId = new Map(questions.map((question) => [question.id, question]));
  const pointer = (id: string) => toPointer(['answers', id]);

  for (const id of Object.keys(answers)) {
    if (!byId.has(id)) errors.push({ pointer: pointer(id), detail: 'This survey has no such question.' });
  }
  for (const question of questions) {
    const answer = answers[question.id];
    if (answer === undefined || answer === null) {
      if (question.required) errors.push({ pointer: pointer(question.id), detail: 'This question needs an answer.' });
      continue;
    }
    const problem = answerProblem(question, answer, maxTextLength);
    if (problem) errors.push({ pointer: pointer(question.id), detail: problem });
    else if (question.type === 'free_text') freeTexts.push([pointer(question.id), answer as string]);
  }
  return { errors, freeTexts };
}

function answerProblem(question: SurveyQuestion, answer: unknown, maxTextLength: number): string | undefined {
  switch (question.type) {
    case 'emoji_scale':
      return Number.isInteger(answer) && (answer as number) >= 1 && (answer as number) <= 5 ? undefined : 'Choose a face from 1 to 5.';
    case 'yes_no_unsure':
      return answer === 'yes' || answer === 'no' || answer === 'not_sure' ? undefined : 'Answer yes, no or not_sure.';
    case 'single_choice':
      return typeof answer === 'string' && question.options.some((o) => o.id === answer) ? undefined : 'Choose one of the options.';
    case 'multiple_choice': {
      if (!Array.isArray(answer) || answer.length === 0) return 'Choose one or more of the options.';
      const ids = new Set(question.options.map((o) => o.id));
      if (!answer.every((a) => typeof a === 'string' && ids.has(a))) return 'Choose only from the options.';
      return new Set(answer).size === answer.length ? undefined : 'Choose each option at most once.';
    }
    case 'draw':
      return answer === DRAWN_ANSWER ? undefined : `Answer "${DRAWN_ANSWER}" and send the picture as the image part.`;
    case 'free_text':
      if (typeof answer !== 'string') return 'Write your answer as text.';
      if (answer.includes('\u0000') || !answer.isWellFormed()) return 'Text contains characters we cannot store.';
      return [...answer].length <= maxTextLength ? undefined : `Text can be at most ${maxTextLength} characters.`;
  }
}
