/** The request pipeline every Heard app shares: request ids and logs, health checks, one problem+json error shape. */
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { isDatabaseUnavailable } from './db/unavailable.ts';
import type { AppDeps, AppEnv } from './deps.ts';
import { ProblemError, problemResponse } from './errors.ts';
import { describeError } from './log.ts';
import { notFoundOrMethodNotAllowed } from './middleware/method-not-allowed.ts';
import { noStoreByDefault } from './middleware/no-store.ts';
import type { RequestMetrics } from './metrics/request-metrics.ts';
import { requestLog } from './middleware/request-log.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { healthRoutes } from './routes/health.ts';
import { assertScreeningCovers } from './screening/coverage.ts';

/**
 * Builds an app: `mount` adds its routes between the shared middleware and the shared error handling.
 * With `requestMetrics`, every request (health checks included) is counted for /metrics.
 */
export function createBaseApp(deps: AppDeps, mount: (app: Hono<AppEnv>) => void, options: { requestMetrics?: RequestMetrics } = {}) {
  // Refuse to start rather than take children's words in a language screening cannot read.
  assertScreeningCovers();
  const app = new Hono<AppEnv>();

  app.use('*', requestLog(deps.log));
  if (options.requestMetrics) app.use('*', options.requestMetrics.middleware());
  app.use('*', securityHeaders({ https: deps.config.publicUrl.startsWith('https:') }));
  app.use('*', noStoreByDefault());
  app.route('/', healthRoutes(deps));
  mount(app);

  app.notFound(notFoundOrMethodNotAllowed(app));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error);
    if (error instanceof HTTPException) {
      return problemResponse(c, fromHttpException(error));
    }
    if (isDatabaseUnavailable(error)) {
      // Restarting or failing over: a retry with the same id is safe (stored at most once), so 503, not 500.
      deps.log({ level: 'error', msg: 'database unavailable', requestId: c.get('requestId'), ...describeError(error) });
      return problemResponse(c, new ProblemError(503, 'database_unavailable', "We couldn't finish saving this just now. It is still on your device; we'll try again.", { headers: { 'retry-after': '5' } }));
    }
    deps.log({ level: 'error', msg: 'unhandled error', requestId: c.get('requestId'), ...describeError(error) });
    return problemResponse(
      c,
      new ProblemError(500, 'internal_error', 'Something went wrong on our side. Please try again in a moment.'),
    );
  });

  return app;
}

/** Hono's own exceptions (a validator meeting malformed JSON, a body limit) in our problem shape. */
function fromHttpException(error: HTTPException): ProblemError {
  if (error.status === 400 && /malformed json/i.test(error.message)) {
    return new ProblemError(400, 'malformed_json', 'The request body could not be read: it is not valid JSON.');
  }
  if (error.status === 413) return new ProblemError(413, 'body_too_large', 'The request body is too large.');
  if (error.status === 415) return new ProblemError(415, 'unsupported_media_type', error.message || 'This content type is not accepted here.');
  // Any other status keeps its number but takes a code from the one vocabulary, never an ad-hoc `http_<status>`.
  const code = error.status === 404 ? 'not_found' : error.status >= 500 ? 'internal_error' : 'bad_request';
  return new ProblemError(error.status, code, error.message || 'The request could not be handled.');
}
