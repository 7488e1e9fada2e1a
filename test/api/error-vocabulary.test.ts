// One error vocabulary: every documented route's error answers (no session, wrong role, wrong content type, body
// that is not JSON, JSON of the wrong shape) are problem+json with a `code` from api/error-codes.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorCode } from '../../api/error-codes.ts';
import { DEMO_ACCOUNTS } from '../../api/node/demo-accounts.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { operationsOf, readDocument, type Operation } from '../helpers/openapi-walk.ts';
import { signInAs, staffConfig, startTestProvider, TEST_PUBLIC_URL, type SignedIn } from '../helpers/staff.ts';

type Probe = { name: string; applies(operation: Operation): boolean; send(operation: Operation): Promise<Response>; status: number; code: string };

describe('one error-code vocabulary across routes', () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let operations: Operation[];
  const browsers = new Map<string, SignedIn>();
  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    operations = operationsOf(await readDocument(h.app));
    for (const account of DEMO_ACCOUNTS) browsers.set(account.login, await signInAs(h.app, account.login));
  });
  afterAll(async () => {
    await h?.close();
    await provider?.stop();
  });

  const admits = (operation: Operation, roles: readonly string[]) => operation.roles!.length === 0 || roles.some((role) => operation.roles!.includes(role));
  /** A signed-in browser the route admits (staff routes), or none (public routes). */
  const allowed = (operation: Operation) =>
    operation.roles === undefined ? undefined : browsers.get(DEMO_ACCOUNTS.find((account) => admits(operation, account.roles))!.login);
  const outsider = (operation: Operation) => DEMO_ACCOUNTS.find((account) => !admits(operation, account.roles));
  const send = async (operation: Operation, browser: SignedIn | undefined, headers: Record<string, string>, body?: string): Promise<Response> => {
    const init = {
      method: operation.method,
      headers: { origin: TEST_PUBLIC_URL, ...(browser ? { 'x-csrf-token': browser.csrf } : {}), ...headers },
      ...(body === undefined ? {} : { body }),
    };
    return browser ? browser.request(operation.url, init) : h.app.request(operation.url, init);
  };

  const probes: Probe[] = [
    { name: 'no session', applies: (o) => o.roles !== undefined, send: (o) => send(o, undefined, {}), status: 401, code: 'not_signed_in' },
    {
      name: 'a role the route does not admit',
      applies: (o) => o.roles !== undefined && outsider(o) !== undefined,
      send: (o) => send(o, browsers.get(outsider(o)!.login), { 'content-type': 'application/json' }, o.method === 'GET' ? undefined : '{}'),
      status: 403,
      code: 'forbidden',
    },
    { name: 'a text/plain body', applies: (o) => o.jsonBody, send: (o) => send(o, allowed(o), { 'content-type': 'text/plain' }, 'hello'), status: 415, code: 'unsupported_media_type' },
    { name: 'a body that is not JSON', applies: (o) => o.jsonBody, send: (o) => send(o, allowed(o), { 'content-type': 'application/json' }, '{"unfinished": '), status: 400, code: 'malformed_json' },
    { name: 'JSON of the wrong shape', applies: (o) => o.jsonBody, send: (o) => send(o, allowed(o), { 'content-type': 'application/json' }, '[1, 2, 3]'), status: 422, code: 'validation_failed' },
  ];

  it.each(probes.map((probe) => [probe.name, probe] as const))('%s: the same status and code on every route it applies to', async (_, probe) => {
    const answers: string[] = [];
    const expected: string[] = [];
    let tried = 0;
    for (const operation of operations.filter((o) => probe.applies(o))) {
      tried++;
      const response = await probe.send(operation);
      const type = response.headers.get('content-type');
      const body = type === 'application/problem+json' ? ((await response.json()) as { code?: unknown; status?: unknown }) : {};
      const label = `${operation.method} ${operation.path}`;
      answers.push(`${label}: ${response.status} ${type} ${String(body.code)}${isErrorCode(body.code) ? '' : ' (not in the vocabulary)'}${body.status === response.status ? '' : ' (status member differs)'}`);
      expected.push(`${label}: ${probe.status} application/problem+json ${probe.code}`);
    }
    expect(tried).toBeGreaterThan(probe.code === 'not_signed_in' ? 40 : 5);
    expect(answers).toEqual(expected);
  });
});
