/**
 * Moderation decisions on one submission. Each runs in a transaction that locks the row, checks the claim and
 * the safeguarding rule, snapshots the moderation fields (for undo) and writes the audit log.
 */
import type { Kysely, Transaction } from 'kysely';
import type { StaffIdentity } from '../auth/sessions.ts';
import { supersedePacksShowing } from '../committees/pack-versions.ts';
import { supersedeReportsShowing } from '../reports/versions.ts';
import { writeAudit } from '../db/audit.ts';
import type { Database, SubmissionsTable } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import { NotFoundError, ProblemError } from '../errors.ts';
import { enqueueSafeguardingNotice } from './notify.ts';
import { canSee, isLead } from './visibility.ts';

/** The fields a decision may change, and undo restores. */
const SNAPSHOT_FIELDS = [
  'status',
  'redacted_text',
  'rejection_reason',
  'moderated_by',
  'moderated_at',
  'safeguarding',
  'flagged_by',
  'safeguarding_resolution',
  'safeguarding_resolved_by',
  'safeguarding_resolved_at',
  'safeguarding_note',
  'referral_reference',
] as const;

/** Actions that cannot change what a pack shows; every other decision supersedes the packs showing the submission. */
const LEAVES_CONTENT_ALONE = new Set(['claimed', 'released', 'approved', 'no_concern']);

type SnapshotField = (typeof SNAPSHOT_FIELDS)[number];
type Snapshot = { fields: Pick<Record<SnapshotField, unknown>, SnapshotField>; priorities: number[]; themes: number[] };

export type LockedSubmission = Awaited<ReturnType<typeof lockSubmission>>;

async function lockSubmission(trx: Transaction<Database>, id: string) {
  return trx
    .selectFrom('submissions')
    .select(['id', 'status', 'text', 'redacted_text', 'safeguarding', 'flagged_by', 'safeguarding_resolution', 'claimed_by', 'claim_expires_at', 'screening', 'kind'])
    .select(SNAPSHOT_FIELDS.map((field) => `submissions.${field}` as const))
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export type DecisionContext = { deps: AppDeps; staff: StaffIdentity; requestId: string };

/**
 * Runs `change` on the locked submission. Refuses (404) what this staff member may not see or what was withdrawn,
 * and (409) a submission someone else has claimed.
 */
export async function decide<T>(
  context: DecisionContext,
  id: string,
  action: string,
  change: (trx: Transaction<Database>, row: NonNullable<LockedSubmission>, now: Date) => Promise<{ result: T; details?: Record<string, unknown> }>,
): Promise<T> {
  const { deps, staff, requestId } = context;
  return deps.db.transaction().execute(async (trx) => {
    const row = await lockSubmission(trx, id);
    if (!row || row.status === 'withdrawn' || !canSee(staff, row)) throw new NotFoundError('There is no such submission in your queue.');
    const now = deps.clock.now();
    if (row.claimed_by && row.claimed_by !== staff.id && row.claim_expires_at && new Date(row.claim_expires_at) > now) {
      throw new ProblemError(409, 'claimed_by_someone_else', 'Someone else is moderating this submission right now.');
    }
    const before = await snapshot(trx, row);
    const { result, details } = await change(trx, row, now);
    if (!LEAVES_CONTENT_ALONE.has(action)) {
      await supersedePacksShowing(trx, id, `Its moderation changed after the pack was issued (${action.replace('_', ' ')}).`, now);
      await supersedeReportsShowing(trx, id, `Its moderation changed after the report was issued (${action.replace('_', ' ')}).`, now);
    }
    await trx
      .insertInto('moderation_decisions')
      .values({ submission_id: id, staff_user_id: staff.id, action, before: JSON.stringify(before), at: now })
      .execute();
    await writeAudit(trx, {
      action: `submission.${action}`,
      subjectType: 'submission',
      subjectId: id,
      actorId: staff.id,
      actorRole: staff.roles.join(','),
      requestId,
      details,
    });
    return result;
  });
}

async function snapshot(trx: Kysely<Database>, row: NonNullable<LockedSubmission>): Promise<Snapshot> {
  const fields = Object.fromEntries(SNAPSHOT_FIELDS.map((field) => [field, row[field]])) as Snapshot['fields'];
  const priorities = await trx.selectFrom('submission_priorities').select('priority_id').where('submission_id', '=', row.id).execute();
  const themes = await trx.selectFrom('submission_themes').select('theme_id').where('submission_id', '=', row.id).execute();
  return { fields, priorities: priorities.map((p) => p.priority_id), themes: themes.map((t) => t.theme_id) };
}

/** The rule that protects a child's disclosure: nothing flagged is rejected or approved (by any path) until a lead has acted. */
export function assertSafeguardingResolved(row: { safeguarding: boolean; safeguarding_resolution: string | null }, what: string): void {
  if (row.safeguarding && !row.safeguarding_resolution) {
    throw new ProblemError(409, 'safeguarding_unresolved', `This may be a disclosure of harm. A safeguarding lead must record an escalation or "no concern" before it can be ${what}.`, {
      missing: 'safeguarding_resolution',
    });
  }
}

/**
 * Puts a submission in the safeguarding lane as flagged by `staffId` (who then still sees it). A flag on any status
 * (approved too) takes it behind the wall; a flag on one a lead cleared with "no concern" reopens it. Nothing if it
 * is in the lane and unresolved already.
 */
export async function flagForSafeguarding(
  trx: Kysely<Database>,
  row: { id: string; safeguarding: boolean; safeguarding_resolution: string | null },
  staffId: string,
  now: Date,
): Promise<void> {
  if (row.safeguarding && row.safeguarding_resolution !== 'no_concern') return;
  await trx
    .updateTable('submissions')
    .set({ safeguarding: true, flagged_by: staffId, safeguarding_resolution: null, safeguarding_resolved_by: null, safeguarding_resolved_at: null, updated_at: now })
    .where('id', '=', row.id)
    .execute();
  await enqueueSafeguardingNotice(trx, row.id, 'flagged_by_worker', now);
}

/**
 * Approves the locked submission, by any path (single or bulk): refused (409) while it is flagged and no lead has
 * recorded an escalation or "no concern", so a worker can never approve what they flagged themselves.
 */
export async function markApproved(trx: Kysely<Database>, row: NonNullable<LockedSubmission>, staffId: string, now: Date, what = 'approved'): Promise<void> {
  assertSafeguardingResolved(row, what);
  await trx
    .updateTable('submissions')
    .set({ status: 'approved', moderated_by: staffId, moderated_at: now, rejection_reason: null, claimed_by: null, claim_expires_at: null, updated_at: now })
    .where('id', '=', row.id)
    .execute();
}

/** Rejects with the reason kept for the record; a flag still waiting for a lead refuses it. */
export async function markRejected(trx: Kysely<Database>, row: NonNullable<LockedSubmission>, staffId: string, now: Date, reason: string): Promise<void> {
  assertSafeguardingResolved(row, 'rejected');
  await trx
    .updateTable('submissions')
    .set({ status: 'rejected', rejection_reason: reason, moderated_by: staffId, moderated_at: now, claimed_by: null, claim_expires_at: null, updated_at: now })
    .where('id', '=', row.id)
    .execute();
}

type SafeguardingState = { status: string; safeguarding: boolean; safeguarding_resolution: string | null };

/**
 * An undo may not take an unresolved flag away (only a lead's escalation or "no concern" does that, recorded with its
 * reason), may not bring back a lead's resolution for anyone but a lead, and may not approve a flagged submission.
 */
function assertUndoKeepsTheWall(staff: StaffIdentity, current: SafeguardingState, restored: SafeguardingState): void {
  const awaiting = (state: SafeguardingState) => state.safeguarding && !state.safeguarding_resolution;
  if (awaiting(current) && (!restored.safeguarding || (restored.safeguarding_resolution && !isLead(staff)))) {
    throw new ProblemError(409, 'safeguarding_unresolved', 'This flag is waiting for a safeguarding lead, who must record an escalation or "no concern"; an undo cannot clear it.', {
      missing: 'safeguarding_resolution',
    });
  }
  if (restored.status === 'approved' && current.status !== 'approved') assertSafeguardingResolved(restored, 'approved');
}

/** Restores the moderation fields and tags from before this staff member's last decision, within the undo window. */
export async function undoLastDecision(context: DecisionContext, id: string): Promise<void> {
  const { deps, staff, requestId } = context;
  await deps.db.transaction().execute(async (trx) => {
    const row = await lockSubmission(trx, id);
    if (!row || row.status === 'withdrawn' || !canSee(staff, row)) throw new NotFoundError('There is no such submission in your queue.');
    const last = await trx
      .selectFrom('moderation_decisions')
      .selectAll()
      .where('submission_id', '=', id)
      .where('undone_at', 'is', null)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    const now = deps.clock.now();
    if (!last || last.staff_user_id !== staff.id || now.getTime() - new Date(last.at).getTime() > deps.config.moderation.undoSeconds * 1000) {
      throw new ProblemError(409, 'nothing_to_undo', 'There is no recent decision of yours on this submission to undo.');
    }
    const before = last.before as Snapshot;
    assertUndoKeepsTheWall(staff, row, before.fields as SafeguardingState);
    await trx.updateTable('submissions').set({ ...(before.fields as Partial<SubmissionsTable>), updated_at: now } as never).where('id', '=', id).execute();
    await trx.deleteFrom('submission_priorities').where('submission_id', '=', id).execute();
    await trx.deleteFrom('submission_themes').where('submission_id', '=', id).execute();
    if (before.priorities.length > 0) {
      await trx.insertInto('submission_priorities').values(before.priorities.map((priority_id) => ({ submission_id: id, priority_id, tagged_by: staff.id }))).execute();
    }
    if (before.themes.length > 0) {
      await trx.insertInto('submission_themes').values(before.themes.map((theme_id) => ({ submission_id: id, theme_id, tagged_by: staff.id }))).execute();
    }
    await trx.updateTable('moderation_decisions').set({ undone_at: now }).where('id', '=', last.id).execute();
    await supersedePacksShowing(trx, id, 'A moderation decision was undone after the pack was issued.', now);
    await supersedeReportsShowing(trx, id, 'A moderation decision was undone after the report was issued.', now);
    await writeAudit(trx, { action: 'submission.undo', subjectType: 'submission', subjectId: id, actorId: staff.id, actorRole: staff.roles.join(','), requestId, details: { undid: last.action } });
  });
}
