/** GET /api/child-settings: the partnership's rules the children's app applies on the device before anything is sent. */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../deps.ts';
import { AGE_BANDS } from '../intake/submission-schema.ts';
import { problemHook } from '../middleware/validate.ts';

const childSettings = z
  .object({
    publicConsentNeedsAdultFor: z.array(z.enum(AGE_BANDS)).openapi({ description: 'Age bands for which sharing publicly needs a carer or worker to agree (PUBLIC_CONSENT_NEEDS_ADULT_FOR).' }),
  })
  .openapi('ChildSettings');

export function childSettingsRoutes(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: problemHook });
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/child-settings',
      summary: "Rules the children's app applies before sending",
      description: 'The same rules POST /api/submissions enforces; the app applies them first so a child is told before sending.',
      responses: { 200: { description: 'The rules.', content: { 'application/json': { schema: childSettings } } } },
    }),
    (c) => {
      c.header('cache-control', 'no-cache');
      return c.json({ publicConsentNeedsAdultFor: [...deps.config.intake.publicConsentNeedsAdultFor] }, 200);
    },
  );
  return app;
}
