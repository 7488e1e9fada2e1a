/** Queries for roles given by email before a first sign-in: list, add, withdraw, and claim at sign-in. */
import type { Kysely } from 'kysely';
import type { Database, StaffRole } from './schema.ts';

export type InvitationRow = { id: number; email: string; role: StaffRole; committee_id: number | null; invited_by: string | null; created_at: Date | string };

export async function listInvitations(db: Kysely<Database>): Promise<InvitationRow[]> {
  return db.selectFrom('staff_invitations').selectAll().orderBy('email').orderBy('role').orderBy('committee_id').execute();
}

/** Adds the roles for `email` (already lower-cased); one already given is left as it was. Returns the rows added. */
export async function addInvitations(
  db: Kysely<Database>,
  email: string,
  roles: readonly { role: StaffRole; committeeId: number | null }[],
  invitedBy: string,
): Promise<InvitationRow[]> {
  if (roles.length === 0) return [];
  return db
    .insertInto('staff_invitations')
    .values(roles.map((entry) => ({ email, role: entry.role, committee_id: entry.committeeId, invited_by: invitedBy })))
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .execute();
}

export async function deleteInvitation(db: Kysely<Database>, id: number): Promise<InvitationRow | undefined> {
  return db.deleteFrom('staff_invitations').where('id', '=', id).returningAll().executeTakeFirst();
}

/** The committee ids among `ids` that do not exist. */
export async function unknownCommittees(db: Kysely<Database>, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = await db.selectFrom('committees').select('id').where('id', 'in', [...ids]).execute();
  return ids.filter((id) => !found.some((row) => row.id === id));
}

/** Whether an account with this email (any case) has already signed in. */
export async function staffUserWithEmail(db: Kysely<Database>, email: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('staff_users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', email)).executeTakeFirst();
}

/** Turns the invitations for `email` into app roles of `staffUserId` and deletes them. Run inside the sign-in transaction. */
export async function claimInvitations(trx: Kysely<Database>, staffUserId: string, email: string): Promise<InvitationRow[]> {
  const claimed = await trx.deleteFrom('staff_invitations').where('email', '=', email).returningAll().execute();
  if (claimed.length > 0) {
    await trx
      .insertInto('staff_roles')
      .values(claimed.map((row) => ({ staff_user_id: staffUserId, role: row.role, committee_id: row.committee_id, source: 'app' as const })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return claimed;
}
