// Committees pull themed, consented feedback: the consent table, redaction, curation, isolation, figures, CSV, receipts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewSubmission } from '../../api/db/schema.ts';
import { generateReceipt } from '../../api/intake/receipt.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

type Case = { share: boolean; quote: boolean; status: 'received' | 'in_review' | 'approved' | 'rejected' | 'withdrawn' };
const CASES: Case[] = [];
for (const share of [true, false]) for (const quote of [true, false]) for (const status of ['received', 'in_review', 'approved', 'rejected', 'withdrawn'] as const) CASES.push({ share, quote, status });

describe(`committee feedback on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  let member: SignedIn;
  let itemId: string;
  let otherItemId: string;
  const ids = new Map<string, Case>();

  async function insert(overrides: Partial<NewSubmission> & { id: string }, priority = 'mental-health') {
    await h.database.db
      .insertInto('submissions')
      .values({
        kind: 'quote',
        text: 'words',
        age_band: '12-15',
        consent_share_with_committee: true,
        consent_quote_in_reports: true,
        consent_publish_publicly: false,
        consent_given_by: 'self',
        receipt: generateReceipt(),
        status: 'approved',
        ...overrides,
      })
      .execute();
    const p = await h.database.db.selectFrom('priorities').select('id').where('slug', '=', priority).executeTakeFirstOrThrow();
    await h.database.db.insertInto('submission_priorities').values({ submission_id: overrides.id, priority_id: p.id, tagged_by: null }).execute();
  }

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
    member = await signInAs(h.app, 'committee');
    for (const testCase of CASES) {
      const id = crypto.randomUUID();
      ids.set(id, testCase);
      await insert({
        id,
        text: `case share=${testCase.share} quote=${testCase.quote} ${testCase.status}`,
        consent_share_with_committee: testCase.share,
        consent_quote_in_reports: testCase.quote,
        status: testCase.status,
        withdrawn_at: testCase.status === 'withdrawn' ? new Date() : null,
      });
    }
    const committees = await (await worker.request('/api/committees')).json();
    const [executive, frontDoor] = committees.committees;
    // The committee member sits on the Executive only.
    await h.database.db.insertInto('staff_roles').values({ staff_user_id: member.id, role: 'committee_member', committee_id: executive.id }).execute();
    const meeting = await (await worker.json(`/api/committees/${executive.id}/meetings`, 'POST', { heldOn: '2026-12-03' })).json();
    const item = await worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: "Children's mental health", priorities: ['mental-health'] });
    expect(item.status).toBe(201);
    itemId = (await item.json()).id;
    const otherMeeting = await (await worker.json(`/api/committees/${frontDoor.id}/meetings`, 'POST', { heldOn: '2026-12-10' })).json();
    otherItemId = (await (await worker.json(`/api/meetings/${otherMeeting.id}/agenda-items`, 'POST', { title: 'Front door', priorities: ['mental-health'] })).json()).id;
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  it('pulls exactly the approved, shared, not withdrawn submissions, quoting only where the child agreed', async () => {
    const body = await (await member.request(`/api/agenda-items/${itemId}/feedback?limit=100`)).json();
    const pulled = new Map<string, { quote: string | null }>(body.entries.map((e: { id: string; quote: string | null }) => [e.id, e]));
    for (const [id, testCase] of ids) {
      const expected = testCase.status === 'approved' && testCase.share;
      expect(pulled.has(id), JSON.stringify(testCase)).toBe(expected);
      if (expected) expect(pulled.get(id)!.quote === null, JSON.stringify(testCase)).toBe(!testCase.quote);
    }
    expect(body.item).toMatchObject({ committee: 'Executive', meetingOn: '2026-12-03' });
    expect(body.consentStatement).toMatch(/agreed/);
  });

  it('shows only the redacted words once a moderator redacted them', async () => {
    const id = crypto.randomUUID();
    await insert({ id, text: 'I live at 12 Acacia Road and I feel low', redacted_text: 'I live at [removed] and I feel low' });
    const body = await (await member.request(`/api/agenda-items/${itemId}/feedback?limit=100`)).json();
    expect(body.entries.find((e: { id: string }) => e.id === id).quote).toBe('I live at [removed] and I feel low');
    expect(JSON.stringify(body)).not.toContain('Acacia');
  });

  it('keeps everything behind the safeguarding wall out of the pull, its figures and CSV, even when pinned', async () => {
    const lanes = [
      { resolution: null, shown: false },
      { resolution: 'escalated', shown: false },
      { resolution: 'no_concern', shown: true },
    ] as const;
    const placed = new Map<string, boolean>();
    for (const lane of lanes) {
      const id = crypto.randomUUID();
      placed.set(id, lane.shown);
      await insert({ id, text: `lane case ${lane.resolution ?? 'unresolved'}`, safeguarding: true, safeguarding_resolution: lane.resolution });
      expect((await worker.json(`/api/agenda-items/${itemId}/curation/${id}`, 'PUT', { choice: 'pin' })).status).toBe(200);
    }
    const body = await (await member.request(`/api/agenda-items/${itemId}/feedback?limit=100`)).json();
    const csv = await (await member.request(`/api/agenda-items/${itemId}/feedback.csv`)).text();
    for (const [id, shown] of placed) {
      expect(body.entries.some((e: { id: string }) => e.id === id), id).toBe(shown);
      expect(csv.includes(id), id).toBe(shown);
    }
    expect(JSON.stringify(body)).not.toMatch(/lane case (unresolved|escalated)/);
    // Figures never count what the wall hides (a small total is not shown at all).
    expect(body.figures.total ?? 0).toBeLessThanOrEqual(body.entries.length);
    for (const id of placed.keys()) await worker.json(`/api/agenda-items/${itemId}/curation/${id}`, 'PUT', { choice: 'none' });
  });

  it('lets an admin add a committee, once per short name', async () => {
    const admin = await signInAs(h.app, 'admin');
    const body = { slug: 'youth-justice', title: 'Youth Justice Board' };
    expect((await worker.json('/api/committees', 'POST', body)).status).toBe(403);
    const created = await admin.json('/api/committees', 'POST', body);
    expect(created.status).toBe(201);
    expect((await admin.json('/api/committees', 'POST', body)).status).toBe(409);
    expect((await admin.json('/api/committees', 'POST', { slug: 'Not A Slug', title: 'x' })).status).toBe(422);
    const listed = await (await worker.request('/api/committees')).json();
    expect(listed.committees.at(-1)).toMatchObject({ slug: 'youth-justice', title: 'Youth Justice Board' });
  });

  it('keeps committee members to their own committees', async () => {
    expect((await member.request(`/api/agenda-items/${otherItemId}/feedback`)).status).toBe(404);
    const visible = await (await member.request('/api/committees')).json();
    expect(visible.committees.map((c: { title: string }) => c.title)).toEqual(['Executive']);
  });

  it('lets workers pin and exclude, and the pull shows the choice', async () => {
    const [excluded, pinned] = [...ids].filter(([, c]) => c.status === 'approved' && c.share).map(([id]) => id);
    await worker.json(`/api/agenda-items/${itemId}/curation/${excluded}`, 'PUT', { choice: 'exclude', note: 'Duplicate of another' });
    await worker.json(`/api/agenda-items/${itemId}/curation/${pinned}`, 'PUT', { choice: 'pin', note: 'Opens the item' });
    const body = await (await worker.request(`/api/agenda-items/${itemId}/feedback?limit=100`)).json();
    expect(body.entries.map((e: { id: string }) => e.id)).not.toContain(excluded);
    expect(body.entries[0]).toMatchObject({ id: pinned, curation: { choice: 'pin', note: 'Opens the item' } });
    expect((await member.json(`/api/agenda-items/${itemId}/curation/${pinned}`, 'PUT', { choice: 'none' })).status).toBe(403);
  });

  it('pages through every entry exactly once, pinned ones first, however small the page', async () => {
    const url = `/api/agenda-items/${itemId}/feedback`;
    const before: string[] = (await (await worker.request(`${url}?limit=100`)).json()).entries.map((e: { id: string }) => e.id);
    // Pin the oldest too, so pinned rows are not also the newest.
    expect((await worker.json(`${url.replace('/feedback', '')}/curation/${before.at(-1)}`, 'PUT', { choice: 'pin' })).status).toBe(200);
    const all: { id: string; curation: { choice: string } | null }[] = (await (await worker.request(`${url}?limit=100`)).json()).entries;
    expect(all.filter((e) => e.curation?.choice === 'pin').length).toBeGreaterThanOrEqual(2);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const body: { entries: { id: string }[]; nextCursor: string | null } = await (await worker.request(`${url}?limit=2${query}`)).json();
      seen.push(...body.entries.map((e) => e.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    expect((await worker.request(`${url}?cursor=${encodeURIComponent(btoa('{"createdAt":"x"}'))}`)).status).toBe(422);
  });

  it('never shows a figure under 5, and the CSV carries the same rows as the pull', async () => {
    for (let i = 0; i < 6; i++) await insert({ id: crypto.randomUUID(), age_band: '16-18' });
    const body = await (await worker.request(`/api/agenda-items/${itemId}/feedback?limit=100`)).json();
    const byAge = Object.fromEntries(body.figures.byAgeBand.map((f: { label: string; display: string }) => [f.label, f.display]));
    const listed: string[] = body.entries.map((e: { id: string }) => e.id);
    const young = (await h.database.db.selectFrom('submissions').select('id').where('id', 'in', listed).where('age_band', '=', '12-15').execute()).length;
    // The list names no age band: only the figures count them (api/committees/committee-entry.ts).
    for (const entry of body.entries) expect(Object.keys(entry).sort()).toEqual(['curation', 'drawing', 'id', 'kind', 'language', 'quote', 'quoteConsent']);
    // Figures never count what the wall hides (a small total is not shown at all).
    expect(body.figures.total ?? 0).toBeLessThanOrEqual(body.entries.length);
    // Under 5 is never shown; and when it is hidden, the 6 goes with it, or total − 6 would give it away.
    expect(byAge['12-15']).toBe(young < 5 ? 'not shown' : String(young));
    expect(byAge['16-18']).toBe(young > 0 && young < 5 ? 'not shown' : '6');
    for (const figure of [...body.figures.byAgeBand, ...body.figures.byKind, ...body.figures.byPriority]) {
      if (figure.count === null) expect(figure.display).toBe('not shown');
      else expect(figure.count).toBeGreaterThanOrEqual(5);
    }

    const csv = await worker.request(`/api/agenda-items/${itemId}/feedback.csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,kind,quote,language,quote consent,curation,curation note,drawing url');
    expect(lines.slice(1).map((line) => line.split(',')[0]).sort()).toEqual(body.entries.map((e: { id: string }) => e.id).sort());
  });

  it('neutralises spreadsheet formulas in the CSV', async () => {
    const id = crypto.randomUUID();
    await insert({ id, text: '=HYPERLINK("http://evil.example","click")' });
    const text = await (await worker.request(`/api/agenda-items/${itemId}/feedback.csv`)).text();
    const line = text.split('\r\n').find((l) => l.startsWith(id))!;
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it('starts the CSV with a UTF-8 byte order mark, so Excel reads Polish and Arabic words', async () => {
    const id = crypto.randomUUID();
    await insert({ id, text: 'Zażółć gęślą jaźń — مرحبا بالجميع' });
    const bytes = new Uint8Array(await (await worker.request(`/api/agenda-items/${itemId}/feedback.csv`)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFFid,kind,')).toBe(true);
  });

  it('refuses unknown feedback query members and garbage cursors with 422 naming them', async () => {
    for (const [query, pointer] of [['lane=restricted', '/lane'], ['cursor=garbage', '/cursor']] as const) {
      const response = await worker.request(`/api/agenda-items/${itemId}/feedback?${query}`);
      expect(response.status, query).toBe(422);
      expect((await response.json()).errors, query).toEqual([expect.objectContaining({ pointer })]);
    }
  });

  it('refuses a junk text/plain body when marking discussed (415), and leaves the item not discussed', async () => {
    const response = await worker.request(`/api/agenda-items/${itemId}/discussed`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-csrf-token': worker.csrf, origin: h.deps.config.publicUrl },
      body: 'outcomeNote=whatever',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ code: 'unsupported_media_type' });
    const row = await h.database.db.selectFrom('agenda_items').select('discussed_at').where('id', '=', itemId).executeTakeFirstOrThrow();
    expect(row.discussed_at).toBeNull();
  });

  it("closes the loop: after 'discussed' the child's receipt names the committee, the date and what happens next", async () => {
    const pulled = await (await worker.request(`/api/agenda-items/${itemId}/feedback?limit=100`)).json();
    const id = pulled.entries[0].id as string;
    const receipt = (await h.database.db.selectFrom('submissions').select('receipt').where('id', '=', id).executeTakeFirstOrThrow()).receipt;
    const excluded = [...ids].find(([, c]) => c.status === 'approved' && c.share)![0];
    const excludedReceipt = (await h.database.db.selectFrom('submissions').select('receipt').where('id', '=', excluded).executeTakeFirstOrThrow()).receipt;
    const discussed = await worker.json(`/api/agenda-items/${itemId}/discussed`, 'POST', { outcomeNote: 'The board will fund two more youth workers.' });
    expect(discussed.status).toBe(200);
    const status = await (await h.app.request(`/api/receipts/${receipt}`)).json();
    expect(status.sharedWith).toEqual([{ committee: 'Executive', on: '2026-12-03', whatHappens: 'The board will fund two more youth workers.' }]);
    expect(status.message).toBe('Your words were shared with the Executive committee on 2026-12-03.');
    // An excluded submission was not shared, and its receipt does not say it was.
    expect((await (await h.app.request(`/api/receipts/${excludedReceipt}`)).json()).sharedWith).toEqual([]);
  });

  it('audits every pack view', async () => {
    const reads = await h.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('action', '=', 'agenda_item.feedback_read').execute();
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(reads.some((row) => row.actor_id === member.id)).toBe(true);
  });
});
