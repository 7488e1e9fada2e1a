/**
 * The safeguarding wall: the one predicate every read path outside the lane (committee pulls, figures, CSV, packs,
 * pack versions, media) applies to submissions. A flagged submission stays inside the lane until a safeguarding lead
 * records "no concern"; an escalated one (a disclosure referred on) never leaves it.
 */
import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { Database } from './schema.ts';

type Submissions = ExpressionBuilder<Database, 'submissions'>;

/** Not flagged, or flagged and cleared by a lead with "no concern". */
export function outsideLane(eb: Submissions): ExpressionWrapper<Database, 'submissions', SqlBool> {
  return eb.or([eb('submissions.safeguarding', '=', false), eb('submissions.safeguarding_resolution', '=', 'no_concern')]);
}

/** What a committee may be shown at all: approved, shared with committees by the child, not withdrawn, outside the lane. */
export function shownToCommittees(eb: Submissions): ExpressionWrapper<Database, 'submissions', SqlBool> {
  return eb.and([
    eb('submissions.status', '=', 'approved'),
    eb('submissions.consent_share_with_committee', '=', true),
    eb('submissions.withdrawn_at', 'is', null),
    outsideLane(eb),
  ]);
}

/** The same rule for a row already read (the media route, decisions): keep in step with `outsideLane`. */
export function isOutsideLane(row: { safeguarding: boolean; safeguarding_resolution: string | null }): boolean {
  return !row.safeguarding || row.safeguarding_resolution === 'no_concern';
}
