/** When each maintenance task last ran, so a costly one (compacting erased rows) runs only when there is work. Frozen. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table maintenance_runs (name text primary key, ran_at timestamptz not null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table maintenance_runs`.execute(db);
}
