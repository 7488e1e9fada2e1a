/**
 * Runs background jobs from the jobs table. Any number of API instances may run one: claims use
 * FOR UPDATE SKIP LOCKED with a lease, failures retry with backoff, and a job dies after its last attempt.
 */
import { claimJob, completeJob, failJob, type JobKind } from '../db/jobs.ts';
import type { AppDeps } from '../deps.ts';
import type { ImageProcessor } from '../images/image-processor.ts';
import { describeError } from '../log.ts';
import { purgeMedia } from '../intake/purge-media.ts';
import { sendSafeguardingNotice } from '../moderation/notify.ts';
import { PermanentJobError, processDrawing, type ProcessDrawingPayload } from './process-drawing.ts';

export type JobRunnerOptions = { pollIntervalMs?: number; leaseSeconds?: number };

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
  const kinds: JobKind[] = ['process_drawing', 'purge_media', 'notify_safeguarding'];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  const handlers: Record<JobKind, (payload: unknown) => Promise<unknown>> = {
    process_drawing: (payload) => processDrawing(deps, processor, payload as ProcessDrawingPayload),
    purge_media: (payload) => purgeMedia(deps, (payload as { submissionId: string }).submissionId),
    notify_safeguarding: (payload) => sendSafeguardingNotice(deps, payload as Parameters<typeof sendSafeguardingNotice>[1]),
  };

  async function runOnce(): Promise<boolean> {
    const job = await claimJob(deps.db, kinds, deps.clock.now(), leaseSeconds);
    if (!job) return false;
    const started = performance.now();
    try {
      await handlers[job.kind as JobKind](job.payload);
      await completeJob(deps.db, job.id, deps.clock.now());
      deps.log({ msg: 'job done', jobId: job.id, kind: job.kind, durationMs: Math.round(performance.now() - started) });
    } catch (error) {
      const permanent = error instanceof PermanentJobError;
      const outcome = await failJob(deps.db, job, describeError(error).errorMessage, deps.clock.now(), permanent);
      deps.log({ level: outcome === 'dead' ? 'error' : 'warn', msg: `job ${outcome === 'dead' ? 'dead' : 'will retry'}`, jobId: job.id, kind: job.kind, attempts: job.attempts, ...describeError(error) });
    }
    return true;
  }

  async function drain(): Promise<number> {
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
