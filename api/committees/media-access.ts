/**
 * Per-object authorisation for pictures: a role sees a picture only when it may see the submission. Leads see the
 * whole lane; workers what their moderation queue shows them; everyone else (committee members, admins) only what an
 * agenda item of a committee they may see shows now (admins also what an annual report picked or shows), through the same wall as every committee read.
 */
import type { Kysely } from 'kysely';
import type { StaffIdentity } from '../auth/sessions.ts';
import { shownByReports } from '../db/annual-reports.ts';
import { shownByCommittees } from '../db/committee-feedback.ts';
import type { Database } from '../db/schema.ts';
import { canSee, isLead } from '../moderation/visibility.ts';
import { visibleCommitteeIds } from './access.ts';

type Subject = { submission_id: string; status: string; withdrawn_at: Date | string | null; safeguarding: boolean; safeguarding_resolution: string | null; flagged_by: string | null };

export async function maySeePicture(db: Kysely<Database>, staff: StaffIdentity, subject: Subject): Promise<boolean> {
  if (subject.status === 'withdrawn' || subject.withdrawn_at !== null) return false;
  if (isLead(staff)) return true;
  if (staff.roles.includes('participation_worker') && canSee(staff, subject)) return true;
  if (staff.roles.includes('admin') && (await shownByReports(db, subject.submission_id))) return true;
  return shownByCommittees(db, subject.submission_id, await visibleCommitteeIds(db, staff));
}
