// Committees in the staff app, in headless Chromium: a worker adds a meeting and an agenda item, opens the feedback it
// pulls, pins and excludes, checks the pack and CSV, and marks it discussed; a committee member sees only their committee.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewSubmission } from '../../api/db/schema.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { generateReceipt } from '../../api/intake/receipt.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import type { Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing } from '../helpers/intake.ts';
import { signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';

const POLL = { timeout: 10_000 };
const ANXIOUS = 'I feel anxious before school every day';
const NOBODY = 'Nobody asks how I am doing';
const PRIVATE = 'This one is not to be quoted';

describe('committees in the staff app', () => {
  let server: StaffServer;
  let h: Harness;
  let browser: Browser;
  const ids: Record<string, string> = {};
  let itemId = '';

  async function tagged(id: string, slug: string): Promise<void> {
    const priority = await h.database.db.selectFrom('priorities').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
    await h.database.db.insertInto('submission_priorities').values({ submission_id: id, priority_id: priority.id, tagged_by: null }).execute();
  }

  async function approvedQuote(text: string, overrides: Partial<NewSubmission> = {}): Promise<string> {
    const id = crypto.randomUUID();
    await h.database.db
      .insertInto('submissions')
      .values({
        id,
        kind: 'quote',
        text,
        age_band: '12-15',
        consent_share_with_committee: true,
        consent_quote_in_reports: true,
        consent_publish_publicly: false,
        consent_given_by: 'self',
        receipt: generateReceipt(),
        status: 'approved',
        ...overrides,
      })
      .execute();
    await tagged(id, 'mental-health');
    return id;
  }

  beforeAll(async () => {
    await buildWebApps();
    server = await startStaffServer();
    ({ h } = server);
    browser = await launchChromium();
    ids.anxious = await approvedQuote(ANXIOUS);
    ids.nobody = await approvedQuote(NOBODY);
    ids.private = await approvedQuote(PRIVATE, { consent_quote_in_reports: false });
    await approvedQuote('About buses', { text: 'About buses' }).then((id) => h.database.db.deleteFrom('submission_priorities').where('submission_id', '=', id).execute());
    const picture = drawing({ text: 'How I feel' });
    expect((await postDrawing(h.app, picture, await pngDrawing(300, 200))).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    await h.database.db.updateTable('submissions').set({ status: 'approved' }).where('id', '=', picture.id as string).execute();
    await tagged(picture.id as string, 'mental-health');
    ids.drawing = picture.id as string;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a worker adds a meeting and an agenda item, curates its feedback, checks the pack and CSV, and marks it discussed', async () => {
    const { context, page } = await signInPage(browser, server, 'worker');
    await page.getByRole('link', { name: 'Committees' }).click();
    await page.getByRole('heading', { level: 2, name: 'Executive' }).waitFor();

    await page.getByRole('button', { name: 'Add a meeting of Executive' }).click();
    // The date field takes focus as the form opens.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type), POLL).toBe('date');
    await page.getByLabel('Held on').fill('2026-12-03');
    await page.getByRole('button', { name: 'Add meeting' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Added the meeting on 3 Dec 2026.');
    await page.getByRole('heading', { level: 3, name: 'Meeting 3 Dec 2026' }).waitFor();

    await page.getByRole('button', { name: 'Add an agenda item to the meeting 3 Dec 2026' }).click();
    await page.getByLabel('Agenda item title').fill("Children's mental health");
    await page.getByRole('group', { name: 'Pull feedback tagged with any of these priorities' }).getByLabel('Mental Health').check();
    await page.getByRole('button', { name: 'Add agenda item' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Added the agenda item “Children\'s mental health”.');
    const item = await h.database.db.selectFrom('agenda_items').select('id').where('title', '=', "Children's mental health").executeTakeFirstOrThrow();
    itemId = item.id;

    await page.getByRole('link', { name: "Children's mental health" }).click();
    await page.getByRole('heading', { level: 1, name: "Children's mental health" }).waitFor();
    const entries = page.getByTestId('feedback-entry');
    await expect.poll(() => entries.count(), POLL).toBe(4);
    expect(await page.getByText('Executive · meeting on 3 Dec 2026 · not yet discussed').count()).toBe(1);
    expect(await entries.filter({ hasText: 'Not quoted: the child did not agree' }).count()).toBe(1);
    expect(await page.getByText(PRIVATE).count()).toBe(0);
    expect(await page.getByText('About buses').count()).toBe(0);
    const thumbnail = entries.locator('img');
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBeGreaterThan(0);
    expect(await page.getByRole('heading', { level: 2, name: 'Figures (fewer than 5 in all)' }).count()).toBe(1);

    // Pin: it leads the list.
    const nobody = entries.filter({ hasText: NOBODY });
    await nobody.getByLabel('Note on pinning or excluding (optional)').fill('Opens the item');
    await nobody.getByRole('button', { name: 'Pin' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Pinned: it leads the pack.');
    await expect.poll(() => entries.first().textContent(), POLL).toContain(NOBODY);
    expect(await entries.first().textContent()).toContain('Pinned: Opens the item');
    expect(await entries.first().getByRole('button', { name: 'Unpin' }).getAttribute('aria-pressed')).toBe('true');

    // Exclude asks first, then the entry leaves; it can be brought back straight away.
    const anxious = entries.filter({ hasText: ANXIOUS });
    await anxious.getByRole('button', { name: 'Exclude' }).click();
    await anxious.getByRole('button', { name: 'Yes, exclude it' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toMatch(/^Excluded from this agenda item/);
    await expect.poll(() => entries.count(), POLL).toBe(3);
    const curation = () => h.database.db.selectFrom('agenda_item_curation').select(['submission_id', 'choice', 'note']).where('agenda_item_id', '=', itemId).orderBy('choice').execute();
    expect(await curation()).toEqual([
      { submission_id: ids.anxious, choice: 'exclude', note: null },
      { submission_id: ids.nobody, choice: 'pin', note: 'Opens the item' },
    ]);
    await page.getByRole('region', { name: 'Excluded just now' }).getByRole('button', { name: 'Bring back' }).click();
    await expect.poll(() => entries.count(), POLL).toBe(4);
    expect(await curation()).toEqual([{ submission_id: ids.nobody, choice: 'pin', note: 'Opens the item' }]);

    // The print pack and the CSV, at the addresses the links give.
    const pack = await context.request.get(`${server.url}${await page.getByRole('link', { name: 'Print pack' }).getAttribute('href')}`);
    expect(pack.status()).toBe(200);
    expect(await pack.text()).toContain(NOBODY);
    const csvLink = page.getByRole('link', { name: 'Download CSV' });
    expect(await csvLink.getAttribute('download')).not.toBeNull();
    const csv = await context.request.get(`${server.url}${await csvLink.getAttribute('href')}`);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain(ANXIOUS);

    await page.getByLabel('Outcome note (optional)').fill('We will fund a school nurse drop-in.');
    await page.getByRole('button', { name: 'Mark discussed' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Marked discussed. 4 children will see on their receipt that their words were shared.');
    await expect.poll(() => page.getByTestId('outcome').textContent(), POLL).toBe('Outcome: We will fund a school nurse drop-in.');
    const discussed = await h.database.db.selectFrom('agenda_items').select(['discussed_at', 'outcome_note']).where('id', '=', itemId).executeTakeFirstOrThrow();
    expect(discussed.discussed_at).not.toBeNull();
    expect(discussed.outcome_note).toBe('We will fund a school nurse drop-in.');
    const shares = await h.database.db.selectFrom('submission_shares').select('submission_id').where('agenda_item_id', '=', itemId).execute();
    expect(shares.map((share) => share.submission_id).sort()).toEqual([ids.anxious, ids.nobody, ids.private, ids.drawing].sort());

    await page.getByRole('link', { name: 'Back to committees' }).click();
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: "Children's mental health" }).textContent(), POLL).toBe("Children's mental healthDiscussed");
    await context.close();
  });

  it("a committee member sees only their committee's items, reads the feedback, and cannot curate or mark discussed", async () => {
    expect(itemId).not.toBe('');
    const member = await signInPage(browser, server, 'committee');
    const memberId = (await h.database.db.selectFrom('staff_users').select('id').where('email', '=', 'committee@heard.test').executeTakeFirstOrThrow()).id;
    const executive = await h.database.db.selectFrom('committees').select('id').where('slug', '=', 'executive').executeTakeFirstOrThrow();
    const frontDoor = await h.database.db.selectFrom('committees').select('id').where('slug', '=', 'front-door').executeTakeFirstOrThrow();
    await h.database.db.insertInto('staff_roles').values({ staff_user_id: memberId, role: 'committee_member', committee_id: executive.id }).execute();
    const meeting = await h.database.db.insertInto('meetings').values({ committee_id: frontDoor.id, held_on: '2026-12-10', title: null }).returning('id').executeTakeFirstOrThrow();
    const other = await h.database.db
      .insertInto('agenda_items')
      .values({ meeting_id: meeting.id, title: 'Front door referrals', description: '', submitted_from: null, submitted_until: null, kinds: null, age_bands: null, discussed_at: null, outcome_note: null })
      .returning('id')
      .executeTakeFirstOrThrow();

    const { page } = member;
    await page.reload();
    await expect.poll(() => page.getByTestId('committee').count(), POLL).toBe(1);
    expect(await page.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Executive']);
    expect(await page.getByText('Front door referrals').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Add a/ }).count()).toBe(0);

    await page.getByRole('link', { name: "Children's mental health" }).click();
    const entries = page.getByTestId('feedback-entry');
    await expect.poll(() => entries.count(), POLL).toBe(4);
    await expect.poll(() => entries.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBeGreaterThan(0);
    expect(await page.getByTestId('outcome').textContent()).toBe('Outcome: We will fund a school nurse drop-in.');
    expect(await page.getByRole('button', { name: 'Pin' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Exclude' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Mark discussed' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Print pack' }).count()).toBe(1);

    // Another committee's item, even by its address: not theirs to see.
    await page.goto(`${server.url}/staff/#/committees/item/${other.id}`);
    await page.getByRole('heading', { level: 1, name: 'Agenda item not found' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toBe('The feedback for this agenda item could not be loaded. There is no such agenda item for your committees.');
    await member.context.close();
  });
});
