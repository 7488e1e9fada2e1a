// Moderation in the staff app, in headless Chromium: theme tags and a new theme on an item, bulk approve and tag of a
// checked selection (a flagged one refused kindly), a preset reject reason chosen and confirmed by keyboard alone,
// previews with thumbnail, kind and language, and the duplicate hint with its merge; axe on the queue screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import type { Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { seriousViolations, signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';

const POLL = { timeout: 10_000 };

describe('moderation in the staff app', () => {
  let server: StaffServer;
  let h: Harness;
  let browser: Browser;

  const entry = (page: Page, text: string) => page.locator('li.entry', { has: page.locator('.snippet', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
  const row = (id: string) => h.database.db.selectFrom('submissions').select(['status', 'rejection_reason']).where('id', '=', id).executeTakeFirstOrThrow();
  async function send(text: string, extra: Record<string, unknown> = {}): Promise<string> {
    const body = quote({ text, ...extra });
    expect((await postJson(h.app, body)).status).toBe(201);
    return body.id as string;
  }
  async function themesOf(id: string): Promise<string[]> {
    const rows = await h.database.db.selectFrom('submission_themes').innerJoin('themes', 'themes.id', 'submission_themes.theme_id').select('themes.title').where('submission_id', '=', id).execute();
    return rows.map((r) => r.title).sort();
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

  it('creates a theme on an item, adds it to a second, and takes it off again', async () => {
    const first = await send('The park near my flat has no lights.');
    const second = await send('The bus stop near school has no shelter.');
    const { context, page } = await signInPage(browser, server, 'worker');
    await entry(page, 'The park near my flat has no lights.').getByTestId('queue-item').click();
    await page.getByLabel('Add a theme (choose one or type a new one)').fill('Safe streets');
    await page.getByRole('button', { name: 'Add theme' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Theme added: Safe streets.');
    await expect.poll(() => page.getByTestId('item-themes').textContent(), POLL).toBe('Safe streets ×');
    expect(await themesOf(first)).toEqual(['Safe streets']);

    // The second item picks the existing theme by its title: no second theme is made.
    await entry(page, 'The bus stop near school has no shelter.').getByTestId('queue-item').click();
    await page.getByLabel('Add a theme (choose one or type a new one)').fill('safe streets');
    await page.getByRole('button', { name: 'Add theme' }).click();
    await expect.poll(() => themesOf(second), POLL).toEqual(['Safe streets']);
    expect((await h.database.db.selectFrom('themes').select('slug').where('slug', '=', 'safe-streets').execute()).length).toBe(1);
    await page.getByRole('button', { name: 'Remove theme Safe streets' }).click();
    await expect.poll(() => themesOf(second), POLL).toEqual([]);
    expect(await themesOf(first)).toEqual(['Safe streets']);
    const audited = await h.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', first).where('action', '=', 'submission.tagged').execute();
    expect(audited.length).toBe(1);
    await context.close();
  });

  it('tags and approves a checked selection, and explains kindly why a flagged one was left', async () => {
    const a = await send('We want a youth club on Saturdays.');
    const b = await send('More buses to the leisure centre please.');
    const c = await send('Our school needs a quiet room.');
    const { context, page } = await signInPage(browser, server, 'worker');
    for (const text of ['We want a youth club on Saturdays.', 'More buses to the leisure centre please.', 'Our school needs a quiet room.']) await entry(page, text).getByTestId('queue-pick').check();
    await expect.poll(() => page.getByTestId('bulk-bar').getByRole('heading').textContent(), POLL).toBe('3 selected');

    await page.getByTestId('bulk-bar').getByLabel('Theme').fill('Things to do');
    await page.getByRole('button', { name: 'Tag selected' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Tagged: 3 submissions.');
    for (const id of [a, b, c]) expect(await themesOf(id)).toEqual(['Things to do']);

    for (const text of ['We want a youth club on Saturdays.', 'Our school needs a quiet room.']) await entry(page, text).getByTestId('queue-pick').check();
    // Meanwhile the worker flagged one of them in another tab: it may not be approved until a lead has acted.
    const worker = await h.database.db.selectFrom('staff_users').select('id').where('email', '=', 'worker@heard.test').executeTakeFirstOrThrow();
    await h.database.db.updateTable('submissions').set({ safeguarding: true, flagged_by: worker.id }).where('id', '=', c).execute();
    await page.getByRole('button', { name: 'Approve selected' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent(), POLL)
      .toBe('Approved: 1 submission. 1 was left as it was: flagged for a safeguarding lead, who must look at it first (it is waiting in the safeguarding lane).');
    expect((await row(a)).status).toBe('approved');
    expect((await row(b)).status).toBe('received');
    expect((await row(c)).status).toBe('received');
    await expect.poll(() => page.getByTestId('bulk-bar').count(), POLL).toBe(0);
    await context.close();
  });

  it('rejects with a preset reason chosen by arrow key and confirmed with Enter', async () => {
    const id = await send('asdfgh test test');
    const { context, page } = await signInPage(browser, server, 'worker');
    await entry(page, 'asdfgh test test').getByTestId('queue-item').click();
    await expect.poll(() => page.getByTestId('selected-text').textContent(), POLL).toBe('asdfgh test test');
    await page.keyboard.press('r');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value), POLL).toBe('Not about what the partnership asked');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Rejected: it will not be used.');
    expect(await row(id)).toEqual({ status: 'rejected', rejection_reason: 'A test or empty message' });
    await context.close();
  });

  it('previews a drawing with its thumbnail, and each item with its kind and language', async () => {
    const body = drawing({ text: 'My bedroom at night' });
    expect((await postDrawing(h.app, body, await pngDrawing(320, 200))).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    await send('Dw i eisiau mwy o glybiau.', { language: 'cy' });
    const thumbnail = await h.database.db.selectFrom('media_objects').select('id').where('submission_id', '=', body.id as string).where('role', '=', 'thumbnail').executeTakeFirstOrThrow();

    const { context, page } = await signInPage(browser, server, 'worker');
    const picture = entry(page, 'My bedroom at night');
    await expect.poll(() => picture.getByTestId('queue-thumbnail').getAttribute('src'), POLL).toBe(`/api/media/${thumbnail.id}`);
    await expect.poll(() => picture.getByTestId('queue-thumbnail').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBeGreaterThan(0);
    expect(await picture.getByTestId('queue-kind').textContent()).toBe('Drawing');
    const welsh = entry(page, 'Dw i eisiau mwy o glybiau.');
    expect(await welsh.getByTestId('queue-kind').textContent()).toBe('Quote');
    expect(await welsh.locator('[lang="cy"]').textContent()).toBe(' · Welsh');
    expect(await welsh.getByTestId('queue-thumbnail').count()).toBe(0);
    await context.close();
  });

  it('hints at near-identical quotes sent within a day and merges them, keeping one', async () => {
    const kept = await send('Buses cost too much.');
    const copies = [await send('buses cost too much'), await send('BUSES  cost too much!!')];
    const other = await send('Buses cost too much for my family to go anywhere.');
    const { context, page } = await signInPage(browser, server, 'worker', { bypassCSP: true });
    await expect.poll(() => entry(page, 'Buses cost too much.').getByTestId('duplicate-hint').textContent(), POLL).toBe('Looks the same as 2 others sent within a day');
    expect(await entry(page, 'Buses cost too much for my family to go anywhere.').getByTestId('duplicate-hint').count()).toBe(0);
    await entry(page, 'Buses cost too much.').getByTestId('queue-item').click();
    await page.getByTestId('duplicates-panel').waitFor();
    await entry(page, 'buses cost too much').getByTestId('queue-pick').check();
    // The queue screen with a selection, the duplicate hint and its panel showing.
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Merge: keep this one, reject the other 2 as duplicates' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toBe('Merged: kept this one and rejected as duplicates: 2 submissions.');
    for (const id of copies) expect(await row(id)).toEqual({ status: 'rejected', rejection_reason: `duplicate of ${kept}` });
    expect((await row(kept)).status).toBe('received');
    expect((await row(other)).status).toBe('received');
    await expect.poll(() => page.getByTestId('duplicates-panel').count(), POLL).toBe(0);
    await context.close();
  });
});
