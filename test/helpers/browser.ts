/** Headless Debian Chromium through playwright-core (installed by apt, never downloaded), and the real app served over HTTP. */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { launchHeadlessChromium } from '../../api/node/chromium.ts';
import { buildWebApp, WEB_APPS } from '../../web/build-app.ts';
import type { HeardApp } from '../../api/app.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CHILD_APP_DIR, serveWebApps, STAFF_APP_DIR } from '../../api/node/web-apps.ts';

/** The Chromium the browser tests drive: Debian's, installed by apt. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  return launchHeadlessChromium(CHROMIUM);
}

/**
 * The web apps are built once for the whole run by test/global-setup.ts (parallel builds would empty each other's
 * output); outside vitest (the benchmarks) this builds them when they are missing.
 */
export async function buildWebApps(): Promise<void> {
  if (existsSync(path.join(CHILD_APP_DIR, 'index.html')) && existsSync(path.join(STAFF_APP_DIR, 'index.html'))) return;
  for (const name of WEB_APPS) await buildWebApp(name);
}

/** A port nobody is using now (for a server whose own configuration must name its address). */
export async function freePort(): Promise<number> {
  const probe = serve({ fetch: () => new Response(), port: 0, hostname: '127.0.0.1' });
  await new Promise((resolve) => probe.once('listening', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Serves the app (API and built web apps) on a loopback port, as the Node server does. `observe` sees every request the
 * server receives, from pages and service workers alike, with its answer (to count requests and bytes).
 */
export async function serveOverHttp(
  app: HeardApp,
  port = 0,
  observe?: (request: Request, response: Response) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  if (!serveWebApps(app)) throw new Error('the web apps are not built');
  const fetch: typeof app.fetch = observe
    ? async (request, ...rest) => {
        const response = await app.fetch(request, ...rest);
        observe(request, response);
        return response;
      }
    : app.fetch;
  const server: ServerType = serve({ fetch, port, hostname: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  const { port: listening } = server.address() as AddressInfo;
  return { url: `http://localhost:${listening}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
