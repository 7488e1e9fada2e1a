// Links to one item (`#/safeguarding/<id>` from a notice, `#/queue/<id>`) open that item in Chromium even when it is
// on the third page of its lane; the item is fetched by id through the lane wall, so a worker who did not flag it gets nothing.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReceipt } from '../../api/intake/receipt.ts';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import { signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';

const POLL = { timeout: 10_000 };
/** The staff app reads 50 a page: 110 older items put the newest on page 3. */
const AHEAD = 110;

describe('deep links beyond the first page, in Chromium', () => {
  let server: StaffServer;
  let browser: Browser;

  /** Inserts `count` waiting submissions, oldest first, and returns the ids in that order. */
  async function waiting(count: number, safeguarding: boolean, words: (i: number) => string): Promise<string[]> {
    const start = Date.now() - 24 * 3600_000;
    const rows = Array.from({ length: count }, (_, i) => ({
      id: crypto.randomUUID(),
      kind: 'quote' as const,
      text: words(i),
      age_band: '12-15' as const,
      consent_share_with_committee: true,
      consent_quote_in_reports: true,
      consent_publish_publicly: false,
      consent_given_by: 'self' as const,
      receipt: generateReceipt(),
      status: 'received' as const,
      safeguarding,
      created_at: new Date(start + i * 60_000),
    }));
    await server.h.database.db.insertInto('submissions').values(rows).execute();
    return rows.map((row) => row.id);
  }

  beforeAll(async () => {
    await buildWebApps();
    server = await startStaffServer();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens a flag on page 3 of the lane from its notice link, and only for those the lane wall lets see it', async () => {
    const ids = await waiting(AHEAD + 1, true, (i) => (i === AHEAD ? 'the flag the notice is about' : `an older flag number ${i}`));
    const target = ids.at(-1)!;
    const { context, page } = await signInPage(browser, server, 'lead');
    const firstPage = await (await context.request.get(`${server.url}/api/moderation/queue?safeguarding=true&limit=50`)).json();
    expect(firstPage.items.map((item: { id: string }) => item.id)).not.toContain(target);

    await page.goto(`${server.url}/staff/#/safeguarding/${target}`);
    await expect.poll(() => page.locator('[data-testid="lane-item"][aria-current="true"]').textContent(), POLL).toContain('the flag the notice is about');
    await expect.poll(() => page.getByRole('region', { name: 'Selected flag' }).textContent(), POLL).toContain('the flag the notice is about');
    expect(await page.getByRole('status').textContent().catch(() => '')).not.toMatch(/not in your lane/);

    // A worker who did not flag it: the item route answers 404, like any other wall.
    const worker = await signInPage(browser, server, 'worker');
    expect((await worker.context.request.get(`${server.url}/api/moderation/queue/${target}`)).status()).toBe(404);
    const audit = await server.h.database.db.selectFrom('audit_log').select(['action', 'subject_id']).where('subject_id', '=', target).execute();
    expect(audit).toContainEqual({ action: 'queue.read', subject_id: target });
    await worker.context.close();
    await context.close();
  });

  it('opens a submission on page 3 of the queue from #/queue/<id>', async () => {
    const ids = await waiting(AHEAD + 1, false, (i) => (i === AHEAD ? 'the one the link is about' : `an older quote number ${i}`));
    const target = ids.at(-1)!;
    const { context, page } = await signInPage(browser, server, 'worker');
    await page.goto(`${server.url}/staff/#/queue/${target}`);
    await expect.poll(() => page.getByRole('region', { name: 'Selected submission' }).textContent(), POLL).toContain('the one the link is about');
    await context.close();
  });
});
