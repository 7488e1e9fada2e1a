/**
 * A throwaway PostgreSQL cluster of the test's own (through .ci/postgres.sh), for checks that must restart or crash
 * the database server: the shared server at TEST_DATABASE_URL serves other test files and must never be restarted.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../.ci/postgres.sh', import.meta.url));

export type PostgresCluster = {
  /** The admin URL (database `postgres`). */
  url: string;
  /** The cluster's data directory (for checks that read its files). */
  dataDir: string;
  /** Stops the server at once (as a crash: `-m immediate`) and starts it again; returns how long it was away. */
  restart(): Promise<number>;
  stop(): Promise<void>;
};

/** True when initdb and pg_ctl are installed (`postgresql` on Debian). */
export function postgresBinariesInstalled(): boolean {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return false;
  return readdirSync(root).some((version) => existsSync(path.join(root, version, 'bin', 'initdb')));
}

/** A port nobody listens on now. */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** initdb into a temporary directory and start on a free loopback port (fsync on: crash checks need it). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const dir = await mkdtemp(path.join(tmpdir(), 'heard-pg-cluster-'));
  const port = String(await freeLoopbackPort());
  const { stdout } = await run('bash', [script, 'start', dir, port]);
  return {
    url: stdout.trim(),
    dataDir: dir,
    restart: async () => {
      const started = performance.now();
      await run('bash', [script, 'restart', dir, port]);
      return performance.now() - started;
    },
    stop: async () => {
      await run('bash', [script, 'stop', dir]).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
