/** GET /api/open-surveys: the surveys a child can answer now, with the questions for their age band. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { findActiveGroupByCode } from '../db/groups.ts';
import { openSurveyVersions, titleOf } from '../db/survey-definitions.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { parseQuestions, questionsFor } from '../intake/survey-answers.ts';
import { AGE_BANDS } from '../intake/submission-schema.ts';
import { problemHook } from '../middleware/validate.ts';
import { problemResponses } from './problem-schema.ts';

const openSurvey = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    title: z.union([z.string(), z.record(z.string(), z.string())]).openapi({ description: 'The English title, or the title per language (English always there).' }),
    intro: z.record(z.string(), z.string()),
    closesAt: z.string().nullable(),
    questions: z.array(z.record(z.string(), z.unknown())),
  })
  .openapi('OpenSurvey');

export function openSurveyRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: problemHook });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/open-surveys',
      summary: 'Surveys open now, with the questions for this age band',
      description: 'Surveys for particular groups are listed only with that group\'s code. Answers go to POST /api/submissions as kind "survey".',
      request: { query: z.object({ ageBand: z.enum(AGE_BANDS), groupCode: z.string().trim().min(3).max(32).optional() }) },
      responses: {
        200: { description: 'The open surveys.', content: { 'application/json': { schema: z.object({ surveys: z.array(openSurvey) }) } } },
        ...problemResponses([400, 404, 422]),
      },
    }),
    async (c) => {
      const { ageBand, groupCode } = c.req.valid('query');
      const now = deps.clock.now();
      const group = groupCode ? await findActiveGroupByCode(deps.db, groupCode, now) : undefined;
      if (groupCode && !group) throw new NotFoundError("We don't know that code, or the group has finished. Check it with your group worker.");
      const versions = await openSurveyVersions(deps.db, now, group?.id);
      const surveys = versions
        .map((v) => ({
          id: v.survey_id,
          version: v.version,
          title: titleOf(v),
          intro: v.intro,
          closesAt: v.closes_at === null ? null : new Date(v.closes_at).toISOString(),
          questions: questionsFor(parseQuestions(v.questions), ageBand).map((question) => question as Record<string, unknown>),
        }))
        .filter((survey) => survey.questions.length > 0);
      c.header('cache-control', 'no-store');
      return c.json({ surveys }, 200);
    },
  );
  return app;
}
