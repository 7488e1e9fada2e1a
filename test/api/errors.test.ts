import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OpenDatabase } from '../../api/db/open-node.ts';
import { ProblemError } from '../../api/errors.ts';
import { validate } from '../../api/middleware/validate.ts';
import { FsBlobStore } from '../../api/storage/fs-blob-store.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  return response.json().then((body: Record<string, unknown>) => {
    expect(body).toMatchObject({ type: 'about:blank', status, code });
    expect(typeof body.title).toBe('string');
    expect(typeof body.detail).toBe('string');
    return body;
  });
}

describe('errors are RFC 9457 problem details', () => {
  let database: OpenDatabase;
  let test: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    test = createTestApp({ db: database.db, blobs: new FsBlobStore(await mkdtemp(path.join(tmpdir(), 'heard-'))) });
    // Routes added for this test only, to reach each kind of failure through the real error handling.
    test.app.get('/test/boom', () => {
      throw new Error('secret internals at /srv/heard/db.ts:42');
    });
    test.app.get('/test/conflict', () => {
      throw new ProblemError(409, 'in_flight', 'Still being saved; try again.', { headers: { 'retry-after': '1' } });
    });
    test.app.post('/test/validated', validate('json', z.object({ name: z.string().min(1), age: z.number().int() })), (c) =>
      c.json(c.req.valid('json')),
    );
  });
  afterAll(() => database.close());

  it('unknown routes are 404 problems', async () => {
    const body = await expectProblem(await test.app.request('/no/such/route'), 404, 'not_found');
    expect(body.instance).toBe('/no/such/route');
  });

  it('unexpected errors are 500 problems without stack traces or internals, and are logged', async () => {
    const response = await test.app.request('/test/boom');
    const body = await expectProblem(response, 500, 'internal_error');
    expect(JSON.stringify(body)).not.toMatch(/secret internals|db\.ts|at /);
    const logged = test.logs.find((entry) => entry.msg === 'unhandled error');
    expect(logged).toMatchObject({ level: 'error', errorMessage: 'secret internals at /srv/heard/db.ts:42' });
    expect(logged?.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('domain errors keep their status, code and headers', async () => {
    const response = await test.app.request('/test/conflict');
    expect(response.headers.get('retry-after')).toBe('1');
    await expectProblem(response, 409, 'in_flight');
  });

  it('validation failures name every bad field with a JSON pointer', async () => {
    const response = await test.app.request('/test/validated', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '', age: 'ten' }),
    });
    const body = await expectProblem(response, 422, 'validation_failed');
    const errors = body.errors as { pointer: string; detail: string }[];
    expect(errors.map((e) => e.pointer).sort()).toEqual(['/age', '/name']);
    for (const error of errors) expect(error.detail.length).toBeGreaterThan(0);
  });

  it('malformed JSON is a 400 problem', async () => {
    const response = await test.app.request('/test/validated', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": ',
    });
    await expectProblem(response, 400, 'malformed_json');
  });

  it('a valid body passes through', async () => {
    const response = await test.app.request('/test/validated', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Sam', age: 9 }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ name: 'Sam', age: 9 });
  });
});
