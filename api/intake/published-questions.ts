/** The parsed questions of a published survey version, kept per (survey, version): published versions never change, so intake validates them once. */
import { parseQuestions, type SurveyQuestion } from './survey-answers.ts';

const LIMIT = 256;
const parsed = new Map<string, readonly SurveyQuestion[]>();

export function publishedQuestions(surveyId: string, version: number, stored: unknown): readonly SurveyQuestion[] {
  const key = `${surveyId}/${version}`;
  const found = parsed.get(key);
  if (found) return found;
  const questions = Object.freeze(parseQuestions(stored));
  if (parsed.size >= LIMIT) parsed.delete(parsed.keys().next().value!);
  parsed.set(key, questions);
  return questions;
}
