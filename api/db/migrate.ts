/** Applies every pending migration or throws; used at start-up, by `npm run migrate` and by tests. */
import { DEFAULT_MIGRATION_TABLE, Migrator, NO_MIGRATIONS, sql, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.ts';

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Returns the names of the migrations it applied (none when already up to date). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  if (await allRecorded(db)) return [];
  return appliedNames(await migrator(db).migrateToLatest());
}

/**
 * One read instead of the migrator's table checks, lock and bookkeeping (a restart's common case): true when every
 * migration in the map is recorded as applied. Anything else (no table yet, one missing) goes through the migrator.
 */
async function allRecorded(db: Kysely<any>): Promise<boolean> {
  try {
    const { rows } = await sql<{ name: string }>`select name from ${sql.table(DEFAULT_MIGRATION_TABLE)}`.execute(db);
    const recorded = new Set(rows.map((row) => row.name));
    return Object.keys(migrations).every((name) => recorded.has(name));
  } catch {
    return false;
  }
}

/** Rolls every migration back; tests use it to prove each `down` works. */
export async function migrateToEmpty(db: Kysely<any>): Promise<string[]> {
  return appliedNames(await migrator(db).migrateTo(NO_MIGRATIONS));
}

function appliedNames({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    const where = failed ? ` (in ${failed.migrationName})` : '';
    throw new Error(`Migration failed${where}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
