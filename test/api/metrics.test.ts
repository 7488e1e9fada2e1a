// GET /metrics: Prometheus figures behind a bearer token, scraped from the real app after real traffic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { createTestApp } from '../helpers/test-app.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';
const SAMPLE = /^([a-z_:][a-z0-9_:]*)(\{[^}]*\})? (-?[0-9.e+-]+|NaN|\+Inf|-Inf)$/;

function scrape(h: Harness, token: string | null = TOKEN): Promise<Response> {
  return Promise.resolve(h.app.request('/metrics', { headers: token ? { authorization: `Bearer ${token}` } : {} }));
}

/** `name{labels}` → value, for every sample line. */
function samples(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.trimEnd().split('\n')) {
    if (line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    values.set(`${match[1]}${match[2] ?? ''}`, Number(match[3] === '+Inf' ? Infinity : match[3]));
  }
  return values;
}

describe(`GET /metrics on ${engineName}`, () => {
  let h: Harness;
  // Moved forward to see ages grow without waiting.
  let clockOffsetMs = 0;
  const words = { kept: 'My teacher never listens to me about the bus', flagged: 'Can someone call me about home?' };
  const sent: { ids: string[]; receipts: string[] } = { ids: [], receipts: [] };

  beforeAll(async () => {
    const lenient = { ...parseConfig({ NODE_ENV: 'test' }).rateLimit, perDevice: 10_000, withoutDevice: 10_000 };
    h = await createHarness({ config: { metricsToken: TOKEN, rateLimit: lenient }, clock: { now: () => new Date(Date.now() + clockOffsetMs) } });
    const first = quote({ text: words.kept });
    const flagged = quote({ text: words.flagged, wantsToTalk: true });
    const picture = drawing();
    const answers = [
      await postJson(h.app, first),
      await postJson(h.app, first), // the outbox sending again: 200, nothing new stored
      await postJson(h.app, flagged),
      await postDrawing(h.app, picture, await pngDrawing()),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([201, 200, 201, 201]);
    for (const [index, answer] of answers.entries()) {
      if (index === 1) continue;
      sent.receipts.push(((await answer.json()) as { receipt: string }).receipt);
    }
    sent.ids.push(first.id as string, flagged.id as string, picture.id as string);
    expect((await h.app.request(`/api/receipts/${sent.receipts[0]}`)).status).toBe(200);
    expect((await h.app.request('/healthz')).status).toBe(200);
  });
  afterAll(() => h.close());

  it('answers 404 in the problem shape when METRICS_TOKEN is unset, as if there were no such page', async () => {
    const without = createTestApp({ db: h.database.db, blobs: h.blobs });
    const response = await without.app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 404, code: 'not_found' });
  });

  it.each([
    ['no token', null],
    ['a wrong token', 'not-the-token-at-all-0123456789'],
    ['the token with one character changed', `${TOKEN.slice(0, -1)}x`],
  ])('refuses %s with 401 and a Bearer challenge', async (_name, token) => {
    const response = await scrape(h, token);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await response.json()).toMatchObject({ status: 401, code: 'metrics_token_required' });
  });

  it('serves valid Prometheus text: HELP and TYPE for every family, and well-formed samples', async () => {
    const response = await scrape(h);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    const declared = [...text.matchAll(/^# TYPE (\S+) (counter|gauge|histogram)$/gm)].map((match) => match[1]);
    expect(declared).toEqual(expect.arrayContaining(['heard_http_requests_total', 'heard_http_request_duration_seconds', 'heard_jobs_queued', 'heard_jobs_dead', 'heard_jobs_oldest_queued_age_seconds', 'heard_safeguarding_lane_open', 'heard_safeguarding_lane_oldest_open_age_seconds', 'heard_submissions_received_last_hour', 'heard_submissions_awaiting_moderation']));
    for (const name of declared) expect(text).toContain(`# HELP ${name} `);
    expect(() => samples(text)).not.toThrow();
  });

  it('counts requests by method, route pattern and status, and times them in a histogram', async () => {
    const values = samples(await (await scrape(h)).text());
    const post = (status: number) => `{method="POST",route="/api/submissions",status="${status}"}`;
    expect(values.get(`heard_http_requests_total${post(201)}`)).toBe(3);
    expect(values.get(`heard_http_requests_total${post(200)}`)).toBe(1);
    expect(values.get('heard_http_requests_total{method="GET",route="/api/receipts/:receipt",status="200"}')).toBe(1);
    expect(values.get('heard_http_requests_total{method="GET",route="/healthz",status="200"}')).toBe(1);
    expect(values.get(`heard_http_request_duration_seconds_count${post(201)}`)).toBe(3);
    expect(values.get(`heard_http_request_duration_seconds_bucket{method="POST",route="/api/submissions",status="201",le="+Inf"}`)).toBe(3);
    expect(values.get(`heard_http_request_duration_seconds_sum${post(201)}`)).toBeGreaterThan(0);
  });

  it('reports the job queue, the safeguarding lane and intake from the shared database', async () => {
    clockOffsetMs = 2 * 3600_000;
    try {
      const values = samples(await (await scrape(h)).text());
      // The test app runs no job runner: the drawing waits in the queue, two hours old by the moved clock.
      expect(values.get('heard_jobs_queued{kind="process_drawing"}')).toBe(1);
      expect(values.get('heard_jobs_dead{kind="process_drawing"}')).toBe(0);
      expect(values.get('heard_jobs_oldest_queued_age_seconds{kind="process_drawing"}')).toBeGreaterThanOrEqual(7190);
      expect(values.get('heard_safeguarding_lane_open')).toBe(1);
      expect(values.get('heard_safeguarding_lane_oldest_open_age_seconds')).toBeGreaterThanOrEqual(7190);
      expect(values.get('heard_submissions_awaiting_moderation{kind="quote"}')).toBe(2);
      expect(values.get('heard_submissions_awaiting_moderation{kind="drawing"}')).toBe(1);
      // Two hours on, nothing arrived in the last hour.
      expect(values.get('heard_submissions_received_last_hour{kind="quote"}')).toBe(0);
    } finally {
      clockOffsetMs = 0;
    }
    const now = samples(await (await scrape(h)).text());
    expect(now.get('heard_submissions_received_last_hour{kind="quote"}')).toBe(2);
    expect(now.get('heard_submissions_received_last_hour{kind="drawing"}')).toBe(1);
    expect(now.get('heard_safeguarding_lane_oldest_open_age_seconds')).toBeLessThan(600);
  });

  it("carries no child's words, no receipt codes and no ids", async () => {
    const text = await (await scrape(h)).text();
    for (const secret of [words.kept, words.flagged, 'teacher', ...sent.receipts, ...sent.ids]) expect(text).not.toContain(secret);
  });
});
