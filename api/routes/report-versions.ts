/**
 * Issued annual report versions: the page, the PDF (the same server-side Chromium as packs) and the DOCX. A
 * superseded version answers 410 with its record only; as problem+json for API clients, as a page for a browser.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { printAsset } from '../committees/print-asset.ts';
import { renderSupersededRecord } from '../committees/superseded-page.ts';
import { findReportVersion, listReportVersions, type ReportVersionRecord } from '../db/annual-report-versions.ts';
import { findReport } from '../db/annual-reports.ts';
import { readyMediaOf } from '../db/media.ts';
import { writeAudit } from '../db/audit.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError, ProblemError } from '../errors.ts';
import { requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';
import { readContent, type ReportContent } from '../reports/content.ts';
import { renderReportDocx, type DocxImage } from '../reports/report-docx.ts';
import { renderReportPage } from '../reports/report-page.ts';
import { privateDownload } from '../download.ts';

const reportStaff = requireStaff('admin', 'safeguarding_lead');
const uuidParam = z.object({ id: z.uuid() });

type StaffContext = { get(key: 'staff'): AppEnv['Variables']['staff']; get(key: 'requestId'): string; req: { header(name: 'accept'): string | undefined } };

export function reportLinks(deps: AppDeps, version: Pick<ReportVersionRecord, 'id'>) {
  const page = `${deps.config.publicUrl}/api/reports/issued/${version.id}`;
  return { page, pdf: `${page}/pdf`, docx: `${page}/docx` };
}

const entryIdsOf = (content: ReportContent) => content.priorities.flatMap((p) => p.entries.map((entry) => entry.id));

export function reportVersionRoutes(deps: AppDeps) {
  const audit = (c: StaffContext, action: string, subjectId: string, details?: Record<string, unknown>) =>
    writeAudit(deps.db, { action, subjectType: 'annual_report_version', subjectId, actorId: c.get('staff')!.id, actorRole: c.get('staff')!.roles.join(','), requestId: c.get('requestId'), details });
  const mediaUrl = (mediaId: string) => `${deps.config.publicUrl}/api/media/${mediaId}`;

  /** The current version and its content; a superseded one is a 410 carrying its record (a page, for a browser). */
  async function openVersion(c: StaffContext, id: string): Promise<Response | { record: ReportVersionRecord; content: ReportContent }> {
    const found = await findReportVersion(deps.db, id);
    if (!found) throw new NotFoundError('There is no such report version.');
    const { record } = found;
    if (!record.supersededAt) return { record, content: readContent(found.content) };
    await audit(c, 'report.superseded_opened', record.id);
    const newest = (await listReportVersions(deps.db, record.reportId)).find((v) => v.supersededAt === null);
    if (c.req.header('accept')?.includes('text/html')) {
      const report = await findReport(deps.db, record.reportId);
      const title = report?.title ?? 'Annual report';
      const page = await renderSupersededRecord({ noun: 'Report', title, meta: title, record, current: newest && { ...newest, page: reportLinks(deps, newest).page } });
      return new Response(page.toString(), { status: 410, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' } });
    }
    throw new ProblemError(410, 'report_superseded', 'This report version was superseded, and its content can no longer be opened. Open the newer version.', {
      record,
      ...(newest ? { current: { id: newest.id, version: newest.version, page: reportLinks(deps, newest).page } } : {}),
    });
  }

  return new Hono<AppEnv>()
    .get('/api/reports/issued/:id', reportStaff, validate('param', uuidParam), async (c) => {
      const opened = await openVersion(c, c.req.valid('param').id);
      if (opened instanceof Response) return opened;
      await audit(c, 'report.viewed', opened.record.id, { entries: entryIdsOf(opened.content) });
      c.header('cache-control', 'private, no-store');
      return c.html(renderReportPage(opened.content, { version: opened.record, generatedAt: deps.clock.now(), mediaUrl }));
    })
    .get('/api/reports/issued/:id/pdf', reportStaff, validate('param', uuidParam), async (c) => {
      if (!deps.pdf) throw new ProblemError(501, 'pdf_unavailable', "PDFs need Chromium on the server, and this one has none. Open the report's page and print it to PDF from your browser.");
      const opened = await openVersion(c, c.req.valid('param').id);
      if (opened instanceof Response) return opened;
      const { record, content } = opened;
      const html = (await renderReportPage(content, { version: record, generatedAt: deps.clock.now(), mediaUrl })).toString();
      const pdf = await deps.pdf.render({ url: reportLinks(deps, record).page, html, asset: (url) => printAsset(deps, url, entryIdsOf(content)) });
      await audit(c, 'report.pdf_exported', record.id, { entries: entryIdsOf(content).length });
      return privateDownload(c, pdf, 'application/pdf', `heard-annual-report-${record.id}-v${record.version}.pdf`);
    })
    .get('/api/reports/issued/:id/docx', reportStaff, validate('param', uuidParam), async (c) => {
      const opened = await openVersion(c, c.req.valid('param').id);
      if (opened instanceof Response) return opened;
      const { record, content } = opened;
      const docx = await renderReportDocx(content, record, await docxImages(deps, content));
      await audit(c, 'report.docx_exported', record.id, { entries: entryIdsOf(content).length });
      return privateDownload(c, docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', `heard-annual-report-${record.id}-v${record.version}.docx`);
    });
}

/** The drawings as PNG, where the server can convert them (Node with sharp); otherwise the document says so in words. */
async function docxImages(deps: AppDeps, content: ReportContent): Promise<Map<string, DocxImage>> {
  const images = new Map<string, DocxImage>();
  const toPng = deps.images?.png?.bind(deps.images);
  const drawings = content.priorities.flatMap((p) => p.entries.filter((e) => e.drawing !== null));
  if (!toPng || drawings.length === 0) return images;
  const media = await readyMediaOf(deps.db, drawings.map((e) => e.id));
  for (const entry of drawings) {
    const object = media.find((m) => m.id === entry.drawing!.imageId);
    const blob = object && (await deps.blobs.get(object.storage_key));
    if (blob) images.set(entry.drawing!.imageId, await toPng(new Uint8Array(await new Response(blob.body).arrayBuffer())));
  }
  return images;
}
