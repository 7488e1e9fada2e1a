/**
 * Survey definitions for staff: write a draft, publish it (a published version never changes; the next edit is a
 * new version), read results with small-number suppression as JSON or CSV, and share a survey as JSON.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { writeAudit } from '../db/audit.ts';
import { createSurvey, findSurvey, latestVersion, listSurveys, publishDraft, saveDraft, surveyTallies } from '../db/survey-definitions.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError, ProblemError } from '../errors.ts';
import { parseQuestions } from '../intake/survey-answers.ts';
import { csrfProtection, requireStaff } from '../middleware/staff-session.ts';
import { validate } from '../middleware/validate.ts';
import { SURVEY_EXPORT_FORMAT, surveyDefinitionSchema, surveyExportSchema } from '../surveys/definition.ts';
import { fromTallies } from '../surveys/results.ts';
import { resultsCsv } from '../surveys/results-csv.ts';

const authors = requireStaff('participation_worker', 'admin');
const readers = requireStaff('participation_worker', 'safeguarding_lead', 'admin');
const idParam = z.object({ id: z.uuid() });
const resultsQuery = z.object({
  version: z.coerce.number().int().positive().optional(),
  by: z.enum(['none', 'ageBand', 'group', 'month']).default('none'),
});

type StaffContext = { get(key: 'staff'): AppEnv['Variables']['staff']; get(key: 'requestId'): string };

export function surveyAdminRoutes(deps: AppDeps) {
  const audit = (c: StaffContext, action: string, subjectId: string, details?: Record<string, unknown>) =>
    writeAudit(deps.db, { action, subjectType: 'survey', subjectId, actorId: c.get('staff')!.id, actorRole: c.get('staff')!.roles.join(','), requestId: c.get('requestId'), details });

  async function results(c: StaffContext, id: string, query: z.infer<typeof resultsQuery>) {
    const survey = await findSurvey(deps.db, id);
    if (!survey) throw new NotFoundError('There is no such survey.');
    const published = survey.versions.filter((v) => v.published_at !== null);
    const version = query.version === undefined ? published.at(-1) : published.find((v) => v.version === query.version);
    if (!version) throw new NotFoundError('That version of the survey has not been published.');
    const questions = parseQuestions(version.questions);
    const tallies = await surveyTallies(deps.db, id, version.version, query.by);
    await audit(c, 'survey.results_read', id, { version: version.version, by: query.by });
    return { survey: { id, title: survey.title, version: version.version }, ...fromTallies(questions, tallies, query.by, deps.config.figuresSuppressBelow) };
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
      const shared = { format: SURVEY_EXPORT_FORMAT, title: survey.title, intro: latest.intro, questions: latest.questions };
      return c.json(shared, 200, { 'content-disposition': `attachment; filename="heard-survey-${survey.id}.json"` });
    })
    .get('/api/surveys/:id/results', readers, validate('param', idParam), validate('query', resultsQuery), async (c) =>
      c.json(await results(c, c.req.valid('param').id, c.req.valid('query'))),
    )
    .get('/api/surveys/:id/results.csv', readers, validate('param', idParam), validate('query', resultsQuery), async (c) => {
      const found = await results(c, c.req.valid('param').id, c.req.valid('query'));
      return c.body(resultsCsv(found), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="heard-survey-${found.survey.id}-v${found.survey.version}.csv"`,
        'cache-control': 'private, no-store',
      });
    });
}
