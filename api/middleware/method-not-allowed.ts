/** 405 with `Allow` for a known path asked with the wrong method, instead of a 404 that says the path does not exist. */
import type { Context, Hono } from 'hono';
import type { AppEnv } from '../deps.ts';
import { NotFoundError, ProblemError, problemResponse } from '../errors.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The methods a route (not a middleware, not a catch-all such as the web apps' GET *) answers at this path. */
export function allowedMethods(app: Hono<AppEnv>, path: string): string[] {
  const allowed: string[] = METHODS.filter((method) =>
    app.router.match(method, path)[0].some(([[, route]]) => route.method === method && route.path !== '*' && route.path !== '/*'),
  );
  if (allowed.includes('GET')) allowed.push('HEAD');
  return allowed;
}

/** The app's notFound handler: 405 when other methods answer here, else the house 404. */
export function notFoundOrMethodNotAllowed(app: Hono<AppEnv>) {
  return (c: Context<AppEnv>): Response => {
    const allowed = allowedMethods(app, c.req.path);
    // A route for this very method that fell through (a handler calling next) is a real 404.
    if (allowed.length === 0 || allowed.includes(c.req.method)) return problemResponse(c, new NotFoundError());
    const allow = allowed.join(', ');
    return problemResponse(c, new ProblemError(405, 'method_not_allowed', `This address does not answer ${c.req.method}. It answers: ${allow}.`, { headers: { allow } }));
  };
}
