/**
 * Signs in through the real development OpenID provider the way a browser would: plain fetch with manual
 * redirects and a cookie jar, answering its login and consent forms.
 */
import type { HeardApp } from '../../api/app.ts';

type Jar = Map<string, string>;

function store(jar: Jar, response: Response): void {
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    const index = pair!.indexOf('=');
    const name = pair!.slice(0, index);
    const value = pair!.slice(index + 1);
    if (/max-age=0|expires=thu, 01 jan 1970/i.test(cookie) || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

export function cookieHeader(jar: Jar): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** Follows the provider's redirects and forms until it redirects back to our callback; returns that URL. */
async function authorizeAtProvider(authorizationUrl: string, login: string, callbackPrefix: string): Promise<URL> {
  const jar: Jar = new Map();
  let url = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(callbackPrefix)) return new URL(url);
    let response = await fetch(url, { redirect: 'manual', headers: { cookie: cookieHeader(jar) } });
    store(jar, response);
    if (response.status === 200) {
      const html = await response.text();
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`no form at ${url}`);
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1] ?? 'consent';
      const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
      response = await fetch(new URL(action.replaceAll('&amp;', '&'), url), {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
      store(jar, response);
    }
    const location = response.headers.get('location');
    if (!location) throw new Error(`provider answered ${response.status} at ${url}: ${await response.text()}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects at the provider');
}

export type StaffBrowser = { jar: Jar; request(path: string, init?: RequestInit): Promise<Response> };

/** A browser's view of our app: keeps our cookies between requests. */
export function staffBrowser(app: HeardApp): StaffBrowser {
  const jar: Jar = new Map();
  return {
    jar,
    async request(path, init = {}) {
      const headers = new Headers(init.headers);
      if (jar.size > 0) headers.set('cookie', cookieHeader(jar));
      const response = await app.request(path, { ...init, headers, redirect: 'manual' });
      store(jar, response);
      return response;
    },
  };
}

/** Starts at /auth/login and returns the callback URL the provider sent the browser back to (not yet visited). */
export async function loginAtProvider(
  browser: StaffBrowser,
  login: string,
  callbackPrefix: string,
  /** Lets a test send the authorization request somewhere else (another provider) with the same parameters. */
  rewrite: (authorizationUrl: URL) => URL = (url) => url,
): Promise<URL> {
  const start = await browser.request('/auth/login');
  if (start.status !== 302) throw new Error(`/auth/login answered ${start.status}`);
  return authorizeAtProvider(rewrite(new URL(start.headers.get('location')!)).href, login, callbackPrefix);
}

/** The whole sign-in; returns the browser, now holding a session cookie. */
export async function signIn(app: HeardApp, login: string, callbackPrefix: string): Promise<StaffBrowser> {
  const browser = staffBrowser(app);
  const callback = await loginAtProvider(browser, login, callbackPrefix);
  const finished = await browser.request(`/auth/callback${callback.search}`);
  if (finished.status !== 303) throw new Error(`callback answered ${finished.status}: ${await finished.text()}`);
  return browser;
}
