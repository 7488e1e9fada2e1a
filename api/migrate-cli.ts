/** `npm run migrate`: applies pending migrations and the seed file to the configured database, then exits. */
import { ConfigError, parseConfig } from './config.ts';
import { describeError } from './log.ts';
import { prepareDatabase } from './node/prepare-database.ts';
import { SeedFileError } from './seed/seed.ts';

try {
  const database = await prepareDatabase(parseConfig(process.env));
  await database.close();
  const applied = database.applied.length > 0 ? database.applied.join(', ') : 'none (already up to date)';
  process.stdout.write(`heard: ${database.engine} migrated; applied: ${applied}; seed loaded\n`);
} catch (error) {
  const known = error instanceof ConfigError || error instanceof SeedFileError;
  process.stderr.write(`heard: ${known ? (error as Error).message : `migration failed: ${describeError(error).errorMessage}`}\n`);
  process.exit(1);
}
