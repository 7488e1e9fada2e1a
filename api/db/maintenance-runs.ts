/** When maintenance tasks last ran, and whether children's words were erased since: the compaction's trigger. */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from './schema.ts';

export async function lastRun(db: Kysely<Database>, name: string): Promise<Date | undefined> {
  const row = await db.selectFrom('maintenance_runs').select('ran_at').where('name', '=', name).executeTakeFirst();
  return row ? new Date(row.ran_at) : undefined;
}

export async function recordRun(db: Kysely<Database>, name: string, at: Date): Promise<void> {
  await db
    .insertInto('maintenance_runs')
    .values({ name, ran_at: at })
    .onConflict((oc) => oc.column('name').doUpdateSet({ ran_at: at }))
    .execute();
}

/** True when a withdrawal, a minimisation or a deletion by retention happened at or after `since` (ever, if none). */
export async function wordsErasedSince(db: Kysely<Database>, since: Date | undefined): Promise<boolean> {
  const from = since ?? new Date(0);
  const row = await db
    .selectNoFrom((eb) => [
      eb
        .or([
          eb.exists(eb.selectFrom('submissions').select('id').where('withdrawn_at', '>=', from)),
          eb.exists(eb.selectFrom('submissions').select('id').where('minimised_at', '>=', from)),
          eb.exists(eb.selectFrom('forgotten_submissions').select('id').where('forgotten_at', '>=', from)),
        ])
        .as('erased'),
    ])
    .executeTakeFirstOrThrow();
  return Boolean(row.erased);
}

/** Rewrites a table so no dead row version (an erased child's words among them) survives in its files or its TOAST. */
export async function rewriteTable(db: Kysely<Database>, table: string): Promise<void> {
  await sql`vacuum full ${sql.table(table)}`.execute(db);
}

export async function tableExists(db: Kysely<Database>, table: string): Promise<boolean> {
  const row = await db.selectNoFrom(sql<SqlBool>`to_regclass(${table}) is not null`.as('present')).executeTakeFirstOrThrow();
  return Boolean(row.present);
}

/** Writes every changed page to the table files, so the rewritten tables are what is on disk. */
export async function checkpoint(db: Kysely<Database>): Promise<void> {
  await sql`checkpoint`.execute(db);
}

/** Ends the current WAL segment, so a checkpoint can retire the one that recorded the erased words. */
export async function switchWal(db: Kysely<Database>): Promise<void> {
  await sql`select pg_switch_wal()`.execute(db);
}
