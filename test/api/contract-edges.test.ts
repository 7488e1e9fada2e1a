import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../api/db/open-node.ts';
import { FsBlobStore } from '../../api/storage/fs-blob-store.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { postJson, quote } from '../helpers/intake.ts';
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

  describe('wrong methods', () => {
    it('answer 405 with Allow naming the methods the path answers', async () => {
      const health = await test.app.request('/healthz', { method: 'POST' });
      await problem(health, 405, 'method_not_allowed');
      expect(health.headers.get('allow')).toBe('GET, HEAD');
      const join = await test.app.request('/api/groups/join', { method: 'DELETE' });
      await problem(join, 405, 'method_not_allowed');
      expect(join.headers.get('allow')).toBe('POST');
      const receipt = await test.app.request('/api/receipts/TIGER-MAPLE-7', { method: 'PUT' });
      expect(receipt.status).toBe(405);
      expect(receipt.headers.get('allow')).toContain('GET');
    });

    it('still answer 404 for a path nothing answers', async () => {
      const response = await test.app.request('/api/nothing-here', { method: 'POST' });
      await problem(response, 404, 'not_found');
      expect(response.headers.get('allow')).toBeNull();
    });
  });

  it('tells a child whose JSON quote is too large about text length, not pictures', async () => {
    const body = await problem(await postJson(test.app, JSON.stringify(quote({ text: 'x'.repeat(2 * 1024 * 1024) }))), 413, 'body_too_large');
    expect(body.detail).toMatch(/characters/);
    expect(body.detail).not.toMatch(/picture|photo/i);
  });

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
