/**
 * The process_drawing job: turn a quarantined upload into a clean WebP and thumbnail (orientation applied,
 * every piece of metadata gone), then delete the upload. Each step can run again after a crash.
 */
import type { AppDeps } from '../deps.ts';
import { ImageRejectedError, type ImageProcessor } from '../images/image-processor.ts';
import { purgeMedia } from '../intake/purge-media.ts';
import { putProcessed, recordProcessed } from '../images/processed-media.ts';

export type ProcessDrawingPayload = { submissionId: string; mediaId: string };

/** Thrown for inputs that will never process; the runner dead-letters the job instead of retrying. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export async function processDrawing(deps: AppDeps, processor: ImageProcessor, payload: ProcessDrawingPayload): Promise<void> {
  const submission = await deps.db.selectFrom('submissions').select(['status']).where('id', '=', payload.submissionId).executeTakeFirst();
  if (!submission || submission.status === 'withdrawn') {
    if (submission) await purgeMedia(deps, payload.submissionId);
    return;
  }
  const original = await deps.db
    .selectFrom('media_objects')
    .select(['id', 'storage_key', 'processing_status'])
    .where('id', '=', payload.mediaId)
    .executeTakeFirst();
  if (!original) return;

  const done = await deps.db
    .selectFrom('media_objects')
    .select('id')
    .where('submission_id', '=', payload.submissionId)
    .where('role', '=', 'processed')
    .executeTakeFirst();
  if (!done) {
    const blob = await deps.blobs.get(original.storage_key);
    if (!blob) throw new PermanentJobError('the quarantined original is missing');
    const bytes = new Uint8Array(await new Response(blob.body).arrayBuffer());
    let result;
    try {
      result = await processor.process(bytes);
    } catch (error) {
      if (error instanceof ImageRejectedError) {
        await deps.db.updateTable('media_objects').set({ processing_status: 'failed' }).where('id', '=', original.id).execute();
        await deps.blobs.delete(original.storage_key);
        throw new PermanentJobError(`image rejected: ${error.reason}`);
      }
      throw error;
    }
    const outputs = await putProcessed(deps.blobs, payload.submissionId, result);

    const stillWanted = await deps.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('submissions').select('status').where('id', '=', payload.submissionId).forUpdate().executeTakeFirst();
      if (!row || row.status === 'withdrawn') return false;
      await recordProcessed(trx, payload.submissionId, outputs);
      await trx.updateTable('media_objects').set({ processing_status: 'ready' }).where('id', '=', original.id).execute();
      return true;
    });
    if (!stillWanted) {
      // Withdrawn while we worked: nothing we made may outlive the withdrawal.
      for (const output of outputs) await deps.blobs.delete(output.key);
      await purgeMedia(deps, payload.submissionId);
      return;
    }
  }
  // The raw upload is never kept once a clean copy exists.
  await deps.blobs.delete(original.storage_key);
  await deps.db.deleteFrom('media_objects').where('id', '=', original.id).execute();
}
