/** Replaces a drawing's processed image and thumbnail with a blurred and/or cropped version; the old objects are deleted. */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import { ProblemError, ValidationError } from '../errors.ts';
import { ImageRejectedError, type DrawingEdits } from '../images/image-processor.ts';
import { putProcessed, recordProcessed } from '../images/processed-media.ts';

export async function editDrawing(deps: AppDeps, trx: Transaction<Database>, submissionId: string, edits: DrawingEdits): Promise<{ width: number; height: number; oldKeys: string[] }> {
  if (!deps.images) throw new ProblemError(503, 'images_unavailable', 'Pictures can only be edited on the main server.');
  const current = await trx
    .selectFrom('media_objects')
    .select(['id', 'role', 'storage_key'])
    .where('submission_id', '=', submissionId)
    .where('role', 'in', ['processed', 'thumbnail'])
    .where('processing_status', '=', 'ready')
    .execute();
  const processed = current.find((media) => media.role === 'processed');
  if (!processed) throw new ProblemError(409, 'no_drawing', 'This submission has no processed drawing to edit (yet).');
  const blob = await deps.blobs.get(processed.storage_key);
  if (!blob) throw new ProblemError(503, 'storage_unavailable', 'The drawing could not be read just now. Please try again.', { headers: { 'retry-after': '10' } });
  let result;
  try {
    result = await deps.images.edit(new Uint8Array(await new Response(blob.body).arrayBuffer()), edits);
  } catch (error) {
    if (error instanceof ImageRejectedError) throw new ValidationError([{ pointer: '', detail: error.message }]);
    throw error;
  }
  const outputs = await putProcessed(deps.blobs, submissionId, result);
  await trx.deleteFrom('media_objects').where('id', 'in', current.map((media) => media.id)).execute();
  await recordProcessed(trx, submissionId, outputs);
  return { width: result.processed.width, height: result.processed.height, oldKeys: current.map((media) => media.storage_key) };
}
