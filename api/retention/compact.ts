/**
 * Physical erasure. Withdrawal and retention overwrite a child's words in the live row at once, but PostgreSQL keeps
 * the old row version in the table file (and its TOAST) until the table is rewritten, and in the write-ahead log
 * until its segment is retired. After any erasure this rewrites the tables that can hold words (VACUUM FULL), writes
 * a checkpoint, and switches WAL segments so the checkpoints retire the ones that recorded the words. The rewrite
 * locks each table for its duration (milliseconds at a partnership's size; see docs/retention.md).
 */
import { checkpoint, lastRun, recordRun, rewriteTable, switchWal, tableExists, wordsErasedSince } from '../db/maintenance-runs.ts';
import type { AppDeps } from '../deps.ts';
import { describeError } from '../log.ts';

/** Every table a child's words can reach: the submission itself, undo snapshots, screening reviews, issued annual reports. */
export const TABLES_HOLDING_WORDS = ['submissions', 'moderation_decisions', 'screening_reviews', 'annual_report_versions'] as const;
/** pg_switch_wal + CHECKPOINT this many times: the default keeps the last segments around (recycled, not wiped). */
const WAL_ROUNDS = 3;
const TASK = 'compact_erased_words';

export type CompactionResult = { ran: boolean; tables: string[]; walRetired: boolean; problems: string[] };

export async function compactErasedWords(deps: Pick<AppDeps, 'db' | 'clock' | 'log'>, options: { force?: boolean } = {}): Promise<CompactionResult> {
  const started = deps.clock.now();
  const since = await lastRun(deps.db, TASK);
  if (!options.force && !(await wordsErasedSince(deps.db, since))) return { ran: false, tables: [], walRetired: false, problems: [] };
  const result: CompactionResult = { ran: true, tables: [], walRetired: false, problems: [] };
  for (const table of TABLES_HOLDING_WORDS) {
    if (!(await tableExists(deps.db, table))) continue;
    await rewriteTable(deps.db, table);
    result.tables.push(table);
  }
  // A managed server may refuse these to an ordinary role (pg_checkpoint and pg_switch_wal need grants): the
  // rewrite above still happened; its old files go at the server's own next checkpoint. Reported, never fatal.
  try {
    await checkpoint(deps.db);
    for (let round = 0; round < WAL_ROUNDS; round += 1) {
      await switchWal(deps.db);
      await checkpoint(deps.db);
    }
    result.walRetired = true;
  } catch (error) {
    result.problems.push(describeError(error).errorMessage);
  }
  await recordRun(deps.db, TASK, started);
  deps.log({ level: result.problems.length > 0 ? 'warn' : 'info', msg: 'erased words compacted', ...result });
  return result;
}
