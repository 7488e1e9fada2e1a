/**
 * The email a safeguarding lead gets for a new or overdue flag. It never carries the child's words: only the
 * screening category, when it came, when a response is due and a link that opens the item once signed in.
 */
import { safeguardingNoticeFacts, staffEmailsWithRole } from '../db/notify.ts';
import type { AppDeps } from '../deps.ts';
import type { SafeguardingNotice } from '../moderation/notify.ts';
import { categoryLabel, storedMatches } from '../moderation/screening-matches.ts';
import { staffLink } from './staff-links.ts';

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** The job: one message to every safeguarding lead with an email address; nothing when there is no mailer (the Worker). */
export async function sendSafeguardingEmail(deps: AppDeps, payload: SafeguardingNotice): Promise<void> {
  if (!deps.mailer) {
    deps.log({ level: 'warn', msg: 'safeguarding email not sent: no mailer (set SMTP_URL on the Node server)', submissionId: payload.submissionId });
    return;
  }
  const facts = await safeguardingNoticeFacts(deps.db, payload.submissionId);
  // Withdrawn and purged, or resolved before the mail went: nothing to ask a lead for.
  if (!facts || !facts.safeguarding || facts.safeguarding_resolution !== null || facts.status === 'withdrawn') return;
  const leads = await staffEmailsWithRole(deps.db, 'safeguarding_lead');
  if (leads.length === 0) {
    deps.log({ level: 'warn', msg: 'safeguarding email not sent: no safeguarding lead has an email address', submissionId: payload.submissionId });
    return;
  }
  const categories = [...new Set(storedMatches(facts.screening, facts.language).map((match) => categoryLabel(match.category)))];
  const receivedAt = new Date(facts.created_at);
  const hours = deps.config.moderation.safeguardingResponseHours;
  const dueAt = new Date(receivedAt.getTime() + hours * 3_600_000);
  const overdue = payload.event === 'overdue';
  const link = staffLink(deps.config.publicUrl, 'safeguarding', payload.submissionId);
  const lines = [
    overdue ? 'A safeguarding flag in Heard is overdue: no lead has escalated it or recorded "no concern" yet.' : 'Something a child sent to Heard was flagged as a possible safeguarding concern.',
    '',
    `Category: ${categories.length ? categories.join(', ') : 'flagged by a participation worker'}`,
    `How it was flagged: ${payload.event === 'flagged_by_worker' ? 'by a participation worker' : categories.length ? 'by screening when it arrived' : 'by a participation worker'}`,
    `Received: ${WHEN.format(receivedAt)} UTC`,
    `Response due: ${WHEN.format(dueAt)} UTC (within ${hours} hours)`,
    '',
    `Open it in Heard (sign in first): ${link}`,
    '',
    'This email never contains what the child wrote. Please do not forward it outside your safeguarding process.',
  ];
  await deps.mailer.send({
    to: leads.map((lead) => lead.email),
    subject: overdue ? 'Heard: a safeguarding flag is overdue' : 'Heard: a new safeguarding flag',
    text: lines.join('\n'),
  });
  deps.log({ msg: 'safeguarding email sent', submissionId: payload.submissionId, event: payload.event, recipients: leads.length });
}
