// Participation workers run their groups; admins and leads read the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

describe(`groups and the audit trail on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  let lead: SignedIn;
  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
    lead = await signInAs(h.app, 'lead');
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  it('a worker creates a group; children join with its code and are counted; ending it closes the code', async () => {
    const created = await worker.json('/api/groups/manage', 'POST', { name: 'Care Leavers Forum' });
    expect(created.status).toBe(201);
    const group = await created.json();
    expect(group.joinCode).toMatch(/^[ACEFHJKMNPRTWXY34679]{10}$/);

    const join = await h.app.request('/api/groups/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: group.joinCode.toLowerCase() }) });
    expect(await join.json()).toMatchObject({ name: 'Care Leavers Forum' });
    expect((await postJson(h.app, quote({ groupCode: group.joinCode }))).status).toBe(201);

    const listed = await (await worker.request('/api/groups/manage')).json();
    expect(listed.groups.find((g: { id: string }) => g.id === group.id)).toMatchObject({ active: true, submissions: 1 });

    expect((await worker.json(`/api/groups/manage/${group.id}/expire`, 'POST')).status).toBe(200);
    const closed = await h.app.request('/api/groups/join', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: group.joinCode }) });
    expect(closed.status).toBe(404);
    expect((await worker.json('/api/groups/manage', 'POST', { name: 'x' })).status).toBe(422);
  });

  it('refuses to take the admin role from the last admin, so someone can always give roles', async () => {
    const admin = await signInAs(h.app, 'admin');
    // An admin whose role was given in the app (the identity provider gives none): the only admin there is.
    await h.database.db.deleteFrom('staff_roles').where('staff_user_id', '=', admin.id).where('role', '=', 'admin').execute();
    await h.database.db.insertInto('staff_roles').values({ staff_user_id: admin.id, role: 'admin', committee_id: null, source: 'app' }).execute();
    const refused = await admin.json(`/api/staff/${admin.id}/roles`, 'PUT', { roles: [] });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'last_admin', errors: [{ pointer: '/roles' }] });
    const roles = await h.database.db.selectFrom('staff_roles').select('role').where('staff_user_id', '=', admin.id).execute();
    expect(roles.map((r) => r.role)).toContain('admin');
    // With a second admin, the first may step down.
    const worker = await signInAs(h.app, 'worker');
    expect((await admin.json(`/api/staff/${worker.id}/roles`, 'PUT', { roles: [{ role: 'admin' }] })).status).toBe(200);
    expect((await admin.json(`/api/staff/${admin.id}/roles`, 'PUT', { roles: [] })).status).toBe(200);
    await h.database.db.insertInto('staff_roles').values({ staff_user_id: admin.id, role: 'admin', committee_id: null, source: 'identity_provider' }).execute();
    await h.database.db.deleteFrom('staff_roles').where('staff_user_id', '=', worker.id).where('role', '=', 'admin').execute();
  });

  it('an admin gives a committee member their committee in the app, and it takes effect at once', async () => {
    const admin = await signInAs(h.app, 'admin');
    const member = await signInAs(h.app, 'committee');
    const before = await (await member.request('/api/committees')).json();
    expect(before.committees).toEqual([]);
    const refused = await admin.json(`/api/staff/${member.id}/roles`, 'PUT', { roles: [{ role: 'committee_member' }] });
    expect(refused.status).toBe(422);
    const set = await admin.json(`/api/staff/${member.id}/roles`, 'PUT', { roles: [{ role: 'committee_member', committeeId: 1 }] });
    expect(set.status).toBe(200);
    const after = await (await member.request('/api/committees')).json();
    expect(after.committees.map((c: { id: number }) => c.id)).toEqual([1]);
    const listed = await (await admin.request('/api/staff')).json();
    expect(listed.staff.find((s: { id: string }) => s.id === member.id).roles).toEqual(
      expect.arrayContaining([{ role: 'committee_member', committeeId: 1, source: 'app' }, { role: 'committee_member', committeeId: null, source: 'identity_provider' }]),
    );
  });

  it('leads read the audit trail, newest first, and the reading is audited too', async () => {
    const page = await (await lead.request('/api/audit?action=group.created')).json();
    expect(page.entries[0]).toMatchObject({ action: 'group.created', subjectType: 'participation_group', actor: 'Wren Parker' });
    const reads = await (await lead.request('/api/audit?action=audit.read')).json();
    expect(reads.entries.length).toBeGreaterThanOrEqual(1);
    expect((await worker.request('/api/audit')).status).toBe(403);
  });
});
