/** Queries that enrich a page of the moderation queue: drawing thumbnails and recent texts to spot duplicates among. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';
import { outsideLane } from './visibility.ts';
import type { QueueViewer } from './moderation.ts';

/** The ready thumbnail of each submission that has one, by submission id. */
export async function thumbnailsOf(db: Kysely<Database>, submissionIds: string[]): Promise<Map<string, string>> {
  if (submissionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('media_objects')
    .select(['id', 'submission_id'])
    .where('submission_id', 'in', submissionIds)
    .where('role', '=', 'thumbnail')
    .where('processing_status', '=', 'ready')
    .orderBy('created_at', 'desc')
    .execute();
  const found = new Map<string, string>();
  for (const row of rows) if (!found.has(row.submission_id)) found.set(row.submission_id, row.id);
  return found;
}

/** Submissions still waiting for a decision, received between `from` and `to`, with their text; the lane wall holds. */
export async function waitingTextsBetween(db: Kysely<Database>, viewer: QueueViewer, from: Date, to: Date) {
  let query = db
    .selectFrom('submissions')
    .select(['id', 'text', 'created_at'])
    .where('status', 'in', ['received', 'in_review'])
    .where('text', 'is not', null)
    .where('created_at', '>=', from)
    .where('created_at', '<=', to);
  if (!viewer.isLead) query = query.where((eb) => eb.or([outsideLane(eb), eb('submissions.flagged_by', '=', viewer.id)]));
  return query.orderBy('created_at').orderBy('id').limit(2000).execute();
}
