/**
 * What the reliability checks compare after a fault: the media rows against the blob store's keys (orphans and
 * missing objects), the jobs per drawing, and the background work (job runner, maintenance sweep) run to the end
 * at a chosen time, as if that much time had passed.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../api/db/schema.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { runMaintenanceSweep, type SweepResult } from '../../api/retention/sweep.ts';
import type { BlobStore } from '../../api/storage/blob-store.ts';
import { listKeys } from './harness.ts';
import { createTestApp } from './test-app.ts';

export type MediaRow = { submission_id: string; role: string; storage_key: string; processing_status: string };

export async function mediaRows(db: Kysely<Database>): Promise<MediaRow[]> {
  return db.selectFrom('media_objects').select(['submission_id', 'role', 'storage_key', 'processing_status']).orderBy('storage_key').execute();
}

/** Objects no row names (orphans) and rows whose object is gone (missing); both must be empty after the sweep. */
export async function compareStoreWithRows(db: Kysely<Database>, blobs: BlobStore): Promise<{ keys: string[]; rows: MediaRow[]; orphans: string[]; missing: string[] }> {
  const keys = await listKeys(blobs);
  const rows = await mediaRows(db);
  const named = new Set(rows.map((row) => row.storage_key));
  const stored = new Set(keys);
  return { keys, rows, orphans: keys.filter((key) => !named.has(key)), missing: rows.map((row) => row.storage_key).filter((key) => !stored.has(key)) };
}

/** process_drawing jobs by submission id: a drawing must have exactly one, however often it was sent. */
export async function drawingJobs(db: Kysely<Database>): Promise<Map<string, { status: string; attempts: number }[]>> {
  const rows = await db
    .selectFrom('jobs')
    .select([sql<string>`payload->>'submissionId'`.as('submission_id'), 'status', 'attempts'])
    .where('kind', '=', 'process_drawing')
    .execute();
  const jobs = new Map<string, { status: string; attempts: number }[]>();
  for (const row of rows) jobs.set(row.submission_id, [...(jobs.get(row.submission_id) ?? []), { status: row.status, attempts: row.attempts }]);
  return jobs;
}

/**
 * Runs the real job runner until nothing is due at `at` (past any lease a killed worker held), then the real
 * maintenance sweep an hour and a minute later (past the quarantine grace period).
 */
export async function drainAndSweep(db: Kysely<Database>, blobs: BlobStore, at: Date): Promise<{ jobsRun: number; sweep: SweepResult }> {
  let now = at;
  const { deps } = createTestApp({ db, blobs, clock: { now: () => now } });
  const jobsRun = await createJobRunner(deps, createSharpProcessor()).drain();
  now = new Date(at.getTime() + (deps.config.retention.quarantineGraceMinutes + 1) * 60_000);
  const sweep = await runMaintenanceSweep(deps);
  return { jobsRun, sweep };
}
