/**
 * Restart after a crash (issue 21): 150 quotes resent by their apps, the server killed with SIGKILL after 50 are
 * acknowledged, started again on the same data, and the time from the new process's spawn to /readyz measured; the
 * baseline is a clean restart (SIGTERM, then start) on the same data in the same run. Every acknowledged submission
 * is checked to be stored with its receipt. Targets: 5 s on PostgreSQL, 10 s on embedded PGlite.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openNodeDatabase, openPostgres } from '../api/db/open-node.ts';
import { createServerDatabase } from '../test/helpers/database.ts';
import { freeLoopbackPort } from '../test/helpers/postgres-cluster.ts';
import { runServer, spawnService } from '../test/helpers/spawn-service.ts';
import { planSubmissions, sendAll } from '../test/helpers/submission-load.ts';
import { benchPostgres, round, writeResult } from './lib.ts';

const SUBMISSIONS = 150;
const KILL_AFTER = 50;

/** Milliseconds from `since` until /readyz answers 200. */
async function readyAfter(url: string, since: number): Promise<number> {
  while (performance.now() - since < 120_000) {
    const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then((response) => response.status, () => 0);
    if (status === 200) return performance.now() - since;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('/readyz did not answer within 120 s');
}

/** Starts the server and times /readyz; `stop` ends it cleanly. */
async function startTimed(env: Record<string, string>, url: string): Promise<{ ms: number; stop(): Promise<void> }> {
  const spawnedAt = performance.now();
  const child = runServer(env);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.stdout?.resume();
  child.stderr?.resume();
  const stop = async () => void (child.kill('SIGTERM'), await exited);
  try {
    return { ms: await readyAfter(url, spawnedAt), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function measure(engine: 'pglite' | 'postgres', databaseUrl: string | undefined) {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'heard-bench-restart-'));
  const port = await freeLoopbackPort();
  const url = `http://127.0.0.1:${port}`;
  const env = { NODE_ENV: 'test', PORT: String(port), DATA_DIR: dataDir, RATE_LIMIT_WITHOUT_DEVICE: '100000', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  try {
    const first = await spawnService(env);
    const load = sendAll(url, planSubmissions(SUBMISSIONS, Number.MAX_SAFE_INTEGER, []), { giveUpAfterMs: 150_000 });
    await load.whenAcknowledged(KILL_AFTER);
    await first.kill();
    // The apps keep resending while the server comes back; /readyz is timed under that load.
    const second = await startTimed(env, url);
    const outcomes = await load.done;
    await second.stop();
    const third = await startTimed(env, url);
    await third.stop();
    const [afterKillMs, cleanMs] = [second.ms, third.ms];
    const opened = databaseUrl ? openPostgres(databaseUrl, 2) : await openNodeDatabase({ databaseUrl: undefined, dataDir, poolMax: 1 });
    const rows = await opened.db.selectFrom('submissions').select(['id', 'receipt']).execute();
    await opened.close();
    const receipts = new Map(rows.map((row) => [row.id, row.receipt]));
    const intact = outcomes.filter((outcome) => outcome.acknowledged && receipts.get(outcome.planned.id) === outcome.acknowledged.receipt).length;
    const targetMs = engine === 'postgres' ? 5_000 : 10_000;
    const result = { afterKillMs: round(afterKillMs), cleanRestartMs: round(cleanMs), ratio: round(afterKillMs / cleanMs), targetMs, acknowledged: outcomes.filter((o) => o.acknowledged).length, intact };
    console.log(`restart on ${engine}: after kill -9 ${result.afterKillMs} ms, clean restart ${result.cleanRestartMs} ms (×${result.ratio}); target ${targetMs} ms ${afterKillMs < targetMs ? 'MET' : 'NOT MET'}; ${intact}/${result.acknowledged} acknowledged submissions intact`);
    return result;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

const results: Record<string, unknown> = { pglite: await measure('pglite', undefined) };
const server = await benchPostgres();
if (server) {
  const database = await createServerDatabase(server.url);
  results.postgres = await measure('postgres', database.url);
  await database.drop();
  server.stop();
} else {
  console.log('restart: PostgreSQL skipped (set BENCH_DATABASE_URL or install postgresql)');
}
await writeResult('restart', results);
