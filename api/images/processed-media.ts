/** Stores a processed drawing (image and thumbnail) in the blob store and records it, for the processor and for edits. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { BlobStore } from '../storage/blob-store.ts';
import type { ProcessedDrawing, ProcessedImage } from './image-processor.ts';

export type StoredOutput = { role: 'processed' | 'thumbnail'; key: string; image: ProcessedImage };

/** Writes both images under fresh keys (never overwriting what a row may still name) and returns where they went. */
export async function putProcessed(blobs: BlobStore, submissionId: string, drawing: ProcessedDrawing): Promise<StoredOutput[]> {
  const base = `media/${submissionId}/${crypto.randomUUID()}`;
  const outputs: StoredOutput[] = [
    { role: 'processed', key: `${base}.webp`, image: drawing.processed },
    { role: 'thumbnail', key: `${base}-thumb.webp`, image: drawing.thumbnail },
  ];
  for (const output of outputs) await blobs.put(output.key, output.image.bytes, { contentType: output.image.contentType });
  return outputs;
}

export async function recordProcessed(db: Kysely<Database>, submissionId: string, outputs: readonly StoredOutput[]): Promise<void> {
  await db
    .insertInto('media_objects')
    .values(
      outputs.map((output) => ({
        submission_id: submissionId,
        role: output.role,
        storage_key: output.key,
        content_type: output.image.contentType,
        bytes: output.image.bytes.byteLength,
        width: output.image.width,
        height: output.image.height,
        processing_status: 'ready' as const,
      })),
    )
    .execute();
}
