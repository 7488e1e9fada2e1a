// The edge Worker, bundled by wrangler, run in Miniflare with R2 and Hyperdrive bindings against a real
// PostgreSQL wire endpoint: the same intake contract as the Node server, plus the cron sweep.
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdge } from '../../workers/build.ts';
import { CONTRACT_ENV, describeIntakeContract } from '../contract/intake-contract.ts';
import { postJson } from '../helpers/intake.ts';
import { startEdgeWorker } from '../helpers/edge-worker.ts';

let entry: string;
beforeAll(() => {
  entry = buildEdge();
}, 120_000);

const startWorker = (env: Record<string, string>) => startEdgeWorker(entry, env);

async function r2Keys(mf: Miniflare, prefix: string): Promise<string[]> {
  const bucket = await mf.getR2Bucket('MEDIA');
  return (await bucket.list({ prefix })).objects.map((object) => object.key);
}

describeIntakeContract('edge Worker (Miniflare)', async () => {
  const { mf, endpoint, database } = await startWorker({ ...CONTRACT_ENV });
  return {
    fetch: (path, init) => mf.dispatchFetch(`http://localhost${path}`, init as never) as unknown as Promise<Response>,
    db: database.db,
    objectKeys: (prefix) => r2Keys(mf, prefix),
    close: async () => {
      await mf.dispose();
      await database.close();
      await endpoint.stop();
    },
  };
});

describe('edge Worker static assets', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  beforeAll(async () => {
    worker = await startWorker({ NODE_ENV: 'test' });
  });
  afterAll(async () => {
    await worker.mf.dispose();
    await worker.database.close();
    await worker.endpoint.stop();
  });

  it("serves the children's app, with its shell for deep links, and the API through the Worker", async () => {
    const home = await worker.mf.dispatchFetch('http://localhost/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<div id="app">');
    const deep = await worker.mf.dispatchFetch('http://localhost/receipt/check', { headers: { accept: 'text/html' } });
    expect(await deep.text()).toContain('<div id="app">');
    expect((await worker.mf.dispatchFetch('http://localhost/manifest.webmanifest')).status).toBe(200);
    const api = await worker.mf.dispatchFetch('http://localhost/api/openapi.json');
    expect(api.headers.get('content-type')).toContain('application/json');
    const health = await worker.mf.dispatchFetch('http://localhost/readyz');
    expect(health.status).toBe(200);
  });
});

describe('edge Worker cron', () => {
  let worker: Awaited<ReturnType<typeof startWorker>>;
  beforeAll(async () => {
    worker = await startWorker({ NODE_ENV: 'test', RETENTION_DAYS: '30', QUARANTINE_GRACE_MINUTES: '1' });
  });
  afterAll(async () => {
    await worker.mf.dispose();
    await worker.database.close();
    await worker.endpoint.stop();
  });

  it('deletes an expired submission with its object, keeps a recent one, and keeps a fresh upload', async () => {
    const { mf, database } = worker;
    const fetchApp = { request: (path: string, init: RequestInit) => mf.dispatchFetch(`http://localhost${path}`, init as never) as unknown as Promise<Response> };
    const old = await postJson(fetchApp as never, { id: crypto.randomUUID(), kind: 'quote', text: 'old words', ageBand: '8-11', consent: { shareWithCommittee: true, quoteInReports: true, publishPublicly: false, givenBy: 'self' } });
    const { id: oldId } = await old.json();
    const recent = await postJson(fetchApp as never, { id: crypto.randomUUID(), kind: 'quote', text: 'new words', ageBand: '8-11', consent: { shareWithCommittee: true, quoteInReports: true, publishPublicly: false, givenBy: 'self' } });
    const { id: recentId } = await recent.json();

    // An old submission with a stored picture, and an upload whose request died before its row was written.
    const bucket = await mf.getR2Bucket('MEDIA');
    await bucket.put(`media/${oldId}/processed.webp`, new Uint8Array([1, 2, 3]));
    await database.db
      .insertInto('media_objects')
      .values({ submission_id: oldId, role: 'processed', storage_key: `media/${oldId}/processed.webp`, content_type: 'image/webp', bytes: 3, width: 1, height: 1, processing_status: 'ready' })
      .execute();
    await database.db.updateTable('submissions').set({ created_at: new Date(Date.now() - 40 * 86_400_000) } as never).where('id', '=', oldId).execute();
    await bucket.put(`quarantine/${crypto.randomUUID()}/orphan`, new Uint8Array([9]));

    const scheduled = await (await mf.getWorker()).scheduled({ cron: '17 * * * *', scheduledTime: new Date() });
    expect(scheduled.outcome).toBe('ok');

    const remaining = await database.db.selectFrom('submissions').select('id').execute();
    expect(remaining.map((row) => row.id)).toEqual([recentId]);
    expect(await r2Keys(mf, `media/${oldId}/`)).toEqual([]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'subject_id']).where('action', '=', 'submission.expired').execute();
    expect(audit).toEqual([{ action: 'submission.expired', subject_id: oldId }]);
    // Uploaded moments ago: inside the grace period, so kept (an in-flight request may be about to write its row).
    expect(await r2Keys(mf, 'quarantine/')).toHaveLength(1);
  });
});
