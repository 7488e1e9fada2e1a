/**
 * The one place a pulled submission becomes an entry of a committee's list (feedback JSON, staff app, CSV, XLSX,
 * pack page, pack versions, PDF). Entries carry no age band, group, month, priority or theme: each is a cell of a
 * breakdown the figures suppress, and labelled entries that outlive a change of figure basis give such a cell back
 * by counting (README, "Small numbers in figures").
 */
import type { SubmissionKind } from '../db/schema.ts';

export type FeedbackEntry = {
  id: string;
  /** Shown because the entry shows it anyway: a drawing is a drawing, survey answers are answers. */
  kind: SubmissionKind;
  /**
   * The words, redacted where a moderator redacted them; null when the child did not agree to be quoted, and for
   * survey answers: moderators cannot redact written answers, so they do not reach committees as words.
   */
  quote: string | null;
  /** Whether the child agreed to their words being quoted, so the app never says they did not when they did. */
  quoteConsent: boolean;
  /** The language of the quoted words (BCP 47), only beside words shown: they show it anyway. */
  language: string | null;
  drawing: { imageUrl: string; thumbnailUrl: string } | null;
  curation: { choice: 'pin' | 'exclude'; note: string | null } | null;
};

/** What the list needs of a pulled row; anything else a row carries never reaches an entry. */
export type EntrySource = {
  id: string;
  kind: FeedbackEntry['kind'];
  text: string | null;
  redacted_text: string | null;
  consent_quote_in_reports: boolean;
  language: string | null;
  curation_choice: 'pin' | 'exclude' | null;
  curation_note: string | null;
};

/** The processed picture and thumbnail addresses of a drawing, when both are ready. */
export type EntryDrawing = FeedbackEntry['drawing'];

export function toCommitteeEntry(row: EntrySource, drawing: EntryDrawing): FeedbackEntry {
  const quote = row.consent_quote_in_reports ? (row.redacted_text ?? row.text) : null;
  return {
    id: row.id,
    kind: row.kind,
    quote,
    quoteConsent: row.consent_quote_in_reports,
    language: quote === null ? null : row.language,
    drawing,
    curation: row.curation_choice ? { choice: row.curation_choice, note: row.curation_note } : null,
  };
}
