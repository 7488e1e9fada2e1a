/** The children's public API in one OpenAPIHono, which also publishes its contract at /api/openapi.json. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../deps.ts';
import { problemHook } from '../middleware/validate.ts';
import { childSettingsRoutes } from './child-settings.ts';
import { groupRoutes } from './groups.ts';
import { openSurveyRoutes } from './open-surveys.ts';
import { receiptRoutes } from './receipts.ts';
import { submissionRoutes } from './submissions.ts';

export function publicApiRoutes(deps: AppDeps) {
  const api = new OpenAPIHono<AppEnv>({ defaultHook: problemHook });
  api.route('/', submissionRoutes(deps));
  api.route('/', receiptRoutes(deps));
  api.route('/', groupRoutes(deps));
  api.route('/', openSurveyRoutes(deps));
  api.route('/', childSettingsRoutes(deps));
  api.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Heard public API',
      version: '1.0.0',
      description: "The children's intake contract, used by the Heard app and the edge Worker. Errors are RFC 9457 problem details.",
    },
  });
  return api;
}
