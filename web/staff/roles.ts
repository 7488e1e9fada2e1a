/** Which screens each role may use; the API enforces the same rules, this only keeps the app from offering what would be refused. */
import type { Me, Role } from './types.ts';

export type ScreenName = 'queue' | 'safeguarding' | 'screening' | 'committees' | 'groups' | 'surveys' | 'audit' | 'staff' | 'jobs' | 'reports';

export const SCREENS: readonly { name: ScreenName; label: string; roles: readonly Role[] }[] = [
  { name: 'queue', label: 'Moderation queue', roles: ['participation_worker', 'safeguarding_lead'] },
  // Workers see only what they flagged themselves (the API filters); only leads may act on it.
  { name: 'safeguarding', label: 'Safeguarding lane', roles: ['safeguarding_lead', 'participation_worker'] },
  { name: 'committees', label: 'Committees', roles: ['committee_member', 'participation_worker', 'safeguarding_lead', 'admin'] },
  { name: 'groups', label: 'Groups', roles: ['participation_worker', 'admin'] },
  // Leads may read surveys and their results; only workers and admins write and publish them.
  { name: 'surveys', label: 'Surveys', roles: ['participation_worker', 'safeguarding_lead', 'admin'] },
  // Leads and admins review what staff said screening got wrong, and export the accepted reviews as corpus lines.
  { name: 'screening', label: 'Screening reviews', roles: ['safeguarding_lead', 'admin'] },
  // The annual report's "voice of the child" chapter is drafted and issued by leads and admins.
  { name: 'reports', label: 'Annual reports', roles: ['safeguarding_lead', 'admin'] },
  { name: 'audit', label: 'Audit log', roles: ['admin', 'safeguarding_lead'] },
  { name: 'staff', label: 'Staff and roles', roles: ['admin'] },
  { name: 'jobs', label: 'Background work', roles: ['admin'] },
];

export const ROLE_LABELS: Record<Role, string> = {
  participation_worker: 'Participation worker',
  safeguarding_lead: 'Safeguarding lead',
  committee_member: 'Committee member',
  admin: 'Admin',
};

export function hasRole(user: Pick<Me, 'roles'>, ...roles: Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}

export function screensFor(user: Pick<Me, 'roles'>) {
  return SCREENS.filter((screen) => hasRole(user, ...screen.roles));
}

/** Moderating, tagging and editing drawings. */
export const canModerate = (user: Pick<Me, 'roles'>) => hasRole(user, 'participation_worker', 'safeguarding_lead');
/** Escalating or clearing a safeguarding flag. */
export const isLead = (user: Pick<Me, 'roles'>) => hasRole(user, 'safeguarding_lead');
/** Adding meetings and agenda items, and marking items discussed. */
export const canOrganise = (user: Pick<Me, 'roles'>) => hasRole(user, 'participation_worker', 'admin');
/** Pinning and excluding feedback for an agenda item. */
export const canCurate = (user: Pick<Me, 'roles'>) => hasRole(user, 'participation_worker');
/** Writing, importing and publishing surveys (reading them and their results is for every role with the Surveys screen). */
export const canAuthorSurveys = (user: Pick<Me, 'roles'>) => hasRole(user, 'participation_worker', 'admin');
