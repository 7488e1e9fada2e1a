/**
 * Issued pack versions: issue one for an agenda item (or get the current one back when nothing changed), list them,
 * open the current one (print page, CSV, XLSX or PDF). A superseded version answers 410 with its record only: that it
 * existed, when, and why it was superseded; as problem+json for API clients, as a page for a browser.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { loadVisibleItem } from '../committees/access.ts';
import { feedbackCsv } from '../committees/csv.ts';
import { csvDownload } from '../csv.ts';
import { xlsxDownload } from '../exports/spreadsheet.ts';
import { packSheets } from '../committees/pack-sheets.ts';
import { allFeedback, feedbackFigures } from '../committees/feedback.ts';
import { renderPack } from '../committees/pack-page.ts';
import { renderSupersededPage } from '../committees/superseded-page.ts';
import { packSurveysCsv } from '../committees/pack-survey-section.ts';
import { attachedResults, snapshotsOf } from '../committees/pack-surveys.ts';
import { printAsset } from '../committees/print-asset.ts';
import { findPackVersion, issueUnlessUnchanged, listPackVersions, packVersionSubmissionIds, type PackVersionRecord } from '../committees/pack-versions.ts';
import { writeAudit } from '../db/audit.ts';
import type { PullScope } from '../db/committee-feedback.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError, ProblemError } from '../errors.ts';
import { csrfProtection, requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';
import { privateDownload } from '../download.ts';

const organisers = requireStaff('participation_worker', 'admin');
const readers = requireStaff('participation_worker', 'safeguarding_lead', 'admin', 'committee_member');
const uuidParam = z.object({ id: z.uuid() });

type StaffContext = { get(key: 'staff'): AppEnv['Variables']['staff']; get(key: 'requestId'): string; req: { header(name: 'accept'): string | undefined } };

export function packVersionRoutes(deps: AppDeps) {
  const audit = (c: StaffContext, action: string, subjectId: string, details?: Record<string, unknown>) =>
    writeAudit(deps.db, { action, subjectType: 'pack_version', subjectId, actorId: c.get('staff')!.id, actorRole: c.get('staff')!.roles.join(','), requestId: c.get('requestId'), details });

  /** The current version with its item and submissions; a superseded one is a 410 carrying its record (a page, for a browser). */
  async function openVersion(c: StaffContext, id: string) {
    const version = await findPackVersion(deps.db, id);
    if (!version) throw new NotFoundError('There is no such pack version.');
    const item = await loadVisibleItem(deps.db, c.get('staff')!, version.agendaItemId);
    if (version.supersededAt) {
      await audit(c, 'pack.superseded_opened', version.id);
      const newest = (await listPackVersions(deps.db, item.id)).find((v) => v.supersededAt === null);
      // A person following a link from the minutes gets a page; an API client gets the problem.
      if (c.req.header('accept')?.includes('text/html')) {
        const page = await renderSupersededPage(item, version, newest && { ...newest, page: links(deps, newest).page });
        return new Response(page.toString(), { status: 410, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' } });
      }
      throw new ProblemError(410, 'pack_superseded', 'This pack version was superseded, and its content can no longer be opened. Open the newer version.', {
        record: version,
        ...(newest ? { current: { id: newest.id, version: newest.version, page: links(deps, newest).page } } : {}),
      });
    }
    const scope = { item, onlyIds: await packVersionSubmissionIds(deps.db, version.id) };
    return { version, item, scope };
  }

  /** What an opened version shows: its entries, the figures released for them, and the survey figures it kept. */
  async function contentOf({ version, scope }: { version: PackVersionRecord; scope: PullScope }) {
    const entries = await allFeedback(deps.db, scope, deps.config.publicUrl);
    const figures = await feedbackFigures(deps.db, scope, deps.config.figuresSuppressBelow, deps.clock.now());
    return { entries, figures, surveys: await snapshotsOf(deps.db, version.id) };
  }

  return new Hono<AppEnv>()
    .use('/api/packs/*', csrfProtection(deps))
    .post('/api/agenda-items/:id/packs', organisers, validate('param', uuidParam), async (c) => {
      const item = await loadVisibleItem(deps.db, c.get('staff')!, c.req.valid('param').id);
      const entries = await allFeedback(deps.db, { item }, deps.config.publicUrl);
      const surveys = await attachedResults(deps.db, item.id, deps.config.figuresSuppressBelow);
      const { version, created } = await deps.db
        .transaction()
        .execute((trx) => issueUnlessUnchanged(trx, item.id, entries.map((entry) => entry.id), { by: c.get('staff')!.id, now: deps.clock.now(), supersedingReason: 'A newer version was issued.' }, surveys));
      if (created) await audit(c, 'pack.issued', version.id, { agendaItemId: item.id, version: version.version, entries: entries.length, surveys: surveys.map((s) => ({ id: s.surveyId, version: s.version, by: s.by })) });
      return c.json({ ...version, entries: entries.length, surveys: surveys.length, links: links(deps, version), unchanged: !created }, created ? 201 : 200);
    })
    .get('/api/agenda-items/:id/packs', readers, validate('param', uuidParam), async (c) => {
      const item = await loadVisibleItem(deps.db, c.get('staff')!, c.req.valid('param').id);
      const versions = await listPackVersions(deps.db, item.id);
      return c.json({ versions: versions.map((version) => ({ ...version, links: version.supersededAt ? null : links(deps, version) })) });
    })
    .get('/api/packs/:id', readers, validate('param', uuidParam), async (c) => {
      const opened = await openVersion(c, c.req.valid('param').id);
      if (opened instanceof Response) return opened;
      const { version, item } = opened;
      const { entries, figures, surveys } = await contentOf(opened);
      await audit(c, 'pack.viewed', version.id, { agendaItemId: item.id, entries: entries.map((entry) => entry.id), surveys: surveys.map((s) => s.surveyId) });
      c.header('cache-control', 'private, no-store');
      return c.html(renderPack(item, entries, figures, deps.clock.now(), deps.config.figuresSuppressBelow, version, surveys));
    })
    .get('/api/packs/:id/pdf', readers, validate('param', uuidParam), async (c) => {
      if (!deps.pdf) {
        throw new ProblemError(501, 'pdf_unavailable', "PDFs need Chromium on the server, and this one has none. Open the pack's print page and print it to PDF from your browser.");
      }
      const opened = await openVersion(c, c.req.valid('param').id);
      if (opened instanceof Response) return opened;
      const { version, item } = opened;
      const { entries, figures, surveys } = await contentOf(opened);
      const html = (await renderPack(item, entries, figures, deps.clock.now(), deps.config.figuresSuppressBelow, version, surveys)).toString();
      const pdf = await deps.pdf.render({ url: links(deps, version).page, html, asset: (url) => printAsset(deps, url, entries.map((entry) => entry.id)) });
      await audit(c, 'pack.pdf_exported', version.id, { agendaItemId: item.id, entries: entries.length });
      return privateDownload(c, pdf, 'application/pdf', `heard-pack-${version.id}-v${version.version}.pdf`);
    })
    .get('/api/packs/:id/xlsx', readers, validate('param', uuidParam), async (c) => {
      const opened = await openVersion(c, c.req.valid('param').id);
      if (opened instanceof Response) return opened;
      const { version, item } = opened;
      const { entries, figures, surveys } = await contentOf(opened);
      const download = await xlsxDownload(c, deps.xlsx, packSheets(entries, figures, surveys, deps.clock.now()), `heard-pack-${version.id}-v${version.version}.xlsx`);
      await audit(c, 'pack.xlsx_exported', version.id, { agendaItemId: item.id, entries: entries.length, surveys: surveys.map((s) => s.surveyId) });
      return download;
    })
    .get('/api/packs/:id/csv', readers, validate('param', uuidParam), async (c) => {
      const opened = await openVersion(c, c.req.valid('param').id);
      if (opened instanceof Response) return opened;
      const { version, item, scope } = opened;
      const entries = await allFeedback(deps.db, scope, deps.config.publicUrl);
      const surveys = await snapshotsOf(deps.db, version.id);
      await audit(c, 'pack.csv_exported', version.id, { agendaItemId: item.id, entries: entries.length, surveys: surveys.map((s) => s.surveyId) });
      return csvDownload(c, feedbackCsv(entries) + packSurveysCsv(surveys), `heard-pack-${version.id}-v${version.version}.csv`);
    });
}

function links(deps: AppDeps, version: Pick<PackVersionRecord, 'id'>) {
  const page = `${deps.config.publicUrl}/api/packs/${version.id}`;
  return { page, csv: `${page}/csv`, xlsx: `${page}/xlsx`, pdf: `${page}/pdf` };
}
