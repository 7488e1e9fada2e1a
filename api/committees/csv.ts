/** CSV of a pack: the same rows the pack shows, with tags, curation and the processed drawing's address. */
import { csvDocument } from '../csv.ts';
import type { FeedbackEntry } from './feedback.ts';

export function feedbackCsv(entries: readonly FeedbackEntry[]): string {
  const header = ['id', 'kind', 'age band', 'group', 'month', 'quote', 'priorities', 'themes', 'curation', 'curation note', 'drawing url'];
  return csvDocument(
    header,
    entries.map((entry) => [
      entry.id,
      entry.kind,
      entry.ageBand,
      entry.group,
      entry.month,
      entry.quote,
      entry.priorities.join('; '),
      entry.themes.join('; '),
      entry.curation?.choice ?? '',
      entry.curation?.note ?? '',
      entry.drawing?.imageUrl ?? '',
    ]),
  );
}
