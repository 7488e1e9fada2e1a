// The edge Worker's cron: a sweep that succeeds logs its counts, one that fails logs a structured JSON line without
// any row's content and reports the failure to the runtime. Miniflare with the bundled Worker, as in production.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildEdge } from '../../workers/build.ts';
import { postJson } from '../helpers/intake.ts';
import { startEdgeWorker, stopEdgeWorker, type EdgeWorker } from '../helpers/edge-worker.ts';

type LogLine = Record<string, unknown>;

describe('edge Worker scheduled sweep', () => {
  let worker: EdgeWorker;
  let stdout = '';
  const lines = (): LogLine[] =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  const CHILD_WORDS = 'Nobody at the club listens to me';

  beforeAll(async () => {
    worker = await startEdgeWorker(buildEdge(), { NODE_ENV: 'test', PUBLIC_URL: 'https://heard.example.org' }, { onStdout: (text) => (stdout += text) });
    const fetchApp = { request: (path: string, init: RequestInit) => worker.mf.dispatchFetch(`http://localhost${path}`, init as never) };
    const stored = await postJson(fetchApp as never, { id: crypto.randomUUID(), kind: 'quote', text: CHILD_WORDS, ageBand: '12-15', consent: { shareWithCommittee: true, quoteInReports: true, publishPublicly: false, givenBy: 'self' } });
    expect(stored.status).toBe(201);
  }, 180_000);
  afterAll(() => stopEdgeWorker(worker));

  it('logs the counts of a sweep that worked', async () => {
    const scheduled = await (await worker.mf.getWorker()).scheduled({ cron: '17 * * * *', scheduledTime: new Date() });
    expect(scheduled.outcome).toBe('ok');
    await expect.poll(() => lines().find((line) => line.msg === 'maintenance sweep done'), { timeout: 5000 }).toMatchObject({
      level: 'info',
      cron: '17 * * * *',
      result: expect.objectContaining({ expired: 0, minimised: 0 }),
    });
  });

  it('catches a failing sweep: one error line in JSON naming the failure, no child data, and the cron marked failed', async () => {
    // The sweep's first query finds no table: a failure inside the sweep, as a bad migration or permission would be.
    await sql`alter table submissions rename to submissions_away`.execute(worker.database.db);
    try {
      const scheduled = await (await worker.mf.getWorker()).scheduled({ cron: '17 * * * *', scheduledTime: new Date() });
      expect(scheduled.outcome).toBe('exception');
      await expect.poll(() => lines().find((line) => line.msg === 'maintenance sweep failed'), { timeout: 5000 }).toMatchObject({
        level: 'error',
        cron: '17 * * * *',
        stage: 'sweep',
        errorCode: '42P01', // undefined_table
        errorMessage: expect.stringContaining('does not exist'),
        durationMs: expect.any(Number),
        time: expect.any(String),
      });
      const line = lines().find((entry) => entry.msg === 'maintenance sweep failed')!;
      // Quoted values are taken out of the message; no stack, no words, no ids.
      expect(line.errorMessage).not.toContain('submissions');
      expect(line).not.toHaveProperty('stack');
      expect(stdout).not.toContain(CHILD_WORDS);
    } finally {
      await sql`alter table submissions_away rename to submissions`.execute(worker.database.db);
    }
  });
});
