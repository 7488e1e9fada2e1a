/** What an entry says in place of words the committee does not see, and why: never "did not agree" when the child did. */
import type { FeedbackEntry } from '../types.ts';

export function missingWordsLabel(entry: Pick<FeedbackEntry, 'kind' | 'quote' | 'quoteConsent'>): string | null {
  if (entry.quote !== null) return null;
  // A drawing speaks for itself; it is shown whatever the child said about quoting words.
  if (entry.kind === 'drawing') return null;
  if (!entry.quoteConsent) return 'Not quoted: the child did not agree to their words being quoted.';
  // Moderators cannot redact written survey answers yet, so none reach committees as words (the child did agree).
  return entry.kind === 'survey' ? 'Survey answers: the child agreed to be quoted, but written answers are not passed to committees.' : 'No words to show.';
}
