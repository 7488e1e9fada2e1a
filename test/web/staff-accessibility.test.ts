// Every staff screen under axe-core (no serious or critical violations), on a laptop and on a tablet, with the
// forms and confirmations open; plus what axe cannot see: 44px targets and a visible keyboard focus.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReceipt } from '../../api/intake/receipt.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import type { Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { seriousViolations, signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';

const POLL = { timeout: 10_000 };
const LAPTOP = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };

describe('accessibility of the staff app', () => {
  let server: StaffServer;
  let h: Harness;
  let browser: Browser;
  let itemId: string;

  async function open(page: Page, link: string, heading: string | RegExp): Promise<void> {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }

  async function check(page: Page, what: string): Promise<void> {
    expect(await seriousViolations(page), what).toEqual([]);
  }

  beforeAll(async () => {
    await buildWebApps();
    server = await startStaffServer();
    ({ h } = server);
    browser = await launchChromium();
    expect((await postJson(h.app, quote({ text: 'Call me on 07700 900123 about the youth club' }))).status).toBe(201);
    expect((await postJson(h.app, quote({ text: 'my dad hits me and im scared to go home' }))).status).toBe(201);
    // One drawing waits in the queue; the other is approved and pulled for the committee.
    expect((await postDrawing(h.app, drawing({ text: 'My house' }), await pngDrawing(400, 300))).status).toBe(201);
    const picture = drawing({ text: 'Our park' });
    expect((await postDrawing(h.app, picture, await pngDrawing(400, 300))).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    await h.database.db.insertInto('participation_groups').values({ name: 'Young Carers', join_code: 'ACEF3479', active_from: new Date(Date.now() - 60_000), active_until: null }).execute();
    const executive = await h.database.db.selectFrom('committees').select('id').where('slug', '=', 'executive').executeTakeFirstOrThrow();
    const meeting = await h.database.db.insertInto('meetings').values({ committee_id: executive.id, held_on: '2026-12-03', title: 'December' }).returning('id').executeTakeFirstOrThrow();
    itemId = (
      await h.database.db
        .insertInto('agenda_items')
        .values({ meeting_id: meeting.id, title: 'What children told us', description: 'All approved feedback.', submitted_from: null, submitted_until: null, kinds: null, age_bands: null, discussed_at: null, outcome_note: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    for (const [text, quotable] of [
      ['More places to go at weekends', true],
      ['Private words', false],
    ] as const) {
      await h.database.db
        .insertInto('submissions')
        .values({ id: crypto.randomUUID(), kind: 'quote', text, age_band: '8-11', consent_share_with_committee: true, consent_quote_in_reports: quotable, consent_publish_publicly: false, consent_given_by: 'self', receipt: generateReceipt(), status: 'approved' })
        .execute();
    }
    await h.database.db.updateTable('submissions').set({ status: 'approved' }).where('id', '=', picture.id as string).execute();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [size, viewport] of [
    ['laptop', LAPTOP],
    ['tablet', TABLET],
  ] as const) {
    it(`has no serious violations on any screen, as a lead and an admin (${size})`, async () => {
      const context = await browser.newContext({ bypassCSP: true, viewport });
      const signedOut = await context.newPage();
      await signedOut.goto(`${server.url}/staff/`);
      await signedOut.getByRole('link', { name: 'Sign in' }).waitFor();
      await check(signedOut, 'sign-in page');
      // The check can fail: an unlabelled field and unreadable text are caught.
      await signedOut.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<input type="text"><p style="color:#ccc">faint</p>'));
      expect(await seriousViolations(signedOut)).toEqual([expect.stringMatching(/^color-contrast: /), expect.stringMatching(/^label: /)]);
      await context.close();

      const lead = await signInPage(browser, server, 'lead', { bypassCSP: true, viewport });
      const page = lead.page;
      await expect.poll(() => page.getByTestId('queue-item').count(), POLL).toBe(2);
      expect(await page.getByTestId('queue-item').allTextContents()).toEqual([expect.stringContaining('Call me'), expect.stringContaining('My house')]);
      await page.getByTestId('queue-item').filter({ hasText: 'Call me' }).click();
      await page.getByRole('button', { name: /^1\. / }).waitFor();
      await page.getByLabel('Words to remove').fill('youth club');
      await page.getByLabel('Words to remove').press('Enter');
      await page.getByRole('button', { name: 'Redact the chosen words' }).waitFor();
      await page.getByText('Filter the queue').click();
      await check(page, 'queue with a quote selected and words chosen for redaction');

      await page.getByTestId('queue-item').filter({ hasText: 'My house' }).click();
      await page.getByTestId('drawing-image').waitFor();
      await page.keyboard.press('r');
      await page.getByRole('group', { name: /Why is it not used\?/ }).waitFor();
      await check(page, 'queue with a drawing selected and the reject form open');

      await open(page, 'Safeguarding lane', /^Safeguarding lane/);
      await page.getByRole('button', { name: 'Escalate' }).waitFor();
      await check(page, 'safeguarding lane');

      await open(page, 'Committees', 'Committees');
      await page.getByRole('button', { name: 'Add a meeting of Executive' }).click();
      await page.getByRole('button', { name: /^Add an agenda item/ }).first().click();
      await page.getByLabel('Agenda item title').waitFor();
      await check(page, 'committees with both forms open');

      await page.getByRole('link', { name: 'What children told us' }).click();
      await expect.poll(() => page.getByTestId('feedback-entry').count(), POLL).toBe(3);
      await expect.poll(() => page.getByTestId('feedback-entry').locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBeGreaterThan(0);
      await page.getByRole('button', { name: 'Exclude' }).first().click();
      await check(page, 'agenda item with an exclusion to confirm');

      await open(page, 'Groups', 'Groups');
      await page.getByRole('button', { name: 'End now: Young Carers' }).click();
      await check(page, 'groups with an end to confirm');
      await page.getByRole('button', { name: 'Create group' }).click();
      await page.getByRole('alert').getByText(/not created/).waitFor();
      await check(page, 'groups with an error shown');

      await open(page, 'Audit log', 'Audit log');
      await page.getByTestId('audit-row').first().waitFor();
      await check(page, 'audit log');
      await lead.context.close();

      const admin = await signInPage(browser, server, 'admin', { bypassCSP: true, viewport });
      await open(admin.page, 'Staff and roles', 'Staff and roles');
      await admin.page.getByRole('button', { name: /^Change roles: Lee Adebayo/ }).click();
      await admin.page.getByRole('button', { name: 'Save roles' }).waitFor();
      await check(admin.page, 'staff and roles with the roles form open');
      await admin.context.close();

      const member = await signInPage(browser, server, 'committee', { bypassCSP: true, viewport });
      await member.page.getByText('You are not on any committee yet.').waitFor();
      await check(member.page, 'committees for a member of none');
      await member.page.goto(`${server.url}/staff/#/audit`);
      await member.page.getByRole('heading', { level: 1, name: 'Not for your role' }).waitFor();
      await check(member.page, 'a screen not for this role');
      await member.context.close();
    }, 60_000);
  }

  it('gives every control a 44px target on a tablet, and a visible focus ring to keyboard users', async () => {
    const { context, page } = await signInPage(browser, server, 'worker', { viewport: TABLET, hasTouch: true });
    const small = async () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, input:not([type="checkbox"]):not([type="hidden"]), select, textarea, .nav a, label.check, summary, a.button')]
          .filter((element) => element.offsetParent !== null)
          .map((element) => ({ element, box: element.getBoundingClientRect() }))
          .filter(({ box }) => box.height < 44 || box.width < 44)
          .map(({ element, box }) => `${element.tagName} "${element.textContent?.trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`),
      );
    await expect.poll(() => page.getByTestId('queue-item').count(), POLL).toBeGreaterThan(0);
    await page.getByTestId('queue-item').filter({ hasText: 'My house' }).click();
    await page.getByTestId('drawing-image').waitFor();
    await page.getByText('Filter the queue').click();
    expect(await small(), 'queue').toEqual([]);
    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByTestId('group-row').first().waitFor();
    expect(await small(), 'groups').toEqual([]);
    await page.goto(`${server.url}/staff/#/committees/item/${itemId}`);
    await page.getByTestId('feedback-entry').first().waitFor();
    expect(await small(), 'agenda item').toEqual([]);

    // Keyboard alone, from a fresh page: the skip link comes first, then sign out and the screens; each shows a focus ring.
    await page.reload();
    await page.getByTestId('feedback-entry').first().waitFor();
    await page.keyboard.press('Tab');
    const focused = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        const style = getComputedStyle(element);
        return { text: element.textContent?.trim(), ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2 };
      });
    expect(await focused()).toEqual({ text: 'Skip to content', ring: true });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toEqual({ text: 'Moderation queue', ring: true });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Queue/ }).waitFor();
    // The new screen's heading has focus, so the next Tab continues from there.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), POLL).toBe('H1');
    await context.close();
  });
});
