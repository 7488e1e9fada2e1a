/**
 * `npm run bench`: runs every benchmark in turn, each printing its figures and writing bench/results/<name>.json,
 * then lists each one's wall time with the load average, since on a shared machine the load explains the times.
 * A bench that fails does not stop the others; the run exits non-zero at the end.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv[2];
const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const runs: { file: string; ms: number; ok: boolean; load: string }[] = [];
const started = performance.now();
for (const file of readdirSync(dir).filter((name) => name.endsWith('.bench.ts')).sort()) {
  if (only && !file.includes(only)) continue;
  console.log(`\n== ${file} (load average ${load()})`);
  const t0 = performance.now();
  const { status } = spawnSync(process.execPath, ['--import', 'tsx', `${dir}${file}`], { stdio: 'inherit' });
  runs.push({ file, ms: performance.now() - t0, ok: status === 0, load: load() });
}
console.log(`\n== wall time per bench (${runs.length} benches, ${seconds(performance.now() - started)} in all, load average 1/5/15 min after each)`);
for (const run of runs) console.log(`  ${run.file.padEnd(32)} ${seconds(run.ms).padStart(9)}  ${run.ok ? 'ok    ' : 'FAILED'}  load ${run.load}`);
if (runs.some((run) => !run.ok)) process.exitCode = 1;
