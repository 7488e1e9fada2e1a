// The screening engine bundled for workerd (by wrangler, as workers/build.ts bundles the edge Worker) and run in
// Miniflare gives exactly Node's verdicts on the whole evaluation set, every language, disclosures and ordinary.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenForSafeguarding } from '../../api/screening/safeguarding.ts';
import { EVAL_LANGUAGES, readEvalSet } from '../screening/eval/eval-set.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const COMPATIBILITY_DATE = '2026-04-26';

/** Bundles the fixture Worker with wrangler's dry run (its own config, so the edge Worker's assets are not needed). */
function bundleScreeningWorker(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'heard-screening-worker-'));
  const config = path.join(dir, 'wrangler.toml');
  const main = path.join(root, 'test', 'workers', 'fixtures', 'screening-worker.ts');
  writeFileSync(config, `name = "heard-screening-eval"\nmain = ${JSON.stringify(main)}\ncompatibility_date = "${COMPATIBILITY_DATE}"\ncompatibility_flags = ["nodejs_compat"]\n`);
  execFileSync(path.join(root, 'node_modules', '.bin', 'wrangler'), ['deploy', '--dry-run', '--config', config, '--outdir', path.join(dir, 'dist')], {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return path.join(dir, 'dist', 'screening-worker.js');
}

const examples = readEvalSet();
let mf: Miniflare;
let bundleDir: string | undefined;

beforeAll(async () => {
  const scriptPath = bundleScreeningWorker();
  bundleDir = path.dirname(path.dirname(scriptPath));
  // modulesRoot: the bundle lives outside the working directory, and workerd refuses module names with "..".
  mf = new Miniflare({ scriptPath, modulesRoot: path.dirname(scriptPath), modules: true, compatibilityDate: COMPATIBILITY_DATE, compatibilityFlags: ['nodejs_compat'] });
  await mf.ready;
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
});

async function screenInWorker(texts: { text: string; language: string }[]): Promise<unknown[]> {
  const response = await mf.dispatchFetch('http://localhost/', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ texts }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { verdicts: unknown[] }).verdicts;
}

describe('screening: Worker and Node agree', () => {
  it('gives the same verdicts, match for match, on every evaluation line', async () => {
    const texts = examples.map((example) => ({ text: example.text, language: example.appLanguage }));
    const inWorker = await screenInWorker(texts);
    // JSON round trip: the Worker's answer cannot carry undefined members, so Node's is compared in the same form.
    const onNode = JSON.parse(JSON.stringify(texts.map(({ text, language }) => screenForSafeguarding(text, language)))) as unknown[];
    expect(inWorker).toHaveLength(examples.length);
    const differing = examples.filter((_, i) => JSON.stringify(inWorker[i]) !== JSON.stringify(onNode[i])).map((e) => e.source);
    expect(differing).toEqual([]);
    expect(inWorker).toEqual(onNode);
  });

  it('was given the whole set: every language, disclosures and ordinary, and some lines flagged', () => {
    for (const language of EVAL_LANGUAGES) {
      expect(examples.some((e) => e.language === language && e.kind === 'disclosure'), language).toBe(true);
      expect(examples.some((e) => e.language === language && e.kind === 'ordinary'), language).toBe(true);
    }
    expect(examples.some((e) => screenForSafeguarding(e.text, e.appLanguage).length > 0)).toBe(true);
  });
});
