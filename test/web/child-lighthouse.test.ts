// Lighthouse (mobile) on every screen of the children's app, in en, pl and ar: accessibility and best practices both 100.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFlow, type Config, type FlowResult } from 'lighthouse';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADLESS_CHROMIUM_ARGS } from '../../api/node/chromium.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { loadLanguage, type Language } from '../../web/child/messages.ts';
import { buildWebApps, CHROMIUM, serveOverHttp } from '../helpers/browser.ts';
import { CHILD_SCREENS, walkChildApp, type ChildScreen, type WalkSteps } from '../helpers/child-walk.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { signInAs, staffConfig, startTestProvider } from '../helpers/staff.ts';

/** Lighthouse's mobile defaults (form factor, screen, throttling), but only the two categories this test holds at 100. */
const CONFIG: Config = {
  extends: 'lighthouse:default',
  settings: {
    formFactor: 'mobile',
    onlyCategories: ['accessibility', 'best-practices'],
    disableFullPageScreenshot: true,
    // Load speed is not measured here, so a page load need not wait for the network and CPU to go quiet.
    pauseAfterFcpMs: 0,
    pauseAfterLoadMs: 0,
    networkQuietThresholdMs: 0,
    cpuQuietThresholdMs: 0,
  },
};
const GROUP = { code: 'LIGHTHS1', name: 'Park Group' };
/** One survey, for 8-11s only: they see "what would you like to do?", and the survey screens are reachable. */
const SURVEY = {
  title: { en: 'Our park', pl: 'Nasz park', ar: 'حديقتنا' },
  intro: { en: 'Two questions about the park.', pl: 'Dwa pytania o park.', ar: 'سؤالان عن الحديقة.' },
  questions: [
    { id: 'safe', type: 'yes_no_unsure', required: true, ageBands: ['8-11'], text: { en: 'Is the park a safe place?', pl: 'Czy park jest bezpieczny?', ar: 'هل الحديقة مكان آمن؟' } },
    { id: 'say', type: 'free_text', ageBands: ['8-11'], text: { en: 'Anything else?', pl: 'Coś jeszcze?', ar: 'أي شيء آخر؟' } },
  ],
};
/** Polish is checked on the screens with the most (and longest) words; English and Arabic (right to left) on all. */
const POLISH_SCREENS: readonly ChildScreen[] = ['home (page load)', 'home', 'help', 'cover your tracks', 'age', 'what to send', 'consent', 'sent with receipt', 'keep your code'];

/** Each step's categories that are not 1, with the audits that cost points and where: `[]` when all are 100. */
function failures(flow: FlowResult): string[] {
  return flow.steps.flatMap(({ name, lhr }) =>
    Object.values(lhr.categories)
      .filter((category) => category.score !== 1)
      .map((category) => {
        const failing = category.auditRefs.filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score !== 1 && lhr.audits[ref.id]?.score !== null);
        const detail = failing.map((ref) => {
          type Item = { node?: { selector?: string }; description?: string; url?: string; sourceLocation?: { url?: string } };
          const items = (lhr.audits[ref.id]?.details as { items?: Item[] } | undefined)?.items ?? [];
          return `${ref.id} [${items.slice(0, 3).map((item) => item.node?.selector ?? [item.description, item.url ?? item.sourceLocation?.url].filter(Boolean).join(' at ')).join(' | ')}]`;
        });
        return `${name}: ${category.id} ${category.score} (${detail.join(', ')})`;
      }),
  );
}

describe("Lighthouse (mobile) on the children's app", () => {
  let h: Harness;
  let server: { url: string; close(): Promise<void> };
  let provider: DevOidcProvider;
  let browser: Browser;
  let photoDir: string;
  let photo: string;

  beforeAll(async () => {
    await buildWebApps();
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    await h.database.db.insertInto('participation_groups').values({ name: GROUP.name, join_code: GROUP.code, active_from: new Date(Date.now() - 60_000), active_until: null }).execute();
    server = await serveOverHttp(h.app);
    const worker = await signInAs(h.app, 'worker');
    const { id } = (await (await worker.json('/api/surveys', 'POST', SURVEY)).json()) as { id: string };
    expect((await worker.json(`/api/surveys/${id}/publish`, 'POST')).status).toBe(200);
    await Promise.all([loadLanguage('pl'), loadLanguage('ar')]);
    photoDir = await mkdtemp(path.join(tmpdir(), 'heard-lighthouse-'));
    photo = path.join(photoDir, 'drawing.jpg');
    await writeFile(photo, await sharp({ create: { width: 640, height: 480, channels: 3, background: '#f4a261' } }).jpeg().toBuffer());
    // One Chromium for every pass; each pass has a fresh profile (a browser context) of its own.
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: [...HEADLESS_CHROMIUM_ARGS] });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.close();
    await provider?.stop();
    if (photoDir) await rm(photoDir, { recursive: true, force: true });
  });

  async function freshPage(): Promise<{ page: Page; close(): Promise<void> }> {
    const context = await browser.createBrowserContext();
    return { page: await context.newPage(), close: () => context.close() };
  }

  const walk = (page: Page, language: Language, steps: WalkSteps) =>
    walkChildApp(page, { url: server.url, language, group: GROUP, survey: { title: SURVEY.title[language], firstQuestion: SURVEY.questions[0]!.text[language] }, photo }, steps);

  /** Page loads as Lighthouse navigations, every other screen as a snapshot once it shows. */
  async function snapshots(language: Language, screens: readonly ChildScreen[]): Promise<FlowResult> {
    const { page, close } = await freshPage();
    const flow = await startFlow(page, { name: `children's app (${language})`, config: CONFIG });
    await walk(page, language, {
      load: (url, screen) => (screens.includes(screen) ? flow.navigate(url, { name: `${screen} (${language})` }) : page.goto(url)),
      at: async (screen) => (screens.includes(screen) ? flow.snapshot({ name: `${screen} (${language})` }) : undefined),
    });
    const result = await flow.createFlowResult();
    await close();
    return result;
  }

  for (const [language, screens] of [
    ['en', CHILD_SCREENS],
    ['ar', CHILD_SCREENS],
    ['pl', POLISH_SCREENS],
  ] as const) {
    it(`scores 100 for accessibility and best practices on ${screens.length} screens in ${language}`, async () => {
      const result = await snapshots(language, screens);
      expect(result.steps.map((step) => step.name)).toEqual(screens.map((screen) => `${screen} (${language})`));
      expect(failures(result)).toEqual([]);
    }, 240_000);
  }

  it('scores 100 for best practices over the whole way, taps included (console errors, deprecations, browser issues)', async () => {
    const { page, close } = await freshPage();
    const flow = await startFlow(page, { name: "children's app, the whole way", config: CONFIG });
    await flow.startTimespan({ name: 'the whole way (en)' });
    await walk(page, 'en', { load: (url) => page.goto(url), at: async () => undefined });
    await flow.endTimespan();
    const result = await flow.createFlowResult();
    await close();
    expect(result.steps[0]!.lhr.audits['errors-in-console']?.score).toBe(1);
    expect(failures(result)).toEqual([]);
  }, 150_000);

  it('can fail: an unlabelled field and a console error cost points, named in the message', async () => {
    const { page, close } = await freshPage();
    await page.goto(server.url);
    const flow = await startFlow(page, { name: 'a broken screen', config: CONFIG });
    await flow.startTimespan({ name: 'an error' });
    await page.evaluate(() => console.error('broken on purpose'));
    await flow.endTimespan();
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<input type="text">'));
    await flow.snapshot({ name: 'an unlabelled field' });
    const result = await flow.createFlowResult();
    await close();
    const found = failures(result);
    expect(found.find((line) => line.startsWith('an error: best-practices'))).toMatch(/errors-in-console/);
    expect(found.find((line) => line.startsWith('an unlabelled field: accessibility'))).toMatch(/label \[/);
  }, 60_000);
});
