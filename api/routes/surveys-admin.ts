/**
 * Survey definitions for staff: write a draft, publish it (a published version never changes; the next edit is a
 * new version), read results with small-number suppression as JSON, CSV or an SVG chart per question, compare two
 * periods, and share a survey as JSON.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../db/audit.ts';
import { createSurvey, findSurvey, latestVersion, listSurveys, publishDraft, saveDraft, surveyTallies, titleOf } from '../db/survey-definitions.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError, ProblemError, ValidationError } from '../errors.ts';
import { parseQuestions } from '../intake/survey-answers.ts';
import { csrfProtection, requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';
import { SURVEY_EXPORT_FORMAT, surveyDefinitionSchema, surveyExportSchema } from '../surveys/definition.ts';
import { fromTallies } from '../surveys/results.ts';
import { questionChart } from '../surveys/results-chart.ts';
import { comparePeriods } from '../surveys/results-compare.ts';
import { resultsCsv } from '../surveys/results-csv.ts';
import { csvDownload } from '../csv.ts';
import { xlsxDownload } from '../exports/spreadsheet.ts';
import { resultsSheets } from '../surveys/results-sheets.ts';

const authors = requireStaff('participation_worker', 'admin');
const readers = requireStaff('participation_worker', 'safeguarding_lead', 'admin');
const idParam = z.object({ id: z.uuid() });
const resultsQuery = z.object({
  version: z.coerce.number().int().positive().optional(),
  by: z.enum(['none', 'ageBand', 'group', 'month']).default('none'),
});

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = z.string().regex(MONTH, 'Give a month as YYYY-MM.');
const compareQuery = z
  .object({ version: z.coerce.number().int().positive().optional(), from1: month, to1: month, from2: month, to2: month })
  .superRefine((q, ctx) => {
    if (q.from1 > q.to1) ctx.addIssue({ code: 'custom', path: ['to1'], message: 'The first period must end in or after the month it starts.' });
    if (q.from2 > q.to2) ctx.addIssue({ code: 'custom', path: ['to2'], message: 'The second period must end in or after the month it starts.' });
  });
const chartQuery = resultsQuery.extend({ question: z.string().min(1).max(40) });

type StaffContext = { get(key: 'staff'): AppEnv['Variables']['staff']; get(key: 'requestId'): string };

export function surveyAdminRoutes(deps: AppDeps) {
  const audit = (c: StaffContext, action: string, subjectId: string, details?: Record<string, unknown>) =>
    writeAudit(deps.db, { action, subjectType: 'survey', subjectId, actorId: c.get('staff')!.id, actorRole: c.get('staff')!.roles.join(','), requestId: c.get('requestId'), details });

  /** The published version asked for (the latest when none is named), with its questions. */
  async function publishedVersion(id: string, wanted: number | undefined) {
    const survey = await findSurvey(deps.db, id);
    if (!survey) throw new NotFoundError('There is no such survey.');
    const published = survey.versions.filter((v) => v.published_at !== null);
    const version = wanted === undefined ? published.at(-1) : published.find((v) => v.version === wanted);
    if (!version) throw new NotFoundError('That version of the survey has not been published.');
    return { survey: { id, title: survey.title, version: version.version }, questions: parseQuestions(version.questions) };
  }

  async function results(c: StaffContext, id: string, query: z.infer<typeof resultsQuery>, read = 'survey.results_read') {
    const { survey, questions } = await publishedVersion(id, query.version);
    const tallies = await surveyTallies(deps.db, id, survey.version, query.by);
    await audit(c, read, id, { version: survey.version, by: query.by });
    return { survey, questions, results: fromTallies(questions, tallies, query.by, deps.config.figuresSuppressBelow) };
  }

  return new Hono<AppEnv>()
    .use('/api/surveys', csrfProtection(deps))
    .use('/api/surveys/*', csrfProtection(deps))
    .get('/api/surveys', readers, async (c) => {
      const rows = await listSurveys(deps.db);
      return c.json({ surveys: rows.map((row) => ({ id: row.id, title: row.title, latestVersion: row.latest_version, publishedVersion: row.published_version })) });
    })
    .post('/api/surveys', authors, validate('json', surveyDefinitionSchema), async (c) => {
      const definition = c.req.valid('json');
      const id = await deps.db.transaction().execute((trx) => createSurvey(trx, definition, c.get('staff')!.id));
      await audit(c, 'survey.created', id);
      return c.json({ id, version: 1, status: 'draft' }, 201);
    })
    .post('/api/surveys/import', authors, validate('json', surveyExportSchema), async (c) => {
      const shared = c.req.valid('json');
      const id = await deps.db.transaction().execute((trx) => createSurvey(trx, shared, c.get('staff')!.id));
      await audit(c, 'survey.imported', id);
      return c.json({ id, version: 1, status: 'draft' }, 201);
    })
    .get('/api/surveys/:id', readers, validate('param', idParam), async (c) => {
      const survey = await findSurvey(deps.db, c.req.valid('param').id);
      if (!survey) throw new NotFoundError('There is no such survey.');
      return c.json({
        id: survey.id,
        title: survey.title,
        titleWords: survey.title_words,
        versions: survey.versions.map((v) => ({
          version: v.version,
          status: v.published_at === null ? 'draft' : 'published',
          publishedAt: v.published_at === null ? null : new Date(v.published_at).toISOString(),
          opensAt: v.opens_at === null ? null : new Date(v.opens_at).toISOString(),
          closesAt: v.closes_at === null ? null : new Date(v.closes_at).toISOString(),
          groupIds: v.group_ids,
          intro: v.intro,
          questions: v.questions,
        })),
      });
    })
    .put('/api/surveys/:id/draft', authors, validate('param', idParam), validate('json', surveyDefinitionSchema), async (c) => {
      const { id } = c.req.valid('param');
      const version = await deps.db.transaction().execute((trx) => saveDraft(trx, id, c.req.valid('json')));
      if (version === undefined) throw new NotFoundError('There is no such survey.');
      await audit(c, 'survey.draft_saved', id, { version });
      return c.json({ id, version, status: 'draft' });
    })
    .post('/api/surveys/:id/publish', authors, validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      const version = await deps.db.transaction().execute((trx) => publishDraft(trx, id, deps.clock.now()));
      if (version === undefined) {
        if (!(await latestVersion(deps.db, id))) throw new NotFoundError('There is no such survey.');
        throw new ProblemError(409, 'nothing_to_publish', 'The latest version is already published. Save a draft with your changes first.');
      }
      await audit(c, 'survey.published', id, { version });
      return c.json({ id, version, status: 'published' });
    })
    .get('/api/surveys/:id/export', readers, validate('param', idParam), async (c) => {
      const survey = await findSurvey(deps.db, c.req.valid('param').id);
      const latest = survey?.versions.at(-1);
      if (!survey || !latest) throw new NotFoundError('There is no such survey.');
      const shared = { format: SURVEY_EXPORT_FORMAT, title: titleOf(survey), intro: latest.intro, questions: latest.questions };
      return c.json(shared, 200, { 'content-disposition': `attachment; filename="heard-survey-${survey.id}.json"` });
    })
    .get('/api/surveys/:id/results', readers, validate('param', idParam), validate('query', resultsQuery), async (c) => {
      const { survey, results: found } = await results(c, c.req.valid('param').id, c.req.valid('query'));
      return c.json({ survey, ...found });
    })
    .get('/api/surveys/:id/results.csv', readers, validate('param', idParam), validate('query', resultsQuery), async (c) => {
      const { survey, results: found } = await results(c, c.req.valid('param').id, c.req.valid('query'));
      return csvDownload(c, resultsCsv(found), `heard-survey-${survey.id}-v${survey.version}.csv`);
    })
    .get('/api/surveys/:id/results.xlsx', readers, validate('param', idParam), validate('query', resultsQuery), async (c) => {
      const { survey, questions, results: found } = await results(c, c.req.valid('param').id, c.req.valid('query'), 'survey.results_xlsx_exported');
      return xlsxDownload(c, deps.xlsx, resultsSheets(survey, questions, found, deps.clock.now()), `heard-survey-${survey.id}-v${survey.version}.xlsx`);
    })
    /**
     * One question's results as an accessible SVG bar chart (role="img", aria-label, <title>, and a <desc> with
     * every figure as text): all children, then each breakdown group; suppressed groups read "fewer than N".
     * Query: question (required), by, version — as for /results.
     */
    .get('/api/surveys/:id/results.svg', readers, validate('param', idParam), validate('query', chartQuery), async (c) => {
      const query = c.req.valid('query');
      const { questions, results: found } = await results(c, c.req.valid('param').id, query, 'survey.chart_read');
      const question = questions.find((q) => q.id === query.question);
      if (!question) throw new ValidationError([{ pointer: '/question', detail: 'This version of the survey has no such question.' }]);
      return c.body(String(await questionChart(found, question)), 200, { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'private, no-store' });
    })
    /**
     * Two periods of whole months side by side: from1–to1 and from2–to2 (YYYY-MM, both ends included; a quarter
     * is three months), optional version. Answers { survey, threshold, periods: [PeriodResult, PeriodResult],
     * changes } (see surveys/results-compare.ts); a period that could undo suppression by subtraction is withheld.
     */
    .get('/api/surveys/:id/results/compare', readers, validate('param', idParam), validate('query', compareQuery), async (c) => {
      const { id } = c.req.valid('param');
      const query = c.req.valid('query');
      const { survey, questions } = await publishedVersion(id, query.version);
      const byMonth = await surveyTallies(deps.db, id, survey.version, 'month');
      const periods = [{ from: query.from1, to: query.to1 }, { from: query.from2, to: query.to2 }] as const;
      await audit(c, 'survey.results_compared', id, { version: survey.version, periods });
      return c.json({ survey, ...comparePeriods(questions, byMonth, [periods[0], periods[1]], deps.config.figuresSuppressBelow) });
    });
}
