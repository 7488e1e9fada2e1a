/**
 * The maintenance sweep, run by the Worker's cron trigger and on Node every hour: deletes submissions past the
 * retention period with their objects, finishes purging withdrawn ones, removes orphaned uploads and old rate-limit
 * counters. Idempotent; Web-standard only.
 */
import { writeAudit } from '../db/audit.ts';
import { deleteRateLimitWindowsBefore } from '../db/rate-limits.ts';
import type { AppDeps } from '../deps.ts';
import { purgeMedia } from '../intake/purge-media.ts';
import { enqueueSafeguardingNotice } from '../moderation/notify.ts';
import { sql } from 'kysely';

export type SweepResult = { expired: number; withdrawnPurged: number; orphansDeleted: number; rateLimitWindows: number; overdueNotices: number };

const BATCH = 200;

export async function runMaintenanceSweep(deps: Pick<AppDeps, 'db' | 'blobs' | 'clock' | 'config' | 'log'>): Promise<SweepResult> {
  const now = deps.clock.now();
  const result: SweepResult = { expired: 0, withdrawnPurged: 0, orphansDeleted: 0, rateLimitWindows: 0, overdueNotices: 0 };

  const cutoff = new Date(now.getTime() - deps.config.retention.submissionDays * 86_400_000);
  const expired = await deps.db.selectFrom('submissions').select('id').where('created_at', '<', cutoff).limit(BATCH).execute();
  for (const { id } of expired) {
    await purgeMedia(deps, id);
    await deps.db.deleteFrom('submissions').where('id', '=', id).execute();
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
  for await (const object of deps.blobs.list('quarantine/')) {
    if (object.lastModified.getTime() > graceCutoff) continue;
    const known = await deps.db.selectFrom('media_objects').select('id').where('storage_key', '=', object.key).executeTakeFirst();
    if (known) continue;
    await deps.blobs.delete(object.key);
    result.orphansDeleted += 1;
  }

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

  result.rateLimitWindows = await deleteRateLimitWindowsBefore(deps.db, new Date(now.getTime() - 86_400_000));
  deps.log({ msg: 'maintenance sweep', ...result });
  return result;
}
