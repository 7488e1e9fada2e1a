/**
 * Intake throughput: POST /api/submissions (a quote, through validation, screening, rate limiting and the
 * idempotent insert) against a baseline route in the same process doing one bare parameterised INSERT
 * through the same pool. Target: at least 0.6x the baseline's throughput, on PostgreSQL.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { createApp } from '../api/app.ts';
import { parseConfig } from '../api/config.ts';
import { createServerDatabase } from '../test/helpers/database.ts';
import { migrateToLatest } from '../api/db/migrate.ts';
import { openPostgres } from '../api/db/open-node.ts';
import { loadSeedFile } from '../api/seed/load-seed-file.ts';
import { applySeed } from '../api/seed/seed.ts';
import { tempFsBlobStore } from '../test/helpers/harness.ts';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { benchPostgres, round, writeResult, type LoadResult } from './lib.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = 16;

const server = await benchPostgres();
if (!server) {
  console.log('intake-throughput: skipped, no PostgreSQL (set BENCH_DATABASE_URL or install postgresql)');
  process.exit(0);
}
const database = await createServerDatabase(server.url);
const { db, close } = openPostgres(database.url, 10);
await migrateToLatest(db);
await applySeed(db, await loadSeedFile());
await sql`create table bench_baseline (id uuid primary key, text text not null, created_at timestamptz not null default now())`.execute(db);

const blobs = await tempFsBlobStore();
const config = parseConfig({ NODE_ENV: 'test', RATE_LIMIT_PER_DEVICE: '100000000', RATE_LIMIT_WITHOUT_DEVICE: '100000000' });
const app = createApp({ db, blobs: blobs.store, clock: { now: () => new Date() }, config, log: () => {}, oidc: undefined });
// The baseline lives only in this benchmark: same app, same pool, one INSERT.
app.post('/bench/baseline', async (c) => {
  const body = (await c.req.json()) as { id: string; text: string };
  await sql`insert into bench_baseline (id, text) values (${body.id}, ${body.text})`.execute(db);
  return c.json({ id: body.id }, 201);
});

const listening = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
await new Promise((resolve) => listening.once('listening', resolve));
const base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;

const driver = fileURLToPath(new URL('./load-driver.ts', import.meta.url));
/** Load comes from a second process, as a real client's would; it runs while this process serves. */
function load(route: string, kind: 'quote' | 'baseline', concurrency: number, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', driver, `${base}${route}`, kind, String(concurrency), String(seconds)], (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as LoadResult),
    );
  });
}

// Warm both paths, then measure each.
await load('/bench/baseline', 'baseline', 4, 1);
await load('/api/submissions', 'quote', 4, 1);
const baseline = await load('/bench/baseline', 'baseline', CONCURRENCY, SECONDS);
const intake = await load('/api/submissions', 'quote', CONCURRENCY, SECONDS);

const ratio = round(intake.perSecond / baseline.perSecond);
console.log(`intake-throughput (PostgreSQL, ${CONCURRENCY} in flight, ${SECONDS}s each)`);
console.log(`  baseline INSERT : ${baseline.perSecond} req/s  p50 ${baseline.p50Ms} ms  p99 ${baseline.p99Ms} ms  errors ${baseline.errors}`);
console.log(`  POST quote      : ${intake.perSecond} req/s  p50 ${intake.p50Ms} ms  p99 ${intake.p99Ms} ms  errors ${intake.errors}`);
console.log(`  ratio           : ${ratio}x of baseline (target >= 0.6x) ${ratio >= 0.6 ? 'MET' : 'NOT MET'}`);
await writeResult('intake-throughput', { engine: 'postgres', concurrency: CONCURRENCY, baseline, intake, ratio, target: 0.6 });

listening.close();
await close();
await database.drop();
await blobs.remove();
server.stop();
