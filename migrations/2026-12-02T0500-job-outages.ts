/**
 * Jobs that outlive outages: transient failures (the store or database away) retry without using up attempts and
 * are counted apart for backoff; a dead job records why it died, so jobs that died of exhaustion can be revived once
 * the store answers again, a bounded number of times. Jobs that died before this migration and were not refused as
 * undecodable or missing are marked exhausted, so the drawings stranded by past outages get processed. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table jobs add column transient_failures integer not null default 0`.execute(db);
  await sql`alter table jobs add column dead_reason text check (dead_reason in ('permanent', 'exhausted'))`.execute(db);
  await sql`alter table jobs add column revivals integer not null default 0`.execute(db);
  await sql`
    update jobs set dead_reason = case
      when last_error like 'image rejected%' or last_error like 'the quarantined original is missing%' then 'permanent'
      else 'exhausted' end
    where status = 'dead'`.execute(db);
  await sql`create index jobs_exhausted on jobs (id) where status = 'dead' and dead_reason = 'exhausted'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index jobs_exhausted`.execute(db);
  await sql`alter table jobs drop column revivals`.execute(db);
  await sql`alter table jobs drop column dead_reason`.execute(db);
  await sql`alter table jobs drop column transient_failures`.execute(db);
}
