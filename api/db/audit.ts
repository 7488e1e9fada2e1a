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
