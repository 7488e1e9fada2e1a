/** Queries for figure bases: the counts an agenda item's figures were last worked out from. */
import type { Kysely } from 'kysely';
import type { RawCounts } from './committee-feedback.ts';
import type { Database } from './schema.ts';

export type FigureBasis = { id: string; submissionIds: string[]; counts: RawCounts; createdAt: Date };

/** Holds the item's row until the transaction ends, so two requests never both start a new basis. */
export async function lockItemFigures(trx: Kysely<Database>, agendaItemId: string): Promise<void> {
  await trx.selectFrom('agenda_items').select('id').where('id', '=', agendaItemId).forUpdate().execute();
}

/** Oldest first. */
export async function figureBases(db: Kysely<Database>, agendaItemId: string): Promise<FigureBasis[]> {
  const rows = await db.selectFrom('agenda_item_figure_bases').selectAll().where('agenda_item_id', '=', agendaItemId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toFigureBasis);
}

/** A stored basis row (an agenda item's or a priority's) as a basis. */
export function toFigureBasis(row: { id: string; submission_ids: string[]; counts: unknown; created_at: Date }): FigureBasis {
  return { id: row.id, submissionIds: row.submission_ids, counts: (typeof row.counts === 'string' ? JSON.parse(row.counts) : row.counts) as RawCounts, createdAt: new Date(row.created_at) };
}

export async function insertFigureBasis(db: Kysely<Database>, agendaItemId: string, submissionIds: readonly string[], counts: RawCounts, now: Date): Promise<FigureBasis> {
  const row = await db
    .insertInto('agenda_item_figure_bases')
    .values({ agenda_item_id: agendaItemId, submission_ids: [...submissionIds], counts: JSON.stringify(counts), created_at: now })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return { id: row.id, submissionIds: [...submissionIds], counts, createdAt: now };
}
