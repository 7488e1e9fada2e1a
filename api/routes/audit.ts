/** GET /api/audit: the append-only audit log, for admins and safeguarding leads. Reading it is itself audited. */
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../db/audit.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';

const query = z.object({
  subjectId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function auditRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get('/api/audit', requireStaff('admin', 'safeguarding_lead'), validate('query', query), async (c) => {
    const { subjectId, action, before, limit } = c.req.valid('query');
    let rows = deps.db
      .selectFrom('audit_log')
      .leftJoin('staff_users', 'staff_users.id', 'audit_log.actor_id')
      .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.subject_type', 'audit_log.subject_id', 'audit_log.actor_role', 'audit_log.request_id', 'audit_log.details', 'staff_users.display_name'])
      .orderBy('audit_log.id', 'desc')
      .limit(limit);
    if (subjectId) rows = rows.where('audit_log.subject_id', '=', subjectId);
    if (action) rows = rows.where('audit_log.action', '=', action);
    if (before) rows = rows.where('audit_log.id', '<', before);
    const entries = await rows.execute();
    const staff = c.get('staff')!;
    await writeAudit(deps.db, { action: 'audit.read', subjectType: 'audit_log', actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId'), details: { subjectId, action } });
    return c.json({
      entries: entries.map((entry) => ({
        id: entry.id,
        at: new Date(entry.at).toISOString(),
        action: entry.action,
        subjectType: entry.subject_type,
        subjectId: entry.subject_id,
        actor: entry.display_name,
        actorRole: entry.actor_role,
        requestId: entry.request_id,
        details: entry.details,
      })),
      nextBefore: entries.length === limit ? entries.at(-1)!.id : null,
    });
  });
}
