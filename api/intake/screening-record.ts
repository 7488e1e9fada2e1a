/** Runs screening over every text in a submission and shapes what is stored: where and what, never the words. */
import { screenText } from '../screening/index.ts';

export type StoredScreening = {
  safeguarding: { field: string; phraseId: string; category: string; start: number; end: number }[];
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
    for (const match of result.safeguarding) {
      // A match may carry the words that fired (the classifier's `words`): a child's words are never stored.
      const { words: _words, ...kept } = match as typeof match & { words?: unknown };
      record.safeguarding.push({ field, ...kept });
    }
    for (const span of result.identifying) record.identifying.push({ field, ...span });
  }
  return record;
}
