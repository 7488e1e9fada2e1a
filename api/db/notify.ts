/** Queries behind staff notifications: who gets mail by role, what a safeguarding notice may say, digest counts. */
import { sql, type Kysely } from 'kysely';
import type { JobKind } from './jobs.ts';
import type { Database, StaffRole } from './schema.ts';
import { outsideLane } from './visibility.ts';

/** Email addresses of enabled staff holding `role` (any seat), each once. */
export async function staffEmailsWithRole(db: Kysely<Database>, role: StaffRole): Promise<{ id: string; email: string }[]> {
  const rows = await db
    .selectFrom('staff_users')
    .innerJoin('staff_roles', 'staff_roles.staff_user_id', 'staff_users.id')
    .select(['staff_users.id', 'staff_users.email'])
    .distinct()
    .where('staff_roles.role', '=', role)
    .where('staff_users.disabled', '=', false)
    .where('staff_users.email', 'is not', null)
    .orderBy('staff_users.email')
    .execute();
  return rows.flatMap((row) => (row.email ? [{ id: row.id, email: row.email }] : []));
}

/** What a safeguarding email may carry: never the text, only when it came, its state and screening's stored record. */
export async function safeguardingNoticeFacts(db: Kysely<Database>, submissionId: string) {
  return db
    .selectFrom('submissions')
    .select(['id', 'created_at', 'language', 'screening', 'safeguarding', 'safeguarding_resolution', 'status'])
    .where('id', '=', submissionId)
    .executeTakeFirst();
}

/** Enqueues a job unless one of this kind already carries `payload[key]`: the caller's retries and re-runs enqueue once. */
export async function enqueueJobOnce(db: Kysely<Database>, kind: JobKind, payload: Record<string, string>, key: string, runAt: Date): Promise<boolean> {
  const value = payload[key];
  if (value === undefined) throw new Error(`enqueueJobOnce: payload has no ${key}`);
  const result = await sql<{ id: number }>`
    insert into jobs (kind, payload, run_at)
    select ${kind}::text, ${JSON.stringify(payload)}::jsonb, ${runAt}::timestamptz
    where not exists (select 1 from jobs where kind = ${kind}::text and payload->>${key}::text = ${value}::text)
    returning id`.execute(db);
  return result.rows.length > 0;
}

export type QueueCounts = { waiting: number; claimedBy: number; awaitingLead: number; oldestWaitingAt: Date | undefined };

/** A worker's morning numbers: submissions waiting for moderation (and how many they hold), and flags waiting for a lead. */
export async function queueCounts(db: Kysely<Database>, staffUserId: string, now: Date): Promise<QueueCounts> {
  const row = await db
    .selectFrom('submissions')
    .select((eb) => [
      eb.fn.countAll<number | string>().filterWhere(outsideLane(eb)).as('waiting'),
      eb.fn
        .countAll<number | string>()
        .filterWhere((inner) => inner.and([outsideLane(inner), inner('claimed_by', '=', staffUserId), inner('claim_expires_at', '>', now)]))
        .as('claimed_by'),
      eb.fn.countAll<number | string>().filterWhere((inner) => inner.and([inner('safeguarding', '=', true), inner('safeguarding_resolution', 'is', null)])).as('awaiting_lead'),
      eb.fn.min<Date | string | null>('created_at').filterWhere(outsideLane(eb)).as('oldest'),
    ])
    .where('status', 'in', ['received', 'in_review'])
    .executeTakeFirstOrThrow();
  return {
    waiting: Number(row.waiting),
    claimedBy: Number(row.claimed_by),
    awaitingLead: Number(row.awaiting_lead),
    oldestWaitingAt: row.oldest ? new Date(row.oldest) : undefined,
  };
}
