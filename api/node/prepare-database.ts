/** Opens the database, applies migrations and loads the seed file: what both start-up and `npm run migrate` do. */
import type { AppConfig } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { openNodeDatabase, type OpenDatabase } from '../db/open-node.ts';
import { loadSeedFile } from '../seed/load-seed-file.ts';
import { applySeed } from '../seed/seed.ts';

export async function prepareDatabase(config: AppConfig): Promise<OpenDatabase & { applied: string[] }> {
  // Read the seed file before touching the database, so a bad file stops start-up with nothing changed.
  const seed = await loadSeedFile(config.seedFile);
  const database = await openNodeDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolMax: config.databasePoolMax,
  });
  try {
    const applied = await migrateToLatest(database.db);
    await applySeed(database.db, seed);
    return { ...database, applied };
  } catch (error) {
    await database.close();
    throw error;
  }
}
