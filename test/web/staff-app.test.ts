// The staff app in headless Chromium: sign in with a demo account at the real OpenID provider, moderate one
// submission with the keyboard, and see it leave the queue.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import { startStaffServer, type StaffServer } from '../helpers/staff-server.ts';
import type { Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';

describe('the staff app in Chromium', () => {
  let staffServer: StaffServer;
  let h: Harness;
  let server: { url: string };
  let browser: Browser;

  beforeAll(async () => {
    await buildWebApps();
    staffServer = await startStaffServer();
    ({ h } = staffServer);
    server = staffServer;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await staffServer?.close();
  });

  it('signs in as a worker, tags and approves with the keyboard, and the item leaves the queue', async () => {
    const first = quote({ text: 'We need somewhere safe to go after school.' });
    const second = quote({ text: 'My social worker keeps changing.' });
    expect((await postJson(h.app, first)).status).toBe(201);
    expect((await postJson(h.app, second)).status).toBe(201);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/staff/`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    // The development provider's own login and consent pages.
    await page.locator('input[name="login"]').fill('worker');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/staff\/$/);

    await expect.poll(() => page.getByTestId('queue-item').count()).toBe(2);
    expect(await page.getByTestId('selected-text').textContent()).toBe(first.text);
    // The priorities arrive in their own request; shortcuts that tag need them.
    await page.getByRole('button', { name: /^1\. Contextual Risk/ }).waitFor();
    await page.keyboard.press('1');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Tagged: Contextual Risk/);
    await page.keyboard.press('a');
    await expect.poll(() => page.getByTestId('queue-item').count()).toBe(1);
    expect(await page.getByTestId('selected-text').textContent()).toBe(second.text);

    const row = await h.database.db.selectFrom('submissions').select(['status']).where('id', '=', first.id as string).executeTakeFirstOrThrow();
    expect(row.status).toBe('approved');
    const tags = await h.database.db
      .selectFrom('submission_priorities')
      .innerJoin('priorities', 'priorities.id', 'submission_priorities.priority_id')
      .select('priorities.slug')
      .where('submission_id', '=', first.id as string)
      .execute();
    expect(tags).toEqual([{ slug: 'contextual-risk' }]);
    await context.close();
  });
});
