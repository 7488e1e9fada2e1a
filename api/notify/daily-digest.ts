/** The workers' daily digest: how much waits in the moderation queue, enqueued once a day by the maintenance sweep. */
import type { Kysely } from 'kysely';
import { enqueueJobOnce, queueCounts, staffEmailsWithRole } from '../db/notify.ts';
import type { Database } from '../db/schema.ts';
import type { AppDeps } from '../deps.ts';
import { staffLink } from './staff-links.ts';

/** The day's job has only `day`; each worker's job adds `staffUserId`. */
export type DigestPayload = { day: string; staffUserId?: string };

/**
 * Enqueues today's digest (UTC day) unless it already was, to run at `hourUtc` (or now, when that has passed):
 * the sweep runs hourly, the digest goes once a day.
 */
export async function enqueueDailyDigest(db: Kysely<Database>, now: Date, hourUtc: number): Promise<boolean> {
  const day = now.toISOString().slice(0, 10);
  const at = new Date(`${day}T${String(hourUtc).padStart(2, '0')}:00:00Z`);
  return enqueueJobOnce(db, 'email_digest', { day }, 'day', at > now ? at : now);
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * The job, in two steps so a failed send never repeats another worker's mail: the day's job enqueues one job per
 * participation worker (once each, however often it retries), and each of those sends that worker their counts.
 */
export async function sendDailyDigest(deps: AppDeps, payload: DigestPayload): Promise<void> {
  if (!deps.mailer) {
    deps.log({ level: 'warn', msg: 'daily digest not sent: no mailer (set SMTP_URL on the Node server)', day: payload.day });
    return;
  }
  const now = deps.clock.now();
  if (!payload.staffUserId) {
    const workers = await staffEmailsWithRole(deps.db, 'participation_worker');
    for (const worker of workers) {
      await enqueueJobOnce(deps.db, 'email_digest', { day: payload.day, staffUserId: worker.id, once: `${payload.day}/${worker.id}` }, 'once', now);
    }
    deps.log({ msg: 'daily digest enqueued', day: payload.day, recipients: workers.length });
    return;
  }
  const worker = (await staffEmailsWithRole(deps.db, 'participation_worker')).find((candidate) => candidate.id === payload.staffUserId);
  // No longer a worker, disabled, or without an address since the day's job ran.
  if (!worker) return;
  const counts = await queueCounts(deps.db, worker.id, now);
  const lines = [
    `Good morning. This is what waits in Heard today (${payload.day}).`,
    '',
    `Waiting for moderation: ${counts.waiting}${counts.claimedBy ? ` (${counts.claimedBy} claimed by you)` : ''}`,
    ...(counts.oldestWaitingAt ? [`Oldest has waited: ${plural(Math.floor((now.getTime() - counts.oldestWaitingAt.getTime()) / 3_600_000), 'hour', 'hours')}`] : []),
    `Safeguarding flags waiting for a lead: ${counts.awaitingLead}`,
    '',
    `Open the queue: ${staffLink(deps.config.publicUrl, 'queue')}`,
  ];
  await deps.mailer.send({ to: [worker.email], subject: `Heard: ${plural(counts.waiting, 'submission waits', 'submissions wait')} for moderation`, text: lines.join('\n') });
}
