/** Builds the Heard HTTP app from its dependencies. Web-standard APIs only: it runs on Node and on Workers. */
import { createBaseApp } from './base-app.ts';
import type { AppDeps } from './deps.ts';
import { staffSession } from './middleware/staff-session.ts';
import { authRoutes } from './routes/auth.ts';
import { moderationRoutes } from './routes/moderation.ts';
import { taxonomyRoutes } from './routes/taxonomy.ts';
import { groupAdminRoutes } from './routes/groups-admin.ts';
import { auditRoutes } from './routes/audit.ts';
import { committeeRoutes } from './routes/committees.ts';
import { mediaRoutes } from './routes/media.ts';
import { packVersionRoutes } from './routes/pack-versions.ts';
import { staffAdminRoutes } from './routes/staff-admin.ts';
import { jobsAdminRoutes } from './routes/jobs-admin.ts';
import { surveyAdminRoutes } from './routes/surveys-admin.ts';
import { publicApiRoutes } from './routes/public-api.ts';
import { screeningReviewRoutes } from './routes/screening-reviews.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { createRequestMetrics } from './metrics/request-metrics.ts';
import { annualReportRoutes } from './routes/annual-reports.ts';
import { reportVersionRoutes } from './routes/report-versions.ts';
import { sessionCookieName } from './auth/cookies.ts';
import { documentRoutes } from './openapi/document-routes.ts';

/** The whole service: the children's public API and the staff side. */
export function createApp(deps: AppDeps) {
  // Per instance, like the process it counts; the queue and lane figures come from the shared database.
  const requestMetrics = createRequestMetrics();
  return createBaseApp(deps, (app) => {
    app.route('/', metricsRoutes(deps, requestMetrics));
    const publicApi = publicApiRoutes(deps);
    app.route('/', publicApi);
    // Staff routes below read the session cookie; the children's routes above never do.
    app.use('/auth/*', staffSession(deps));
    app.use('/api/me', staffSession(deps));
    app.use('/api/moderation/*', staffSession(deps));
    app.use('/api/taxonomy', staffSession(deps));
    app.use('/api/groups/manage', staffSession(deps));
    app.use('/api/groups/manage/*', staffSession(deps));
    app.use('/api/audit', staffSession(deps));
    app.use('/api/audit.xlsx', staffSession(deps));
    app.use('/api/screening/*', staffSession(deps));
    for (const path of ['/api/committees', '/api/committees/*', '/api/meetings/*', '/api/agenda-items/*', '/api/packs/*', '/api/media/*', '/api/staff', '/api/staff/*', '/api/surveys', '/api/surveys/*', '/api/jobs/*', '/api/reports', '/api/reports/*']) app.use(path, staffSession(deps));
    app.route('/', authRoutes(deps));
    app.route('/', moderationRoutes(deps));
    app.route('/', taxonomyRoutes(deps));
    app.route('/', groupAdminRoutes(deps));
    app.route('/', auditRoutes(deps));
    app.route('/', committeeRoutes(deps));
    app.route('/', packVersionRoutes(deps));
    app.route('/', mediaRoutes(deps));
    app.route('/', staffAdminRoutes(deps));
    app.route('/', jobsAdminRoutes(deps));
    app.route('/', surveyAdminRoutes(deps));
    app.route('/', screeningReviewRoutes(deps));
    app.route('/', reportVersionRoutes(deps));
    app.route('/', annualReportRoutes(deps));
    // Last: the staff, sign-in and health routes join the children's contract in /api/openapi.json.
    documentRoutes(app, publicApi.openAPIRegistry, sessionCookieName(deps.config.auth));
  }, { requestMetrics });
}

export type HeardApp = ReturnType<typeof createApp>;
