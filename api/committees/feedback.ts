/** An agenda item's feedback as committees see it: consented, approved, redacted words, drawings only as processed images. */
import type { Kysely } from 'kysely';
import { processedMediaFor, pullFigures, pullPage, tagsForSubmissions, type PullCursor, type PullScope } from '../db/committee-feedback.ts';
import { figureBases, insertFigureBasis, lockItemFigures } from '../db/figure-bases.ts';
import type { Database } from '../db/schema.ts';
import { basisToRepeat } from '../disclosure/release-basis.ts';
import { showFigures, type ShownFigures } from './figures.ts';

export type FeedbackEntry = {
  id: string;
  kind: string;
  ageBand: string;
  group: string | null;
  month: string;
  /**
   * The words, redacted where a moderator redacted them; null when the child did not agree to be quoted, and for
   * survey answers: moderators cannot redact written answers, so they do not reach committees as words.
   */
  quote: string | null;
  /** Whether the child agreed to their words being quoted, so the app never says they did not when they did. */
  quoteConsent: boolean;
  priorities: string[];
  themes: string[];
  drawing: { imageUrl: string; thumbnailUrl: string } | null;
  curation: { choice: 'pin' | 'exclude'; note: string | null } | null;
};

export async function feedbackPage(db: Kysely<Database>, scope: PullScope, publicUrl: string, cursor: PullCursor | undefined, limit: number) {
  const rows = await pullPage(db, scope, cursor, limit);
  const page = rows.slice(0, limit);
  const ids = page.map((row) => row.id);
  const [tags, media] = await Promise.all([tagsForSubmissions(db, ids), processedMediaFor(db, ids)]);
  const entries: FeedbackEntry[] = page.map((row) => {
    const processed = media.find((m) => m.submission_id === row.id && m.role === 'processed');
    const thumbnail = media.find((m) => m.submission_id === row.id && m.role === 'thumbnail');
    return {
      id: row.id,
      kind: row.kind,
      ageBand: row.age_band,
      group: row.group_name,
      month: new Date(row.created_at).toISOString().slice(0, 7),
      quote: row.consent_quote_in_reports ? (row.redacted_text ?? row.text) : null,
      quoteConsent: row.consent_quote_in_reports,
      priorities: tags.priorities.filter((t) => t.submission_id === row.id).map((t) => t.title),
      themes: tags.themes.filter((t) => t.submission_id === row.id).map((t) => t.title),
      drawing: processed && thumbnail ? { imageUrl: `${publicUrl}/api/media/${processed.id}`, thumbnailUrl: `${publicUrl}/api/media/${thumbnail.id}` } : null,
      curation: row.curation_choice ? { choice: row.curation_choice, note: row.curation_note } : null,
    };
  });
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? { pinned: last.pinned, createdAt: new Date(last.created_at).toISOString(), id: last.id } : undefined;
  return { entries, nextCursor };
}

/** What a release of figures shows, and the time of the counts it repeats. */
export type ReleasedFigures = ShownFigures & { asOf: string };

/**
 * The figures every output of an item shows (feedback, CSV, pack page and versions, PDF): the counts of the
 * nearest basis fewer than `threshold` submissions from what the scope pulls now, or of a new basis when there is
 * none (disclosure/release-basis.ts), under small-number control.
 */
export async function feedbackFigures(db: Kysely<Database>, scope: PullScope, threshold: number, now: Date): Promise<ReleasedFigures> {
  return db.transaction().execute(async (trx) => {
    await lockItemFigures(trx, scope.item.id);
    const pulled = await pullFigures(trx, scope);
    const basis = basisToRepeat(await figureBases(trx, scope.item.id), pulled.ids, threshold) ?? (await insertFigureBasis(trx, scope.item.id, pulled.ids, pulled.counts, now));
    return { ...showFigures(basis.counts, threshold), asOf: basis.createdAt.toISOString() };
  });
}

/** Every entry the item pulls, across pages (for the CSV and for "mark discussed"). */
export async function allFeedback(db: Kysely<Database>, scope: PullScope, publicUrl: string): Promise<FeedbackEntry[]> {
  const all: FeedbackEntry[] = [];
  let cursor: PullCursor | undefined;
  do {
    const page = await feedbackPage(db, scope, publicUrl, cursor, 500);
    all.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
