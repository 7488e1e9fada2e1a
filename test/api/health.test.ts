import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FsBlobStore } from '../../api/storage/fs-blob-store.ts';
import { createS3Client, S3BlobStore } from '../../api/storage/s3-blob-store.ts';
import { createTestDatabase, engineName } from '../helpers/database.ts';
import { startS3Server } from '../helpers/s3-server.ts';
import { createTestApp } from '../helpers/test-app.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fsStore() {
  return new FsBlobStore(await mkdtemp(path.join(tmpdir(), 'heard-blobs-')));
}

describe(`health and readiness on ${engineName}`, () => {
  it('/healthz answers while the process is up', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.close());
    const { app } = createTestApp({ db: database.db, blobs: await fsStore() });
    const response = await app.request('/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is 200 when the database and an S3 store answer', async () => {
    const database = await createTestDatabase();
    const s3 = await startS3Server();
    cleanups.push(() => database.close(), () => s3.stop());
    const { app } = createTestApp({ db: database.db, blobs: new S3BlobStore(createS3Client(s3.config), s3.config.bucket) });
    const response = await app.request('/readyz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ready', checks: { database: 'ok', blobStore: 'ok' } });
  });

  it('/readyz is a 503 problem naming the database when it is gone', async () => {
    const database = await createTestDatabase();
    const { app, logs } = createTestApp({ db: database.db, blobs: await fsStore() });
    await database.close();
    const response = await app.request('/readyz');
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBe('5');
    const body = await response.json();
    expect(body).toMatchObject({ status: 503, code: 'not_ready', checks: { database: 'failing', blobStore: 'ok' } });
    expect(body.detail).toContain('database');
    expect(logs.some((entry) => entry.msg === 'readiness check failed' && entry.check === 'database')).toBe(true);
  });

  it('/readyz is a 503 problem naming the blob store when the S3 server is stopped', async () => {
    const database = await createTestDatabase();
    cleanups.push(() => database.close());
    const s3 = await startS3Server();
    const { app } = createTestApp({ db: database.db, blobs: new S3BlobStore(createS3Client(s3.config), s3.config.bucket) });
    await s3.stop();
    const response = await app.request('/readyz');
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body.checks).toEqual({ database: 'ok', blobStore: 'failing' });
    expect(body.detail).toContain('blobStore');
  });
});
