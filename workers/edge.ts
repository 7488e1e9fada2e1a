/**
 * Cloudflare Workers entry for edge intake: the same public API as the Node server (createPublicApp), with
 * PostgreSQL through Hyperdrive and drawings into R2. Image processing stays on Node: sharp cannot run here, so
 * a drawing lands in quarantine with a job row that the Node processor picks up from the same bucket and database.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { parseConfig } from '../api/config.ts';
import type { Database } from '../api/db/schema.ts';
import { textParsers } from '../api/db/type-parsers.ts';
import type { AppDeps } from '../api/deps.ts';
import { problemBody, PROBLEM_CONTENT_TYPE } from '../api/errors.ts';
import { createJsonLogger, describeError, safeErrorFields } from '../api/log.ts';
import { createPublicApp } from '../api/public-app.ts';
import { runMaintenanceSweep } from '../api/retention/sweep.ts';
import { R2BlobStore, type R2BucketLike } from '../api/storage/r2-blob-store.ts';

export type EdgeEnv = {
  HYPERDRIVE: { connectionString: string };
  MEDIA: R2BucketLike;
  [variable: string]: unknown;
};

type ExecutionContextLike = { waitUntil(promise: Promise<unknown>): void };

const log = createJsonLogger();

/** Only the string variables configure the app; bindings are objects. */
function stringVars(env: EdgeEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** I/O objects belong to one request on Workers: a fresh pg pool (one connection through Hyperdrive) each time. */
function depsFor(env: EdgeEnv): { deps: AppDeps; close(): Promise<void> } {
  const pool = new pg.Pool({
    connectionString: env.HYPERDRIVE.connectionString,
    max: 1,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => textParsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser },
  });
  pool.on('error', () => {});
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const deps: AppDeps = {
    db,
    blobs: new R2BlobStore(env.MEDIA),
    clock: { now: () => new Date() },
    config: parseConfig(stringVars(env), { staff: false }),
    log,
    oidc: undefined,
    // Cloudflare sets it to the connecting client's address; a client cannot override it.
    peerAddress: (c) => c.req.header('cf-connecting-ip'),
    // No mailer: Workers cannot open SMTP connections. The cron sweep still enqueues emails and digests; a Node
    // instance's job runner (with SMTP_URL) sends them.
    mailer: undefined,
  };
  return { deps, close: () => db.destroy() };
}

export default {
  async fetch(request: Request, env: EdgeEnv, ctx: ExecutionContextLike): Promise<Response> {
    let built: ReturnType<typeof depsFor>;
    try {
      built = depsFor(env);
    } catch (error) {
      // A misconfigured deployment: say so in the log, and give the app a retryable answer in our error shape.
      log({ level: 'error', msg: 'edge configuration invalid', ...describeError(error) });
      return new Response(JSON.stringify(problemBody(503, 'misconfigured', 'Heard is not available right now. Please try again later.')), {
        status: 503,
        headers: { 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': '60' },
      });
    }
    const { deps, close } = built;
    try {
      return await createPublicApp(deps).fetch(request);
    } finally {
      ctx.waitUntil(close());
    }
  },

  /**
   * The cron sweep. A failure is logged as one JSON line (what failed, never a row's content) and rethrown, so the
   * Cron Events of the dashboard and Workers Logs both show it.
   */
  async scheduled(controller: { cron?: string }, env: EdgeEnv, ctx: ExecutionContextLike): Promise<void> {
    const started = Date.now();
    let built: ReturnType<typeof depsFor> | undefined;
    try {
      built = depsFor(env);
      const result = await runMaintenanceSweep(built.deps);
      log({ msg: 'maintenance sweep done', cron: controller.cron, durationMs: Date.now() - started, result });
    } catch (error) {
      log({ level: 'error', msg: 'maintenance sweep failed', cron: controller.cron, durationMs: Date.now() - started, stage: built ? 'sweep' : 'configuration', ...safeErrorFields(error) });
      throw error;
    } finally {
      if (built) ctx.waitUntil(built.close());
    }
  },
};
