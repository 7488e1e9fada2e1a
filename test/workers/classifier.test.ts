// The learned screening signal inside the bundled edge Worker (Miniflare): the same verdicts, categories and spans as
// on Node for a child's quote, and the matched words never stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenForSafeguarding } from '../../api/screening/safeguarding.ts';
import { buildEdge } from '../../workers/build.ts';
import { CONTRACT_ENV } from '../contract/intake-contract.ts';
import { startEdgeWorker, stopEdgeWorker, type EdgeWorker } from '../helpers/edge-worker.ts';
import { quote } from '../helpers/intake.ts';

let worker: EdgeWorker;
beforeAll(async () => {
  worker = await startEdgeWorker(buildEdge(), { ...CONTRACT_ENV });
}, 180_000);
afterAll(() => stopEdgeWorker(worker));

describe('screening classifier in the edge Worker', () => {
  it.each([
    ['a Polish disclosure in the English app', 'wujek robi mi rzeczy w nocy i boli', true],
    ['an Arabic disclosure in the English app', 'أبوي يضربني كل ما يرجع البيت', true],
    ['an English disclosure', 'nobody feeds me at home and i am hungry all the time', true],
    ['a figure of speech', 'im starving after football practice', false],
    ['a Polish figure of speech', 'umieram z nudow na lekcji', false],
  ])('gives the Node verdict for %s', async (_name, text, flagged) => {
    const expected = screenForSafeguarding(text, 'en');
    expect(expected.length > 0).toBe(flagged);
    const body = quote({ text, language: 'en' });
    const response = await worker.mf.dispatchFetch('http://localhost/api/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBeLessThan(300);
    expect(((await response.json()) as { showHelp: boolean }).showHelp).toBe(expected.length > 0);
    const row = await worker.database.db.selectFrom('submissions').select(['safeguarding', 'screening']).where('id', '=', String(body.id)).executeTakeFirstOrThrow();
    const stored = (typeof row.screening === 'string' ? JSON.parse(row.screening) : row.screening) as { safeguarding: Record<string, unknown>[] };
    expect(row.safeguarding).toBe(expected.length > 0);
    expect(stored.safeguarding).toEqual(expected.map(({ words: _words, ...kept }: (typeof expected)[number] & { words?: unknown }) => ({ field: '/text', ...kept })));
    expect(JSON.stringify(stored)).not.toContain(text.split(' ')[1]!);
  });
});
