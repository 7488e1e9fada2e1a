// Release check 9, sessions and headers, with PUBLIC_URL on https as in production.
// Already in test/api/auth.test.ts and not repeated: HttpOnly and SameSite=Lax on plain http, a fresh token per login,
// idle and absolute timeouts (one point past each), logout needing the CSRF token and refusing a foreign Origin.
// Already in test/api/security-headers.test.ts: the headers on /healthz, /api/openapi.json and a 404 (http), and
// HSTS on /healthz (https). This file adds: the __Host-/Secure/Path attributes, a planted cookie not promoted, the
// old token dead after logout, both timeouts at their boundaries, every state-changing staff route refusing a
// foreign or null Origin, the headers on every kind of response over https (public, staff, static apps, errors),
// and /api/media/{id} served with nosniff and no cookie.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { sha256HexOfText } from '../../api/intake/content-hash.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { startDevOidcProvider, type DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { CHILD_APP_DIR, serveWebApps, STAFF_APP_DIR } from '../../api/node/web-apps.ts';
import { engineName } from '../helpers/database.ts';
import { countRows, createHarness, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { loginAtProvider, signIn, staffBrowser } from '../helpers/oidc-login.ts';
import { signInAs, staffConfig, startTestProvider, TEST_PUBLIC_URL } from '../helpers/staff.ts';

const HTTPS_URL = 'https://heard.example.org';
const HTTPS_CALLBACK = `${HTTPS_URL}/auth/callback`;
const SESSION = '__Host-heard_session';

type SetCookie = { name: string; value: string; attributes: Map<string, string> };

function parseSetCookie(header: string): SetCookie {
  const [pair, ...rest] = header.split(';').map((part) => part.trim());
  const at = pair!.indexOf('=');
  const attributes = new Map<string, string>();
  for (const attribute of rest) {
    const eq = attribute.indexOf('=');
    attributes.set((eq < 0 ? attribute : attribute.slice(0, eq)).toLowerCase(), eq < 0 ? '' : attribute.slice(eq + 1));
  }
  return { name: pair!.slice(0, at), value: pair!.slice(at + 1), attributes };
}

function cookiesOf(response: Response): SetCookie[] {
  return response.headers.getSetCookie().map(parseSetCookie);
}

const figures: string[] = [];
afterAll(() => console.log([`sessions and headers (${engineName})`, ...figures].join('\n')));

describe(`sessions with PUBLIC_URL on https on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let now = new Date();
  beforeAll(async () => {
    provider = await startDevOidcProvider({ redirectUri: HTTPS_CALLBACK, postLogoutRedirectUri: `${HTTPS_URL}/staff/`, nodeEnv: 'test' });
    h = await createHarness({ config: staffConfig({ PUBLIC_URL: HTTPS_URL }), oidc: provider.settings, clock: { now: () => now } });
  });
  afterAll(async () => {
    await h?.close();
    await provider?.stop();
  });

  it('sets the session cookie as __Host-, Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain; the login cookie Secure on /auth', async () => {
    const browser = staffBrowser(h.app);
    const start = await browser.request('/auth/login');
    const login = cookiesOf(start).find((cookie) => cookie.name === 'heard_login')!;
    expect(login).toBeDefined();
    expect([...login.attributes.keys()].sort()).toEqual(['httponly', 'max-age', 'path', 'samesite', 'secure']);
    expect(login.attributes.get('path')).toBe('/auth');
    expect(login.attributes.get('samesite')).toBe('Lax');

    const callback = await loginAtProvider(browser, 'worker', HTTPS_CALLBACK);
    const done = await browser.request(`/auth/callback${callback.search}`);
    expect(done.status).toBe(303);
    const cookies = cookiesOf(done);
    const session = cookies.find((cookie) => cookie.name === SESSION)!;
    expect(session, `no ${SESSION} cookie among ${cookies.map((c) => c.name).join(', ')}`).toBeDefined();
    expect(cookies.some((cookie) => cookie.name === 'heard_session')).toBe(false);
    expect([...session.attributes.keys()].sort()).toEqual(['httponly', 'max-age', 'path', 'samesite', 'secure']);
    expect(session.attributes.get('path')).toBe('/');
    expect(session.attributes.get('samesite')).toBe('Lax');
    expect(session.attributes.has('domain')).toBe(false);
    expect(Number(session.attributes.get('max-age'))).toBe(12 * 3600);
    expect(session.value).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    // The login cookie is cleared with the same scope it was set with.
    const clearedLogin = cookies.find((cookie) => cookie.name === 'heard_login')!;
    expect([clearedLogin.value, clearedLogin.attributes.get('max-age'), clearedLogin.attributes.get('path'), clearedLogin.attributes.has('secure')]).toEqual(['', '0', '/auth', true]);
    figures.push(`  https session cookie: ${done.headers.getSetCookie().find((c) => c.startsWith(SESSION))!.replace(session.value, '<token>')}`);
  });

  it('never promotes a planted session cookie, and gives a signed-in browser a new token when it signs in again', async () => {
    const browser = staffBrowser(h.app);
    const planted = 'planted-by-an-attacker-0123456789abcdefghijklmnop';
    browser.jar.set(SESSION, planted);
    expect((await browser.request('/api/me')).status).toBe(401);
    const callback = await loginAtProvider(browser, 'worker', HTTPS_CALLBACK);
    expect((await browser.request(`/auth/callback${callback.search}`)).status).toBe(303);
    const first = browser.jar.get(SESSION)!;
    expect(first).not.toBe(planted);
    const hashes = (await h.database.db.selectFrom('staff_sessions').select('token_hash').execute()).map((row) => row.token_hash);
    expect(hashes).toContain(sha256HexOfText(first));
    expect(hashes).not.toContain(sha256HexOfText(planted));
    expect((await h.app.request('/api/me', { headers: { cookie: `${SESSION}=${planted}` } })).status).toBe(401);

    const again = await loginAtProvider(browser, 'worker', HTTPS_CALLBACK);
    expect((await browser.request(`/auth/callback${again.search}`)).status).toBe(303);
    expect(browser.jar.get(SESSION)).not.toBe(first);
    expect((await browser.request('/api/me')).status).toBe(200);
  });

  it('ends the session at logout for the old token too, clearing the cookie with its own attributes', async () => {
    const admin = await signInAs(h.app, 'admin', HTTPS_URL);
    const token = admin.jar.get(SESSION)!;
    const out = await admin.request('/auth/logout', { method: 'POST', headers: { 'x-csrf-token': admin.csrf, origin: HTTPS_URL } });
    expect(out.status).toBe(303);
    const cleared = cookiesOf(out).find((cookie) => cookie.name === SESSION)!;
    expect([cleared.value, cleared.attributes.get('max-age'), cleared.attributes.get('path'), cleared.attributes.has('secure')]).toEqual(['', '0', '/', true]);
    // A copy of the cookie kept from before (another tab, a stolen value) is worthless now.
    const replay = await h.app.request('/api/me', { headers: { cookie: `${SESSION}=${token}` } });
    expect(replay.status).toBe(401);
    expect(await h.database.db.selectFrom('staff_sessions').select('token_hash').where('token_hash', '=', sha256HexOfText(token)).executeTakeFirst()).toBeUndefined();
  });

  it('keeps a session alive by use up to the idle timeout, and ends it just past it (30 min)', async () => {
    const worker = await signInAs(h.app, 'worker', HTTPS_URL);
    const token = worker.jar.get(SESSION)!;
    const advance = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
    advance(29.9);
    expect((await worker.request('/api/me')).status).toBe(200);
    advance(29.9); // 59.8 minutes after sign-in, but used 29.9 minutes ago
    expect((await worker.request('/api/me')).status).toBe(200);
    advance(30.2);
    expect((await worker.request('/api/me')).status).toBe(401);
    // And it stays dead: the row is gone, so moving on cannot bring it back.
    expect(await h.database.db.selectFrom('staff_sessions').select('token_hash').where('token_hash', '=', sha256HexOfText(token)).executeTakeFirst()).toBeUndefined();
  });

  it('ends a session in constant use at the absolute timeout (12 h), not before', async () => {
    const worker = await signInAs(h.app, 'worker', HTTPS_URL);
    const signedInAt = now.getTime();
    for (let minutes = 25; minutes <= 700; minutes += 25) {
      now = new Date(signedInAt + minutes * 60_000);
      expect((await worker.request('/api/me')).status).toBe(200);
    }
    now = new Date(signedInAt + (12 * 60 - 1) * 60_000);
    expect((await worker.request('/api/me')).status).toBe(200);
    now = new Date(signedInAt + (12 * 60 + 1) * 60_000);
    expect((await worker.request('/api/me')).status).toBe(401);
    figures.push('  timeouts: alive at 29.9 min idle and at 11 h 59 min in use; ended at 30.2 min idle and at 12 h 1 min in use');
  });

  describe('refuses every state-changing staff request from another origin, or without the CSRF token', () => {
    const ID = '00000000-0000-4000-8000-000000000000';
    const routes: [string, string, 'admin' | 'lead'][] = [
      ['POST', '/api/groups/manage', 'admin'],
      ['POST', `/api/groups/manage/${ID}/expire`, 'admin'],
      ['POST', `/api/committees/${ID}/meetings`, 'admin'],
      ['POST', `/api/meetings/${ID}/agenda-items`, 'admin'],
      ['PUT', `/api/agenda-items/${ID}/curation/${ID}`, 'lead'],
      ['POST', `/api/agenda-items/${ID}/discussed`, 'admin'],
      ['POST', `/api/agenda-items/${ID}/packs`, 'admin'],
      ['POST', '/api/surveys', 'admin'],
      ['POST', '/api/surveys/import', 'admin'],
      ['PUT', `/api/surveys/${ID}/draft`, 'admin'],
      ['POST', `/api/surveys/${ID}/publish`, 'admin'],
      ['PUT', `/api/staff/${ID}/roles`, 'admin'],
      ...['claim', 'release', 'redact', 'approve', 'reject', 'flag', 'escalate', 'no-concern', 'undo', 'drawing', 'false-positive', 'missed'].map(
        (action) => ['POST', `/api/moderation/submissions/${ID}/${action}`, 'lead'] as [string, string, 'lead'],
      ),
      ['PUT', `/api/moderation/submissions/${ID}/tags`, 'lead'],
      ['POST', '/api/moderation/bulk', 'lead'],
      ['POST', `/api/screening/reviews/${ID}/accept`, 'lead'],
      ['POST', `/api/screening/reviews/${ID}/reject`, 'admin'],
      ['POST', '/auth/logout', 'admin'],
    ];
    const variants = [
      { name: 'a foreign Origin', headers: (csrf: string) => ({ origin: 'https://evil.example', 'x-csrf-token': csrf }), code: 'cross_origin' },
      { name: 'Origin: null (sandboxed frame)', headers: (csrf: string) => ({ origin: 'null', 'x-csrf-token': csrf }), code: 'cross_origin' },
      { name: 'the http origin of our own host', headers: (csrf: string) => ({ origin: 'http://heard.example.org', 'x-csrf-token': csrf }), code: 'cross_origin' },
      { name: 'our Origin but no CSRF token', headers: () => ({ origin: HTTPS_URL }), code: 'csrf_token_invalid' },
      { name: 'no Origin and a wrong CSRF token', headers: () => ({ 'x-csrf-token': 'not-the-token' }), code: 'csrf_token_invalid' },
    ];

    it.each(routes)('%s %s', async (method, path, who) => {
      const staff = await signInAs(h.app, who, HTTPS_URL);
      const auditBefore = await countRows(h.database, 'audit_log');
      for (const variant of variants) {
        const response = await staff.request(path, { method, headers: { 'content-type': 'application/json', ...variant.headers(staff.csrf) }, body: '{}' });
        expect(response.status, `${variant.name}`).toBe(403);
        expect((await response.json()).code, variant.name).toBe(variant.code);
      }
      expect(await countRows(h.database, 'audit_log')).toBe(auditBefore);
      // The same session with our Origin and its token gets past the check (to validation or a 404 for the made-up id).
      const allowed = await staff.request(path, { method, headers: { 'content-type': 'application/json', origin: HTTPS_URL, 'x-csrf-token': staff.csrf }, body: '{}' });
      expect(allowed.status).not.toBe(403);
      if (path === routes.at(-1)![1]) figures.push(`  cross-origin: ${routes.length} state-changing staff routes × ${variants.length} forged variants all 403, none wrote an audit row`);
    });
  });
});

/**
 * A private copy of the built web apps (the global setup builds them into dist/web, which another test run in the
 * same checkout may be rebuilding at this moment); retried until both apps are complete.
 */
async function copyWebApps(): Promise<{ child: string; staff: string; remove(): Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'heard-web-'));
  const child = path.join(root, 'child');
  const staff = path.join(root, 'staff');
  const complete = (dir: string) => existsSync(path.join(dir, 'index.html')) && existsSync(path.join(dir, 'assets')) && readdirSync(path.join(dir, 'assets')).some((name) => name.endsWith('.js'));
  for (let attempt = 0; attempt < 40; attempt++) {
    await rm(child, { recursive: true, force: true });
    await rm(staff, { recursive: true, force: true });
    try {
      await cp(CHILD_APP_DIR, child, { recursive: true });
      await cp(STAFF_APP_DIR, staff, { recursive: true });
      if (complete(child) && complete(staff)) return { child, staff, remove: () => rm(root, { recursive: true, force: true }) };
    } catch {
      // Caught mid-rebuild: try again.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the built web apps in dist/web never became complete');
}

describe(`security headers on every kind of response over https on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let web: Awaited<ReturnType<typeof copyWebApps>>;
  beforeAll(async () => {
    provider = await startDevOidcProvider({ redirectUri: HTTPS_CALLBACK, postLogoutRedirectUri: `${HTTPS_URL}/staff/`, nodeEnv: 'test' });
    h = await createHarness({ config: staffConfig({ PUBLIC_URL: HTTPS_URL }), oidc: provider.settings });
    // As the Node server does: the children's app at /, the staff app at /staff.
    web = await copyWebApps();
    expect(serveWebApps(h.app, web.child, web.staff)).toBe(true);
  });
  afterAll(async () => {
    await h?.close();
    await provider?.stop();
    await web?.remove();
  });

  function expectSecurityHeaders(response: Response, label: string): void {
    const headers = response.headers;
    const csp = headers.get('content-security-policy') ?? '';
    expect(csp, label).toContain("default-src 'self'");
    expect(csp, label).toContain("script-src 'self'");
    expect(csp, label).toContain("frame-ancestors 'none'");
    expect(csp, label).toContain("object-src 'none'");
    expect(csp, label).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(headers.get('strict-transport-security'), label).toMatch(/^max-age=(\d+); includeSubDomains$/);
    expect(Number(/max-age=(\d+)/.exec(headers.get('strict-transport-security') ?? '')?.[1])).toBeGreaterThanOrEqual(31_536_000);
    expect(headers.get('x-content-type-options'), label).toBe('nosniff');
    expect(headers.get('x-frame-options'), label).toBe('DENY');
    expect(headers.get('referrer-policy'), label).toBe('no-referrer');
  }

  it('are on public, staff, static and error responses alike', async () => {
    const worker = await signInAs(h.app, 'worker', HTTPS_URL);
    const sent = await postJson(h.app, quote());
    expect(sent.status).toBe(201);
    const { receipt } = (await sent.json()) as { receipt: string };
    const staffAsset = readdirSync(path.join(web.staff, 'assets')).find((name) => name.endsWith('.js'))!;
    const childAsset = readdirSync(path.join(web.child, 'assets')).find((name) => name.endsWith('.js'))!;
    // Whatever the build puts at the top of the children's app (service worker, manifest…), except _headers (for the edge).
    const childFiles = readdirSync(web.child).filter((name) => name !== 'index.html' && !name.startsWith('_') && statSync(path.join(web.child, name)).isFile());
    expect(childFiles.length).toBeGreaterThan(0);
    const anonymous = (path: string, init?: RequestInit) => Promise.resolve(h.app.request(path, init));

    const cases: [string, string, () => Promise<Response>, number][] = [
      ['public', 'POST /api/submissions (quote)', async () => sent, 201],
      ['public', 'GET /api/receipts/{receipt}', () => anonymous(`/api/receipts/${receipt}`), 200],
      ['public', 'GET /api/openapi.json', () => anonymous('/api/openapi.json'), 200],
      ['public', 'GET /readyz', () => anonymous('/readyz'), 200],
      ['staff', 'GET /auth/login', () => anonymous('/auth/login'), 302],
      ['staff', 'GET /api/me (signed in)', () => worker.request('/api/me'), 200],
      ['staff', 'GET /api/moderation/queue', () => worker.request('/api/moderation/queue'), 200],
      ['staff', 'GET /api/taxonomy', () => worker.request('/api/taxonomy'), 200],
      ['staff', 'GET /api/pack.css', () => anonymous('/api/pack.css'), 200],
      ['static', 'GET / (children\'s app)', () => anonymous('/'), 200],
      ['static', 'GET /some/deep/link (app shell)', () => anonymous('/some/deep/link'), 200],
      ...childFiles.map((name): [string, string, () => Promise<Response>, number] => ['static', `GET /${name}`, () => anonymous(`/${name}`), 200]),
      ['static', `GET /assets/${childAsset}`, () => anonymous(`/assets/${childAsset}`), 200],
      ['static', 'GET /staff', () => anonymous('/staff'), 301],
      ['static', 'GET /staff/ (staff app)', () => anonymous('/staff/'), 200],
      ['static', `GET /staff/assets/${staffAsset}`, () => anonymous(`/staff/assets/${staffAsset}`), 200],
      ['error', 'GET /api/no/such/thing', () => anonymous('/api/no/such/thing'), 404],
      ['error', 'GET /staff/assets/missing.js', () => anonymous('/staff/assets/missing.js'), 404],
      ['error', 'GET /api/me (signed out)', () => anonymous('/api/me'), 401],
      ['error', 'GET /api/audit as a worker', () => worker.request('/api/audit'), 403],
      ['error', 'POST /api/submissions malformed JSON', () => postJson(h.app, '{"kind":'), 400],
      ['error', 'POST /api/submissions text/plain', () => anonymous('/api/submissions', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }), 415],
      ['error', 'POST /api/submissions invalid', () => postJson(h.app, { ...quote(), kind: 'video' }), 422],
      ['error', 'GET /api/receipts/{unknown}', () => anonymous('/api/receipts/ZZZZ-ZZZZ'), 404],
      ['error', 'GET /auth/callback (no login)', () => anonymous('/auth/callback?code=x&state=y'), 400],
      ['error', 'POST /api/moderation/bulk cross-origin', () => worker.request('/api/moderation/bulk', { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' }), 403],
      [
        'error',
        'POST /api/submissions 200 MB declared',
        () =>
          anonymous('/api/submissions', {
            method: 'POST',
            headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(200 * 1024 * 1024) },
            body: new ReadableStream({ start: (controller) => controller.close() }),
            duplex: 'half',
          } as RequestInit),
        413,
      ],
    ];
    const table: string[] = [];
    for (const [kind, label, send, status] of cases) {
      const response = await send();
      expect(response.status, label).toBe(status);
      expectSecurityHeaders(response, label);
      table.push(`    ${kind.padEnd(7)} ${String(response.status)} ${label.padEnd(58)} ${response.headers.get('content-type') ?? '-'}`);
    }
    figures.push(`  security headers (CSP with frame-ancestors 'none', HSTS, nosniff, X-Frame-Options, Referrer-Policy) on all ${cases.length} responses:`, ...table);
  });

  it('serves /api/media/{id} pictures as WebP with nosniff, no-store and no cookie', async () => {
    const body = drawing();
    expect((await postDrawing(h.app, body, await pngDrawing(320, 240))).status).toBe(201);
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    const media = await h.database.db.selectFrom('media_objects').select(['id', 'role']).where('submission_id', '=', body.id as string).orderBy('role').execute();
    expect(media.map((m) => m.role)).toEqual(['processed', 'thumbnail']);
    const worker = await signInAs(h.app, 'worker', HTTPS_URL);
    for (const { id, role } of media) {
      const response = await worker.request(`/api/media/${id}`);
      expect(response.status, role).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.headers.get('content-disposition')).toBe('inline');
      expect(response.headers.getSetCookie()).toEqual([]);
      expectSecurityHeaders(response, `/api/media (${role})`);
      expect(new TextDecoder().decode((await response.arrayBuffer()).slice(8, 12))).toBe('WEBP');
    }
    const anonymous = await h.app.request(`/api/media/${media[0]!.id}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.getSetCookie()).toEqual([]);
    figures.push(`  /api/media/{id}: ${media.length} pictures 200 image/webp, nosniff, private no-store, no Set-Cookie; 401 signed out`);
  });
});

describe(`cookies on plain-http loopback development on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
  });
  afterAll(async () => {
    await h?.close();
    await provider?.stop();
  });

  it('drops the __Host- prefix and Secure (a browser would refuse them over http), keeps Path=/ and sends no HSTS', async () => {
    expect(parseConfig({ PUBLIC_URL: TEST_PUBLIC_URL }).auth.secureCookies).toBe(false);
    const browser = staffBrowser(h.app);
    const callback = await loginAtProvider(browser, 'worker', `${TEST_PUBLIC_URL}/auth/callback`);
    const done = await browser.request(`/auth/callback${callback.search}`);
    const session = cookiesOf(done).find((cookie) => cookie.name === 'heard_session')!;
    expect([...session.attributes.keys()].sort()).toEqual(['httponly', 'max-age', 'path', 'samesite']);
    expect(session.attributes.get('path')).toBe('/');
    expect(done.headers.get('strict-transport-security')).toBeNull();
    expect((await signIn(h.app, 'lead', `${TEST_PUBLIC_URL}/auth/callback`)).jar.has('heard_session')).toBe(true);
  });
});
