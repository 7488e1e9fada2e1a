/**
 * Many children's apps sending at once over HTTP, as the outbox does (web/child/outbox.ts): each submission is sent
 * with the same id and the same body until it is acknowledged (200/201), retrying after a network error, 409, 429
 * or any 5xx. Every attempt is recorded, so a check can say what happened around a crash.
 */
import sharp from 'sharp';
import { consentAll } from './intake.ts';

export type PlannedSubmission = { id: string; kind: 'quote' | 'drawing'; json: string; image: Uint8Array | undefined };

/** One try: its HTTP status, or 'network' when no answer came (connection refused or reset). */
export type Attempt = { status: number | 'network'; startedAt: number; endedAt: number };

export type SubmissionOutcome = {
  planned: PlannedSubmission;
  attempts: Attempt[];
  /** The answer that acknowledged it (the first 200 or 201). */
  acknowledged: { status: 200 | 201; receipt: string; at: number } | undefined;
  /** A refusal no client would retry (any other 4xx): always a failure in these checks. */
  refused: { status: number; body: string } | undefined;
};

export type Load = {
  /** Resolves when every submission is acknowledged, refused, or out of time. */
  done: Promise<SubmissionOutcome[]>;
  acknowledgedCount(): number;
  /** Milliseconds since the load began (the clock every Attempt uses). */
  elapsed(): number;
  /** Resolves once at least `count` submissions are acknowledged. */
  whenAcknowledged(count: number): Promise<void>;
};

/** Small real PNG drawings in a few colours (processing them stays cheap on a small machine). */
export async function smallDrawings(count = 4): Promise<Uint8Array[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="72"><rect width="100%" height="100%" fill="white"/><circle cx="48" cy="36" r="${10 + index * 5}" fill="none" stroke="#${(0x1f4e79 + index * 0x203040).toString(16).slice(-6)}" stroke-width="6"/></svg>`;
      return new Uint8Array(await sharp(Buffer.from(svg)).png().toBuffer());
    }),
  );
}

/** `count` submissions, every `drawingEvery`-th a drawing (multipart), the rest quotes (JSON); each with its own words. */
export function planSubmissions(count: number, drawingEvery: number, images: readonly Uint8Array[]): PlannedSubmission[] {
  return Array.from({ length: count }, (_, index) => {
    const id = crypto.randomUUID();
    const kind = index % drawingEvery === drawingEvery - 1 ? 'drawing' : 'quote';
    const body =
      kind === 'drawing'
        ? { id, kind, text: `My drawing number ${index}`, ageBand: '8-11', consent: consentAll }
        : { id, kind, text: `Quote ${index}: I wish the bus to school came more often.`, ageBand: '12-15', consent: consentAll };
    return { id, kind, json: JSON.stringify(body), image: kind === 'drawing' ? images[index % images.length] : undefined };
  });
}

function requestFor(planned: PlannedSubmission): RequestInit {
  if (!planned.image) return { method: 'POST', headers: { 'content-type': 'application/json' }, body: planned.json };
  const form = new FormData();
  form.set('submission', planned.json);
  form.set('image', new Blob([planned.image as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'drawing');
  return { method: 'POST', body: form };
}

const retryable = (status: number) => status === 409 || status === 429 || status >= 500;

/**
 * Sends every submission at once to `baseUrl`, each retried every `retryDelayMs` (with jitter) until acknowledged,
 * refused, or `giveUpAfterMs` has passed. Times are milliseconds since the load began.
 */
export function sendAll(baseUrl: string, planned: readonly PlannedSubmission[], options: { retryDelayMs?: number; giveUpAfterMs?: number } = {}): Load {
  const retryDelayMs = options.retryDelayMs ?? 150;
  const giveUpAfterMs = options.giveUpAfterMs ?? 45_000;
  const began = performance.now();
  const clock = () => Math.round(performance.now() - began);
  let acknowledged = 0;
  const waiters: { count: number; resolve(): void }[] = [];

  const sendOne = async (submission: PlannedSubmission): Promise<SubmissionOutcome> => {
    const outcome: SubmissionOutcome = { planned: submission, attempts: [], acknowledged: undefined, refused: undefined };
    while (clock() < giveUpAfterMs) {
      const startedAt = clock();
      let status: number | 'network' = 'network';
      let text = '';
      try {
        const response = await fetch(`${baseUrl}/api/submissions`, { ...requestFor(submission), signal: AbortSignal.timeout(20_000) });
        status = response.status;
        text = await response.text();
      } catch {
        status = 'network';
      }
      outcome.attempts.push({ status, startedAt, endedAt: clock() });
      if (status === 200 || status === 201) {
        const body = JSON.parse(text) as { receipt: string };
        outcome.acknowledged = { status, receipt: body.receipt, at: clock() };
        acknowledged += 1;
        for (const waiter of waiters.filter((w) => acknowledged >= w.count)) waiter.resolve();
        return outcome;
      }
      if (status !== 'network' && !retryable(status)) {
        outcome.refused = { status, body: text };
        return outcome;
      }
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs / 2 + Math.random() * retryDelayMs));
    }
    return outcome;
  };

  return {
    done: Promise.all(planned.map(sendOne)),
    acknowledgedCount: () => acknowledged,
    elapsed: clock,
    whenAcknowledged: (count) => (acknowledged >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
  };
}

/** How many attempts ended with each status, e.g. { 201: 480, 200: 20, network: 35 }. */
export function statusCounts(outcomes: readonly SubmissionOutcome[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const attempt of outcomes.flatMap((outcome) => outcome.attempts)) counts[attempt.status] = (counts[attempt.status] ?? 0) + 1;
  return counts;
}
