/** Typed calls for running Heard: participation groups, staff roles, the audit log and background work. */
import { call, post, put, query } from './api.ts';
import type { AuditPage, AuditQuery, Group, Invitation, JobBacklogRow, RoleAssignment, StaffMember } from './types.ts';

export const groupsApi = {
  list: () => call<{ groups: Group[] }>('/api/groups/manage'),
  create: (name: string, activeUntil?: string) =>
    post<{ id: string; name: string; joinCode: string }>('/api/groups/manage', activeUntil ? { name, activeUntil } : { name }),
  rotateCode: (id: string) => post<{ id: string; joinCode: string }>(`/api/groups/manage/${encodeURIComponent(id)}/rotate-code`),
  expire: (id: string) => post<{ id: string; activeUntil: string }>(`/api/groups/manage/${encodeURIComponent(id)}/expire`),
};

export const staffApi = {
  list: () => call<{ staff: StaffMember[] }>('/api/staff'),
  setRoles: (id: string, roles: RoleAssignment[]) => put<{ roles: RoleAssignment[] }>(`/api/staff/${encodeURIComponent(id)}/roles`, { roles }),
  invitations: () => call<{ invitations: Invitation[] }>('/api/staff/invitations'),
  invite: (email: string, roles: RoleAssignment[]) => post<{ invitations: Invitation[] }>('/api/staff/invitations', { email, roles }),
  withdrawInvitation: (id: number) => call<void>(`/api/staff/invitations/${id}`, { method: 'DELETE' }),
};

export const auditApi = {
  page: (options: AuditQuery) => call<AuditPage>(`/api/audit${query({ action: options.action, subjectId: options.subjectId, before: options.before, limit: options.limit })}`),
  /** The filtered log (up to 10 000 entries, newest first) as an XLSX workbook. */
  xlsxUrl: (options: Pick<AuditQuery, 'action' | 'subjectId'>) => `/api/audit.xlsx${query({ action: options.action, subjectId: options.subjectId })}`,
};

export const jobsApi = {
  backlog: () => call<{ backlog: JobBacklogRow[] }>('/api/jobs/backlog'),
  revive: () => post<{ revived: number }>('/api/jobs/revive'),
};
