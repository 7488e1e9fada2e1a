/**
 * Intake over HTTP as users meet it (issue 21): Heard (`api/server.ts`, its own process) against the bare server in
 * bench/baseline/ (Hono + one INSERT of the same submissions row) on the same engine, both driven by autocannon from
 * a third process at concurrency 1, 16 and 64 with 220- and 5,000-character quotes, interleaved and repeated.
 * Reports medians and the ratio Heard / bare; embedded PGlite always, PostgreSQL when one is available.
 * BENCH_SECONDS (default 5) and BENCH_REPEATS (default 3) shorten or lengthen it.
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServerDatabase } from '../test/helpers/database.ts';
import { runServer } from '../test/helpers/spawn-service.ts';
import { benchPostgres, percentile, round, writeResult } from './lib.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const CONCURRENCIES = [1, 16, 64];
const LENGTHS = [220, 5000];
const UNLIMITED = '100000000';

type Run = { perSecond: number; requests: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number; timeouts: number };
type Server = { url: string; stop(): Promise<void> };

/** Spawns a server script and waits for the line naming its address; its output is drained, not kept. */
async function start(script: string, env: Record<string, string>, ready: RegExp): Promise<Server> {
  const child: ChildProcess = runServer({ PORT: '0', ...env }, script);
  let seen = '';
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      if (seen.length > 100_000) return;
      seen += chunk.toString();
      const match = ready.exec(seen);
      if (match?.[1]) {
        seen = '!'.repeat(100_001);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${seen}`)));
  });
  return { url: url.replace('localhost', '127.0.0.1'), stop: async () => void (child.kill('SIGTERM'), await exited) };
}

const driver = fileURLToPath(new URL('./autocannon-driver.ts', import.meta.url));
function load(server: Server, concurrency: number, seconds: number, characters: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', driver, `${server.url}/api/submissions`, String(concurrency), String(seconds), String(characters)], { maxBuffer: 1 << 20 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as Run),
    );
  });
}

const median = (values: number[]) => round(percentile([...values].sort((a, b) => a - b), 0.5));

/** Both servers up side by side (idle one costs nothing); runs alternate which goes first. */
async function measure(engine: string, heard: Server, bare: Server) {
  await load(heard, 16, 2, 220);
  await load(bare, 16, 2, 220);
  const cells = [];
  for (const characters of LENGTHS) {
    for (const concurrency of CONCURRENCIES) {
      const runs: { heard: Run; bare: Run }[] = [];
      for (let repeat = 0; repeat < REPEATS; repeat++) {
        const order = repeat % 2 === 0 ? (['heard', 'bare'] as const) : (['bare', 'heard'] as const);
        const pair: Partial<{ heard: Run; bare: Run }> = {};
        for (const side of order) pair[side] = await load(side === 'heard' ? heard : bare, concurrency, SECONDS, characters);
        runs.push(pair as { heard: Run; bare: Run });
      }
      const heardPerSecond = median(runs.map((run) => run.heard.perSecond));
      const barePerSecond = median(runs.map((run) => run.bare.perSecond));
      const cell = {
        engine, characters, concurrency,
        heard: { perSecond: heardPerSecond, p50Ms: median(runs.map((run) => run.heard.p50Ms)), p99Ms: median(runs.map((run) => run.heard.p99Ms)), failed: runs.reduce((sum, run) => sum + run.heard.non2xx + run.heard.errors + run.heard.timeouts, 0) },
        bare: { perSecond: barePerSecond, p50Ms: median(runs.map((run) => run.bare.p50Ms)), p99Ms: median(runs.map((run) => run.bare.p99Ms)), failed: runs.reduce((sum, run) => sum + run.bare.non2xx + run.bare.errors + run.bare.timeouts, 0) },
        ratio: round(heardPerSecond / barePerSecond),
        runs,
      };
      console.log(`  ${engine.padEnd(8)} ${String(characters).padStart(5)} chars  c=${String(concurrency).padEnd(2)}  Heard ${cell.heard.perSecond} req/s  bare ${cell.bare.perSecond} req/s  ratio ${cell.ratio}x  failed ${cell.heard.failed}/${cell.bare.failed}`);
      cells.push(cell);
    }
  }
  return cells;
}

const heardEnv = (extra: Record<string, string>) => ({
  NODE_ENV: 'test', RATE_LIMIT_PER_DEVICE: UNLIMITED, RATE_LIMIT_WITHOUT_DEVICE: UNLIMITED, RATE_LIMIT_NEW_DEVICES_PER_ADDRESS: UNLIMITED, ...extra,
});
const HEARD_READY = /Heard is running at (http:\/\/\S+)/;
const BARE_READY = /bare intake server at (http:\/\/\S+)/;
const BARE = 'bench/baseline/bare-intake-server.ts';

console.log(`http-intake: ${SECONDS}s runs x ${REPEATS}, interleaved; load average ${loadavg().map(round).join(' ')}`);
const cells = [];

// Embedded PGlite: Heard migrates its directory, then the bare server gets a copy of it (one process per PGlite).
const dirs = await mkdtemp(path.join(tmpdir(), 'heard-http-intake-'));
const heardDir = path.join(dirs, 'heard');
const first = await start('api/server.ts', heardEnv({ DATA_DIR: heardDir }), HEARD_READY);
await first.stop();
await cp(path.join(heardDir, 'pgdata'), path.join(dirs, 'bare-pgdata'), { recursive: true });
{
  const heard = await start('api/server.ts', heardEnv({ DATA_DIR: heardDir }), HEARD_READY);
  const bare = await start(BARE, { PGLITE_DIR: path.join(dirs, 'bare-pgdata') }, BARE_READY);
  try {
    cells.push(...(await measure('pglite', heard, bare)));
  } finally {
    await heard.stop();
    await bare.stop();
  }
}

const postgres = await benchPostgres();
if (postgres) {
  const database = await createServerDatabase(postgres.url);
  const heard = await start('api/server.ts', heardEnv({ DATA_DIR: path.join(dirs, 'pg-blobs'), DATABASE_URL: database.url }), HEARD_READY);
  const bare = await start(BARE, { DATABASE_URL: database.url, DATABASE_POOL_MAX: '10' }, BARE_READY);
  try {
    cells.push(...(await measure('postgres', heard, bare)));
  } finally {
    await heard.stop();
    await bare.stop();
    await database.drop();
    postgres.stop();
  }
} else {
  console.log('  postgres: skipped, no PostgreSQL (set BENCH_DATABASE_URL or install postgresql)');
}
await rm(dirs, { recursive: true, force: true });

const targets = { postgres220: 0.8, pglite220: 0.7, any5000: 0.6, atConcurrency: [16, 64] };
await writeResult('http-intake', { seconds: SECONDS, repeats: REPEATS, loadAverage: loadavg().map(round), targets, cells });
