// Running Heard in the staff app, in headless Chromium: the screens each role is offered, groups created and ended,
// roles given by an admin (a committee member's committee), and the audit log showing what was just done.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import type { Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';
import { signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';

const POLL = { timeout: 10_000 };

describe('running Heard in the staff app', () => {
  let server: StaffServer;
  let h: Harness;
  let browser: Browser;

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

  it('offers each role only its own screens, and says so at an address it may not use', async () => {
    const expected: Record<string, string[]> = {
      worker: ['Moderation queue', 'Safeguarding lane', 'Committees', 'Groups', 'Surveys'],
      lead: ['Moderation queue', 'Safeguarding lane', 'Committees', 'Groups', 'Surveys', 'Screening reviews', 'Annual reports', 'Audit log'],
      committee: ['Committees'],
      admin: ['Committees', 'Groups', 'Surveys', 'Screening reviews', 'Annual reports', 'Audit log', 'Staff and roles', 'Background work'],
    };
    for (const [login, screens] of Object.entries(expected)) {
      const { context, page } = await signInPage(browser, server, login);
      const nav = page.getByRole('navigation', { name: 'Screens' });
      await nav.waitFor();
      expect(await nav.getByRole('link').allTextContents(), login).toEqual(screens);
      // The first screen opens by itself, and the nav says which it is.
      expect(await nav.getByRole('link', { name: screens[0] }).getAttribute('aria-current')).toBe('page');
      await context.close();
    }
    const { context, page } = await signInPage(browser, server, 'committee');
    // Once the app has opened its first screen by itself, so that it does not replace the address typed here.
    await page.getByRole('navigation', { name: 'Screens' }).waitFor();
    await page.goto(`${server.url}/staff/#/staff`);
    await page.getByRole('heading', { level: 1, name: 'Not for your role' }).waitFor();
    await context.close();
  }, 60_000);

  it('creates a group, counts what it brings, refuses an end date in the past with the reason, and ends it', async () => {
    const { context, page } = await signInPage(browser, server, 'worker');
    await page.getByRole('link', { name: 'Groups' }).click();
    await page.getByRole('heading', { level: 1, name: 'Groups' }).waitFor();
    // Keyboard users land on the new screen's heading.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), POLL).toBe('Groups');

    await page.getByLabel('Group name').fill('Care Leavers Forum');
    await page.getByLabel('Last day (optional)').fill('2020-01-31');
    await page.getByRole('button', { name: 'Create group' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toBe('The group was not created. The end date must be in the future.');
    expect(await h.database.db.selectFrom('participation_groups').select('id').where('name', '=', 'Care Leavers Forum').execute()).toEqual([]);

    await page.getByLabel('Last day (optional)').fill('');
    await page.getByRole('button', { name: 'Create group' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toMatch(/^Created “Care Leavers Forum”\. Its join code is [A-Z0-9]{10}\.$/);
    const group = await h.database.db.selectFrom('participation_groups').select(['id', 'join_code', 'active_until']).where('name', '=', 'Care Leavers Forum').executeTakeFirstOrThrow();
    expect(group.active_until).toBeNull();
    const row = page.getByTestId('group-row').filter({ hasText: 'Care Leavers Forum' });
    await expect.poll(() => row.locator('td').allTextContents(), POLL).toEqual([group.join_code, 'Open', '0', '0 (usually 0 an hour)', 'New codeEnd now']);

    // A child joins with the code and sends something: the count follows.
    expect((await postJson(h.app, quote({ groupCode: group.join_code }))).status).toBe(201);
    await page.getByRole('link', { name: 'Committees' }).click();
    await page.getByRole('link', { name: 'Groups' }).click();
    await expect.poll(() => row.locator('td').nth(2).textContent(), POLL).toBe('1');

    // Ending asks first; "Keep it open" changes nothing.
    await row.getByRole('button', { name: 'End now: Care Leavers Forum' }).click();
    await row.getByRole('button', { name: 'Keep it open' }).click();
    expect((await h.database.db.selectFrom('participation_groups').select('active_until').where('id', '=', group.id).executeTakeFirstOrThrow()).active_until).toBeNull();
    await row.getByRole('button', { name: 'End now: Care Leavers Forum' }).click();
    await row.getByRole('button', { name: 'Yes, end it' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Ended “Care Leavers Forum”: its join code no longer works.');
    await expect.poll(() => row.locator('td').nth(1).textContent(), POLL).toMatch(/^Ended /);
    expect((await h.database.db.selectFrom('participation_groups').select('active_until').where('id', '=', group.id).executeTakeFirstOrThrow()).active_until).not.toBeNull();
    const join = await h.app.request('/api/groups/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: group.join_code }) });
    expect(join.status).toBe(404);
    await context.close();
  });

  it('lets an admin give a committee member their committee, which they then see alone; the audit log shows it', async () => {
    // The member has signed in once (so Heard knows them) but sits on no committee yet.
    const member = await signInPage(browser, server, 'committee');
    await member.page.getByText('You are not on any committee yet.').waitFor();

    const { context, page } = await signInPage(browser, server, 'admin');
    await page.getByRole('link', { name: 'Staff and roles' }).click();
    const row = page.getByTestId('staff-row').filter({ hasText: 'Chris Morgan' });
    await expect.poll(() => row.locator('td').nth(1).textContent(), POLL).toBe('Committee member (from sign-in)');
    await row.getByRole('button', { name: 'Change roles: Chris Morgan' }).click();
    await page.getByRole('heading', { name: 'Roles of Chris Morgan' }).waitFor();
    await page.getByRole('group', { name: 'Committee member of' }).getByLabel('Executive').check();
    await page.getByRole('button', { name: 'Save roles' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Saved the roles of Chris Morgan.');
    await expect.poll(() => row.locator('td').nth(1).textContent(), POLL).toBe('Committee member (from sign-in); Committee member: Executive');
    const memberId = (await h.database.db.selectFrom('staff_users').select('id').where('email', '=', 'committee@heard.test').executeTakeFirstOrThrow()).id;
    const roles = await h.database.db
      .selectFrom('staff_roles')
      .innerJoin('committees', 'committees.id', 'staff_roles.committee_id')
      .select(['staff_roles.role', 'committees.title', 'staff_roles.source'])
      .where('staff_user_id', '=', memberId)
      .execute();
    expect(roles).toEqual([{ role: 'committee_member', title: 'Executive', source: 'app' }]);

    // It takes effect at once: the member sees the Executive and no other committee.
    await member.page.reload();
    await expect.poll(() => member.page.getByTestId('committee').count(), POLL).toBe(1);
    expect(await member.page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Executive']);

    // The audit log, newest first, lists what the admin just did (and, since reading it is audited, that too).
    await page.getByRole('link', { name: 'Audit log' }).click();
    const first = page.getByTestId('audit-row').first();
    await expect.poll(() => first.textContent(), POLL).toContain('staff.roles_set');
    expect(await first.textContent()).toContain(memberId);
    expect(await first.textContent()).toContain('Ash Patel');

    // Filtered by action, and paged.
    await page.getByLabel('Action (optional)').fill('staff.signed_in');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByTestId('audit-table').locator('caption').textContent(), POLL).toMatch(/^Page 1: \d+ entries, action staff\.signed_in$/);
    const actions = await page.getByTestId('audit-row').locator('td:nth-child(2)').allTextContents();
    expect(new Set(actions)).toEqual(new Set(['staff.signed_in']));
    expect(await page.getByRole('button', { name: 'Newer entries' }).isDisabled()).toBe(true);
    await member.context.close();
    await context.close();
  });

  it('pages through a long audit log', async () => {
    // More than a page of entries for one subject.
    const subject = crypto.randomUUID();
    for (let i = 0; i < 60; i++) {
      await h.database.db.insertInto('audit_log').values({ action: 'test.entry', subject_type: 'test', subject_id: subject, details: JSON.stringify({ n: i }) }).execute();
    }
    const { context, page } = await signInPage(browser, server, 'lead');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByLabel('Subject id (optional)').fill(subject);
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByTestId('audit-table').locator('caption').textContent(), POLL).toBe(`Page 1: 50 entries, subject ${subject}`);
    expect(await page.getByTestId('audit-row').first().locator('td').nth(4).textContent()).toBe('{"n":59}');
    await page.getByRole('button', { name: 'Older entries' }).click();
    await expect.poll(() => page.getByTestId('audit-table').locator('caption').textContent(), POLL).toBe(`Page 2: 10 entries, subject ${subject}`);
    expect(await page.getByTestId('audit-row').first().locator('td').nth(4).textContent()).toBe('{"n":9}');
    await page.getByRole('button', { name: 'Newer entries' }).click();
    await expect.poll(() => page.getByTestId('audit-table').locator('caption').textContent(), POLL).toBe(`Page 1: 50 entries, subject ${subject}`);
    await context.close();
  });

  it('shows an admin the background work waiting, by kind', async () => {
    expect((await postJson(h.app, quote())).status).toBe(201);
    await h.database.db.insertInto('jobs').values({ kind: 'process_drawing', payload: JSON.stringify({ submissionId: crypto.randomUUID(), mediaId: crypto.randomUUID() }), transient_failures: 2 }).execute();
    const { context, page } = await signInPage(browser, server, 'admin');
    await page.getByRole('link', { name: 'Background work' }).click();
    const row = page.getByTestId('jobs-table').getByRole('row', { name: /Drawings to clean and resize/ });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(['1', '1', '0', '0', expect.stringMatching(/ s$| min$| h$/)]);
    await context.close();
  }, 60_000);
});
