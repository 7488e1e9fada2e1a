/**
 * Stable pack versions (id, number, date) that minutes can cite. Issuing freezes which submissions a pack shows.
 * When one of them is withdrawn or its moderation changes, every current version showing it is superseded by a
 * new version without it; a superseded version keeps only its record: that it existed, when, and why it went.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { carryOverSnapshots, currentVersionsCounting, saveSnapshots, snapshotsOf, type PackSurvey } from './pack-surveys.ts';

export type PackVersionRecord = {
  id: string;
  agendaItemId: string;
  version: number;
  issuedAt: string;
  supersededAt: string | null;
  supersededReason: string | null;
  supersededBy: string | null;
};

/**
 * Issues the next version of an item's pack showing `submissionIds` and keeping the figures of `surveys`; the
 * current one, if any, is superseded.
 */
export async function issuePackVersion(
  trx: Kysely<Database>,
  agendaItemId: string,
  submissionIds: readonly string[],
  issue: { by: string | null; now: Date; supersedingReason: string },
  surveys: readonly PackSurvey[] = [],
): Promise<PackVersionRecord> {
  const current = await trx
    .selectFrom('pack_versions')
    .select(['id'])
    .where('agenda_item_id', '=', agendaItemId)
    .where('superseded_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (current) {
    await trx
      .updateTable('pack_versions')
      .set({ superseded_at: issue.now, superseded_reason: issue.supersedingReason })
      .where('id', '=', current.id)
      .execute();
  }
  const latest = await trx.selectFrom('pack_versions').select((eb) => eb.fn.max('version').as('version')).where('agenda_item_id', '=', agendaItemId).executeTakeFirst();
  const created = await trx
    .insertInto('pack_versions')
    .values({ agenda_item_id: agendaItemId, version: (latest?.version ?? 0) + 1, issued_at: issue.now, issued_by: issue.by })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (submissionIds.length > 0) {
    await trx.insertInto('pack_version_entries').values(submissionIds.map((submission_id) => ({ pack_version_id: created.id, submission_id }))).execute();
  }
  await saveSnapshots(trx, created.id, surveys);
  if (current) await trx.updateTable('pack_versions').set({ superseded_by: created.id }).where('id', '=', current.id).execute();
  return toRecord(created);
}

/**
 * Issues a version unless the current one already shows exactly these submissions and survey figures: then that one
 * is returned (`created: false`), so minutes citing it keep their content.
 */
export async function issueUnlessUnchanged(
  trx: Kysely<Database>,
  agendaItemId: string,
  submissionIds: readonly string[],
  issue: { by: string | null; now: Date; supersedingReason: string },
  surveys: readonly PackSurvey[],
): Promise<{ version: PackVersionRecord; created: boolean }> {
  const current = await trx.selectFrom('pack_versions').selectAll().where('agenda_item_id', '=', agendaItemId).where('superseded_at', 'is', null).forUpdate().executeTakeFirst();
  if (current) {
    const shown = await packVersionSubmissionIds(trx, current.id);
    const sameEntries = shown.length === submissionIds.length && new Set([...shown, ...submissionIds]).size === shown.length;
    if (sameEntries && canonicalJson(await snapshotsOf(trx, current.id)) === canonicalJson(surveys)) return { version: toRecord(current), created: false };
  }
  return { version: await issuePackVersion(trx, agendaItemId, submissionIds, issue, surveys), created: true };
}

/** JSON with object keys sorted, so figures read back from a jsonb column compare equal to freshly counted ones. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Call in the transaction that withdraws or changes the moderation of a submission. `reason` is shown with the
 * superseded record, so it must say what happened without saying anything the child said. A version is superseded
 * when it shows the submission, or when it keeps survey figures the change altered (a withdrawn survey answer);
 * the new version keeps its other entries and figures, with those figures recounted.
 */
export async function supersedePacksShowing(trx: Kysely<Database>, submissionId: string, reason: string, now: Date): Promise<number> {
  const showing = await trx
    .selectFrom('pack_versions')
    .innerJoin('pack_version_entries', 'pack_version_entries.pack_version_id', 'pack_versions.id')
    .select(['pack_versions.id', 'pack_versions.agenda_item_id'])
    .where('pack_version_entries.submission_id', '=', submissionId)
    .where('pack_versions.superseded_at', 'is', null)
    .execute();
  const counting = (await currentVersionsCounting(trx, submissionId)).filter((version) => !showing.some((shown) => shown.id === version.id));
  let superseded = 0;
  for (const version of [...showing, ...counting]) {
    const surveys = await carryOverSnapshots(trx, version.id, submissionId);
    if (!showing.includes(version) && !surveys.changed) continue;
    const kept = await trx
      .selectFrom('pack_version_entries')
      .select('submission_id')
      .where('pack_version_id', '=', version.id)
      .where('submission_id', '<>', submissionId)
      .execute();
    await issuePackVersion(trx, version.agenda_item_id, kept.map((entry) => entry.submission_id), { by: null, now, supersedingReason: reason }, surveys.surveys);
    superseded += 1;
  }
  return superseded;
}

export async function listPackVersions(db: Kysely<Database>, agendaItemId: string): Promise<PackVersionRecord[]> {
  const rows = await db.selectFrom('pack_versions').selectAll().where('agenda_item_id', '=', agendaItemId).orderBy('version', 'desc').execute();
  return rows.map(toRecord);
}

export async function findPackVersion(db: Kysely<Database>, id: string): Promise<PackVersionRecord | undefined> {
  const row = await db.selectFrom('pack_versions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function packVersionSubmissionIds(db: Kysely<Database>, id: string): Promise<string[]> {
  const rows = await db.selectFrom('pack_version_entries').select('submission_id').where('pack_version_id', '=', id).execute();
  return rows.map((row) => row.submission_id);
}

type PackVersionRow = {
  id: string;
  agenda_item_id: string;
  version: number;
  issued_at: Date | string;
  superseded_at: Date | string | null;
  superseded_reason: string | null;
  superseded_by: string | null;
};

function toRecord(row: PackVersionRow): PackVersionRecord {
  return {
    id: row.id,
    agendaItemId: row.agenda_item_id,
    version: row.version,
    issuedAt: new Date(row.issued_at).toISOString(),
    supersededAt: row.superseded_at === null ? null : new Date(row.superseded_at).toISOString(),
    supersededReason: row.superseded_reason,
    supersededBy: row.superseded_by,
  };
}
