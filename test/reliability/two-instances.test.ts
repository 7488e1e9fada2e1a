// Scale-out: two Heard Node server processes with the same configuration on one PostgreSQL and one S3 bucket (s3rver).
// A participation day's children's submissions (quotes as JSON, drawings as multipart) go half to each instance at
// once. Every acknowledged submission is stored exactly once; every drawing's job is claimed by one instance only
// (SKIP LOCKED) and processed once; a staff session made on A is valid on B; a device over its rate limit on A is refused on B.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeardApp } from '../../api/app.ts';
import { parseConfig } from '../../api/config.ts';
import { openPostgres, type OpenDatabase } from '../../api/db/open-node.ts';
import { createServerDatabase } from '../helpers/database.ts';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import { startS3Server, type TestS3Server } from '../helpers/s3-server.ts';
import { spawnService, type SpawnedService } from '../helpers/spawn-service.ts';
import { drawingJobs, mediaRows } from '../helpers/stored-media.ts';
import { consentAll } from '../helpers/intake.ts';
import { cookieHeader, signIn } from '../helpers/oidc-login.ts';
import { planSubmissions, sendAll, smallDrawings } from '../helpers/submission-load.ts';

const SUBMISSIONS = 120;
const DRAWING_EVERY = 4;
const PER_DEVICE = 3;

describe('two instances, one PostgreSQL, one bucket', () => {
  let cluster: PostgresCluster;
  let database: { url: string; drop(): Promise<void> };
  let s3: TestS3Server;
  let open: OpenDatabase;
  const instances: SpawnedService[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    // Always a real PostgreSQL, even on PGlite-only runs: two processes cannot share an embedded database.
    cluster = await startPostgresCluster();
    database = await createServerDatabase(cluster.url);
    s3 = await startS3Server();
    env = {
      NODE_ENV: 'test',
      DATABASE_URL: database.url,
      S3_ENDPOINT: s3.config.endpoint!,
      S3_BUCKET: s3.config.bucket,
      S3_REGION: s3.config.region,
      S3_ACCESS_KEY_ID: s3.config.accessKeyId!,
      S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey!,
      S3_FORCE_PATH_STYLE: 'true',
      RATE_LIMIT_PER_DEVICE: String(PER_DEVICE),
      RATE_LIMIT_WITHOUT_DEVICE: '100000',
    };
    // One after the other: the first applies the migrations, the second finds them applied.
    instances.push(await spawnService(env));
    instances.push(await spawnService(env));
    open = openPostgres(database.url, 2);
  }, 240_000);
  afterAll(async () => {
    for (const instance of instances) await instance.stop().catch(() => undefined);
    await open?.close().catch(() => undefined);
    await database?.drop().catch(() => undefined);
    await s3?.stop().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
  });

  it('stores every acknowledged submission once and processes every drawing once across the instances', async () => {
    const planned = planSubmissions(SUBMISSIONS, DRAWING_EVERY, await smallDrawings());
    const [a, b] = instances;
    const halves = [planned.filter((_, i) => i % 2 === 0), planned.filter((_, i) => i % 2 === 1)];
    const outcomes = (await Promise.all([sendAll(a!.url, halves[0]!).done, sendAll(b!.url, halves[1]!).done])).flat();
    expect(outcomes.filter((o) => !o.acknowledged).map((o) => `${o.planned.kind} ${o.refused?.status} ${o.refused?.body}`)).toEqual([]);

    const rows = await open.db.selectFrom('submissions').select(['id', 'receipt']).execute();
    expect(rows).toHaveLength(SUBMISSIONS);
    const receipts = new Map(rows.map((row) => [row.id, row.receipt]));
    expect(outcomes.filter((o) => receipts.get(o.planned.id) !== o.acknowledged!.receipt).map((o) => o.planned.id)).toEqual([]);

    // Both instances run the job runner on the same table; wait until nothing is left to do.
    const drawings = planned.filter((p) => p.kind === 'drawing').map((p) => p.id);
    let jobs = await drawingJobs(open.db);
    for (let waited = 0; waited < 120_000 && drawings.some((id) => jobs.get(id)?.some((job) => job.status !== 'done') ?? true); waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      jobs = await drawingJobs(open.db);
    }
    expect(drawings.map((id) => `${id} ${JSON.stringify(jobs.get(id))}`)).toEqual(drawings.map((id) => `${id} ${JSON.stringify([{ status: 'done', attempts: 1 }])}`));
    const processed = (await mediaRows(open.db)).filter((row) => row.role === 'processed');
    expect(processed.map((row) => row.submission_id).sort()).toEqual([...drawings].sort());
  }, 300_000);

  it('accepts on B a staff session made on A (sessions live in PostgreSQL)', async () => {
    const [a, b] = instances;
    // A browser at A: the same calls a test app takes, over HTTP.
    const overHttp = (base: string) => ({ request: (path: string, init?: RequestInit) => fetch(new URL(path, base), init) }) as unknown as HeardApp;
    const browser = await signIn(overHttp(a!.url), 'lead', parseConfig({ ...env, PORT: '0' }).auth.redirectUri.replace(/\/auth\/callback$/, ''));
    const cookie = cookieHeader(browser.jar);
    const onA = await fetch(`${a!.url}/api/me`, { headers: { cookie } });
    expect(onA.status).toBe(200);
    const onB = await fetch(`${b!.url}/api/me`, { headers: { cookie } });
    expect(onB.status).toBe(200);
    expect((await onB.json()).id).toBe((await onA.json()).id);
    expect((await fetch(`${b!.url}/api/me`)).status).toBe(401);
  });

  it('shares rate limits: a device over its limit on A is refused on B', async () => {
    const [a, b] = instances;
    const device = { 'heard-device-id': `two-instances-${crypto.randomUUID()}` };
    const quote = () => JSON.stringify({ id: crypto.randomUUID(), kind: 'quote', text: 'The park needs lights.', ageBand: '12-15', consent: consentAll });
    const post = (url: string) => fetch(`${url}/api/submissions`, { method: 'POST', headers: { 'content-type': 'application/json', ...device }, body: quote() });
    const statuses: number[] = [];
    for (let i = 0; i < PER_DEVICE; i++) statuses.push((await post(a!.url)).status);
    statuses.push((await post(a!.url)).status);
    const onB = await post(b!.url);
    statuses.push(onB.status);
    expect(statuses).toEqual([...Array(PER_DEVICE).fill(201), 429, 429]);
    expect((await onB.json()).code).toBe('rate_limited');
  });
});
