/** Runs screening over every text in a submission and shapes what is stored: where and what, never the words. */
import type { SafeguardingMatch } from '../screening/safeguarding.ts';
import { screenText } from '../screening/index.ts';

/** A stored match: which field, which phrase/rule/classifier fired, in which language's data, and the span (no words). */
export type StoredSafeguardingMatch = { field: string } & Omit<SafeguardingMatch, 'words'>;

export type StoredScreening = {
  safeguarding: StoredSafeguardingMatch[];
  identifying: { field: string; kind: string; start: number; end: number }[];
};

/** `texts` maps a field pointer (`/text`, `/answers/q3`) to its text. */
export function screenSubmission(
  texts: readonly (readonly [string, string])[],
  options: { language?: string | undefined; schoolNames: readonly string[] },
): StoredScreening {
  const record: StoredScreening = { safeguarding: [], identifying: [] };
  for (const [field, text] of texts) {
    const result = screenText(text, { language: options.language, schoolNames: options.schoolNames });
    // The child's words stay in the submission only; the lead view recomputes them from the offsets.
    for (const { words: _words, ...match } of result.safeguarding) record.safeguarding.push({ field, ...match });
    for (const span of result.identifying) record.identifying.push({ field, ...span });
  }
  return record;
}
