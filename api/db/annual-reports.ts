/** Queries behind annual reports: definitions, curation, and what a report may count and quote (inside the lane wall). */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { countSubmissions, type RawCounts } from './committee-feedback.ts';
import type { AgeBand, Database } from './schema.ts';
import { shownToCommittees } from './visibility.ts';

export type ReportDefinition = {
  id: string;
  title: string;
  /** YYYY-MM-DD, both days included. */
  periodStart: string;
  periodEnd: string;
  priorityIds: number[];
  committeeIds: number[];
  publicSummary: boolean;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ReportFields = Pick<ReportDefinition, 'title' | 'periodStart' | 'periodEnd' | 'priorityIds' | 'committeeIds' | 'publicSummary'>;

/** A half-open range of instants: [from, until). */
export type Period = { from: Date; until: Date };

type ReportRow = Awaited<ReturnType<typeof reportRows>>[number];
const reportRows = (db: Kysely<Database>) => db.selectFrom('annual_reports').selectAll().orderBy('created_at', 'desc').orderBy('id').execute();

function toDefinition(row: ReportRow): ReportDefinition {
  return {
    id: row.id,
    title: row.title,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    priorityIds: row.priority_ids,
    committeeIds: row.committee_ids,
    publicSummary: row.public_summary,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function listReports(db: Kysely<Database>): Promise<ReportDefinition[]> {
  return (await reportRows(db)).map(toDefinition);
}

export async function findReport(db: Kysely<Database>, id: string): Promise<ReportDefinition | undefined> {
  const row = await db.selectFrom('annual_reports').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toDefinition(row);
}

export async function insertReport(db: Kysely<Database>, fields: ReportFields, createdBy: string | null): Promise<string> {
  const row = await db
    .insertInto('annual_reports')
    .values({ title: fields.title, period_start: fields.periodStart, period_end: fields.periodEnd, priority_ids: fields.priorityIds, committee_ids: fields.committeeIds, public_summary: fields.publicSummary, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateReport(db: Kysely<Database>, id: string, fields: ReportFields, now: Date): Promise<void> {
  await db
    .updateTable('annual_reports')
    .set({ title: fields.title, period_start: fields.periodStart, period_end: fields.periodEnd, priority_ids: fields.priorityIds, committee_ids: fields.committeeIds, public_summary: fields.publicSummary, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export type Tag = { id: number; slug: string; title: string };

/** Priorities or committees by id or slug, in their configured order. */
export async function taxonomy(db: Kysely<Database>, table: 'priorities' | 'committees', which: { ids: readonly number[] } | { slugs: readonly string[] }): Promise<Tag[]> {
  const query = db.selectFrom(table).select(['id', 'slug', 'title']).orderBy('position').orderBy('id');
  if ('ids' in which) return which.ids.length ? query.where('id', 'in', [...which.ids]).execute() : [];
  return which.slugs.length ? query.where('slug', 'in', [...which.slugs]).execute() : [];
}

const COUNTED_COLUMNS = ['submissions.id', 'submissions.kind', 'submissions.age_band', 'submissions.group_id', 'submissions.created_at', 'submissions.priority_ids', 'submissions.theme_ids'] as const;

function inPeriod(eb: ExpressionBuilder<Database, 'submissions'>, period: Period) {
  return eb.and([eb('submissions.created_at', '>=', period.from), eb('submissions.created_at', '<', period.until)]);
}

/** True counts of what a report may count for one priority in a period: what committees may be shown, nothing more. */
export async function priorityCounts(db: Kysely<Database>, priorityId: number, period: Period): Promise<{ ids: string[]; counts: RawCounts }> {
  const counted = db
    .selectFrom('submissions')
    .select(COUNTED_COLUMNS)
    .where(shownToCommittees)
    .where((eb) => inPeriod(eb, period))
    .where(sql<boolean>`submissions.priority_ids && ${sql.val([priorityId])}::integer[]`);
  return countSubmissions(db, counted);
}

/**
 * What a report may quote or show: what committees may be shown (approved, shared, not withdrawn, outside the
 * safeguarding lane) that the child also agreed may be quoted in reports; words only as a moderator left them.
 */
function quotable(eb: ExpressionBuilder<Database, 'submissions'>) {
  return eb.and([shownToCommittees(eb), eb('submissions.consent_quote_in_reports', '=', true), eb('submissions.kind', 'in', ['quote', 'drawing'])]);
}

export type EligibleRow = {
  id: string;
  kind: 'quote' | 'drawing';
  ageBand: AgeBand;
  words: string | null;
  createdAt: Date;
  priorityIds: number[];
  group: string | null;
  /** The child agreed to the public web, and the age rule holds (a carer or worker agreed too where it must). */
  public: boolean;
};

/**
 * The entries a report may use, tagged with one of its priorities within its period: all of `ids` when given,
 * else the newest `limit`. `adultFor` is the age bands whose public consent needs a carer or worker.
 */
export async function eligibleEntries(
  db: Kysely<Database>,
  scope: { priorityIds: readonly number[]; period: Period; adultFor: readonly AgeBand[]; ids?: readonly string[]; excludeIds?: readonly string[]; limit?: number },
): Promise<EligibleRow[]> {
  if (scope.priorityIds.length === 0 || scope.ids?.length === 0) return [];
  const needsAdult = scope.adultFor.length ? sql<boolean>`submissions.age_band in (${sql.join([...scope.adultFor])})` : sql<boolean>`false`;
  let query = db
    .selectFrom('submissions')
    .leftJoin('participation_groups', 'participation_groups.id', 'submissions.group_id')
    .select([
      'submissions.id',
      'submissions.kind',
      'submissions.age_band',
      sql<string | null>`coalesce(submissions.redacted_text, submissions.text)`.as('words'),
      'submissions.created_at',
      'submissions.priority_ids',
      'participation_groups.name as group_name',
      sql<boolean>`submissions.consent_publish_publicly and not (submissions.consent_given_by = 'self' and ${needsAdult})`.as('public'),
    ])
    .where(quotable)
    .where((eb) => inPeriod(eb, scope.period))
    .where(sql<boolean>`submissions.priority_ids && ${sql.val([...scope.priorityIds])}::integer[]`)
    .orderBy('submissions.created_at', 'desc')
    .orderBy('submissions.id', 'desc');
  if (scope.ids) query = query.where('submissions.id', 'in', [...scope.ids]);
  if (scope.excludeIds?.length) query = query.where('submissions.id', 'not in', [...scope.excludeIds]);
  if (scope.limit) query = query.limit(scope.limit);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind as 'quote' | 'drawing',
    ageBand: row.age_band,
    words: row.words,
    createdAt: new Date(row.created_at),
    priorityIds: row.priority_ids,
    group: row.group_name,
    public: row.public,
  }));
}

/**
 * Of `ids`, those a report may still quote, each row held (FOR SHARE) until the transaction ends: a withdrawal
 * waits for the issue to commit, and then supersedes the version it made.
 */
export async function lockQuotable(trx: Kysely<Database>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await trx.selectFrom('submissions').select('submissions.id').where('submissions.id', 'in', [...ids]).where(quotable).forShare().execute();
  return rows.map((row) => row.id);
}

/** Whether a report shows the submission: picked for one, or in a current version, and still quotable. */
export async function shownByReports(db: Kysely<Database>, submissionId: string): Promise<boolean> {
  const row = await db
    .selectFrom('submissions')
    .select('submissions.id')
    .where('submissions.id', '=', submissionId)
    .where(quotable)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('annual_report_curation').select('submission_id').whereRef('annual_report_curation.submission_id', '=', 'submissions.id').where('choice', '=', 'pick')),
        eb.exists(
          eb
            .selectFrom('annual_report_version_entries')
            .innerJoin('annual_report_versions', 'annual_report_versions.id', 'annual_report_version_entries.version_id')
            .select('annual_report_version_entries.submission_id')
            .whereRef('annual_report_version_entries.submission_id', '=', 'submissions.id')
            .where('annual_report_versions.superseded_at', 'is', null),
        ),
      ]),
    )
    .executeTakeFirst();
  return row !== undefined;
}

export type CurationRow = { submissionId: string; choice: 'pick' | 'exclude'; position: number };

/** Picks in their order, then exclusions. */
export async function curationOf(db: Kysely<Database>, reportId: string): Promise<CurationRow[]> {
  const rows = await db.selectFrom('annual_report_curation').select(['submission_id', 'choice', 'position']).where('report_id', '=', reportId).orderBy('choice', 'desc').orderBy('position').orderBy('decided_at').execute();
  return rows.map((row) => ({ submissionId: row.submission_id, choice: row.choice, position: row.position }));
}

export async function setCuration(db: Kysely<Database>, choice: { reportId: string; submissionId: string; choice: 'pick' | 'exclude'; position: number; by: string; now: Date }): Promise<void> {
  const values = { report_id: choice.reportId, submission_id: choice.submissionId, choice: choice.choice, position: choice.position, decided_by: choice.by, decided_at: choice.now };
  await db
    .insertInto('annual_report_curation')
    .values(values)
    .onConflict((oc) => oc.columns(['report_id', 'submission_id']).doUpdateSet({ choice: values.choice, position: values.position, decided_by: values.decided_by, decided_at: values.decided_at }))
    .execute();
}

export async function clearCuration(db: Kysely<Database>, reportId: string, submissionId: string): Promise<boolean> {
  const result = await db.deleteFrom('annual_report_curation').where('report_id', '=', reportId).where('submission_id', '=', submissionId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function submissionExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('submissions').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

export type ItemInReport = { id: string; title: string; committee: string; heldOn: string; discussed: boolean; outcomeNote: string | null; priorityIds: number[]; shared: number };

/** The agenda items of the report's committees held in its period on its priorities, with how many contributions each shared. */
export async function itemsInReport(db: Kysely<Database>, scope: { committeeIds: readonly number[]; priorityIds: readonly number[]; periodStart: string; periodEnd: string }): Promise<ItemInReport[]> {
  if (scope.committeeIds.length === 0 || scope.priorityIds.length === 0) return [];
  const rows = await db
    .selectFrom('agenda_items')
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .select((eb) => [
      'agenda_items.id',
      'agenda_items.title',
      'committees.title as committee',
      'meetings.held_on',
      'agenda_items.discussed_at',
      'agenda_items.outcome_note',
      eb.selectFrom('agenda_item_priorities').select(sql<number[]>`coalesce(array_agg(priority_id order by priority_id), '{}')`.as('ids')).whereRef('agenda_item_priorities.agenda_item_id', '=', 'agenda_items.id').as('priority_ids'),
      eb.selectFrom('submission_shares').select(sql<number>`count(*)::int`.as('n')).whereRef('submission_shares.agenda_item_id', '=', 'agenda_items.id').as('shared'),
    ])
    .where('meetings.committee_id', 'in', [...scope.committeeIds])
    .where('meetings.held_on', '>=', scope.periodStart)
    .where('meetings.held_on', '<=', scope.periodEnd)
    .where((eb) => eb.exists(eb.selectFrom('agenda_item_priorities').select('priority_id').whereRef('agenda_item_priorities.agenda_item_id', '=', 'agenda_items.id').where('priority_id', 'in', [...scope.priorityIds])))
    .orderBy('meetings.held_on')
    .orderBy('agenda_items.position')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    committee: row.committee,
    heldOn: row.held_on,
    discussed: row.discussed_at !== null,
    outcomeNote: row.outcome_note,
    priorityIds: row.priority_ids ?? [],
    shared: Number(row.shared ?? 0),
  }));
}

/** Surveys attached to those agenda items, once each (survey, version, breakdown), with the items they came through. */
export async function surveysOfItems(db: Kysely<Database>, itemIds: readonly string[]) {
  if (itemIds.length === 0) return [];
  return db
    .selectFrom('agenda_item_surveys')
    .select(['agenda_item_id', 'survey_id', 'survey_version', 'breakdown'])
    .where('agenda_item_id', 'in', [...itemIds])
    .orderBy('attached_at')
    .orderBy('id')
    .execute();
}
