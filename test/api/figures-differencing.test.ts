// The leak in issue 15 through the real app: a total beside a hidden group, and a pack reissued after a withdrawal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReceipt } from '../../api/intake/receipt.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

type Figure = { label: string; count: number | null; display: string };

describe(`committee figures against differencing on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  let itemId: string;
  let riverside: string;
  const receipts: string[] = [];

  /** A contribution the committee may count but not quote, so the pack lists nothing about it but the figures. */
  async function contribution(groupId: string | null): Promise<void> {
    const id = crypto.randomUUID();
    const receipt = generateReceipt();
    await h.database.db
      .insertInto('submissions')
      .values({ id, kind: 'quote', text: 'words', age_band: '8-11', group_id: groupId, consent_share_with_committee: true, consent_quote_in_reports: false, consent_publish_publicly: false, consent_given_by: 'self', receipt, status: 'approved' })
      .execute();
    const priority = await h.database.db.selectFrom('priorities').select('id').where('slug', '=', 'mental-health').executeTakeFirstOrThrow();
    await h.database.db.insertInto('submission_priorities').values({ submission_id: id, priority_id: priority.id, tagged_by: null }).execute();
    if (groupId === riverside) receipts.push(receipt);
  }
  const figures = async () => (await (await worker.request(`/api/agenda-items/${itemId}/feedback?limit=100`)).json()).figures;
  const figuresSection = (page: string) => page.slice(page.indexOf('<h2>Figures</h2>'));

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
    const { committees } = await (await worker.request('/api/committees')).json();
    const meeting = await (await worker.json(`/api/committees/${committees[0].id}/meetings`, 'POST', { heldOn: '2026-12-03' })).json();
    itemId = (await (await worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'Feeling safe', priorities: ['mental-health'] })).json()).id;
    riverside = (
      await h.database.db.insertInto('participation_groups').values({ name: 'Year 5 Riverside', join_code: 'ACEF3479', active_from: new Date(Date.now() - 60_000), active_until: null }).returning('id').executeTakeFirstOrThrow()
    ).id;
    for (let i = 0; i < 10; i++) await contribution(null);
    for (let i = 0; i < 4; i++) await contribution(riverside);
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  it('Total 14, No group 10, Riverside 4: the 10 is hidden with the 4, so subtraction gives nothing', async () => {
    const shown = await figures();
    expect(shown.total).toBe(14);
    expect(shown.byGroup).toEqual([
      { label: 'No group', count: null, display: 'not shown' },
      { label: 'Year 5 Riverside', count: null, display: 'not shown' },
    ]);
    // Every contribution is 8-11 and a quote: one cell equal to the total hides nothing and is shown.
    expect(shown.byAgeBand.map((f: Figure) => f.display)).toEqual(['14']);

    const pack = await (await worker.request(`/api/agenda-items/${itemId}/pack`)).text();
    expect(pack).toContain('14 contributions');
    expect(figuresSection(pack)).toContain('No group: not shown; Year 5 Riverside: not shown.');
    expect(figuresSection(pack)).not.toMatch(/No group: 10|Riverside: 4|fewer than/);
  });

  it('a pack reissued after one child withdrew, and after one more arrived, shows the same figures: version 2 minus version 1 is nothing', async () => {
    const v1 = await (await worker.json(`/api/agenda-items/${itemId}/packs`, 'POST', {})).json();
    const before = figuresSection(await (await worker.request(`/api/packs/${v1.id}`)).text());
    const live = await figures();

    expect((await h.app.request(`/api/receipts/${receipts[0]}/withdraw`, { method: 'POST' })).status).toBe(200);
    const { versions } = await (await worker.request(`/api/agenda-items/${itemId}/packs`)).json();
    const v2 = versions.find((v: { supersededAt: string | null }) => v.supersededAt === null);
    expect(v2.version).toBe(2);
    expect(figuresSection(await (await worker.request(`/api/packs/${v2.id}`)).text())).toBe(before);
    expect(await figures()).toEqual(live);

    await contribution(riverside);
    const v3 = await (await worker.json(`/api/agenda-items/${itemId}/packs`, 'POST', {})).json();
    expect(figuresSection(await (await worker.request(`/api/packs/${v3.id}`)).text())).toBe(before);
    expect(await figures()).toEqual(live);
  });

  it('moves on once the set has changed by at least 5, still hiding what subtraction would give', async () => {
    for (let i = 0; i < 6; i++) await contribution(null);
    const shown = await figures();
    // 13 + 1 + 6 = 20 now pulled: 16 with no group, 4 in Riverside; 6 added and 1 withdrawn is 7 changed since the basis.
    expect(shown.total).toBe(20);
    expect(shown.byGroup.map((f: Figure) => f.display)).toEqual(['not shown', 'not shown']);
    expect(await h.database.db.selectFrom('agenda_item_figure_bases').select('id').where('agenda_item_id', '=', itemId).execute()).toHaveLength(2);
  });

  it('lists no entry with its group, age band or month in any output, so counting entries gives back no hidden cell', async () => {
    const { entries, figures: shown } = await (await worker.request(`/api/agenda-items/${itemId}/feedback?limit=100`)).json();
    expect(shown.byGroup.every((f: Figure) => f.count === null)).toBe(true);
    expect(entries.length).toBeGreaterThan(0);
    expect(JSON.stringify(entries)).not.toMatch(/Riverside|No group|8-11|mental/i);
    const csv = await (await worker.request(`/api/agenda-items/${itemId}/feedback.csv`)).text();
    expect(csv.split('\r\n')[0]).toBe('id,kind,quote,language,quote consent,curation,curation note,drawing url');
    expect(csv).not.toMatch(/Riverside|No group|8-11/);
    const beforeFigures = (page: string) => page.slice(0, page.indexOf('<h2>Figures</h2>'));
    expect(beforeFigures(await (await worker.request(`/api/agenda-items/${itemId}/pack`)).text())).not.toMatch(/Riverside|No group|8-11/);
    const version = await (await worker.json(`/api/agenda-items/${itemId}/packs`, 'POST', {})).json();
    expect(beforeFigures(await (await worker.request(`/api/packs/${version.id}`)).text())).not.toMatch(/Riverside|No group|8-11/);
    expect(await (await worker.request(`/api/packs/${version.id}/csv`)).text()).not.toMatch(/Riverside|No group|8-11/);
  });
});
