// Every screen of the children's app in English, Polish and Arabic in Chromium: no English catalogue text shown
// without lang="en", a speaker button on every text block, and read-aloud in the screen's language (or saying there is no voice).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { parseMessage } from '../../web/child/icu.ts';
import { CATALOGUES, formatDay, loadLanguage, translate, type Language, type MessageKey } from '../../web/child/messages.ts';
import { buildWebApps, launchChromium, serveOverHttp } from '../helpers/browser.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { jpegWithGps } from '../helpers/intake.ts';
import { signInAs, staffConfig, startTestProvider } from '../helpers/staff.ts';

const POLL = { timeout: 20_000 };
const LANGS: Language[] = ['en', 'pl', 'ar'];

/** A survey staff wrote in all three languages, with every question type a child can see. */
const survey = {
  title: { en: 'Our playground', pl: 'Nasz plac zabaw', ar: 'ملعبنا' },
  intro: { en: 'Tell us about the playground.', pl: 'Opowiedz nam o placu zabaw.', ar: 'أخبرنا عن الملعب.' },
  questions: [
    { id: 'mood', type: 'emoji_scale', text: { en: 'How do you feel there?', pl: 'Jak się tam czujesz?', ar: 'كيف تشعر هناك؟' } },
    { id: 'safe', type: 'yes_no_unsure', text: { en: 'Is it safe?', pl: 'Czy jest tam bezpiecznie?', ar: 'هل هو آمن؟' } },
    {
      id: 'way',
      type: 'single_choice',
      text: { en: 'How do you get there?', pl: 'Jak tam docierasz?', ar: 'كيف تصل إلى هناك؟' },
      options: [
        { id: 'walk', label: { en: 'Walk', pl: 'Pieszo', ar: 'مشياً' } },
        { id: 'bus', label: { en: 'Bus', pl: 'Autobusem', ar: 'بالحافلة' } },
      ],
    },
    {
      id: 'want',
      type: 'multiple_choice',
      text: { en: 'What would you like?', pl: 'Co chcesz tam mieć?', ar: 'ماذا تريد هناك؟' },
      options: [
        { id: 'swings', label: { en: 'Swings', pl: 'Huśtawki', ar: 'أراجيح' } },
        { id: 'trees', label: { en: 'Trees', pl: 'Drzewa', ar: 'أشجار' } },
      ],
    },
    { id: 'idea', type: 'free_text', text: { en: 'Any ideas?', pl: 'Masz jakieś pomysły?', ar: 'هل عندك أفكار؟' } },
  ],
};

/** English catalogue texts as patterns ({args} match anything), for the keys a language words differently. */
function englishPatterns(language: Language): { key: string; source: string }[] {
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return (Object.keys(CATALOGUES.en) as MessageKey[])
    .filter((key) => CATALOGUES[language]![key] !== CATALOGUES.en[key])
    .map((key) => ({ key, parts: parseMessage(CATALOGUES.en[key]!) }))
    .filter(({ parts }) => parts.every((part) => typeof part === 'string' || !('type' in part)))
    .map(({ key, parts }) => ({ key, source: `^${parts.map((part) => (typeof part === 'string' ? escape(part) : '.+')).join('')}$` }));
}

/** Reads voices for these languages only, and records what would be spoken (the browser's own API, stubbed). */
const speechStub = (voices: string[]) => `
  window.__spoken = [];
  const voices = ${JSON.stringify(voices)}.map((lang) => ({ lang, name: lang, default: false, localService: true, voiceURI: lang }));
  window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; this.lang = ''; this.voice = null; } };
  Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
    getVoices: () => voices, cancel() {}, speak(u) { window.__spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.lang }); },
  } });
  window.webkitSpeechRecognition = window.SpeechRecognition = class { start() {} };`;

type ScreenReport = { untranslated: string[]; unspoken: string[]; wrongLanguage: string[]; speakers: number };

/** Runs in the page: the three checks on what is visible now. */
function inspect(args: { patterns: { key: string; source: string }[]; language: string }): ScreenReport {
  const visible = (element: Element) => element.checkVisibility();
  const patterns = args.patterns.map(({ key, source }) => ({ key, pattern: new RegExp(source) }));
  const untranslated: string[] = [];
  const englishOf = (text: string) => patterns.find(({ pattern }) => pattern.test(text))?.key;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement!;
    const text = node.textContent!.trim();
    if (!text || !visible(parent) || parent.closest('[lang]')!.getAttribute('lang') === 'en') continue;
    const key = englishOf(text);
    if (key) untranslated.push(`${key}: ${text}`);
  }
  for (const element of document.querySelectorAll('[aria-label]')) {
    const label = element.getAttribute('aria-label')!;
    const key = visible(element) && element.closest('[lang]')!.getAttribute('lang') !== 'en' ? englishOf(label) : undefined;
    if (key) untranslated.push(`${key} (aria-label): ${label}`);
  }
  // A text block: a heading, paragraph, question (legend) or answer option; its speaker sits in the same block.
  const unspoken: string[] = [];
  for (const block of document.querySelectorAll('h1, h2, p, legend, .option label')) {
    if (!visible(block) || !block.textContent!.trim()) continue;
    const holder = block.closest('.said, fieldset, .option');
    if (!holder?.querySelector(':scope > button.speak')) unspoken.push(`${block.tagName}: ${block.textContent!.trim()}`);
  }
  // Every speaker speaks its block in the screen's language, or English where the block is marked English.
  const spoken = (window as unknown as { __spoken: { text: string; lang: string; voice: string }[] }).__spoken;
  const wrongLanguage: string[] = [];
  const speakers = [...document.querySelectorAll<HTMLButtonElement>('button.speak')].filter(visible);
  for (const button of speakers) {
    const before = spoken.length;
    button.click();
    const call = spoken[before];
    const block = button.closest('.said, fieldset, .option')!;
    const expected = block.querySelector('[lang="en"]') || block.closest('[lang]')!.getAttribute('lang') === 'en' ? 'en' : args.language;
    if (!call || call.lang !== expected || !call.voice?.startsWith(expected)) wrongLanguage.push(`${button.getAttribute('aria-label')}: ${JSON.stringify(call)}`);
  }
  return { untranslated, unspoken, wrongLanguage, speakers: speakers.length };
}

describe("the children's app's words and read-aloud, in every language", () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    await Promise.all(LANGS.map(loadLanguage));
    await buildWebApps();
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    server = await serveOverHttp(h.app);
    const worker = await signInAs(h.app, 'worker');
    const created = await worker.json('/api/surveys', 'POST', survey);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await worker.json(`/api/surveys/${id}/publish`, 'POST')).status).toBe(200);
    await h.database.db.insertInto('participation_groups').values({ name: 'Words group', join_code: 'WORDS01', active_from: new Date(Date.now() - 60_000), active_until: null }).execute();
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.close();
    await provider?.stop();
  });

  it.each(LANGS)('walks every screen in %s: all words its own (or marked English), a speaker on every text block', async (language) => {
    const t = (key: MessageKey, values?: Record<string, string | number>) => translate(language, key, values);
    context = await browser.newContext({ viewport: { width: 360, height: 640 } });
    await context.addInitScript(speechStub(['en-GB', 'pl-PL', 'ar-SA']));
    const page: Page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const patterns = englishPatterns(language);
    const seen: string[] = [];
    const check = async (screen: string) => {
      await page.locator('h1').first().waitFor();
      const report = await page.evaluate(inspect, { patterns, language });
      expect({ screen, ...report, speakers: report.speakers > 0 }).toEqual({ screen, untranslated: [], unspoken: [], wrongLanguage: [], speakers: true });
      seen.push(screen);
    };
    const button = (key: MessageKey) => page.getByRole('button', { name: t(key), exact: true });
    const next = () => page.locator('main .actions button.primary').click();

    await page.goto(server.url);
    await page.getByLabel(translate('en', 'language')).selectOption(language);
    await page.getByRole('heading', { name: t('welcomeTitle') }).waitFor(POLL);
    // The first phone screen shows the one obvious Start.
    const start = (await button('start').boundingBox())!;
    expect(start.y + start.height).toBeLessThanOrEqual(640);
    await check('welcome');
    await page.getByRole('button', { name: t('helpNow') }).click();
    await check('help');
    await button('close').click();
    await button('sessionOpen').click();
    await check('group session');
    await button('back').click();

    await button('start').click();
    await check('age');
    // The heading's speaker also reads the choices, for a child who cannot read the buttons yet.
    await page.getByRole('button', { name: t('readAloudLabel', { text: t('ageTitle') }), exact: true }).click();
    const lastSpoken = await page.evaluate(() => (window as unknown as { __spoken: { text: string }[] }).__spoken.at(-1)!.text);
    expect(lastSpoken).toBe([t('ageTitle'), t('age47'), t('age811'), t('age1215'), t('age1618'), t('ageUnknown')].join('. '));
    await button('age811').click();
    await page.getByTestId('survey-card').waitFor(POLL);
    await check('choose');
    await button('drawInstead').click();
    await check('draw');
    await page.getByLabel(t('photoOfDrawing')).setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(await jpegWithGps(600, 400)) });
    await page.getByTestId('photo-preview').waitFor(POLL);
    await check('photo preview');
    await page.getByRole('button', { name: t('takeAnother') }).click();
    await button('back').click();
    await check('write');
    await page.getByRole('button', { name: t('speak') }).click();
    await check('speech warning');
    await button('speechNo').click();
    await check('speech input off');
    await page.getByLabel(t('writeLabel')).fill('Więcej ławek');
    await button('next').click();
    await check('consent');
    for (const [index, fieldset] of (await page.locator('fieldset.yes-no').all()).entries()) await fieldset.locator('input').nth(index === 0 ? 0 : 1).check();
    await button('send').click();
    await page.getByTestId('receipt').waitFor(POLL);
    await check('receipt after sending');
    const receipt = (await page.getByTestId('receipt').textContent())!.trim();

    await button('sendAnother').click();
    await page.getByRole('button', { name: t('myMessages') }).click();
    await page.getByTestId('my-receipt').waitFor(POLL);
    await check('my messages');
    await button('whatHappened').click();
    await page.getByTestId('my-status').waitFor(POLL);
    await check('my messages status');
    await button('takeBack').click();
    await check('take back confirmation');
    await page.getByRole('alertdialog').getByRole('button', { name: t('back'), exact: true }).click();
    await button('back').click();
    await page.getByRole('button', { name: t('coverTracks') }).click();
    await check('hide that I used Heard');
    await page.getByRole('button', { name: t('coverTracksDelete') }).click();
    await check('delete everything confirmation');
    await page.getByRole('alertdialog').getByRole('button', { name: t('back'), exact: true }).click();
    await button('back').click();
    await button('haveReceipt').click();
    await page.getByLabel(t('receiptLabel')).fill(receipt);
    await button('check').click();
    await page.getByTestId('receipt-status').waitFor(POLL);
    expect(await page.getByTestId('receipt-status').textContent()).toBe(t('status_received'));
    const today = new Date().toISOString().slice(0, 10);
    await page.getByText(t('sentOn', { date: formatDay(today, language) })).waitFor();
    await check('receipt status');
    await page.getByLabel(t('receiptLabel')).fill('AAAAA-BBBBB');
    await button('check').click();
    await page.getByText(t('receiptNotFound')).waitFor(POLL);
    await check('receipt not found');
    await button('back').click();

    // A group session: the child's code to keep, shown before the hand-over.
    await button('sessionOpen').click();
    await page.getByLabel(t('sessionCodeLabel'), { exact: true }).fill('WORDS01');
    await button('sessionBegin').click();
    await page.getByTestId('hand-over').waitFor(POLL);
    await check('hand-over');
    await button('nextPerson').click();
    await button('start').click();
    await button('age811').click();
    await page.getByTestId('survey-card').waitFor(POLL);
    await page.getByRole('button', { name: t('ownWords') }).click();
    await page.getByLabel(t('writeLabel')).fill('Więcej huśtawek');
    await button('next').click();
    for (const [index, fieldset] of (await page.locator('fieldset.yes-no').all()).entries()) await fieldset.locator('input').nth(index === 0 ? 0 : 1).check();
    await button('send').click();
    await page.getByTestId('receipt').waitFor(POLL);
    await button('sendAnother').click();
    await page.getByTestId('keep-receipt').waitFor(POLL);
    await check('keep your code');
    await button('keptIt').click();
    await button('endSession').click();
    await button('endSessionYes').click();
    await page.getByRole('heading', { name: t('welcomeTitle') }).waitFor(POLL);

    await button('start').click();
    await button('age811').click();
    await page.getByTestId('survey-card').click(POLL);
    await page.getByRole('heading', { name: survey.title[language] }).waitFor(POLL);
    await check('survey intro');
    await button('surveyStart').click();
    for (const question of survey.questions) {
      await page.getByRole('heading', { name: question.text[language] }).waitFor(POLL);
      await check(`survey ${question.type}`);
      await next();
    }
    await page.getByRole('heading', { name: t('surveyEndTitle') }).waitFor(POLL);
    await check('survey end');
    // The checks can fail: an English catalogue text with no lang, and a paragraph with no speaker, are both found.
    await page.evaluate((text) => document.querySelector('main')!.insertAdjacentHTML('beforeend', `<p>${text}</p>`), CATALOGUES.en.writeEmpty!);
    const planted = await page.evaluate(inspect, { patterns, language });
    expect(planted.unspoken).toContain(`P: ${CATALOGUES.en.writeEmpty}`);
    if (language !== 'en') expect(planted.untranslated).toContain(`writeEmpty: ${CATALOGUES.en.writeEmpty}`);
    expect(seen).toHaveLength(28);
    await context.close();
  }, 180_000);

  it('says in the child’s language when this device has no voice for it, and stays silent', async () => {
    context = await browser.newContext();
    await context.addInitScript(speechStub(['en-GB']));
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByLabel('Language').selectOption('ar');
    const heading = translate('ar', 'welcomeTitle');
    await page.getByRole('button', { name: translate('ar', 'readAloudLabel', { text: heading }) }).click();
    const language = new Intl.DisplayNames('ar', { type: 'language' }).of('ar')!;
    await expect.poll(() => page.getByRole('status').filter({ hasText: translate('ar', 'noVoice', { language }) }).count()).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken)).toEqual([]);
    // English has a voice here: the same button in English speaks, with an English voice.
    await page.getByLabel(translate('ar', 'language')).selectOption('en');
    await page.getByRole('button', { name: 'Read aloud: Tell us what you think', exact: true }).click();
    expect(await page.evaluate(() => (window as unknown as { __spoken: unknown[] }).__spoken)).toEqual([{ text: 'Tell us what you think', lang: 'en', voice: 'en-GB' }]);
    await context.close();
  });
});
