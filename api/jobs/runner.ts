/**
 * Runs background jobs from the jobs table. Any number of API instances may run one: claims use
 * FOR UPDATE SKIP LOCKED with a lease, failures retry with backoff, and a job dies after its last attempt.
 * Outages are not failures of the job: they retry with capped backoff for as long as they last, and jobs that
 * died of exhaustion are revived once the store answers again.
 */
import { claimJob, completeJob, failJob, jobBacklog, type FailureKind, type JobKind } from '../db/jobs.ts';
import type { AppDeps } from '../deps.ts';
import type { ImageProcessor } from '../images/image-processor.ts';
import { describeError } from '../log.ts';
import { purgeMedia } from '../intake/purge-media.ts';
import { sendSafeguardingNotice, type SafeguardingNotice } from '../moderation/notify.ts';
import { sendDailyDigest, type DigestPayload } from '../notify/daily-digest.ts';
import { sendSafeguardingEmail } from '../notify/safeguarding-email.ts';
import { PermanentJobError, processDrawing, type ProcessDrawingPayload } from './process-drawing.ts';
import { reviveWhenStoreAnswers } from './revive.ts';
import { isTransientError } from './transient-error.ts';

export type JobRunnerOptions = { pollIntervalMs?: number; leaseSeconds?: number; reviveIntervalMs?: number };

export type JobRunner = {
  /** Claims and runs one due job; returns false when there was none. */
  runOnce(): Promise<boolean>;
  /** Runs jobs until none is due. */
  drain(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
};

export function createJobRunner(deps: AppDeps, processor: ImageProcessor, options: JobRunnerOptions = {}): JobRunner {
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const leaseSeconds = options.leaseSeconds ?? 120;
  const reviveIntervalMs = options.reviveIntervalMs ?? 60_000;
  let lastRevival = Number.NEGATIVE_INFINITY;
  const kinds: JobKind[] = ['process_drawing', 'purge_media', 'notify_safeguarding', 'email_safeguarding', 'email_digest'];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  const handlers: Record<JobKind, (payload: unknown, jobId: number) => Promise<unknown>> = {
    process_drawing: (payload) => processDrawing(deps, processor, payload as ProcessDrawingPayload),
    purge_media: (payload) => purgeMedia(deps, (payload as { submissionId: string }).submissionId),
    notify_safeguarding: (payload, jobId) => sendSafeguardingNotice(deps, payload as SafeguardingNotice, String(jobId)),
    email_safeguarding: (payload) => sendSafeguardingEmail(deps, payload as SafeguardingNotice),
    email_digest: (payload) => sendDailyDigest(deps, payload as DigestPayload),
  };

  async function runOnce(): Promise<boolean> {
    const job = await claimJob(deps.db, kinds, deps.clock.now(), leaseSeconds);
    if (!job) return false;
    const started = performance.now();
    try {
      await handlers[job.kind as JobKind](job.payload, job.id);
      await completeJob(deps.db, job.id, deps.clock.now());
      deps.log({ msg: 'job done', jobId: job.id, kind: job.kind, durationMs: Math.round(performance.now() - started) });
    } catch (error) {
      const failure: FailureKind = error instanceof PermanentJobError ? 'permanent' : isTransientError(error) ? 'transient' : 'error';
      const outcome = await failJob(deps.db, job, describeError(error).errorMessage, deps.clock.now(), failure);
      deps.log({ level: outcome === 'dead' ? 'error' : 'warn', msg: `job ${outcome === 'dead' ? 'dead' : 'will retry'}`, jobId: job.id, kind: job.kind, failure, attempts: job.attempts, ...describeError(error) });
    }
    return true;
  }

  /** At most once per interval (by the app's clock): revive exhausted jobs if the store answers. */
  async function reviveIfDue(): Promise<number> {
    const now = deps.clock.now().getTime();
    if (now - lastRevival < reviveIntervalMs) return 0;
    lastRevival = now;
    const revived = await reviveWhenStoreAnswers(deps);
    // The backlog as a log line once per interval: the metric an operator's log alerting watches.
    const backlog = (await jobBacklog(deps.db, deps.clock.now())).filter((row) => row.queued + row.dead > 0);
    if (backlog.length > 0) deps.log({ level: backlog.some((row) => row.dead > 0) ? 'warn' : 'info', msg: 'job backlog', backlog });
    return revived;
  }

  async function drain(): Promise<number> {
    await reviveIfDue();
    let count = 0;
    while (await runOnce()) count += 1;
    return count;
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = drain()
        .catch((error) => deps.log({ level: 'error', msg: 'job runner failed', ...describeError(error) }))
        .finally(schedule);
    }, pollIntervalMs);
  }

  return {
    runOnce,
    drain,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
