/** Tells the safeguarding lead's system that something was flagged: a JSON POST to the configured webhook, never the child's words. */
import type { Kysely } from 'kysely';
import { enqueueJob } from '../db/jobs.ts';
import type { Database } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';

export type SafeguardingEvent = 'flagged_at_intake' | 'flagged_by_worker' | 'escalated' | 'overdue';

export async function enqueueSafeguardingNotice(db: Kysely<Database>, submissionId: string, event: SafeguardingEvent, now: Date): Promise<void> {
  await enqueueJob(db, 'notify_safeguarding', { submissionId, event }, now);
}

/** The job: POSTs the notice; a non-2xx answer or a network failure throws, so the runner retries with backoff. */
export async function sendSafeguardingNotice(deps: AppDeps, payload: { submissionId: string; event: SafeguardingEvent }): Promise<void> {
  const url = deps.config.moderation.safeguardingWebhookUrl;
  if (!url) return;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      event: payload.event,
      submissionId: payload.submissionId,
      reviewUrl: `${deps.config.publicUrl}/staff/safeguarding/${payload.submissionId}`,
      sentAt: deps.clock.now().toISOString(),
      respondWithinHours: deps.config.moderation.safeguardingResponseHours,
    }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`safeguarding webhook answered ${response.status}`);
}
