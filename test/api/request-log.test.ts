import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../api/db/open-node.ts';
import { FsBlobStore } from '../../api/storage/fs-blob-store.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

describe('request logging', () => {
  let database: OpenDatabase;
  let test: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    test = createTestApp({ db: database.db, blobs: new FsBlobStore(await mkdtemp(path.join(tmpdir(), 'heard-'))) });
    test.app.post('/test/receipts/:code', async (c) => c.json({ received: (await c.req.text()).length }));
    test.app.get('/test/receipts/:code', (c) => c.json({ status: 'received' }));
    // Like the web apps on Node: a GET catch-all registered after every API route.
    test.app.get('*', async (_c, next) => next());
  });
  afterAll(() => database.close());

  it('writes one line per request with method, route pattern, status, duration and request id', async () => {
    test.logs.length = 0;
    const response = await test.app.request('/healthz');
    const lines = test.logs.filter((entry) => entry.msg === 'request');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'GET', route: '/healthz', status: 200, requestId: response.headers.get('x-request-id') });
    expect(typeof lines[0]?.durationMs).toBe('number');
  });

  it("never logs the body or the concrete path (a receipt code), only the route's pattern", async () => {
    test.logs.length = 0;
    await test.app.request('/test/receipts/TIGER-MAPLE-7', { method: 'POST', body: 'I feel scared at home' });
    const serialized = JSON.stringify(test.logs);
    expect(serialized).not.toContain('scared');
    expect(serialized).not.toContain('TIGER-MAPLE-7');
    expect(test.logs.find((entry) => entry.msg === 'request')?.route).toBe('/test/receipts/:code');
  });

  it('records the route pattern for GET requests too, even with a GET catch-all registered after them', async () => {
    test.logs.length = 0;
    await test.app.request('/test/receipts/TIGER-MAPLE-7');
    await test.app.request('/healthz');
    const routes = test.logs.filter((entry) => entry.msg === 'request').map((entry) => entry.route);
    expect(routes).toEqual(['/test/receipts/:code', '/healthz']);
  });

  it('keeps a well-formed incoming X-Request-Id and replaces a malformed one', async () => {
    const kept = await test.app.request('/healthz', { headers: { 'x-request-id': 'abc12345-from-proxy' } });
    expect(kept.headers.get('x-request-id')).toBe('abc12345-from-proxy');
    const replaced = await test.app.request('/healthz', { headers: { 'x-request-id': 'bad id with spaces {}' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs unmatched routes without their path', async () => {
    test.logs.length = 0;
    await test.app.request('/some/child/path');
    expect(test.logs.find((entry) => entry.msg === 'request')).toMatchObject({ route: '(unmatched)', status: 404 });
  });
});
