/** Queries for the moderation queue and the moderation state of one submission. */
import { sql, type Kysely } from 'kysely';
import type { AgeBand, Database, SubmissionKind, SubmissionStatus } from './schema.ts';
import { outsideLane } from './visibility.ts';

export type QueueFilters = {
  statuses: SubmissionStatus[];
  kind?: SubmissionKind | undefined;
  priority?: string | undefined;
  groupId?: string | undefined;
  ageBand?: AgeBand | undefined;
  safeguarding?: boolean | undefined;
  identifying?: boolean | undefined;
  /** Only (or no) submissions held as part of a group flood. */
  flood?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
};

/** Safeguarding first, then oldest first: the position of the last item seen. */
export type QueueCursor = { safeguarding: boolean; createdAt: string; id: string };

export type QueueViewer = { id: string; isLead: boolean };

const queueColumns = [
  'submissions.id',
  'submissions.kind',
  'submissions.text',
  'submissions.redacted_text',
  'submissions.age_band',
  'submissions.language',
  'submissions.status',
  'submissions.safeguarding',
  'submissions.wants_to_talk',
  'submissions.identifying_details',
  'submissions.flood',
  'submissions.screening',
  'submissions.flagged_by',
  'submissions.claimed_by',
  'submissions.claim_expires_at',
  'submissions.safeguarding_resolution',
  'submissions.created_at',
  'participation_groups.name as group_name',
] as const;

/** Queue rows this viewer may see. The restricted lane: a worker sees a flagged submission only when they flagged it. */
function visibleQueueRows(db: Kysely<Database>, viewer: QueueViewer) {
  const query = db.selectFrom('submissions').leftJoin('participation_groups', 'participation_groups.id', 'submissions.group_id').select(queueColumns);
  return viewer.isLead ? query : query.where((eb) => eb.or([outsideLane(eb), eb('submissions.flagged_by', '=', viewer.id)]));
}

/** One submission as the queue lists it, when it is waiting in this viewer's queue or lane, whatever page it is on. */
export async function findQueueItem(db: Kysely<Database>, viewer: QueueViewer, id: string): Promise<QueueRow | undefined> {
  return visibleQueueRows(db, viewer).where('submissions.id', '=', id).where('submissions.status', '<>', 'withdrawn').executeTakeFirst();
}

export async function listQueue(db: Kysely<Database>, viewer: QueueViewer, filters: QueueFilters, cursor: QueueCursor | undefined, limit: number) {
  let query = visibleQueueRows(db, viewer).where('submissions.status', 'in', filters.statuses);
  if (filters.kind) query = query.where('submissions.kind', '=', filters.kind);
  if (filters.ageBand) query = query.where('submissions.age_band', '=', filters.ageBand);
  if (filters.groupId) query = query.where('submissions.group_id', '=', filters.groupId);
  if (filters.safeguarding !== undefined) query = query.where('submissions.safeguarding', '=', filters.safeguarding);
  if (filters.identifying !== undefined) query = query.where('submissions.identifying_details', '=', filters.identifying);
  if (filters.flood !== undefined) query = query.where('submissions.flood', '=', filters.flood);
  if (filters.from) query = query.where('submissions.created_at', '>=', filters.from);
  if (filters.to) query = query.where('submissions.created_at', '<', filters.to);
  if (filters.priority) {
    const slug = filters.priority;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('submission_priorities')
          .innerJoin('priorities', 'priorities.id', 'submission_priorities.priority_id')
          .select(sql`1`.as('one'))
          .whereRef('submission_priorities.submission_id', '=', 'submissions.id')
          .where('priorities.slug', '=', slug),
      ),
    );
  }
  if (cursor) {
    // (safeguarding desc, created_at asc, id asc) strictly after the cursor.
    const at = new Date(cursor.createdAt);
    query = query.where((eb) =>
      cursor.safeguarding
        ? eb.or([
            eb('submissions.safeguarding', '=', false),
            eb.and([eb('submissions.safeguarding', '=', true), eb.or([eb('submissions.created_at', '>', at), eb.and([eb('submissions.created_at', '=', at), eb('submissions.id', '>', cursor.id)])])]),
          ])
        : eb.and([
            eb('submissions.safeguarding', '=', false),
            eb.or([eb('submissions.created_at', '>', at), eb.and([eb('submissions.created_at', '=', at), eb('submissions.id', '>', cursor.id)])]),
          ]),
    );
  }
  return query
    .orderBy('submissions.safeguarding', 'desc')
    .orderBy('submissions.created_at', 'asc')
    .orderBy('submissions.id', 'asc')
    .limit(limit + 1)
    .execute();
}

export type QueueRow = Awaited<ReturnType<typeof listQueue>>[number];

export async function findForModeration(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('submissions')
    .leftJoin('participation_groups', 'participation_groups.id', 'submissions.group_id')
    .select([
      ...queueColumns,
      'submissions.consent_share_with_committee',
      'submissions.consent_quote_in_reports',
      'submissions.consent_publish_publicly',
      'submissions.consent_given_by',
      'submissions.rejection_reason',
      'submissions.moderated_by',
      'submissions.moderated_at',
      'submissions.safeguarding_resolved_by',
      'submissions.safeguarding_resolved_at',
      'submissions.safeguarding_note',
      'submissions.referral_reference',
      'submissions.answers',
      'submissions.survey_id',
      'submissions.survey_version',
    ])
    .where('submissions.id', '=', id)
    .executeTakeFirst();
}

export type ModerationRow = NonNullable<Awaited<ReturnType<typeof findForModeration>>>;

export async function tagsOf(db: Kysely<Database>, submissionId: string): Promise<{ priorities: string[]; themes: string[] }> {
  const priorities = await db
    .selectFrom('submission_priorities')
    .innerJoin('priorities', 'priorities.id', 'submission_priorities.priority_id')
    .select('priorities.slug')
    .where('submission_priorities.submission_id', '=', submissionId)
    .orderBy('priorities.position')
    .execute();
  const themes = await db
    .selectFrom('submission_themes')
    .innerJoin('themes', 'themes.id', 'submission_themes.theme_id')
    .select('themes.slug')
    .where('submission_themes.submission_id', '=', submissionId)
    .orderBy('themes.slug')
    .execute();
  return { priorities: priorities.map((p) => p.slug), themes: themes.map((t) => t.slug) };
}

export async function mediaOf(db: Kysely<Database>, submissionId: string) {
  return db
    .selectFrom('media_objects')
    .select(['id', 'role', 'content_type', 'processing_status', 'width', 'height'])
    .where('submission_id', '=', submissionId)
    .orderBy('role')
    .execute();
}
