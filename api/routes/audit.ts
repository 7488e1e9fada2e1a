/**
 * GET /api/audit: the append-only audit log, for admins and safeguarding leads, as JSON or as an XLSX workbook
 * (/api/audit.xlsx, up to 10 000 entries). Reading it is itself audited.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { readAuditLog, writeAudit, type AuditFilters } from '../db/audit.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { xlsxDownload } from '../exports/spreadsheet.ts';
import { requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';

const filters = {
  subjectId: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  before: z.coerce.number().int().positive().optional(),
};
const query = z.object({ ...filters, limit: z.coerce.number().int().min(1).max(200).default(50) });
const exportQuery = z.object({ ...filters, limit: z.coerce.number().int().min(1).max(10_000).default(10_000) }).strict();
const readers = requireStaff('admin', 'safeguarding_lead');

type Reader = { get(key: 'staff'): AppEnv['Variables']['staff']; get(key: 'requestId'): string };

export function auditRoutes(deps: AppDeps) {
  const audited = async (c: Reader, action: string, wanted: AuditFilters, limit: number) => {
    const entries = await readAuditLog(deps.db, wanted, limit);
    const staff = c.get('staff')!;
    await writeAudit(deps.db, { action, subjectType: 'audit_log', actorId: staff.id, actorRole: staff.roles.join(','), requestId: c.get('requestId'), details: { subjectId: wanted.subjectId, action: wanted.action } });
    return entries;
  };
  return new Hono<AppEnv>()
    .get('/api/audit', readers, validate('query', query), async (c) => {
      const { limit, ...wanted } = c.req.valid('query');
      const entries = await audited(c, 'audit.read', wanted, limit);
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
    })
    .get('/api/audit.xlsx', readers, validate('query', exportQuery), async (c) => {
      const { limit, ...wanted } = c.req.valid('query');
      const entries = await audited(c, 'audit.xlsx_exported', wanted, limit);
      const rows = entries.map((entry) => [entry.id, new Date(entry.at), entry.action, entry.subject_type, entry.subject_id, entry.display_name, entry.actor_role, entry.request_id, JSON.stringify(entry.details ?? {})]);
      const columns = ['id', 'at', 'action', 'subject type', 'subject id', 'actor', 'actor role', 'request id', 'details'];
      return xlsxDownload(c, deps.xlsx, [{ name: 'Audit log', columns, rows }], `heard-audit-log-${deps.clock.now().toISOString().slice(0, 10)}.xlsx`);
    });
}
