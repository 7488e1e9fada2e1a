/** Staff authentication and authorisation: the session cookie, role checks and CSRF protection. */
import type { MiddlewareHandler } from 'hono';
import { readSessionCookie } from '../auth/cookies.ts';
import { resumeSession } from '../auth/sessions.ts';
import type { StaffRoleName } from '../config.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { ProblemError } from '../errors.ts';
import { noted } from '../openapi/route-notes.ts';

/** Sets `staff` when the request carries a live session; never refuses on its own. */
export function staffSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = readSessionCookie(c, deps.config.auth);
    c.set('staff', token ? await resumeSession(deps.db, token, deps.clock.now(), deps.config.auth) : undefined);
    await next();
  };
}

/** 401 without a session, 403 without one of `roles` (any role when none are named). */
export function requireStaff(...roles: StaffRoleName[]): MiddlewareHandler<AppEnv> {
  return noted<MiddlewareHandler<AppEnv>>(async (c, next) => {
    const staff = c.get('staff');
    if (!staff) throw new ProblemError(401, 'not_signed_in', 'Please sign in.');
    if (roles.length > 0 ? !roles.some((role) => staff.roles.includes(role)) : staff.roles.length === 0) {
      throw new ProblemError(403, 'forbidden', 'Your role does not allow this.');
    }
    await next();
  }, { kind: 'staff', roles });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * State-changing staff requests must come from our own pages: the Origin (when sent) must be ours, and the
 * session's CSRF token must come back in the X-CSRF-Token header (or a `csrf` form field for plain forms).
 */
export function csrfProtection(deps: AppDeps): MiddlewareHandler<AppEnv> {
  const ownOrigin = new URL(deps.config.publicUrl).origin;
  return noted<MiddlewareHandler<AppEnv>>(async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin && origin !== ownOrigin) throw new ProblemError(403, 'cross_origin', 'This request did not come from Heard.');
    const staff = c.get('staff');
    if (staff) {
      let sent = c.req.header('x-csrf-token');
      if (!sent && (c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
        const form = await c.req.parseBody();
        sent = typeof form.csrf === 'string' ? form.csrf : undefined;
      }
      if (sent !== staff.csrfToken) throw new ProblemError(403, 'csrf_token_invalid', 'This page is out of date. Please reload it and try again.');
    }
    await next();
  }, { kind: 'csrf' });
}
