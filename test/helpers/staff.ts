/** Signed-in staff for API tests: one real sign-in per demo role through the development OpenID provider. */
import type { HeardApp } from '../../api/app.ts';
import { parseConfig, type AppConfig } from '../../api/config.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../../api/node/demo-accounts.ts';
import { startDevOidcProvider, type DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { signIn, type StaffBrowser } from './oidc-login.ts';

export const TEST_PUBLIC_URL = 'http://localhost:3999';
const CALLBACK = `${TEST_PUBLIC_URL}/auth/callback`;

/** The demo accounts, plus `extra` ones (a second worker or committee member, to test what one sees of another's). */
export async function startTestProvider(extra: readonly DemoAccount[] = []): Promise<DevOidcProvider> {
  return startDevOidcProvider({ redirectUri: CALLBACK, postLogoutRedirectUri: `${TEST_PUBLIC_URL}/staff/`, nodeEnv: 'test', accounts: [...DEMO_ACCOUNTS, ...extra] });
}

/** Config overrides that point sign-in at the test provider's callback. */
export function staffConfig(env: Record<string, string> = {}): Partial<AppConfig> {
  const config = parseConfig({ NODE_ENV: 'test', PUBLIC_URL: TEST_PUBLIC_URL, ...env });
  return { publicUrl: config.publicUrl, auth: config.auth, moderation: config.moderation, notify: config.notify };
}

export type SignedIn = StaffBrowser & { csrf: string; id: string; json(path: string, method: string, body?: unknown): Promise<Response> };

export async function signInAs(app: HeardApp, login: string, publicUrl = TEST_PUBLIC_URL): Promise<SignedIn> {
  const browser = await signIn(app, login, `${publicUrl}/auth/callback`);
  const me = await (await browser.request('/api/me')).json();
  return {
    ...browser,
    csrf: me.csrfToken,
    id: me.id,
    json: (path, method, body) =>
      browser.request(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, origin: publicUrl },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
}
