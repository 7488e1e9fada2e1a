/** Builds the Heard HTTP app from its dependencies. Web-standard APIs only: it runs on Node and on Workers. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps, AppEnv } from './deps.ts';
import { NotFoundError, ProblemError, problemResponse } from './errors.ts';
import { describeError } from './log.ts';
import { requestLog } from './middleware/request-log.ts';
import { healthRoutes } from './routes/health.ts';

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use('*', requestLog(deps.log));
  app.route('/', healthRoutes(deps));

  app.notFound((c) => problemResponse(c, new NotFoundError()));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    if (error instanceof HTTPException) {
      return problemResponse(c, new ProblemError(error.status, httpExceptionCode(error.status), error.message || 'The request could not be handled.'));
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

function httpExceptionCode(status: number): string {
  if (status === 413) return 'body_too_large';
  if (status === 400) return 'bad_request';
  return `http_${status}`;
}
