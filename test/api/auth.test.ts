// Staff sign-in end to end against a real OpenID provider (oidc-provider on loopback), not a mocked token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config.ts';
import { startDevOidcProvider, type DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { loginAtProvider, signIn, staffBrowser } from '../helpers/oidc-login.ts';

const PUBLIC_URL = 'http://localhost:3999';
const CALLBACK = `${PUBLIC_URL}/auth/callback`;

describe(`staff sign-in on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let other: DevOidcProvider;
  let h: Harness;
  let now = new Date();
  beforeAll(async () => {
    const options = { redirectUri: CALLBACK, postLogoutRedirectUri: `${PUBLIC_URL}/staff/`, nodeEnv: 'test' };
    provider = await startDevOidcProvider(options);
    other = await startDevOidcProvider(options);
    const config = parseConfig({ NODE_ENV: 'test', PUBLIC_URL, SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '12' });
    h = await createHarness({ config: { publicUrl: config.publicUrl, auth: config.auth }, oidc: provider.settings, clock: { now: () => now } });
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
    await other.stop();
  });

  it('signs a worker in: session cookie, /api/me with roles, an audit row', async () => {
    const browser = await signIn(h.app, 'worker', CALLBACK);
    const cookie = [...browser.jar.keys()];
    expect(cookie).toContain('heard_session');
    const me = await browser.request('/api/me');
    expect(me.status).toBe(200);
    const body = await me.json();
    expect(body).toMatchObject({ name: 'Wren Parker', email: 'worker@heard.test', roles: ['participation_worker'] });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const audit = await h.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'staff.signed_in').execute();
    expect(audit).toContainEqual({ action: 'staff.signed_in', actor_id: body.id });
  });

  it('sets the cookie HttpOnly and SameSite=Lax, and a fresh token at every login', async () => {
    const first = staffBrowser(h.app);
    const callback = await loginAtProvider(first, 'lead', CALLBACK);
    const response = await first.request(`/auth/callback${callback.search}`);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('heard_session='))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(response.headers.get('location')).toBe('/staff/');
    const second = await signIn(h.app, 'lead', CALLBACK);
    expect(second.jar.get('heard_session')).not.toBe(first.jar.get('heard_session'));
  });

  it('keeps secrets out of the database and logs: only a hash of the session token is stored', async () => {
    const browser = await signIn(h.app, 'admin', CALLBACK);
    const token = browser.jar.get('heard_session')!;
    const rows = await h.database.db.selectFrom('staff_sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
    expect(JSON.stringify(h.logs)).not.toContain(token);
  });

  it('refuses a tampered state', async () => {
    const browser = staffBrowser(h.app);
    const callback = await loginAtProvider(browser, 'worker', CALLBACK);
    callback.searchParams.set('state', 'tampered');
    const response = await browser.request(`/auth/callback${callback.search}`);
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('login_state_mismatch');
  });

  it("refuses a callback that arrives in another browser (no login cookie): login CSRF", async () => {
    const callback = await loginAtProvider(staffBrowser(h.app), 'worker', CALLBACK);
    const response = await staffBrowser(h.app).request(`/auth/callback${callback.search}`);
    expect(response.status).toBe(400);
  });

  it('refuses a reused callback (the code and its login attempt are single use)', async () => {
    const browser = staffBrowser(h.app);
    const callback = await loginAtProvider(browser, 'worker', CALLBACK);
    const loginCookie = browser.jar.get('heard_login')!;
    expect((await browser.request(`/auth/callback${callback.search}`)).status).toBe(303);
    const replay = await h.app.request(`/auth/callback${callback.search}`, { headers: { cookie: `heard_login=${loginCookie}` } });
    expect(replay.status).toBe(400);
    expect((await replay.json()).code).toBe('login_expired');
  });

  it('refuses an ID token whose nonce is not the one we sent', async () => {
    const browser = staffBrowser(h.app);
    const callback = await loginAtProvider(browser, 'worker', CALLBACK);
    await h.database.db.updateTable('login_attempts').set({ nonce: 'not-the-nonce' }).where('state', '=', callback.searchParams.get('state')!).execute();
    const response = await browser.request(`/auth/callback${callback.search}`);
    expect(response.status).toBe(401);
    expect((await response.json()).code).toBe('login_failed');
    expect(h.logs.some((entry) => entry.msg === 'sign-in refused')).toBe(true);
    expect(JSON.stringify(h.logs)).not.toContain(callback.searchParams.get('code')!);
  });

  it("refuses a response from another issuer (RFC 9207 iss), and that provider's code", async () => {
    const toOther = (url: URL) => new URL(`${url.pathname}${url.search}`, other.issuer);
    const browser = staffBrowser(h.app);
    const callback = await loginAtProvider(browser, 'worker', CALLBACK, toOther);
    expect(callback.searchParams.get('iss')).toBe(other.issuer);
    const loginCookie = browser.jar.get('heard_login')!;
    expect((await browser.request(`/auth/callback${callback.search}`)).status).toBe(401);

    // Without the iss parameter, the other provider's code is still worthless at ours.
    const again = staffBrowser(h.app);
    const second = await loginAtProvider(again, 'worker', CALLBACK, toOther);
    second.searchParams.delete('iss');
    expect((await again.request(`/auth/callback${second.search}`)).status).toBe(401);
    expect(loginCookie).not.toBe(again.jar.get('heard_login'));
  });

  it('ends a session after the idle timeout and after the absolute timeout', async () => {
    const idle = await signIn(h.app, 'committee', CALLBACK);
    expect((await idle.request('/api/me')).status).toBe(200);
    now = new Date(now.getTime() + 31 * 60_000);
    expect((await idle.request('/api/me')).status).toBe(401);

    const busy = await signIn(h.app, 'committee', CALLBACK);
    for (let step = 0; step < 30; step++) {
      now = new Date(now.getTime() + 25 * 60_000);
      await busy.request('/api/me');
    }
    expect((await busy.request('/api/me')).status).toBe(401);
  });

  it('logs out: CSRF token required, session ended, redirected to the provider to end its session', async () => {
    const browser = await signIn(h.app, 'worker', CALLBACK);
    const { csrfToken } = await (await browser.request('/api/me')).json();
    expect((await browser.request('/auth/logout', { method: 'POST' })).status).toBe(403);
    expect((await browser.request('/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrfToken, origin: 'https://evil.example' } })).status).toBe(403);
    const out = await browser.request('/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrfToken, origin: PUBLIC_URL } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toMatch(new RegExp(`^${provider.issuer}/session/end`));
    expect((await browser.request('/api/me')).status).toBe(401);
  });

  it('never redirects after login to another site', async () => {
    const browser = staffBrowser(h.app);
    const start = await browser.request('/auth/login?returnTo=https://evil.example/');
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const attempt = await h.database.db.selectFrom('login_attempts').select('return_to').where('state', '=', state).executeTakeFirstOrThrow();
    expect(attempt.return_to).toBe('/staff/');
  });

  it('answers /api/me without a session with 401 problem+json', async () => {
    const response = await h.app.request('/api/me');
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });
});
