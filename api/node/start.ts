/** Starts the whole service on Node from a parsed configuration; returns its address and a way to stop it. */
import type { Server } from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from '../app.ts';
import type { AppConfig } from '../config.ts';
import { systemClock, type AppDeps } from '../deps.ts';
import { createSharpProcessor, restrictSharpLoaders } from '../images/sharp-processor.ts';
import { findChromium } from './chromium.ts';
import { busboyMultipartReader } from './busboy-multipart.ts';
import { answerClientErrors } from './client-errors.ts';
import { applyConnectionLimits, CONNECTIONS_CHECKING_INTERVAL_MS } from './connection-limits.ts';
import { chromiumPdfRenderer } from './chromium-pdf.ts';
import { exceljsWriter } from './exceljs-writer.ts';
import { createJobRunner } from '../jobs/runner.ts';
import { smtpMailer } from './smtp-mailer.ts';
import { describeError } from '../log.ts';
import { runMaintenanceSweep } from '../retention/sweep.ts';
import type { Logger } from '../log.ts';
import type { DevOidcProvider } from './dev-oidc-provider.ts';
import { openNodeBlobStore } from './open-blob-store.ts';
import { serveWebApps } from './web-apps.ts';
import { prepareDatabase } from './prepare-database.ts';

/** Long enough for start-up to settle (migrations, the first requests), short enough that every instance sweeps. */
const FIRST_SWEEP_DELAY_MS = 20_000;
/** A spooled upload older than this belongs to a request no longer running (its process was killed). */
const SPOOL_GRACE_MS = 60 * 60 * 1000;

export type RunningService = {
  url: string;
  engine: 'postgres' | 'pglite';
  blobStore: 'filesystem' | 's3';
  /** The loopback development sign-in provider, when OIDC_ISSUER is not set. */
  devSignIn: DevOidcProvider | undefined;
  stop(): Promise<void>;
};

export async function startService(config: AppConfig, log: Logger): Promise<RunningService> {
  // In the server, libvips may decode JPEG, PNG and WebP and nothing else (process-wide).
  restrictSharpLoaders();
  const database = await prepareDatabase(config);
  if (database.applied.length > 0) log({ msg: 'migrations applied', migrations: database.applied });
  const store = openNodeBlobStore(config);
  const auth = config.auth;
  const devSignIn = auth.issuer
    ? undefined
    : // Loaded only when used: oidc-provider is for development and tests, never a production sign-in.
      await (await import('./dev-oidc-provider.ts')).startDevOidcProvider({ redirectUri: auth.redirectUri, postLogoutRedirectUri: `${config.publicUrl}/staff/`, nodeEnv: config.nodeEnv, port: auth.devOidcPort });
  const oidc = auth.issuer
    ? { issuer: auth.issuer, clientId: auth.clientId!, clientSecret: auth.clientSecret!, allowHttp: isLoopback(auth.issuer) }
    : devSignIn!.settings;
  const images = createSharpProcessor();
  const chromium = findChromium(process.env);
  log({ msg: chromium ? 'pack PDFs through Chromium' : 'no Chromium found (CHROMIUM_PATH): pack PDFs are off, print pages work', chromium });
  const { smtpUrl, from } = config.notify;
  const mailer = smtpUrl && from ? smtpMailer(smtpUrl, from) : undefined;
  if (!mailer) log({ msg: 'no SMTP_URL: safeguarding emails and daily digests are off (webhook notices still go)' });
  // Pictures stream to DATA_DIR/uploads while their request runs, never held whole in memory.
  const multipart = busboyMultipartReader(path.resolve(config.dataDir, 'uploads'));
  const deps: AppDeps = {
    db: database.db, blobs: store.blobs, clock: systemClock, config, log, oidc, images, multipart,
    pdf: chromium ? chromiumPdfRenderer(chromium) : undefined,
    xlsx: exceljsWriter(),
    mailer,
    // @hono/node-server passes the Node request as c.env.incoming.
    peerAddress: (c) => (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress,
  };
  const app = createApp(deps);
  const servesChildApp = serveWebApps(app);
  if (!servesChildApp) log({ level: 'warn', msg: 'the web apps are not built; run npm run build:web' });
  // Image work runs here on Node (sharp), beside the API; every instance shares the jobs table.
  const jobs = createJobRunner(deps, images);

  let server: ServerType;
  try {
    server = await listen(app.fetch, config);
  } catch (error) {
    await devSignIn?.stop();
    await database.close();
    throw error;
  }
  jobs.start();
  // The same sweep the edge Worker's cron runs; every instance may run it (it is idempotent).
  // Shortly after start as well as hourly: an instance restarted more often than hourly must still sweep.
  const runSweep = () => {
    runMaintenanceSweep(deps).catch((error) => log({ level: 'error', msg: 'maintenance sweep failed', ...describeError(error) }));
    multipart.sweep(new Date(Date.now() - SPOOL_GRACE_MS)).catch((error) => log({ level: 'error', msg: 'upload spool sweep failed', ...describeError(error) }));
  };
  const firstSweep = setTimeout(runSweep, FIRST_SWEEP_DELAY_MS);
  firstSweep.unref();
  const sweep = setInterval(runSweep, 60 * 60 * 1000);
  sweep.unref();
  const { port } = server.address() as AddressInfo;
  // localhost, not 127.0.0.1: the default PUBLIC_URL (and so the sign-in redirect and its cookies) uses that name.
  const host = ['0.0.0.0', '::', '127.0.0.1', '::1'].includes(config.host) ? 'localhost' : config.host;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    engine: database.engine,
    blobStore: store.kind,
    devSignIn,
    stop: async () => {
      await devSignIn?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      clearTimeout(firstSweep);
      clearInterval(sweep);
      await jobs.stop();
      mailer?.close();
      await database.close();
    },
  };
}

function listen(fetch: (request: Request) => Response | Promise<Response>, config: AppConfig): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host, serverOptions: { connectionsCheckingInterval: CONNECTIONS_CHECKING_INTERVAL_MS } }, () => resolve(server));
    applyConnectionLimits(server as Server);
    answerClientErrors(server as Server);
    server.once('error', reject);
  });
}

/** Plain http is allowed only for a provider on this machine (development and tests). */
function isLoopback(issuer: string): boolean {
  const host = new URL(issuer).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}
