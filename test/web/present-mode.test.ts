// Present mode on a 1920×1080 projector, in headless Chromium: headline numbers as the API releases them, charts once
// with the table behind "Show data", the attached survey's results (faces for an emoji scale), then one quote or drawing
// per slide at projector size for every entry (past the first page the screen loads), keyboard and clicker keys, axe.
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { generateReceipt } from '../../api/intake/receipt.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import type { Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing } from '../helpers/intake.ts';
import { seriousViolations, signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';
import { signInAs } from '../helpers/staff.ts';

const POLL = { timeout: 10_000 };
const FIRST = ['I feel anxious before school', 'Nobody asks how I am', 'The counsellor helped me', 'I wait months to be seen', 'My friends help most', 'Lunchtime is too loud'];
/** 30 quotes and a drawing: more than the 25 the agenda-item screen loads at first. */
const QUOTES = [...FIRST, ...Array.from({ length: 24 }, (_, i) => `More about how I feel, number ${i + 1}`)];
const ENTRIES = QUOTES.length + 1;
/** Headline, figures, two survey questions, then every entry. */
const SLIDES = 2 + 2 + ENTRIES;

describe('present mode', () => {
  let server: StaffServer;
  let h: Harness;
  let browser: Browser;
  let itemId = '';

  async function tagged(id: string): Promise<void> {
    const priority = await h.database.db.selectFrom('priorities').select('id').where('slug', '=', 'mental-health').executeTakeFirstOrThrow();
    await h.database.db.insertInto('submission_priorities').values({ submission_id: id, priority_id: priority.id, tagged_by: null }).execute();
  }

  beforeAll(async () => {
    await buildWebApps();
    server = await startStaffServer();
    ({ h } = server);
    browser = await launchChromium();
    for (const [i, text] of QUOTES.entries()) {
      const id = crypto.randomUUID();
      await h.database.db
        .insertInto('submissions')
        .values({ id, kind: 'quote', text, age_band: '12-15', consent_share_with_committee: true, consent_quote_in_reports: true, consent_publish_publicly: false, consent_given_by: 'self', receipt: generateReceipt(), status: 'approved', created_at: new Date(Date.now() - (i + 5) * 60_000) })
        .execute();
      await tagged(id);
    }
    const picture = drawing({ text: 'How I feel' });
    expect((await postDrawing(h.app, picture, await pngDrawing(1200, 900))).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    await h.database.db.updateTable('submissions').set({ status: 'approved' }).where('id', '=', picture.id as string).execute();
    await tagged(picture.id as string);

    const executive = await h.database.db.selectFrom('committees').select('id').where('slug', '=', 'executive').executeTakeFirstOrThrow();
    const meeting = await h.database.db.insertInto('meetings').values({ committee_id: executive.id, held_on: '2026-12-03', title: null }).returning('id').executeTakeFirstOrThrow();
    const item = await h.database.db
      .insertInto('agenda_items')
      .values({ meeting_id: meeting.id, title: 'Mental health', description: '', submitted_from: null, submitted_until: null, kinds: null, age_bands: null, discussed_at: null, outcome_note: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const priority = await h.database.db.selectFrom('priorities').select('id').where('slug', '=', 'mental-health').executeTakeFirstOrThrow();
    await h.database.db.insertInto('agenda_item_priorities').values({ agenda_item_id: item.id, priority_id: priority.id }).execute();
    itemId = item.id;

    // A survey with a face scale and a yes/no question, answered by seven children, attached to the item.
    const worker = await signInAs(h.app, 'worker', server.url);
    const survey = await worker.json('/api/surveys', 'POST', {
      title: 'How school feels',
      intro: { en: 'A few questions.' },
      questions: [
        { id: 'feel', type: 'emoji_scale', text: { en: 'How do you feel at school?' } },
        { id: 'heard', type: 'yes_no_unsure', text: { en: 'Do adults listen to you?' } },
      ],
    });
    const surveyId = (await survey.json()).id as string;
    expect((await worker.json(`/api/surveys/${surveyId}/publish`, 'POST')).status).toBeLessThan(300);
    for (const [i, feel] of ['1', '2', '4', '4', '5', '5', '5'].entries()) {
      await h.database.db
        .insertInto('submissions')
        .values({ id: crypto.randomUUID(), kind: 'survey', text: null, age_band: '12-15', consent_share_with_committee: true, consent_quote_in_reports: false, consent_publish_publicly: false, consent_given_by: 'self', receipt: generateReceipt(), survey_id: surveyId, survey_version: 1, answers: JSON.stringify({ feel, heard: i % 2 ? 'yes' : 'no' }) })
        .execute();
    }
    expect((await worker.json(`/api/agenda-items/${itemId}/surveys`, 'POST', { surveyId })).status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('fills the screen, steps through slides by keyboard, shows quotes at projector size and drawings that fit, and passes axe', async () => {
    const { context, page } = await signInPage(browser, server, 'worker', { bypassCSP: true, viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/staff/#/committees/item/${itemId}`);
    await page.getByRole('heading', { level: 1, name: 'Mental health' }).waitFor();
    // The screen loads the first 25; present mode loads them all.
    await expect.poll(() => page.getByTestId('feedback-entry').count(), POLL).toBe(25);
    const priorityRow = page.getByRole('table', { name: 'By priority' }).getByRole('row');
    const released = (await priorityRow.first().getByRole('cell').textContent()) ?? '';
    expect(released).toMatch(/^\d+$/);

    await page.getByRole('button', { name: 'Present' }).click();
    const dialog = page.getByRole('dialog', { name: 'Presenting: Mental health' });
    await dialog.waitFor();
    expect(await dialog.boundingBox()).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    const position = page.getByTestId('slide-position');
    const slide = page.getByTestId('slide');
    await expect.poll(() => position.textContent(), POLL).toBe(`Slide 1 of ${SLIDES}`);

    // The headline repeats the API's released count per priority, not a sum of its own.
    expect(await slide.locator('.headline-numbers strong').allTextContents()).toEqual([released]);
    const dir = await mkdtemp(join(tmpdir(), 'heard-present-'));
    await page.screenshot({ path: join(dir, 'headline-slide.png') });

    // Charts once; the table only behind the toggle.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => slide.getAttribute('data-slide'), POLL).toBe('figures');
    expect(await slide.locator('table').count()).toBe(0);
    const byKind = slide.getByRole('region', { name: 'By kind' });
    await byKind.getByRole('button', { name: 'Show data' }).click();
    expect(await byKind.getByRole('button', { name: 'Show data' }).getAttribute('aria-pressed')).toBe('true');
    expect(await byKind.locator('table').count()).toBe(1);
    expect(await byKind.locator('.chart-bars').count()).toBe(0);

    // Clicker keys and the keyboard both move; focus is back on the dialog so keys reach it.
    await dialog.focus();
    await page.keyboard.press('PageDown');
    expect(await position.textContent()).toBe(`Slide 3 of ${SLIDES}`);
    await page.keyboard.press('Space');
    expect(await position.textContent()).toBe(`Slide 4 of ${SLIDES}`);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('PageUp');
    expect(await position.textContent()).toBe(`Slide 2 of ${SLIDES}`);
    await page.keyboard.press('End');
    expect(await position.textContent()).toBe(`Slide ${SLIDES} of ${SLIDES}`);
    await page.keyboard.press('ArrowRight');
    expect(await position.textContent()).toBe(`Slide ${SLIDES} of ${SLIDES}`);
    await page.keyboard.press('Home');
    expect(await position.textContent()).toBe(`Slide 1 of ${SLIDES}`);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');

    // The survey: five drawn faces with their figures at 28px or more, then the yes/no answers as labelled bars.
    expect(await slide.getAttribute('data-slide')).toBe('survey');
    expect(await slide.getByRole('heading', { level: 2 }).textContent()).toBe('How do you feel at school?');
    expect(await slide.locator('.slide-lead').textContent()).toBe('How school feels: 7 of 7 children answered');
    expect(await slide.getByRole('img').evaluateAll((faces) => faces.map((face) => face.getAttribute('aria-label')))).toEqual([
      'Face 1 of 5, saddest',
      'Face 2 of 5, sad',
      'Face 3 of 5, in the middle',
      'Face 4 of 5, happy',
      'Face 5 of 5, happiest',
    ]);
    expect(await slide.locator('.slide-figure').allTextContents()).toEqual(['1 (14%)', '1 (14%)', '0 (0%)', '2 (29%)', '3 (43%)']);
    for (const size of await slide.locator('.slide-figure').evaluateAll((cells) => cells.map((cell) => Number.parseFloat(getComputedStyle(cell).fontSize)))) expect(size).toBeGreaterThanOrEqual(28);
    expect((await slide.locator('.slide-face').first().boundingBox())!.width).toBeGreaterThanOrEqual(100);
    await page.screenshot({ path: join(dir, 'survey-faces-slide.png') });
    await page.keyboard.press('ArrowRight');
    expect(await slide.getByRole('heading', { level: 2 }).textContent()).toBe('Do adults listen to you?');
    expect(await slide.locator('.slide-answers li').allTextContents()).toEqual(['Yes3 (43%)', 'No4 (57%)', 'Not sure0 (0%)']);
    for (const size of await slide.locator('.slide-answers li').evaluateAll((rows) => rows.map((row) => Number.parseFloat(getComputedStyle(row).fontSize)))) expect(size).toBeGreaterThanOrEqual(28);
    await page.keyboard.press('ArrowRight');

    // Every entry slide: a quote at 28px or more, or a drawing that fits the screen.
    let quotes = 0;
    let drawings = 0;
    for (let n = 5; n <= SLIDES; n += 1) {
      expect(await position.textContent()).toBe(`Slide ${n} of ${SLIDES}`);
      const quote = slide.locator('blockquote');
      if ((await quote.count()) === 1) {
        quotes += 1;
        const size = await quote.evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
        expect(size).toBeGreaterThanOrEqual(28);
      }
      const image = slide.locator('img');
      if ((await image.count()) === 1) {
        drawings += 1;
        await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBeGreaterThan(0);
        const box = await image.boundingBox();
        expect(box).not.toBeNull();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.y).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(1920);
        expect(box!.y + box!.height).toBeLessThanOrEqual(1080);
        expect(box!.width).toBeGreaterThan(600);
        await page.screenshot({ path: join(dir, 'drawing-slide.png') });
      }
      if (n === 5) await page.screenshot({ path: join(dir, 'first-entry-slide.png') });
      await page.keyboard.press('ArrowRight');
    }
    expect([quotes, drawings]).toEqual([ENTRIES, 1]);
    expect((await stat(join(dir, 'first-entry-slide.png'))).size).toBeGreaterThan(10_000);

    expect(await seriousViolations(page)).toEqual([]);

    // Esc leaves present mode and hands focus back to the button that opened it.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count(), POLL).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), POLL).toBe('Present');
    await context.close();
  });
});
