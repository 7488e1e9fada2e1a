// Email to staff through a real SMTP server (smtp-server, in process): a worker's flag and an overdue flag reach the
// leads without the child's words, the sweep sends workers one digest a day at the configured hour, a retried
// notice mails once, and the configuration refuses half-set mail and unsigned production webhooks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../api/config.ts';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import { sendSafeguardingNotice } from '../../api/moderation/notify.ts';
import { smtpMailer } from '../../api/node/smtp-mailer.ts';
import { sendDailyDigest } from '../../api/notify/daily-digest.ts';
import { runMaintenanceSweep } from '../../api/retention/sweep.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp-capture.ts';
import { signInAs, staffConfig, startTestProvider, TEST_PUBLIC_URL, type SignedIn } from '../helpers/staff.ts';

const CHILD_WORDS = ['not ok lately', 'things at home', 'scared', 'uncle', 'youth club'];

describe('staff email', () => {
  let h: Harness;
  let smtp: SmtpCapture;
  let mailer: ReturnType<typeof smtpMailer>;
  let provider: DevOidcProvider;
  let worker: SignedIn;
  // Today at 05:30 UTC: before the digest hour (07).
  let now = new Date(`${new Date().toISOString().slice(0, 10)}T05:30:00Z`);

  const drain = () => createJobRunner(h.deps, createSharpProcessor()).drain();
  async function send(text: string): Promise<string> {
    const body = quote({ text });
    expect((await postJson(h.app, body)).status).toBe(201);
    return body.id as string;
  }
  function expectNoChildWords(): void {
    for (const mail of smtp.messages) for (const words of CHILD_WORDS) expect(mail.raw.toLowerCase() + mail.body.toLowerCase()).not.toContain(words);
  }

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    mailer = smtpMailer(smtp.url, 'heard@partnership.test');
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig({ SMTP_URL: smtp.url, NOTIFY_FROM: 'heard@partnership.test' }), oidc: provider.settings, clock: { now: () => now }, mailer });
    worker = await signInAs(h.app, 'worker');
    await signInAs(h.app, 'lead');
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
    mailer.close();
    await smtp.close();
  });

  it('emails the leads when a worker flags something screening missed, saying so and linking to the item', async () => {
    const id = await send('things at home are not ok lately');
    await drain();
    expect(smtp.messages).toEqual([]);
    expect((await worker.json(`/api/moderation/submissions/${id}/flag`, 'POST', {})).status).toBe(200);
    await drain();
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]).toMatchObject({ to: ['lead@heard.test'], subject: 'Heard: a new safeguarding flag' });
    expect(smtp.messages[0]!.body).toContain('Category: flagged by a participation worker');
    expect(smtp.messages[0]!.body).toContain(`${TEST_PUBLIC_URL}/staff/#/safeguarding/${id}`);
    expectNoChildWords();
    smtp.messages.length = 0;
  });

  it('mails a notice once however often its job retries (the webhook side failed)', async () => {
    const id = await send('my uncle hits me and im scared');
    await h.database.db.deleteFrom('jobs').where('kind', '=', 'notify_safeguarding').where('status', '=', 'queued').execute();
    const notice = { submissionId: id, event: 'flagged_at_intake' } as const;
    await sendSafeguardingNotice(h.deps, notice, '9001');
    await sendSafeguardingNotice(h.deps, notice, '9001');
    await drain();
    expect(smtp.messages.map((mail) => mail.subject)).toEqual(['Heard: a new safeguarding flag']);
    expect(smtp.messages[0]!.body).not.toContain('flagged by a participation worker');
    expectNoChildWords();
    smtp.messages.length = 0;
  });

  it('sends workers one digest a day at the digest hour, with their queue counts, and the leads an overdue flag', async () => {
    await send('The youth club should open on Sundays.');
    expect((await runMaintenanceSweep(h.deps)).digests).toBe(1);
    expect((await runMaintenanceSweep(h.deps)).digests).toBe(0);
    await drain();
    expect(smtp.messages.filter((mail) => mail.subject.includes('moderation'))).toEqual([]);

    now = new Date(now.getTime() + 2 * 3_600_000);
    await drain();
    const digests = smtp.messages.filter((mail) => /wait(s)? for moderation$/.test(mail.subject));
    // The lead is a participation worker too: both are workers.
    expect(digests.map((mail) => mail.to).sort()).toEqual([['lead@heard.test'], ['worker@heard.test']]);
    // Waiting: the Sunday quote only; the two flags wait for a lead, not in the queue.
    expect(digests[0]!.subject).toBe('Heard: 1 submission waits for moderation');
    expect(digests[0]!.body).toContain('Waiting for moderation: 1');
    expect(digests[0]!.body).toContain('Safeguarding flags waiting for a lead: 2');
    expect(digests[0]!.body).toContain(`${TEST_PUBLIC_URL}/staff/#/queue`);
    expect(await runMaintenanceSweep(h.deps)).toMatchObject({ digests: 0 });
    // The day's job retried (say a later worker's send failed): nobody is mailed twice.
    await sendDailyDigest(h.deps, { day: now.toISOString().slice(0, 10) });
    await drain();
    expect(smtp.messages.filter((mail) => mail.subject.includes('moderation'))).toHaveLength(2);
    smtp.messages.length = 0;

    // A day later: both flags are overdue; the leads hear about each, and the next digest is due.
    now = new Date(now.getTime() + 25 * 3_600_000);
    expect(await runMaintenanceSweep(h.deps)).toMatchObject({ overdueNotices: 2, digests: 1 });
    await drain();
    const overdue = smtp.messages.filter((mail) => mail.subject === 'Heard: a safeguarding flag is overdue');
    expect(overdue).toHaveLength(2);
    expect(overdue.every((mail) => mail.to.join() === 'lead@heard.test')).toBe(true);
    expect(smtp.messages.filter((mail) => mail.subject.includes('moderation'))).toHaveLength(2);
    expectNoChildWords();
  });

  it('refuses SMTP without a sender, a malformed secret, and an unsigned webhook in production', () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems.map((problem) => problem.variable);
      }
    };
    expect(problems({ SMTP_URL: 'smtp://127.0.0.1:2525' })).toEqual(['NOTIFY_FROM']);
    expect(problems({ SMTP_URL: 'http://mail.example' })).toEqual(['SMTP_URL']);
    expect(problems({ SAFEGUARDING_WEBHOOK_SECRET: 'not-a-secret' })).toEqual(['SAFEGUARDING_WEBHOOK_SECRET']);
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://heard.example', OIDC_ISSUER: 'https://id.example', OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' };
    expect(problems({ ...production, SAFEGUARDING_WEBHOOK_URL: 'https://lead.example/hook' })).toEqual(['SAFEGUARDING_WEBHOOK_SECRET']);
    expect(problems({ ...production, SAFEGUARDING_WEBHOOK_URL: 'https://lead.example/hook', SAFEGUARDING_WEBHOOK_SECRET: `whsec_${'A'.repeat(43)}=` })).toEqual([]);
    expect(parseConfig({ SMTP_URL: 'smtps://u:p@mail.example:465', NOTIFY_FROM: 'heard@example.org', NOTIFY_DIGEST_HOUR_UTC: '8' }).notify).toEqual({
      smtpUrl: 'smtps://u:p@mail.example:465',
      from: 'heard@example.org',
      digestHourUtc: 8,
    });
  });
});
