/** Names and attributes of the staff cookies: __Host- and Secure everywhere but plain-HTTP loopback development. */
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AuthConfig } from '../config.ts';

export function sessionCookieName(auth: AuthConfig): string {
  return auth.secureCookies ? '__Host-heard_session' : 'heard_session';
}

const LOGIN_COOKIE = 'heard_login';

export function readSessionCookie(c: Context, auth: AuthConfig): string | undefined {
  return getCookie(c, sessionCookieName(auth));
}

export function writeSessionCookie(c: Context, auth: AuthConfig, token: string): void {
  setCookie(c, sessionCookieName(auth), token, {
    path: '/',
    httpOnly: true,
    secure: auth.secureCookies,
    sameSite: 'Lax',
    maxAge: auth.sessionAbsoluteHours * 3600,
  });
}

export function clearSessionCookie(c: Context, auth: AuthConfig): void {
  deleteCookie(c, sessionCookieName(auth), { path: '/', secure: auth.secureCookies });
}

/** Binds a login in progress to this browser, so a callback carrying someone else's state is refused. */
export function writeLoginCookie(c: Context, auth: AuthConfig, state: string): void {
  setCookie(c, LOGIN_COOKIE, state, { path: '/auth', httpOnly: true, secure: auth.secureCookies, sameSite: 'Lax', maxAge: 600 });
}

export function readLoginCookie(c: Context): string | undefined {
  return getCookie(c, LOGIN_COOKIE);
}

export function clearLoginCookie(c: Context, auth: AuthConfig): void {
  deleteCookie(c, LOGIN_COOKIE, { path: '/auth', secure: auth.secureCookies });
}
