/**
 * Retention in two stages (docs/retention.md): a submission's content is minimised some months after its last use,
 * and the minimised record is deleted later. `minimised_at` says the first stage has happened; the partial index
 * finds the candidates of the hourly sweep without reading minimised rows again. A deleted submission leaves only
 * its random id in forgotten_submissions, so an app's late retry of it is refused instead of storing it again. Frozen.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table submissions add column minimised_at timestamptz`.execute(db);
  await sql`create index submissions_to_minimise on submissions (created_at) where minimised_at is null`.execute(db);
  await sql`create table forgotten_submissions (id uuid primary key, forgotten_at timestamptz not null)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table forgotten_submissions`.execute(db);
  await sql`drop index submissions_to_minimise`.execute(db);
  await sql`alter table submissions drop column minimised_at`.execute(db);
}
