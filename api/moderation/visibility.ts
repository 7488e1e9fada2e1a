/**
 * Who may see what. Safeguarding-flagged submissions sit in a restricted lane (until a lead records "no concern":
 * `isOutsideLane`): only safeguarding leads and the worker who flagged them. Once redacted, the redacted text is
 * all anyone but a safeguarding lead sees.
 */
import type { StaffIdentity } from '../auth/sessions.ts';
import { isOutsideLane } from '../db/visibility.ts';

export function isLead(staff: Pick<StaffIdentity, 'roles'>): boolean {
  return staff.roles.includes('safeguarding_lead');
}

export function canSee(staff: Pick<StaffIdentity, 'id' | 'roles'>, row: { safeguarding: boolean; safeguarding_resolution: string | null; flagged_by: string | null }): boolean {
  return isOutsideLane(row) || isLead(staff) || row.flagged_by === staff.id;
}

/** The text this staff member may read: leads see what the child wrote; others the redacted text once there is one. */
export function visibleText(staff: Pick<StaffIdentity, 'roles'>, row: { text: string | null; redacted_text: string | null }): string | null {
  if (isLead(staff)) return row.text;
  return row.redacted_text ?? row.text;
}
