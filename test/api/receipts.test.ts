import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, listKeys, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';

async function send(h: Harness, body = quote()): Promise<{ id: string; receipt: string }> {
  const response = await postJson(h.app, body);
  expect(response.status).toBe(201);
  return response.json();
}

describe(`receipts on ${engineName}`, () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
  });
  afterAll(() => h.close());

  it('tell the child where their words are, and nothing else about them', async () => {
    const { receipt } = await send(h, quote({ text: 'Something private' }));
    const response = await h.app.request(`/api/receipts/${receipt}`);
    expect(response.status).toBe(200);
    const status = await response.json();
    expect(status).toEqual({ state: 'received', message: expect.any(String), sentOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), sharedWith: [] });
    expect(JSON.stringify(status)).not.toContain('Something private');
  });

  it('follow moderation in plain words', async () => {
    const { id, receipt } = await send(h);
    const states: [string, string][] = [
      ['in_review', 'being_looked_at'],
      ['approved', 'ready_to_share'],
      ['rejected', 'not_used'],
    ];
    for (const [status, state] of states) {
      await h.database.db.updateTable('submissions').set({ status: status as 'approved' }).where('id', '=', id).execute();
      expect((await (await h.app.request(`/api/receipts/${receipt}`)).json()).state).toBe(state);
    }
  });

  it('accept what a child types: lower case, spaces, no dash', async () => {
    const { receipt } = await send(h);
    const typed = ` ${receipt.toLowerCase().replace('-', ' ')} `;
    expect((await h.app.request(`/api/receipts/${encodeURIComponent(typed)}`)).status).toBe(200);
  });

  it.each(['AAAAA-AAAAA', 'not-a-receipt', 'KM7TA-HX9P0'])('answer an unknown receipt %s with a kind 404', async (receipt) => {
    const response = await h.app.request(`/api/receipts/${receipt}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await response.json()).detail).toMatch(/can't find that receipt/);
  });

  it('withdraw: erase the words, delete every stored picture, drop tags, audit that it happened — and again is the same', async () => {
    const body = drawing({ text: 'This is my house' });
    const response = await postDrawing(h.app, body, await pngDrawing(200, 150));
    const { receipt } = await response.json();
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    expect((await listKeys(h.blobs, `media/${body.id}/`)).length).toBe(2);
    const priority = await h.database.db.selectFrom('priorities').select('id').executeTakeFirstOrThrow();
    await h.database.db.insertInto('submission_priorities').values({ submission_id: body.id as string, priority_id: priority.id, tagged_by: null }).execute();

    const withdrawn = await h.app.request(`/api/receipts/${receipt}/withdraw`, { method: 'POST' });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({ state: 'withdrawn' });

    const row = await h.database.db.selectFrom('submissions').selectAll().where('id', '=', body.id as string).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'withdrawn', text: null, answers: null, content_hash: null });
    expect(row.withdrawn_at).not.toBeNull();
    expect(await listKeys(h.blobs, `media/${body.id}/`)).toEqual([]);
    expect(await listKeys(h.blobs, `quarantine/${body.id}/`)).toEqual([]);
    expect(await h.database.db.selectFrom('media_objects').select('id').where('submission_id', '=', body.id as string).execute()).toEqual([]);
    expect(await h.database.db.selectFrom('submission_priorities').select('priority_id').where('submission_id', '=', body.id as string).execute()).toEqual([]);
    const audit = await h.database.db.selectFrom('audit_log').select(['action', 'subject_id', 'details']).where('subject_id', '=', body.id as string).execute();
    expect(audit).toEqual([{ action: 'submission.withdrawn', subject_id: body.id, details: { by: 'child' } }]);
    expect(JSON.stringify(audit)).not.toContain('my house');

    const again = await h.app.request(`/api/receipts/${receipt}/withdraw`, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ state: 'withdrawn' });
    expect(await h.database.db.selectFrom('audit_log').select('id').where('subject_id', '=', body.id as string).execute()).toHaveLength(1);
  });

  it('withdraw before processing: the queued job makes nothing and the upload is deleted', async () => {
    const body = drawing();
    const { receipt } = await (await postDrawing(h.app, body, await pngDrawing(120, 90))).json();
    expect((await listKeys(h.blobs, `quarantine/${body.id}/`)).length).toBe(1);
    await h.app.request(`/api/receipts/${receipt}/withdraw`, { method: 'POST' });
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    expect(await listKeys(h.blobs, `quarantine/${body.id}/`)).toEqual([]);
    expect(await listKeys(h.blobs, `media/${body.id}/`)).toEqual([]);
  });

  it('a late retry of a withdrawn submission does not bring it back', async () => {
    const body = quote();
    const { receipt } = await send(h, body);
    await h.app.request(`/api/receipts/${receipt}/withdraw`, { method: 'POST' });
    const retry = await postJson(h.app, body);
    expect(retry.status).toBe(200);
    const row = await h.database.db.selectFrom('submissions').select(['status', 'text']).where('id', '=', body.id as string).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'withdrawn', text: null });
  });

  it('withdrawing an unknown receipt is a 404', async () => {
    expect((await h.app.request('/api/receipts/AAAAA-AAAAA/withdraw', { method: 'POST' })).status).toBe(404);
  });
});
