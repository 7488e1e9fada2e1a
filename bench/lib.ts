/** Small helpers shared by the benchmarks: a closed-loop HTTP load driver, percentiles, a database to run on. */
import { mkdtemp } from 'node:fs/promises';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type LoadResult = { requests: number; seconds: number; perSecond: number; p50Ms: number; p99Ms: number; errors: number };

/** Keeps `concurrency` requests in flight for `seconds`, then reports throughput and latency. */
export async function drive(concurrency: number, seconds: number, send: () => Promise<Response>): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const response = await send();
        await response.arrayBuffer();
        if (response.status >= 300) errors += 1;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds: round(elapsed),
    perSecond: round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 0.5)),
    p99Ms: round(percentile(latencies, 0.99)),
    errors,
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** Runs `run` a few times to warm up, then `runs` times, and reports the median, 95th percentile and slowest. */
export async function timeRuns(runs: number, run: () => Promise<unknown>, warmups = 3): Promise<{ p50Ms: number; p95Ms: number; maxMs: number }> {
  for (let i = 0; i < warmups; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50Ms: round(percentile(times, 0.5)), p95Ms: round(percentile(times, 0.95)), maxMs: round(times.at(-1)!) };
}

export function round(value: number): number {
  return Math.round(value * 100) / 100;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * A PostgreSQL server URL: BENCH_DATABASE_URL, or a throwaway cluster started with .ci/postgres.sh
 * (Debian's postgresql). Returns undefined when neither is available, and the caller says so.
 */
export async function benchPostgres(): Promise<{ url: string; stop(): void } | undefined> {
  if (process.env.BENCH_DATABASE_URL) return { url: process.env.BENCH_DATABASE_URL, stop: () => {} };
  const dir = await mkdtemp(path.join(tmpdir(), 'heard-bench-pg-'));
  try {
    const url = execFileSync('bash', [path.join(root, '.ci/postgres.sh'), 'start', dir, '55499'], { encoding: 'utf8' }).trim();
    return { url, stop: () => execFileSync('bash', [path.join(root, '.ci/postgres.sh'), 'stop', dir]) };
  } catch {
    return undefined;
  }
}

export async function writeResult(name: string, result: unknown): Promise<void> {
  const file = path.join(root, 'bench', 'results', `${name}.json`);
  await writeFile(file, `${JSON.stringify({ measuredAt: new Date().toISOString(), ...(result as object) }, null, 2)}\n`);
  console.log(`written ${path.relative(root, file)}`);
}
