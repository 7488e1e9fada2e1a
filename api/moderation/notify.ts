/**
 * Tells the safeguarding lead's system that something was flagged, never with the child's words: a Standard Webhooks
 * signed JSON POST to the configured webhook, and (through its own job) an email to the safeguarding leads.
 */
import type { Kysely } from 'kysely';
import { enqueueJob } from '../db/jobs.ts';
import { enqueueJobOnce } from '../db/notify.ts';
import type { Database } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import { staffLink } from '../notify/staff-links.ts';
import { webhookHeaders } from '../notify/webhook-signature.ts';

export type SafeguardingEvent = 'flagged_at_intake' | 'flagged_by_worker' | 'escalated' | 'overdue';

export type SafeguardingNotice = { submissionId: string; event: SafeguardingEvent };

/** Events that reach the leads' inboxes too: a new flag and an overdue one (an escalation was a lead's own act). */
const EMAILED: ReadonlySet<SafeguardingEvent> = new Set(['flagged_at_intake', 'flagged_by_worker', 'overdue']);

export async function enqueueSafeguardingNotice(db: Kysely<Database>, submissionId: string, event: SafeguardingEvent, now: Date): Promise<void> {
  await enqueueJob(db, 'notify_safeguarding', { submissionId, event }, now);
}

/**
 * The job: hands the email to its own job (once, however often this one retries), then POSTs the signed notice;
 * a non-2xx answer or a network failure throws, so the runner retries with backoff. `noticeId` is stable across
 * retries (the job's id), so a receiver can drop a repeat by its `webhook-id`.
 */
export async function sendSafeguardingNotice(deps: AppDeps, payload: SafeguardingNotice, noticeId: string): Promise<void> {
  // Jobs run on Node, where the mailer is built from SMTP_URL; without one, email is off (said once at start-up).
  if (EMAILED.has(payload.event) && deps.mailer) {
    await enqueueJobOnce(deps.db, 'email_safeguarding', { ...payload, noticeId }, 'noticeId', deps.clock.now());
  }
  const url = deps.config.moderation.safeguardingWebhookUrl;
  if (!url) return;
  const now = deps.clock.now();
  const body = JSON.stringify({
    event: payload.event,
    submissionId: payload.submissionId,
    reviewUrl: staffLink(deps.config.publicUrl, 'safeguarding', payload.submissionId),
    sentAt: now.toISOString(),
    respondWithinHours: deps.config.moderation.safeguardingResponseHours,
  });
  const secret = deps.config.moderation.safeguardingWebhookSecret;
  const id = `heard_notice_${noticeId}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? await webhookHeaders(secret, id, Math.floor(now.getTime() / 1000), body) : { 'webhook-id': id }) },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`safeguarding webhook answered ${response.status}`);
}
