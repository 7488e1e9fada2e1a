/** Only the children's public API (intake, receipts, groups, the contract): what the edge Worker serves. */
import { createBaseApp } from './base-app.ts';
import type { AppDeps } from './deps.ts';
import { publicApiRoutes } from './routes/public-api.ts';

export function createPublicApp(deps: AppDeps) {
  return createBaseApp(deps, (app) => {
    app.route('/', publicApiRoutes(deps));
  });
}
