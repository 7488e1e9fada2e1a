/** Who may see a committee's packs: workers, leads and admins see all; committee members only their own committees. */
import type { Kysely } from 'kysely';
import type { StaffIdentity } from '../auth/sessions.ts';
import { loadAgendaItem, type AgendaItem } from '../db/committee-feedback.ts';
import type { Database } from '../db/schema.ts';
import { NotFoundError } from '../errors.ts';

const SEE_ALL = ['participation_worker', 'safeguarding_lead', 'admin'];

export async function visibleCommitteeIds(db: Kysely<Database>, staff: StaffIdentity): Promise<number[] | 'all'> {
  if (staff.roles.some((role) => SEE_ALL.includes(role))) return 'all';
  const rows = await db
    .selectFrom('staff_roles')
    .select('committee_id')
    .where('staff_user_id', '=', staff.id)
    .where('role', '=', 'committee_member')
    .where('committee_id', 'is not', null)
    .execute();
  return rows.map((row) => row.committee_id!);
}

/** 404 (not 403) for another committee's item: its existence is not theirs to know. */
export async function assertCommitteeVisible(db: Kysely<Database>, staff: StaffIdentity, committeeId: number): Promise<void> {
  const visible = await visibleCommitteeIds(db, staff);
  if (visible !== 'all' && !visible.includes(committeeId)) throw new NotFoundError('There is no such agenda item for your committees.');
}

/** The agenda item, if it exists and belongs to a committee this staff member may see; otherwise 404. */
export async function loadVisibleItem(db: Kysely<Database>, staff: StaffIdentity, id: string): Promise<AgendaItem> {
  const item = await loadAgendaItem(db, id);
  if (!item) throw new NotFoundError('There is no such agenda item.');
  await assertCommitteeVisible(db, staff, item.committeeId);
  return item;
}
