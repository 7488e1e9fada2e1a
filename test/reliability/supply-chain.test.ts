// Release check 14, supply chain: what the service runs (the production dependency tree) comes from the npm registry
// as locked, unchanged and not deprecated, and `npm audit --omit=dev` finds nothing high or critical. Where the
// registry's audit endpoint cannot be reached, the check says so in its output and docs/assurance.md records it as an
// exception; the other checks here still run. Exceptions are written down in SUPPLY_CHAIN_EXCEPTIONS with a reason.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const REGISTRY = 'https://registry.npmjs.org/';

/** Findings accepted on purpose: package name → why. */
const EXCELJS = 'exceljs 4.4 (XLSX exports, issue 18 item 9; the newest ExcelJS) reads workbooks through unzipper 0.10, which brings it; only tests read workbooks';
const SUPPLY_CHAIN_EXCEPTIONS: Record<string, string> = {
  fstream: EXCELJS,
  rimraf: EXCELJS,
  glob: `${EXCELJS} (glob 7 under rimraf, archiver-utils and zip-stream)`,
  inflight: `${EXCELJS} (under glob 7)`,
  'lodash.isequal': 'exceljs 4.4 writes CSV through fast-csv 4, which brings it',
};

type LockEntry = { version?: string; resolved?: string; integrity?: string; dev?: boolean; optional?: boolean; link?: boolean };
type Lockfile = { lockfileVersion: number; packages: Record<string, LockEntry> };

const lockfile = JSON.parse(await readFile(`${root}package-lock.json`, 'utf8')) as Lockfile;
const manifest = JSON.parse(await readFile(`${root}package.json`, 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const installed = Object.entries(lockfile.packages).filter(([key]) => key !== '');
const production = installed.filter(([, entry]) => !entry.dev);
const nameOf = (key: string) => key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);

async function registryJson(url: string): Promise<Record<string, unknown>> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      if (response.ok) return (await response.json()) as Record<string, unknown>;
      if (response.status < 500 || attempt === 3) throw new Error(`${url}: ${response.status}`);
    } catch (error) {
      if (attempt === 3) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
  }
}

async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) results.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return results;
}

describe('supply chain', () => {
  it('pins every direct dependency to one exact version', () => {
    const ranges = Object.entries({ ...manifest.dependencies, ...manifest.devDependencies }).filter(([, version]) => !/^\d+\.\d+\.\d+$/.test(version));
    expect(ranges).toEqual([]);
  });

  it('locks every package to the registry (no git, file or plain-http sources) with a sha512 integrity', () => {
    expect(lockfile.lockfileVersion).toBeGreaterThanOrEqual(3);
    // npm leaves `resolved` out of the lockfile for the default registry; anything else is written there.
    const odd = installed
      .filter(([, entry]) => !entry.link)
      .filter(([, entry]) => (entry.resolved !== undefined && !entry.resolved.startsWith(REGISTRY)) || !entry.integrity?.startsWith('sha512-'))
      .map(([key, entry]) => `${key} ${entry.resolved} ${entry.integrity}`);
    expect(odd).toEqual([]);
    console.log(`supply chain: ${installed.length} locked packages, ${production.length} in the production tree`);
  });

  it('matches the registry: each production package is the tarball the registry publishes, and none is deprecated', { timeout: 120_000 }, async () => {
    const checked = await inBatches(production, 16, async ([key, entry]) => {
      const name = nameOf(key);
      const published = await registryJson(`${REGISTRY}${name.replace('/', '%2F')}/${entry.version}`);
      const dist = published.dist as { integrity?: string } | undefined;
      return { name, version: entry.version, integrityMatches: dist?.integrity === entry.integrity, deprecated: published.deprecated as string | undefined };
    });
    expect(checked.filter((p) => !p.integrityMatches).map((p) => `${p.name}@${p.version}`)).toEqual([]);
    const deprecated = checked.filter((p) => p.deprecated && !SUPPLY_CHAIN_EXCEPTIONS[p.name]).map((p) => `${p.name}@${p.version}: ${p.deprecated}`);
    console.log(`supply chain: ${checked.length} production packages match the registry's integrity; deprecated: ${deprecated.length}`);
    expect(deprecated).toEqual([]);
  });

  it('has no high or critical advisory in the production tree (npm audit --omit=dev), where the audit endpoint answers', { timeout: 120_000 }, async () => {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve) => {
      execFile('npm', ['audit', '--omit=dev', '--json'], { cwd: root, timeout: 100_000 }, (_error, out, err) => resolve({ stdout: out, stderr: err }));
    });
    let report: { metadata?: { vulnerabilities?: Record<string, number> }; vulnerabilities?: Record<string, { severity: string }>; message?: string; error?: { summary?: string } };
    try {
      report = JSON.parse(stdout) as typeof report;
    } catch {
      report = { error: { summary: stderr.trim().split('\n').at(-1) } };
    }
    if (!report.metadata?.vulnerabilities) {
      // Recorded in docs/assurance.md (check 14): the registry reachable from these machines refuses the bulk advisory endpoint.
      console.log(`supply chain: npm audit could not run here (${report.message ?? report.error?.summary ?? 'no report'}); the registry checks above still ran`);
      return;
    }
    const serious = Object.entries(report.vulnerabilities ?? {})
      .filter(([, finding]) => finding.severity === 'high' || finding.severity === 'critical')
      .filter(([name]) => !SUPPLY_CHAIN_EXCEPTIONS[name])
      .map(([name, finding]) => `${name}: ${finding.severity}`);
    console.log(`supply chain: npm audit --omit=dev ${JSON.stringify(report.metadata.vulnerabilities)}`);
    expect(serious).toEqual([]);
  });
});
