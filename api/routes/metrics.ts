/** GET /metrics: Prometheus figures for this instance and the shared queues, behind METRICS_TOKEN (404 when it is unset). */
import { Hono } from 'hono';
import { jobBacklog } from '../db/jobs.ts';
import { intakeFigures, safeguardingLaneFigures } from '../db/operational-figures.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { NotFoundError, ProblemError } from '../errors.ts';
import { EXPOSITION_CONTENT_TYPE, renderExposition, type Family } from '../metrics/exposition.ts';
import type { RequestMetrics } from '../metrics/request-metrics.ts';

export function metricsRoutes(deps: AppDeps, requests: RequestMetrics) {
  const token = deps.config.metricsToken;
  return new Hono<AppEnv>().get('/metrics', async (c) => {
    // Unset: as if there were no such page, so a scan learns nothing.
    if (!token) throw new NotFoundError();
    const [, presented] = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '') ?? [];
    if (!presented || !(await sameSecret(presented, token))) {
      throw new ProblemError(401, 'metrics_token_required', 'This page needs the metrics bearer token.', { headers: { 'www-authenticate': 'Bearer realm="metrics"' } });
    }
    const now = deps.clock.now();
    // One after another: a scrape holds at most one pooled connection, however often it comes.
    const jobs = await jobBacklog(deps.db, now);
    const lane = await safeguardingLaneFigures(deps.db, now);
    const intake = await intakeFigures(deps.db, now);
    const byKind = (value: (job: (typeof jobs)[number]) => number) => jobs.map((job) => ({ labels: { kind: job.kind }, value: value(job) }));
    const families: Family[] = [
      ...requests.families(),
      { name: 'heard_jobs_queued', help: 'Background jobs waiting to run (all instances), by kind.', type: 'gauge', samples: byKind((job) => job.queued) },
      { name: 'heard_jobs_running', help: 'Background jobs being run now, by kind.', type: 'gauge', samples: byKind((job) => job.running) },
      { name: 'heard_jobs_retrying_after_outage', help: 'Queued jobs waiting for the store or database to answer again, by kind.', type: 'gauge', samples: byKind((job) => job.retryingAfterOutage) },
      { name: 'heard_jobs_dead', help: 'Jobs that gave up (see the Background work screen), by kind.', type: 'gauge', samples: byKind((job) => job.dead) },
      { name: 'heard_jobs_oldest_queued_age_seconds', help: 'Age of the oldest queued job, by kind (0 when none is queued).', type: 'gauge', samples: byKind((job) => job.oldestQueuedSeconds ?? 0) },
      { name: 'heard_safeguarding_lane_open', help: 'Flagged submissions no safeguarding lead has resolved yet.', type: 'gauge', samples: [{ value: lane.open }] },
      { name: 'heard_safeguarding_lane_oldest_open_age_seconds', help: 'How long the oldest unresolved flag has waited (0 when none).', type: 'gauge', samples: [{ value: lane.oldestOpenSeconds ?? 0 }] },
      { name: 'heard_submissions_received_last_hour', help: 'Submissions stored in the last hour (all instances), by kind.', type: 'gauge', samples: intake.map((row) => ({ labels: { kind: row.kind }, value: row.lastHour })) },
      { name: 'heard_submissions_awaiting_moderation', help: 'Submissions no moderator has decided yet, by kind.', type: 'gauge', samples: intake.map((row) => ({ labels: { kind: row.kind }, value: row.awaitingModeration })) },
    ];
    return c.body(renderExposition(families), 200, { 'content-type': EXPOSITION_CONTENT_TYPE, 'cache-control': 'no-store' });
  });
}

/** Compares digests, so the time taken says nothing about how much of the token was right. */
async function sameSecret(presented: string, expected: string): Promise<boolean> {
  const digest = async (value: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value)));
  const [a, b] = await Promise.all([digest(presented), digest(expected)]);
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) difference |= a[index]! ^ b[index]!;
  return difference === 0;
}
