/** The queries behind an agenda item's feedback: which submissions it pulls, their tags, and the figures. */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { AgeBand, Database, SubmissionKind } from './schema.ts';

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
  const row = await db
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
    ])
    .where('agenda_items.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const priorities = await db.selectFrom('agenda_item_priorities').select('priority_id').where('agenda_item_id', '=', id).execute();
  const themes = await db.selectFrom('agenda_item_themes').select('theme_id').where('agenda_item_id', '=', id).execute();
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    committeeId: row.committee_id,
    committeeTitle: row.committee_title,
    meetingId: row.meeting_id,
    heldOn: row.held_on,
    priorityIds: priorities.map((p) => p.priority_id),
    themeIds: themes.map((t) => t.theme_id),
    from: row.submitted_from ? new Date(row.submitted_from) : null,
    until: row.submitted_until ? new Date(row.submitted_until) : null,
    kinds: row.kinds,
    ageBands: row.age_bands,
    discussedAt: row.discussed_at ? new Date(row.discussed_at) : null,
    outcomeNote: row.outcome_note,
  };
}

/**
 * The consent and moderation rules every pull obeys: approved, shared with committees by the child, not withdrawn,
 * and not excluded by a worker. Then the item's own match (its priorities or themes, dates, kinds, ages), or a pin.
 */
function pulled(item: AgendaItem) {
  return (eb: ExpressionBuilder<Database, 'submissions'>) => {
    const matches = [];
    if (item.priorityIds.length > 0 || item.themeIds.length > 0) {
      const tagged = [];
      if (item.priorityIds.length > 0) {
        tagged.push(
          eb.exists(
            eb.selectFrom('submission_priorities').select(sql`1`.as('one')).whereRef('submission_priorities.submission_id', '=', 'submissions.id').where('submission_priorities.priority_id', 'in', item.priorityIds),
          ),
        );
      }
      if (item.themeIds.length > 0) {
        tagged.push(
          eb.exists(eb.selectFrom('submission_themes').select(sql`1`.as('one')).whereRef('submission_themes.submission_id', '=', 'submissions.id').where('submission_themes.theme_id', 'in', item.themeIds)),
        );
      }
      matches.push(eb.or(tagged));
    }
    if (item.from) matches.push(eb('submissions.created_at', '>=', item.from));
    if (item.until) matches.push(eb('submissions.created_at', '<', item.until));
    if (item.kinds?.length) matches.push(eb('submissions.kind', 'in', item.kinds));
    if (item.ageBands?.length) matches.push(eb('submissions.age_band', 'in', item.ageBands));
    const curated = (choice: 'pin' | 'exclude') =>
      eb.exists(
        eb
          .selectFrom('agenda_item_curation')
          .select(sql`1`.as('one'))
          .whereRef('agenda_item_curation.submission_id', '=', 'submissions.id')
          .where('agenda_item_curation.agenda_item_id', '=', item.id)
          .where('agenda_item_curation.choice', '=', choice),
      );
    return eb.and([consented(eb), eb.not(curated('exclude')), eb.or([matches.length > 0 ? eb.and(matches) : eb.lit(true), curated('pin')])]);
  };
}

function consented(eb: ExpressionBuilder<Database, 'submissions'>) {
  return eb.and([
    eb('submissions.status', '=', 'approved'),
    eb('submissions.consent_share_with_committee', '=', true),
    eb('submissions.withdrawn_at', 'is', null),
  ]);
}

/**
 * What a pull reads: the item's live match, or exactly the submissions an issued pack version showed. The
 * consent rules hold either way, so a version can never show more than the children agreed to.
 */
export type PullScope = { item: AgendaItem; onlyIds?: readonly string[] | undefined };

function scoped(scope: PullScope) {
  const { onlyIds } = scope;
  if (!onlyIds) return pulled(scope.item);
  return (eb: ExpressionBuilder<Database, 'submissions'>) =>
    eb.and([consented(eb), onlyIds.length > 0 ? eb('submissions.id', 'in', onlyIds) : eb.lit(false)]);
}

export type PullCursor = { createdAt: string; id: string };

export async function pullPage(db: Kysely<Database>, scope: PullScope, cursor: PullCursor | undefined, limit: number) {
  const { item } = scope;
  let query = db
    .selectFrom('submissions')
    .leftJoin('participation_groups', 'participation_groups.id', 'submissions.group_id')
    .leftJoin('agenda_item_curation', (join) => join.onRef('agenda_item_curation.submission_id', '=', 'submissions.id').on('agenda_item_curation.agenda_item_id', '=', item.id))
    .select([
      'submissions.id',
      'submissions.kind',
      'submissions.age_band',
      'submissions.text',
      'submissions.redacted_text',
      'submissions.consent_quote_in_reports',
      'submissions.created_at',
      'participation_groups.name as group_name',
      'agenda_item_curation.choice as curation_choice',
      'agenda_item_curation.note as curation_note',
    ])
    .where(scoped(scope));
  if (cursor) {
    const at = new Date(cursor.createdAt);
    query = query.where((eb) => eb.or([eb('submissions.created_at', '<', at), eb.and([eb('submissions.created_at', '=', at), eb('submissions.id', '<', cursor.id)])]));
  }
  // Pinned first, then newest first.
  return query
    .orderBy(sql`agenda_item_curation.choice = 'pin'`, sql`desc nulls last`)
    .orderBy('submissions.created_at', 'desc')
    .orderBy('submissions.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export type PulledRow = Awaited<ReturnType<typeof pullPage>>[number];

/** Counts of everything the item pulls, by each dimension. */
export async function pullFigures(db: Kysely<Database>, scope: PullScope) {
  const base = db.selectFrom('submissions').where(scoped(scope));
  const count = sql<number>`count(*)::int`.as('count');
  const [total, kind, ageBand, month, group, priority, theme] = await Promise.all([
    base.select(count).executeTakeFirstOrThrow(),
    base.select(['submissions.kind as key', count]).groupBy('submissions.kind').execute(),
    base.select(['submissions.age_band as key', count]).groupBy('submissions.age_band').execute(),
    base.select([sql<string>`to_char(submissions.created_at at time zone 'UTC', 'YYYY-MM')`.as('key'), count]).groupBy(sql`1`).execute(),
    base
      .leftJoin('participation_groups', 'participation_groups.id', 'submissions.group_id')
      .select([sql<string>`coalesce(participation_groups.name, 'No group')`.as('key'), count])
      .groupBy(sql`1`)
      .execute(),
    base
      .innerJoin('submission_priorities', 'submission_priorities.submission_id', 'submissions.id')
      .innerJoin('priorities', 'priorities.id', 'submission_priorities.priority_id')
      .select(['priorities.title as key', count])
      .groupBy('priorities.title')
      .execute(),
    base
      .innerJoin('submission_themes', 'submission_themes.submission_id', 'submissions.id')
      .innerJoin('themes', 'themes.id', 'submission_themes.theme_id')
      .select(['themes.title as key', count])
      .groupBy('themes.title')
      .execute(),
  ]);
  return { total: total.count, kind, ageBand, month, group, priority, theme };
}

export async function tagsForSubmissions(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return { priorities: [], themes: [] };
  const priorities = await db
    .selectFrom('submission_priorities')
    .innerJoin('priorities', 'priorities.id', 'submission_priorities.priority_id')
    .select(['submission_priorities.submission_id', 'priorities.title'])
    .where('submission_priorities.submission_id', 'in', ids)
    .orderBy('priorities.position')
    .execute();
  const themes = await db
    .selectFrom('submission_themes')
    .innerJoin('themes', 'themes.id', 'submission_themes.theme_id')
    .select(['submission_themes.submission_id', 'themes.title'])
    .where('submission_themes.submission_id', 'in', ids)
    .orderBy('themes.title')
    .execute();
  return { priorities, themes };
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
