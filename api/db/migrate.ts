/** Applies every pending migration or throws; used at start-up, by `npm run migrate` and by tests. */
import { Migrator, NO_MIGRATIONS, type Kysely, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.ts';

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

/** Returns the names of the migrations it applied (none when already up to date). */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  return appliedNames(await migrator(db).migrateToLatest());
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
