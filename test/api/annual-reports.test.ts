// Annual "voice of the child" reports: who may define them, which quotes each consent lets through (page and DOCX),
// curation that refuses an entry whose consent or moderation changed, issued versions superseded on withdrawal,
// figures under small-number control with release bases that defeat differencing between periods and reports.
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReceipt } from '../../api/intake/receipt.ts';
import { runMaintenanceSweep } from '../../api/retention/sweep.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import type { AgeBand, ConsentGivenBy, SubmissionStatus } from '../../api/db/schema.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { pdfText } from '../helpers/pdf-text.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

type Seed = {
  text?: string | null;
  priority: string;
  theme?: string;
  ageBand?: AgeBand;
  share?: boolean;
  quote?: boolean;
  publish?: boolean;
  givenBy?: ConsentGivenBy;
  status?: SubmissionStatus;
  withdrawn?: boolean;
  flagged?: 'open' | 'no_concern' | 'escalated';
  at?: string;
};

const PERIOD = { periodStart: '2026-04-01', periodEnd: '2027-03-31' };

/** Every paragraph's text in word/document.xml, joined by newlines. */
function docxText(bytes: Uint8Array): string {
  const xml = strFromU8(unzipSync(bytes)['word/document.xml']!);
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]!.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).join(''))
    .join('\n');
}

describe(`annual reports on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let lead: SignedIn;
  let admin: SignedIn;
  let worker: SignedIn;
  let threshold: number;

  async function insert(seed: Seed): Promise<{ id: string; receipt: string }> {
    const id = crypto.randomUUID();
    const receipt = generateReceipt();
    const withdrawn = seed.withdrawn ?? false;
    await h.database.db
      .insertInto('submissions')
      .values({
        id,
        kind: 'quote',
        text: withdrawn ? null : (seed.text ?? null),
        age_band: seed.ageBand ?? '12-15',
        consent_share_with_committee: seed.share ?? true,
        consent_quote_in_reports: seed.quote ?? true,
        consent_publish_publicly: seed.publish ?? false,
        consent_given_by: seed.givenBy ?? 'self',
        receipt,
        status: withdrawn ? 'withdrawn' : (seed.status ?? 'approved'),
        withdrawn_at: withdrawn ? new Date() : null,
        safeguarding: seed.flagged !== undefined,
        safeguarding_resolution: seed.flagged === 'no_concern' || seed.flagged === 'escalated' ? seed.flagged : null,
        created_at: seed.at ?? '2026-06-15T10:00:00Z',
      })
      .execute();
    const priority = await h.database.db.selectFrom('priorities').select('id').where('slug', '=', seed.priority).executeTakeFirstOrThrow();
    await h.database.db.insertInto('submission_priorities').values({ submission_id: id, priority_id: priority.id, tagged_by: null }).execute();
    if (seed.theme) {
      const theme = await h.database.db.selectFrom('themes').select('id').where('slug', '=', seed.theme).executeTakeFirstOrThrow();
      await h.database.db.insertInto('submission_themes').values({ submission_id: id, theme_id: theme.id, tagged_by: null }).execute();
    }
    return { id, receipt };
  }

  async function define(who: SignedIn, body: Record<string, unknown>): Promise<string> {
    const response = await who.json('/api/reports', 'POST', { title: 'Annual report: voice of the child', ...PERIOD, committees: ['executive'], ...body });
    expect(response.status).toBe(201);
    return (await response.json()).id;
  }

  const pick = (who: SignedIn, reportId: string, submissionId: string, position = 0) => who.json(`/api/reports/${reportId}/curation/${submissionId}`, 'PUT', { choice: 'pick', position });
  const preview = async (reportId: string) => (await lead.request(`/api/reports/${reportId}/preview`)).text();

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    lead = await signInAs(h.app, 'lead');
    admin = await signInAs(h.app, 'admin');
    worker = await signInAs(h.app, 'worker');
    threshold = h.deps.config.figuresSuppressBelow;
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  describe('definitions', () => {
    it('are for admins and safeguarding leads; only an admin switches on the public summary', async () => {
      expect((await worker.json('/api/reports', 'POST', { title: 'x', ...PERIOD, priorities: ['send'] })).status).toBe(403);
      const refused = await lead.json('/api/reports', 'POST', { title: 'Public one', ...PERIOD, priorities: ['send'], publicSummary: true });
      expect(refused.status).toBe(403);
      expect((await refused.json()).code).toBe('public_summary_admin_only');
      const id = await define(admin, { priorities: ['send', 'mental-health'], publicSummary: true });
      const report = await (await lead.request(`/api/reports/${id}`)).json();
      expect(report).toMatchObject({ ...PERIOD, publicSummary: true, versions: [] });
      expect(report.priorities.map((p: { slug: string }) => p.slug)).toEqual(['mental-health', 'send']);
      const audit = await h.database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_id', '=', id).execute();
      expect(audit).toContainEqual({ action: 'report.created', actor_id: admin.id });
    });

    it('refuses an unknown priority and a period that ends before it starts, naming each', async () => {
      const unknown = await lead.json('/api/reports', 'POST', { title: 'Bad', ...PERIOD, priorities: ['no-such'] });
      expect(unknown.status).toBe(422);
      expect((await unknown.json()).errors).toEqual([{ pointer: '/priorities', detail: 'No such priority: no-such' }]);
      const backwards = await lead.json('/api/reports', 'POST', { title: 'Bad', periodStart: '2027-01-01', periodEnd: '2026-01-01', priorities: ['send'] });
      expect(backwards.status).toBe(422);
      expect(backwards.headers.get('content-type')).toBe('application/problem+json');
    });
  });

  describe('consent table', () => {
    const flags = [false, true].flatMap((share) => [false, true].flatMap((quote) => [false, true].map((publish) => ({ share, quote, publish }))));
    const statuses: SubmissionStatus[] = ['received', 'in_review', 'approved', 'rejected'];
    const rows = flags.flatMap((flag) => [...statuses.map((status) => ({ ...flag, status, withdrawn: false })), { ...flag, status: 'approved' as const, withdrawn: true }]);
    const expectedIn = (row: (typeof rows)[number]) => row.share && row.quote && row.status === 'approved' && !row.withdrawn;
    const made: { row: (typeof rows)[number]; id: string; text: string; n: number }[] = [];
    let reportId: string;

    beforeAll(async () => {
      reportId = await define(lead, { priorities: ['domestic-abuse'] });
      for (const [n, row] of rows.entries()) {
        const text = `Consent case ${n}: share=${row.share} quote=${row.quote} publish=${row.publish} ${row.status}${row.withdrawn ? ' withdrawn' : ''}.`;
        // Ages 4-7 giving public consent themselves need an adult too, so those rows are never public.
        const { id } = await insert({ text, priority: 'domestic-abuse', ...row, ageBand: n % 2 ? '4-7' : '12-15', givenBy: 'self' });
        made.push({ row, id, text, n });
        expect((await pick(lead, reportId, id, n)).status).toBe(200);
      }
    });

    it('lets exactly the approved, shared, quote-consented entries through, and marks public ones by the age rule', async () => {
      const entries = await (await lead.request(`/api/reports/${reportId}/entries`)).json();
      for (const { row, id, text, n } of made) {
        const picked = entries.picked.find((e: { id: string }) => e.id === id);
        expect(picked.eligible, text).toBe(expectedIn(row));
        if (picked.eligible) expect(picked.public, text).toBe(row.publish && n % 2 === 0);
      }
      const page = await preview(reportId);
      for (const { row, text } of made) expect(page.includes(text), text).toBe(expectedIn(row));
    });

    it('refuses to issue while a pick may not be used, then issues the rest: page, PDF and DOCX hold exactly those quotes', async () => {
      const refused = await lead.json(`/api/reports/${reportId}/versions`, 'POST', {});
      expect(refused.status).toBe(409);
      const problem = await refused.json();
      expect(problem.code).toBe('curation_not_eligible');
      expect([...problem.entries].sort()).toEqual(made.filter((m) => !expectedIn(m.row)).map((m) => m.id).sort());
      expect(JSON.stringify(problem)).not.toContain('Consent case');
      for (const id of problem.entries) expect((await lead.json(`/api/reports/${reportId}/curation/${id}`, 'PUT', { choice: 'none' })).status).toBe(200);

      const issued = await lead.json(`/api/reports/${reportId}/versions`, 'POST', {});
      expect(issued.status).toBe(201);
      const version = await issued.json();
      expect(version).toMatchObject({ version: 1, entries: made.filter((m) => expectedIn(m.row)).length, unchanged: false });
      const page = await (await lead.request(`/api/reports/issued/${version.id}`)).text();
      const docx = await lead.request(`/api/reports/issued/${version.id}/docx`);
      expect(docx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const text = docxText(new Uint8Array(await docx.arrayBuffer()));
      const quotesInDocx = text.split('\n').filter((line) => line.startsWith('Consent case'));
      expect(quotesInDocx.sort()).toEqual(made.filter((m) => expectedIn(m.row)).map((m) => m.text).sort());
      for (const { row, text: quote } of made) expect(page.includes(quote), quote).toBe(expectedIn(row));
      const pdf = await lead.request(`/api/reports/issued/${version.id}/pdf`);
      expect(pdf.status).toBe(200);
      const printed = pdfText(new Uint8Array(await pdf.arrayBuffer()));
      for (const { row, text: quote } of made) expect(printed.includes(quote), `PDF: ${quote}`).toBe(expectedIn(row));
      expect(printed).toContain(`counts under ${threshold} are "not shown"`);
      for (const output of [page, text]) {
        expect(output).toContain('2026-04-01 to 2027-03-31');
        expect(output).toMatch(new RegExp(`counts under ${threshold} are (&quot;|")not shown`));
        expect(output).toContain('Contributions behind these figures:');
      }
    });

    it('issuing again with nothing changed returns the same version', async () => {
      const again = await lead.json(`/api/reports/${reportId}/versions`, 'POST', {});
      expect(again.status).toBe(200);
      const body = await again.json();
      expect(body).toMatchObject({ version: 1, unchanged: true });
    });
  });

  describe('withdrawal after issue', () => {
    let reportId: string;
    const quotes: { id: string; receipt: string; text: string }[] = [];

    beforeAll(async () => {
      reportId = await define(lead, { priorities: ['under-fives'] });
      for (const text of ['The nursery staff listen to me.', 'I like the garden at the family centre.']) {
        const made = await insert({ text, priority: 'under-fives' });
        quotes.push({ ...made, text });
        await pick(lead, reportId, made.id);
      }
    });

    it('supersedes the issued version in the same transaction; the old one answers 410 with its record only', async () => {
      const v1 = await (await lead.json(`/api/reports/${reportId}/versions`, 'POST', {})).json();
      const [gone, kept] = quotes as [(typeof quotes)[number], (typeof quotes)[number]];
      expect((await h.app.request(`/api/receipts/${gone.receipt}/withdraw`, { method: 'POST' })).status).toBe(200);

      const old = await lead.request(`/api/reports/issued/${v1.id}`);
      expect(old.status).toBe(410);
      expect(old.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const problem = await old.json();
      expect(problem.record).toMatchObject({ id: v1.id, version: 1, supersededReason: 'A child withdrew their words.' });
      expect(problem.current.version).toBe(2);
      expect(problem.record.supersededBy).toBe(problem.current.id);
      expect(JSON.stringify(problem)).not.toContain(gone.text);
      expect((await lead.request(`/api/reports/issued/${v1.id}/docx`)).status).toBe(410);
      // The superseded row keeps its record only: the words it froze are gone from the database too.
      const stored = await h.database.db.selectFrom('annual_report_versions').select('content').where('id', '=', v1.id).executeTakeFirstOrThrow();
      expect(stored.content).toEqual({});

      const browser = await lead.request(`/api/reports/issued/${v1.id}`, { headers: { accept: 'text/html' } });
      expect(browser.status).toBe(410);
      const page = await browser.text();
      expect(page).toContain('<h1>Report version 1 was superseded</h1>');
      expect(page).toContain(`href="${h.deps.config.publicUrl}/api/reports/issued/${problem.current.id}"`);
      expect(page).not.toContain(gone.text);

      const v2 = await (await lead.request(`/api/reports/issued/${problem.current.id}`)).text();
      expect(v2).not.toContain(gone.text);
      expect(v2).toContain(kept.text);
      // The draft drops it at once too, and the pick can no longer be issued until removed.
      const entries = await (await lead.request(`/api/reports/${reportId}/entries`)).json();
      expect(entries.picked.find((e: { id: string }) => e.id === gone.id)).toEqual({ id: gone.id, position: 0, eligible: false });
    });

    it('supersedes it when a moderator rejects an entry it shows', async () => {
      const report = await (await lead.request(`/api/reports/${reportId}`)).json();
      const current = report.versions.find((v: { supersededAt: string | null }) => v.supersededAt === null);
      const kept = quotes[1]!;
      expect((await lead.json(`/api/moderation/submissions/${kept.id}/reject`, 'POST', { reason: 'other' })).status).toBeLessThan(300);
      const after = await (await lead.request(`/api/reports/${reportId}`)).json();
      const now = after.versions.find((v: { supersededAt: string | null }) => v.supersededAt === null);
      expect(now.version).toBe(current.version + 1);
      expect(after.versions.find((v: { id: string }) => v.id === current.id).supersededReason).toMatch(/moderation changed/);
      expect(await (await lead.request(`/api/reports/issued/${now.id}`)).text()).not.toContain(kept.text);
    });
  });

  describe('figures', () => {
    const tableCell = (page: string, label: string) => new RegExp(`<tr><td>${label}</td><td>([^<]*)</td></tr>`).exec(page)?.[1];

    it('never counts what the safeguarding lane holds, and suppresses small cells with their complements', async () => {
      const reportId = await define(lead, { priorities: ['send'] });
      for (let i = 0; i < 12; i++) await insert({ priority: 'send', ageBand: '12-15', theme: 'school' });
      for (let i = 0; i < 6; i++) await insert({ priority: 'send', ageBand: '16-18' });
      await insert({ priority: 'send', ageBand: '8-11' });
      await insert({ priority: 'send', ageBand: '4-7', flagged: 'open' });
      await insert({ priority: 'send', ageBand: '4-7', flagged: 'escalated' });
      // Last period: fewer school mentions, so the trend is up.
      for (let i = 0; i < 8; i++) await insert({ priority: 'send', theme: 'school', at: '2025-10-01T10:00:00Z' });
      const page = await preview(reportId);
      expect(page).toContain('Contributions behind these figures: 19 (previous period: 8)');
      // 8-11 is 1: hidden, and with it the next smallest (16-18: 6), so 12-15's 12 alone cannot give it away.
      expect(tableCell(page, '8-11')).toBe('not shown');
      expect(tableCell(page, '16-18')).toBe('not shown');
      expect(tableCell(page, '12-15')).toBe('12');
      expect(page).not.toContain('<td>4-7</td>');
      expect(page).toMatch(/<tr><td>School<\/td><td>12<\/td><td>8<\/td><td>more than before<\/td><\/tr>/);
    });

    it('repeats the same figures while fewer than the threshold have changed, across periods and reports', async () => {
      const first = await define(lead, { priorities: ['anti-discriminatory-practice'] });
      for (let i = 0; i < 10; i++) await insert({ priority: 'anti-discriminatory-practice', ageBand: i < 5 ? '12-15' : '16-18' });
      expect(await preview(first)).toContain('Contributions behind these figures: 10 ');
      // One more child, and a second report whose period differs by a day: differencing would reveal that one child.
      await insert({ priority: 'anti-discriminatory-practice', ageBand: '8-11', at: '2026-03-31T08:00:00Z' });
      const second = await define(lead, { priorities: ['anti-discriminatory-practice'], periodStart: '2026-03-31' });
      for (const id of [first, second]) {
        const page = await preview(id);
        expect(page).toContain('Contributions behind these figures: 10 ');
        expect(page).not.toContain('<td>8-11</td>');
      }
      for (let i = 0; i < threshold; i++) await insert({ priority: 'anti-discriminatory-practice', ageBand: '8-11' });
      expect(await preview(first)).toContain(`Contributions behind these figures: ${10 + threshold} `);
    });

    it('shows what committees did: discussed items on the priority, with the contributions behind them', async () => {
      const reportId = await define(lead, { priorities: ['contextual-risk'] });
      const executive = await h.database.db.selectFrom('committees').select('id').where('slug', '=', 'executive').executeTakeFirstOrThrow();
      const meeting = await (await worker.json(`/api/committees/${executive.id}/meetings`, 'POST', { heldOn: '2026-09-10' })).json();
      const item = await (await worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'Safer parks', priorities: ['contextual-risk'] })).json();
      expect(await preview(reportId)).toContain('No committee has recorded an outcome');
      expect((await worker.json(`/api/agenda-items/${item.id}/discussed`, 'POST', { outcomeNote: 'Lighting added in two parks.' })).status).toBe(200);
      const page = await preview(reportId);
      expect(page).toMatch(/<td>Executive<\/td><td>2026-09-10<\/td><td>Safer parks<\/td><td>Lighting added in two parks\.<\/td><td>fewer than \d+<\/td>/);
    });
  });

  describe('surveys', () => {
    it('include the results of surveys attached to agenda items on the priority, in the page and the DOCX', async () => {
      const reportId = await define(lead, { priorities: ['mental-health'] });
      const survey = { title: 'How are you feeling?', intro: { en: 'Two minutes.' }, questions: [{ id: 'ok', type: 'yes_no_unsure', text: { en: 'Are you OK most days?' } }] };
      const surveyId = (await (await worker.json('/api/surveys', 'POST', survey)).json()).id;
      expect((await worker.json(`/api/surveys/${surveyId}/publish`, 'POST')).status).toBe(200);
      await h.database.db
        .insertInto('submissions')
        .values(
          Array.from({ length: 7 }, () => ({
            id: crypto.randomUUID(),
            kind: 'survey' as const,
            age_band: '12-15' as const,
            consent_share_with_committee: true,
            consent_quote_in_reports: false,
            consent_publish_publicly: false,
            consent_given_by: 'self' as const,
            receipt: generateReceipt(),
            survey_id: surveyId,
            survey_version: 1,
            answers: JSON.stringify({ ok: 'yes' }),
            created_at: '2026-07-01T10:00:00Z',
          })),
        )
        .execute();
      const executive = await h.database.db.selectFrom('committees').select('id').where('slug', '=', 'executive').executeTakeFirstOrThrow();
      const meeting = await (await worker.json(`/api/committees/${executive.id}/meetings`, 'POST', { heldOn: '2026-08-01' })).json();
      const item = await (await worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'Wellbeing survey', priorities: ['mental-health'] })).json();
      expect((await worker.json(`/api/agenda-items/${item.id}/surveys`, 'POST', { surveyId })).status).toBe(201);

      const page = await preview(reportId);
      expect(page).toContain('How are you feeling? (version 1');
      expect(page).toContain('7 children answered.');
      const version = await (await lead.json(`/api/reports/${reportId}/versions`, 'POST', {})).json();
      const docx = docxText(new Uint8Array(await (await lead.request(`/api/reports/issued/${version.id}/docx`)).arrayBuffer()));
      expect(docx).toContain('Survey: How are you feeling? (version 1)');
      expect(docx).toContain('7 children answered.');
    });
  });

  describe('retention', () => {
    it('supersedes an issued version before deleting a contribution it quotes, so its words leave with it', async () => {
      const reportId = await define(lead, { priorities: ['vulnerable-adolescent'] });
      const text = 'I stopped going missing when someone listened.';
      const old = await insert({ text, priority: 'vulnerable-adolescent' });
      await pick(lead, reportId, old.id);
      const v1 = await (await lead.json(`/api/reports/${reportId}/versions`, 'POST', {})).json();
      expect(await (await lead.request(`/api/reports/issued/${v1.id}`)).text()).toContain(text);
      const later = new Date(Date.now() + (h.deps.config.retention.submissionDays + 30) * 86_400_000);
      await runMaintenanceSweep({ ...h.deps, clock: { now: () => later } });
      expect(await h.database.db.selectFrom('submissions').select('id').where('id', '=', old.id).executeTakeFirst()).toBeUndefined();
      const versions = await h.database.db.selectFrom('annual_report_versions').select(['id', 'content', 'superseded_reason']).where('report_id', '=', reportId).orderBy('version').execute();
      expect(versions.map((v) => v.superseded_reason)).toEqual(['A contribution it quoted reached the end of its retention period.', null]);
      expect(JSON.stringify(versions)).not.toContain(text);
    });
  });
});
