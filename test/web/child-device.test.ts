// The children's app on the child's own device, in headless Chromium: one send per message, "my messages" that survive
// going offline and reloading, consent that knows the child's age, quick exit, speech input and first-load bytes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApps, launchChromium, serveOverHttp } from '../helpers/browser.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';

const POLL = { timeout: 15_000 };

async function writeQuote(page: Page, text: string, age = '12 to 15'): Promise<void> {
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('button', { name: age }).click();
  await page.getByLabel('Your words').fill(text);
  await page.getByRole('button', { name: 'Next', exact: true }).click();
}

async function consentAndSend(page: Page, givenBy = 'Just me', publicly = false): Promise<void> {
  for (const question of ['Can the committee', 'in a report', 'where anyone can see']) {
    const yes = question.startsWith('Can the') || (publicly && question === 'where anyone can see');
    await page.getByRole('group', { name: new RegExp(question) }).getByLabel(yes ? 'Yes' : 'No, keep it private', { exact: true }).check();
  }
  await page.getByLabel(givenBy).check();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
}

/** Opens the app and waits until its service worker controls the page (as on a child's phone after the first visit). */
async function openControlled(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);
}

describe("the children's app on a child's own device", () => {
  let h: Harness;
  let server: { url: string; close(): Promise<void> };
  let browser: Browser;
  const posts: string[] = [];
  const scripts: Promise<{ pathname: string; bytes: number; encoding: string | null }>[] = [];

  beforeAll(async () => {
    await buildWebApps();
    h = await createHarness();
    server = await serveOverHttp(h.app, 0, (request, response) => {
      const { pathname } = new URL(request.url);
      if (request.method === 'POST' && pathname === '/api/submissions') posts.push(request.headers.get('heard-device-id') ?? '');
      // The bytes each script's answer puts on the wire (compressed, if it was), for pages and service workers alike.
      if (request.method === 'GET' && pathname.endsWith('.js')) {
        scripts.push(response.clone().arrayBuffer().then((body) => ({ pathname, bytes: body.byteLength, encoding: response.headers.get('content-encoding') })));
      }
    });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await h?.close();
  });

  it('sends each new message exactly once when online, from the page or its service worker', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openControlled(page, server.url);
    posts.length = 0;
    for (const text of ['Once only, please', 'And this one once too']) {
      await writeQuote(page, text);
      await consentAndSend(page);
      await page.getByTestId('receipt').waitFor(POLL);
      await page.getByRole('button', { name: /Finished/ }).click();
    }
    // Time for a late second send (the service worker's Background Sync) to arrive, if there were one.
    await page.waitForTimeout(1500);
    expect(posts).toHaveLength(2);
    const rows = await h.database.db.selectFrom('submissions').select('text').where('text', 'in', ['Once only, please', 'And this one once too']).execute();
    expect(rows).toHaveLength(2);
    await context.close();
  }, 60_000);

  it('keeps a message saved offline in "my messages" across a reload, and shows its receipt once it is sent', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openControlled(page, server.url);
    await context.setOffline(true);
    await writeQuote(page, 'Saved while offline for my list');
    await consentAndSend(page);
    await page.getByTestId('saved').waitFor(POLL);
    await page.getByRole('button', { name: /Finished/ }).click();
    await page.reload();
    await page.getByRole('button', { name: /My messages/ }).click();
    await expect.poll(() => page.getByTestId('my-waiting').count()).toBe(1);
    await expect(page.getByTestId('my-receipt').count()).resolves.toBe(0);
    // The child leaves the list; the connection returns and the outbox sends it without them watching.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const row = await expect
      .poll(async () => (await h.database.db.selectFrom('submissions').select('receipt').where('text', '=', 'Saved while offline for my list').execute()).length, POLL)
      .toBe(1)
      .then(() => h.database.db.selectFrom('submissions').select('receipt').where('text', '=', 'Saved while offline for my list').executeTakeFirstOrThrow());
    await page.reload();
    await page.getByRole('button', { name: /My messages/ }).click();
    await expect.poll(() => page.getByTestId('my-receipt').textContent(), POLL).toBe(row.receipt);
    // Checked and taken back from the list.
    await page.getByRole('button', { name: 'What happened to it?', exact: true }).click();
    await expect.poll(() => page.getByTestId('my-status').textContent(), POLL).toMatch(/got your message/);
    await page.getByRole('button', { name: 'Take it back', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, take it back', exact: true }).click();
    await expect.poll(() => page.getByTestId('my-status').textContent(), POLL).toMatch(/deleted/);
    expect(await h.database.db.selectFrom('submissions').select('status').where('receipt', '=', row.receipt).executeTakeFirstOrThrow()).toEqual({ status: 'withdrawn' });
    // The child clears the list: the code is gone from the device.
    await page.getByRole('button', { name: 'Clear my list', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, clear it', exact: true }).click();
    await expect.poll(() => page.getByTestId('my-message').count()).toBe(0);
    const stored = await page.evaluate(
      () =>
        new Promise<unknown[]>((resolve, reject) => {
          const open = indexedDB.open('heard-outbox');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const request = open.result.transaction('mine').objectStore('mine').getAll();
            request.onsuccess = () => resolve(request.result);
          };
        }),
    );
    expect(stored).toEqual([]);
    await context.close();
  }, 90_000);

  it('refuses public sharing chosen alone by a 4 to 7 year old on the device, before any request, and says who must help', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await writeQuote(page, 'I want a bigger playground', '4 to 7');
    // Back from consent returns to the words, still there.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await expect(page.getByLabel('Your words').inputValue()).resolves.toBe('I want a bigger playground');
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await expect.poll(() => page.getByTestId('public-needs-adult').textContent()).toMatch(/a grown-up must help you/);
    posts.length = 0;
    await consentAndSend(page, 'Just me', true);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/a grown-up must help you/);
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
    expect(await page.getByRole('heading', { name: 'Before you send it, you choose', exact: true }).isVisible()).toBe(true);
    // With a carer's help it is sent.
    await page.getByLabel('A parent or carer').check();
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByTestId('receipt').waitFor(POLL);
    expect(posts).toHaveLength(1);
    const row = await h.database.db.selectFrom('submissions').select(['consent_publish_publicly', 'consent_given_by']).where('text', '=', 'I want a bigger playground').executeTakeFirstOrThrow();
    expect(row).toEqual({ consent_publish_publicly: true, consent_given_by: 'carer' });
    await context.close();
  }, 60_000);

  it('does not ask a 12 to 15 year old for an adult, and words consent for a drawing as a drawing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await writeQuote(page, 'Older and on my own');
    await page.getByRole('group', { name: /Can the committee/ }).waitFor();
    expect(await page.getByTestId('public-needs-adult').count()).toBe(0);
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('button', { name: /Draw a picture instead/ }).click();
    const box = (await page.getByRole('img', { name: 'Drawing area', exact: true }).boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 120, box.y + 90);
    await page.mouse.up();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await page.getByRole('group', { name: 'Can we show your drawing in a report?', exact: true }).waitFor();
    await page.getByRole('group', { name: /Can we share your drawing where anyone can see it/ }).waitFor();
    // Back from a drawing's consent returns to the drawing.
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('img', { name: 'Drawing area', exact: true }).waitFor();
    await context.close();
  }, 60_000);

  it.each([
    ['Shift', 'Shift'],
    ['Esc', 'Escape'],
  ])('leaves by pressing %s three times from anywhere: blank at once, replaced in history', async (_name, key) => {
    const context = await browser.newContext();
    // No internet here: stand in for the neutral site.
    await context.route('https://www.bbc.co.uk/**', (route) => route.fulfill({ body: '<title>Weather</title>', contentType: 'text/html' }));
    // Runs after the app's own key handler, in the same key event: what the page shows once the exit has begun.
    await context.addInitScript(() =>
      window.addEventListener('keydown', () => console.log(`after-key ${getComputedStyle(document.body).display} ${document.body.getClientRects().length}`)),
    );
    const page = await context.newPage();
    const afterKeys: string[] = [];
    page.on('console', (message) => {
      if (message.text().startsWith('after-key')) afterKeys.push(message.text());
    });
    await page.goto(server.url);
    // Quick exit is the first thing Tab reaches on the page.
    expect(await page.evaluate(() => document.querySelector<HTMLElement>('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')?.textContent)).toBe('Quick exit');
    await writeQuote(page, 'Nobody should see this');
    await page.getByLabel('Yes', { exact: true }).first().focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press(key);
    await expect.poll(() => page.url()).toMatch(/bbc\.co\.uk\/weather/);
    // Shown after the first two presses; blank in the very event of the third, before the next page has loaded.
    expect(afterKeys.slice(0, 2).every((line) => line.startsWith('after-key block'))).toBe(true);
    expect(afterKeys[2]).toBe('after-key none 0');
    await page.goBack().catch(() => null);
    expect(page.url().startsWith(server.url)).toBe(false);
    await context.close();
  });

  it('leaves to a local neutral page when offline, and Back does not return', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openControlled(page, server.url);
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Escape');
    await expect.poll(() => page.url()).toBe(`${server.url}/exit.html`);
    await expect.poll(() => page.title()).toBe('Weather forecast');
    expect(await page.locator('body').innerText()).not.toMatch(/Heard|How old are you/);
    await page.goBack().catch(() => null);
    expect(page.url()).not.toBe(`${server.url}/`);
    await context.close();
  }, 60_000);

  it('does not leave on two presses, or on three presses of different keys', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    for (const key of ['Shift', 'Shift', 'Escape', 'Escape', 'a', 'Shift']) await page.keyboard.press(key);
    await page.waitForTimeout(200);
    expect(page.url()).toBe(`${server.url}/`);
    expect(await page.getByRole('heading', { name: 'Tell us what you think', exact: true }).isVisible()).toBe(true);
    await context.close();
  });

  it('explains how to hide having used Heard, and deletes everything it keeps only when the child asks', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(server.url);
    await context.setOffline(true);
    await writeQuote(page, 'Waiting, then deleted by the child');
    await consentAndSend(page);
    await page.getByTestId('saved').waitFor(POLL);
    await page.getByRole('button', { name: /Finished/ }).click();
    await page.getByRole('button', { name: /Hide that I used Heard/ }).click();
    await page.getByText(/Quick exit does not delete them/).waitFor();
    await page.getByRole('button', { name: /Delete everything Heard saved here/ }).click();
    await page.getByRole('button', { name: 'Yes, delete everything', exact: true }).click();
    await page.getByText('Everything Heard saved on this device is deleted.').waitFor();
    const left = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open('heard-outbox');
          open.onsuccess = () => {
            const request = open.result.transaction('outbox').objectStore('outbox').count();
            request.onsuccess = () => resolve(request.result);
          };
        }),
    );
    expect(left).toBe(0);
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.waitForTimeout(500);
    expect(await h.database.db.selectFrom('submissions').select('id').where('text', '=', 'Waiting, then deleted by the child').execute()).toEqual([]);
    await context.close();
  });

  it('keeps speech input off until the child agrees to a plain warning, and nothing ever leaves the app origin', async () => {
    const context = await browser.newContext();
    // Counts uses of the browser's speech recognition (which in Chrome sends the voice to Google); never really starts it.
    await context.addInitScript(() => {
      const counted = window as unknown as { __recognitions: number; webkitSpeechRecognition: unknown; SpeechRecognition: unknown };
      counted.__recognitions = 0;
      class Counting {
        lang = '';
        onresult: unknown;
        constructor() {
          counted.__recognitions += 1;
        }
        start() {}
      }
      counted.webkitSpeechRecognition = Counting;
      counted.SpeechRecognition = Counting;
    });
    const requests: string[] = [];
    context.on('request', (request) => requests.push(request.url()));
    const page = await context.newPage();
    await page.goto(server.url);
    await writeQuote(page, 'Typed, not spoken');
    await page.getByRole('button', { name: 'Back', exact: true }).click();
    await page.getByRole('button', { name: /Talk instead of typing/ }).click();
    await expect.poll(() => page.getByRole('alertdialog').textContent()).toMatch(/your voice goes to the company that made this browser/);
    await page.getByRole('button', { name: 'No, I will type', exact: true }).click();
    await page.getByText('Talking instead of typing is off.').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __recognitions: number }).__recognitions)).toBe(0);
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await consentAndSend(page);
    await page.getByTestId('receipt').waitFor(POLL);
    await page.getByRole('button', { name: /Finished/ }).click();
    await page.getByRole('button', { name: /My messages/ }).click();
    await page.getByRole('button', { name: 'What happened to it?', exact: true }).click();
    await page.getByTestId('my-status').waitFor(POLL);
    await page.getByRole('button', { name: 'Back', exact: true }).last().click();
    // Agreeing is what turns it on.
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: '12 to 15', exact: true }).click();
    await page.getByRole('button', { name: /Talk instead of typing/ }).click();
    await page.getByRole('button', { name: 'OK, I want to talk', exact: true }).click();
    expect(await page.evaluate(() => (window as unknown as { __recognitions: number }).__recognitions)).toBe(1);
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((url) => new URL(url).origin !== server.url)).toEqual([]);
    await context.close();
  });

  it('sends at most 30 KB of compressed JavaScript on first load, the service worker precaching the same responses', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    scripts.length = 0;
    await page.goto(server.url);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForTimeout(500);
    const fetched = await Promise.all(scripts);
    const app = fetched.filter((script) => script.pathname !== '/sw.js');
    const appBytes = app.reduce((sum, script) => sum + script.bytes, 0);
    const workerBytes = fetched.find((script) => script.pathname === '/sw.js')?.bytes ?? 0;
    expect(workerBytes).toBeGreaterThan(0);
    console.log(`first-load JavaScript over the wire: app ${appBytes} B (${app.map((script) => `${script.pathname} ${script.bytes}`).join(', ')}), service worker script ${workerBytes} B`);
    expect(fetched.find((script) => script.pathname.startsWith('/assets/index-'))?.encoding).toBe('br');
    // The main script crosses the network once: the service worker's precache takes the browser's copy.
    expect(fetched.filter((script) => script.pathname.startsWith('/assets/index-'))).toHaveLength(1);
    // The budget counts the service worker's script too: it is JavaScript the first visit downloads.
    expect(appBytes + workerBytes).toBeLessThanOrEqual(30 * 1024);
    // The precache holds the real, uncompressed script the page runs.
    const cached = await page.evaluate(async () => {
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) {
          if (new URL(request.url).pathname.startsWith('/assets/index-') && request.url.endsWith('.js')) return (await (await caches.match(request))!.text()).length;
        }
      }
      return 0;
    });
    expect(cached).toBeGreaterThan(appBytes);
    await context.close();
  });
});
