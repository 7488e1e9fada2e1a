/** `npm run erase:compact`: rewrites the tables that can hold children's words and retires old WAL, now, then exits. */
import { parseConfig } from '../config.ts';
import { systemClock } from '../deps.ts';
import { createJsonLogger, describeError } from '../log.ts';
import { prepareDatabase } from '../node/prepare-database.ts';
import { compactErasedWords } from './compact.ts';

const database = await prepareDatabase(parseConfig(process.env));
try {
  const result = await compactErasedWords({ db: database.db, clock: systemClock, log: createJsonLogger((line) => process.stderr.write(`${line}\n`)) }, { force: true });
  process.stdout.write(`heard: ${database.engine} compacted ${result.tables.join(', ')}; WAL ${result.walRetired ? 'retired' : `not retired (${result.problems.join('; ')})`}\n`);
} catch (error) {
  process.stderr.write(`heard: compaction failed: ${describeError(error).errorMessage}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
