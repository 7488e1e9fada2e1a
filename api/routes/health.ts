/** Liveness (/healthz: the process answers) and readiness (/readyz: the database and blob store answer). */
import { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppDeps, AppEnv } from '../deps.ts';
import { reviveWhenStoreAnswers } from '../jobs/revive.ts';
import { describeError } from '../log.ts';
import { problemBody, PROBLEM_CONTENT_TYPE } from '../errors.ts';

const CHECK_TIMEOUT_MS = 3000;

export function healthRoutes(deps: AppDeps) {
  const checks: Record<string, () => Promise<unknown>> = {
    database: () => sql`select 1`.execute(deps.db),
    blobStore: () => deps.blobs.check(),
  };

  return new Hono<AppEnv>()
    .get('/healthz', (c) => c.json({ status: 'ok' }))
    .get('/readyz', async (c) => {
      const entries = await Promise.all(
        Object.entries(checks).map(async ([name, check]) => [name, await outcome(check, deps, name)] as const),
      );
      const results = Object.fromEntries(entries);
      const failing = entries.filter(([, result]) => result !== 'ok').map(([name]) => name);
      if (failing.length === 0) {
        await reviveWhenStoreAnswers(deps);
        return c.json({ status: 'ready', checks: results });
      }
      const body = problemBody(503, 'not_ready', `Not ready: ${failing.join(' and ')} unreachable.`, { checks: results });
      return c.body(JSON.stringify(body), 503, { 'content-type': PROBLEM_CONTENT_TYPE, 'retry-after': '5' });
    });
}

async function outcome(check: () => Promise<unknown>, deps: AppDeps, name: string): Promise<'ok' | 'failing'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return 'ok';
  } catch (error) {
    const { errorName, errorMessage } = describeError(error);
    deps.log({ level: 'warn', msg: 'readiness check failed', check: name, errorName, errorMessage });
    return 'failing';
  } finally {
    clearTimeout(timer);
  }
}
