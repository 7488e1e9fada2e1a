/** One child's way through every screen of the children's app in a language, driven with puppeteer (for Lighthouse). */
import type { ElementHandle, Page } from 'puppeteer-core';
import { translate, type Language, type MessageKey } from '../../web/child/messages.ts';

/** The screens the walk stops at, in order; `load` ones are page loads, the rest are reached by tapping. */
export const CHILD_SCREENS = [
  'home (page load)',
  'home',
  'help',
  'group joined',
  'cover your tracks',
  'age',
  'what to send',
  'write a quote',
  'draw',
  'photo preview',
  'consent',
  'sent with receipt',
  'check a receipt',
  'my messages',
  'survey',
  'survey question',
  'group session hand-over',
  'keep your code',
  'exit page (page load)',
] as const;
export type ChildScreen = (typeof CHILD_SCREENS)[number];

export type WalkSetup = {
  url: string;
  language: Language;
  /** A participation group's join code and name. */
  group: { code: string; name: string };
  /** An open survey for 8-11s (and only them), with its title and first question in `language`. */
  survey: { title: string; firstQuestion: string };
  /** A JPEG on disk, chosen as the photo of a drawing. */
  photo: string;
};

/** What the walk does at each screen: `load` opens a page, `at` is called once the screen shows. */
export type WalkSteps = { load(url: string, screen: ChildScreen): Promise<unknown>; at(screen: ChildScreen): Promise<unknown> };

export async function walkChildApp(page: Page, setup: WalkSetup, steps: WalkSteps): Promise<void> {
  const { language, group, survey } = setup;
  const t = (key: MessageKey, values?: Record<string, string>) => translate(language, key, values);
  const aria = (role: string, name: string) => `::-p-aria([name=${JSON.stringify(name)}][role="${role}"])`;
  const click = (role: string, name: string) => page.locator(aria(role, name)).click();
  /** A button whose text holds `text` (beside a symbol or a count). */
  const press = async (text: string) => {
    const button = await page.waitForFunction((text) => [...document.querySelectorAll('button')].find((b) => b.textContent?.includes(text)), { timeout: 10_000 }, text);
    await (button.asElement() as ElementHandle<Element>).click();
  };
  const on = (title: string) => page.waitForSelector(aria('heading', title), { timeout: 10_000 });
  const chooseLanguage = async () => {
    if (language === 'en') return;
    await page.select('main select', language);
    await page.waitForFunction((lang) => document.documentElement.lang === lang, {}, language);
  };
  /** "No" to each sharing question and "just me" for who chose, one tap at a time as a child would. */
  const consent = async () => {
    for (const set of await page.$$('main fieldset')) {
      const radios = await set.$$('input[type=radio]');
      await radios[radios.length === 2 ? 1 : 0]!.click();
    }
  };
  const write = (words: string) => page.locator('main textarea').fill(words);

  await steps.load(setup.url, 'home (page load)');
  await chooseLanguage();
  await on(t('welcomeTitle'));
  await steps.at('home');
  await click('button', t('helpNow'));
  await page.waitForSelector(aria('heading', t('helpTitle')));
  await steps.at('help');
  await click('button', t('close'));
  await page.locator(aria('textbox', t('groupCodeLabel'))).fill(group.code);
  await click('button', t('joinGroup'));
  await page.waitForSelector(`::-p-text(${t('joinedGroup', { name: group.name })})`);
  await steps.at('group joined');
  await click('button', t('coverTracks'));
  await on(t('coverTracksTitle'));
  await steps.at('cover your tracks');
  await click('button', t('back'));

  await click('button', t('start'));
  await on(t('ageTitle'));
  await steps.at('age');
  await click('button', t('age811'));
  await on(t('choiceTitle'));
  await steps.at('what to send');
  await click('button', t('ownWords'));
  await on(t('writeTitle'));
  await write('The swings are broken.');
  await steps.at('write a quote');
  await press(t('drawInstead'));
  await on(t('drawTitle'));
  await steps.at('draw');
  await (await page.waitForSelector('input[type=file]'))!.uploadFile(setup.photo);
  await on(t('photoPreviewTitle'));
  await steps.at('photo preview');
  await click('button', t('useThisPhoto'));
  await on(t('consentTitle'));
  await consent();
  await steps.at('consent');
  await click('button', t('send'));
  await on(t('sentTitle'));
  await steps.at('sent with receipt');
  const receipt = await page.$eval('[data-testid="receipt"]', (element) => element.textContent!.trim());
  await press(t('sendAnother'));
  await on(t('welcomeTitle'));
  await click('button', t('haveReceipt'));
  await on(t('receiptTitle'));
  await page.locator(aria('textbox', t('receiptLabel'))).fill(receipt);
  await click('button', t('check'));
  await page.waitForSelector('[data-testid="receipt-status"]');
  await steps.at('check a receipt');
  await click('button', t('back'));
  await press(t('myMessages'));
  await on(t('myMessages'));
  await press(t('whatHappened'));
  await page.waitForSelector('[data-testid="my-status"]');
  await steps.at('my messages');
  await click('button', t('back'));

  await click('button', t('start'));
  await click('button', t('age811'));
  await page.locator('[data-testid="survey-card"]').click();
  await on(survey.title);
  await steps.at('survey');
  await click('button', t('surveyStart'));
  await on(survey.firstQuestion);
  await steps.at('survey question');

  // A group session on a shared tablet starts from a fresh page, as a worker would open it.
  await page.goto(setup.url);
  await chooseLanguage();
  await click('button', t('sessionOpen'));
  await on(t('sessionTitle'));
  await page.locator(aria('textbox', t('sessionCodeLabel'))).fill(group.code);
  await click('button', t('sessionBegin'));
  await on(t('handOverTitle'));
  await steps.at('group session hand-over');
  await click('button', t('nextPerson'));
  await click('button', t('start'));
  await click('button', t('age811'));
  await click('button', t('ownWords'));
  await write('More benches please.');
  await click('button', t('next'));
  await on(t('consentTitle'));
  await consent();
  await click('button', t('send'));
  await on(t('sentTitle'));
  await press(t('sendAnother'));
  await on(t('keepTitle'));
  await steps.at('keep your code');

  await steps.load(`${setup.url}/exit.html`, 'exit page (page load)');
}
