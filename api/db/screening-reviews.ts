/** Queries for screening reviews: a lead's false positives and missed disclosures, and a reviewer's decisions on them. */
import type { Kysely } from 'kysely';
import type { Database, ScreeningReviewKind, ScreeningReviewStatus } from './schema.ts';

export type NewScreeningReview = {
  submissionId: string;
  kind: ScreeningReviewKind;
  category: string;
  reason: string | null;
  field: string;
  phraseId: string | null;
  signal: string | null;
  language: string | null;
  textSnapshot: string | null;
  createdBy: string;
  now: Date;
};

export async function insertScreeningReview(db: Kysely<Database>, review: NewScreeningReview): Promise<string> {
  const row = await db
    .insertInto('screening_reviews')
    .values({
      submission_id: review.submissionId,
      kind: review.kind,
      category: review.category,
      reason: review.reason,
      field: review.field,
      phrase_id: review.phraseId,
      signal: review.signal,
      language: review.language,
      text_snapshot: review.textSnapshot,
      created_by: review.createdBy,
      created_at: review.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const reviewColumns = [
  'screening_reviews.id',
  'screening_reviews.submission_id',
  'screening_reviews.kind',
  'screening_reviews.category',
  'screening_reviews.reason',
  'screening_reviews.field',
  'screening_reviews.phrase_id',
  'screening_reviews.signal',
  'screening_reviews.language',
  'screening_reviews.text_snapshot',
  'screening_reviews.status',
  'screening_reviews.created_at',
  'screening_reviews.reviewed_at',
] as const;

/** Reviews in one status, oldest first, with who made them. A withdrawn submission's snapshot never leaves here. */
export async function listScreeningReviews(db: Kysely<Database>, status: ScreeningReviewStatus, limit: number) {
  return db
    .selectFrom('screening_reviews')
    .innerJoin('submissions', 'submissions.id', 'screening_reviews.submission_id')
    .leftJoin('staff_users', 'staff_users.id', 'screening_reviews.created_by')
    .select(reviewColumns)
    .select(['staff_users.display_name as created_by_name', 'submissions.status as submission_status'])
    .where('screening_reviews.status', '=', status)
    .orderBy('screening_reviews.created_at')
    .orderBy('screening_reviews.id')
    .limit(limit)
    .execute();
}

export type ScreeningReviewRow = Awaited<ReturnType<typeof listScreeningReviews>>[number];

/** The reviews recorded on one submission, for its moderation view (no snapshot: staff there see the text itself). */
export async function reviewsOfSubmission(db: Kysely<Database>, submissionId: string) {
  return db
    .selectFrom('screening_reviews')
    .select(['id', 'kind', 'category', 'field', 'phrase_id', 'signal', 'status', 'created_at'])
    .where('submission_id', '=', submissionId)
    .orderBy('created_at')
    .execute();
}

/** Accepts or rejects a pending review; undefined when there is no such pending review. */
export async function decideScreeningReview(db: Kysely<Database>, id: string, status: 'accepted' | 'rejected', reviewerId: string, now: Date) {
  return db
    .updateTable('screening_reviews')
    .set({ status, reviewed_by: reviewerId, reviewed_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning(['id', 'submission_id', 'kind', 'status'])
    .executeTakeFirst();
}

export async function findScreeningReview(db: Kysely<Database>, id: string) {
  return db.selectFrom('screening_reviews').select(['id', 'status']).where('id', '=', id).executeTakeFirst();
}

/** Accepted reviews that can become corpus lines: a snapshot kept, and the child has not withdrawn. */
export async function acceptedForCorpus(db: Kysely<Database>) {
  return db
    .selectFrom('screening_reviews')
    .innerJoin('submissions', 'submissions.id', 'screening_reviews.submission_id')
    .select(['screening_reviews.id', 'screening_reviews.kind', 'screening_reviews.category', 'screening_reviews.language', 'screening_reviews.text_snapshot'])
    .where('screening_reviews.status', '=', 'accepted')
    .where('screening_reviews.text_snapshot', 'is not', null)
    .where('submissions.status', '!=', 'withdrawn')
    .orderBy('screening_reviews.reviewed_at')
    .orderBy('screening_reviews.id')
    .execute();
}

/** Withdrawal and retention: the child's words leave the reviews too (the review itself, without text, stays). */
export async function forgetReviewSnapshots(db: Kysely<Database>, submissionId: string): Promise<void> {
  await db.updateTable('screening_reviews').set({ text_snapshot: null }).where('submission_id', '=', submissionId).execute();
}
