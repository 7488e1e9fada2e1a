/** An agenda item's feedback as committees see it: consented, approved, redacted words, drawings only as processed images. */
import type { Kysely } from 'kysely';
import { processedMediaFor, pullFigures, pullPage, type PullCursor, type PullScope } from '../db/committee-feedback.ts';
import { figureBases, insertFigureBasis, lockItemFigures } from '../db/figure-bases.ts';
import type { Database } from '../db/schema.ts';
import { basisToRepeat } from '../disclosure/release-basis.ts';
import { toCommitteeEntry, type FeedbackEntry } from './committee-entry.ts';
import { showFigures, type ShownFigures } from './figures.ts';

export type { FeedbackEntry } from './committee-entry.ts';

export async function feedbackPage(db: Kysely<Database>, scope: PullScope, publicUrl: string, cursor: PullCursor | undefined, limit: number) {
  const rows = await pullPage(db, scope, cursor, limit);
  const page = rows.slice(0, limit);
  const ids = page.map((row) => row.id);
  const media = await processedMediaFor(db, ids);
  const entries: FeedbackEntry[] = page.map((row) => {
    const processed = media.find((m) => m.submission_id === row.id && m.role === 'processed');
    const thumbnail = media.find((m) => m.submission_id === row.id && m.role === 'thumbnail');
    return toCommitteeEntry(row, processed && thumbnail ? { imageUrl: `${publicUrl}/api/media/${processed.id}`, thumbnailUrl: `${publicUrl}/api/media/${thumbnail.id}` } : null);
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
