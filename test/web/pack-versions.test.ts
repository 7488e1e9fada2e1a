// Pack versions in the staff app, in headless Chromium: a worker attaches survey results, issues a version (and
// again with nothing changed), opens its PDF and sees the list; a committee member opens the version and, after a
// child withdraws, follows the old link to a page with its record and a link to the current version.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReceipt } from '../../api/intake/receipt.ts';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import type { Harness } from '../helpers/harness.ts';
import { seriousViolations, signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';
import { signInAs } from '../helpers/staff.ts';

const POLL = { timeout: 10_000 };
const QUOTES = ['The bus to school is always late', 'I want a say in my care plan', 'Nobody told me why I moved'];

describe('pack versions in the staff app', () => {
  let server: StaffServer;
  let h: Harness;
  let browser: Browser;
  let itemId = '';
  let firstVersionUrl = '';
  const receipts: string[] = [];

  beforeAll(async () => {
    await buildWebApps();
    server = await startStaffServer();
    ({ h } = server);
    browser = await launchChromium();
    const priority = await h.database.db.selectFrom('priorities').select('id').where('slug', '=', 'mental-health').executeTakeFirstOrThrow();
    for (const text of QUOTES) {
      const id = crypto.randomUUID();
      const receipt = generateReceipt();
      receipts.push(receipt);
      await h.database.db
        .insertInto('submissions')
        .values({ id, kind: 'quote', text, age_band: '12-15', consent_share_with_committee: true, consent_quote_in_reports: true, consent_publish_publicly: false, consent_given_by: 'self', receipt, status: 'approved' })
        .execute();
      await h.database.db.insertInto('submission_priorities').values({ submission_id: id, priority_id: priority.id, tagged_by: null }).execute();
    }
    const worker = await signInAs(h.app, 'worker', server.url);
    const { committees } = await (await worker.request('/api/committees')).json();
    const meeting = await (await worker.json(`/api/committees/${committees[0].id}/meetings`, 'POST', { heldOn: '2026-12-03' })).json();
    itemId = (await (await worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'Having a say', priorities: ['mental-health'] })).json()).id;
    const survey = await worker.json('/api/surveys', 'POST', { title: 'Being listened to', intro: { en: 'A question.' }, questions: [{ id: 'heard', type: 'yes_no_unsure', text: { en: 'Do adults listen?' } }] });
    await worker.json(`/api/surveys/${(await survey.json()).id}/publish`, 'POST');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a worker attaches survey results, issues a version, opens its PDF and sees the list; issuing again with no change keeps it', async () => {
    const { context, page } = await signInPage(browser, server, 'worker');
    await page.goto(`${server.url}/staff/#/committees/item/${itemId}`);
    await page.getByRole('heading', { level: 1, name: 'Having a say' }).waitFor();
    const versions = page.getByRole('region', { name: 'Pack versions' });
    await versions.getByText('No version has been issued yet.').waitFor();

    const surveys = page.getByRole('region', { name: 'Survey results in the pack' });
    await expect.poll(() => surveys.getByLabel('Published survey').locator('option').count(), POLL).toBe(2);
    await surveys.getByLabel('Published survey').selectOption({ label: 'Being listened to (version 1)' });
    await surveys.getByLabel('Break the results down').selectOption('ageBand');
    await surveys.getByRole('button', { name: 'Attach survey results' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Attached “Being listened to” (version 1, by age band) to the pack.');
    await expect.poll(() => surveys.getByTestId('pack-surveys').textContent(), POLL).toContain('Being listened to (version 1, by age band)');

    await versions.getByRole('button', { name: 'Issue a pack version' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Issued pack version 1. Minutes can cite it by its number and date.');
    const rows = versions.getByTestId('pack-version');
    await expect.poll(() => rows.count(), POLL).toBe(1);
    expect(await rows.first().textContent()).toMatch(/^Version 1 · issued .* · current/);
    const issued = await h.database.db.selectFrom('pack_versions').select(['id', 'issued_by']).where('agenda_item_id', '=', itemId).execute();
    expect(issued).toHaveLength(1);
    firstVersionUrl = `${server.url}/api/packs/${issued[0]!.id}`;
    expect(await versions.getByRole('link', { name: 'Open version 1' }).getAttribute('href')).toBe(firstVersionUrl);
    expect(await versions.getByRole('link', { name: 'CSV of version 1' }).getAttribute('href')).toBe(`${firstVersionUrl}/csv`);

    // The PDF link downloads the version printed on the server.
    const pdfLink = versions.getByRole('link', { name: 'PDF of version 1' });
    expect(await pdfLink.getAttribute('href')).toBe(`${firstVersionUrl}/pdf`);
    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    expect(download.suggestedFilename()).toBe(`heard-pack-${issued[0]!.id}-v1.pdf`);
    const pdf = await context.request.get(`${firstVersionUrl}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Nothing changed: the same version stays current, and the worker is told so.
    await versions.getByRole('button', { name: 'Issue a pack version' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Nothing has changed since version 1 was issued, so it is still the one to cite.');
    expect(await h.database.db.selectFrom('pack_versions').select('id').where('agenda_item_id', '=', itemId).execute()).toHaveLength(1);
    expect(await rows.count()).toBe(1);
    await context.close();
  });

  it('a committee member opens the version; after a withdrawal the old link shows its record and a link to the current one', async () => {
    expect(firstVersionUrl).not.toBe('');
    const member = await signInPage(browser, server, 'committee', { bypassCSP: true });
    const memberId = (await h.database.db.selectFrom('staff_users').select('id').where('email', '=', 'committee@heard.test').executeTakeFirstOrThrow()).id;
    const executive = await h.database.db.selectFrom('committees').select('id').where('slug', '=', 'executive').executeTakeFirstOrThrow();
    await h.database.db.insertInto('staff_roles').values({ staff_user_id: memberId, role: 'committee_member', committee_id: executive.id }).execute();
    const { page } = member;
    await page.goto(`${server.url}/staff/#/committees/item/${itemId}`);
    await page.reload();
    const versions = page.getByRole('region', { name: 'Pack versions' });
    await expect.poll(() => versions.getByTestId('pack-version').count(), POLL).toBe(1);
    expect(await versions.getByRole('button', { name: 'Issue a pack version' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Attach survey results' }).count()).toBe(0);
    expect(await page.getByTestId('pack-surveys').textContent()).toContain('Being listened to');
    expect(await seriousViolations(page)).toEqual([]);

    await versions.getByRole('link', { name: 'Open version 1' }).click();
    await page.waitForURL(firstVersionUrl);
    const pack = await page.locator('body').innerText();
    for (const text of QUOTES) expect(pack).toContain(text);
    expect(pack).toContain('Pack version 1');

    // A child withdraws: version 1 is superseded, and its link now opens its record.
    expect((await h.app.request(`/api/receipts/${receipts[0]}/withdraw`, { method: 'POST' })).status).toBe(200);
    const response = await page.goto(firstVersionUrl);
    expect(response?.status()).toBe(410);
    await page.getByRole('heading', { level: 1, name: 'Pack version 1 was superseded' }).waitFor();
    const record = await page.getByTestId('superseded-record').innerText();
    expect(record).toContain('A child withdrew their words.');
    expect(await page.title()).not.toMatch(/Error/);
    expect(await page.locator('body').innerText()).not.toContain(QUOTES[0]);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: /^Open the current version \(version 2/ }).click();
    await page.locator('[data-pack-version]').waitFor();
    expect(await page.locator('[data-pack-version]').textContent()).toMatch(/^Pack version 2, issued/);
    const current = await page.locator('body').innerText();
    expect(current).not.toContain(QUOTES[0]);
    expect(current).toContain(QUOTES[1]);

    // Back in the app, the list shows version 1 superseded with why, and version 2 current.
    await page.goto(`${server.url}/staff/#/committees/item/${itemId}`);
    const rows = page.getByRole('region', { name: 'Pack versions' }).getByTestId('pack-version');
    await expect.poll(() => rows.count(), POLL).toBe(2);
    expect(await rows.nth(0).textContent()).toMatch(/^Version 2 · issued .* · current/);
    expect(await rows.nth(1).textContent()).toMatch(/^Version 1 · issued .* · superseded .*: A child withdrew their words\./);
    expect(await rows.nth(1).getByRole('link', { name: 'Record of version 1' }).getAttribute('href')).toBe(new URL(firstVersionUrl).pathname);
    await member.context.close();
  });
});
