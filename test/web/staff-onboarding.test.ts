// Staff onboarding in headless Chromium: the header names each role once, an admin invites someone by email to a
// committee before they have signed in, the seat is theirs at first sign-in, and an account from another
// organisation is shown a kind page instead of a session.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import { seriousViolations, signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';

const POLL = { timeout: 10_000 };

describe('staff onboarding in the staff app', () => {
  let server: StaffServer;
  let browser: Browser;

  beforeAll(async () => {
    await buildWebApps();
    server = await startStaffServer({
      accounts: [
        { login: 'newcomer', name: 'Nia Newcomer', email: 'newcomer@heard.test', roles: [] },
        { login: 'outsider', name: 'Otto Side', email: 'otto@elsewhere.example', roles: [] },
      ],
      env: { OIDC_ALLOWED_DOMAINS: 'heard.test' },
    });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows each of a person’s roles once in the header', async () => {
    const { context, page } = await signInPage(browser, server, 'lead');
    const who = (await page.getByTestId('who').textContent())!;
    expect(who).toBe('Lee Adebayo (Participation worker, Safeguarding lead)');
    for (const label of ['Participation worker', 'Safeguarding lead']) expect(who.toLowerCase().split(label.toLowerCase())).toHaveLength(2);
    await context.close();
  }, 60_000);

  it('invites by email to a committee; the seat is there at the first sign-in', async () => {
    const { context, page } = await signInPage(browser, server, 'admin', { bypassCSP: true });
    await page.getByRole('link', { name: 'Staff and roles' }).click();
    const form = page.getByRole('form', { name: 'Invite by email' });
    await form.waitFor();
    await expect.poll(() => page.getByText('Nobody is waiting.').count(), POLL).toBe(1);

    // Someone from another organisation could never sign in: said at the field.
    await form.getByLabel('Email').fill('otto@elsewhere.example');
    await form.getByLabel('Safeguarding lead').check();
    await form.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toMatch(/^otto@elsewhere\.example was not invited\./);
    await expect.poll(() => form.getByText('Only accounts at heard.test can sign in to Heard.').count(), POLL).toBe(1);

    await form.getByLabel('Email').fill('Newcomer@heard.test');
    await form.getByLabel('Safeguarding lead').uncheck();
    await form.getByRole('group', { name: 'Committee seats' }).getByLabel('Executive').check();
    await form.getByRole('button', { name: 'Invite' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Invited newcomer@heard.test. They get these roles when they first sign in with that email.');
    const row = page.getByTestId('invitation-row');
    await expect.poll(() => row.count(), POLL).toBe(1);
    expect(await row.locator('th').textContent()).toBe('newcomer@heard.test');
    expect(await row.locator('td').first().textContent()).toBe('Committee member: Executive');
    expect(await server.h.database.db.selectFrom('staff_invitations').select(['email', 'role']).execute()).toEqual([{ email: 'newcomer@heard.test', role: 'committee_member' }]);
    expect(await seriousViolations(page)).toEqual([]);

    const newcomer = await signInPage(browser, server, 'newcomer');
    expect(await newcomer.page.getByTestId('who').textContent()).toBe('Nia Newcomer (Committee member)');
    await expect.poll(() => newcomer.page.getByTestId('committee').count(), POLL).toBe(1);
    expect(await newcomer.page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Executive']);
    await newcomer.context.close();

    // The admin's list no longer has the invitation, and the staff list shows the seat.
    await page.reload();
    await expect.poll(() => page.getByText('Nobody is waiting.').count(), POLL).toBe(1);
    const member = page.getByTestId('staff-row').filter({ hasText: 'Nia Newcomer' });
    await expect.poll(() => member.locator('td').nth(1).textContent(), POLL).toBe('Committee member: Executive');
    await context.close();
  }, 90_000);

  it('shows an account from another organisation a kind page, with no session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}/staff/`);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.locator('input[name="login"]').fill('outsider');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('input[name="login"]').waitFor({ state: 'detached' });
    const refused = page.getByRole('heading', { level: 1, name: 'This account cannot sign in to Heard' });
    const consent = page.locator('button[type="submit"]');
    const settle = () => undefined;
    await Promise.race([refused.waitFor().catch(settle), consent.waitFor().catch(settle)]);
    if (!(await refused.count())) await consent.click();
    await refused.waitFor();
    expect(await page.getByRole('link', { name: 'Back to the staff sign-in' }).getAttribute('href')).toBe('/staff/');
    expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('heard_session');
    await page.goto(`${server.url}/staff/`);
    await page.getByRole('link', { name: 'Sign in' }).waitFor();
    await context.close();
  }, 60_000);
});
