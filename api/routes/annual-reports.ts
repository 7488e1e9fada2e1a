/**
 * Annual "voice of the child" reports for admins and safeguarding leads: define one (period, priorities,
 * committees), curate its quotes and drawings, preview the draft, and issue a version (or get the current one back
 * when nothing changed). Issued versions are read in routes/report-versions.ts.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { listReportVersions } from '../db/annual-report-versions.ts';
import { clearCuration, curationOf, eligibleEntries, findReport, insertReport, listReports, setCuration, submissionExists, taxonomy, updateReport, type ReportDefinition, type ReportFields } from '../db/annual-reports.ts';
import { writeAudit } from '../db/audit.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError, ProblemError, ValidationError } from '../errors.ts';
import { csrfProtection, requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';
import { buildDraft, periodsOf } from '../reports/content.ts';
import { renderReportPage } from '../reports/report-page.ts';
import { EntriesNotEligibleError, issueReportUnlessUnchanged } from '../reports/versions.ts';
import { reportLinks } from './report-versions.ts';

const reportStaff = requireStaff('admin', 'safeguarding_lead');
const uuidParam = z.object({ id: z.uuid() });
const day = z.iso.date();
const definitionBody = z
  .object({
    title: z.string().trim().min(2).max(200),
    periodStart: day,
    periodEnd: day,
    priorities: z.array(z.string().max(64)).min(1).max(20),
    committees: z.array(z.string().max(64)).max(30).default([]),
    publicSummary: z.boolean().default(false),
  })
  .strict()
  .refine((body) => body.periodEnd > body.periodStart, { path: ['periodEnd'], message: 'The period must end after it starts.' })
  .refine((body) => Date.parse(body.periodEnd) - Date.parse(body.periodStart) <= 2 * 366 * 86_400_000, { path: ['periodEnd'], message: 'A report covers at most two years.' });
const curationBody = z.object({ choice: z.enum(['pick', 'exclude', 'none']), position: z.number().int().min(0).max(10_000).default(0) }).strict();

type Staff = NonNullable<AppEnv['Variables']['staff']>;

export function annualReportRoutes(deps: AppDeps) {
  const audit = (c: { get(key: 'staff'): AppEnv['Variables']['staff']; get(key: 'requestId'): string }, action: string, subjectId: string, details?: Record<string, unknown>) =>
    writeAudit(deps.db, { action, subjectType: 'annual_report', subjectId, actorId: c.get('staff')!.id, actorRole: c.get('staff')!.roles.join(','), requestId: c.get('requestId'), details });
  const settings = () => ({ threshold: deps.config.figuresSuppressBelow, adultFor: deps.config.intake.publicConsentNeedsAdultFor, now: deps.clock.now() });

  async function loadReport(id: string): Promise<ReportDefinition> {
    const report = await findReport(deps.db, id);
    if (!report) throw new NotFoundError('There is no such report.');
    return report;
  }

  /** Slugs to ids, naming every unknown one; only an admin may switch the public summary on. */
  async function fieldsOf(body: z.infer<typeof definitionBody>, staff: Staff): Promise<ReportFields> {
    if (body.publicSummary && !staff.roles.includes('admin')) throw new ProblemError(403, 'public_summary_admin_only', 'Only an admin can switch on the public summary.');
    const priorities = await taxonomy(deps.db, 'priorities', { slugs: body.priorities });
    const committees = await taxonomy(deps.db, 'committees', { slugs: body.committees });
    const unknown = [
      ...body.priorities.filter((slug) => !priorities.some((p) => p.slug === slug)).map((slug) => ({ pointer: '/priorities', detail: `No such priority: ${slug}` })),
      ...body.committees.filter((slug) => !committees.some((p) => p.slug === slug)).map((slug) => ({ pointer: '/committees', detail: `No such committee: ${slug}` })),
    ];
    if (unknown.length) throw new ValidationError(unknown);
    return { title: body.title, periodStart: body.periodStart, periodEnd: body.periodEnd, priorityIds: priorities.map((p) => p.id), committeeIds: committees.map((c) => c.id), publicSummary: body.publicSummary };
  }

  const view = async (report: ReportDefinition) => ({
    ...report,
    priorities: await taxonomy(deps.db, 'priorities', { ids: report.priorityIds }),
    committees: await taxonomy(deps.db, 'committees', { ids: report.committeeIds }),
  });

  return new Hono<AppEnv>()
    .use('/api/reports', csrfProtection(deps))
    .use('/api/reports/*', csrfProtection(deps))
    .get('/api/reports', reportStaff, async (c) => c.json({ reports: await Promise.all((await listReports(deps.db)).map(view)) }))
    .post('/api/reports', reportStaff, validate('json', definitionBody), async (c) => {
      const id = await insertReport(deps.db, await fieldsOf(c.req.valid('json'), c.get('staff')!), c.get('staff')!.id);
      await audit(c, 'report.created', id);
      return c.json(await view(await loadReport(id)), 201);
    })
    .get('/api/reports/:id', reportStaff, validate('param', uuidParam), async (c) => {
      const report = await loadReport(c.req.valid('param').id);
      const versions = await listReportVersions(deps.db, report.id);
      return c.json({ ...(await view(report)), versions: versions.map((v) => ({ ...v, links: v.supersededAt ? null : reportLinks(deps, v) })) });
    })
    .put('/api/reports/:id', reportStaff, validate('param', uuidParam), validate('json', definitionBody), async (c) => {
      const report = await loadReport(c.req.valid('param').id);
      await updateReport(deps.db, report.id, await fieldsOf(c.req.valid('json'), c.get('staff')!), deps.clock.now());
      await audit(c, 'report.updated', report.id);
      return c.json(await view(await loadReport(report.id)));
    })
    /** The curation screen's list: picks in order (with whether each may still be used), candidates, exclusions. */
    .get('/api/reports/:id/entries', reportStaff, validate('param', uuidParam), async (c) => {
      const report = await loadReport(c.req.valid('param').id);
      const curation = await curationOf(deps.db, report.id);
      const scope = { priorityIds: report.priorityIds, period: periodsOf(report).current, adultFor: deps.config.intake.publicConsentNeedsAdultFor };
      const picked = await eligibleEntries(deps.db, { ...scope, ids: curation.filter((e) => e.choice === 'pick').map((e) => e.submissionId) });
      const candidates = await eligibleEntries(deps.db, { ...scope, excludeIds: curation.map((e) => e.submissionId), limit: 100 });
      const shape = (row: (typeof candidates)[number]) => ({ id: row.id, kind: row.kind, ageBand: row.ageBand, quote: row.words, month: row.createdAt.toISOString().slice(0, 7), group: row.group, public: row.public });
      await audit(c, 'report.entries_read', report.id, { entries: [...picked, ...candidates].map((row) => row.id) });
      return c.json({
        picked: curation.filter((e) => e.choice === 'pick').map((e) => {
          const row = picked.find((p) => p.id === e.submissionId);
          return row ? { ...shape(row), position: e.position, eligible: true } : { id: e.submissionId, position: e.position, eligible: false };
        }),
        excluded: curation.filter((e) => e.choice === 'exclude').map((e) => e.submissionId),
        candidates: candidates.map(shape),
      });
    })
    .put('/api/reports/:id/curation/:submissionId', reportStaff, validate('param', z.object({ id: z.uuid(), submissionId: z.uuid() })), validate('json', curationBody), async (c) => {
      const { id, submissionId } = c.req.valid('param');
      const body = c.req.valid('json');
      const report = await loadReport(id);
      if (body.choice === 'none') await clearCuration(deps.db, report.id, submissionId);
      else {
        if (!(await submissionExists(deps.db, submissionId))) throw new NotFoundError('There is no such submission.');
        await setCuration(deps.db, { reportId: report.id, submissionId, choice: body.choice, position: body.position, by: c.get('staff')!.id, now: deps.clock.now() });
      }
      await audit(c, 'report.curated', report.id, { submissionId, choice: body.choice });
      return c.json({ choice: body.choice });
    })
    .get('/api/reports/:id/preview', reportStaff, validate('param', uuidParam), async (c) => {
      const report = await loadReport(c.req.valid('param').id);
      const draft = await buildDraft(deps.db, report, settings());
      await audit(c, 'report.previewed', report.id, { entries: draft.entryIds });
      c.header('cache-control', 'private, no-store');
      return c.html(renderReportPage(draft.content, { generatedAt: deps.clock.now(), mediaUrl: (mediaId) => `${deps.config.publicUrl}/api/media/${mediaId}` }));
    })
    /** 201 with a new version; 200 with the current one when nothing changed; 409 when a pick may no longer be used. */
    .post('/api/reports/:id/versions', reportStaff, validate('param', uuidParam), async (c) => {
      const report = await loadReport(c.req.valid('param').id);
      const draft = await buildDraft(deps.db, report, settings());
      if (draft.stale.length > 0) throw new EntriesNotEligibleError(draft.stale);
      const { version, created } = await deps.db
        .transaction()
        .execute((trx) => issueReportUnlessUnchanged(trx, report.id, draft, { by: c.get('staff')!.id, now: deps.clock.now(), supersedingReason: 'A newer version was issued.' }));
      if (created) await audit(c, 'report.issued', report.id, { versionId: version.id, version: version.version, entries: draft.entryIds.length });
      return c.json({ ...version, entries: draft.entryIds.length, links: reportLinks(deps, version), unchanged: !created }, created ? 201 : 200);
    });
}
