import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../api/config.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';

describe('security headers', () => {
  let h: Harness;
  let https: Harness;
  beforeAll(async () => {
    h = await createHarness();
    https = await createHarness({ config: { publicUrl: parseConfig({ PUBLIC_URL: 'https://heard.example.org' }).publicUrl } });
  });
  afterAll(async () => {
    await h.close();
    await https.close();
  });

  it.each(['/healthz', '/api/openapi.json', '/no/such/page'])('are on every response (%s)', async (path) => {
    const response = await h.app.request(path);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('permissions-policy')).toContain('geolocation=()');
    expect(response.headers.get('strict-transport-security')).toBeNull();
  });

  it('add HSTS when served over https', async () => {
    expect((await https.app.request('/healthz')).headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
  });

  it('keep API answers out of every cache (receipts, sign-in state, errors), unless a route says otherwise', async () => {
    const sent = await postJson(h.app, quote());
    expect(sent.headers.get('cache-control')).toBe('no-store');
    const { receipt } = await sent.json();
    for (const path of [`/api/receipts/${receipt}`, '/api/me', '/api/audit', '/api/no-such-thing', '/auth/login']) {
      expect((await h.app.request(path)).headers.get('cache-control'), path).toMatch(/no-store/);
    }
    expect((await h.app.request('/api/pack.css')).headers.get('cache-control')).toBe('public, max-age=3600');
  });
});
