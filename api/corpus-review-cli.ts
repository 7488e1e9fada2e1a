/**
 * `npm run screening:corpus-review -- --out file [--language en|pl|ar] [--database-url URL]`: writes the accepted
 * screening reviews as corpus lines, the same file GET /api/screening/corpus-review.jsonl answers. Audited.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ConfigError, parseConfig } from './config.ts';
import { writeAudit } from './db/audit.ts';
import { openNodeDatabase } from './db/open-node.ts';
import { describeError } from './log.ts';
import { corpusReviewLines, toJsonl } from './moderation/corpus-review.ts';
import { SCREENING_LANGUAGES, type ScreeningLanguage } from './moderation/screening-reviews.ts';

const usage = 'usage: npm run screening:corpus-review -- --out FILE [--language en|pl|ar] [--database-url URL]';

class UsageError extends Error {}

try {
  const { values } = parseArgs({ options: { out: { type: 'string' }, language: { type: 'string' }, 'database-url': { type: 'string' } } });
  if (!values.out) throw new UsageError(usage);
  const language = values.language;
  if (language !== undefined && !SCREENING_LANGUAGES.includes(language as ScreeningLanguage)) throw new UsageError(`--language must be one of ${SCREENING_LANGUAGES.join(', ')}. ${usage}`);
  const config = parseConfig({ ...process.env, ...(values['database-url'] ? { DATABASE_URL: values['database-url'] } : {}) });
  const database = await openNodeDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolMax: 1 });
  try {
    const lines = await corpusReviewLines(database.db, language);
    await writeFile(values.out, toJsonl(lines));
    await writeAudit(database.db, { action: 'screening_corpus.exported', subjectType: 'screening_review', details: { language: language ?? 'all', lines: lines.length, by: 'script' } });
    process.stdout.write(`heard: wrote ${lines.length} corpus line(s) to ${values.out}\n`);
  } finally {
    await database.close();
  }
} catch (error) {
  const known = error instanceof ConfigError || error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  process.stderr.write(`heard: ${known ? (error as Error).message : `corpus review export failed: ${describeError(error).errorMessage}`}\n`);
  process.exit(1);
}
