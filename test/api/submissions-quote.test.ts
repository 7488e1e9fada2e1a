import { parseConfig } from '../../api/config.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECEIPT_ALPHABET } from '../../api/intake/receipt.ts';
import { engineName } from '../helpers/database.ts';
import { countRows, createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { consentAll, postJson, quote } from '../helpers/intake.ts';

const RECEIPT_PATTERN = new RegExp(`^[${RECEIPT_ALPHABET}]{5}-[${RECEIPT_ALPHABET}]{5}-[${RECEIPT_ALPHABET}]{5}$`);

describe(`POST /api/submissions (quotes) on ${engineName}`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ config: { rateLimit: { ...parseConfig({ NODE_ENV: 'test' }).rateLimit, windowSeconds: 600, perDevice: 10_000, perDeviceInGroup: 10_000, perGroup: 10_000, withoutDevice: 10_000 } } });
  });
  afterAll(() => h.close());

  it('stores a quote exactly as sent, with its consent, and answers 201 with a receipt', async () => {
    const body = quote({ text: 'Ｉ feel 😊 when mum listens. مرحبا\n  ', language: 'en-GB', consent: { ...consentAll, quoteInReports: false } });
    const response = await postJson(h.app, body);
    expect(response.status).toBe(201);
    const answer = await response.json();
    expect(answer).toEqual({ id: body.id, receipt: expect.stringMatching(RECEIPT_PATTERN), status: 'received', showHelp: false });
    const row = await h.database.db.selectFrom('submissions').selectAll().where('id', '=', body.id as string).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      kind: 'quote',
      text: body.text,
      age_band: '12-15',
      language: 'en-GB',
      status: 'received',
      receipt: answer.receipt,
      consent_share_with_committee: true,
      consent_quote_in_reports: false,
      consent_publish_publicly: false,
      consent_given_by: 'self',
      safeguarding: false,
    });
  });

  it('answers a replay of the same id and content with 200 and the same body, storing nothing new', async () => {
    const body = quote();
    const first = await postJson(h.app, body);
    const before = await countRows(h.database, 'submissions');
    const again = await postJson(h.app, { ...body, consent: { givenBy: 'self', publishPublicly: false, quoteInReports: true, shareWithCommittee: true } });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(await first.json());
    expect(await countRows(h.database, 'submissions')).toBe(before);
  });

  it('refuses the same id with different content (422) and keeps the first', async () => {
    const body = quote();
    await postJson(h.app, body);
    const response = await postJson(h.app, { ...body, text: 'Something else entirely' });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: 'id_reused', errors: [{ pointer: '/id' }] });
    const row = await h.database.db.selectFrom('submissions').select('text').where('id', '=', body.id as string).executeTakeFirstOrThrow();
    expect(row.text).toBe(body.text);
  });

  it('ends 50 concurrent posts of one id with exactly one row and one receipt', async () => {
    const body = quote();
    const responses = await Promise.all(Array.from({ length: 50 }, () => postJson(h.app, body)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 200 || s === 409)).toBe(true);
    const receipts = new Set((await Promise.all(responses.filter((r) => r.status !== 409).map((r) => r.json()))).map((b) => b.receipt));
    expect(receipts.size).toBe(1);
    const rows = await h.database.db.selectFrom('submissions').select('receipt').where('id', '=', body.id as string).execute();
    expect(rows).toEqual([{ receipt: [...receipts][0] }]);
  });

  describe('consent', () => {
    it('is required: a missing consent object is a 422 naming it, never a default', async () => {
      const { consent: _omitted, ...body } = quote();
      const response = await postJson(h.app, body);
      expect(response.status).toBe(422);
      expect((await response.json()).errors).toContainEqual(expect.objectContaining({ pointer: '/consent' }));
    });

    it.each(['shareWithCommittee', 'quoteInReports', 'publishPublicly', 'givenBy'])('needs %s explicitly', async (flag) => {
      const consent: Record<string, unknown> = { ...consentAll };
      delete consent[flag];
      const response = await postJson(h.app, quote({ consent }));
      expect(response.status).toBe(422);
      expect((await response.json()).errors).toContainEqual(expect.objectContaining({ pointer: `/consent/${flag}` }));
    });

    it.each([
      ['4-7', 'self', 422],
      ['8-11', 'self', 422],
      ['4-7', 'carer', 201],
      ['8-11', 'worker', 201],
      ['12-15', 'self', 201],
    ])('for ages %s, publishing publicly with consent given by %s answers %i', async (ageBand, givenBy, status) => {
      const response = await postJson(h.app, quote({ ageBand, consent: { ...consentAll, publishPublicly: true, givenBy } }));
      expect(response.status).toBe(status);
      if (status === 422) expect((await response.json()).errors).toEqual([expect.objectContaining({ pointer: '/consent/givenBy' })]);
    });
  });

  describe('bad input gets a problem naming the field and stores nothing', () => {
    const cases: [string, () => Promise<Response>, number, string | undefined][] = [
      ['malformed JSON', () => postJson(h.app, '{"id": "x", '), 400, undefined],
      ['a JSON array', () => postJson(h.app, '[]'), 422, ''],
      ['a wrong type', () => postJson(h.app, quote({ ageBand: 9 })), 422, '/ageBand'],
      ['an unknown kind', () => postJson(h.app, quote({ kind: 'video' })), 422, '/kind'],
      ['an id that is not a UUID', () => postJson(h.app, quote({ id: 'abc' })), 422, '/id'],
      ['an unknown field', () => postJson(h.app, quote({ location: '51.5,-0.1' })), 422, '/location'],
      ['text over the limit', () => postJson(h.app, quote({ text: 'a'.repeat(5001) })), 422, '/text'],
      ['an empty quote', () => postJson(h.app, quote({ text: '   \n ' })), 422, '/text'],
      ['a quote with no text', () => postJson(h.app, quote({ text: undefined })), 422, '/text'],
      ['a NUL character', () => postJson(h.app, quote({ text: 'hi\u0000there' })), 422, '/text'],
      ['a lone surrogate', () => postJson(h.app, `{"id":"${crypto.randomUUID()}","kind":"quote","text":"bad \\ud800 char","ageBand":"8-11","consent":${JSON.stringify(consentAll)}}`), 422, '/text'],
      ['a bad language tag', () => postJson(h.app, quote({ language: 'english please' })), 422, '/language'],
      ['survey fields on a quote', () => postJson(h.app, quote({ answers: { q1: 3 } })), 422, '/answers'],
      ['a drawing sent as JSON', () => postJson(h.app, quote({ kind: 'drawing' })), 415, undefined],
      ['a wrong content type', () => Promise.resolve(h.app.request('/api/submissions', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' })), 415, undefined],
      ['no content type', () => Promise.resolve(h.app.request('/api/submissions', { method: 'POST', body: new Uint8Array([1, 2]) })), 415, undefined],
      ['an oversized body', () => postJson(h.app, JSON.stringify(quote({ text: 'x'.repeat(2 * 1024 * 1024) }))), 413, undefined],
    ];

    it.each(cases)('%s', async (_name, send, status, pointer) => {
      const submissionsBefore = await countRows(h.database, 'submissions');
      const response = await send();
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      const problem = await response.json();
      expect(problem.status).toBe(status);
      expect(problem.detail.length).toBeGreaterThan(0);
      if (pointer !== undefined) expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
      expect(await countRows(h.database, 'submissions')).toBe(submissionsBefore);
      expect(await listKeys(h.blobs)).toEqual([]);
    });
  });

  it('counts text length in characters, so 5000 emoji are allowed', async () => {
    const response = await postJson(h.app, quote({ text: '😊'.repeat(5000) }));
    expect(response.status).toBe(201);
  });
});
