/** Turns an ID token's roles claim (e.g. `roles` or `groups`) into Heard roles through the configured map. */
import type { AuthConfig, StaffRoleName } from '../config.ts';

const HEARD_ROLES: readonly StaffRoleName[] = ['participation_worker', 'safeguarding_lead', 'committee_member', 'admin'];

export function rolesFromClaims(claims: Record<string, unknown>, auth: Pick<AuthConfig, 'rolesClaim' | 'roleMap'>): StaffRoleName[] {
  const raw = claims[auth.rolesClaim];
  const values = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  const roles = new Set<StaffRoleName>();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const mapped = auth.roleMap[value] ?? (HEARD_ROLES.includes(value as StaffRoleName) ? (value as StaffRoleName) : undefined);
    if (mapped) roles.add(mapped);
  }
  return [...roles].sort();
}
