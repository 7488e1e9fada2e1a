/** The whole app served over HTTP with staff sign-in at a real development provider, for browser tests of staff pages. */
import axe from 'axe-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { parseConfig } from '../../api/config.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../../api/node/demo-accounts.ts';
import { startDevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import type { Mailer } from '../../api/notify/mailer.ts';
import { freePort, serveOverHttp } from './browser.ts';
import { createHarness, type Harness } from './harness.ts';

export type StaffServer = { h: Harness; url: string; close(): Promise<void> };

/** `accounts` are added to the demo ones at the provider; `env` is configuration on top of the defaults; `mailer` is the mail port (e.g. SMTP to a test server). */
export async function startStaffServer(options: { accounts?: readonly DemoAccount[]; env?: Record<string, string>; mailer?: Mailer } = {}): Promise<StaffServer> {
  // The address must be known before the app is built: sign-in redirects and cookies are tied to it.
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  const provider = await startDevOidcProvider({ redirectUri: `${publicUrl}/auth/callback`, postLogoutRedirectUri: `${publicUrl}/staff/`, nodeEnv: 'test', accounts: [...DEMO_ACCOUNTS, ...(options.accounts ?? [])] });
  const config = parseConfig({ ...options.env, NODE_ENV: 'test', PUBLIC_URL: publicUrl });
  const h = await createHarness({
    config: { publicUrl: config.publicUrl, auth: config.auth, moderation: config.moderation, notify: config.notify },
    oidc: provider.settings,
    mailer: options.mailer,
  });
  const server = await serveOverHttp(h.app, port);
  return {
    h,
    url: server.url,
    close: async () => {
      await server.close();
      await h.close();
      await provider.stop();
    },
  };
}

/** Signs in through the staff app's own "Sign in" link and the development provider's forms, as a person would. */
export async function signInPage(
  browser: Browser,
  server: { url: string },
  login: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await page.goto(`${server.url}/staff/`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any');
  await page.locator('button[type="submit"]').click();
  await page.locator('input[name="login"]').waitFor({ state: 'detached' });
  // The provider asks for consent unless it remembers an earlier one.
  const back = /\/staff\/$/;
  const consent = page.locator('button[type="submit"]');
  const settle = () => undefined; // the slower of the two is never awaited; its failure must not go unhandled
  await Promise.race([page.waitForURL(back).catch(settle), consent.waitFor().catch(settle)]);
  if (!back.test(page.url())) {
    await consent.click();
    await page.waitForURL(back);
  }
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return { context, page };
}

/**
 * axe-core run in the page: serious and critical violations only, as "rule: element" strings. The context must
 * bypass our Content-Security-Policy (`bypassCSP: true`), which rightly refuses an injected script.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: (axe as unknown as { source: string }).source });
  return page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
    const runner = (window as unknown as { axe: { run(): Promise<Result> } }).axe;
    const result = await runner.run();
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
  });
}
