import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../api/db/open-node.ts';
import { FsBlobStore } from '../../api/storage/fs-blob-store.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

async function problem(response: Response, status: number, code: string): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  return body;
}

describe('contract edges (issue 18)', () => {
  let database: OpenDatabase;
  let test: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    test = createTestApp({ db: database.db, blobs: new FsBlobStore(await mkdtemp(path.join(tmpdir(), 'heard-'))) });
  });
  afterAll(() => database.close());

  describe('POST /api/groups/join', () => {
    it('answers unsupported_media_type for a wrong content type, the same code as submissions', async () => {
      const response = await test.app.request('/api/groups/join', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'code=ABC123' });
      await problem(response, 415, 'unsupported_media_type');
    });

    it('names the missing field when the body is empty', async () => {
      const response = await test.app.request('/api/groups/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '' });
      const body = await problem(response, 422, 'validation_failed');
      expect(body.errors).toEqual([expect.objectContaining({ pointer: '/code' })]);
    });
  });
});
