/** Participation groups: looking up a join code. */
import { sql, type Kysely } from 'kysely';
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

/** Per group: submissions in the last hour, in the week before it, and those held as part of a flood and not yet decided. */
export async function groupActivity(
  db: Kysely<Database>,
  now: Date,
): Promise<Map<string, { lastHour: number; weekBefore: number; floodHeld: number }>> {
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const rows = await db
    .selectFrom('submissions')
    .select('group_id')
    .select(sql<number>`count(*) filter (where created_at >= ${hourAgo})::int`.as('last_hour'))
    .select(sql<number>`count(*) filter (where created_at < ${hourAgo})::int`.as('week_before'))
    .select(sql<number>`count(*) filter (where flood and status in ('received', 'in_review'))::int`.as('flood_held'))
    .where('group_id', 'is not', null)
    .where('created_at', '>=', weekAgo)
    .where('status', '!=', 'withdrawn')
    .groupBy('group_id')
    .execute();
  return new Map(rows.map((row) => [row.group_id!, { lastHour: Number(row.last_hour), weekBefore: Number(row.week_before), floodHeld: Number(row.flood_held) }]));
}

/** Gives the group a new join code; the old one stops working at once. Returns the new code, or undefined for no such group. */
export async function rotateJoinCode(db: Kysely<Database>, id: string, code: string): Promise<string | undefined> {
  const row = await db.updateTable('participation_groups').set({ join_code: normaliseJoinCode(code) }).where('id', '=', id).returning('join_code').executeTakeFirst();
  return row?.join_code;
}
