/** Staff sign-in with OpenID Connect: /auth/login, /auth/callback, /auth/logout, and /api/me. */
import { Hono } from 'hono';
import { admit } from '../auth/admission.ts';
import { clearLoginCookie, clearSessionCookie, readLoginCookie, writeLoginCookie, writeSessionCookie } from '../auth/cookies.ts';
import { createOidcConfiguration, endSessionUrl, finishLogin, startLogin } from '../auth/oidc-client.ts';
import { refusalPage } from '../auth/refusal-page.ts';
import { rolesFromClaims } from '../auth/roles.ts';
import { createSession, endSession } from '../auth/sessions.ts';
import { upsertStaffUser } from '../auth/staff-users.ts';
import { writeAudit } from '../db/audit.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { ProblemError } from '../errors.ts';
import { describeError } from '../log.ts';
import { csrfProtection, requireStaff } from '../middleware/staff-session.ts';

const LOGIN_TTL_MS = 10 * 60 * 1000;

export function authRoutes(deps: AppDeps) {
  const auth = deps.config.auth;
  const oidcConfiguration = createOidcConfiguration(async () => {
    if (!deps.oidc) throw new ProblemError(503, 'sign_in_unavailable', 'Sign-in is not configured.');
    return deps.oidc;
  });

  return new Hono<AppEnv>()
    .get('/auth/login', async (c) => {
      const returnTo = safeReturnPath(c.req.query('returnTo'));
      const login = await startLogin(await oidcConfiguration(), auth.redirectUri, auth.scopes);
      await deps.db
        .insertInto('login_attempts')
        .values({ state: login.state, code_verifier: login.codeVerifier, nonce: login.nonce, return_to: returnTo, created_at: deps.clock.now() })
        .execute();
      writeLoginCookie(c, auth, login.state);
      return c.redirect(login.url.href, 302);
    })
    .get('/auth/callback', async (c) => {
      const state = c.req.query('state');
      if (!state || readLoginCookie(c) !== state) {
        throw new ProblemError(400, 'login_state_mismatch', 'This sign-in link is not from this browser, or it is out of date. Please sign in again.');
      }
      // One use only: the attempt is deleted as it is read.
      const attempt = await deps.db.deleteFrom('login_attempts').where('state', '=', state).returningAll().executeTakeFirst();
      const now = deps.clock.now();
      if (!attempt || now.getTime() - new Date(attempt.created_at).getTime() > LOGIN_TTL_MS) {
        throw new ProblemError(400, 'login_expired', 'This sign-in took too long or was already used. Please sign in again.');
      }
      clearLoginCookie(c, auth);
      const callbackUrl = new URL(auth.redirectUri);
      callbackUrl.search = new URL(c.req.url).search;
      let verified;
      try {
        verified = await finishLogin(await oidcConfiguration(), callbackUrl, {
          state: attempt.state,
          nonce: attempt.nonce,
          codeVerifier: attempt.code_verifier,
        });
      } catch (error) {
        // Only the error's class and message: never the code, tokens or the query string.
        const { errorName, errorMessage } = describeError(error);
        deps.log({ level: 'warn', msg: 'sign-in refused', requestId: c.get('requestId'), errorName, errorMessage });
        throw new ProblemError(401, 'login_failed', 'Sign-in could not be completed. Please try again.');
      }
      const claims = verified.claims;
      const admission = admit(claims, auth);
      if (!admission.admitted) {
        // The domain says which organisation tried; the address itself is not needed to see a misconfiguration.
        await writeAudit(deps.db, {
          action: 'staff.sign_in_refused',
          subjectType: 'staff_sign_in',
          requestId: c.get('requestId'),
          details: { reason: admission.reason, emailDomain: admission.emailDomain, issuer: verified.issuer },
        });
        deps.log({ level: 'warn', msg: 'sign-in refused by the allow-list', requestId: c.get('requestId'), reason: admission.reason });
        return c.html(refusalPage(admission.reason), 403);
      }
      const bootstrapAdmin = admission.trustedEmail !== null && auth.bootstrapAdmins.includes(admission.trustedEmail);
      const roles = rolesFromClaims(claims, auth);
      if (bootstrapAdmin && !roles.includes('admin')) roles.push('admin');
      const user = await upsertStaffUser(
        deps.db,
        {
          issuer: verified.issuer,
          subject: verified.subject,
          displayName: stringClaim(claims.name) ?? stringClaim(claims.email) ?? verified.subject,
          email: stringClaim(claims.email) ?? null,
          roles: roles.sort(),
          trustedEmail: admission.trustedEmail,
        },
        now,
      );
      if (user.disabled) throw new ProblemError(403, 'account_disabled', 'This account has been switched off in Heard.');
      const token = await createSession(deps.db, user.id, now);
      const claimed = user.claimed.map((row) => ({ role: row.role, committeeId: row.committee_id }));
      await writeAudit(deps.db, {
        action: 'staff.signed_in',
        subjectType: 'staff_user',
        subjectId: user.id,
        actorId: user.id,
        actorRole: roles.join(',') || null,
        requestId: c.get('requestId'),
        ...(bootstrapAdmin || claimed.length ? { details: { ...(bootstrapAdmin ? { bootstrapAdmin } : {}), ...(claimed.length ? { invitationsClaimed: claimed } : {}) } } : {}),
      });
      writeSessionCookie(c, auth, token);
      return c.redirect(attempt.return_to, 303);
    })
    .post('/auth/logout', csrfProtection(deps), async (c) => {
      const staff = c.get('staff');
      if (staff) {
        await endSession(deps.db, staff.tokenHash);
        await writeAudit(deps.db, { action: 'staff.signed_out', subjectType: 'staff_user', subjectId: staff.id, actorId: staff.id, requestId: c.get('requestId') });
      }
      clearSessionCookie(c, auth);
      let next = '/staff/';
      try {
        next = endSessionUrl(await oidcConfiguration(), `${deps.config.publicUrl}/staff/`)?.href ?? next;
      } catch {
        // The provider is unreachable: the local session has ended all the same.
      }
      return c.redirect(next, 303);
    })
    .get('/api/me', requireStaff(), (c) => {
      const staff = c.get('staff')!;
      return c.json({ id: staff.id, name: staff.displayName, email: staff.email, roles: staff.roles, csrfToken: staff.csrfToken });
    });
}

/**
 * Only our own staff pages: never an absolute or protocol-relative URL (an open redirect). The app's hash route may
 * follow (`/staff/#/safeguarding/<id>`), so a signed-out person who opened a link from a notice lands on that item.
 */
function safeReturnPath(value: string | undefined): string {
  return value && /^\/staff\/[A-Za-z0-9/_-]*(#\/[A-Za-z0-9/_%-]*)?$/.test(value) ? value : '/staff/';
}

function stringClaim(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
