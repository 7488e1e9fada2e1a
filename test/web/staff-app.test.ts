// The staff app in headless Chromium: sign in with a demo account at the real OpenID provider, moderate one
// submission with the keyboard, and see it leave the queue; redact detected details and chosen words; see a refusal.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import { signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';
import type { Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';

const POLL = { timeout: 10_000 };

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

    await expect.poll(() => page.getByTestId('queue-item').count(), POLL).toBe(2);
    expect(await page.getByTestId('selected-text').textContent()).toBe(first.text);
    // The priorities arrive in their own request; shortcuts that tag need them.
    await page.getByRole('button', { name: /^1\. Contextual Risk/ }).waitFor();
    await page.keyboard.press('1');
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toMatch(/Tagged: Contextual Risk/);
    await page.keyboard.press('a');
    await expect.poll(() => page.getByTestId('queue-item').count(), POLL).toBe(1);
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

  it('redacts the detected details with one key, and words the worker selects or types', async () => {
    const chosen = quote({ text: 'Call me on 07700 900123, my best friend is Jamie Smith and I love drama club' });
    const detected = quote({ text: 'Email me at sam@example.com please' });
    expect((await postJson(h.app, chosen)).status).toBe(201);
    expect((await postJson(h.app, detected)).status).toBe(201);
    const { context, page } = await signInPage(browser, server, 'worker');

    await page.getByTestId('queue-item').filter({ hasText: 'Call me on' }).click();
    await expect.poll(() => page.getByTestId('selected-text').textContent(), POLL).toBe(chosen.text);
    await page.getByText('Identifying details found: phone “07700 900123”.').waitFor();

    // Typed (keyboard users): every place the words occur is added.
    await page.getByLabel('Words to remove').fill('DRAMA club');
    await page.getByLabel('Words to remove').press('Enter');
    await page.getByRole('button', { name: 'Keep “drama club”' }).waitFor();
    // Selected in the text (mouse and touch users).
    await page.getByTestId('selected-text').evaluate((quoteElement: HTMLElement) => {
      const node = quoteElement.firstChild!;
      const start = node.textContent!.indexOf('Jamie Smith');
      const range = document.createRange();
      range.setStart(node, start - 1); // a stray space either side is trimmed
      range.setEnd(node, start + 'Jamie Smith'.length + 1);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    });
    await page.getByRole('button', { name: 'Add selected words “Jamie Smith”' }).click();
    await page.getByRole('button', { name: 'Keep “Jamie Smith”' }).waitFor();
    expect(await page.locator('blockquote mark').allTextContents()).toEqual(['Jamie Smith', 'drama club']);
    // Marking the words changes nothing until the redaction is sent.
    expect(await page.getByTestId('selected-text').textContent()).toBe(chosen.text);
    expect((await h.database.db.selectFrom('submissions').select('redacted_text').where('id', '=', chosen.id as string).executeTakeFirstOrThrow()).redacted_text).toBeNull();

    await page.getByRole('button', { name: 'Redact the chosen words' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Redacted 3 parts.');
    const redacted = 'Call me on [removed], my best friend is [removed] and I love [removed]';
    expect((await h.database.db.selectFrom('submissions').select('redacted_text').where('id', '=', chosen.id as string).executeTakeFirstOrThrow()).redacted_text).toBe(redacted);
    await expect.poll(() => page.getByTestId('selected-text').textContent(), POLL).toBe(redacted);
    await page.getByText(/^Already redacted/).waitFor();

    // One key for what screening found.
    await page.getByTestId('queue-item').filter({ hasText: 'Email me' }).click();
    await expect.poll(() => page.getByTestId('selected-text').textContent(), POLL).toBe(detected.text);
    await page.keyboard.press('d');
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Redacted the detected details.');
    expect((await h.database.db.selectFrom('submissions').select('redacted_text').where('id', '=', detected.id as string).executeTakeFirstOrThrow()).redacted_text).toBe('Email me at [removed] please');
    await context.close();
  });

  it("shows the API's reason when a decision is refused, and does not report it as done", async () => {
    const body = quote({ text: 'The bus to college is always late.' });
    expect((await postJson(h.app, body)).status).toBe(201);
    const { context, page } = await signInPage(browser, server, 'worker');
    await page.getByTestId('queue-item').filter({ hasText: 'bus to college' }).click();
    await expect.poll(() => page.getByTestId('selected-text').textContent(), POLL).toBe(body.text);

    // Someone else claims it in the meantime.
    const other = await h.database.db.insertInto('staff_users').values({ issuer: 'https://other.test', subject: 'other', display_name: 'Another worker', email: null }).returning('id').executeTakeFirstOrThrow();
    await h.database.db.updateTable('submissions').set({ claimed_by: other.id, claim_expires_at: new Date(Date.now() + 10 * 60_000) }).where('id', '=', body.id as string).execute();

    await page.getByRole('button', { name: 'Approve (a)' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toBe('Not approved. Someone else is moderating this submission right now.');
    expect(await page.getByRole('status').textContent()).toBe('');
    expect((await h.database.db.selectFrom('submissions').select('status').where('id', '=', body.id as string).executeTakeFirstOrThrow()).status).toBe('received');

    // A reason is needed to reject; the form says so without sending anything.
    await page.keyboard.press('r');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type), POLL).toBe('radio');
    await page.getByRole('radio', { name: 'Another reason' }).check();
    await page.getByRole('form', { name: 'Reject' }).getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toMatch(/^Not rejected: say briefly why/);
    await context.close();
  });
});
