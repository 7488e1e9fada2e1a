// A group session on one shared tablet, in headless Chromium: children take turns, offline too, and nothing of one child
// is left for the next: not on screen, not behind Back, not in storage, and no request ever leaves the app's origin.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApps, launchChromium, serveOverHttp } from '../helpers/browser.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

const POLL = { timeout: 10_000 };

async function consent(page: Page): Promise<void> {
  for (const question of ['Can the committee', 'in a report', 'where anyone can see']) {
    await page.getByRole('group', { name: new RegExp(question) }).getByLabel(question.startsWith('Can the') ? 'Yes' : 'No, keep it private').check();
  }
  await page.getByLabel('Just me').check();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

async function childSendsQuote(page: Page, text: string): Promise<void> {
  await page.getByRole('button', { name: "I'm next: start" }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('button', { name: '12 to 15', exact: true }).click();
  await page.getByLabel('Your words').fill(text);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await consent(page);
}

async function childSendsDrawing(page: Page, caption: string): Promise<void> {
  await page.getByRole('button', { name: "I'm next: start" }).click();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('button', { name: '8 to 11', exact: true }).click();
  await page.getByLabel('Your words').fill(caption);
  await page.getByRole('button', { name: /Draw a picture instead/ }).click();
  const box = (await page.getByRole('img', { name: 'Drawing area' }).boundingBox())!;
  await page.mouse.move(box.x + 20, box.y + 20);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 20 + i * 15, box.y + 20 + i * 10);
  await page.mouse.up();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await consent(page);
}

/** Everything the origin keeps in the browser: web storage, every IndexedDB store, and every cached URL. */
async function storedInBrowser(page: Page) {
  return page.evaluate(async () => {
    const local = Object.fromEntries(Object.keys(localStorage).map((key) => [key, localStorage.getItem(key)]));
    const session = Object.fromEntries(Object.keys(sessionStorage).map((key) => [key, sessionStorage.getItem(key)]));
    const indexed: Record<string, unknown[]> = {};
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      for (const store of [...db.objectStoreNames]) {
        indexed[`${name}/${store}`] = await new Promise<unknown[]>((resolve, reject) => {
          const request = db.transaction(store).objectStore(store).getAll();
          request.onsuccess = () => resolve(request.result.map((value: unknown) => JSON.stringify(value)));
          request.onerror = () => reject(request.error);
        });
      }
      db.close();
    }
    const cached: string[] = [];
    const cachedText: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        cached.push(request.url);
        cachedText.push(await ((await cache.match(request))?.text() ?? ''));
      }
    }
    return { local, session, indexed, cached, cachedText: cachedText.join('\n') };
  });
}

describe('a group session on a shared device', () => {
  let h: Harness;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let groupId: string;

  beforeAll(async () => {
    await buildWebApps();
    h = await createHarness();
    const group = await h.database.db
      .insertInto('participation_groups')
      .values({ name: 'Riverside Youth Club', join_code: 'RIVER42', active_from: new Date(Date.now() - 60_000), active_until: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    groupId = group.id;
    server = await serveOverHttp(h.app);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.close();
  });

  it('lets children take turns, offline too, shows nothing of the last child, and leaves nothing of them behind', async () => {
    context = await browser.newContext();
    // Count every use of the location API, and every request of the page and its service worker.
    await context.addInitScript(() => {
      const counted = window as unknown as { __geolocationCalls: number };
      counted.__geolocationCalls = 0;
      const geolocation = navigator.geolocation as unknown as Record<string, (...args: unknown[]) => unknown>;
      for (const method of ['getCurrentPosition', 'watchPosition', 'clearWatch']) {
        const original = geolocation[method]!.bind(navigator.geolocation);
        geolocation[method] = (...args: unknown[]) => {
          counted.__geolocationCalls += 1;
          return original(...args);
        };
      }
    });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    page = await context.newPage();
    await page.goto(server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    const historyAtStart = await page.evaluate(() => history.length);

    // The worker starts the session once.
    await page.getByRole('button', { name: /Group session on a shared device/ }).click();
    await page.getByLabel('Group code', { exact: true }).fill('river42');
    await page.getByRole('button', { name: 'Start the session', exact: true }).click();
    await page.getByTestId('hand-over').waitFor({ timeout: 10_000 });

    // First child: a quote, online, with a receipt.
    await childSendsQuote(page, 'My social worker changes too often.');
    await page.getByTestId('receipt').waitFor({ timeout: 10_000 });
    const receipt = (await page.getByTestId('receipt').textContent())!.trim();
    await page.getByRole('button', { name: /Finished/ }).click();
    // Before the tablet goes on, the child sees their code to keep (a slip can be printed), then it is forgotten.
    await expect.poll(() => page.getByTestId('keep-receipt').textContent(), POLL).toBe(receipt);
    await expect(page.getByRole('button', { name: /Print a slip/ }).count()).resolves.toBe(1);
    await page.getByRole('button', { name: 'I have my code' }).click();
    await page.getByTestId('hand-over').waitFor({ timeout: 10_000 });
    // The hand-over screen: nothing of the child, not their words, receipt or age band.
    const handOver = await page.locator('body').innerText();
    for (const trace of ['social worker', receipt, '12 to 15']) expect(handOver).not.toContain(trace);

    // Second child: the next child starts fresh, in the group, and sends a drawing with the connection gone.
    await context.setOffline(true);
    await page.getByRole('button', { name: "I'm next: start" }).click();
    await page.getByText('You are in the group: Riverside Youth Club').waitFor();
    await expect(page.getByRole('button', { name: 'Speak on my own instead', exact: true }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Hand over to the next person', exact: true }).click();
    await childSendsDrawing(page, 'Our house at night');
    await page.getByTestId('saved').waitFor({ timeout: 10_000 });
    await page.getByRole('button', { name: /Finished/ }).click();
    await page.getByText(/saved on this tablet/).waitFor();
    await page.getByRole('button', { name: 'I have my code' }).click();
    await page.getByTestId('hand-over').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.locator('body').innerText(), POLL).toMatch(/1 waiting to be sent/);
    // Third child starts: the form is empty.
    await page.getByRole('button', { name: "I'm next: start" }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: '4 to 7', exact: true }).click();
    await expect(page.getByLabel('Your words').inputValue()).resolves.toBe('');
    // This child changes their mind and goes back: the worker hands over from the start screen.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('button', { name: 'Hand over to the next person', exact: true }).click();
    await page.getByTestId('hand-over').waitFor();

    // The connection returns: the waiting drawing is sent, in the group, once.
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect
      .poll(async () => (await h.database.db.selectFrom('submissions').select(['text', 'kind', 'group_id']).where('group_id', '=', groupId).orderBy('text').execute()), POLL)
      .toEqual([
        { text: 'My social worker changes too often.', kind: 'quote', group_id: groupId },
        { text: 'Our house at night', kind: 'drawing', group_id: groupId },
      ]);

    // Nothing personal left in the browser: the outbox emptied once sent, only the app shell cached.
    await expect.poll(async () => (await storedInBrowser(page)).indexed['heard-outbox/outbox'], POLL).toEqual([]);
    // "My messages" keeps nothing of a group session's children once each has handed over.
    expect((await storedInBrowser(page)).indexed['heard-outbox/mine']).toEqual([]);
    const stored = await storedInBrowser(page);
    for (const key of Object.keys(stored.local)) expect(key).toBe('heard-device');
    expect(stored.session).toEqual({});
    const kept = JSON.stringify({ local: stored.local, session: stored.session, indexed: stored.indexed });
    for (const trace of ['social worker', 'house at night', receipt, '12-15', '8-11']) expect(kept).not.toContain(trace);
    for (const trace of ['social worker', 'house at night', receipt]) expect(stored.cachedText).not.toContain(trace);
    expect(stored.cached.length).toBeGreaterThan(0);
    for (const url of stored.cached) {
      const { origin, pathname } = new URL(url);
      expect(origin).toBe(server.url);
      // The app shell precached by the service worker, and nothing else (never an API answer).
      // (assets/ also holds the lazily loaded screens' chunks, such as the survey screens: code, not answers.)
      expect(pathname).toMatch(/^\/(index\.html|exit\.(html|css)|registerSW\.js|manifest\.webmanifest|assets\/[\w-]+\.(js|css)|icons\/icon-\d+\.png)$/);
    }

    // Nothing behind Back either: the app never adds history entries.
    expect(await page.evaluate(() => history.length)).toBe(historyAtStart);
    expect(await page.locator('body').innerText()).not.toContain('social worker');

    // The worker ends the session.
    await page.getByRole('button', { name: /End the group session/ }).click();
    await page.getByRole('button', { name: 'Yes, end the session', exact: true }).click();
    await page.getByRole('button', { name: 'Join group', exact: true }).waitFor();

    expect(await page.evaluate(() => (window as unknown as { __geolocationCalls: number }).__geolocationCalls)).toBe(0);
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((url) => new URL(url).origin !== server.url)).toEqual([]);
    expect(requests.some((url) => url.endsWith('/api/submissions'))).toBe(true);
    await context.close();
  }, 90_000);
});
