/** Plain words for a survey's state and dates. */
import { day } from '../format.ts';
import { dayOf } from './model.ts';
import type { SurveyQuestion, SurveySummary } from './types.ts';

const FACES = ['😢', '🙁', '😐', '🙂', '😀'];
const YES_NO: Record<string, string> = { yes: 'Yes', no: 'No', not_sure: 'Not sure' };

/** The calendar day of an ISO time, or what an empty date means. */
export function dateOrNone(iso: string | null | undefined, none: string): string {
  return iso ? day(dayOf(iso)) : none;
}

export function statusText(row: Pick<SurveySummary, 'latestVersion' | 'publishedVersion'>): string {
  if (row.publishedVersion === null) return `Draft (version ${row.latestVersion}), never published`;
  if (row.publishedVersion === row.latestVersion) return `Published (version ${row.publishedVersion})`;
  return `Version ${row.publishedVersion} published; version ${row.latestVersion} is a draft`;
}

/** An answer as staff read it: a face and its number, yes or no, or the option's picture and words. */
export function answerLabel(question: SurveyQuestion, value: string): string {
  if (question.type === 'emoji_scale') return `${FACES[Number(value) - 1] ?? ''} ${value}${value === '1' ? ' (saddest)' : value === '5' ? ' (happiest)' : ''}`.trim();
  if (question.type === 'yes_no_unsure') return YES_NO[value] ?? value;
  const option = question.options?.find((o) => o.id === value);
  return option ? `${option.picture ? `${option.picture} ` : ''}${option.label.en ?? option.id}` : value;
}
