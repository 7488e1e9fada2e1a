/** The queries behind an agenda item's feedback: which submissions it pulls, their tags, and the figures. */
import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { AgeBand, Database, SubmissionKind } from './schema.ts';
import { shownToCommittees } from './visibility.ts';

export type AgendaItem = {
  id: string;
  title: string;
  description: string;
  committeeId: number;
  committeeTitle: string;
  meetingId: string;
  heldOn: string;
  priorityIds: number[];
  themeIds: number[];
  from: Date | null;
  until: Date | null;
  kinds: SubmissionKind[] | null;
  ageBands: AgeBand[] | null;
  discussedAt: Date | null;
  outcomeNote: string | null;
};

export async function loadAgendaItem(db: Kysely<Database>, id: string): Promise<AgendaItem | undefined> {
  return (await loadAgendaItems(db, { ids: [id] }))[0];
}

/** Agenda items by id, or every item of some committees (`'all'`: every committee), in three statements however many. */
export async function loadAgendaItems(db: Kysely<Database>, which: { ids: readonly string[] } | { committeeIds: readonly number[] | 'all' }): Promise<AgendaItem[]> {
  let query = db
    .selectFrom('agenda_items')
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .select([
      'agenda_items.id',
      'agenda_items.title',
      'agenda_items.description',
      'agenda_items.submitted_from',
      'agenda_items.submitted_until',
      'agenda_items.kinds',
      'agenda_items.age_bands',
      'agenda_items.discussed_at',
      'agenda_items.outcome_note',
      'meetings.id as meeting_id',
      'meetings.held_on',
      'committees.id as committee_id',
      'committees.title as committee_title',
    ]);
  if ('ids' in which) query = query.where('agenda_items.id', 'in', which.ids.length > 0 ? [...which.ids] : [NO_ID]);
  else if (which.committeeIds !== 'all') query = query.where('meetings.committee_id', 'in', which.committeeIds.length > 0 ? [...which.committeeIds] : [-1]);
  const rows = await query.execute();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const priorities = await db.selectFrom('agenda_item_priorities').select(['agenda_item_id', 'priority_id']).where('agenda_item_id', 'in', ids).execute();
  const themes = await db.selectFrom('agenda_item_themes').select(['agenda_item_id', 'theme_id']).where('agenda_item_id', 'in', ids).execute();
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    description: row.description,
    committeeId: row.committee_id,
    committeeTitle: row.committee_title,
    meetingId: row.meeting_id,
    heldOn: row.held_on,
    priorityIds: priorities.filter((p) => p.agenda_item_id === row.id).map((p) => p.priority_id),
    themeIds: themes.filter((t) => t.agenda_item_id === row.id).map((t) => t.theme_id),
    from: row.submitted_from ? new Date(row.submitted_from) : null,
    until: row.submitted_until ? new Date(row.submitted_until) : null,
    kinds: row.kinds,
    ageBands: row.age_bands,
    discussedAt: row.discussed_at ? new Date(row.discussed_at) : null,
    outcomeNote: row.outcome_note,
  }));
}

/**
 * What a pull reads: the item's live match, or exactly the submissions an issued pack version showed. The
 * consent rules hold either way, so a version can never show more than the children agreed to.
 */
export type PullScope = { item: AgendaItem; onlyIds?: readonly string[] | undefined };

/** All in the pull index, so choosing and counting never reads the table; only a page's own rows are read. */
const PULLED_COLUMNS = [
  'submissions.id',
  'submissions.kind',
  'submissions.age_band',
  'submissions.group_id',
  'submissions.created_at',
  'submissions.priority_ids',
  'submissions.theme_ids',
] as const;

/**
 * The submissions a scope pulls. The consent and moderation rules (`shownToCommittees`): approved, shared with
 * committees by the child, not withdrawn, outside the safeguarding lane; and not excluded by a worker. Then the item's own match (its priorities or themes, dates, kinds, ages),
 * or a worker's pin. Match and pins are two disjoint selects joined by `union all`, so the match is a range of the pull index
 * (status, consent, created_at, covering the columns above) and its tag test reads the row's own tag ids.
 */
function pulledSubmissions(db: Kysely<Database>, scope: PullScope) {
  const { item, onlyIds } = scope;
  const curated = (choice: 'pin' | 'exclude') =>
    db.selectFrom('agenda_item_curation').select('agenda_item_curation.submission_id').where('agenda_item_curation.agenda_item_id', '=', item.id).where('agenda_item_curation.choice', '=', choice);
  const consented = db
    .selectFrom('submissions')
    .select(PULLED_COLUMNS)
    .where(shownToCommittees);
  if (onlyIds) return consented.where('submissions.id', 'in', onlyIds.length > 0 ? [...onlyIds] : [NO_ID]);

  // Pinned rows come only from the pin arm, so the two arms never overlap and need no de-duplication.
  let matched = consented.where('submissions.id', 'not in', curated('exclude')).where('submissions.id', 'not in', curated('pin'));
  const tagged: RawBuilder<boolean>[] = [];
  if (item.priorityIds.length > 0) tagged.push(sql<boolean>`submissions.priority_ids && ${sql.val(item.priorityIds)}::integer[]`);
  if (item.themeIds.length > 0) tagged.push(sql<boolean>`submissions.theme_ids && ${sql.val(item.themeIds)}::integer[]`);
  if (tagged.length > 0) matched = matched.where((eb) => eb.or(tagged));
  if (item.from) matched = matched.where('submissions.created_at', '>=', item.from);
  if (item.until) matched = matched.where('submissions.created_at', '<', item.until);
  if (item.kinds?.length) matched = matched.where('submissions.kind', 'in', item.kinds);
  if (item.ageBands?.length) matched = matched.where('submissions.age_band', 'in', item.ageBands);
  const pinned = consented.where('submissions.id', 'in', curated('pin'));
  return matched.unionAll(pinned);
}

/**
 * Whether any agenda item of `committeeIds` shows the submission now: its live pull, or the current pack version
 * of the item. A submission outside `shownToCommittees` is never shown, so that is checked first.
 */
export async function shownByCommittees(db: Kysely<Database>, submissionId: string, committeeIds: readonly number[] | 'all'): Promise<boolean> {
  if (committeeIds !== 'all' && committeeIds.length === 0) return false;
  const shown = await db.selectFrom('submissions').select('submissions.id').where('submissions.id', '=', submissionId).where(shownToCommittees).executeTakeFirst();
  if (!shown) return false;
  const items = await loadAgendaItems(db, { committeeIds });
  if (items.length === 0) return false;
  const inVersion = await db
    .selectFrom('pack_version_entries')
    .innerJoin('pack_versions', 'pack_versions.id', 'pack_version_entries.pack_version_id')
    .select('pack_versions.id')
    .where('pack_version_entries.submission_id', '=', submissionId)
    .where('pack_versions.superseded_at', 'is', null)
    .where('pack_versions.agenda_item_id', 'in', items.map((item) => item.id))
    .executeTakeFirst();
  if (inVersion) return true;
  // Each item's own pull, narrowed to this submission, in one statement.
  const pulls = items.map((item) => db.selectFrom(pulledSubmissions(db, { item }).as('pulled')).select('pulled.id').where('pulled.id', '=', submissionId));
  const [first, ...rest] = pulls;
  const pulled = await rest.reduce((all, next) => all.unionAll(next), first!).limit(1).executeTakeFirst();
  return pulled !== undefined;
}

/** A uuid no submission has: `in ()` is not SQL, and an empty version pulls nothing. */
const NO_ID = '00000000-0000-0000-0000-000000000000';

/** Where the last page ended, in the page order: pinned first, then newest first. */
export type PullCursor = { pinned: boolean; createdAt: string; id: string };

export async function pullPage(db: Kysely<Database>, scope: PullScope, cursor: PullCursor | undefined, limit: number) {
  const pinned = sql<boolean>`coalesce(agenda_item_curation.choice = 'pin', false)`;
  let page = db
    .selectFrom(pulledSubmissions(db, scope).as('pulled'))
    .leftJoin('agenda_item_curation', (join) => join.onRef('agenda_item_curation.submission_id', '=', 'pulled.id').on('agenda_item_curation.agenda_item_id', '=', scope.item.id))
    .select(['pulled.id', 'pulled.created_at', 'agenda_item_curation.choice as curation_choice', 'agenda_item_curation.note as curation_note', pinned.as('pinned')]);
  if (cursor) {
    const at = new Date(cursor.createdAt);
    page = page.where((eb) => {
      const older = eb.or([eb('pulled.created_at', '<', at), eb.and([eb('pulled.created_at', '=', at), eb('pulled.id', '<', cursor.id)])]);
      // After a pinned row come the older pinned rows, then every row that is not pinned.
      return cursor.pinned ? eb.or([eb(pinned, '=', false), eb.and([eb(pinned, '=', true), older])]) : eb.and([eb(pinned, '=', false), older]);
    });
  }
  const chosen = page.orderBy(pinned, 'desc').orderBy('pulled.created_at', 'desc').orderBy('pulled.id', 'desc').limit(limit + 1);
  // Only the page's own rows are read from the table, for their words. No age band, group or tags: a committee's
  // list never carries them (committees/committee-entry.ts).
  return db
    .selectFrom(chosen.as('page'))
    .innerJoin('submissions', 'submissions.id', 'page.id')
    .select([
      'page.id',
      'submissions.kind',
      'submissions.text',
      'submissions.redacted_text',
      'submissions.consent_quote_in_reports',
      'submissions.language',
      'page.created_at',
      'page.curation_choice',
      'page.curation_note',
      'page.pinned',
    ])
    .orderBy('page.pinned', 'desc')
    .orderBy('page.created_at', 'desc')
    .orderBy('page.id', 'desc')
    .execute();
}

export type PulledRow = Awaited<ReturnType<typeof pullPage>>[number];

export type Count = { key: string; count: number };

/** True counts of a pulled set by each dimension; never shown as they are (see committees/figures.ts). */
export type RawCounts = { total: number; kind: Count[]; ageBand: Count[]; month: Count[]; group: Count[]; priority: Count[]; theme: Count[] };

/**
 * Counts of everything the scope pulls, by each dimension, and which submissions they counted: one statement, so
 * the ids and the counts are of the same set.
 */
export async function pullFigures(db: Kysely<Database>, scope: PullScope): Promise<{ ids: string[]; counts: RawCounts }> {
  return countSubmissions(db, pulledSubmissions(db, scope));
}

/**
 * The submissions a query selects (with the pull's columns: kind, age_band, created_at, group_id, priority_ids,
 * theme_ids, id), counted by each dimension with their ids, in one statement.
 */
export async function countSubmissions(db: Kysely<Database>, pulled: Expression<unknown>): Promise<{ ids: string[]; counts: RawCounts }> {
  const result = await sql<{ dimension: string; key: string | null; count: number }>`
    with pulled as materialized (${pulled})
    select 'total' as dimension, null as key, count(*)::int as count from pulled
    union all select 'kind', kind, count(*)::int from pulled group by kind
    union all select 'ageBand', age_band, count(*)::int from pulled group by age_band
    union all select 'month', to_char(created_at at time zone 'UTC', 'YYYY-MM'), count(*)::int from pulled group by 2
    union all select 'group', coalesce(g.name, 'No group'), count(*)::int from pulled left join participation_groups g on g.id = pulled.group_id group by 2
    union all select 'priority', p.title, count(*)::int from pulled cross join unnest(pulled.priority_ids) as tag(id) join priorities p on p.id = tag.id group by 2
    union all select 'theme', t.title, count(*)::int from pulled cross join unnest(pulled.theme_ids) as tag(id) join themes t on t.id = tag.id group by 2
    union all select 'id', pulled.id::text, 0 from pulled`.execute(db);
  const of = (dimension: string): Count[] => result.rows.filter((row) => row.dimension === dimension).map((row) => ({ key: row.key ?? '', count: row.count }));
  const total = result.rows.find((row) => row.dimension === 'total')?.count ?? 0;
  const ids = result.rows.filter((row) => row.dimension === 'id').map((row) => row.key!);
  return { ids, counts: { total, kind: of('kind'), ageBand: of('ageBand'), month: of('month'), group: of('group'), priority: of('priority'), theme: of('theme') } };
}

export async function processedMediaFor(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('media_objects')
    .select(['id', 'submission_id', 'role'])
    .where('submission_id', 'in', ids)
    .where('role', 'in', ['processed', 'thumbnail'])
    .where('processing_status', '=', 'ready')
    .execute();
}
