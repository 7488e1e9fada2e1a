// Moderation flows as participation workers and safeguarding leads do them, signed in for real.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpProcessor } from '../../api/images/sharp-processor.ts';
import { createJobRunner } from '../../api/jobs/runner.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { postJson, quote } from '../helpers/intake.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

describe(`moderation on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let webhook: Server;
  const notices: Record<string, unknown>[] = [];
  let h: Harness;
  let worker: SignedIn;
  let lead: SignedIn;
  let now = new Date();

  async function send(text: string, extra: Record<string, unknown> = {}): Promise<string> {
    const body = quote({ text, ...extra });
    const response = await postJson(h.app, body);
    expect(response.status).toBe(201);
    return body.id as string;
  }

  beforeAll(async () => {
    provider = await startTestProvider();
    webhook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        notices.push(JSON.parse(body));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => webhook.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`;
    h = await createHarness({ config: staffConfig({ SAFEGUARDING_WEBHOOK_URL: webhookUrl }), oidc: provider.settings, clock: { now: () => now } });
    worker = await signInAs(h.app, 'worker');
    lead = await signInAs(h.app, 'lead');
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
    await new Promise<void>((resolve) => webhook.close(() => resolve()));
  });

  it('shows workers the themed queue oldest first, and keeps flagged items in the restricted lane', async () => {
    const first = await send('School dinners are too small.');
    now = new Date(now.getTime() + 1000);
    const disclosure = await send('my dad hits me and im scared to go home');
    now = new Date(now.getTime() + 1000);
    const second = await send('I wish my social worker visited more.');

    const asWorker = await (await worker.request('/api/moderation/queue')).json();
    const workerIds = asWorker.items.map((item: { id: string }) => item.id);
    expect(workerIds).toEqual(expect.arrayContaining([first, second]));
    expect(workerIds).not.toContain(disclosure);
    expect(workerIds.indexOf(first)).toBeLessThan(workerIds.indexOf(second));
    expect(asWorker.guidance).toMatch(/flag it/);

    const asLead = await (await lead.request('/api/moderation/queue')).json();
    expect(asLead.items[0]).toMatchObject({ id: disclosure, safeguarding: true, screeningCategories: expect.arrayContaining(['physical_abuse']) });
    expect((await worker.request(`/api/moderation/submissions/${disclosure}`)).status).toBe(404);
  });

  it('pages with a cursor and filters', async () => {
    const page1 = await (await lead.request('/api/moderation/queue?limit=2')).json();
    expect(page1.items).toHaveLength(2);
    const page2 = await (await lead.request(`/api/moderation/queue?limit=2&cursor=${page1.nextCursor}`)).json();
    const seen = [...page1.items, ...page2.items].map((item: { id: string }) => item.id);
    expect(new Set(seen).size).toBe(seen.length);
    const flaggedOnly = await (await lead.request('/api/moderation/queue?safeguarding=true')).json();
    expect(flaggedOnly.items.every((item: { safeguarding: boolean }) => item.safeguarding)).toBe(true);
    expect((await lead.request('/api/moderation/queue?cursor=garbage')).status).toBe(422);
    expect((await lead.request('/api/moderation/queue?status=deleted')).status).toBe(422);
  });

  it('a second redaction by a worker removes more from what they see and never brings back what was removed', async () => {
    const id = await send('I live at 12 Acacia Road and my friend Sam Jones knows');
    const first = await worker.json(`/api/moderation/submissions/${id}/redact`, 'POST', { spans: [{ start: 10, end: 24 }] });
    expect((await first.json()).redactedText).toBe('I live at [removed] and my friend Sam Jones knows');
    // Offsets now point into the redacted words the worker sees: "Sam Jones" starts at 34.
    const second = await worker.json(`/api/moderation/submissions/${id}/redact`, 'POST', { spans: [{ start: 34, end: 43 }] });
    expect((await second.json()).redactedText).toBe('I live at [removed] and my friend [removed] knows');
    const asWorker = await (await worker.request(`/api/moderation/submissions/${id}`)).json();
    expect(asWorker.text).not.toContain('Acacia');
    expect(asWorker.text).not.toContain('Sam');
  });

  it('claim, tag, redact, approve: the redacted text is what everyone but a lead sees, and each step is audited', async () => {
    const text = 'Call me on 07700 900123, I go to Riverside Primary School and I love drama club';
    const id = await send(text);
    expect((await worker.json(`/api/moderation/submissions/${id}/claim`, 'POST')).status).toBe(200);
    // Anyone else (here the lead) is kept out until the claim expires.
    expect((await lead.json(`/api/moderation/submissions/${id}/approve`, 'POST')).status).toBe(409);

    const detail = await (await worker.request(`/api/moderation/submissions/${id}`)).json();
    expect(detail.text).toBe(text);
    const spans = detail.identifyingDetails.map((span: { start: number; end: number }) => ({ start: span.start, end: span.end }));
    expect(spans).toHaveLength(2);
    const redacted = await (await worker.json(`/api/moderation/submissions/${id}/redact`, 'POST', { spans })).json();
    expect(redacted.redactedText).toBe('Call me on [removed], I go to [removed] and I love drama club');

    const tags = await (await worker.json(`/api/moderation/submissions/${id}/tags`, 'PUT', { priorities: ['send'], themes: ['Clubs and activities'] })).json();
    expect(tags).toEqual({ priorities: ['send'], themes: ['clubs-and-activities'] });
    expect((await worker.json(`/api/moderation/submissions/${id}/approve`, 'POST')).status).toBe(200);

    const asWorker = await (await worker.request(`/api/moderation/submissions/${id}?status=approved`)).json();
    expect(asWorker.text).toBe(redacted.redactedText);
    expect(asWorker.originalText).toBeUndefined();
    const asLead = await (await lead.request(`/api/moderation/submissions/${id}`)).json();
    expect(asLead.originalText).toBe(text);
    expect(asLead.status).toBe('approved');

    const audit = await h.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', id).orderBy('id').execute();
    expect(audit.map((row) => row.action)).toEqual([
      'submission.claimed',
      'submission.read',
      'submission.redacted',
      'submission.tagged',
      'submission.approved',
      'submission.read',
      'submission.read',
    ]);
    expect(JSON.stringify(audit)).not.toContain('07700');
  });

  it('never lets a flagged disclosure be rejected or bulk-approved before a lead acts; escalation notifies the webhook', async () => {
    const id = await send('someone touched me and told me not to tell');
    const refused = await lead.json(`/api/moderation/submissions/${id}/reject`, 'POST', { reason: 'not relevant' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'safeguarding_unresolved', missing: 'safeguarding_resolution' });
    const bulk = await (await lead.json('/api/moderation/bulk', 'POST', { ids: [id], action: 'approve' })).json();
    expect(bulk.results).toEqual([{ id, ok: false, code: 'safeguarding_unresolved' }]);

    expect((await worker.json(`/api/moderation/submissions/${id}/escalate`, 'POST', { referralReference: 'MASH-1' })).status).toBe(403);
    expect((await lead.json(`/api/moderation/submissions/${id}/escalate`, 'POST', { referralReference: 'MASH-2026-0042', note: 'Referred to MASH' })).status).toBe(200);
    expect((await lead.json(`/api/moderation/submissions/${id}/reject`, 'POST', { reason: 'Handled as a referral, not for committee' })).status).toBe(200);

    await createJobRunner(h.deps, createSharpProcessor()).drain();
    const events = notices.filter((notice) => notice.submissionId === id).map((notice) => notice.event);
    expect(events).toEqual(['flagged_at_intake', 'escalated']);
    expect(JSON.stringify(notices)).not.toContain('touched');
  });

  it('lets a worker flag what screening missed; it moves to the restricted lane and stays visible to them', async () => {
    const id = await send('things at home are not ok lately');
    expect((await worker.json(`/api/moderation/submissions/${id}/flag`, 'POST', {})).status).toBe(200);
    const queue = await (await worker.request('/api/moderation/queue')).json();
    expect(queue.items.find((item: { id: string }) => item.id === id)).toMatchObject({ safeguarding: true });
    expect((await worker.json(`/api/moderation/submissions/${id}/reject`, 'POST', { reason: 'duplicate' })).status).toBe(409);
    expect((await lead.json(`/api/moderation/submissions/${id}/no-concern`, 'POST', { reason: 'Talked to the group worker: about a house move' })).status).toBe(200);
    expect((await worker.json(`/api/moderation/submissions/${id}/reject`, 'POST', { reason: 'duplicate' })).status).toBe(200);
  });

  it('refuses unknown queue filters and garbage cursors with 422 naming them, instead of ignoring them', async () => {
    for (const [query, pointer] of [['lane=restricted', '/lane'], ['cursor=not-a-cursor', '/cursor'], ['cursor=%7B%7D', '/cursor']] as const) {
      const response = await lead.request(`/api/moderation/queue?${query}`);
      expect(response.status, query).toBe(422);
      expect((await response.json()).errors, query).toEqual([expect.objectContaining({ pointer })]);
    }
  });

  it('refuses a junk text/plain body when flagging (415), and the item stays out of the restricted lane', async () => {
    const id = await send('we planted trees by the river');
    const response = await worker.request(`/api/moderation/submissions/${id}/flag`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-csrf-token': worker.csrf, origin: h.deps.config.publicUrl },
      body: 'please flag',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'unsupported_media_type' });
    const queue = await (await worker.request('/api/moderation/queue')).json();
    expect(queue.items.find((item: { id: string }) => item.id === id)).toMatchObject({ safeguarding: false });
  });

  it('refuses approval of an unresolved flag on every path: single, bulk and undo; only a lead resolves it', async () => {
    // (c) A lead cannot approve a screened disclosure without recording escalation or "no concern".
    const screened = await send('someone touched me and told me not to tell');
    const single = await lead.json(`/api/moderation/submissions/${screened}/approve`, 'POST');
    expect(single.status).toBe(409);
    expect(single.headers.get('content-type')).toMatch(/problem\+json/);
    expect(await single.json()).toMatchObject({ code: 'safeguarding_unresolved', missing: 'safeguarding_resolution' });

    // (b) A worker who flagged cannot approve their own flag, nor undo it away, nor resolve it.
    const flagged = await send('The bus to the youth club is always late');
    expect((await worker.json(`/api/moderation/submissions/${flagged}/flag`, 'POST', {})).status).toBe(200);
    expect(await (await worker.json(`/api/moderation/submissions/${flagged}/approve`, 'POST')).json()).toMatchObject({ code: 'safeguarding_unresolved' });
    expect(await (await worker.json(`/api/moderation/submissions/${flagged}/undo`, 'POST')).json()).toMatchObject({ code: 'safeguarding_unresolved' });
    expect((await worker.json(`/api/moderation/submissions/${flagged}/no-concern`, 'POST', { reason: 'It was my own flag' })).status).toBe(403);
    const row = await h.database.db.selectFrom('submissions').select(['status', 'safeguarding', 'safeguarding_resolution']).where('id', '=', flagged).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'received', safeguarding: true, safeguarding_resolution: null });

    // An undo cannot bring back an approval over a flag raised since: the approval was undone by someone else's flag.
    const approved = await send('The youth club should open on Sundays');
    expect((await worker.json(`/api/moderation/submissions/${approved}/approve`, 'POST')).status).toBe(200);
    expect((await lead.json(`/api/moderation/submissions/${approved}/flag`, 'POST', {})).status).toBe(200);
    expect((await lead.json(`/api/moderation/submissions/${approved}/undo`, 'POST')).status).toBe(409);
    expect((await lead.json(`/api/moderation/submissions/${approved}/no-concern`, 'POST', { reason: 'About opening hours only' })).status).toBe(200);
    expect((await worker.json(`/api/moderation/submissions/${flagged}/approve`, 'POST')).status).toBe(409);
    expect((await lead.json(`/api/moderation/submissions/${flagged}/no-concern`, 'POST', { reason: 'Talked to the group worker' })).status).toBe(200);
    expect((await worker.json(`/api/moderation/submissions/${flagged}/approve`, 'POST')).status).toBe(200);
  });

  it('a flag on a submission a lead cleared with "no concern" reopens it for a lead', async () => {
    const id = await send('We want more trips in the holidays');
    expect((await worker.json(`/api/moderation/submissions/${id}/flag`, 'POST', {})).status).toBe(200);
    expect((await lead.json(`/api/moderation/submissions/${id}/no-concern`, 'POST', { reason: 'A house move' })).status).toBe(200);
    expect((await worker.json(`/api/moderation/submissions/${id}/approve`, 'POST')).status).toBe(200);
    expect((await worker.json(`/api/moderation/submissions/${id}/flag`, 'POST', { note: 'Said more since' })).status).toBe(200);
    const row = await h.database.db.selectFrom('submissions').select(['safeguarding', 'safeguarding_resolution', 'safeguarding_resolved_by', 'flagged_by']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ safeguarding: true, safeguarding_resolution: null, safeguarding_resolved_by: null, flagged_by: worker.id });
    expect((await worker.json(`/api/moderation/submissions/${id}/undo`, 'POST')).status).toBe(409);
  });

  it('undoes the last decision within the window, and not after it', async () => {
    const id = await send('We need more youth clubs open at weekends');
    await worker.json(`/api/moderation/submissions/${id}/tags`, 'PUT', { priorities: ['contextual-risk'], themes: [] });
    await worker.json(`/api/moderation/submissions/${id}/approve`, 'POST');
    expect((await worker.json(`/api/moderation/submissions/${id}/undo`, 'POST')).status).toBe(204);
    const after = await (await worker.request(`/api/moderation/submissions/${id}`)).json();
    expect(after.status).toBe('received');
    expect(after.tags.priorities).toEqual(['contextual-risk']);

    await worker.json(`/api/moderation/submissions/${id}/approve`, 'POST');
    now = new Date(now.getTime() + 5 * 60_000);
    expect((await worker.json(`/api/moderation/submissions/${id}/undo`, 'POST')).status).toBe(409);
  });

  it('bulk-tags and bulk-approves many', async () => {
    const ids = [await send('More buses to college please'), await send('Make the park safer at night')];
    const tagged = await (await worker.json('/api/moderation/bulk', 'POST', { ids, action: 'tag', priorities: ['contextual-risk'] })).json();
    expect(tagged.results, JSON.stringify(tagged)).toEqual(ids.map((id) => ({ id, ok: true })));
    expect(tagged.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    const approved = await (await worker.json('/api/moderation/bulk', 'POST', { ids, action: 'approve' })).json();
    expect(approved.results, JSON.stringify(approved)).toEqual(ids.map((id) => ({ id, ok: true })));
    expect(approved.results.every((r: { ok: boolean }) => r.ok)).toBe(true);
    const rows = await h.database.db.selectFrom('submissions').select('status').where('id', 'in', ids).execute();
    expect(rows.map((r) => r.status)).toEqual(['approved', 'approved']);
  });

  it('hints at near-identical text waiting within a day (not across the lane wall), and merges by bulk reject with a reason', async () => {
    // Sent a day and an hour earlier (the clock goes back, not forward, so the staff sessions stay valid).
    const base = now;
    now = new Date(base.getTime() - 25 * 60 * 60_000);
    const dayEarlier = await send('The youth centre closes far too early.');
    now = base;
    const kept = await send('The youth centre closes far too early!');
    now = new Date(now.getTime() + 10 * 60_000);
    const copy = await send('the youth centre closes far too early');
    const flagged = await send('THE YOUTH CENTRE CLOSES FAR TOO EARLY');
    await lead.json(`/api/moderation/submissions/${flagged}/flag`, 'POST', {});

    type Item = { id: string; duplicateIds: string[]; thumbnailId: string | null };
    const page = await (await worker.request('/api/moderation/queue?limit=100')).json();
    const items: Item[] = page.items;
    expect(items, JSON.stringify(page)).toBeDefined();
    const hint = (id: string) => items.find((item) => item.id === id)?.duplicateIds;
    expect(hint(kept)).toEqual([copy]);
    expect(hint(copy)).toEqual([kept]);
    expect(hint(dayEarlier)).toEqual([]);
    expect(items.find((item) => item.id === kept)?.thumbnailId).toBeNull();
    // A lead, who can see the flagged one, is told of it too.
    const asLead: Item[] = (await (await lead.request('/api/moderation/queue?limit=100')).json()).items;
    expect(asLead.find((item) => item.id === kept)?.duplicateIds.sort()).toEqual([copy, flagged].sort());

    expect((await worker.json('/api/moderation/bulk', 'POST', { ids: [copy], action: 'reject' })).status).toBe(422);
    const merged = await (await worker.json('/api/moderation/bulk', 'POST', { ids: [copy], action: 'reject', reason: `duplicate of ${kept}` })).json();
    expect(merged.results).toEqual([{ id: copy, ok: true }]);
    const row = await h.database.db.selectFrom('submissions').select(['status', 'rejection_reason']).where('id', '=', copy).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'rejected', rejection_reason: `duplicate of ${kept}` });
    const audit = await h.database.db.selectFrom('audit_log').select('details').where('subject_id', '=', copy).where('action', '=', 'submission.rejected').executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ bulk: true, reason: `duplicate of ${kept}` });
  });

  it('refuses state changes without the CSRF token or from another origin', async () => {
    const id = await send('I like the new skate park');
    const noToken = await worker.request(`/api/moderation/submissions/${id}/approve`, { method: 'POST' });
    expect(noToken.status).toBe(403);
    expect((await noToken.json()).code).toBe('csrf_token_invalid');
    const crossOrigin = await worker.request(`/api/moderation/submissions/${id}/approve`, {
      method: 'POST',
      headers: { 'x-csrf-token': worker.csrf, origin: 'https://evil.example' },
    });
    expect(crossOrigin.status).toBe(403);
  });

  it('validates decisions', async () => {
    const id = await send('Short one');
    expect((await worker.json(`/api/moderation/submissions/${id}/redact`, 'POST', { spans: [{ start: 0, end: 999 }] })).status).toBe(422);
    expect((await worker.json(`/api/moderation/submissions/${id}/tags`, 'PUT', { priorities: ['not-a-priority'], themes: [] })).status).toBe(422);
    expect((await worker.json(`/api/moderation/submissions/${id}/reject`, 'POST', {})).status).toBe(422);
    expect((await worker.json('/api/moderation/submissions/not-a-uuid/approve', 'POST')).status).toBe(422);
    expect((await worker.json(`/api/moderation/submissions/${crypto.randomUUID()}/approve`, 'POST')).status).toBe(404);
  });
});
