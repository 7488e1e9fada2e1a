/** The background jobs table: enqueue, claim with FOR UPDATE SKIP LOCKED, finish, retry with backoff, dead-letter. */
import { sql, type Kysely } from 'kysely';
import type { Database, Job } from './schema.ts';

export type JobKind = 'process_drawing' | 'purge_media' | 'notify_safeguarding' | 'email_safeguarding' | 'email_digest';

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

/** How a failed run ends: `transient` (an outage: retry, attempts untouched), `permanent` (never retry), `error` (retry until attempts run out). */
export type FailureKind = 'transient' | 'permanent' | 'error';

/** Transient retries back off exponentially but never wait longer than this, so work resumes soon after an outage. */
export const TRANSIENT_BACKOFF_CAP_SECONDS = 300;

/**
 * Schedules a retry with exponential backoff, or marks the job dead. A transient failure gives its attempt back and
 * backs off on its own count, capped; a permanent one dies at once; any other dies after its last attempt.
 */
export async function failJob(
  db: Kysely<Database>,
  job: Pick<Job, 'id' | 'attempts' | 'max_attempts' | 'transient_failures'>,
  error: string,
  now: Date,
  kind: FailureKind = 'error',
): Promise<'retry' | 'dead'> {
  const transient = kind === 'transient';
  const dead = kind === 'permanent' || (!transient && job.attempts >= job.max_attempts);
  const backoffSeconds = transient
    ? Math.min(TRANSIENT_BACKOFF_CAP_SECONDS, 5 * 2 ** job.transient_failures)
    : Math.min(3600, 5 * 2 ** (job.attempts - 1));
  await db
    .updateTable('jobs')
    .set({
      status: dead ? 'dead' : 'queued',
      run_at: dead ? now : new Date(now.getTime() + backoffSeconds * 1000),
      locked_until: null,
      last_error: error.slice(0, 500),
      updated_at: now,
      ...(transient ? { attempts: Math.max(0, job.attempts - 1), transient_failures: job.transient_failures + 1 } : {}),
      ...(dead ? { dead_reason: kind === 'permanent' ? ('permanent' as const) : ('exhausted' as const) } : {}),
    })
    .where('id', '=', job.id)
    .execute();
  return dead ? 'dead' : 'retry';
}

/**
 * Gives jobs that died of exhaustion (never those refused as permanent) a fresh set of attempts, at most
 * `maxRevivals` times each. Called once the store is known to answer again.
 */
export async function reviveExhaustedJobs(db: Kysely<Database>, now: Date, maxRevivals = 5): Promise<number> {
  const result = await db
    .updateTable('jobs')
    .set((eb) => ({
      status: 'queued',
      attempts: 0,
      transient_failures: 0,
      dead_reason: null,
      run_at: now,
      updated_at: now,
      revivals: eb('revivals', '+', 1),
    }))
    .where('status', '=', 'dead')
    .where('dead_reason', '=', 'exhausted')
    .where('revivals', '<', maxRevivals)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function hasExhaustedJobs(db: Kysely<Database>, maxRevivals = 5): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', 'dead')
    .where('dead_reason', '=', 'exhausted')
    .where('revivals', '<', maxRevivals)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export type JobBacklog = { kind: string; queued: number; running: number; dead: number; retryingAfterOutage: number; oldestQueuedSeconds: number | null };

/** Per kind: how much work waits, how much died, and how old the oldest waiting job is (the admin view and metrics). */
export async function jobBacklog(db: Kysely<Database>, now: Date): Promise<JobBacklog[]> {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => [
      'kind',
      sql<number>`count(*) filter (where status = 'queued')::int`.as('queued'),
      sql<number>`count(*) filter (where status = 'running')::int`.as('running'),
      sql<number>`count(*) filter (where status = 'dead')::int`.as('dead'),
      sql<number>`count(*) filter (where status = 'queued' and transient_failures > 0)::int`.as('retrying'),
      eb.fn.min(sql<Date>`case when status = 'queued' then created_at end`).as('oldest'),
    ])
    .where('status', '!=', 'done')
    .groupBy('kind')
    .orderBy('kind')
    .execute();
  return rows.map((row) => ({
    kind: row.kind,
    queued: row.queued,
    running: row.running,
    dead: row.dead,
    retryingAfterOutage: row.retrying,
    oldestQueuedSeconds: row.oldest ? Math.max(0, Math.round((now.getTime() - new Date(row.oldest).getTime()) / 1000)) : null,
  }));
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
