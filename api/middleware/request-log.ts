/** Gives every request an id (echoed as X-Request-Id) and logs one line when it ends: method, route, status, duration. */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv } from '../deps.ts';
import type { Logger } from '../log.ts';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

export function requestLog(log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', requestId);
    try {
      await next();
    } finally {
      // On the response itself: c.header() after the handler would rebuild the response around a body stream.
      c.res.headers.set('x-request-id', requestId);
      // The route pattern, not the path: paths can carry a receipt code, which identifies a child's submission.
      // The handler that answered (routeIndex), not the last match: a later GET catch-all (the web apps) matches every GET.
      const route = routePath(c);
      log({
        msg: 'request',
        requestId,
        method: c.req.method,
        route: route === '/*' || route === '*' ? '(unmatched)' : route,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  };
}
