// Surveys in the staff app, in headless Chromium: write a draft with every kind of question, see what the API refuses
// beside the field, publish (an edit then makes version 2), share as heard-survey/1 and import it back, read results
// with small groups shown as "fewer than 5" and download them as CSV, and read a survey answer in moderation.
// Then axe-core on every survey screen at laptop and tablet widths, 44px targets, and reordering by keyboard alone.
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import type { Harness } from '../helpers/harness.ts';
import { consentAll, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { seriousViolations, signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';

const POLL = { timeout: 10_000 };
const LAPTOP = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };
const TITLE = 'How are things for you?';

describe('surveys in the staff app', () => {
  let server: StaffServer;
  let h: Harness;
  let browser: Browser;
  let surveyId: string;

  const question = (page: Page, n: number): Locator => page.getByRole('group', { name: new RegExp(`^Question ${n}:`) });
  const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name, exact: typeof name === 'string' }).waitFor();

  async function openSurveys(page: Page): Promise<void> {
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Surveys' }).click();
    await heading(page, 'Surveys');
  }

  async function addQuestion(page: Page, n: number, type: string, words: string): Promise<Locator> {
    if (n > 1) await page.getByRole('button', { name: 'Add a question' }).click();
    const q = question(page, n);
    await q.getByLabel('Question type').selectOption(type);
    await q.getByLabel('Question words (English)', { exact: true }).fill(words);
    return q;
  }

  const answer = (answers: Record<string, unknown>, ageBand: string) => postJson(h.app, quote({ kind: 'survey', text: undefined, surveyId, answers, ageBand }));

  beforeAll(async () => {
    await buildWebApps();
    server = await startStaffServer();
    ({ h } = server);
    browser = await launchChromium();
    await h.database.db.insertInto('participation_groups').values({ name: 'Young Carers', join_code: 'ACEF3479', active_from: new Date(Date.now() - 60_000), active_until: null }).execute();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('writes a draft with several question types, shows what the API refuses beside each field, publishes it, and an edit makes version 2', async () => {
    const { context, page } = await signInPage(browser, server, 'worker', { viewport: LAPTOP });
    await openSurveys(page);
    await page.getByText('There are no surveys yet.').waitFor();
    await page.getByRole('link', { name: 'New survey' }).click();
    await heading(page, 'New survey');

    await page.getByLabel('Survey title').fill(TITLE);
    await page.getByLabel('Introduction (English)').fill('A few questions about how things are. You can skip any of them.');
    await page.getByLabel('Introduction (Polish)').fill('Kilka pytań o to, jak się masz.');
    const happy = await addQuestion(page, 1, 'emoji_scale', 'How happy are you at home?');
    await happy.getByLabel('Children must answer it').check();
    await addQuestion(page, 2, 'yes_no_unsure', 'Do you feel safe at school?');
    const activity = await addQuestion(page, 3, 'single_choice', 'What do you like doing most?');
    await activity.getByLabel('Question id').fill('Bad id!');
    await activity.getByLabel('Option 1 words (English)', { exact: true }).fill('Football');
    await activity.getByLabel('Option 1 picture').fill('⚽');
    await activity.getByLabel('Option 1 id').fill('football');
    await activity.getByLabel('Option 2 id').fill('art');
    const better = await addQuestion(page, 4, 'free_text', 'What would make things better?');
    await better.getByLabel('12 to 15').check();
    await better.getByLabel('16 to 18').check();
    await addQuestion(page, 5, 'draw', 'Draw your favourite place');
    // Only one question may ask for a drawing: the type is not offered again.
    await page.getByRole('button', { name: 'Add a question' }).click();
    expect(await question(page, 6).locator('option[value="draw"]').isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Remove question 6' }).click();
    await expect.poll(() => page.getByTestId('question').count(), POLL).toBe(5);

    // The bad id and the missing option words come back from the API, listed at the top and beside each field.
    await page.getByRole('button', { name: 'Save draft' }).click();
    const summary = page.getByTestId('problem-summary');
    await summary.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), POLL).toBe('problem-summary');
    expect(await summary.getByRole('link').allTextContents()).toEqual([
      'Question 3 id: Question ids are short lower-case names.',
      'Question 3, option 2 words (English): Write the English words: they are shown whenever there is no translation.',
    ]);
    const badId = activity.getByLabel('Question id');
    expect(await badId.getAttribute('aria-invalid')).toBe('true');
    expect(await activity.getByTestId('field-error').first().textContent()).toBe('Problem: Question ids are short lower-case names.');
    // The field's error is read with it.
    const described = await badId.evaluate((input) => (input.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent).join(' '));
    expect(described).toContain('Question ids are short lower-case names.');
    await summary.getByRole('link', { name: /^Question 3 id/ }).click();
    expect(await badId.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await h.database.db.selectFrom('surveys').select('id').execute()).toEqual([]);

    // Moving a question keeps its error with it; then fix both and save.
    await page.getByRole('button', { name: 'Move question 3 up' }).click();
    expect(await question(page, 2).getByLabel('Question id').inputValue()).toBe('Bad id!');
    expect(await question(page, 2).getByLabel('Question id').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Move question 2 down' }).click();
    await badId.fill('activity');
    await activity.getByLabel('Option 2 words (English)', { exact: true }).fill('Art');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await heading(page, TITLE);
    await expect.poll(() => page.getByRole('status').textContent(), POLL).toMatch(/^Saved “How are things for you\?” as a draft: version 1\./);
    expect(await page.getByTestId('survey-status').textContent()).toBe('Draft (version 1), never published.');

    const survey = await h.database.db.selectFrom('surveys').select('id').executeTakeFirstOrThrow();
    surveyId = survey.id;
    const [stored] = await h.database.db.selectFrom('survey_versions').select(['questions', 'intro']).where('survey_id', '=', surveyId).execute();
    expect(stored!.intro).toEqual({ en: 'A few questions about how things are. You can skip any of them.', pl: 'Kilka pytań o to, jak się masz.' });
    expect(stored!.questions).toEqual([
      { id: 'q1', type: 'emoji_scale', text: { en: 'How happy are you at home?' }, required: true },
      { id: 'q2', type: 'yes_no_unsure', text: { en: 'Do you feel safe at school?' }, required: false },
      {
        id: 'activity',
        type: 'single_choice',
        text: { en: 'What do you like doing most?' },
        required: false,
        options: [
          { id: 'football', label: { en: 'Football' }, picture: '⚽' },
          { id: 'art', label: { en: 'Art' } },
        ],
      },
      { id: 'q4', type: 'free_text', text: { en: 'What would make things better?' }, required: false, ageBands: ['12-15', '16-18'] },
      { id: 'q5', type: 'draw', text: { en: 'Draw your favourite place' }, required: false },
    ]);

    // Publishing says plainly that the version can no longer change.
    await page.getByRole('button', { name: 'Publish version 1' }).click();
    await page.getByText('Publish version 1 now? It cannot be changed afterwards.').waitFor();
    await page.getByRole('button', { name: 'Yes, publish version 1' }).click();
    await expect.poll(() => page.getByTestId('survey-status').textContent(), POLL).toBe('Published (version 1).');
    expect(await page.getByRole('status').textContent()).toMatch(/^Published version 1\. It can no longer be changed/);

    await page.getByRole('link', { name: 'Edit: makes version 2' }).click();
    await heading(page, `Edit “${TITLE}”`);
    expect(await page.getByTestId('new-version-note').textContent()).toMatch(/Version 1 is published, so it cannot be changed\. Saving makes version 2/);
    await question(page, 2).getByLabel('Question words (Arabic)').fill('هل تشعر بالأمان في المدرسة؟');
    await page.getByRole('button', { name: 'Save as version 2 (draft)' }).click();
    await expect.poll(() => page.getByTestId('survey-status').textContent(), POLL).toBe('Version 1 published; version 2 is a draft.');
    expect(await page.getByTestId('version-row').count()).toBe(2);
    const versions = await h.database.db.selectFrom('survey_versions').select(['version', 'published_at', 'questions']).where('survey_id', '=', surveyId).orderBy('version').execute();
    expect(versions.map((v) => [v.version, v.published_at !== null])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect((versions[0]!.questions as { text: Record<string, string> }[])[1]!.text).toEqual({ en: 'Do you feel safe at school?' });
    expect((versions[1]!.questions as { text: Record<string, string> }[])[1]!.text).toEqual({ en: 'Do you feel safe at school?', ar: 'هل تشعر بالأمان في المدرسة؟' });

    await openSurveys(page);
    await page.getByTestId('survey-row').first().waitFor();
    expect(await page.getByTestId('survey-row').allTextContents()).toEqual([expect.stringContaining('Version 1 published; version 2 is a draft')]);
    await context.close();
  }, 90_000);

  it('shows a survey answer in moderation: each answer under its question, free text quoted, the drawn answer as a picture', async () => {
    const body = { id: crypto.randomUUID(), kind: 'survey', surveyId, ageBand: '12-15', consent: consentAll, answers: { q1: 2, q2: 'not_sure', q4: 'A skate park near school', q5: 'drawing' } };
    expect((await postDrawing(h.app, body, await pngDrawing(320, 200))).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    const { context, page } = await signInPage(browser, server, 'worker', { viewport: LAPTOP });
    await page.getByTestId('queue-item').first().click();
    const answers = page.getByTestId('survey-answers');
    await answers.waitFor();
    expect(await page.getByTestId('free-text-answer').textContent()).toBe('A skate park near school');
    // The API says which survey version was answered, so each answer stands under its question's words.
    const terms = await answers.locator('dt').allTextContents();
    expect(terms).toHaveLength(4);
    expect(terms[0]).toBe('How happy are you at home?');
    expect(terms[2]).toBe('What would make things better?');
    const given = await answers.locator('dd').allTextContents();
    expect(given[3]).toBe('Drawn: the picture is shown below under “Drawing”.');
    expect(given.slice(0, 2)).toEqual(['🙁 2', 'Not sure']);
    await expect.poll(() => page.getByTestId('drawing-image').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), POLL).toBe(320);
    await context.close();
  });

  it('shows results per question with small groups as "fewer than 5", and the CSV link downloads the same figures', async () => {
    // With the answer above: six 8-11s, five 12-15s and two 16-18s answer version 1.
    const seeds: [string, Record<string, unknown>][] = [
      ...Array<[string, Record<string, unknown>]>(6).fill(['8-11', { q1: 4, q2: 'yes', activity: 'football' }]),
      ...Array<[string, Record<string, unknown>]>(4).fill(['12-15', { q1: 2, q2: 'no', q4: 'More clubs' }]),
      ...Array<[string, Record<string, unknown>]>(2).fill(['16-18', { q1: 5, activity: 'art' }]),
    ];
    for (const [ageBand, answers] of seeds) expect((await answer(answers, ageBand)).status).toBe(201);

    const { context, page } = await signInPage(browser, server, 'lead', { viewport: LAPTOP });
    await openSurveys(page);
    await page.getByRole('link', { name: TITLE }).click();
    await heading(page, TITLE);
    await page.getByRole('link', { name: 'Results' }).click();
    await heading(page, `Results: ${TITLE}`);
    await expect.poll(() => page.getByTestId('respondents').textContent(), POLL).toBe('13 children answered version 1.');
    await page.getByLabel('Break down by').selectOption('ageBand');
    const first = page.getByTestId('question-result').first();
    await expect.poll(() => first.locator('thead th').allTextContents(), POLL).toEqual(['Answer', 'All children', 'Aged 12 to 15', 'Aged 16 to 18', 'Aged 8 to 11']);
    const row = (name: string) => first.getByRole('row', { name: new RegExp(`^${name}`) }).locator('td').allTextContents();
    expect(await row('Children in this group')).toEqual(['13', 'fewer than 5', 'fewer than 5', '6']);
    expect(await row('🙁 2')).toEqual(['5 (38%)', 'fewer than 5', 'fewer than 5', '0 (0%)']);
    expect(await row('🙂 4')).toEqual(['6 (46%)', 'fewer than 5', 'fewer than 5', '6 (100%)']);
    // Nothing in a hidden group's column is a number.
    const hiddenCells = await page.locator('td').allTextContents();
    expect(hiddenCells.filter((text) => text.startsWith('fewer than')).every((text) => text === 'fewer than 5')).toBe(true);
    const choice = page.getByTestId('question-result').nth(2);
    expect(await choice.getByRole('row', { name: /^⚽ Football/ }).locator('td').first().textContent()).toBe('6 (75%)');
    // The API draws each closed question's chart; free text and drawings have none.
    const chart = first.getByTestId('results-chart');
    expect(await chart.getAttribute('src')).toBe(`/api/surveys/${surveyId}/results.svg?question=q1&by=ageBand&version=1`);
    await expect.poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), POLL).toBe(true);
    const words = page.getByTestId('question-result').nth(3);
    expect(await words.getByTestId('results-chart').count()).toBe(0);
    expect(await words.textContent()).toContain('the words themselves are read in moderation');

    const link = page.getByTestId('results-csv');
    expect(await link.getAttribute('href')).toBe(`/api/surveys/${surveyId}/results.csv?by=ageBand`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`heard-survey-${surveyId}-v1.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain('ageBand,16-18,respondents,,fewer than 5');
    expect(csv).toContain('ageBand,8-11,respondents,,6');
    expect(csv).toContain('all,all,respondents,,13');

    // This month against last month: every answer came this month, so last month is withheld, with the reason.
    const thisMonth = new Date().toISOString().slice(0, 7);
    const last = new Date();
    last.setUTCDate(1);
    last.setUTCMonth(last.getUTCMonth() - 1);
    const lastMonth = last.toISOString().slice(0, 7);
    const comparison = page.getByTestId('period-comparison');
    await comparison.getByLabel('First period: from').fill(thisMonth);
    await comparison.getByLabel('First period: to').fill(thisMonth);
    await comparison.getByLabel('Second period: from').fill(lastMonth);
    await comparison.getByLabel('Second period: to').fill(lastMonth);
    await comparison.getByRole('button', { name: 'Compare' }).click();
    await expect.poll(() => comparison.getByTestId('compared-period').allTextContents(), POLL).toEqual([
      `${thisMonth}: 13 children answered.`,
      `${lastMonth}: Withheld: fewer than 5 children answered in this period.`,
    ]);
    const compared = comparison.getByTestId('comparison-table').first();
    expect(await compared.getByRole('row', { name: /^🙂 4/ }).locator('td').allTextContents()).toEqual(['6 (46%)', 'withheld', '–']);
    await context.close();
  });

  it('exports a survey as heard-survey/1 and imports the file back as a new draft, refusing a file of another format', async () => {
    const { context, page } = await signInPage(browser, server, 'worker', { viewport: LAPTOP });
    await openSurveys(page);
    await page.getByRole('link', { name: TITLE }).click();
    await heading(page, TITLE);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as JSON (heard-survey/1)' }).click()]);
    expect(download.suggestedFilename()).toBe(`heard-survey-${surveyId}.json`);
    const file = (await download.path())!;
    const shared = JSON.parse(await readFile(file, 'utf8'));
    expect(shared).toMatchObject({ format: 'heard-survey/1', title: TITLE });
    expect(shared.questions).toHaveLength(5);

    await openSurveys(page);
    await page.getByLabel('Or paste the survey JSON').fill(JSON.stringify({ ...shared, format: 'other/9' }));
    await page.getByRole('button', { name: 'Import as a new draft' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), POLL).toBe('Nothing was imported: the file does not match heard-survey/1. The problems are shown under the text.');
    expect(await page.getByTestId('field-error').textContent()).toMatch(/\/format/);

    await page.getByLabel('Survey file').setInputFiles(file);
    await expect.poll(() => page.getByLabel('Or paste the survey JSON').inputValue(), POLL).toContain('"heard-survey/1"');
    await page.getByRole('button', { name: 'Import as a new draft' }).click();
    await heading(page, TITLE);
    await expect.poll(() => page.getByTestId('survey-status').textContent(), POLL).toBe('Draft (version 1), never published.');
    const copies = await h.database.db.selectFrom('surveys').select('id').where('title', '=', TITLE).execute();
    expect(copies).toHaveLength(2);
    const copy = copies.find((row) => row.id !== surveyId)!;
    const [version] = await h.database.db.selectFrom('survey_versions').select(['questions', 'intro', 'published_at']).where('survey_id', '=', copy.id).execute();
    expect(version).toEqual({ questions: shared.questions, intro: shared.intro, published_at: null });
    await context.close();
  });

  for (const [size, viewport] of [
    ['laptop', LAPTOP],
    ['tablet', TABLET],
  ] as const) {
    it(`has no serious violations on the survey screens (${size})`, async () => {
      const { context, page } = await signInPage(browser, server, 'worker', { bypassCSP: true, viewport });
      const check = async (what: string) => expect(await seriousViolations(page), what).toEqual([]);
      await openSurveys(page);
      await page.getByTestId('survey-row').first().waitFor();
      await check('survey list with the import form');

      await page.getByRole('link', { name: 'New survey' }).click();
      await heading(page, 'New survey');
      await question(page, 1).getByLabel('Question type').selectOption('multiple_choice');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByTestId('problem-summary').waitFor();
      await check('new survey with the problems shown');

      await page.goto(`${server.url}/staff/#/surveys/${surveyId}`);
      await heading(page, TITLE);
      await page.getByRole('button', { name: 'Publish version 2' }).click();
      await page.getByRole('button', { name: 'Yes, publish version 2' }).waitFor();
      await check('survey with publishing to confirm');

      await page.goto(`${server.url}/staff/#/surveys/${surveyId}/results`);
      await page.getByTestId('question-result').first().waitFor();
      await page.getByLabel('Break down by').selectOption('ageBand');
      await expect.poll(() => page.getByTestId('question-result').first().locator('thead th').count(), POLL).toBe(5);
      await check('results by age band');
      await context.close();
    }, 60_000);
  }

  it('gives every survey control a 44px target on a tablet, and reorders questions with the keyboard alone', async () => {
    const { context, page } = await signInPage(browser, server, 'worker', { viewport: TABLET, hasTouch: true });
    const small = async () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('button, input:not([type="checkbox"]):not([type="hidden"]), select, textarea, .nav a, label.check, summary, a.button')]
          .filter((element) => element.offsetParent !== null)
          .map((element) => ({ element, box: element.getBoundingClientRect() }))
          .filter(({ box }) => box.height < 44 || box.width < 44)
          .map(({ element, box }) => `${element.tagName} "${element.textContent?.trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`),
      );
    await openSurveys(page);
    await page.getByTestId('survey-row').first().waitFor();
    expect(await small(), 'survey list').toEqual([]);
    await page.goto(`${server.url}/staff/#/surveys/${surveyId}/results`);
    await page.getByTestId('question-result').first().waitFor();
    expect(await small(), 'results').toEqual([]);
    await page.goto(`${server.url}/staff/#/surveys/new`);
    await heading(page, 'New survey');
    await addQuestion(page, 1, 'single_choice', 'First');
    await addQuestion(page, 2, 'free_text', 'Second');
    expect(await small(), 'survey editor').toEqual([]);

    // Keyboard alone: Enter on "Move question 1 down"; focus stays with the moved question, now at the bottom.
    await page.getByRole('button', { name: 'Move question 1 down' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('question').locator(':scope > legend').allTextContents(), POLL).toEqual(['Question 1: Write in their own words', 'Question 2: Choose one option']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()), POLL).toBe('Move question 2 up');
    expect(await page.getByRole('status').textContent()).toBe('Moved question 1 down: it is now question 2.');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('question').locator(':scope > legend').allTextContents(), POLL).toEqual(['Question 1: Choose one option', 'Question 2: Write in their own words']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()), POLL).toBe('Move question 1 down');
    await context.close();
  });
});
