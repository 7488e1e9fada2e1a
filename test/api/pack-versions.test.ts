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
    expect(JSON.stringify(problem)).not.toContain(text);
    expect((await member.request(`/api/packs/${v1.id}/csv`)).status).toBe(410);

    expect(v2.version).toBe(2);
    const page = await (await member.request(`/api/packs/${v2.id}`)).text();
    expect(page).not.toContain(text);
    for (const [id, quote] of quotes) if (id !== withdrawnId && !quote.text.startsWith('A later')) expect(page).toContain(quote.text);
    expect(page).not.toContain('A later quote');
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

    expect((await issue(member)).status).toBe(403);
    const otherVersion = (await (await issue(worker, otherItemId)).json()) as Version;
    expect((await member.request(`/api/packs/${otherVersion.id}`)).status).toBe(404);
    expect((await member.request(`/api/agenda-items/${otherItemId}/packs`)).status).toBe(404);
    expect((await member.request(`/api/packs/${crypto.randomUUID()}`)).status).toBe(404);
  });
});
