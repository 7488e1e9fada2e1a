/** The background jobs table: enqueue, claim with FOR UPDATE SKIP LOCKED, finish, retry with backoff, dead-letter. */
import { sql, type Kysely } from 'kysely';
import type { Database, Job } from './schema.ts';

export type JobKind = 'process_drawing' | 'purge_media' | 'notify_safeguarding';

export async function enqueueJob(db: Kysely<Database>, kind: JobKind, payload: Record<string, unknown>, runAt?: Date): Promise<number> {
  const row = await db
    .insertInto('jobs')
    .values({ kind, payload: JSON.stringify(payload), ...(runAt ? { run_at: runAt } : {}) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims the oldest due job of the given kinds for `leaseSeconds`. A job whose lease ran out (its worker died)
 * is due again. Several instances can call this at once: SKIP LOCKED hands each a different job.
 */
export async function claimJob(db: Kysely<Database>, kinds: readonly JobKind[], now: Date, leaseSeconds: number): Promise<Job | undefined> {
  return db.transaction().execute(async (trx) => {
    const job = await trx
      .selectFrom('jobs')
      .selectAll()
      .where('kind', 'in', kinds)
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
          eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
        ]),
      )
      .orderBy('run_at')
      .orderBy('id')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!job) return undefined;
    return trx
      .updateTable('jobs')
      .set({
        status: 'running',
        attempts: job.attempts + 1,
        locked_until: new Date(now.getTime() + leaseSeconds * 1000),
        updated_at: now,
      })
      .where('id', '=', job.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export async function completeJob(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await db.updateTable('jobs').set({ status: 'done', locked_until: null, last_error: null, updated_at: now }).where('id', '=', id).execute();
}

/** Schedules a retry with exponential backoff, or marks the job dead after its last attempt (or when `permanent`). */
export async function failJob(
  db: Kysely<Database>,
  job: Pick<Job, 'id' | 'attempts' | 'max_attempts'>,
  error: string,
  now: Date,
  permanent = false,
): Promise<'retry' | 'dead'> {
  const dead = permanent || job.attempts >= job.max_attempts;
  const backoffSeconds = Math.min(3600, 5 * 2 ** (job.attempts - 1));
  await db
    .updateTable('jobs')
    .set({
      status: dead ? 'dead' : 'queued',
      run_at: dead ? now : new Date(now.getTime() + backoffSeconds * 1000),
      locked_until: null,
      last_error: error.slice(0, 500),
      updated_at: now,
    })
    .where('id', '=', job.id)
    .execute();
  return dead ? 'dead' : 'retry';
}

export async function countJobs(db: Kysely<Database>, kind: JobKind, status: Job['status']): Promise<number> {
  const row = await db
    .selectFrom('jobs')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('kind', '=', kind)
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return row.n;
}
