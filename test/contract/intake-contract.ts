/**
 * The children's intake contract as one suite, run against the Node app (test/api/intake-contract.test.ts) and the
 * edge Worker in Miniflare (test/workers/edge.test.ts), so the two cannot drift.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../api/db/schema.ts';
import { consentAll, drawing, pngDrawing, quote } from '../helpers/intake.ts';

/** Settings every target is started with (env-style, as both the Node entry and the Worker read them). */
export const CONTRACT_ENV = { NODE_ENV: 'test', RATE_LIMIT_PER_DEVICE: '3', RATE_LIMIT_WITHOUT_DEVICE: '10000' } as const;

export type ContractTarget = {
  fetch(path: string, init?: RequestInit): Promise<Response>;
  db: Kysely<Database>;
  objectKeys(prefix: string): Promise<string[]>;
  close(): Promise<void>;
};

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

async function multipart(submission: unknown, image: Uint8Array): Promise<RequestInit> {
  const form = new FormData();
  form.set('submission', JSON.stringify(submission));
  form.set('image', new Blob([image as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'drawing.png');
  // Encoded here, as bytes with their boundary, so every target (including Miniflare's own fetch) gets the same request.
  const encoded = new Request('http://localhost/', { method: 'POST', body: form });
  return { method: 'POST', headers: { 'content-type': encoded.headers.get('content-type')! }, body: new Uint8Array(await encoded.arrayBuffer()) };
}

export function describeIntakeContract(name: string, start: () => Promise<ContractTarget>): void {
  describe(`intake contract: ${name}`, () => {
    let target: ContractTarget;
    beforeAll(async () => {
      target = await start();
    });
    afterAll(() => target.close());

    it('stores a quote once and answers a replay with the same body', async () => {
      const body = quote();
      const first = await target.fetch('/api/submissions', json(body));
      expect(first.status).toBe(201);
      const again = await target.fetch('/api/submissions', json(body));
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual(await first.json());
      const other = await target.fetch('/api/submissions', json({ ...body, text: 'different' }));
      expect(other.status).toBe(422);
      const rows = await target.db.selectFrom('submissions').select(['text', 'status']).where('id', '=', body.id as string).execute();
      expect(rows).toEqual([{ text: body.text, status: 'received' }]);
    });

    it('quarantines a drawing and queues its processing job', async () => {
      const body = drawing();
      const response = await target.fetch('/api/submissions', await multipart(body, await pngDrawing(120, 90)));
      expect(response.status).toBe(201);
      expect(await target.objectKeys(`quarantine/${body.id}/`)).toHaveLength(1);
      const media = await target.db.selectFrom('media_objects').select(['role', 'processing_status']).where('submission_id', '=', body.id as string).execute();
      expect(media).toEqual([{ role: 'original', processing_status: 'pending' }]);
      const jobs = await target.db.selectFrom('jobs').select(['kind', 'status', 'payload']).where('kind', '=', 'process_drawing').execute();
      expect(jobs.some((job) => (job.payload as { submissionId: string }).submissionId === body.id && job.status === 'queued')).toBe(true);
    });

    it.each([
      ['a wrong content type', () => ({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }), 415],
      ['a body over the limit', () => json(quote({ text: 'x'.repeat(2 * 1024 * 1024) })), 413],
      ['missing consent', () => json({ ...quote(), consent: undefined }), 422],
      ['an SVG posing as a PNG', async () => multipart(drawing(), new TextEncoder().encode('<svg><script>alert(1)</script></svg>')), 422],
    ] as [string, () => RequestInit | Promise<RequestInit>, number][])('refuses %s with problem+json', async (_name, init, status) => {
      const response = await target.fetch('/api/submissions', await init());
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    });

    it('looks up a receipt and withdraws: the row is erased and the object deleted', async () => {
      const body = drawing({ text: 'my picture' });
      const { receipt } = await (await target.fetch('/api/submissions', await multipart(body, await pngDrawing(80, 60)))).json();
      expect((await (await target.fetch(`/api/receipts/${receipt}`)).json()).state).toBe('received');
      const withdrawn = await target.fetch(`/api/receipts/${receipt}/withdraw`, { method: 'POST' });
      expect(withdrawn.status).toBe(200);
      expect((await withdrawn.json()).state).toBe('withdrawn');
      expect(await target.objectKeys(`quarantine/${body.id}/`)).toEqual([]);
      const row = await target.db.selectFrom('submissions').select(['status', 'text']).where('id', '=', body.id as string).executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'withdrawn', text: null });
      expect((await target.fetch('/api/receipts/AAAAA-AAAAA')).status).toBe(404);
    });

    it('checks group codes', async () => {
      const response = await target.fetch('/api/groups/join', json({ code: 'NO-SUCH-GROUP' }));
      expect(response.status).toBe(404);
    });

    it('lists the open surveys for an age band, with their questions', async () => {
      const surveyId = crypto.randomUUID();
      await target.db.insertInto('surveys').values({ id: surveyId, title: 'Contract survey' }).execute();
      await target.db
        .insertInto('survey_versions')
        .values({ survey_id: surveyId, version: 1, published_at: new Date(), intro: JSON.stringify({ en: 'Hello' }), questions: JSON.stringify([{ id: 'happy', type: 'emoji_scale', text: { en: 'How happy are you?' } }]) })
        .execute();
      const response = await target.fetch('/api/open-surveys?ageBand=8-11');
      expect(response.status).toBe(200);
      const { surveys } = await response.json();
      expect(surveys.find((s: { id: string }) => s.id === surveyId)).toMatchObject({ version: 1, intro: { en: 'Hello' }, questions: [{ id: 'happy', text: { en: 'How happy are you?' } }] });
      const bad = await target.fetch('/api/open-surveys?ageBand=99');
      expect(bad.status).toBe(422);
      expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
    });

    it('limits a device with 429 and Retry-After', async () => {
      const device = { 'heard-device-id': `contract-${crypto.randomUUID()}` };
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await target.fetch('/api/submissions', json({ ...quote(), consent: consentAll }, device))).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
    });

    it('publishes the OpenAPI contract', async () => {
      const response = await target.fetch('/api/openapi.json');
      expect(response.status).toBe(200);
      expect(Object.keys((await response.json()).paths)).toContain('/api/submissions');
    });
  });
}
