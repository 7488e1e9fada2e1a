// /api/openapi.json documents the whole app: every registered route (children's, staff, sign-in, health), each staff
// route with the roles that really admit it, and problem+json errors; and the document passes a standard validator.
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { DEMO_ACCOUNTS } from '../../api/node/demo-accounts.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { operationsOf, readDocument, type OpenApiDocument, type Operation } from '../helpers/openapi-walk.ts';
import { signInAs, staffConfig, startTestProvider, TEST_PUBLIC_URL, type SignedIn } from '../helpers/staff.ts';

describe('the OpenAPI document', () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let document: OpenApiDocument;
  let operations: Operation[];
  const browsers = new Map<string, SignedIn>();
  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    document = await readDocument(h.app);
    operations = operationsOf(document);
    for (const account of DEMO_ACCOUNTS) browsers.set(account.login, await signInAs(h.app, account.login));
  });
  afterAll(async () => {
    await h?.close();
    await provider?.stop();
  });

  it('is valid OpenAPI 3.1 by a standard validator', async () => {
    expect(document.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('holds every method route the app registers, read from the app itself', () => {
    const registered = h.app.routes
      .filter((route) => route.method !== 'ALL' && !route.path.includes('*'))
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)(\{[^}]*\})?\??/g, '{$1}')}`);
    const documented = operations.map((operation) => `${operation.method} ${operation.path}`);
    expect(registered.length).toBeGreaterThan(60);
    expect([...new Set(registered)].sort()).toEqual([...documented].sort());
  });

  it('marks staff routes with the staff session and their roles, and answers problem+json for every error', () => {
    const staff = operations.filter((operation) => operation.roles !== undefined);
    expect(staff.map((operation) => operation.path)).toContain('/api/moderation/queue');
    expect(staff.find((operation) => operation.path === '/api/moderation/submissions/{id}/escalate')?.roles).toEqual(['safeguarding_lead']);
    for (const operation of staff) expect(Object.keys(operation.responses), operation.path).toEqual(expect.arrayContaining(['401', '403']));
    for (const operation of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status !== 'default' && Number(status) < 400) continue;
        expect(Object.keys((response as { content?: object }).content ?? {}), `${operation.method} ${operation.path} ${status}`).toEqual(['application/problem+json']);
      }
    }
  });

  it('documents the roles each staff route really admits (every demo role tried on every staff route)', async () => {
    const mismatches: string[] = [];
    for (const operation of operations.filter((o) => o.roles !== undefined)) {
      for (const account of DEMO_ACCOUNTS) {
        const documented = operation.roles!.length === 0 || account.roles.some((role) => operation.roles!.includes(role));
        const browser = browsers.get(account.login)!;
        const response = await browser.request(operation.url, {
          method: operation.method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': browser.csrf, origin: TEST_PUBLIC_URL },
          body: operation.method === 'GET' ? undefined : '{}',
        });
        const refused = response.status === 403 && (await response.clone().json()).code === 'forbidden';
        if (documented === refused) mismatches.push(`${operation.method} ${operation.path} as ${account.login}: documented ${documented ? 'allowed' : 'refused'}, answered ${response.status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});
