// A flagged submission reaches people: one email to the safeguarding leads (captured by an in-process SMTP server,
// without the child's words), one Standard Webhooks signed notice (verified here with node:crypto), and the notice's
// link opens that very item in the staff app in Chromium, not just the lane.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { smtpMailer } from '../../api/node/smtp-mailer.ts';
import { buildWebApps, launchChromium } from '../helpers/browser.ts';
import { postJson, quote } from '../helpers/intake.ts';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp-capture.ts';
import { signInPage, startStaffServer, type StaffServer } from '../helpers/staff-server.ts';

const POLL = { timeout: 10_000 };
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const DECOY = 'my dad hits me and im scared to go home';
const DISCLOSURE = 'someone touched me and told me not to tell';

type Delivery = { headers: IncomingHttpHeaders; body: string };

/** Standard Webhooks verification, written independently of the app's signer. */
function verified(delivery: Delivery): boolean {
  const id = String(delivery.headers['webhook-id']);
  const timestamp = String(delivery.headers['webhook-timestamp']);
  const key = Buffer.from(SECRET.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${delivery.body}`).digest();
  return String(delivery.headers['webhook-signature'])
    .split(' ')
    .some((entry) => {
      const [version, signature = ''] = entry.split(',');
      const given = Buffer.from(signature, 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}

describe('safeguarding notices that reach people', () => {
  let server: StaffServer;
  let smtp: SmtpCapture;
  let mailer: ReturnType<typeof smtpMailer>;
  let hook: Server;
  let browser: Browser;
  let lead: { context: BrowserContext; page: Page };
  const deliveries: Delivery[] = [];

  async function send(text: string): Promise<string> {
    const body = quote({ text });
    expect((await postJson(server.h.app, body)).status).toBe(201);
    return body.id as string;
  }
  const drain = () => createJobRunner(server.h.deps, createSharpProcessor()).drain();

  beforeAll(async () => {
    await buildWebApps();
    smtp = await startSmtpCapture();
    mailer = smtpMailer(smtp.url, 'heard@partnership.test');
    hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        deliveries.push({ headers: request.headers, body });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const env = {
      SAFEGUARDING_WEBHOOK_URL: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`,
      SAFEGUARDING_WEBHOOK_SECRET: SECRET,
      SMTP_URL: smtp.url,
      NOTIFY_FROM: 'heard@partnership.test',
    };
    server = await startStaffServer({ env, mailer });
    browser = await launchChromium();
    // Signing in once records the lead and their email address: the recipients come from staff roles.
    lead = await signInPage(browser, server, 'lead');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    mailer?.close();
    await smtp?.close();
    await new Promise<void>((resolve) => hook?.close(() => resolve()));
  });

  let link = '';

  it('sends one email without the child words and one signed webhook whose link opens the item', async () => {
    // An older flag first, so the lane would select it by default: the link must pick the newer one.
    await send(DECOY);
    await drain();
    smtp.messages.length = 0;
    deliveries.length = 0;

    const id = await send(DISCLOSURE);
    await drain();
    link = `${server.url}/staff/#/safeguarding/${id}`;

    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail!.to).toEqual(['lead@heard.test']);
    expect(mail!.from).toBe('heard@partnership.test');
    expect(mail!.subject).toBe('Heard: a new safeguarding flag');
    expect(mail!.body).toContain(link);
    expect(mail!.body).toMatch(/Category: [A-Z][a-z]/);
    expect(mail!.body).not.toContain('flagged by a participation worker');
    expect(mail!.body).toMatch(/Received: .* UTC/);
    for (const words of [DISCLOSURE, 'touched', 'someone', 'not to tell']) {
      expect(mail!.raw.toLowerCase()).not.toContain(words);
      expect(mail!.body.toLowerCase()).not.toContain(words);
    }

    expect(deliveries).toHaveLength(1);
    const [delivery] = deliveries;
    expect(verified(delivery!)).toBe(true);
    expect(verified({ ...delivery!, body: delivery!.body.replace('flagged_at_intake', 'escalated') })).toBe(false);
    expect(Math.abs(Number(delivery!.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(300);
    expect(delivery!.headers['webhook-id']).toMatch(/^heard_notice_\d+$/);
    const notice = JSON.parse(delivery!.body);
    expect(notice).toMatchObject({ event: 'flagged_at_intake', submissionId: id, reviewUrl: link });
    expect(delivery!.body).not.toContain('touched');

    // The link from the email or the lead's system, opened in a new tab of a signed-in browser.
    const page = await lead.context.newPage();
    await page.goto(notice.reviewUrl);
    await page.getByRole('heading', { level: 1, name: /Safeguarding lane/ }).waitFor();
    await expect.poll(() => page.getByTestId('lane-item').count(), POLL).toBe(2);
    await expect.poll(() => page.getByTestId('selected-text').textContent(), POLL).toBe(DISCLOSURE);
    expect(await page.locator('[data-testid="lane-item"][aria-current="true"]').textContent()).toContain('someone touched me');

    // The same link followed inside an open app (only the hash changes) moves to the item too.
    await lead.page.goto(`${server.url}/staff/#/safeguarding`);
    await expect.poll(() => lead.page.getByTestId('selected-text').textContent(), POLL).toBe(DECOY);
    await lead.page.goto(link);
    await expect.poll(() => lead.page.getByTestId('selected-text').textContent(), POLL).toBe(DISCLOSURE);
  });

  it('brings a signed-out lead who opens the link through sign-in to the same item', async () => {
    expect(link).not.toBe('');
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(link);
    await page.getByRole('link', { name: 'Sign in' }).click();
    await page.locator('input[name="login"]').fill('lead');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('input[name="login"]').waitFor({ state: 'detached' });
    const back = /\/staff\/#\/safeguarding\//;
    const settle = () => undefined;
    const consent = page.locator('button[type="submit"]');
    await Promise.race([page.waitForURL(back).catch(settle), consent.waitFor().catch(settle)]);
    if (!back.test(page.url())) {
      await consent.click();
      await page.waitForURL(back);
    }
    expect(page.url()).toBe(link);
    await expect.poll(() => page.getByTestId('selected-text').textContent(), POLL).toBe(DISCLOSURE);
    await context.close();
  });
});
