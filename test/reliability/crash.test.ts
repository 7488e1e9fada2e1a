// Release check 1, crash: 500 children's apps send at once (quotes as JSON, drawings as multipart) to the real Node
// server process, and mid-way the server is killed with SIGKILL and started again on the same database and blob folder;
// then the same with the database server crashed and restarted under a running API. Each app resends what was not
// acknowledged, with the same id and body, as the outbox does. Afterwards every acknowledged submission is there once
// with the receipt it was given, every drawing has one job and its picture in the blob store; after the real job
// runner drains (past the lease a killed worker held) every drawing has its processed picture and thumbnail, and after
// the real sweep the blob store holds exactly the objects the media rows name. Figures are printed, never asserted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openNodeDatabase, openPostgres, type OpenDatabase } from '../../api/db/open-node.ts';
import { FsBlobStore } from '../../api/storage/fs-blob-store.ts';
import { createServerDatabase, engineName, serverUrl } from '../helpers/database.ts';
import { freeLoopbackPort, postgresBinariesInstalled, startPostgresCluster } from '../helpers/postgres-cluster.ts';
import { spawnService, type SpawnedService } from '../helpers/spawn-service.ts';
import { compareStoreWithRows, drainAndSweep, drawingJobs } from '../helpers/stored-media.ts';
import { planSubmissions, sendAll, smallDrawings, statusCounts, type SubmissionOutcome } from '../helpers/submission-load.ts';

const SUBMISSIONS = 500;
const DRAWING_EVERY = 4; // 125 drawings, 375 quotes
const CRASH_AFTER = Math.round(SUBMISSIONS * 0.3); // acknowledged before the fault

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'heard-crash-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

function serverEnv(port: number, dataDir: string, databaseUrl: string | undefined): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: String(port),
    // A fixed PORT would put the sign-in provider on PORT + 1, which a parallel run may hold: any free port.
    DEV_OIDC_PORT: '0',
    DATA_DIR: dataDir,
    // 500 apps without a device id share one bucket; the limit is not what this check is about.
    RATE_LIMIT_WITHOUT_DEVICE: '100000',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
}

type Fault = { name: string; at: number; recoveredAt: number; downMs: number };

/** What the apps saw around the fault. */
function figuresOf(outcomes: SubmissionOutcome[], fault: Fault) {
  const inFlight = outcomes.filter((outcome) => outcome.attempts.some((a) => a.startedAt <= fault.at && a.endedAt >= fault.at && a.status !== 200 && a.status !== 201));
  return {
    acknowledgedBeforeFault: outcomes.filter((outcome) => outcome.acknowledged && outcome.acknowledged.at <= fault.at).length,
    inFlightAtFault: inFlight.length,
    // Committed before the fault but the answer was lost: the resend is answered 200 with the first receipt.
    committedButUnanswered: inFlight.filter((outcome) => outcome.acknowledged?.status === 200).length,
    resent: outcomes.filter((outcome) => outcome.attempts.length > 1).length,
    attempts: statusCounts(outcomes),
    maxAttempts: Math.max(...outcomes.map((outcome) => outcome.attempts.length)),
  };
}

/** Everything the check asserts once the apps are done and the server is stopped. */
async function verifyAfterFault(label: string, outcomes: SubmissionOutcome[], database: OpenDatabase, blobs: FsBlobStore) {
  const db = database.db;
  expect(outcomes.filter((outcome) => outcome.refused).map((outcome) => `${outcome.planned.kind} ${outcome.refused!.status} ${outcome.refused!.body}`)).toEqual([]);
  expect(outcomes.filter((outcome) => !outcome.acknowledged).map((outcome) => outcome.planned.id)).toEqual([]);

  // Exactly the submissions sent, each once, each with the receipt its app was given.
  const rows = await db.selectFrom('submissions').select(['id', 'receipt', 'kind']).execute();
  expect(rows).toHaveLength(SUBMISSIONS);
  const byId = new Map(rows.map((row) => [row.id, row]));
  expect(outcomes.filter((outcome) => byId.get(outcome.planned.id)?.receipt !== outcome.acknowledged!.receipt).map((outcome) => outcome.planned.id)).toEqual([]);
  expect(outcomes.filter((outcome) => byId.get(outcome.planned.id)?.kind !== outcome.planned.kind)).toEqual([]);

  // Before any more background work: every media row's object is in the blob store, every drawing has a picture and one job.
  const drawings = outcomes.filter((outcome) => outcome.planned.kind === 'drawing').map((outcome) => outcome.planned.id);
  const before = await compareStoreWithRows(db, blobs);
  expect(before.missing).toEqual([]);
  const withMedia = new Set(before.rows.map((row) => row.submission_id));
  expect(drawings.filter((id) => !withMedia.has(id))).toEqual([]);
  const jobs = await drawingJobs(db);
  expect([...jobs.keys()].sort()).toEqual([...drawings].sort());
  expect([...jobs].filter(([, list]) => list.length !== 1).map(([id]) => id)).toEqual([]);
  const processedBefore = drawings.filter((id) => jobs.get(id)![0]!.status === 'done').length;

  // The runner drains (leases held by a killed worker have run out by then), then the sweep.
  const { jobsRun, sweep } = await drainAndSweep(db, blobs, new Date(Date.now() + 10 * 60_000));
  const jobsAfter = await drawingJobs(db);
  expect([...jobsAfter].filter(([, [job]]) => job!.status !== 'done').map(([id, [job]]) => `${id} ${job!.status}`)).toEqual([]);
  const after = await compareStoreWithRows(db, blobs);
  const roles = new Map<string, string[]>();
  for (const row of after.rows) roles.set(row.submission_id, [...(roles.get(row.submission_id) ?? []), `${row.role}:${row.processing_status}`]);
  expect(drawings.filter((id) => roles.get(id)?.sort().join(',') !== 'processed:ready,thumbnail:ready')).toEqual([]);
  expect(roles.size).toBe(drawings.length);
  expect(after.orphans).toEqual([]);
  expect(after.missing).toEqual([]);
  expect(after.keys).toHaveLength(drawings.length * 2);

  return {
    label,
    rows: rows.length,
    drawings: drawings.length,
    processedByTheServer: processedBefore,
    orphanObjectsBeforeSweep: before.orphans.length,
    jobsRunAfterwards: jobsRun,
    sweep: { orphansDeleted: sweep.orphansDeleted },
    objectsAfterSweep: after.keys.length,
  };
}

async function openDataOf(dataDir: string, databaseUrl: string | undefined): Promise<OpenDatabase> {
  const database = databaseUrl ? openPostgres(databaseUrl, 4) : await openNodeDatabase({ databaseUrl: undefined, dataDir, poolMax: 1 });
  cleanups.push(() => database.close());
  return database;
}

/** Starts the server, sends the load, runs `fault` once CRASH_AFTER are acknowledged, waits for every app to finish. */
async function sendThroughFault(env: Record<string, string>, port: number, fault: (service: SpawnedService) => Promise<{ service: SpawnedService; name: string }>) {
  const planned = planSubmissions(SUBMISSIONS, DRAWING_EVERY, await smallDrawings());
  let service = await spawnService(env);
  cleanups.push(async () => void (service.child.exitCode === null && service.child.signalCode === null ? await service.kill() : undefined));
  const load = sendAll(`http://127.0.0.1:${port}`, planned);
  await load.whenAcknowledged(CRASH_AFTER);
  const at = load.elapsed();
  const result = await fault(service);
  service = result.service;
  const recoveredAt = load.elapsed();
  const outcomes = await load.done;
  const totalMs = load.elapsed();
  const code = await service.stop();
  expect(code, `the server did not stop cleanly:\n${service.output().split('\n').filter((line) => !line.includes('"request"')).slice(-30).join('\n')}`).toBe(0);
  return { outcomes, fault: { name: result.name, at, recoveredAt, downMs: recoveredAt - at }, totalMs };
}

describe(`crash: the Node server killed with SIGKILL mid-way, on ${serverUrl ? 'PostgreSQL (TEST_DATABASE_URL)' : 'embedded PGlite (DATA_DIR/pgdata)'}`, () => {
  it(`keeps all ${SUBMISSIONS} acknowledged submissions exactly once, and the resends land exactly once`, async () => {
    const dataDir = await tempDir();
    const database = serverUrl ? await createServerDatabase(serverUrl) : undefined;
    if (database) cleanups.push(database.drop);
    const port = await freeLoopbackPort();
    const env = serverEnv(port, dataDir, database?.url);

    const run = await sendThroughFault(env, port, async (service) => {
      const signal = await service.kill();
      expect(signal).toBe('SIGKILL');
      return { service: await spawnService(env), name: 'server SIGKILL, restarted' };
    });
    const figures = figuresOf(run.outcomes, run.fault);
    expect(figures.inFlightAtFault).toBeGreaterThan(0); // the crash did land mid-way
    expect(figures.attempts['500'] ?? 0).toBe(0);

    const opened = await openDataOf(dataDir, database?.url);
    const verified = await verifyAfterFault(`kill -9 on ${engineName}`, run.outcomes, opened, new FsBlobStore(path.join(dataDir, 'blobs')));
    console.log(JSON.stringify({ check: 'crash', ...verified, fault: run.fault, totalMs: run.totalMs, ...figures }, null, 2));
  }, 120_000);
});

// The shared server at TEST_DATABASE_URL serves other test files at the same time and must not be restarted, so this
// part crashes a PostgreSQL cluster of its own (initdb through .ci/postgres.sh), on both CI passes.
const ownCluster = postgresBinariesInstalled();
describe(ownCluster ? 'crash: the database server crashed (pg_ctl -m immediate) and restarted mid-way, under a running API' : 'crash: the embedded database restarted with its process mid-way (no PostgreSQL binaries here)', () => {
  it(`keeps all ${SUBMISSIONS} acknowledged submissions exactly once, and the resends land exactly once`, async () => {
    if (!ownCluster && serverUrl) {
      throw new Error('TEST_DATABASE_URL is set but the PostgreSQL server binaries (initdb, pg_ctl under /usr/lib/postgresql/*/bin) are not installed: apt-get install -y postgresql');
    }
    const dataDir = await tempDir();
    const cluster = ownCluster ? await startPostgresCluster() : undefined;
    if (cluster) cleanups.push(cluster.stop);
    const port = await freeLoopbackPort();
    const env = serverEnv(port, dataDir, cluster?.url);

    const run = await sendThroughFault(env, port, async (service) => {
      if (cluster) {
        await cluster.restart();
        return { service, name: 'PostgreSQL stopped -m immediate and started again; the API kept running' };
      }
      // Without a server to crash, the embedded database is restarted the only way it can be: with its process.
      expect(await service.stop()).toBe(0);
      return { service: await spawnService(env), name: 'server stopped (SIGTERM) and started again with its embedded database' };
    });
    const figures = figuresOf(run.outcomes, run.fault);
    expect(figures.inFlightAtFault).toBeGreaterThan(0);
    expect(figures.attempts['500'] ?? 0).toBe(0); // an outage is answered 503 (retryable) or not at all

    const opened = await openDataOf(dataDir, cluster?.url);
    const verified = await verifyAfterFault(cluster ? 'database crash (own PostgreSQL cluster)' : 'embedded database restart', run.outcomes, opened, new FsBlobStore(path.join(dataDir, 'blobs')));
    console.log(JSON.stringify({ check: 'crash', ...verified, fault: run.fault, totalMs: run.totalMs, ...figures }, null, 2));
  }, 120_000);
});
