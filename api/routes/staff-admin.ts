/**
 * Admins see staff accounts and assign roles in the app (alongside roles that come from the identity provider), and
 * give roles and committee seats by email to people who have not signed in yet (taken up at their first sign-in).
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../db/audit.ts';
import { addInvitations, deleteInvitation, listInvitations, staffUserWithEmail, unknownCommittees, type InvitationRow } from '../db/staff-invitations.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError, ProblemError, ValidationError } from '../errors.ts';
import { csrfProtection, requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';

const ROLES = ['participation_worker', 'safeguarding_lead', 'committee_member', 'admin'] as const;
const roleList = z.array(z.object({ role: z.enum(ROLES), committeeId: z.int().positive().optional() }).strict()).max(20);
const rolesBody = z.object({ roles: roleList }).strict();
const invitationBody = z.object({ email: z.email().max(254).transform((email) => email.toLowerCase()), roles: roleList.min(1) }).strict();

/** A committee member belongs to a committee; a committee belongs only to a committee member's role. */
function checkSeats(roles: z.infer<typeof roleList>): void {
  const errors = roles.flatMap((entry, index) =>
    entry.role === 'committee_member' && !entry.committeeId
      ? [{ pointer: `/roles/${index}/committeeId`, detail: 'A committee member belongs to a committee.' }]
      : entry.role !== 'committee_member' && entry.committeeId
        ? [{ pointer: `/roles/${index}/committeeId`, detail: 'Only a committee member has a committee.' }]
        : [],
  );
  if (errors.length) throw new ValidationError(errors);
}

function invitationShape(row: InvitationRow) {
  return { id: row.id, email: row.email, role: row.role, committeeId: row.committee_id, invitedAt: new Date(row.created_at).toISOString() };
}

export function staffAdminRoutes(deps: AppDeps) {
  const admins = requireStaff('admin');
  return new Hono<AppEnv>()
    .use('/api/staff/*', csrfProtection(deps))
    .get('/api/staff', admins, async (c) => {
      const users = await deps.db.selectFrom('staff_users').select(['id', 'display_name', 'email', 'disabled', 'last_seen_at']).orderBy('display_name').execute();
      const roles = await deps.db.selectFrom('staff_roles').select(['staff_user_id', 'role', 'committee_id', 'source']).execute();
      return c.json({
        staff: users.map((user) => ({
          id: user.id,
          name: user.display_name,
          email: user.email,
          disabled: user.disabled,
          lastSeenAt: user.last_seen_at ? new Date(user.last_seen_at).toISOString() : null,
          roles: roles.filter((r) => r.staff_user_id === user.id).map((r) => ({ role: r.role, committeeId: r.committee_id, source: r.source })),
        })),
      });
    })
    .put('/api/staff/:id/roles', admins, validate('param', z.object({ id: z.uuid() })), validate('json', rolesBody), async (c) => {
      const { id } = c.req.valid('param');
      const { roles } = c.req.valid('json');
      checkSeats(roles);
      await deps.db.transaction().execute(async (trx) => {
        // Admin rows are locked first, so two admins removing each other at once cannot both pass the check below.
        await trx.selectFrom('staff_roles').select('staff_user_id').where('role', '=', 'admin').forUpdate().execute();
        const user = await trx.selectFrom('staff_users').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
        if (!user) throw new NotFoundError('There is no such staff member.');
        // Only roles given in the app are replaced; the identity provider's stay in step with the provider.
        await trx.deleteFrom('staff_roles').where('staff_user_id', '=', id).where('source', '=', 'app').execute();
        if (roles.length) {
          await trx
            .insertInto('staff_roles')
            .values(roles.map((entry) => ({ staff_user_id: id, role: entry.role, committee_id: entry.committeeId ?? null, source: 'app' as const })))
            .onConflict((oc) => oc.doNothing())
            .execute();
        }
        const admins = await trx.selectFrom('staff_roles').select('staff_user_id').where('role', '=', 'admin').limit(1).execute();
        if (admins.length === 0) {
          throw new ProblemError(409, 'last_admin', 'This would leave nobody who can give roles. Make someone else an admin first.', {
            errors: [{ pointer: '/roles', detail: 'The last admin keeps the admin role.' }],
          });
        }
        const staff = c.get('staff')!;
        await writeAudit(trx, { action: 'staff.roles_set', subjectType: 'staff_user', subjectId: id, actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId'), details: { roles } });
      });
      return c.json({ roles });
    })
    .get('/api/staff/invitations', admins, async (c) => c.json({ invitations: (await listInvitations(deps.db)).map(invitationShape) }))
    .post('/api/staff/invitations', admins, validate('json', invitationBody), async (c) => {
      const { email, roles } = c.req.valid('json');
      checkSeats(roles);
      const domain = email.slice(email.lastIndexOf('@') + 1);
      const allowed = deps.config.auth.allowedDomains;
      if (allowed.length && !allowed.includes(domain)) {
        throw new ValidationError([{ pointer: '/email', detail: `Only accounts at ${allowed.join(', ')} can sign in to Heard.` }]);
      }
      const staff = c.get('staff')!;
      const added = await deps.db.transaction().execute(async (trx) => {
        if (await staffUserWithEmail(trx, email)) {
          throw new ProblemError(409, 'staff_exists', 'This person has already signed in. Change their roles in the staff list instead.', {
            errors: [{ pointer: '/email', detail: 'Already signed in: use “Change roles” on their row.' }],
          });
        }
        const unknown = await unknownCommittees(trx, roles.flatMap((entry) => (entry.committeeId ? [entry.committeeId] : [])));
        if (unknown.length) {
          throw new ValidationError(roles.flatMap((entry, index) => (entry.committeeId && unknown.includes(entry.committeeId) ? [{ pointer: `/roles/${index}/committeeId`, detail: 'There is no such committee.' }] : [])));
        }
        const rows = await addInvitations(trx, email, roles.map((entry) => ({ role: entry.role, committeeId: entry.committeeId ?? null })), staff.id);
        await writeAudit(trx, { action: 'staff.invited', subjectType: 'staff_invitation', actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId'), details: { email, roles } });
        return rows;
      });
      return c.json({ invitations: added.map(invitationShape) }, 201);
    })
    .delete('/api/staff/invitations/:id', admins, validate('param', z.object({ id: z.coerce.number().int().positive() })), async (c) => {
      const { id } = c.req.valid('param');
      const staff = c.get('staff')!;
      await deps.db.transaction().execute(async (trx) => {
        const row = await deleteInvitation(trx, id);
        if (!row) throw new NotFoundError('There is no such invitation.');
        await writeAudit(trx, { action: 'staff.invitation_withdrawn', subjectType: 'staff_invitation', subjectId: String(id), actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId'), details: { email: row.email, role: row.role, committeeId: row.committee_id } });
      });
      return c.body(null, 204);
    });
}
