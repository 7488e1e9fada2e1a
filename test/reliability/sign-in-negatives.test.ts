// Release check 8, sign-in negatives, against real OpenID providers and through the real openid-client code path
// (api/auth/oidc-client.ts). Every refusal must issue no session cookie and create no session, and the app's log
// lines must never contain an authorization code, a token, a state or a PKCE verifier.
// Already in test/api/auth.test.ts and not repeated: a tampered state, a callback in another browser (no login
// cookie), a replayed callback (login attempt already used), a wrong nonce (changed in the database), a response
// from another issuer (RFC 9207 iss) and that issuer's code, timeouts, logout, open redirects.
import { createHash, createHmac, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OidcSettings } from '../../api/auth/oidc-client.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { loginAtProvider, staffBrowser, type StaffBrowser } from '../helpers/oidc-login.ts';
import { staffConfig, startTestProvider, TEST_PUBLIC_URL } from '../helpers/staff.ts';

const CALLBACK = `${TEST_PUBLIC_URL}/auth/callback`;

/** Fails unless the response issued no session cookie (any name carrying "session" with a value). */
function expectNoSessionCookie(response: Response): void {
  const issued = response.headers.getSetCookie().filter((cookie) => /^(__Host-)?heard_session=[^;]+/.test(cookie));
  expect(issued).toEqual([]);
}

async function sessionCount(h: Harness): Promise<number> {
  const row = await h.database.db.selectFrom('staff_sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Fails if any of `secrets` appears anywhere in the app's log entries. */
function expectLogsFreeOf(h: Harness, secrets: (string | undefined)[]): void {
  const logs = JSON.stringify(h.logs);
  for (const secret of secrets) {
    if (!secret) continue;
    expect(logs.includes(secret), `a log entry contains the secret value ${secret.slice(0, 12)}…`).toBe(false);
    expect(logs.includes(encodeURIComponent(secret)), `a log entry contains the encoded secret value ${secret.slice(0, 12)}…`).toBe(false);
  }
}

const refusals: string[] = [];
afterAll(() => {
  console.log([`sign-in negatives (${engineName}): every case refused, no session cookie, no secrets in logs`, ...refusals].join('\n'));
});

/** The message the app logged for the most recent refused sign-in, if any. */
function lastRefusal(h: Harness): string {
  const entry = [...h.logs].reverse().find((log) => log.msg === 'sign-in refused');
  return entry ? `${String(entry.errorName)}: ${String(entry.errorMessage)}` : '(no provider call)';
}

describe(`sign-in negatives at the development provider (oidc-provider) on ${engineName}`, () => {
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

  async function attemptOf(state: string) {
    return h.database.db.selectFrom('login_attempts').selectAll().where('state', '=', state).executeTakeFirst();
  }

  async function expectRefused(name: string, response: Response, status: number, code: string, secrets: (string | undefined)[], sessionsBefore: number) {
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await response.json()).code).toBe(code);
    expectNoSessionCookie(response);
    expect(await sessionCount(h)).toBe(sessionsBefore);
    expectLogsFreeOf(h, secrets);
    refusals.push(`  dev provider  ${name.padEnd(58)} ${status} ${code.padEnd(21)} ${status === 401 ? lastRefusal(h) : ''}`);
  }

  it('refuses a callback with no state at all', async () => {
    const browser = staffBrowser(h.app);
    const callback = await loginAtProvider(browser, 'worker', CALLBACK);
    const before = await sessionCount(h);
    const code = callback.searchParams.get('code')!;
    callback.searchParams.delete('state');
    const response = await browser.request(`/auth/callback${callback.search}`);
    await expectRefused('no state parameter', response, 400, 'login_state_mismatch', [code], before);
  });

  it('refuses a forged state that matches a forged login cookie (no such login attempt)', async () => {
    const callback = await loginAtProvider(staffBrowser(h.app), 'worker', CALLBACK);
    const before = await sessionCount(h);
    const forged = randomBytes(32).toString('base64url');
    callback.searchParams.set('state', forged);
    const response = await h.app.request(`/auth/callback${callback.search}`, { headers: { cookie: `heard_login=${forged}` } });
    await expectRefused('state and login cookie both forged', response, 400, 'login_expired', [callback.searchParams.get('code')!, forged], before);
  });

  it('refuses a callback whose login attempt (and so its PKCE verifier) is gone', async () => {
    const browser = staffBrowser(h.app);
    const callback = await loginAtProvider(browser, 'worker', CALLBACK);
    const state = callback.searchParams.get('state')!;
    const attempt = await attemptOf(state);
    expect(attempt?.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    await h.database.db.deleteFrom('login_attempts').where('state', '=', state).execute();
    const before = await sessionCount(h);
    const response = await browser.request(`/auth/callback${callback.search}`);
    await expectRefused('login attempt row deleted (no PKCE verifier)', response, 400, 'login_expired', [callback.searchParams.get('code')!, state, attempt!.code_verifier], before);
  });

  it('refuses a callback when the PKCE verifier is not the one the challenge was made from', async () => {
    const browser = staffBrowser(h.app);
    const callback = await loginAtProvider(browser, 'worker', CALLBACK);
    const state = callback.searchParams.get('state')!;
    const wrong = randomBytes(32).toString('base64url');
    const attempt = await attemptOf(state);
    await h.database.db.updateTable('login_attempts').set({ code_verifier: wrong }).where('state', '=', state).execute();
    const before = await sessionCount(h);
    const response = await browser.request(`/auth/callback${callback.search}`);
    await expectRefused('PKCE verifier replaced', response, 401, 'login_failed', [callback.searchParams.get('code')!, state, wrong, attempt!.code_verifier], before);
  });

  it('refuses an authorization code used a second time, even with a fresh login attempt carrying its verifier and nonce', async () => {
    const first = staffBrowser(h.app);
    const callback = await loginAtProvider(first, 'worker', CALLBACK);
    const firstAttempt = (await attemptOf(callback.searchParams.get('state')!))!;
    const done = await first.request(`/auth/callback${callback.search}`);
    expect(done.status).toBe(303);
    const code = callback.searchParams.get('code')!;

    // A second login attempt in another browser, rewired so that only the code's reuse is wrong.
    const second = staffBrowser(h.app);
    const start = await second.request('/auth/login');
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    await h.database.db.updateTable('login_attempts').set({ code_verifier: firstAttempt.code_verifier, nonce: firstAttempt.nonce }).where('state', '=', state).execute();
    const before = await sessionCount(h);
    const replay = new URLSearchParams({ code, state, iss: provider.issuer });
    const response = await second.request(`/auth/callback?${replay}`);
    await expectRefused('authorization code reused', response, 401, 'login_failed', [code, state, callback.searchParams.get('state')!, firstAttempt.code_verifier], before);
  });

  it('refuses an error response from the provider (the person declined)', async () => {
    const browser = staffBrowser(h.app);
    const start = await browser.request('/auth/login');
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const before = await sessionCount(h);
    const response = await browser.request(`/auth/callback?${new URLSearchParams({ error: 'access_denied', error_description: 'declined', state, iss: provider.issuer })}`);
    await expectRefused('provider answered error=access_denied', response, 401, 'login_failed', [state], before);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A tiny OpenID provider of our own, for what a well-behaved provider will never send: it serves discovery, a JWKS
// and a token endpoint (which checks the client's secret and PKCE like a real one), and answers each code with
// whatever ID token the test forges. The authorization step is skipped: the test reads state, nonce and the PKCE
// challenge from the app's own redirect, exactly as a provider would receive them.

const b64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

type Claims = Record<string, unknown>;
type Forge = (claims: Claims, keys: ForgingKeys) => string;
type ForgingKeys = { published: KeyObject; publishedKid: string; clientSecret: string };

function jwt(header: Record<string, unknown>, claims: Claims, signer: (input: string) => Buffer | string): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const signature = signer(input);
  return `${input}.${typeof signature === 'string' ? signature : b64url(signature)}`;
}

const rs256 = (key: KeyObject) => (input: string) => sign('sha256', Buffer.from(input), key);

type ForgedProvider = {
  settings: OidcSettings;
  issuer: string;
  keys: ForgingKeys;
  /** Registers a code the token endpoint will redeem once, with an ID token made by `forge`. */
  expect(code: string, challenge: string, nonce: string, forge: Forge): void;
  tokenRequests: { pkceOk: boolean; clientOk: boolean; idToken: string; accessToken: string }[];
  stop(): Promise<void>;
};

async function startForgedProvider(): Promise<ForgedProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'heard-forged';
  const clientSecret = randomBytes(24).toString('base64url');
  const published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keys: ForgingKeys = { published: published.privateKey, publishedKid: 'k1', clientSecret };
  const codes = new Map<string, { challenge: string; nonce: string; forge: Forge }>();
  const tokenRequests: ForgedProvider['tokenRequests'] = [];

  server.on('request', (request, response) => {
    const url = new URL(request.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      });
    }
    if (request.method === 'GET' && url.pathname === '/jwks') {
      return json(200, { keys: [{ ...published.publicKey.export({ format: 'jwk' }), kid: keys.publishedKid, use: 'sig', alg: 'RS256' }] });
    }
    if (request.method === 'POST' && url.pathname === '/token') {
      let raw = '';
      request.setEncoding('utf8');
      request.on('data', (part: string) => (raw += part));
      request.on('end', () => {
        const form = new URLSearchParams(raw);
        const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        const [basicId, basicSecret] = basic ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent) : [];
        const clientOk = (form.get('client_id') === clientId && form.get('client_secret') === clientSecret) || (basicId === clientId && basicSecret === clientSecret);
        const entry = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        if (!entry || form.get('grant_type') !== 'authorization_code') return json(400, { error: 'invalid_grant' });
        const pkceOk = b64url(createHash('sha256').update(form.get('code_verifier') ?? '').digest()) === entry.challenge;
        if (!clientOk) return json(401, { error: 'invalid_client' });
        if (!pkceOk) return json(400, { error: 'invalid_grant' });
        const now = Math.floor(Date.now() / 1000);
        const claims: Claims = { iss: issuer, sub: 'forged-user', aud: clientId, iat: now, exp: now + 300, nonce: entry.nonce, name: 'Forged Person', email: 'forged@heard.test', roles: ['admin'] };
        const idToken = entry.forge(claims, keys);
        const accessToken = randomBytes(24).toString('base64url');
        tokenRequests.push({ pkceOk, clientOk, idToken, accessToken });
        return json(200, { access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken });
      });
      return;
    }
    json(404, { error: 'not_found' });
  });

  return {
    issuer,
    keys,
    settings: { issuer, clientId, clientSecret, allowHttp: true },
    expect: (code, challenge, nonce, forge) => codes.set(code, { challenge, nonce, forge }),
    tokenRequests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const signedWith = (changes: (claims: Claims) => Claims): Forge => (claims, keys) => jwt({ alg: 'RS256', typ: 'JWT', kid: keys.publishedKid }, changes(claims), rs256(keys.published));

const forgeries: [string, Forge][] = [
  ['wrong issuer (iss of another provider)', signedWith((c) => ({ ...c, iss: 'https://login.evil.example' }))],
  ['wrong audience (aud of another client)', signedWith((c) => ({ ...c, aud: 'someone-else' }))],
  ['audience list without us', signedWith((c) => ({ ...c, aud: ['someone-else', 'another'] }))],
  ['expired ID token (exp an hour ago)', signedWith((c) => ({ ...c, iat: Number(c.iat) - 7200, exp: Number(c.iat) - 3600 }))],
  ['ID token with no nonce', signedWith(({ nonce: _nonce, ...c }) => c)],
  ['ID token with no exp', signedWith(({ exp: _exp, ...c }) => c)],
  ['alg: none, no signature', (claims) => jwt({ alg: 'none', typ: 'JWT' }, claims, () => '')],
  ['alg: none, with the published kid', (claims, keys) => jwt({ alg: 'none', kid: keys.publishedKid }, claims, () => '')],
  ['HS256 with the client secret (algorithm confusion)', (claims, keys) => jwt({ alg: 'HS256', typ: 'JWT' }, claims, (input) => createHmac('sha256', keys.clientSecret).update(input).digest())],
  // A key the provider never published, under our own kid and under the published one.
  ['RS256 signed by an unknown key', (claims) => jwt({ alg: 'RS256', typ: 'JWT', kid: 'unknown-key' }, claims, rs256(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey))],
  ['RS256 with the published kid, signed by an unknown key', (claims, keys) => jwt({ alg: 'RS256', typ: 'JWT', kid: keys.publishedKid }, claims, rs256(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey))],
];

describe(`sign-in negatives with forged token responses from a provider of our own on ${engineName}`, () => {
  let provider: ForgedProvider;
  let h: Harness;
  beforeAll(async () => {
    provider = await startForgedProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
  });
  afterAll(async () => {
    await h?.close();
    await provider?.stop();
  });

  /** Starts a login at the app, has the provider answer the code with `forge`'s ID token, and visits the callback. */
  async function signInWith(forge: Forge): Promise<{ response: Response; browser: StaffBrowser; secrets: string[] }> {
    const browser = staffBrowser(h.app);
    const start = await browser.request('/auth/login');
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin + authorize.pathname).toBe(`${provider.issuer}/authorize`);
    const state = authorize.searchParams.get('state')!;
    const nonce = authorize.searchParams.get('nonce')!;
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    const code = randomBytes(24).toString('base64url');
    provider.expect(code, authorize.searchParams.get('code_challenge')!, nonce, forge);
    const requests = provider.tokenRequests.length;
    const response = await browser.request(`/auth/callback?${new URLSearchParams({ code, state })}`);
    // The app really did redeem the code, with its client secret and the right PKCE verifier.
    expect(provider.tokenRequests.length).toBe(requests + 1);
    const sent = provider.tokenRequests.at(-1)!;
    expect([sent.clientOk, sent.pkceOk]).toEqual([true, true]);
    return { response, browser, secrets: [code, state, nonce, sent.idToken, sent.accessToken, ...sent.idToken.split('.').filter((part) => part.length > 8)] };
  }

  it('accepts a correctly signed ID token (the provider is sound, so each refusal below is for its one fault)', async () => {
    const { response, browser, secrets } = await signInWith(signedWith((c) => c));
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie().some((cookie) => cookie.startsWith('heard_session='))).toBe(true);
    expect((await browser.request('/api/me')).status).toBe(200);
    expectLogsFreeOf(h, secrets);
    refusals.push(`  own provider  ${'control: a valid RS256 ID token'.padEnd(58)} ${response.status} (signed in)`);
  });

  it.each(forgeries)('refuses %s', async (name, forge) => {
    const before = await sessionCount(h);
    const { response, browser, secrets } = await signInWith(forge);
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect((await response.json()).code).toBe('login_failed');
    expectNoSessionCookie(response);
    expect(await sessionCount(h)).toBe(before);
    expect((await browser.request('/api/me')).status).toBe(401);
    expectLogsFreeOf(h, secrets);
    refusals.push(`  own provider  ${name.padEnd(58)} 401 login_failed          ${lastRefusal(h)}`);
  });
});
