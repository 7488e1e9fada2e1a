/** CSV of a pack: the same rows the pack shows, with curation and the processed drawing's address. */
import { csvDocument } from '../csv.ts';
import type { FeedbackEntry } from './committee-entry.ts';

/** The columns of a pack's entry list in every export (CSV, XLSX); no age band, group, month or tags (committee-entry.ts). */
export const FEEDBACK_COLUMNS = ['id', 'kind', 'quote', 'language', 'quote consent', 'curation', 'curation note', 'drawing url'] as const;

export function feedbackRows(entries: readonly FeedbackEntry[]): (string | null)[][] {
  return entries.map((entry) => [entry.id, entry.kind, entry.quote, entry.language, entry.quoteConsent ? 'agreed to be quoted' : 'did not agree to be quoted', entry.curation?.choice ?? '', entry.curation?.note ?? '', entry.drawing?.imageUrl ?? '']);
}

export function feedbackCsv(entries: readonly FeedbackEntry[]): string {
  return csvDocument(FEEDBACK_COLUMNS, feedbackRows(entries));
}
