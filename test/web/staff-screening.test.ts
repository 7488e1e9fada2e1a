// Screening in the staff app, in headless Chromium: a lead sees why a quote was flagged, marks a flag a false positive,
// reports a disclosure screening missed from the queue with the words selected, and a reviewer accepts it for the corpus.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import type { Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';
import { signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';

const POLL = { timeout: 10_000 };

describe('screening reviews in Chromium', () => {
  let server: StaffServer;
  let h: Harness;
  let browser: Browser;

  async function send(text: string): Promise<string> {
    const body = quote({ text });
    expect((await postJson(h.app, body)).status).toBe(201);
    return body.id as string;
  }

  /** Stores what screening found, so the test does not depend on the engine's wording. */
  async function screenedAs(id: string, matches: Record<string, unknown>[]): Promise<void> {
    await h.database.db
      .updateTable('submissions')
      .set({ screening: JSON.stringify({ safeguarding: matches, identifying: [] }), safeguarding: matches.length > 0 })
      .where('id', '=', id)
      .execute();
  }

  beforeAll(async () => {
    await buildWebApps();
    server = await startStaffServer();
    ({ h } = server);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows why, records a false positive, reports a missed disclosure and exports it once accepted', async () => {
    const missedText = 'The park is nice. Mums boyfriend locks me in my room at night.';
    const missed = await send(missedText);
    await screenedAs(missed, []);
    const flaggedText = 'my dad hits me with his pillow in our pillow fights lol';
    const flagged = await send(flaggedText);
    await screenedAs(flagged, [{ field: '/text', phraseId: 'rule:actor-harm-self', category: 'physical_abuse', start: 3, end: 14, signal: 'rule', language: 'en' }]);
    const { context, page } = await signInPage(browser, server, 'lead');

    // The queue: select the words and report what screening missed.
    await expect.poll(() => page.getByTestId('selected-text').textContent(), POLL).toBe(missedText);
    await page.getByText('Screening found nothing here.').waitFor();
    await page.getByTestId('selected-text').evaluate((quoteElement: HTMLElement) => {
      const node = quoteElement.firstChild!;
      const start = node.textContent!.indexOf('locks me');
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, start + 'locks me in my room'.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await expect.poll(() => page.getByTestId('missed-words').textContent(), POLL).toBe('Words: “locks me in my room”');
    await page.getByRole('button', { name: 'Report missed disclosure' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toMatch(/choose what kind of harm/);
    await page.getByLabel('What it may be').selectOption({ label: 'Feeling unsafe at home' });
    await page.getByRole('button', { name: 'Report missed disclosure' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toMatch(/Reported as missed by screening/);
    const reported = await h.database.db.selectFrom('screening_reviews').select(['kind', 'category', 'text_snapshot']).where('submission_id', '=', missed).executeTakeFirstOrThrow();
    expect(reported).toEqual({ kind: 'missed', category: 'unsafe_at_home', text_snapshot: 'Mums boyfriend locks me in my room at night.' });
    expect((await h.database.db.selectFrom('submissions').select('safeguarding').where('id', '=', missed).executeTakeFirstOrThrow()).safeguarding).toBe(true);

    // The lane: why the other was flagged, then a false positive with a reason.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Safeguarding lane' }).click();
    await expect.poll(() => page.getByTestId('lane-item').count(), POLL).toBe(2);
    await page.getByTestId('lane-item').filter({ hasText: 'pillow' }).click();
    await expect.poll(() => page.getByTestId('screening-match').textContent(), POLL).toBe('Physical abuse · “dad hits me” · found by a rule · English Mark as a false positive');
    await page.getByRole('button', { name: 'Mark as a false positive' }).click();
    await page.getByRole('button', { name: 'Record false positive' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toMatch(/say briefly why/);
    await page.getByLabel('Why is this not a concern?').fill('Pillow fights, a game');
    await page.getByRole('button', { name: 'Record false positive' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toMatch(/Recorded as a false positive/);
    await expect.poll(() => page.getByTestId('screening-match').textContent(), POLL).toMatch(/marked as a false positive$/);
    const falsePositive = await h.database.db.selectFrom('screening_reviews').select(['kind', 'reason']).where('submission_id', '=', flagged).executeTakeFirstOrThrow();
    expect(falsePositive).toEqual({ kind: 'false_positive', reason: 'Pillow fights, a game' });
    // Still waiting for a lead: the false positive clears nothing.
    expect(await page.getByTestId('lane-item').filter({ hasText: 'pillow' }).textContent()).toMatch(/^Waiting for a lead/);

    // The reviewer's screen: accept the missed one, and it is in the corpus review file.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Screening reviews' }).click();
    await expect.poll(() => page.getByTestId('screening-review').count(), POLL).toBe(2);
    await page.getByTestId('screening-review').filter({ hasText: 'Missed disclosure' }).getByRole('button', { name: 'Accept' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Accepted: missed disclosure, Feeling unsafe at home.');
    await expect.poll(() => page.getByTestId('screening-review').count(), POLL).toBe(1);
    const file = await context.request.get(`${server.url}/api/screening/corpus-review.jsonl?language=en`);
    expect(await file.text()).toBe(`${JSON.stringify({ text: 'Mums boyfriend locks me in my room at night.', label: 'disclosure', category: 'unsafe_at_home' })}\n`);
    await context.close();
  });
});
