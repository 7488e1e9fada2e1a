/** Queries on submissions for intake, receipts and withdrawal. The caller owns any transaction. */
import { sql, type Kysely, type Transaction } from 'kysely';
import { preparedAs } from './prepared-statements.ts';
import type { Database, NewSubmission, SubmissionStatus } from './schema.ts';

export type IntakeRecord = {
  id: string;
  receipt: string;
  content_hash: string | null;
  safeguarding: boolean;
  wants_to_talk: boolean;
  status: SubmissionStatus;
  /** Deleted under the retention policy: only the id is left. */
  forgotten: boolean;
};

export async function findIntakeRecord(db: Kysely<Database>, id: string): Promise<IntakeRecord | undefined> {
  return db
    .selectFrom('submissions')
    .select(['id', 'receipt', 'content_hash', 'safeguarding', 'wants_to_talk', 'status', sql<boolean>`false`.as('forgotten')])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * The submission with this id, if any (or its tombstone, if retention deleted it), and one hit counted in the
 * rate-limit window unless it exists.
 */
function existingAndHit(id: string, bucket: string, windowStart: Date) {
  return sql`existing as (
      select id, receipt, content_hash, safeguarding, wants_to_talk, status, false as forgotten from submissions where id = ${id}::uuid
      union all
      select id, '', null, false, false, 'withdrawn', true from forgotten_submissions where id = ${id}::uuid
    ), hit as (
      insert into rate_limits (bucket, window_start, hits)
      select ${bucket}, ${windowStart}, 1 where not exists (select 1 from existing)
      on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
      returning hits
    )`;
}

type ExistingOrHitRow = IntakeRecord & { hits: number | null; found: boolean };

function splitExistingOrHit({ hits, found, ...existing }: ExistingOrHitRow): { existing: IntakeRecord | undefined; hits: number | undefined } {
  return { existing: found ? existing : undefined, hits: hits ?? undefined };
}

/**
 * One round trip for the common case at intake: the existing submission with this id, if any; otherwise one
 * hit counted in the device's rate-limit window (a replay of a stored submission never counts against the child).
 */
export async function findIntakeRecordOrCountHit(
  db: Kysely<Database>,
  id: string,
  bucket: string,
  windowStart: Date,
): Promise<{ existing: IntakeRecord | undefined; hits: number | undefined }> {
  const result = await sql<ExistingOrHitRow>`
    with ${existingAndHit(id, bucket, windowStart)}
    select e.*, e.id is not null as found, (select hits from hit) as hits
    from (select 1) as one left join existing as e on true`.execute(db);
  return splitExistingOrHit(result.rows[0]!);
}

/** What a submission without a picture stores; JSON columns as values, not text. */
export type NewTextSubmission = Omit<NewSubmission, 'screening' | 'answers' | 'status'> & { screening: unknown; answers: unknown };

const TEXT_SUBMISSION_COLUMNS = [
  'id', 'kind', 'text', 'age_band', 'language', 'group_id',
  'consent_share_with_committee', 'consent_quote_in_reports', 'consent_publish_publicly', 'consent_given_by',
  'receipt', 'content_hash', 'wants_to_talk', 'safeguarding', 'identifying_details', 'screening',
  'survey_id', 'survey_version', 'answers', 'created_at', 'updated_at',
] as const satisfies readonly (keyof NewTextSubmission)[];
const columnList = sql.raw(TEXT_SUBMISSION_COLUMNS.join(', '));

/**
 * The whole intake of a submission without a picture, as one statement (one round trip, one commit): replay
 * check, rate-limit hit, the insert when within `limit`, and the safeguarding notice job when flagged.
 * `inserted` is false when the submission existed, the limit was passed, or a concurrent request with this id won.
 */
export async function insertTextSubmissionOnce(
  db: Kysely<Database>,
  submission: NewTextSubmission,
  rate: { bucket: string; windowStart: Date; limit: number },
  now: Date,
): Promise<{ existing: IntakeRecord | undefined; hits: number | undefined; inserted: boolean }> {
  const record = Object.fromEntries(TEXT_SUBMISSION_COLUMNS.map((column) => [column, submission[column] ?? null]));
  const result = await sql<ExistingOrHitRow & { inserted: boolean }>`${preparedAs('intake_text_submission')}
    with ${existingAndHit(submission.id, rate.bucket, rate.windowStart)}, inserted as (
      insert into submissions (${columnList})
      select ${columnList} from jsonb_populate_record(null::submissions, ${JSON.stringify(record)}::jsonb)
      where (select hits from hit) <= ${rate.limit}
      on conflict (id) do nothing
      returning id, safeguarding
    ), notice as (
      -- Nobody watches the queue at night: the lead's own system hears about it now.
      insert into jobs (kind, payload, run_at)
      select 'notify_safeguarding', jsonb_build_object('submissionId', id, 'event', 'flagged_at_intake'), ${now}
      from inserted where safeguarding
    )
    select e.*, e.id is not null as found, (select hits from hit) as hits, exists (select 1 from inserted) as inserted
    from (select 1) as one left join existing as e on true`.execute(db);
  const { inserted, ...row } = result.rows[0]!;
  return { ...splitExistingOrHit(row), inserted };
}

export type NewOriginal = { storageKey: string; contentType: string; bytes: number; width: number; height: number };

/**
 * Inserts the submission (and, for a drawing, its quarantined original and the job that processes it: pass a
 * transaction then).
 * Returns false, inserting nothing, when a submission with this id already exists: the primary key,
 * not memory, decides which of two concurrent requests wins.
 */
export async function insertSubmission(
  trx: Kysely<Database>,
  submission: NewSubmission,
  original: NewOriginal | undefined,
  now: Date,
): Promise<boolean> {
  const inserted = await trx
    .insertInto('submissions')
    .values(submission)
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return false;
  if (submission.safeguarding) {
    // Nobody watches the queue at night: the lead's own system hears about it now.
    await trx.insertInto('jobs').values({ kind: 'notify_safeguarding', payload: JSON.stringify({ submissionId: submission.id, event: 'flagged_at_intake' }), run_at: now }).execute();
  }
  if (original) {
    const media = await trx
      .insertInto('media_objects')
      .values({
        submission_id: submission.id,
        role: 'original',
        storage_key: original.storageKey,
        content_type: original.contentType,
        bytes: original.bytes,
        width: original.width,
        height: original.height,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('jobs')
      .values({ kind: 'process_drawing', payload: JSON.stringify({ submissionId: submission.id, mediaId: media.id }), run_at: now })
      .execute();
  }
  return true;
}

export type ReceiptView = {
  id: string;
  status: SubmissionStatus;
  created_at: Date;
  withdrawn_at: Date | string | null;
  /** Its picture passed intake but could not be processed (the job runner marked the original failed). */
  picture_failed?: boolean;
};

export async function findByReceipt(db: Kysely<Database>, receipt: string): Promise<ReceiptView | undefined> {
  const row = await db
    .selectFrom('submissions')
    .select(['id', 'status', 'created_at', 'withdrawn_at'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('media_objects')
            .select('media_objects.id')
            .whereRef('media_objects.submission_id', '=', 'submissions.id')
            .where('media_objects.processing_status', '=', 'failed'),
        )
        .as('picture_failed'),
    )
    .where('receipt', '=', receipt)
    .executeTakeFirst();
  // PostgreSQL answers EXISTS as a boolean, PGlite too; a driver answering 0/1 is read the same way.
  return row && { ...row, picture_failed: Boolean(row.picture_failed) };
}

/** The committees that discussed a submission, when, and what they said they would do. */
export async function sharesOf(db: Kysely<Database>, submissionId: string): Promise<{ committee: string; on: string; note: string | null }[]> {
  return db
    .selectFrom('submission_shares')
    .innerJoin('agenda_items', 'agenda_items.id', 'submission_shares.agenda_item_id')
    .innerJoin('meetings', 'meetings.id', 'agenda_items.meeting_id')
    .innerJoin('committees', 'committees.id', 'meetings.committee_id')
    .select(['committees.title as committee', 'submission_shares.shared_on as on', 'agenda_items.outcome_note as note'])
    .where('submission_shares.submission_id', '=', submissionId)
    .orderBy('submission_shares.shared_on')
    .execute();
}

/**
 * Erases what the child said and marks the submission withdrawn, in the caller's transaction: text, answers,
 * screening findings, the content fingerprint and every tag go. Media rows stay until their objects are deleted.
 * Returns the submission id, or undefined when the receipt is unknown.
 */
export async function withdrawByReceipt(
  trx: Transaction<Database>,
  receipt: string,
  now: Date,
): Promise<{ id: string; alreadyWithdrawn: boolean } | undefined> {
  const row = await trx
    .selectFrom('submissions')
    .select(['id', 'status'])
    .where('receipt', '=', receipt)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  if (row.status === 'withdrawn') return { id: row.id, alreadyWithdrawn: true };
  await trx.deleteFrom('submission_priorities').where('submission_id', '=', row.id).execute();
  await trx.deleteFrom('submission_themes').where('submission_id', '=', row.id).execute();
  await trx
    .updateTable('submissions')
    .set({
      status: 'withdrawn',
      text: null,
      redacted_text: null,
      answers: null,
      screening: '{}',
      content_hash: null,
      withdrawn_at: now,
      updated_at: now,
    })
    .where('id', '=', row.id)
    .execute();
  return { id: row.id, alreadyWithdrawn: false };
}

export async function listMediaKeys(db: Kysely<Database>, submissionId: string): Promise<{ id: string; storage_key: string }[]> {
  return db.selectFrom('media_objects').select(['id', 'storage_key']).where('submission_id', '=', submissionId).execute();
}

export async function deleteMediaRow(db: Kysely<Database>, mediaId: string): Promise<void> {
  await db.deleteFrom('media_objects').where('id', '=', mediaId).execute();
}
