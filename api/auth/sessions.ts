/** Server-side staff sessions: the cookie carries a random token, the table only its hash. */
import type { Kysely } from 'kysely';
import type { AuthConfig, StaffRoleName } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { sha256HexOfText } from '../intake/content-hash.ts';

export type StaffIdentity = { id: string; displayName: string; email: string | null; roles: StaffRoleName[]; csrfToken: string; tokenHash: string };

export function randomToken(bytes = 32): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(bytes))))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/** Creates a new session (a new token at every login, so a planted cookie is never promoted). Returns the cookie token. */
export async function createSession(db: Kysely<Database>, staffUserId: string, now: Date): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('staff_sessions')
    .values({ token_hash: sha256HexOfText(token), staff_user_id: staffUserId, csrf_token: randomToken(24), created_at: now, last_seen_at: now })
    .execute();
  return token;
}

/** The signed-in staff member for a cookie token, or undefined when unknown, expired (idle or absolute) or disabled. */
export async function resumeSession(db: Kysely<Database>, token: string, now: Date, auth: AuthConfig): Promise<StaffIdentity | undefined> {
  const tokenHash = sha256HexOfText(token);
  const row = await db
    .selectFrom('staff_sessions')
    .innerJoin('staff_users', 'staff_users.id', 'staff_sessions.staff_user_id')
    .select(['staff_users.id', 'staff_users.display_name', 'staff_users.email', 'staff_users.disabled', 'staff_sessions.csrf_token', 'staff_sessions.created_at', 'staff_sessions.last_seen_at'])
    .where('staff_sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const idleExpired = now.getTime() - new Date(row.last_seen_at).getTime() > auth.sessionIdleMinutes * 60_000;
  const absoluteExpired = now.getTime() - new Date(row.created_at).getTime() > auth.sessionAbsoluteHours * 3_600_000;
  if (row.disabled || idleExpired || absoluteExpired) {
    await db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
    return undefined;
  }
  await db.updateTable('staff_sessions').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  const roles = await db.selectFrom('staff_roles').select('role').distinct().where('staff_user_id', '=', row.id).orderBy('role').execute();
  return { id: row.id, displayName: row.display_name, email: row.email, roles: roles.map((r) => r.role), csrfToken: row.csrf_token, tokenHash };
}

export async function endSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
}
