// Background work under faults: an object store that goes away, and pictures that can never be processed.
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { createS3Client, S3BlobStore } from '../../api/storage/s3-blob-store.ts';
import { engineName } from '../helpers/database.ts';
import { countRows, createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing } from '../helpers/intake.ts';
import { pngChunk } from '../helpers/png-chunk.ts';
import { startS3Server, type TestS3Server } from '../helpers/s3-server.ts';

describe(`drawing jobs on ${engineName} with an S3 store that fails`, () => {
  let h: Harness;
  let s3: TestS3Server;
  let now = new Date('2026-11-28T12:00:00Z');
  beforeAll(async () => {
    s3 = await startS3Server();
    h = await createHarness({ blobs: new S3BlobStore(createS3Client(s3.config), s3.config.bucket), clock: { now: () => now } });
  });
  afterAll(async () => {
    await h.close();
    await s3.stop();
  });

  it('answers 503 (retryable) when the store is down at upload, acknowledging nothing', async () => {
    await s3.pause();
    try {
      const before = await countRows(h.database, 'submissions');
      const response = await postDrawing(h.app, drawing(), await pngDrawing(100, 80));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('10');
      expect((await response.json()).code).toBe('storage_unavailable');
      expect(await countRows(h.database, 'submissions')).toBe(before);
    } finally {
      await s3.resume();
    }
  });

  it('retries processing with backoff while the store is down, and finishes when it returns', async () => {
    const body = drawing();
    expect((await postDrawing(h.app, body, await pngDrawing(300, 200))).status).toBe(201);
    const runner = createJobRunner(h.deps, createSharpProcessor());

    await s3.pause();
    try {
      expect(await runner.runOnce()).toBe(true);
    } finally {
      await s3.resume();
    }
    const job = await h.database.db.selectFrom('jobs').selectAll().where('kind', '=', 'process_drawing').executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'queued', attempts: 0, transient_failures: 1 }); // the outage used up no attempt
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(now.getTime());
    expect(await runner.runOnce()).toBe(false); // not due yet

    now = new Date(now.getTime() + 60_000);
    expect(await runner.drain()).toBe(1);
    expect(await listKeys(h.blobs, `media/${body.id}/`)).toHaveLength(2);
    expect(await listKeys(h.blobs, `quarantine/${body.id}/`)).toEqual([]);
    expect((await h.database.db.selectFrom('jobs').select('status').where('id', '=', job.id).executeTakeFirstOrThrow()).status).toBe('done');
  });

  it('fails a picture that can never be processed at once: media failed, job dead, upload deleted', async () => {
    // A whole PNG (every chunk present, CRCs right, so intake's checks pass) whose image data is not zlib at all: only
    // decoding finds out.
    const png = Buffer.from(await sharp({ create: { width: 64, height: 64, channels: 3, background: 'red' } }).png().toBuffer());
    const header = png.subarray(0, 33); // signature and IHDR
    const broken = new Uint8Array(Buffer.concat([header, pngChunk('IDAT', new Uint8Array(64).fill(0xab)), pngChunk('IEND', new Uint8Array(0))]));
    const body = drawing();
    expect((await postDrawing(h.app, body, broken)).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    const media = await h.database.db.selectFrom('media_objects').select(['role', 'processing_status']).where('submission_id', '=', body.id as string).execute();
    expect(media).toEqual([{ role: 'original', processing_status: 'failed' }]);
    const job = await h.database.db
      .selectFrom('jobs')
      .select(['status', 'attempts', 'last_error'])
      .where('kind', '=', 'process_drawing')
      .where(sql<string>`payload->>'submissionId'`, '=', body.id as string)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'dead', attempts: 1 });
    expect(job.last_error).toMatch(/image rejected/);
    expect(await listKeys(h.blobs, `quarantine/${body.id}/`)).toEqual([]);
  });
});
