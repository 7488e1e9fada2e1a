// The Node entry as a new user runs it: a real process, configured only by its environment.
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.ts';
import { createServerDatabase, serverUrl } from '../helpers/database.ts';
import { startS3Server } from '../helpers/s3-server.ts';
import { runServer, spawnService, waitForExit } from '../helpers/spawn-service.ts';

async function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), 'heard-server-'));
}

describe('the Node server process', () => {
  it('starts on embedded defaults (PGlite and a blobs folder), is ready, and stops cleanly on SIGTERM', async () => {
    const dataDir = await tempDir();
    const service = await spawnService({ DATA_DIR: dataDir });
    try {
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', checks: { database: 'ok', blobStore: 'ok' } });
      expect(service.output()).toContain(`embedded PGlite in ${dataDir}`);
      expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['pgdata', 'blobs']));
    } finally {
      expect(await service.stop()).toBe(0);
    }
    // Start again on the same data: migrations are already applied and the seed is reapplied without harm.
    const again = await spawnService({ DATA_DIR: dataDir });
    try {
      expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
      expect(again.output()).not.toContain('migrations applied');
    } finally {
      expect(await again.stop()).toBe(0);
    }
  }, 60_000);

  it(`starts on ${serverUrl ? 'PostgreSQL (DATABASE_URL)' : 'PGlite'} with blobs on an S3 server (S3_*)`, async () => {
    const database = serverUrl ? await createServerDatabase(serverUrl) : undefined;
    const s3 = await startS3Server('heard-media');
    const service = await spawnService({
      DATA_DIR: await tempDir(),
      ...(database ? { DATABASE_URL: database.url } : {}),
      S3_ENDPOINT: s3.config.endpoint!,
      S3_BUCKET: s3.config.bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
    });
    try {
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(service.output()).toContain(database ? 'PostgreSQL (DATABASE_URL)' : 'embedded PGlite');
      expect(service.output()).toContain('S3 bucket heard-media');
    } finally {
      await service.stop();
      await s3.stop();
      await database?.drop();
    }
  }, 60_000);

  it('refuses to start on a bad variable, with one line naming it', async () => {
    const result = await waitForExit(runServer({ PORT: 'eighty', DATA_DIR: await tempDir() }));
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^heard: Invalid configuration: PORT must be a number/);
  }, 30_000);

  it('refuses to start when the database cannot be reached, saying so', async () => {
    const result = await waitForExit(runServer({ PORT: '0', DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/heard: could not start: .*(ECONNREFUSED|connect)/);
  }, 30_000);
});

describe('npm run migrate', () => {
  it('applies migrations and the seed once, then reports nothing to do', async () => {
    const env = { DATA_DIR: await tempDir() };
    const first = await waitForExit(runServer(env, 'api/migrate-cli.ts'));
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`migrated; applied: ${Object.keys(migrations).join(', ')}; seed loaded`);
    const second = await waitForExit(runServer(env, 'api/migrate-cli.ts'));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('applied: none (already up to date)');
  }, 60_000);

  it('stops with one line naming a broken seed file, before touching the database', async () => {
    const dataDir = await tempDir();
    const result = await waitForExit(runServer({ DATA_DIR: dataDir, SEED_FILE: path.join(dataDir, 'missing.yaml') }, 'api/migrate-cli.ts'));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^heard: SEED_FILE .*missing\.yaml cannot be read: ENOENT\n$/);
    expect(await readdir(dataDir)).toEqual([]);
  }, 30_000);
});
