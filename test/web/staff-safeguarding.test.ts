// The safeguarding lane in headless Chromium: a flagged quote waits only there, a lead escalates it with the
// referral reference or records no concern, and a worker sees what they flagged without being able to act on it.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import type { Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';
import { signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';

const POLL = { timeout: 10_000 };

describe('the safeguarding lane in Chromium', () => {
  let server: StaffServer;
  let h: Harness;
  let browser: Browser;

  async function send(text: string): Promise<string> {
    const body = quote({ text });
    expect((await postJson(h.app, body)).status).toBe(201);
    return body.id as string;
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

  it('keeps a flagged quote out of the queue and in the lane, where a lead escalates it with a referral reference', async () => {
    const ordinary = await send('The youth club should open on Sundays.');
    const disclosure = await send('my dad hits me and im scared to go home');
    const { context, page } = await signInPage(browser, server, 'lead');

    // The queue: the ordinary quote only.
    await expect.poll(() => page.getByTestId('queue-item').count(), POLL).toBe(1);
    expect(await page.getByTestId('selected-text').textContent()).toBe('The youth club should open on Sundays.');
    expect(await page.getByTestId('queue-item').allTextContents()).not.toContainEqual(expect.stringContaining('scared'));

    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Safeguarding lane' }).click();
    await page.getByRole('heading', { level: 1, name: /Safeguarding lane \(1 waiting\)/ }).waitFor();
    await expect.poll(() => page.getByTestId('lane-item').count(), POLL).toBe(1);
    expect(await page.getByTestId('lane-item').textContent()).toMatch(/Waiting for a lead.*scared to go home.*waited .*physical abuse/);
    expect(await page.getByTestId('selected-text').textContent()).toBe('my dad hits me and im scared to go home');
    await expect.poll(() => page.getByTestId('waited').textContent(), POLL).toMatch(/Waited .* a response is due by/);
    // Nothing to approve or reject until a lead has acted.
    expect(await page.getByRole('button', { name: 'Reject' }).count()).toBe(0);

    // Escalating needs the reference: refused here first, with the reason said.
    await page.getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toMatch(/Not escalated: give the reference/);
    await page.getByLabel('Referral reference').fill('MASH-2026-0042');
    await page.getByLabel('Note (optional)').first().fill('Referred to the front door by phone.');
    await page.getByRole('button', { name: 'Escalate' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Escalated with referral reference MASH-2026-0042.');
    expect(await page.getByRole('alert').textContent()).toBe('');

    const row = await h.database.db
      .selectFrom('submissions')
      .innerJoin('staff_users', 'staff_users.id', 'submissions.safeguarding_resolved_by')
      .select(['submissions.safeguarding_resolution', 'submissions.referral_reference', 'submissions.safeguarding_note', 'staff_users.display_name'])
      .where('submissions.id', '=', disclosure)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      safeguarding_resolution: 'escalated',
      referral_reference: 'MASH-2026-0042',
      safeguarding_note: 'Referred to the front door by phone.',
      display_name: 'Lee Adebayo',
    });

    // Resolved: it says so, and it can now be moderated here.
    await expect.poll(() => page.getByTestId('lane-item').textContent(), POLL).toMatch(/^Escalated/);
    await page.getByText('Escalated, referral reference MASH-2026-0042').waitFor();
    await page.getByRole('button', { name: 'Reject' }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Safeguarding lane (0 waiting)');

    // The ordinary quote was never in the lane.
    expect(await page.getByTestId('lane-item').allTextContents()).not.toContainEqual(expect.stringContaining('youth club'));
    expect(ordinary).toBeTruthy();
    await context.close();
  });

  it('records "no concern" with its reason; a worker sees what they flagged but cannot act on it', async () => {
    const id = await send('things at home are not ok lately');
    const worker = await signInPage(browser, server, 'worker');
    const item = worker.page.getByTestId('queue-item').filter({ hasText: 'things at home' });
    await item.click();
    await expect.poll(() => worker.page.getByTestId('selected-text').textContent(), POLL).toBe('things at home are not ok lately');
    await worker.page.keyboard.press('f');
    await expect.poll(() => worker.page.getByRole('status').textContent(), POLL).toMatch(/Flagged for a safeguarding lead/);
    await expect.poll(() => item.count(), POLL).toBe(0);

    await worker.page.getByRole('link', { name: 'Safeguarding lane' }).click();
    await expect.poll(() => worker.page.getByTestId('lane-item').count(), POLL).toBe(1);
    expect(await worker.page.getByTestId('lane-item').textContent()).toMatch(/Waiting for a lead.*things at home.*flagged by a worker/);
    await worker.page.getByText('Waiting for a safeguarding lead to act.').waitFor();
    expect(await worker.page.getByRole('button', { name: 'Escalate' }).count()).toBe(0);
    expect(await worker.page.getByRole('button', { name: 'Record no concern' }).count()).toBe(0);

    const lead = await signInPage(browser, server, 'lead');
    await lead.page.getByRole('link', { name: 'Safeguarding lane' }).click();
    await lead.page.getByTestId('lane-item').filter({ hasText: 'things at home' }).click();
    await expect.poll(() => lead.page.getByTestId('selected-text').textContent(), POLL).toBe('things at home are not ok lately');
    await lead.page.getByLabel('Why there is no concern').fill('Talked to the group worker: about a house move.');
    await lead.page.getByRole('button', { name: 'Record no concern' }).click();
    await expect.poll(() => lead.page.getByRole('status').textContent(), POLL).toBe('Recorded: no concern.');
    const row = await h.database.db.selectFrom('submissions').select(['safeguarding_resolution', 'safeguarding_note', 'flagged_by']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ safeguarding_resolution: 'no_concern', safeguarding_note: 'Talked to the group worker: about a house move.' });
    expect(row.flagged_by).not.toBeNull();

    // Now it can be rejected (it was never for a committee), from the lane, with a reason.
    await lead.page.getByRole('button', { name: 'Reject' }).click();
    await lead.page.getByRole('radio', { name: 'Another reason' }).check();
    await lead.page.getByLabel('Your reason').fill('Handled by the group worker.');
    await lead.page.getByRole('form', { name: 'Reject' }).getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => lead.page.getByRole('status').textContent(), POLL).toBe('Rejected: it will not be used.');
    expect((await h.database.db.selectFrom('submissions').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('rejected');
    await worker.context.close();
    await lead.context.close();
  });
});
