// Pack versions minutes can cite: issued with a fixed set of submissions, superseded (never silently changed) when
// a child withdraws or a moderator changes one of them; a superseded version only keeps its record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReceipt } from '../../api/intake/receipt.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

type Version = { id: string; version: number; issuedAt: string; supersededAt: string | null; supersededReason: string | null; supersededBy: string | null; entries?: number };

describe(`pack versions on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  let member: SignedIn;
  let lead: SignedIn;
  let itemId: string;
  let otherItemId: string;
  const quotes = new Map<string, { text: string; receipt: string }>();

  async function approvedQuote(text: string): Promise<string> {
    const id = crypto.randomUUID();
    const receipt = generateReceipt();
    await h.database.db
      .insertInto('submissions')
      .values({ id, kind: 'quote', text, age_band: '12-15', consent_share_with_committee: true, consent_quote_in_reports: true, consent_publish_publicly: false, consent_given_by: 'self', receipt, status: 'approved' })
      .execute();
    const priority = await h.database.db.selectFrom('priorities').select('id').where('slug', '=', 'mental-health').executeTakeFirstOrThrow();
    await h.database.db.insertInto('submission_priorities').values({ submission_id: id, priority_id: priority.id, tagged_by: null }).execute();
    quotes.set(id, { text, receipt });
    return id;
  }

  const issue = async (who: SignedIn, item = itemId) => who.json(`/api/agenda-items/${item}/packs`, 'POST', {});
  const versionsOf = async (item = itemId): Promise<Version[]> => (await (await worker.request(`/api/agenda-items/${item}/packs`)).json()).versions;
  const current = async () => (await versionsOf()).find((v) => v.supersededAt === null)!;

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
    member = await signInAs(h.app, 'committee');
    lead = await signInAs(h.app, 'lead');
    const { committees } = await (await worker.request('/api/committees')).json();
    const [executive, frontDoor] = committees;
    await h.database.db.insertInto('staff_roles').values({ staff_user_id: member.id, role: 'committee_member', committee_id: executive.id }).execute();
    const meeting = await (await worker.json(`/api/committees/${executive.id}/meetings`, 'POST', { heldOn: '2026-12-03' })).json();
    itemId = (await (await worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'Feeling safe', priorities: ['mental-health'] })).json()).id;
    const other = await (await worker.json(`/api/committees/${frontDoor.id}/meetings`, 'POST', { heldOn: '2026-12-10' })).json();
    otherItemId = (await (await worker.json(`/api/meetings/${other.id}/agenda-items`, 'POST', { title: 'Front door', priorities: ['mental-health'] })).json()).id;
    for (const text of ['Nobody asks me what I think.', 'I want to see my brother more.', 'School is better since I moved.']) await approvedQuote(text);
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  it('issues version 1 with the submissions pulled now, and later approvals do not change it', async () => {
    const response = await issue(worker);
    expect(response.status).toBe(201);
    const v1 = (await response.json()) as Version & { links: { page: string } };
    expect(v1).toMatchObject({ version: 1, entries: 3, supersededAt: null });
    await approvedQuote('A later quote that came after the pack was issued.');

    const page = await (await member.request(`/api/packs/${v1.id}`)).text();
    for (const [, { text }] of [...quotes].slice(0, 3)) expect(page).toContain(text);
    expect(page).not.toContain('A later quote');
    expect(page).toContain(`Pack version 1`);
    expect(page).toContain(v1.id);
    // The live preview does show it.
    expect(await (await worker.request(`/api/agenda-items/${itemId}/pack`)).text()).toContain('A later quote');
    const audit = await h.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', v1.id).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'pack.issued', actor_id: worker.id }, { action: 'pack.viewed', actor_id: member.id }]));
  });

  it('supersedes the version when a child withdraws: the old one answers 410 with its record only', async () => {
    const v1 = await current();
    const [withdrawnId, { text, receipt }] = [...quotes][0]!;
    expect((await h.app.request(`/api/receipts/${receipt}/withdraw`, { method: 'POST' })).status).toBe(200);

    const old = await member.request(`/api/packs/${v1.id}`);
    expect(old.status).toBe(410);
    expect(old.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = await old.json();
    const v2 = await current();
    expect(problem.record).toMatchObject({ id: v1.id, version: 1, supersededReason: 'A child withdrew their words.', supersededBy: v2.id });
    expect(problem.current).toMatchObject({ id: v2.id, version: 2 });
    expect(JSON.stringify(problem)).not.toContain(text);
    expect((await member.request(`/api/packs/${v1.id}/csv`)).status).toBe(410);

    expect(v2.version).toBe(2);
    const page = await (await member.request(`/api/packs/${v2.id}`)).text();
    expect(page).not.toContain(text);
    for (const [id, quote] of quotes) if (id !== withdrawnId && !quote.text.startsWith('A later')) expect(page).toContain(quote.text);
    expect(page).not.toContain('A later quote');
  });

  it('a superseded version opened in a browser is a page with its record and a link to the current version', async () => {
    const versions = await versionsOf();
    const v1 = versions.find((v) => v.version === 1)!;
    const now = versions.find((v) => v.supersededAt === null)!;
    for (const path of [`/api/packs/${v1.id}`, `/api/packs/${v1.id}/pdf`, `/api/packs/${v1.id}/csv`]) {
      const response = await member.request(path, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
      expect(response.status, path).toBe(410);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/html/);
      const page = await response.text();
      expect(page).toContain('<h1>Pack version 1 was superseded</h1>');
      expect(page).toContain('A child withdrew their words.');
      expect(page).toContain(`${v1.issuedAt.slice(0, 16).replace('T', ' ')} UTC`);
      expect(page).toContain(`${v1.supersededAt!.slice(0, 16).replace('T', ' ')} UTC`);
      expect(page).toContain(`href="${h.deps.config.publicUrl}/api/packs/${now.id}"`);
      expect(page).not.toContain('"title":"Error"');
      for (const [, { text }] of quotes) expect(page).not.toContain(text);
    }
    // No such version is still a plain 404 for a browser: the page is only for a superseded version one may see.
    expect((await member.request(`/api/packs/${crypto.randomUUID()}`, { headers: { accept: 'text/html' } })).status).toBe(404);
  });

  it('supersedes it when a moderator changes a submission it shows, but not when one is only claimed', async () => {
    const before = await current();
    const [changedId, { text }] = [...quotes][1]!;
    expect((await worker.json(`/api/moderation/submissions/${changedId}/claim`, 'POST', {})).status).toBe(200);
    expect((await current()).id).toBe(before.id);

    const redacted = await worker.json(`/api/moderation/submissions/${changedId}/redact`, 'POST', { spans: [{ start: 0, end: 6 }] });
    expect(redacted.status).toBe(200);
    const after = await current();
    expect(after.version).toBe(before.version + 1);
    const record = (await versionsOf()).find((v) => v.id === before.id)!;
    expect(record.supersededReason).toMatch(/moderation changed.*redacted/);
    const page = await (await member.request(`/api/packs/${after.id}`)).text();
    expect(page).not.toContain(text.slice(6));
    expect((await member.request(`/api/packs/${before.id}`)).status).toBe(410);
  });

  it('a flag on an approved submission a version shows supersedes it at once and takes it out of every committee read', async () => {
    const text = 'I hide at my friends house after school.';
    const id = await approvedQuote(text);
    const shown = (await (await issue(worker)).json()) as Version;
    expect(await (await member.request(`/api/packs/${shown.id}`)).text()).toContain(text);

    expect((await lead.json(`/api/moderation/submissions/${id}/flag`, 'POST', {})).status).toBe(200);
    const next = await current();
    expect(next.version).toBe(shown.version + 1);
    expect((await versionsOf()).find((v) => v.id === shown.id)!.supersededReason).toMatch(/moderation changed.*flagged/);
    expect((await member.request(`/api/packs/${shown.id}`)).status).toBe(410);
    const reads = [`/api/packs/${next.id}`, `/api/packs/${next.id}/csv`, `/api/agenda-items/${itemId}/feedback`, `/api/agenda-items/${itemId}/feedback.csv`, `/api/agenda-items/${itemId}/pack`];
    for (const path of reads) {
      const body = await (await member.request(path)).text();
      expect(body, path).not.toContain(text);
      expect(body, path).not.toContain(id);
    }
    // A version issued after the flag does not show it either.
    const reissued = (await (await issue(worker)).json()) as Version;
    expect(await (await member.request(`/api/packs/${reissued.id}`)).text()).not.toContain(text);
    // The figures count what the entries show (the total itself is hidden below the threshold).
    const figures = (await (await member.request(`/api/agenda-items/${itemId}/feedback`)).json()) as { figures: { totalDisplay: string }; entries: unknown[] };
    expect(figures.figures.totalDisplay).toBe(figures.entries.length >= 5 ? String(figures.entries.length) : 'fewer than 5');

    // Once a lead records "no concern", the live pull shows it again.
    expect((await lead.json(`/api/moderation/submissions/${id}/no-concern`, 'POST', { reason: 'About a friendship' })).status).toBe(200);
    expect(await (await member.request(`/api/agenda-items/${itemId}/pack`)).text()).toContain(text);
  });

  it("the version's CSV has the same rows as its page", async () => {
    const version = await current();
    const csv = await (await member.request(`/api/packs/${version.id}/csv`)).text();
    const ids = (await h.database.db.selectFrom('pack_version_entries').select('submission_id').where('pack_version_id', '=', version.id).execute()).map((r) => r.submission_id);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(csv).toContain(id);
    expect(csv.trim().split('\n')).toHaveLength(ids.length + 1);
  });

  it('reissuing supersedes the current version; only organisers issue; other committees see nothing', async () => {
    const before = await current();
    const again = await issue(worker);
    expect(again.status).toBe(201);
    const next = (await again.json()) as Version;
    expect(next.version).toBe(before.version + 1);
    expect((await versionsOf()).find((v) => v.id === before.id)).toMatchObject({ supersededReason: 'A newer version was issued.', supersededBy: next.id });
    // Reissuing picks up what the item pulls now, including the later approval.
    expect(await (await member.request(`/api/packs/${next.id}`)).text()).toContain('A later quote');

    // Issuing again with nothing changed gives the same version back: minutes citing it keep their content.
    const same = await issue(worker);
    expect(same.status).toBe(200);
    const sameBody = (await same.json()) as Version & { unchanged: boolean; links: Record<string, string> };
    expect(sameBody).toMatchObject({ id: next.id, version: next.version, supersededAt: null, unchanged: true });
    expect(sameBody.links).toEqual({ page: `${h.deps.config.publicUrl}/api/packs/${next.id}`, csv: `${h.deps.config.publicUrl}/api/packs/${next.id}/csv`, xlsx: `${h.deps.config.publicUrl}/api/packs/${next.id}/xlsx`, pdf: `${h.deps.config.publicUrl}/api/packs/${next.id}/pdf` });
    expect((await member.request(`/api/packs/${next.id}`)).status).toBe(200);
    expect((await versionsOf()).filter((v) => v.supersededAt === null).map((v) => v.id)).toEqual([next.id]);
    const issuedAudits = await h.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', next.id).where('action', '=', 'pack.issued').execute();
    expect(issuedAudits).toHaveLength(1);

    expect((await issue(member)).status).toBe(403);
    const otherVersion = (await (await issue(worker, otherItemId)).json()) as Version;
    expect((await member.request(`/api/packs/${otherVersion.id}`)).status).toBe(404);
    expect((await member.request(`/api/agenda-items/${otherItemId}/packs`)).status).toBe(404);
    expect((await member.request(`/api/packs/${crypto.randomUUID()}`)).status).toBe(404);
  });

  it('attaches survey results: charts in the preview, frozen in an issued version, recounted when a child withdraws', async () => {
    const { committees } = await (await worker.request('/api/committees')).json();
    const meeting = await (await worker.json(`/api/committees/${committees[0].id}/meetings`, 'POST', { heldOn: '2026-12-17' })).json();
    const item = (await (await worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'What the survey heard', themes: [] })).json()).id as string;
    const survey = {
      title: 'Feeling heard',
      intro: { en: 'A few questions.' },
      questions: [
        { id: 'heard', type: 'yes_no_unsure', text: { en: 'Do adults listen to you?' } },
        { id: 'more', type: 'free_text', text: { en: 'Anything else?' } },
      ],
    };
    const surveyId = (await (await worker.json('/api/surveys', 'POST', survey)).json()).id as string;
    const attach = (who: SignedIn, body: Record<string, unknown>) => who.json(`/api/agenda-items/${item}/surveys`, 'POST', body);
    expect((await attach(worker, { surveyId })).status).toBe(404);
    await worker.json(`/api/surveys/${surveyId}/publish`, 'POST');
    const receipts: string[] = [];
    const answer = async (ageBand: '8-11' | '12-15' | '16-18', heard: string) => {
      const receipt = generateReceipt();
      receipts.push(receipt);
      await h.database.db
        .insertInto('submissions')
        .values({ id: crypto.randomUUID(), kind: 'survey', text: null, age_band: ageBand, consent_share_with_committee: true, consent_quote_in_reports: false, consent_publish_publicly: false, consent_given_by: 'self', receipt, survey_id: surveyId, survey_version: 1, answers: JSON.stringify({ heard, more: 'secret words' }) })
        .execute();
    };
    for (let i = 0; i < 6; i++) await answer('8-11', 'yes');
    for (let i = 0; i < 5; i++) await answer('12-15', 'no');
    for (let i = 0; i < 2; i++) await answer('16-18', 'not_sure');

    expect((await attach(member, { surveyId })).status).toBe(403);
    expect((await attach(worker, { surveyId: 'nope' })).status).toBe(422);
    expect((await attach(worker, { surveyId, by: 'colour' })).status).toBe(422);
    expect((await attach(worker, { surveyId, version: 2 })).status).toBe(404);
    const attached = await attach(worker, { surveyId, by: 'ageBand' });
    expect(attached.status).toBe(201);
    const attachment = await attached.json();
    expect(attachment).toMatchObject({ surveyId, title: 'Feeling heard', version: 1, by: 'ageBand' });
    expect((await attach(worker, { surveyId, by: 'ageBand' })).status).toBe(409);
    expect((await (await member.request(`/api/agenda-items/${item}/surveys`)).json()).surveys).toEqual([attachment]);

    // 8-11 (6) is shown; 16-18 (2) is hidden, and 12-15 (5) with it so 13 - 6 does not give 2 away.
    const preview = await (await member.request(`/api/agenda-items/${item}/pack`)).text();
    expect(preview).toContain('Survey results');
    expect(preview).toContain('Feeling heard (version 1, by age band)');
    expect(preview).toContain('13 children answered.');
    expect(preview.match(/<svg [^>]*role="img"/g)).toHaveLength(6 + 2);
    expect(preview).toContain('8-11 (6 answered)');
    expect(preview).toContain('<td>16-18</td><td></td><td>fewer than 5 children answered</td>');
    expect(preview).not.toContain('(5 answered');
    expect(preview).not.toContain('(2 answered');
    expect(preview).not.toContain('secret words');

    const version = (await (await issue(worker, item)).json()) as Version & { surveys: number };
    expect(version.surveys).toBe(1);
    // Frozen survey figures read back from the database compare equal to a fresh count: no change, same version.
    const again = await issue(worker, item);
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(version.id);
    await answer('8-11', 'yes');
    // The issued version keeps the figures it was issued with; the preview moves on.
    expect(await (await member.request(`/api/packs/${version.id}`)).text()).toContain('13 children answered.');
    expect(await (await member.request(`/api/agenda-items/${item}/pack`)).text()).toContain('14 children answered.');
    const csv = (await (await member.request(`/api/packs/${version.id}/csv`)).text()).split('\r\n');
    const surveyHeader = csv.indexOf('survey,version,breakdown,group,question,answer,count');
    expect(surveyHeader).toBeGreaterThan(0);
    expect(csv[surveyHeader - 1]).toBe('');
    expect(csv).toContain('Feeling heard,1,all,all,respondents,,13');
    expect(csv).toContain('Feeling heard,1,ageBand,16-18,respondents,,fewer than 5');
    expect(csv).toContain('Feeling heard,1,ageBand,8-11,heard,yes,6');
    expect(csv.join('\n')).not.toMatch(/ageBand,16-18,heard/);

    // A child who answered withdraws: the version is superseded by one with the figures recounted.
    expect((await h.app.request(`/api/receipts/${receipts[0]}/withdraw`, { method: 'POST' })).status).toBe(200);
    expect((await member.request(`/api/packs/${version.id}`)).status).toBe(410);
    const next = (await versionsOf(item)).find((v) => v.supersededAt === null)!;
    expect(next.version).toBe(version.version + 1);
    expect((await versionsOf(item)).find((v) => v.id === version.id)!.supersededReason).toBe('A child withdrew their words.');
    expect(await (await member.request(`/api/packs/${next.id}`)).text()).toContain('13 children answered.');

    const audit = await h.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', item).execute();
    expect(audit.map((row) => row.action)).toEqual(expect.arrayContaining(['agenda_item.survey_attached', 'agenda_item.surveys_read', 'agenda_item.pack_viewed']));
    expect((await worker.json(`/api/agenda-items/${item}/surveys/${attachment.id}`, 'DELETE')).status).toBe(204);
    expect((await worker.json(`/api/agenda-items/${item}/surveys/${attachment.id}`, 'DELETE')).status).toBe(404);
    expect(await (await member.request(`/api/agenda-items/${item}/pack`)).text()).not.toContain('Survey results');
  });
});
