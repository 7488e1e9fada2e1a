/** `npm run build:edge`: bundles the Worker with wrangler into dist/edge and reports its size. */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = path.join(root, 'dist', 'edge');

export function buildEdge(): string {
  // The Worker serves the built children's app as static assets; wrangler wants the folder to exist.
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'web', 'build.ts'), '--if-missing'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  execFileSync(path.join(root, 'node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', '--outdir', outdir], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return path.join(outdir, 'edge.js');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const entry = buildEdge();
  for (const file of readdirSync(outdir).filter((name) => name.endsWith('.js'))) {
    const full = path.join(outdir, file);
    const gzip = gzipSync(readFileSync(full)).length;
    console.log(`${path.relative(root, full)}: ${(statSync(full).size / 1024).toFixed(0)} KiB, ${(gzip / 1024).toFixed(0)} KiB gzipped`);
  }
  console.log(`entry: ${path.relative(root, entry)}`);
}
