// Release check 10, audit: every staff read of a child's content and every staff action on it writes an audit row
// (found by the request id the response carries), the application's own database connection cannot change or remove
// audit rows, and no log line carries a child's words, a receipt, a session cookie, a CSRF token or a picture's URL.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { drawing, pngDrawing, postDrawing, postJson, quote } from '../helpers/intake.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

const WORDS = ['Zebrafinch wants a bigger football pitch', 'Marigold wants more time with her sister', 'Quillon drew his new house'];

describe(`audit of staff reads and actions on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  let lead: SignedIn;
  let admin: SignedIn;
  const receipts: string[] = [];
  const ids: Record<'disclosure' | 'quote' | 'drawing', string> = { disclosure: '', quote: '', drawing: '' };
  let mediaId: string;
  let itemId: string;
  let surveyId: string;

  async function send(body: Record<string, unknown>, picture?: Uint8Array): Promise<string> {
    const response = picture ? await postDrawing(h.app, body, picture) : await postJson(h.app, body);
    expect(response.status).toBe(201);
    receipts.push((await response.json()).receipt);
    return body.id as string;
  }

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    [worker, lead, admin] = await Promise.all([signInAs(h.app, 'worker'), signInAs(h.app, 'lead'), signInAs(h.app, 'admin')]);
    ids.disclosure = await send(quote({ text: WORDS[0] }));
    ids.quote = await send(quote({ text: WORDS[1] }));
    ids.drawing = await send(drawing({ text: WORDS[2] }), await pngDrawing(200, 150));
    await createJobRunner(h.deps, createSharpProcessor()).drain();
    mediaId = (await h.database.db.selectFrom('media_objects').select('id').where('submission_id', '=', ids.drawing).where('role', '=', 'processed').executeTakeFirstOrThrow()).id;

    const { committees } = await (await worker.request('/api/committees')).json();
    const meeting = await (await worker.json(`/api/committees/${committees[0].id}/meetings`, 'POST', { heldOn: '2026-12-03' })).json();
    itemId = (await (await worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'Family time', priorities: ['mental-health'] })).json()).id;
    const survey = await worker.json('/api/surveys', 'POST', { title: 'Home', intro: { en: 'About home.' }, questions: [{ id: 'happy', type: 'emoji_scale', text: { en: 'Happy?' } }] });
    surveyId = (await survey.json()).id;
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  async function auditedBy(response: Response) {
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    return h.database.db.selectFrom('audit_log').select(['action', 'subject_type', 'subject_id', 'actor_id']).where('request_id', '=', requestId!).execute();
  }

  const firstReviewId = async () => (await h.database.db.selectFrom('screening_reviews').select('id').executeTakeFirstOrThrow()).id;

  // In order: the reads and actions a day of moderation and a committee meeting go through.
  const steps: { what: string; who: () => SignedIn; send: (who: SignedIn) => Promise<Response>; action: RegExp; subject?: () => string }[] = [
    { what: 'queue read', who: () => worker, send: (s) => s.request('/api/moderation/queue'), action: /^queue\.read$/ },
    { what: 'submission content read', who: () => worker, send: (s) => s.request(`/api/moderation/submissions/${ids.quote}`), action: /^submission\.read$/, subject: () => ids.quote },
    { what: 'picture read', who: () => worker, send: (s) => s.request(`/api/media/${mediaId}`), action: /^media\.read$/, subject: () => ids.drawing },
    { what: 'claim', who: () => worker, send: (s) => s.json(`/api/moderation/submissions/${ids.quote}/claim`, 'POST'), action: /^submission\.claim/, subject: () => ids.quote },
    { what: 'tags', who: () => worker, send: (s) => s.json(`/api/moderation/submissions/${ids.quote}/tags`, 'PUT', { priorities: ['mental-health'], themes: ['family time'] }), action: /^submission\.tag/, subject: () => ids.quote },
    { what: 'redaction', who: () => worker, send: (s) => s.json(`/api/moderation/submissions/${ids.quote}/redact`, 'POST', { spans: [{ start: 0, end: 8 }] }), action: /^submission\.redact/, subject: () => ids.quote },
    { what: 'approval', who: () => worker, send: (s) => s.json(`/api/moderation/submissions/${ids.quote}/approve`, 'POST'), action: /^submission\.approve/, subject: () => ids.quote },
    { what: 'drawing edit', who: () => worker, send: (s) => s.json(`/api/moderation/submissions/${ids.drawing}/drawing`, 'POST', { blur: [{ left: 0, top: 0, width: 20, height: 20 }] }), action: /^submission\./, subject: () => ids.drawing },
    { what: 'bulk approval', who: () => worker, send: (s) => s.json('/api/moderation/bulk', 'POST', { ids: [ids.drawing], action: 'tag', priorities: ['mental-health'] }), action: /^submission\./, subject: () => ids.drawing },
    { what: 'undo', who: () => worker, send: (s) => s.json(`/api/moderation/submissions/${ids.drawing}/undo`, 'POST'), action: /^submission\.undo$/, subject: () => ids.drawing },
    { what: 'flag for a lead', who: () => worker, send: (s) => s.json(`/api/moderation/submissions/${ids.disclosure}/flag`, 'POST', { note: 'Reads as a disclosure.' }), action: /^submission\.flag/, subject: () => ids.disclosure },
    { what: 'escalation', who: () => lead, send: (s) => s.json(`/api/moderation/submissions/${ids.disclosure}/escalate`, 'POST', { referralReference: 'MASH-2026-0042' }), action: /^submission\.escalat/, subject: () => ids.disclosure },
    { what: 'rejection', who: () => lead, send: (s) => s.json(`/api/moderation/submissions/${ids.drawing}/reject`, 'POST', { reason: 'Not about the partnership.' }), action: /^submission\.reject/, subject: () => ids.drawing },
    { what: 'curation', who: () => worker, send: (s) => s.json(`/api/agenda-items/${itemId}/curation/${ids.quote}`, 'PUT', { choice: 'pin', note: 'Opens the item.' }), action: /^agenda_item\.curated$/, subject: () => itemId },
    { what: 'committee pull', who: () => worker, send: (s) => s.request(`/api/agenda-items/${itemId}/feedback`), action: /^agenda_item\.feedback_read$/, subject: () => itemId },
    { what: 'CSV export', who: () => worker, send: (s) => s.request(`/api/agenda-items/${itemId}/feedback.csv`), action: /^agenda_item\.csv_exported$/, subject: () => itemId },
    { what: 'XLSX export', who: () => worker, send: (s) => s.request(`/api/agenda-items/${itemId}/feedback.xlsx`), action: /^agenda_item\.xlsx_exported$/, subject: () => itemId },
    { what: 'pack preview', who: () => worker, send: (s) => s.request(`/api/agenda-items/${itemId}/pack`), action: /^agenda_item\.pack_viewed$/, subject: () => itemId },
    { what: 'pack issued', who: () => worker, send: (s) => s.json(`/api/agenda-items/${itemId}/packs`, 'POST', {}), action: /^pack\.issued$/ },
    { what: 'marked discussed', who: () => worker, send: (s) => s.json(`/api/agenda-items/${itemId}/discussed`, 'POST', { outcomeNote: 'We will add evening visits.' }), action: /^agenda_item\.discussed$/, subject: () => itemId },
    { what: 'survey results read', who: () => worker, send: (s) => s.request(`/api/surveys/${surveyId}/results`), action: /^survey\.results_read$/, subject: () => surveyId },
    { what: 'survey results exported', who: () => worker, send: (s) => s.request(`/api/surveys/${surveyId}/results.csv`), action: /^survey\.results_read$/, subject: () => surveyId },
    { what: 'survey results exported as XLSX', who: () => worker, send: (s) => s.request(`/api/surveys/${surveyId}/results.xlsx`), action: /^survey\.results_xlsx_exported$/, subject: () => surveyId },
    { what: 'missed disclosure reported', who: () => lead, send: (s) => s.json(`/api/moderation/submissions/${ids.quote}/missed`, 'POST', { category: 'emotional_abuse' }), action: /^screening_review\.missed$/, subject: () => ids.quote },
    { what: 'screening reviews read', who: () => admin, send: (s) => s.request('/api/screening/reviews'), action: /^screening_review\.list$/ },
    {
      what: 'screening review accepted',
      who: () => admin,
      send: async (s) => s.json(`/api/screening/reviews/${await firstReviewId()}/accept`, 'POST'),
      action: /^screening_review\.accepted$/,
    },
    { what: 'corpus review exported', who: () => lead, send: (s) => s.request('/api/screening/corpus-review.jsonl'), action: /^screening_corpus\.exported$/ },
    { what: 'audit log read', who: () => admin, send: (s) => s.request('/api/audit'), action: /^audit\.read$/ },
  ];

  it('writes an audit row, with the actor and the subject, for every read of content and every action', async () => {
    await (await worker.json(`/api/surveys/${surveyId}/publish`, 'POST')).text();
    const missing: string[] = [];
    for (const step of steps) {
      const who = step.who();
      const response = await step.send(who);
      expect(response.status, step.what).toBeLessThan(300);
      await response.arrayBuffer();
      const rows = await auditedBy(response);
      const row = rows.find((r) => step.action.test(r.action));
      if (!row) missing.push(`${step.what}: rows ${JSON.stringify(rows)}`);
      else {
        expect(row.actor_id, step.what).toBe(who.id);
        if (step.subject) expect(row.subject_id, step.what).toBe(step.subject());
      }
    }
    console.log(`audit check: ${steps.length - missing.length} of ${steps.length} staff reads and actions audited`);
    expect(missing).toEqual([]);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of audit rows through the application's own connection", async () => {
    const before = await h.database.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(before.n).toBeGreaterThan(steps.length);
    await expect(sql`update audit_log set action = 'nothing.happened'`.execute(h.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(h.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_log`.execute(h.database.db)).rejects.toThrow(/append-only/);
    const after = await h.database.db.selectFrom('audit_log').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("keeps children's words, receipts, session cookies, CSRF tokens and picture keys out of every log line", async () => {
    const logged = JSON.stringify(h.logs);
    expect(h.logs.length).toBeGreaterThan(steps.length);
    const secrets = [
      ...WORDS.map((words) => words.split(' ')[0]!),
      ...receipts,
      ...[worker, lead, admin].flatMap((s) => [...s.jar.values(), s.csrf]),
      ...(await h.database.db.selectFrom('media_objects').select('storage_key').execute()).map((m) => m.storage_key),
    ];
    expect(secrets.length).toBeGreaterThan(10);
    expect(secrets.filter((secret) => secret.length >= 8 && logged.includes(secret))).toEqual([]);
  });
});
