/**
 * The maintenance sweep, run by the Worker's cron trigger and on Node every hour: enforces the retention policy
 * (docs/retention.md: content minimised, then records deleted, each counted from the last use), finishes purging
 * withdrawn submissions, removes orphaned uploads, staged files and old rate-limit counters, and rewrites the tables
 * that held erased words (compact.ts). Idempotent; Web-standard only.
 */
import { writeAudit } from '../db/audit.ts';
import { deleteRateLimitWindowsBefore } from '../db/rate-limits.ts';
import type { AppDeps } from '../deps.ts';
import { purgeMedia } from '../intake/purge-media.ts';
import { supersedeReportsShowing } from '../reports/versions.ts';
import { enqueueSafeguardingNotice } from '../moderation/notify.ts';
import { enqueueDailyDigest } from '../notify/daily-digest.ts';
import { sql, type SqlBool } from 'kysely';
import { compactErasedWords } from './compact.ts';
import { awaitsSafeguardingLead, dueForMinimising, lastUse, minimiseSubmission } from './minimise.ts';

export type SweepResult = {
  minimised: number;
  expired: number;
  withdrawnPurged: number;
  orphansDeleted: number;
  rateLimitWindows: number;
  overdueNotices: number;
  temporaryDeleted: number;
  /** Tables rewritten so erased words leave the database files (empty when nothing was erased since the last run). */
  compactedTables: string[];
  /** 1 when this run enqueued today's digest for workers (once per UTC day). */
  digests: number;
};

const BATCH = 200;
const ORPHAN_PAGE = 500;

export async function runMaintenanceSweep(deps: Pick<AppDeps, 'db' | 'blobs' | 'clock' | 'config' | 'log'>): Promise<SweepResult> {
  const now = deps.clock.now();
  const result: SweepResult = { minimised: 0, expired: 0, withdrawnPurged: 0, orphansDeleted: 0, rateLimitWindows: 0, overdueNotices: 0, digests: 0, temporaryDeleted: 0, compactedTables: [] };

  const contentCutoff = monthsBefore(now, deps.config.retention.contentMonths);
  for (const id of await dueForMinimising(deps.db, contentCutoff, BATCH)) {
    await deps.db.transaction().execute((trx) => minimiseSubmission(trx, id, now));
    await purgeMedia(deps, id);
    await writeAudit(deps.db, { action: 'submission.minimised', subjectType: 'submission', subjectId: id, details: { contentMonths: deps.config.retention.contentMonths } });
    result.minimised += 1;
  }

  const cutoff = new Date(now.getTime() - deps.config.retention.submissionDays * 86_400_000);
  const expired = await deps.db
    .selectFrom('submissions')
    .select('id')
    .where('created_at', '<', cutoff)
    .where(sql<SqlBool>`${lastUse} < ${cutoff}`)
    .where(sql<SqlBool>`not ${awaitsSafeguardingLead}`)
    .limit(BATCH)
    .execute();
  for (const { id } of expired) {
    await purgeMedia(deps, id);
    await deps.db.transaction().execute(async (trx) => {
      // An issued annual report keeps the words it froze: supersede it first, so they go with the record.
      await supersedeReportsShowing(trx, id, 'A contribution it quoted reached the end of its retention period.', now);
      await trx.deleteFrom('submissions').where('id', '=', id).execute();
      await trx.insertInto('forgotten_submissions').values({ id, forgotten_at: now }).onConflict((oc) => oc.column('id').doNothing()).execute();
    });
    await writeAudit(deps.db, { action: 'submission.expired', subjectType: 'submission', subjectId: id, details: { retentionDays: deps.config.retention.submissionDays } });
    result.expired += 1;
  }

  const withdrawnWithMedia = await deps.db
    .selectFrom('submissions')
    .select('submissions.id')
    .where('submissions.status', '=', 'withdrawn')
    .where(({ exists, selectFrom }) => exists(selectFrom('media_objects').select('media_objects.id').whereRef('media_objects.submission_id', '=', 'submissions.id')))
    .limit(BATCH)
    .execute();
  for (const { id } of withdrawnWithMedia) result.withdrawnPurged += await purgeMedia(deps, id);

  const graceCutoff = now.getTime() - deps.config.retention.quarantineGraceMinutes * 60_000;
  // Orphans: uploads whose request died before its row was written, and processed pictures whose job died (or lost
  // the store) between storing them and recording them; the retry writes under new keys, so nothing else removes them.
  // Keys are checked against the rows a page at a time: one query per page, not one per object.
  const deleteUnknown = async (keys: string[]) => {
    if (keys.length === 0) return;
    const known = new Set((await deps.db.selectFrom('media_objects').select('storage_key').where('storage_key', 'in', keys).execute()).map((row) => row.storage_key));
    for (const key of keys.filter((candidate) => !known.has(candidate))) {
      await deps.blobs.delete(key);
      result.orphansDeleted += 1;
    }
  };
  for (const prefix of ['quarantine/', 'media/']) {
    let page: string[] = [];
    for await (const object of deps.blobs.list(prefix)) {
      if (object.lastModified.getTime() > graceCutoff) continue;
      page.push(object.key);
      if (page.length === ORPHAN_PAGE) {
        await deleteUnknown(page);
        page = [];
      }
    }
    await deleteUnknown(page);
  }
  result.temporaryDeleted = (await deps.blobs.sweepTemporary?.(new Date(graceCutoff))) ?? 0;

  // Flags a safeguarding lead has not acted on within the response time are announced again, once per period.
  const period = deps.config.moderation.safeguardingResponseHours * 3_600_000;
  const overdue = await deps.db
    .selectFrom('submissions')
    .select('submissions.id')
    .where('submissions.safeguarding', '=', true)
    .where('submissions.safeguarding_resolution', 'is', null)
    .where('submissions.status', '!=', 'withdrawn')
    .where('submissions.created_at', '<', new Date(now.getTime() - period))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('jobs')
            .select('jobs.id')
            .where('jobs.kind', '=', 'notify_safeguarding')
            .where(sql<string>`jobs.payload->>'event'`, '=', 'overdue')
            .where(sql<string>`jobs.payload->>'submissionId'`, '=', sql<string>`submissions.id::text`)
            .where('jobs.run_at', '>', new Date(now.getTime() - period)),
        ),
      ),
    )
    .limit(BATCH)
    .execute();
  for (const { id } of overdue) {
    await enqueueSafeguardingNotice(deps.db, id, 'overdue', now);
    result.overdueNotices += 1;
  }

  if (await enqueueDailyDigest(deps.db, now, deps.config.notify.digestHourUtc)) result.digests = 1;

  result.rateLimitWindows = await deleteRateLimitWindowsBefore(deps.db, new Date(now.getTime() - 86_400_000));
  // Last, after this run's own erasures (minimised, expired), so their words leave the files in the same run.
  result.compactedTables = (await compactErasedWords(deps)).tables;
  deps.log({ msg: 'maintenance sweep', ...result });
  return result;
}

function monthsBefore(date: Date, months: number): Date {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() - months);
  return result;
}
