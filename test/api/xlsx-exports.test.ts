// XLSX exports (ExcelJS), read back with ExcelJS: a committee pack and its issued version, survey results and the
// audit log, with their column headers, Polish and Arabic intact, language and consent columns, and dates as dates.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateReceipt } from '../../api/intake/receipt.ts';
import type { DevOidcProvider } from '../../api/node/dev-oidc-provider.ts';
import { engineName } from '../helpers/database.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { signInAs, staffConfig, startTestProvider, type SignedIn } from '../helpers/staff.ts';

const POLISH = 'Zażółć gęślą jaźń: chcemy, żeby dorośli nas słuchali.';
const ARABIC = 'نريد أن يستمع إلينا الكبار في المدرسة';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Rows = (string | number | Date | null)[][];

/** Every worksheet of a workbook as rows of plain values (header first). */
async function readBack(response: Response): Promise<Map<string, Rows>> {
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(XLSX_TYPE);
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="heard-.*\.xlsx"$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  const sheets = new Map<string, Rows>();
  workbook.eachSheet((sheet) => {
    const rows: Rows = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(values.map((value) => (value === undefined ? null : (value as string | number | Date | null))));
    });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

describe(`XLSX exports on ${engineName}`, () => {
  let provider: DevOidcProvider;
  let h: Harness;
  let worker: SignedIn;
  let admin: SignedIn;
  let itemId: string;
  let surveyId: string;
  const quoted = new Map<string, { text: string; language: string }>();

  async function contribution(text: string, language: string, quote: boolean): Promise<string> {
    const id = crypto.randomUUID();
    await h.database.db
      .insertInto('submissions')
      .values({ id, kind: 'quote', text, language, age_band: '12-15', consent_share_with_committee: true, consent_quote_in_reports: quote, consent_publish_publicly: false, consent_given_by: 'self', receipt: generateReceipt(), status: 'approved' })
      .execute();
    const priority = await h.database.db.selectFrom('priorities').select('id').where('slug', '=', 'mental-health').executeTakeFirstOrThrow();
    await h.database.db.insertInto('submission_priorities').values({ submission_id: id, priority_id: priority.id, tagged_by: null }).execute();
    if (quote) quoted.set(id, { text, language });
    return id;
  }

  beforeAll(async () => {
    provider = await startTestProvider();
    h = await createHarness({ config: staffConfig(), oidc: provider.settings });
    worker = await signInAs(h.app, 'worker');
    admin = await signInAs(h.app, 'admin');
    await contribution(POLISH, 'pl', true);
    await contribution(ARABIC, 'ar', true);
    await contribution('Please do not quote me.', 'en', false);
    for (let i = 0; i < 4; i++) await contribution(`More words ${i}`, 'en', true);
    const { committees } = await (await worker.request('/api/committees')).json();
    const meeting = await (await worker.json(`/api/committees/${committees[0].id}/meetings`, 'POST', { heldOn: '2026-12-03' })).json();
    itemId = (await (await worker.json(`/api/meetings/${meeting.id}/agenda-items`, 'POST', { title: 'Being listened to', priorities: ['mental-health'] })).json()).id;
    const created = await worker.json('/api/surveys', 'POST', {
      title: 'Being heard',
      intro: { en: 'A few questions.' },
      questions: [{ id: 'heard', type: 'yes_no_unsure', text: { en: 'Do adults listen to you?', pl: 'Czy dorośli cię słuchają?', ar: 'هل يستمع إليك الكبار؟' } }],
    });
    expect(created.status).toBe(201);
    surveyId = (await created.json()).id;
    expect((await worker.json(`/api/surveys/${surveyId}/publish`, 'POST')).status).toBeLessThan(300);
    expect((await worker.json(`/api/agenda-items/${itemId}/surveys`, 'POST', { surveyId })).status).toBe(201);
  });
  afterAll(async () => {
    await h.close();
    await provider.stop();
  });

  it('writes the pack as a workbook: entries with language and consent, Polish and Arabic intact, figures and survey results', async () => {
    const sheets = await readBack(await worker.request(`/api/agenda-items/${itemId}/feedback.xlsx`));
    expect([...sheets.keys()]).toEqual(['Entries', 'Figures', 'Survey results', 'About']);
    const [header, ...entries] = sheets.get('Entries')!;
    expect(header).toEqual(['id', 'kind', 'quote', 'language', 'quote consent', 'curation', 'curation note', 'drawing url']);
    expect(entries).toHaveLength(7);
    for (const [id, { text, language }] of quoted) {
      const row = entries.find((r) => r[0] === id)!;
      expect(row.slice(1, 5)).toEqual(['quote', text, language, 'agreed to be quoted']);
    }
    const unquoted = entries.find((row) => row[4] === 'did not agree to be quoted')!;
    expect([unquoted[2] ?? null, unquoted[3] ?? null]).toEqual([null, null]);
    expect(JSON.stringify(entries)).not.toContain('Please do not quote me.');

    const [figuresHeader, total] = sheets.get('Figures')!;
    expect(figuresHeader).toEqual(['breakdown', 'cell', 'figure', 'counted at']);
    expect(total!.slice(0, 3)).toEqual(['total', 'all', 7]);
    expect(total![3]).toBeInstanceOf(Date);
    expect(sheets.get('Survey results')![0]).toEqual(['survey', 'version', 'breakdown', 'group', 'question', 'answer', 'count']);
    expect(sheets.get('Survey results')![1]).toEqual(['Being heard', 1, 'all', 'all', 'respondents', '', 'fewer than 5']);
    expect(sheets.get('About')![1]![0]).toBeInstanceOf(Date);

    const audit = await h.database.db.selectFrom('audit_log').select('action').where('subject_id', '=', itemId).where('action', '=', 'agenda_item.xlsx_exported').execute();
    expect(audit).toHaveLength(1);
  });

  it("writes an issued version's workbook from its link, with the same entries", async () => {
    const version = await (await worker.json(`/api/agenda-items/${itemId}/packs`, 'POST', {})).json();
    expect(version.links.xlsx).toMatch(new RegExp(`/api/packs/${version.id}/xlsx$`));
    const sheets = await readBack(await worker.request(`/api/packs/${version.id}/xlsx`));
    const rows = sheets.get('Entries')!.slice(1);
    expect(rows.map((row) => row[0]).sort()).toEqual((await (await worker.request(`/api/agenda-items/${itemId}/feedback?limit=100`)).json()).entries.map((e: { id: string }) => e.id).sort());
    expect(rows.map((row) => row[2])).toEqual(expect.arrayContaining([POLISH, ARABIC]));
  });

  it('writes survey results with the question words in every language', async () => {
    const sheets = await readBack(await worker.request(`/api/surveys/${surveyId}/results.xlsx`));
    expect(sheets.get('Results')![0]).toEqual(['breakdown', 'group', 'question', 'answer', 'count']);
    expect(sheets.get('Questions')).toEqual([
      ['question', 'type', 'language', 'words'],
      ['heard', 'yes_no_unsure', 'ar', 'هل يستمع إليك الكبار؟'],
      ['heard', 'yes_no_unsure', 'en', 'Do adults listen to you?'],
      ['heard', 'yes_no_unsure', 'pl', 'Czy dorośli cię słuchają?'],
    ]);
  });

  it('writes the audit log for admins, with ISO dates as date cells, and refuses committee members', async () => {
    const response = await admin.request('/api/audit.xlsx?action=agenda_item.xlsx_exported');
    const sheets = await readBack(response);
    const [header, ...rows] = sheets.get('Audit log')!;
    expect(header).toEqual(['id', 'at', 'action', 'subject type', 'subject id', 'actor', 'actor role', 'request id', 'details']);
    expect(rows).toHaveLength(1);
    expect(rows[0]![1]).toBeInstanceOf(Date);
    expect(Math.abs((rows[0]![1] as Date).getTime() - Date.now())).toBeLessThan(10 * 60_000);
    expect(rows[0]!.slice(2, 5)).toEqual(['agenda_item.xlsx_exported', 'agenda_item', itemId]);
    expect((await worker.request('/api/audit.xlsx')).status).toBe(403);
    expect((await admin.request('/api/audit.xlsx?limit=0')).status).toBe(422);
  });
});
