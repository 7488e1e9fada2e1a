// Release check 3, object store faults: a real S3 server (s3rver) is stopped in the middle of concurrent drawing
// uploads, and in the middle of processing (between the processed picture and its thumbnail, and between the
// thumbnail and deleting the upload). The API must answer 503 problem+json `storage_unavailable` with Retry-After,
// never acknowledging a picture it did not store; every acknowledged drawing has its object; processing retries with
// backoff while the store is away and finishes when it returns; and after the real sweep the bucket holds exactly
// the objects the media rows name. Not repeated here: the single upload refused while the store is down and the
// retry-then-finish of one job (test/jobs/runner.test.ts). Figures are printed, never asserted.
import { parseConfig } from '../../api/config.ts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { runMaintenanceSweep } from '../../api/retention/sweep.ts';
import type { BlobStore, ListedBlob, PutOptions, StoredBlob } from '../../api/storage/blob-store.ts';
import { createS3Client, S3BlobStore } from '../../api/storage/s3-blob-store.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { drawing, postDrawing } from '../helpers/intake.ts';
import { startOutageS3Server, type OutageS3Server } from '../helpers/s3-outage.ts';
import { compareStoreWithRows, drawingJobs } from '../helpers/stored-media.ts';
import { smallDrawings } from '../helpers/submission-load.ts';

/** The real S3 store, with a tripwire: after the next successful put whose key matches, the S3 server is stopped. */
class TrippableStore implements BlobStore {
  private trip: { matches: (key: string) => boolean; tripped: (key: string) => Promise<void> } | undefined;
  constructor(private readonly inner: BlobStore) {}
  arm(matches: (key: string) => boolean, tripped: (key: string) => Promise<void>): void {
    this.trip = { matches, tripped };
  }
  async put(key: string, body: Uint8Array, options: PutOptions): Promise<void> {
    await this.inner.put(key, body, options);
    const trip = this.trip;
    if (trip?.matches(key)) {
      this.trip = undefined;
      await trip.tripped(key);
    }
  }
  get(key: string): Promise<StoredBlob | null> {
    return this.inner.get(key);
  }
  delete(key: string): Promise<void> {
    return this.inner.delete(key);
  }
  list(prefix: string): AsyncIterable<ListedBlob> {
    return this.inner.list(prefix);
  }
  check(): Promise<void> {
    return this.inner.check();
  }
}

const UPLOADS = 20;
const STOP_AFTER_UPLOADS = 6;

type Answer = { id: string; status: number; contentType: string | null; retryAfter: string | null; code: unknown };

describe(`object store faults: a real S3 server stopped mid-way, on ${engineName}`, () => {
  let h: Harness;
  let s3: OutageS3Server;
  let store: TrippableStore;
  let now = new Date();
  const figures: Record<string, unknown> = { engine: engineName };
  const pictures: Uint8Array[] = [];
  const sent = new Map<string, Record<string, unknown>>();
  beforeAll(async () => {
    s3 = await startOutageS3Server('heard-faults');
    store = new TrippableStore(new S3BlobStore(createS3Client(s3.config), s3.config.bucket));
    // The per-instance upload cap (tested in upload-limits) is raised: this check is about the store, not the cap.
    h = await createHarness({ blobs: store, clock: { now: () => now }, config: { intake: { ...parseConfig({ NODE_ENV: 'test' }).intake, maxConcurrentUploads: 100 }, rateLimit: { ...parseConfig({ NODE_ENV: 'test' }).rateLimit, windowSeconds: 600, perDevice: 1000, perDeviceInGroup: 1000, perGroup: 1000, withoutDevice: 1000 } } });
    pictures.push(...(await smallDrawings()));
  });
  afterAll(async () => {
    console.log(JSON.stringify({ check: 'object store faults', ...figures }, null, 2));
    await h.close();
    await s3.stop();
  });

  const stopStore = () => s3.outage();
  const restartStore = () => s3.restore();
  afterEach(restartStore); // a failed assertion must not leave the next test without a store

  const send = async (body: Record<string, unknown>, index: number): Promise<Answer> => {
    const response = await postDrawing(h.app, body, pictures[index % pictures.length]);
    const json = (await response.json()) as { code?: unknown };
    return { id: body.id as string, status: response.status, contentType: response.headers.get('content-type'), retryAfter: response.headers.get('retry-after'), code: json.code };
  };
  const rowIds = async () => (await h.database.db.selectFrom('submissions').select('id').execute()).map((row) => row.id).sort();

  it(`stopped during ${UPLOADS} concurrent drawing uploads: 201 only for what was stored, 503 problem+json for the rest; the resends land once`, async () => {
    const bodies = Array.from({ length: UPLOADS }, (_, index) => drawing({ text: `Upload ${index}` }));
    for (const body of bodies) sent.set(body.id as string, body);
    let uploads = 0;
    store.arm(
      (key) => key.startsWith('quarantine/') && ++uploads >= STOP_AFTER_UPLOADS,
      stopStore,
    );
    // The apps do not all press send in the same millisecond: one starts every 10 ms.
    const answers = await Promise.all(bodies.map(async (body, index) => {
      await new Promise((resolve) => setTimeout(resolve, index * 10));
      return send(body, index);
    }));
    const acknowledged = answers.filter((answer) => answer.status === 201).map((answer) => answer.id);
    const refused = answers.filter((answer) => answer.status !== 201);
    for (const answer of refused) {
      expect(answer).toMatchObject({ status: 503, contentType: 'application/problem+json', retryAfter: '10', code: 'storage_unavailable' });
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(STOP_AFTER_UPLOADS - 1); // the tripping upload and those before it
    expect(refused.length).toBeGreaterThan(0); // the store did go away mid-way
    expect(await rowIds()).toEqual([...acknowledged].sort()); // nothing refused was kept

    // While the store is away, a resend is refused the same way.
    const whileDown = await send(sent.get(refused[0]!.id)!, 0);
    expect(whileDown).toMatchObject({ status: 503, code: 'storage_unavailable' });

    await restartStore();
    // Every acknowledged drawing has its upload in the bucket.
    const before = await compareStoreWithRows(h.database.db, store);
    expect(before.missing).toEqual([]);
    expect(new Set(before.rows.map((row) => row.submission_id))).toEqual(new Set(acknowledged));

    // The apps resend what was refused, same id and body: each lands once; the acknowledged ones replay as 200.
    const resent = await Promise.all(refused.map((answer) => send(sent.get(answer.id)!, bodies.findIndex((body) => body.id === answer.id))));
    expect(resent.map((answer) => answer.status)).toEqual(refused.map(() => 201));
    const replayed = await send(sent.get(acknowledged[0]!)!, bodies.findIndex((body) => body.id === acknowledged[0]));
    expect(replayed.status).toBe(200);
    expect(await rowIds()).toEqual([...sent.keys()].sort());
    const jobs = await drawingJobs(h.database.db);
    expect([...jobs.values()].map((list) => list.length)).toEqual([...sent.keys()].map(() => 1));
    figures.uploads = { sent: UPLOADS, acknowledgedBeforeStop: acknowledged.length, refused503: refused.length, resent201: resent.length, orphanUploads: before.orphans.length };
  });

  it('stopped during processing (between a picture and its thumbnail, then before the upload is deleted): retries with backoff, finishes when the store returns', async () => {
    const runner = createJobRunner(h.deps, createSharpProcessor());
    const rounds: Record<string, unknown>[] = [];
    // Round 1 stops the store right after a processed picture is stored, before its thumbnail; round 2 right after a
    // thumbnail, so the rows are written but the upload cannot be deleted.
    for (const [name, matches] of [
      ['between picture and thumbnail', (key: string) => key.startsWith('media/') && !key.endsWith('-thumb.webp')],
      ['before the upload is deleted', (key: string) => key.endsWith('-thumb.webp')],
    ] as const) {
      store.arm(matches, stopStore);
      const ranWhileUp = await runner.runOnce(); // this job trips the wire, then fails
      const ranWhileDown = await runner.drain(); // every due job fails against the stopped store and is put back
      const jobs = await h.database.db.selectFrom('jobs').select(['status', 'attempts', 'transient_failures', 'run_at', 'last_error']).where('kind', '=', 'process_drawing').execute();
      // An outage is not the job's fault: it waits with backoff without using up its attempts.
      const waiting = jobs.filter((job) => job.status === 'queued' && job.transient_failures > 0);
      for (const job of waiting) expect(job.attempts).toBe(0);
      expect(waiting.length).toBeGreaterThan(0);
      for (const job of waiting) expect(new Date(job.run_at).getTime()).toBeGreaterThan(now.getTime()); // backoff, not a hot loop
      expect(jobs.filter((job) => job.status === 'dead')).toEqual([]);

      // The API stays honest while processing is failing: a new drawing is refused 503, not acknowledged.
      const extra = drawing({ text: `While the store is away (${name})` });
      const answer = await send(extra, 1);
      expect(answer).toMatchObject({ status: 503, contentType: 'application/problem+json', code: 'storage_unavailable' });

      await restartStore();
      now = new Date(now.getTime() + 10 * 60_000); // past every backoff so far
      rounds.push({ stop: name, jobsRunWhileDown: Number(ranWhileUp) + ranWhileDown, jobsWaitingWithBackoff: waiting.length, answerWhileDown: answer.status });
      // Process a few, leaving work for the next round.
      if (name === 'between picture and thumbnail') for (let i = 0; i < 3; i++) await runner.runOnce();
    }
    const finished = await runner.drain();
    const jobs = await drawingJobs(h.database.db);
    expect([...jobs.values()].flat().filter((job) => job.status !== 'done')).toEqual([]);
    const media = await h.database.db.selectFrom('media_objects').select(['submission_id', 'role', 'processing_status']).execute();
    for (const id of sent.keys()) {
      expect(media.filter((row) => row.submission_id === id).map((row) => `${row.role}:${row.processing_status}`).sort()).toEqual(['processed:ready', 'thumbnail:ready']);
    }
    const attempts = [...jobs.values()].flat().map((job) => job.attempts);
    figures.processing = { rounds, jobsRunAfterReturn: finished, drawings: jobs.size, maxAttempts: Math.max(...attempts), retried: attempts.filter((n) => n > 1).length };
  });

  it('leaves no orphaned object after the sweep: the bucket holds exactly what the media rows name', async () => {
    const before = await compareStoreWithRows(h.database.db, store);
    expect(before.missing).toEqual([]);
    now = new Date(now.getTime() + (h.deps.config.retention.quarantineGraceMinutes + 1) * 60_000);
    const sweep = await runMaintenanceSweep(h.deps);
    const after = await compareStoreWithRows(h.database.db, store);
    expect({ orphans: after.orphans, missing: after.missing }).toEqual({ orphans: [], missing: [] });
    expect(after.keys).toHaveLength(sent.size * 2);
    expect(await listKeys(store, 'quarantine/')).toEqual([]);
    figures.sweep = { orphansBefore: { quarantine: before.orphans.filter((key) => key.startsWith('quarantine/')).length, media: before.orphans.filter((key) => key.startsWith('media/')).length }, orphansDeleted: sweep.orphansDeleted, objectsAfter: after.keys.length, mediaRows: after.rows.length };
  });
});
