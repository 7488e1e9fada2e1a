/**
 * Staff accounts as the identity provider describes them: created at first sign-in, roles from the token kept in step,
 * and roles an admin gave the (verified) email beforehand taken up.
 */
import type { Kysely } from 'kysely';
import type { StaffRoleName } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { claimInvitations, type InvitationRow } from '../db/staff-invitations.ts';

export async function upsertStaffUser(
  db: Kysely<Database>,
  identity: {
    issuer: string;
    subject: string;
    displayName: string;
    email: string | null;
    roles: StaffRoleName[];
    /** The lower-cased email the provider vouches for; invitations to it become app roles. */
    trustedEmail: string | null;
  },
  now: Date,
): Promise<{ id: string; disabled: boolean; claimed: InvitationRow[] }> {
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto('staff_users')
      .values({ issuer: identity.issuer, subject: identity.subject, display_name: identity.displayName, email: identity.email, last_seen_at: now })
      .onConflict((oc) =>
        oc.columns(['issuer', 'subject']).doUpdateSet({ display_name: identity.displayName, email: identity.email, last_seen_at: now }),
      )
      .returning(['id', 'disabled'])
      .executeTakeFirstOrThrow();
    // Roles that came from the provider follow the provider; roles an admin gave in the app stay.
    await trx.deleteFrom('staff_roles').where('staff_user_id', '=', user.id).where('source', '=', 'identity_provider').execute();
    if (identity.roles.length > 0) {
      await trx
        .insertInto('staff_roles')
        .values(identity.roles.map((role) => ({ staff_user_id: user.id, role, committee_id: null, source: 'identity_provider' as const })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const claimed = identity.trustedEmail && !user.disabled ? await claimInvitations(trx, user.id, identity.trustedEmail) : [];
    return { ...user, claimed };
  });
}
