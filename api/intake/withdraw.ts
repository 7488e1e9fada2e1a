/**
 * Withdrawal: the child changes their mind. Their words are erased at once; every stored picture is deleted
 * from the blob store now or, if the store is unreachable, by a retried job. The audit log records that it
 * happened, not what was said.
 */
import { supersedePacksShowing } from '../committees/pack-versions.ts';
import { writeAudit } from '../db/audit.ts';
import { supersedeReportsShowing } from '../reports/versions.ts';
import { enqueueJob } from '../db/jobs.ts';
import { forgetReviewSnapshots } from '../db/screening-reviews.ts';
import { findByReceipt, withdrawByReceipt, type ReceiptView } from '../db/submissions.ts';
import type { AppDeps } from '../deps.ts';
import { describeError } from '../log.ts';
import { forgetDecisionSnapshots } from '../retention/minimise.ts';
import { purgeMedia } from './purge-media.ts';

export async function withdrawSubmission(deps: AppDeps, receipt: string, requestId: string): Promise<ReceiptView | undefined> {
  const now = deps.clock.now();
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const withdrawn = await withdrawByReceipt(trx, receipt, now);
    if (withdrawn && !withdrawn.alreadyWithdrawn) {
      await forgetDecisionSnapshots(trx, withdrawn.id);
      await forgetReviewSnapshots(trx, withdrawn.id);
      await enqueueJob(trx, 'purge_media', { submissionId: withdrawn.id }, now);
      await supersedePacksShowing(trx, withdrawn.id, 'A child withdrew their words.', now);
      await supersedeReportsShowing(trx, withdrawn.id, 'A child withdrew their words.', now);
      await writeAudit(trx, { action: 'submission.withdrawn', subjectType: 'submission', subjectId: withdrawn.id, requestId, details: { by: 'child' } });
    }
    return withdrawn;
  });
  if (!outcome) return undefined;
  try {
    await purgeMedia(deps, outcome.id);
  } catch (error) {
    // The purge_media job enqueued above retries until the store answers.
    deps.log({ level: 'warn', msg: 'withdrawal purge deferred to job', ...describeError(error) });
  }
  return findByReceipt(deps.db, receipt);
}
