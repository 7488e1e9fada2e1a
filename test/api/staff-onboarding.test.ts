// Staff onboarding against the real development OpenID provider: bootstrap admins by email, the email-domain
// allow-list (a kind page, audited, no session), and roles and committee seats given by email before a first sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admit } from '../../api/auth/admission.ts';
import { ConfigError, parseConfig } from '../../api/config.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { loginAtProvider, staffBrowser } from '../helpers/oidc-login.ts';
import { signInAs, staffConfig, startTestProvider, TEST_PUBLIC_URL, type SignedIn } from '../helpers/staff.ts';

// Accounts as a provider without roles in its tokens (Google) would describe them.
const EXTRA = [
  { login: 'owner', name: 'Olu Owner', email: 'Owner@Heard.test', roles: [] },
  { login: 'outsider', name: 'Otto Side', email: 'someone@elsewhere.example', roles: [] },
  { login: 'newcomer', name: 'Nia Newcomer', email: 'newcomer@heard.test', roles: [] },
  { login: 'plain', name: 'Pat Plain', email: 'plain@heard.test', roles: [] },
] as const;

describe(`staff onboarding on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let admin: SignedIn;
  let committeeId: number;
  beforeAll(async () => {
    provider = await startTestProvider(EXTRA.map((account) => ({ ...account, roles: [] })));
    h = await createHarness({ config: staffConfig({ HEARD_BOOTSTRAP_ADMINS: 'owner@heard.test', OIDC_ALLOWED_DOMAINS: 'heard.test' }), oidc: provider.settings });
    admin = await signInAs(h.app, 'admin');
    const created = await admin.json('/api/committees', 'POST', { slug: 'onboarding-panel', title: 'Onboarding panel' });
    expect(created.status).toBe(201);
    committeeId = (await created.json()).id;
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  it('makes a bootstrap admin (email in any case) an admin at sign-in, with no roles in the token', async () => {
    const owner = await signInAs(h.app, 'owner');
    const me = await (await owner.request('/api/me')).json();
    expect(me.roles).toEqual(['admin']);
    expect((await owner.request('/api/staff')).status).toBe(200);
    const audit = await h.database.db.selectFrom('audit_log').select('details').where('action', '=', 'staff.signed_in').where('actor_id', '=', me.id).executeTakeFirstOrThrow();
    expect(JSON.parse(JSON.stringify(audit.details))).toMatchObject({ bootstrapAdmin: true });
  });

  it('gives an account outside the allowed domains no session: a kind HTML page, 403, and an audit row with the domain only', async () => {
    const browser = staffBrowser(h.app);
    const callback = await loginAtProvider(browser, 'outsider', `${TEST_PUBLIC_URL}/auth/callback`);
    const response = await browser.request(`/auth/callback${callback.search}`);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page).toContain('<h1>This account cannot sign in to Heard</h1>');
    expect(page).toContain('href="/staff/"');
    expect(browser.jar.has('heard_session')).toBe(false);
    expect((await browser.request('/api/me')).status).toBe(401);
    expect(await h.database.db.selectFrom('staff_users').select('id').where('email', '=', 'someone@elsewhere.example').execute()).toEqual([]);
    const refused = await h.database.db.selectFrom('audit_log').select(['details', 'actor_id']).where('action', '=', 'staff.sign_in_refused').execute();
    expect(refused).toHaveLength(1);
    expect(refused[0]!.actor_id).toBeNull();
    expect(JSON.parse(JSON.stringify(refused[0]!.details))).toMatchObject({ reason: 'email_domain', emailDomain: 'elsewhere.example' });
    expect(JSON.stringify(refused)).not.toContain('someone@');
  });

  it('applies roles and a committee seat given by email at the first sign-in, then forgets the invitation', async () => {
    const invited = await admin.json('/api/staff/invitations', 'POST', {
      email: 'Newcomer@Heard.TEST',
      roles: [{ role: 'committee_member', committeeId }, { role: 'participation_worker' }],
    });
    expect(invited.status).toBe(201);
    const { invitations } = await invited.json();
    expect(invitations.map((i: { email: string; role: string; committeeId: number | null }) => [i.email, i.role, i.committeeId]).sort()).toEqual([
      ['newcomer@heard.test', 'committee_member', committeeId],
      ['newcomer@heard.test', 'participation_worker', null],
    ]);
    const listed = await (await admin.request('/api/staff/invitations')).json();
    expect(listed.invitations).toHaveLength(2);

    const newcomer = await signInAs(h.app, 'newcomer');
    const me = await (await newcomer.request('/api/me')).json();
    expect(me.roles).toEqual(['committee_member', 'participation_worker']);
    const seats = await h.database.db.selectFrom('staff_roles').select(['role', 'committee_id', 'source']).where('staff_user_id', '=', me.id).orderBy('role').execute();
    expect(seats).toEqual([
      { role: 'committee_member', committee_id: committeeId, source: 'app' },
      { role: 'participation_worker', committee_id: null, source: 'app' },
    ]);
    expect(await h.database.db.selectFrom('staff_invitations').select('id').execute()).toEqual([]);
    const committees = await (await newcomer.request('/api/committees')).json();
    expect(JSON.stringify(committees)).toContain('Onboarding panel');
  });

  it.each([
    ['an email outside the allowed domains', { email: 'x@elsewhere.example', roles: [{ role: 'admin' }] }, 422, 'validation_failed'],
    ['a committee seat without a committee', { email: 'y@heard.test', roles: [{ role: 'committee_member' }] }, 422, 'validation_failed'],
    ['a committee that does not exist', { email: 'y@heard.test', roles: [{ role: 'committee_member', committeeId: 99_999 }] }, 422, 'validation_failed'],
    ['an admin role with a committee', { email: 'y@heard.test', roles: [{ role: 'admin', committeeId: 1 }] }, 422, 'validation_failed'],
    ['no roles at all', { email: 'y@heard.test', roles: [] }, 422, 'validation_failed'],
    ['someone who has already signed in', { email: 'WORKER@heard.test', roles: [{ role: 'admin' }] }, 409, 'staff_exists'],
  ])('refuses to invite %s', async (_name, body, status, code) => {
    await signInAs(h.app, 'worker');
    const response = await admin.json('/api/staff/invitations', 'POST', body);
    expect(response.status).toBe(status);
    expect((await response.json()).code).toBe(code);
    expect(await h.database.db.selectFrom('staff_invitations').select('id').where('email', '=', body.email.toLowerCase()).execute()).toEqual([]);
  });

  it('withdraws an invitation: the person then signs in with no role', async () => {
    const invited = await (await admin.json('/api/staff/invitations', 'POST', { email: 'plain@heard.test', roles: [{ role: 'safeguarding_lead' }] })).json();
    const id = invited.invitations[0].id;
    expect((await admin.json(`/api/staff/invitations/${id}`, 'DELETE')).status).toBe(204);
    expect((await admin.json(`/api/staff/invitations/${id}`, 'DELETE')).status).toBe(404);
    await signInAs(h.app, 'plain');
    const user = await h.database.db.selectFrom('staff_users').select('id').where('email', '=', 'plain@heard.test').executeTakeFirstOrThrow();
    expect(await h.database.db.selectFrom('staff_roles').select('role').where('staff_user_id', '=', user.id).execute()).toEqual([]);
    const actions = await h.database.db.selectFrom('audit_log').select('action').where('action', 'in', ['staff.invited', 'staff.invitation_withdrawn']).execute();
    expect(actions.map((a) => a.action)).toContain('staff.invitation_withdrawn');
  });
});

describe('who is admitted', () => {
  const rules = { allowedDomains: ['heard.test'], allowedTenants: ['tenant-a'], tenantClaim: 'tid' };
  it.each([
    ['an allowed domain and tenant', { email: 'A@heard.test', tid: 'tenant-a' }, { admitted: true, trustedEmail: 'a@heard.test' }],
    ['another tenant', { email: 'a@heard.test', tid: 'tenant-b' }, { admitted: false, reason: 'tenant' }],
    ['no tenant claim', { email: 'a@heard.test' }, { admitted: false, reason: 'tenant' }],
    ['an unverified email at an allowed domain', { email: 'a@heard.test', email_verified: false, tid: 'tenant-a' }, { admitted: false, reason: 'email_unverified' }],
    ['a look-alike domain', { email: 'a@heard.test.evil.example', tid: 'tenant-a' }, { admitted: false, reason: 'email_domain' }],
    ['no email', { tid: 'tenant-a' }, { admitted: false, reason: 'email_domain' }],
  ])('%s', (_name, claims, expected) => {
    expect(admit(claims, rules)).toMatchObject(expected);
  });

  it('admits anyone with no allow-lists, but trusts no unverified email for invitations', () => {
    const open = { allowedDomains: [], allowedTenants: [], tenantClaim: 'tid' };
    expect(admit({ email: 'a@anywhere.example', email_verified: false }, open)).toEqual({ admitted: true, trustedEmail: null });
  });
});

describe('onboarding configuration', () => {
  it.each([
    [{ OIDC_ALLOWED_DOMAINS: 'heard.test, not a domain' }, 'OIDC_ALLOWED_DOMAINS'],
    [{ HEARD_BOOTSTRAP_ADMINS: 'owner@heard.test,nobody' }, 'HEARD_BOOTSTRAP_ADMINS'],
    [{ OIDC_ALLOWED_DOMAINS: 'heard.test', HEARD_BOOTSTRAP_ADMINS: 'boss@elsewhere.example' }, 'HEARD_BOOTSTRAP_ADMINS'],
  ])('refuses %o naming %s', (env, variable) => {
    try {
      parseConfig({ NODE_ENV: 'test', ...env });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => p.variable)).toContain(variable);
    }
  });

  it('lower-cases emails and domains and keeps tenant ids as given', () => {
    const { auth } = parseConfig({ NODE_ENV: 'test', OIDC_ALLOWED_DOMAINS: 'Heard.Test', HEARD_BOOTSTRAP_ADMINS: ' Owner@Heard.test ', OIDC_ALLOWED_TENANTS: 'Tenant-A' });
    expect(auth).toMatchObject({ allowedDomains: ['heard.test'], bootstrapAdmins: ['owner@heard.test'], allowedTenants: ['Tenant-A'], tenantClaim: 'tid' });
  });
});
