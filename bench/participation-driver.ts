/**
 * The children of a participation day, in their own process. 30 classes of 30 (900 children) arrive spread over the
 * day's length: ten classes share one tablet in a group session, ten use their own devices with the group code, ten
 * send alone. Each child sends one or two things (seven in ten a quote, the rest a drawing), and retries as the app's
 * outbox does: the same id and body, after Retry-After or a backoff, on a 5xx, a 429 or a network error.
 * Usage: node --import tsx bench/participation-driver.ts <base url> <seconds> <group codes, comma-separated> <drawing.png>
 * Prints a ParticipationResult as JSON.
 */
import { readFile } from 'node:fs/promises';
import { percentile, round } from './lib.ts';

export type SentItem = { id: string; kind: 'quote' | 'drawing'; status: number; attempts: number; firstAnswerMs: number; totalMs: number; rateLimited: number };
export type ParticipationResult = { children: number; items: SentItem[]; seconds: number; quote: Latency; drawing: Latency; statuses: Record<string, number>; rateLimitedAnswers: number };
type Latency = { count: number; p50Ms: number; p95Ms: number; maxMs: number };

const CLASSES = 30;
const PER_CLASS = 30;
const MAX_ATTEMPTS = 8;
const consent = { shareWithCommittee: true, quoteInReports: true, publishPublicly: false, givenBy: 'self' };
const words = ['I like my foster carer', 'I miss my brother', 'School is better now', 'Nobody asks me', 'I want more say in my plan', 'My social worker keeps changing'];

const [base, secondsArg, codesArg, drawingPath] = process.argv.slice(2);
const seconds = Number(secondsArg);
const codes = codesArg!.split(',');
const picture = new Uint8Array(await readFile(drawingPath!));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// A fixed seed, so every run is the same day.
let seed = 20261129;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

async function sendOnce(id: string, kind: 'quote' | 'drawing', device: string, groupCode: string | undefined): Promise<Response> {
  const submission = { id, kind, text: words[Math.floor(random() * words.length)], ageBand: '12-15', consent, ...(groupCode ? { groupCode } : {}) };
  // Each class is behind its own school address, as the server sees it through the trusted proxy header.
  const headers = { 'heard-device-id': device, 'x-forwarded-for': `10.20.${/class-(\d+)/.exec(device)?.[1] ?? 0}.1` };
  if (kind === 'quote') {
    return fetch(`${base}/api/submissions`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(submission) });
  }
  const form = new FormData();
  form.set('submission', JSON.stringify(submission));
  form.set('image', new Blob([picture], { type: 'image/png' }), 'drawing.png');
  return fetch(`${base}/api/submissions`, { method: 'POST', headers, body: form });
}

async function send(kind: 'quote' | 'drawing', device: string, groupCode: string | undefined): Promise<SentItem> {
  const id = crypto.randomUUID();
  const started = performance.now();
  let firstAnswerMs = 0;
  let rateLimited = 0;
  for (let attempt = 1; ; attempt++) {
    let status = 0;
    let retryAfter = 0;
    try {
      const response = await sendOnce(id, kind, device, groupCode);
      status = response.status;
      retryAfter = Number(response.headers.get('retry-after') ?? 0);
      await response.arrayBuffer();
    } catch {
      status = 0;
    }
    if (attempt === 1) firstAnswerMs = performance.now() - started;
    if (status === 429) rateLimited += 1;
    const retryable = status === 0 || status === 429 || status >= 500;
    if (!retryable || attempt === MAX_ATTEMPTS) {
      return { id, kind, status, attempts: attempt, firstAnswerMs, totalMs: performance.now() - started, rateLimited };
    }
    // The outbox waits as told, up to a minute; the day is compressed, so a tenth of that here.
    await sleep(Math.min(6000, Math.max(retryAfter * 100, 250 * 2 ** attempt)));
  }
}

async function child(classIndex: number, childIndex: number): Promise<SentItem[]> {
  const mode = classIndex < 10 ? 'shared tablet' : classIndex < 20 ? 'own device, group' : 'own device, alone';
  const device = mode === 'shared tablet' ? `tablet-of-class-${classIndex}` : `class-${classIndex}-child-${childIndex}-device`;
  const groupCode = mode === 'own device, alone' ? undefined : codes[classIndex];
  const items: SentItem[] = [];
  const count = random() < 0.5 ? 1 : 2;
  for (let i = 0; i < count; i++) {
    items.push(await send(random() < 0.7 ? 'quote' : 'drawing', device, groupCode));
    await sleep(random() * 2000);
  }
  return items;
}

function latency(items: readonly SentItem[]): Latency {
  const times = items.map((item) => item.firstAnswerMs).sort((a, b) => a - b);
  return { count: items.length, p50Ms: round(percentile(times, 0.5)), p95Ms: round(percentile(times, 0.95)), maxMs: round(times.at(-1) ?? Number.NaN) };
}

const started = performance.now();
const everyone: Promise<SentItem[]>[] = [];
for (let c = 0; c < CLASSES; c++) {
  // Classes start across the first half of the day; their children arrive over a few minutes.
  const classStart = random() * seconds * 500;
  for (let i = 0; i < PER_CLASS; i++) {
    const arrival = classStart + random() * seconds * 400;
    everyone.push(sleep(arrival).then(() => child(c, i)));
  }
}
const items = (await Promise.all(everyone)).flat();
const statuses: Record<string, number> = {};
for (const item of items) statuses[item.status] = (statuses[item.status] ?? 0) + 1;
const result: ParticipationResult = {
  children: CLASSES * PER_CLASS,
  items,
  seconds: round((performance.now() - started) / 1000),
  quote: latency(items.filter((item) => item.kind === 'quote')),
  drawing: latency(items.filter((item) => item.kind === 'drawing')),
  statuses,
  rateLimitedAnswers: items.reduce((sum, item) => sum + item.rateLimited, 0),
};
process.stdout.write(JSON.stringify(result));
