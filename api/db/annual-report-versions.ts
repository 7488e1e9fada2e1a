/** Queries for issued annual report versions and the figure bases their counts repeat. */
import type { Kysely } from 'kysely';
import type { RawCounts } from './committee-feedback.ts';
import { toFigureBasis, type FigureBasis } from './figure-bases.ts';
import type { Database } from './schema.ts';

export type ReportVersionRecord = {
  id: string;
  reportId: string;
  version: number;
  issuedAt: string;
  issuedBy: string | null;
  supersededAt: string | null;
  supersededReason: string | null;
  supersededBy: string | null;
};

type VersionRow = { id: string; report_id: string; version: number; issued_at: Date | string; issued_by: string | null; superseded_at: Date | string | null; superseded_reason: string | null; superseded_by: string | null };

export function toVersionRecord(row: VersionRow): ReportVersionRecord {
  return {
    id: row.id,
    reportId: row.report_id,
    version: row.version,
    issuedAt: new Date(row.issued_at).toISOString(),
    issuedBy: row.issued_by,
    supersededAt: row.superseded_at ? new Date(row.superseded_at).toISOString() : null,
    supersededReason: row.superseded_reason,
    supersededBy: row.superseded_by,
  };
}

const RECORD_COLUMNS = ['id', 'report_id', 'version', 'issued_at', 'issued_by', 'superseded_at', 'superseded_reason', 'superseded_by'] as const;

/** The record and frozen content of a version (content as stored: parse with the reader in reports/content.ts). */
export async function findReportVersion(db: Kysely<Database>, id: string) {
  const row = await db.selectFrom('annual_report_versions').select([...RECORD_COLUMNS, 'content', 'figure_basis_ids']).where('id', '=', id).executeTakeFirst();
  return row && { record: toVersionRecord(row), content: row.content, figureBasisIds: row.figure_basis_ids };
}

/** Newest first. */
export async function listReportVersions(db: Kysely<Database>, reportId: string): Promise<ReportVersionRecord[]> {
  const rows = await db.selectFrom('annual_report_versions').select(RECORD_COLUMNS).where('report_id', '=', reportId).orderBy('version', 'desc').execute();
  return rows.map(toVersionRecord);
}

/** The current version, locked until the transaction ends. */
export async function lockCurrentVersion(trx: Kysely<Database>, reportId: string) {
  const row = await trx.selectFrom('annual_report_versions').select([...RECORD_COLUMNS, 'content', 'figure_basis_ids']).where('report_id', '=', reportId).where('superseded_at', 'is', null).forUpdate().executeTakeFirst();
  return row && { record: toVersionRecord(row), content: row.content, figureBasisIds: row.figure_basis_ids };
}

export async function versionEntryIds(db: Kysely<Database>, versionId: string): Promise<string[]> {
  const rows = await db.selectFrom('annual_report_version_entries').select('submission_id').where('version_id', '=', versionId).orderBy('submission_id').execute();
  return rows.map((row) => row.submission_id);
}

/** Inserts the next version of the report; the caller supersedes the one before it. */
export async function insertReportVersion(
  trx: Kysely<Database>,
  version: { reportId: string; content: string; figureBasisIds: readonly string[]; entryIds: readonly string[]; by: string | null; now: Date },
): Promise<ReportVersionRecord> {
  const latest = await trx.selectFrom('annual_report_versions').select((eb) => eb.fn.max('version').as('version')).where('report_id', '=', version.reportId).executeTakeFirst();
  const row = await trx
    .insertInto('annual_report_versions')
    .values({ report_id: version.reportId, version: (latest?.version ?? 0) + 1, content: version.content, figure_basis_ids: [...version.figureBasisIds], issued_at: version.now, issued_by: version.by })
    .returning(RECORD_COLUMNS)
    .executeTakeFirstOrThrow();
  if (version.entryIds.length > 0) await trx.insertInto('annual_report_version_entries').values(version.entryIds.map((submission_id) => ({ version_id: row.id, submission_id }))).execute();
  return toVersionRecord(row);
}

/** A superseded version keeps only its record: the words it quoted are erased with its content (never served again). */
export async function markSuperseded(trx: Kysely<Database>, id: string, change: { at: Date; reason: string }): Promise<void> {
  await trx.updateTable('annual_report_versions').set({ superseded_at: change.at, superseded_reason: change.reason, content: '{}' }).where('id', '=', id).execute();
  await trx.deleteFrom('annual_report_version_entries').where('version_id', '=', id).execute();
}

export async function linkSuperseded(trx: Kysely<Database>, id: string, by: string): Promise<void> {
  await trx.updateTable('annual_report_versions').set({ superseded_by: by }).where('id', '=', id).execute();
}

/** The reports whose current version shows the submission (quote or drawing). */
export async function currentVersionsShowing(trx: Kysely<Database>, submissionId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('annual_report_versions')
    .innerJoin('annual_report_version_entries', 'annual_report_version_entries.version_id', 'annual_report_versions.id')
    .select('annual_report_versions.report_id')
    .where('annual_report_version_entries.submission_id', '=', submissionId)
    .where('annual_report_versions.superseded_at', 'is', null)
    .execute();
  return rows.map((row) => row.report_id);
}

/** Holds the priority's row until the transaction ends, so two requests never both start a new basis for it. */
export async function lockPriorityFigures(trx: Kysely<Database>, priorityId: number): Promise<void> {
  await trx.selectFrom('priorities').select('id').where('id', '=', priorityId).forUpdate().execute();
}

/** Oldest first. */
export async function priorityFigureBases(db: Kysely<Database>, priorityId: number): Promise<FigureBasis[]> {
  const rows = await db.selectFrom('annual_report_figure_bases').selectAll().where('priority_id', '=', priorityId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toFigureBasis);
}

export async function insertPriorityFigureBasis(db: Kysely<Database>, priorityId: number, pulled: { ids: readonly string[]; counts: RawCounts }, now: Date): Promise<FigureBasis> {
  const row = await db
    .insertInto('annual_report_figure_bases')
    .values({ priority_id: priorityId, submission_ids: [...pulled.ids], counts: JSON.stringify(pulled.counts), created_at: now })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return { id: row.id, submissionIds: [...pulled.ids], counts: pulled.counts, createdAt: now };
}
