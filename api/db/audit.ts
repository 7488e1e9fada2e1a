/** Writes to the append-only audit log. Details describe what happened, never what a child said. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type AuditEntry = {
  action: string;
  subjectType: string;
  subjectId?: string;
  actorId?: string | null;
  actorRole?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
};

export async function writeAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      action: entry.action,
      subject_type: entry.subjectType,
      subject_id: entry.subjectId ?? null,
      actor_id: entry.actorId ?? null,
      actor_role: entry.actorRole ?? null,
      request_id: entry.requestId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** Filters for reading the log: one subject, one action, entries before an id; newest first. */
export type AuditFilters = { subjectId?: string | undefined; action?: string | undefined; before?: number | undefined };

/** The newest `limit` entries matching, with the actor's display name. */
export async function readAuditLog(db: Kysely<Database>, filters: AuditFilters, limit: number) {
  let rows = db
    .selectFrom('audit_log')
    .leftJoin('staff_users', 'staff_users.id', 'audit_log.actor_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.subject_type', 'audit_log.subject_id', 'audit_log.actor_role', 'audit_log.request_id', 'audit_log.details', 'staff_users.display_name'])
    .orderBy('audit_log.id', 'desc')
    .limit(limit);
  if (filters.subjectId) rows = rows.where('audit_log.subject_id', '=', filters.subjectId);
  if (filters.action) rows = rows.where('audit_log.action', '=', filters.action);
  if (filters.before) rows = rows.where('audit_log.id', '<', filters.before);
  return rows.execute();
}
