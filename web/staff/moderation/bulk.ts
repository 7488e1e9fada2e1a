/** What a bulk action did, in plain words: how many were done, and why any were not (never as an error code). */
import type { BulkResult } from '../types.ts';

const REFUSALS: Record<string, string> = {
  safeguarding_unresolved: 'flagged for a safeguarding lead, who must look at it first (it is waiting in the safeguarding lane)',
  claimed_by_someone_else: 'someone else is moderating it right now',
  not_found: 'it is no longer in your queue',
};

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

export function describeBulk(done: string, results: BulkResult[]): { text: string; allDone: boolean } {
  const ok = results.filter((result) => result.ok).length;
  const refused = results.filter((result) => !result.ok);
  const parts = [`${done}: ${plural(ok, 'submission')}.`];
  const reasons = new Map<string, number>();
  for (const result of refused) {
    const reason = REFUSALS[result.code ?? ''] ?? 'it could not be changed';
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  for (const [reason, count] of reasons) parts.push(`${count === 1 ? '1 was' : `${count} were`} left as ${count === 1 ? 'it was' : 'they were'}: ${reason}.`);
  return { text: parts.join(' '), allDone: refused.length === 0 };
}
