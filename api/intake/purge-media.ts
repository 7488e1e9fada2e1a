/** Deletes every stored object of a submission, then its media rows. Safe to run again after a partial failure. */
import { deleteMediaRow, listMediaKeys } from '../db/submissions.ts';
import type { AppDeps } from '../deps.ts';

export async function purgeMedia(deps: Pick<AppDeps, 'db' | 'blobs'>, submissionId: string): Promise<number> {
  const media = await listMediaKeys(deps.db, submissionId);
  for (const item of media) {
    await deps.blobs.delete(item.storage_key);
    await deleteMediaRow(deps.db, item.id);
  }
  return media.length;
}
