/**
 * Issued annual report versions, as pack versions are: issuing freezes the content; issuing again with nothing
 * changed returns the current version; when a child withdraws an entry a version shows, or its moderation changes,
 * the version is superseded in the same transaction by one without it, and only its record stays readable.
 */
import type { Kysely } from 'kysely';
import { insertReportVersion, linkSuperseded, lockCurrentVersion, markSuperseded, currentVersionsShowing, type ReportVersionRecord } from '../db/annual-report-versions.ts';
import { lockQuotable } from '../db/annual-reports.ts';
import type { Database } from '../db/schema.ts';
import { ProblemError } from '../errors.ts';
import { canonicalJson } from '../committees/pack-versions.ts';
import { readContent, type ReportContent } from './content.ts';

/** Chosen entries that may no longer be used (consent, moderation or withdrawal changed): the issue is refused. */
export class EntriesNotEligibleError extends ProblemError {
  constructor(readonly entries: string[]) {
    super(409, 'curation_not_eligible', 'Some chosen entries can no longer be used (consent, moderation or withdrawal changed). Remove them from the selection, then issue.', { entries });
  }
}

type Issue = { by: string | null; now: Date; supersedingReason: string };

async function issueNext(trx: Kysely<Database>, reportId: string, draft: { content: ReportContent; entryIds: readonly string[]; basisIds: readonly string[] }, issue: Issue, currentId: string | undefined): Promise<ReportVersionRecord> {
  if (currentId) await markSuperseded(trx, currentId, { at: issue.now, reason: issue.supersedingReason });
  const created = await insertReportVersion(trx, { reportId, content: JSON.stringify(draft.content), figureBasisIds: draft.basisIds, entryIds: draft.entryIds, by: issue.by, now: issue.now });
  if (currentId) await linkSuperseded(trx, currentId, created.id);
  return created;
}

/** Issues the draft unless the current version already says exactly this: then that one comes back (`created: false`). */
export async function issueReportUnlessUnchanged(
  trx: Kysely<Database>,
  reportId: string,
  draft: { content: ReportContent; entryIds: readonly string[]; basisIds: readonly string[] },
  issue: Issue,
): Promise<{ version: ReportVersionRecord; created: boolean }> {
  const still = await lockQuotable(trx, draft.entryIds);
  if (still.length !== draft.entryIds.length) throw new EntriesNotEligibleError(draft.entryIds.filter((id) => !still.includes(id)));
  const current = await lockCurrentVersion(trx, reportId);
  if (current && canonicalJson(readContent(current.content)) === canonicalJson(draft.content)) return { version: current.record, created: false };
  return { version: await issueNext(trx, reportId, draft, issue, current?.record.id), created: true };
}

/**
 * Call in the transaction that withdraws or changes the moderation of a submission (next to supersedePacksShowing).
 * Each current report version showing it is superseded by one with the same content less that entry. Its figures
 * stay: they repeat a release basis, which moves only once `threshold` contributions have changed.
 */
export async function supersedeReportsShowing(trx: Kysely<Database>, submissionId: string, reason: string, now: Date): Promise<number> {
  const reportIds = await currentVersionsShowing(trx, submissionId);
  for (const reportId of reportIds) {
    const current = (await lockCurrentVersion(trx, reportId))!;
    const content = readContent(current.content);
    const kept: ReportContent = { ...content, priorities: content.priorities.map((p) => ({ ...p, entries: p.entries.filter((entry) => entry.id !== submissionId) })) };
    const entryIds = kept.priorities.flatMap((p) => p.entries.map((entry) => entry.id));
    await issueNext(trx, reportId, { content: kept, entryIds, basisIds: current.figureBasisIds }, { by: null, now, supersedingReason: reason }, current.record.id);
  }
  return reportIds.length;
}
