// The lead's view of screening: why something was flagged, false positives and missed disclosures, and the corpus
// review file a reviewer exports — signed in for real, on a real database, asserting the answers and the rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { consentAll, postJson, quote } from '../helpers/intake.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

type Match = { index: number; category: string; categoryLabel: string; signal: string; language: string; words?: string; start?: number; end?: number };

describe(`screening reviews on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  let lead: SignedIn;
  let admin: SignedIn;
  let committee: SignedIn;

  async function send(text: string, extra: Record<string, unknown> = {}): Promise<{ id: string; receipt: string }> {
    const body = quote({ text, ...extra });
    const response = await postJson(h.app, body);
    expect(response.status).toBe(201);
    return { id: body.id as string, receipt: (await response.json()).receipt };
  }

  async function exportLines(as: SignedIn, language = ''): Promise<Record<string, unknown>[]> {
    const response = await as.request(`/api/screening/corpus-review.jsonl${language ? `?language=${language}` : ''}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const body = await response.text();
    return body.split('\n').filter(Boolean).map((line) => JSON.parse(line));
  }

  /** Stores the screening record as if the engine had found `matches`: the tests then do not depend on its wording. */
  async function screenedAs(id: string, matches: Record<string, unknown>[], extra: { flagged_by?: string } = {}): Promise<void> {
    const row = await h.database.db.selectFrom('submissions').select('screening').where('id', '=', id).executeTakeFirstOrThrow();
    const screening = { ...(row.screening as object), safeguarding: matches };
    await h.database.db.updateTable('submissions').set({ screening: JSON.stringify(screening), safeguarding: matches.length > 0 || extra.flagged_by !== undefined, flagged_by: extra.flagged_by ?? null }).where('id', '=', id).execute();
  }

  const auditOf = (id: string) => h.database.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).where('subject_id', '=', id).orderBy('id').execute();

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
    lead = await signInAs(h.app, 'lead');
    admin = await signInAs(h.app, 'admin');
    committee = await signInAs(h.app, 'committee');
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  it('shows a lead why it was flagged: category label, the matched words, the signal and the language', async () => {
    const text = 'We had a fun trip. But my dad hits me and im scared to go home';
    const { id } = await send(text);
    const detail = await (await lead.request(`/api/moderation/submissions/${id}`)).json();
    expect(detail.screeningMatches.length).toBeGreaterThan(0);
    const match = detail.screeningMatches.find((m: Match) => m.category === 'physical_abuse');
    expect(match).toMatchObject({ categoryLabel: 'Physical abuse', signal: expect.stringMatching(/^(phrase|rule|classifier)$/), language: 'en' });
    expect(match.words).toBe(text.slice(match.start, match.end));
    expect(match.words.length).toBeGreaterThan(0);

    const queue = await (await lead.request('/api/moderation/queue?safeguarding=true')).json();
    expect(queue.items.find((item: { id: string }) => item.id === id).screeningMatches).toEqual(detail.screeningMatches);
  });

  it('records signal "phrase" for matches stored before signals existed, and keeps unknown categories readable', async () => {
    const { id } = await send('I like the new library.');
    await screenedAs(id, [{ field: '/text', phraseId: 'old-1', category: 'bullying_severe', start: 2, end: 6 }]);
    const detail = await (await lead.request(`/api/moderation/submissions/${id}`)).json();
    expect(detail.screeningMatches).toEqual([
      { index: 0, field: '/text', category: 'bullying_severe', categoryLabel: 'Bullying severe', signal: 'phrase', language: 'en', start: 2, end: 6, words: 'like' },
    ]);
  });

  it('shows the classifier score, and a worker the category and signal but not the words (their text may be redacted)', async () => {
    const { id } = await send('nobody at home talks to me anymore');
    await screenedAs(id, [{ field: '/text', phraseId: 'classifier:en', category: 'emotional_abuse', start: 0, end: 34, signal: 'classifier', language: 'en', score: 0.81 }], { flagged_by: worker.id });
    const asWorker = await (await worker.request(`/api/moderation/submissions/${id}`)).json();
    expect(asWorker.screeningMatches).toEqual([{ index: 0, field: '/text', category: 'emotional_abuse', categoryLabel: 'Emotional abuse', signal: 'classifier', language: 'en', score: 0.81 }]);
    const asLead = await (await lead.request(`/api/moderation/submissions/${id}`)).json();
    expect(asLead.screeningMatches[0]).toMatchObject({ signal: 'classifier', score: 0.81, words: 'nobody at home talks to me anymore' });
  });

  it('a lead marks a false positive with a reason: recorded and audited, the match kept, the item still in the lane', async () => {
    const text = 'That film was so scary. My dad hits me with spoilers every time lol';
    const { id } = await send(text);
    const at = text.indexOf('hits me');
    await screenedAs(id, [{ field: '/text', phraseId: 'rule:actor-harm-self', category: 'physical_abuse', start: at, end: at + 7, signal: 'rule', language: 'en' }]);
    const before = await (await lead.request(`/api/moderation/submissions/${id}`)).json();
    expect(before.safeguarding).toBe(true);
    expect((await lead.json(`/api/moderation/submissions/${id}/false-positive`, 'POST', { match: 0 })).status).toBe(422);
    expect((await lead.json(`/api/moderation/submissions/${id}/false-positive`, 'POST', { match: 99, reason: 'A joke about films' })).status).toBe(422);
    expect((await worker.json(`/api/moderation/submissions/${id}/false-positive`, 'POST', { match: 0, reason: 'A joke about films' })).status).toBe(403);

    const marked = await lead.json(`/api/moderation/submissions/${id}/false-positive`, 'POST', { match: 0, reason: 'A joke about films' });
    expect(marked.status).toBe(201);
    const { reviewId } = await marked.json();

    const row = await h.database.db.selectFrom('screening_reviews').selectAll().where('id', '=', reviewId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ submission_id: id, kind: 'false_positive', category: before.screeningMatches[0].category, reason: 'A joke about films', status: 'pending', created_by: lead.id, language: 'en' });
    expect(row).toMatchObject({ phrase_id: 'rule:actor-harm-self', signal: 'rule', text_snapshot: 'My dad hits me with spoilers every time lol' });

    const after = await (await lead.request(`/api/moderation/submissions/${id}`)).json();
    expect(after).toMatchObject({ safeguarding: true, safeguardingResolution: null, status: 'received' });
    expect(after.screeningMatches).toEqual(before.screeningMatches);
    expect(after.screeningReviews).toEqual([expect.objectContaining({ id: reviewId, kind: 'false_positive', status: 'pending' })]);
    // It does not clear the lane: rejecting still waits for a lead's escalation or "no concern".
    expect((await lead.json(`/api/moderation/submissions/${id}/reject`, 'POST', { reason: 'not relevant' })).status).toBe(409);

    const audit = await auditOf(id);
    const entry = audit.find((a) => a.action === 'screening_review.false_positive');
    expect(entry).toMatchObject({ actor_id: lead.id, details: expect.objectContaining({ reviewId }) });
    expect(JSON.stringify(audit)).not.toContain('spoilers');
  });

  it('a missed disclosure reported by a lead moves the item to the lane and, once accepted, lands in the corpus review file', async () => {
    const text = 'School is fine. Mums boyfriend keeps me locked in my room. Dinners are nice.';
    const { id } = await send(text, { language: 'en-GB' });
    await screenedAs(id, []);
    const before = await (await lead.request(`/api/moderation/submissions/${id}`)).json();
    expect(before.safeguarding).toBe(false);
    const start = text.indexOf('locked');
    const reported = await lead.json(`/api/moderation/submissions/${id}/missed`, 'POST', { category: 'unsafe_at_home', span: { start, end: start + 'locked in my room'.length }, note: 'control at home' });
    expect(reported.status).toBe(201);
    const { reviewId } = await reported.json();

    const submission = await h.database.db.selectFrom('submissions').select(['safeguarding', 'flagged_by']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(submission).toEqual({ safeguarding: true, flagged_by: lead.id });
    const lane = await (await lead.request('/api/moderation/queue?safeguarding=true')).json();
    expect(lane.items.map((item: { id: string }) => item.id)).toContain(id);
    const jobs = await h.database.db.selectFrom('jobs').select('payload').where('kind', '=', 'notify_safeguarding').execute();
    expect(jobs.map((job) => job.payload)).toContainEqual({ submissionId: id, event: 'flagged_by_worker' });

    const review = await h.database.db.selectFrom('screening_reviews').selectAll().where('id', '=', reviewId).executeTakeFirstOrThrow();
    // Only the sentence concerned is kept.
    expect(review).toMatchObject({ kind: 'missed', category: 'unsafe_at_home', language: 'en', text_snapshot: 'Mums boyfriend keeps me locked in my room.' });

    expect(await exportLines(lead)).not.toContainEqual(expect.objectContaining({ text: review.text_snapshot }));
    const pending = await (await admin.request('/api/screening/reviews')).json();
    expect(pending.reviews).toContainEqual(expect.objectContaining({ id: reviewId, kind: 'missed', category: 'unsafe_at_home', categoryLabel: 'Feeling unsafe at home', text: review.text_snapshot, status: 'pending' }));
    expect((await admin.json(`/api/screening/reviews/${reviewId}/accept`, 'POST')).status).toBe(200);
    expect((await lead.json(`/api/screening/reviews/${reviewId}/reject`, 'POST')).status).toBe(409);

    expect(await exportLines(lead, 'en')).toContainEqual({ text: 'Mums boyfriend keeps me locked in my room.', label: 'disclosure', category: 'unsafe_at_home' });
    expect(await exportLines(admin)).toContainEqual({ text: 'Mums boyfriend keeps me locked in my room.', label: 'disclosure', category: 'unsafe_at_home', language: 'en' });
    expect(await exportLines(lead, 'pl')).not.toContainEqual(expect.objectContaining({ text: review.text_snapshot }));

    expect((await auditOf(id)).map((a) => a.action)).toEqual(expect.arrayContaining(['submission.flagged', 'screening_review.missed']));
    const reviewAudit = await h.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', reviewId).execute();
    expect(reviewAudit).toEqual([{ action: 'screening_review.accepted', actor_id: admin.id }]);
    const exports = await h.database.db.selectFrom('audit_log').select('details').where('action', '=', 'screening_corpus.exported').execute();
    expect(exports.length).toBeGreaterThanOrEqual(4);
  });

  it('an accepted false positive exports as an ordinary line, with identifying details redacted', async () => {
    const text = 'I go to Riverside Primary School and my dad hits me with spoilers lol';
    const { id } = await send(text);
    const at = text.indexOf('hits me');
    await screenedAs(id, [{ field: '/text', phraseId: 'en-hit', category: 'physical_abuse', start: at, end: at + 7 }]);
    const { reviewId } = await (await lead.json(`/api/moderation/submissions/${id}/false-positive`, 'POST', { match: 0, reason: 'Joke' })).json();
    expect((await lead.json(`/api/screening/reviews/${reviewId}/accept`, 'POST')).status).toBe(200);
    const lines = await exportLines(lead, 'en');
    const line = lines.find((l) => String(l.text).includes('spoilers'));
    expect(line).toEqual({ text: expect.stringContaining('[removed]'), label: 'ordinary' });
    expect(String(line!.text)).not.toContain('Riverside');
  });

  it('a worker can report a missed disclosure too, with words chosen in the redacted text they see', async () => {
    const text = 'Call me on 07700 900123. Nobody feeds me at home and I am hungry.';
    const { id } = await send(text);
    await screenedAs(id, []);
    await worker.json(`/api/moderation/submissions/${id}/redact`, 'POST', { spans: [{ start: 11, end: 23 }] });
    const seen = (await (await worker.request(`/api/moderation/submissions/${id}`)).json()).text as string;
    expect(seen).toBe('Call me on [removed]. Nobody feeds me at home and I am hungry.');
    const start = seen.indexOf('Nobody');
    const reported = await worker.json(`/api/moderation/submissions/${id}/missed`, 'POST', { category: 'neglect', span: { start, end: start + 'Nobody feeds me'.length } });
    expect(reported.status).toBe(201);
    const { reviewId } = await reported.json();
    const review = await h.database.db.selectFrom('screening_reviews').select(['text_snapshot', 'created_by']).where('id', '=', reviewId).executeTakeFirstOrThrow();
    expect(review).toEqual({ text_snapshot: 'Nobody feeds me at home and I am hungry.', created_by: worker.id });
    // Flagged by the worker, so it stays in their view, as a manual flag does.
    expect((await worker.request(`/api/moderation/submissions/${id}`)).status).toBe(200);
    // Reviewing is for leads and admins.
    expect((await worker.request('/api/screening/reviews')).status).toBe(403);
    expect((await worker.json(`/api/screening/reviews/${reviewId}/accept`, 'POST')).status).toBe(403);
  });

  it('takes a missed disclosure in a written survey answer', async () => {
    const { id } = await send('placeholder');
    await screenedAs(id, []);
    await h.database.db.updateTable('submissions').set({ text: null, answers: JSON.stringify({ happy: 2, why: 'Fine I guess. Dad says he will hurt me if I tell.' }) }).where('id', '=', id).execute();
    const reported = await lead.json(`/api/moderation/submissions/${id}/missed`, 'POST', { category: 'secrecy_threats', field: '/answers/why' });
    expect(reported.status).toBe(201);
    const { reviewId } = await reported.json();
    const review = await h.database.db.selectFrom('screening_reviews').select(['field', 'text_snapshot']).where('id', '=', reviewId).executeTakeFirstOrThrow();
    // No words were chosen: the answer is kept whole (it is short; a long one is cut at 300 characters).
    expect(review).toEqual({ field: '/answers/why', text_snapshot: 'Fine I guess. Dad says he will hurt me if I tell.' });
    expect((await lead.json(`/api/moderation/submissions/${id}/missed`, 'POST', { category: 'neglect', field: '/answers/happy' })).status).toBe(422);
  });

  it('keeps no text without the child’s consent to quotes, and never exports a withdrawn child’s words', async () => {
    const noQuotes = await send('Mums boyfriend shouts at me every night', { consent: { ...consentAll, quoteInReports: false } });
    await screenedAs(noQuotes.id, []);
    const a = await (await lead.json(`/api/moderation/submissions/${noQuotes.id}/missed`, 'POST', { category: 'emotional_abuse' })).json();
    const withdrawing = await send('My uncle makes me keep secrets about what he does');
    await screenedAs(withdrawing.id, []);
    const b = await (await lead.json(`/api/moderation/submissions/${withdrawing.id}/missed`, 'POST', { category: 'secrecy_threats' })).json();
    expect((await h.database.db.selectFrom('screening_reviews').select('text_snapshot').where('id', '=', a.reviewId).executeTakeFirstOrThrow()).text_snapshot).toBeNull();
    for (const review of [a, b]) expect((await lead.json(`/api/screening/reviews/${review.reviewId}/accept`, 'POST')).status).toBe(200);
    expect((await exportLines(lead)).map((line) => line.text)).toContain('My uncle makes me keep secrets about what he does');

    expect((await h.app.request(`/api/receipts/${withdrawing.receipt}/withdraw`, { method: 'POST' })).status).toBe(200);
    const texts = JSON.stringify(await exportLines(lead));
    expect(texts).not.toContain('uncle');
    expect(texts).not.toContain('boyfriend shouts');
    const row = await h.database.db.selectFrom('screening_reviews').select(['text_snapshot', 'status']).where('id', '=', b.reviewId).executeTakeFirstOrThrow();
    expect(row).toEqual({ text_snapshot: null, status: 'accepted' });
    const accepted = await (await lead.request('/api/screening/reviews?status=accepted')).json();
    expect(accepted.reviews.find((review: { id: string }) => review.id === b.reviewId)).toMatchObject({ withdrawn: true, text: null });
  });

  it('refuses committee members everywhere, validates input and answers problem+json', async () => {
    const { id } = await send('More buses to college please');
    await screenedAs(id, []);
    for (const [path, method, body] of [
      [`/api/moderation/submissions/${id}/missed`, 'POST', { category: 'neglect' }],
      [`/api/moderation/submissions/${id}/false-positive`, 'POST', { match: 0, reason: 'nothing' }],
      ['/api/screening/reviews', 'GET', undefined],
      [`/api/screening/reviews/${crypto.randomUUID()}/accept`, 'POST', undefined],
      ['/api/screening/corpus-review.jsonl', 'GET', undefined],
    ] as const) {
      const response = await committee.json(path, method, body);
      expect(response.status, path).toBe(403);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await h.app.request('/api/screening/reviews')).status).toBe(401);
    expect((await worker.request('/api/screening/corpus-review.jsonl')).status).toBe(403);

    const bad = await lead.json(`/api/moderation/submissions/${id}/missed`, 'POST', { category: 'bullying_severe' });
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors[0].pointer).toBe('/category');
    expect((await lead.json(`/api/moderation/submissions/${id}/missed`, 'POST', { category: 'neglect', span: { start: 0, end: 999 } })).status).toBe(422);
    expect((await lead.json(`/api/moderation/submissions/${id}/missed`, 'POST', { category: 'neglect', extra: 1 })).status).toBe(422);
    expect((await lead.json(`/api/moderation/submissions/${crypto.randomUUID()}/missed`, 'POST', { category: 'neglect' })).status).toBe(404);
    expect((await lead.json(`/api/screening/reviews/${crypto.randomUUID()}/accept`, 'POST')).status).toBe(404);
    expect((await lead.request('/api/screening/corpus-review.jsonl?language=de')).status).toBe(422);
    expect((await lead.request(`/api/screening/reviews/${crypto.randomUUID()}/accept`, { method: 'POST' })).status).toBe(403);
    // Nothing was flagged by the refused or invalid requests.
    const row = await h.database.db.selectFrom('submissions').select('safeguarding').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.safeguarding).toBe(false);
  });
});
