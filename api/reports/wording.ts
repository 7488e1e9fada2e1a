/** Words every annual report output (page, PDF, DOCX) uses the same way: the suppression rule and trend names. */
import type { Trend } from './content.ts';

export function suppressionRule(threshold: number): string {
  return (
    `Every contribution counted here was approved by a participation worker and shared by the child's own choice; ` +
    `words and drawings appear only where the child agreed they could go in a report, with identifying details removed. ` +
    `So that no child can be identified, counts under ${threshold} are "not shown", and so are the next smallest counts with them; ` +
    `a priority with fewer than ${threshold} contributions shows no breakdown, and figures change only once at least ${threshold} contributions have changed. ` +
    `Anything a safeguarding lead is still looking at is never counted or shown.`
  );
}

export const TREND_WORDS: Record<Trend, string> = {
  up: 'more than before',
  down: 'fewer than before',
  same: 'the same as before',
  new: 'new this period',
  'not comparable': 'cannot be compared',
};
