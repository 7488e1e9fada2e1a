/**
 * Serves the built web apps from the Node server: the children's PWA at `/`, the staff app at `/staff`. Any other path that is a page
 * (not an API call) gets the app shell, so a reload on a deep link works. Text files go as the Brotli or gzip copies
 * made at build time (web/precompress.ts) when the browser accepts them. Node only (files).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from '../deps.ts';

export const CHILD_APP_DIR = fileURLToPath(new URL('../../dist/web/child', import.meta.url));
export const STAFF_APP_DIR = fileURLToPath(new URL('../../dist/web/staff', import.meta.url));

const NOT_PAGES = /^\/(api|auth|staff|healthz|readyz|_headers)(\/|$)/;

/** Adds the routes; returns false (and adds nothing) when the apps have not been built. */
export function serveWebApps(app: Hono<AppEnv>, childDir = CHILD_APP_DIR, staffDir = STAFF_APP_DIR): boolean {
  if (!existsSync(path.join(childDir, 'index.html')) || !existsSync(path.join(staffDir, 'index.html'))) return false;
  const staffRoot = path.relative(process.cwd(), staffDir) || '.';
  app.get('/staff', (c) => c.redirect('/staff/', 301));
  app.get('/staff/*', async (c, next) => {
    c.header('cache-control', c.req.path.startsWith('/staff/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    return serveStatic<AppEnv>({ root: staffRoot, precompressed: true, rewriteRequestPath: (requested) => requested.replace(/^\/staff/, '') })(c, next);
  });
  app.get('/staff/*', async (c, next) => {
    if (path.extname(c.req.path) !== '') return next();
    return serveStatic<AppEnv>({ root: staffRoot, path: 'index.html', precompressed: true })(c, next);
  });
  const root = path.relative(process.cwd(), childDir) || '.';
  app.get('*', async (c, next) => {
    if (NOT_PAGES.test(c.req.path)) return next();
    // The service worker must always be fetched fresh, or an old app could be served for ever.
    if (c.req.path === '/sw.js' || c.req.path === '/registerSW.js') c.header('cache-control', 'no-cache');
    else if (c.req.path.startsWith('/assets/')) c.header('cache-control', 'public, max-age=31536000, immutable');
    return serveStatic<AppEnv>({ root, precompressed: true })(c, next);
  });
  app.get('*', async (c, next) => {
    if (NOT_PAGES.test(c.req.path) || path.extname(c.req.path) !== '') return next();
    c.header('cache-control', 'no-cache');
    return serveStatic<AppEnv>({ root, path: 'index.html', precompressed: true })(c, next);
  });
  return true;
}
