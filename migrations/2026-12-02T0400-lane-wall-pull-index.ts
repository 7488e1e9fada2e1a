/**
 * The pull now also reads the safeguarding flag and its resolution (a flagged submission stays out of every
 * committee read until a lead clears it), so the pull index covers them too and choosing still never visits the
 * table. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index submissions_pull`.execute(db);
  await sql`create index submissions_pull on submissions (status, consent_share_with_committee, created_at)
    include (id, withdrawn_at, kind, age_band, group_id, priority_ids, theme_ids, safeguarding, safeguarding_resolution)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index submissions_pull`.execute(db);
  await sql`create index submissions_pull on submissions (status, consent_share_with_committee, created_at)
    include (id, withdrawn_at, kind, age_band, group_id, priority_ids, theme_ids)`.execute(db);
}
