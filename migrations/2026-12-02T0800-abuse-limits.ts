/**
 * Abuse limits: a submission a device sent past its limit inside a group is kept, flagged as part of a flood, so
 * the group's worker reviews the flood together; an index for each group's submissions by time (the spike figure). Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table submissions add column flood boolean not null default false`.execute(db);
  await sql`create index submissions_group_created on submissions (group_id, created_at) where group_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index submissions_group_created`.execute(db);
  await sql`alter table submissions drop column flood`.execute(db);
}
