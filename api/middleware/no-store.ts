/**
 * API answers carry children's words, receipts, staff sessions and CSRF tokens: no browser or proxy may keep them
 * unless a route says otherwise (the pack stylesheet, say). Static web assets set their own caching.
 */
import type { MiddlewareHandler } from 'hono';

const PRIVATE_PATHS = /^\/(api|auth)(\/|$)/;

export function noStoreByDefault(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (PRIVATE_PATHS.test(c.req.path) && !c.res.headers.has('cache-control')) c.res.headers.set('cache-control', 'no-store');
  };
}
