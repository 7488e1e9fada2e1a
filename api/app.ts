/** Builds the Heard HTTP app from its dependencies. Web-standard APIs only: it runs on Node and on Workers. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps, AppEnv } from './deps.ts';
import { NotFoundError, ProblemError, problemResponse } from './errors.ts';
import { describeError } from './log.ts';
import { requestLog } from './middleware/request-log.ts';
import { healthRoutes } from './routes/health.ts';
import { publicApiRoutes } from './routes/public-api.ts';
import { authRoutes } from './routes/auth.ts';
import { moderationRoutes } from './routes/moderation.ts';
import { staffSession } from './middleware/staff-session.ts';

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use('*', requestLog(deps.log));
  app.route('/', healthRoutes(deps));
  app.route('/', publicApiRoutes(deps));
  // Staff routes below read the session cookie; the children's routes above never do.
  app.use('/auth/*', staffSession(deps));
  app.use('/api/me', staffSession(deps));
  app.use('/api/moderation/*', staffSession(deps));
  app.route('/', authRoutes(deps));
  app.route('/', moderationRoutes(deps));

  app.notFound((c) => problemResponse(c, new NotFoundError()));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    if (error instanceof HTTPException) {
      return problemResponse(c, fromHttpException(error));
    }
    deps.log({ level: 'error', msg: 'unhandled error', requestId: c.get('requestId'), ...describeError(error) });
    return problemResponse(
      c,
      new ProblemError(500, 'internal_error', 'Something went wrong on our side. Please try again in a moment.'),
    );
  });

  return app;
}

export type HeardApp = ReturnType<typeof createApp>;

/** Hono's own exceptions (a validator meeting malformed JSON, a body limit) in our problem shape. */
function fromHttpException(error: HTTPException): ProblemError {
  if (error.status === 400 && /malformed json/i.test(error.message)) {
    return new ProblemError(400, 'malformed_json', 'The request body could not be read: it is not valid JSON.');
  }
  if (error.status === 413) return new ProblemError(413, 'body_too_large', 'The request body is too large.');
  return new ProblemError(error.status, `http_${error.status}`, error.message || 'The request could not be handled.');
}
