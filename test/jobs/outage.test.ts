// Drawings acknowledged before a long store outage are all processed when the store returns: transient failures never
// use up a job's attempts, backoff is capped, and jobs that died of exhaustion (as they did before this change) are
// revived once /readyz sees the store again. The outage is a real S3 server gone for simulated minutes (the app's
// clock is moved on, the server really refuses connections), so the schedule is tested without waiting for it.
import { parseConfig } from '../../api/config.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSIENT_BACKOFF_CAP_SECONDS } from '../../api/db/jobs.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner, type JobRunner } from '../../api/jobs/runner.ts';
import { isTransientError } from '../../api/jobs/transient-error.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { createS3Client, S3BlobStore } from '../../api/storage/s3-blob-store.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { drawing as drawingBody, pngDrawing, postDrawing } from '../helpers/intake.ts';
import { startOutageS3Server, type OutageS3Server } from '../helpers/s3-outage.ts';
import { signInAs, staffConfig, startTestProvider } from '../helpers/staff.ts';

const drawing = () => drawingBody() as { id: string } & Record<string, unknown>;
const ACKNOWLEDGED = 8;
const OUTAGE_MINUTES = 30;

describe(`jobs through a long store outage on ${engineName}`, () => {
  let h: Harness;
  let s3: OutageS3Server;
  let provider: DevOidcProvider;
  let runner: JobRunner;
  let now = new Date('2026-12-02T10:00:00Z');
  const ids: string[] = [];
  const advance = (seconds: number) => {
    now = new Date(now.getTime() + seconds * 1000);
  };
  const drawingJobs = () => h.database.db.selectFrom('jobs').selectAll().where('kind', '=', 'process_drawing').orderBy('id').execute();

  beforeAll(async () => {
    s3 = await startOutageS3Server('heard-outage');
    provider = await startTestProvider();
    h = await createHarness({
      blobs: new S3BlobStore(createS3Client(s3.config), s3.config.bucket),
      clock: { now: () => now },
      oidc: provider.settings,
      config: { ...staffConfig(), rateLimit: { ...parseConfig({ NODE_ENV: 'test' }).rateLimit, windowSeconds: 600, perDevice: 1000, perDeviceInGroup: 1000, perGroup: 1000, withoutDevice: 1000 } },
    });
    runner = createJobRunner(h.deps, createSharpProcessor(), { reviveIntervalMs: 60_000 });
  });
  afterAll(async () => {
    await h.close();
    await s3.stop();
    await provider.stop();
  });

  it('classifies a refused connection to the store as transient, and a bad picture as not', async () => {
    await s3.outage();
    try {
      const error = await new S3BlobStore(createS3Client(s3.config), s3.config.bucket).check().then(() => undefined, (e: unknown) => e);
      expect(error).toBeDefined();
      expect(isTransientError(error)).toBe(true);
    } finally {
      await s3.restore();
    }
    expect(isTransientError(new Error('Input buffer contains unsupported image format'))).toBe(false);
    expect(isTransientError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
  });

  it(`keeps every acknowledged drawing waiting through ${OUTAGE_MINUTES} minutes without the store, then processes them all`, async () => {
    for (let i = 0; i < ACKNOWLEDGED; i += 1) {
      const body = drawing();
      const response = await postDrawing(h.app, body, await pngDrawing(120 + i, 90));
      expect(response.status).toBe(201);
      ids.push(body.id);
    }
    await s3.outage();
    let refused = 0;
    try {
      // Children keep sending during the outage: nothing is acknowledged that was not stored.
      for (let i = 0; i < 3; i += 1) {
        const response = await postDrawing(h.app, drawing(), await pngDrawing(60, 60));
        expect(response.status).toBe(503);
        refused += 1;
      }
      for (let elapsed = 0; elapsed < OUTAGE_MINUTES * 60; elapsed += 45) {
        await runner.drain();
        advance(45);
      }
      const jobs = await drawingJobs();
      expect(jobs).toHaveLength(ACKNOWLEDGED);
      for (const job of jobs) {
        expect(job.status).toBe('queued');
        expect(job.attempts).toBe(0); // every failure was the outage, none counted against the job
        expect(job.transient_failures).toBeGreaterThan(3);
        expect(new Date(job.run_at).getTime() - now.getTime()).toBeLessThanOrEqual(TRANSIENT_BACKOFF_CAP_SECONDS * 1000);
      }
    } finally {
      await s3.restore();
    }
    expect(refused).toBe(3);
    advance(TRANSIENT_BACKOFF_CAP_SECONDS);
    expect(await runner.drain()).toBe(ACKNOWLEDGED);
    for (const id of ids) {
      expect(await listKeys(h.blobs, `media/${id}/`)).toHaveLength(2);
      expect(await listKeys(h.blobs, `quarantine/${id}/`)).toEqual([]);
    }
    expect((await drawingJobs()).map((job) => job.status)).toEqual(Array(ACKNOWLEDGED).fill('done'));
  });

  it('revives a drawing job that died of exhaustion once /readyz sees the store, but never one refused as undecodable', async () => {
    const stranded = drawing();
    expect((await postDrawing(h.app, stranded, await pngDrawing(200, 150))).status).toBe(201);
    const rejected = drawing();
    expect((await postDrawing(h.app, rejected, await pngDrawing(210, 150))).status).toBe(201);
    const jobOf = async (id: string) => (await drawingJobs()).find((job) => (job.payload as { submissionId: string }).submissionId === id)!;
    // As the old runner left them: attempts used up during an outage, and one refused for good.
    await h.database.db.updateTable('jobs').set({ status: 'dead', attempts: 5, dead_reason: 'exhausted', last_error: 'connect ECONNREFUSED' }).where('id', '=', (await jobOf(stranded.id)).id).execute();
    await h.database.db.updateTable('jobs').set({ status: 'dead', attempts: 1, dead_reason: 'permanent', last_error: 'image rejected: undecodable' }).where('id', '=', (await jobOf(rejected.id)).id).execute();

    await s3.outage();
    try {
      expect((await h.app.request('/readyz')).status).toBe(503);
      expect((await jobOf(stranded.id)).status).toBe('dead');
    } finally {
      await s3.restore();
    }
    expect((await h.app.request('/readyz')).status).toBe(200);
    expect(await jobOf(stranded.id)).toMatchObject({ status: 'queued', attempts: 0, revivals: 1 });
    expect(await jobOf(rejected.id)).toMatchObject({ status: 'dead', dead_reason: 'permanent' });
    await runner.drain();
    expect((await jobOf(stranded.id)).status).toBe('done');
    expect(await listKeys(h.blobs, `media/${stranded.id}/`)).toHaveLength(2);
  });

  it('stops reviving a job after five revivals, so a job that can never finish does not loop for ever', async () => {
    const body = drawing();
    expect((await postDrawing(h.app, body, await pngDrawing(90, 90))).status).toBe(201);
    const job = (await drawingJobs()).at(-1)!;
    await h.database.db.updateTable('jobs').set({ status: 'dead', dead_reason: 'exhausted', revivals: 5 }).where('id', '=', job.id).execute();
    expect((await h.app.request('/readyz')).status).toBe(200);
    expect((await drawingJobs()).at(-1)).toMatchObject({ status: 'dead', revivals: 5 });
    await h.database.db.updateTable('jobs').set({ status: 'done' }).where('id', '=', job.id).execute();
  });

  it('shows admins the backlog, and only admins', async () => {
    const extra = drawing();
    expect((await postDrawing(h.app, extra, await pngDrawing(70, 70))).status).toBe(201);
    await h.database.db.updateTable('jobs').set({ status: 'dead', dead_reason: 'permanent' }).where(sql<boolean>`payload->>'submissionId' = ${extra.id}`).execute();
    const admin = await signInAs(h.app, 'admin');
    const answer = await admin.request('/api/jobs/backlog');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const { backlog } = await answer.json();
    expect(backlog.find((row: { kind: string }) => row.kind === 'process_drawing')).toMatchObject({ dead: 2, queued: 0 });
    const worker = await signInAs(h.app, 'worker');
    expect((await worker.request('/api/jobs/backlog')).status).toBe(403);
    const revive = await admin.json('/api/jobs/revive', 'POST');
    expect(revive.status).toBe(200);
    expect(await revive.json()).toEqual({ revived: 0 });
  });
});
