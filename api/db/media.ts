/** Queries for serving a stored picture: the media object with what its submission's visibility depends on. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** A processed picture or thumbnail that is ready, with its submission's status and safeguarding state; never the raw upload. */
export async function findServableMedia(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('media_objects')
    .innerJoin('submissions', 'submissions.id', 'media_objects.submission_id')
    .select([
      'media_objects.storage_key',
      'media_objects.content_type',
      'media_objects.role',
      'media_objects.submission_id',
      'submissions.status',
      'submissions.withdrawn_at',
      'submissions.safeguarding',
      'submissions.safeguarding_resolution',
      'submissions.flagged_by',
    ])
    .where('media_objects.id', '=', id)
    .where('media_objects.role', 'in', ['processed', 'thumbnail'])
    .where('media_objects.processing_status', '=', 'ready')
    .executeTakeFirst();
}

/** The processed picture and thumbnail of each drawing, when ready. */
export async function readyMediaOf(db: Kysely<Database>, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('media_objects')
    .select(['id', 'submission_id', 'role', 'storage_key', 'content_type'])
    .where('submission_id', 'in', [...ids])
    .where('role', 'in', ['processed', 'thumbnail'])
    .where('processing_status', '=', 'ready')
    .execute();
}
