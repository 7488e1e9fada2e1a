/** Participation groups: looking up a join code. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** Join codes are compared without case or spaces: children type them from a whiteboard. */
export function normaliseJoinCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export async function findActiveGroupByCode(
  db: Kysely<Database>,
  code: string,
  now: Date,
): Promise<{ id: string; name: string } | undefined> {
  // PostgreSQL text cannot hold NUL (the query would fail with a 500), and no join code contains it.
  if (code.includes('\u0000')) return undefined;
  return db
    .selectFrom('participation_groups')
    .select(['id', 'name'])
    .where('join_code', '=', normaliseJoinCode(code))
    .where('active_from', '<=', now)
    .where((eb) => eb.or([eb('active_until', 'is', null), eb('active_until', '>', now)]))
    .executeTakeFirst();
}
