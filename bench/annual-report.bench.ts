/**
 * Annual report at scale: a year of 200,000 synthetic submissions across the seven priorities on PostgreSQL, 70
 * curated quotes. Times the draft built and rendered as HTML (as GET /api/reports/{id}/preview runs it) and the DOCX
 * of the same content. Targets: HTML under 2 s, DOCX under 5 s. Baseline in the same run: one count of the year's
 * approved submissions by priority, with no consent rules or suppression.
 */
import { sql } from 'kysely';
import { findReport } from '../api/db/annual-reports.ts';
import { migrateToLatest } from '../api/db/migrate.ts';
import { openPostgres } from '../api/db/open-node.ts';
import { buildDraft } from '../api/reports/content.ts';
import { renderReportDocx } from '../api/reports/report-docx.ts';
import { renderReportPage } from '../api/reports/report-page.ts';
import { loadSeedFile } from '../api/seed/load-seed-file.ts';
import { applySeed } from '../api/seed/seed.ts';
import { createServerDatabase } from '../test/helpers/database.ts';
import { benchPostgres, round, timeRuns, writeResult } from './lib.ts';
import { generateSubmissions } from './synthetic-submissions.ts';

const ROWS = Number(process.env.BENCH_REPORT_ROWS ?? 200_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);

const server = await benchPostgres();
if (!server) {
  console.log('annual-report: skipped, no PostgreSQL (set BENCH_DATABASE_URL or install postgresql)');
  process.exit(0);
}
const database = await createServerDatabase(server.url);
// The app's own opener: its type parsers return dates as text, as the report code expects.
const opened = openPostgres(database.url, 10);
const { db } = opened;
await migrateToLatest(db);
await applySeed(db, await loadSeedFile());

console.log(`annual-report: generating ${ROWS.toLocaleString('en-GB')} submissions…`);
const t0 = performance.now();
// The seeded report's year (1 April 2026 to 31 March 2027).
await generateSubmissions(db, {
  rows: ROWS,
  groups: 40,
  createdAt: sql`timestamptz '2026-04-01' + (${ROWS} - i) * (interval '364 days' / ${ROWS})`,
  publishPublicly: sql`i % 6 = 0`,
  consentGivenBy: 'worker',
});
const report = (await findReport(db, (await db.selectFrom('annual_reports').select('id').executeTakeFirstOrThrow()).id))!;
// Ten picked quotes per priority, as a business unit might choose.
await sql`
  insert into annual_report_curation (report_id, submission_id, choice, position, decided_at)
  select ${report.id}, id, 'pick', n, now() from (
    select s.id, row_number() over (partition by s.priority_ids[1] order by s.created_at desc) as n from submissions s
    where s.kind = 'quote' and s.status = 'approved' and s.consent_quote_in_reports and s.consent_share_with_committee) picked
  where n <= 10`.execute(db);
await sql`vacuum analyze`.execute(db);
console.log(`  generated in ${round((performance.now() - t0) / 1000)} s`);

const settings = { threshold: 5, adultFor: ['4-7', '8-11'] as const, now: new Date() };
const media = (id: string) => `https://heard.example/api/media/${id}`;
const baseline = await timeRuns(RUNS, () =>
  sql`select p, count(*) from submissions, unnest(priority_ids) p where status = 'approved' and created_at >= '2026-04-01' and created_at < '2027-04-01' group by p`.execute(db),
);
const htmlTimes = await timeRuns(RUNS, async () => (await renderReportPage((await buildDraft(db, report, { ...settings, adultFor: [...settings.adultFor] })).content, { generatedAt: new Date(), mediaUrl: media })).toString());
const draft = await buildDraft(db, report, { ...settings, adultFor: [...settings.adultFor] });
const record = { id: crypto.randomUUID(), reportId: report.id, version: 1, issuedAt: new Date().toISOString(), issuedBy: null, supersededAt: null, supersededReason: null, supersededBy: null };
const docxTimes = await timeRuns(RUNS, () => renderReportDocx(draft.content, record, new Map()));
const fullDocx = await timeRuns(RUNS, async () => renderReportDocx((await buildDraft(db, report, { ...settings, adultFor: [...settings.adultFor] })).content, record, new Map()));
const counted = await db.selectFrom('submissions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();

console.log(`annual-report (PostgreSQL, ${counted.n.toLocaleString('en-GB')} submissions, ${draft.entryIds.length} quotes, ${RUNS} runs each)`);
console.log(`  baseline count by priority : p50 ${baseline.p50Ms} ms  p95 ${baseline.p95Ms} ms`);
console.log(`  draft + HTML               : p50 ${htmlTimes.p50Ms} ms  p95 ${htmlTimes.p95Ms} ms  (${round(htmlTimes.p50Ms / baseline.p50Ms)}x the baseline)`);
console.log(`  DOCX of that content       : p50 ${docxTimes.p50Ms} ms  p95 ${docxTimes.p95Ms} ms`);
console.log(`  draft + DOCX               : p50 ${fullDocx.p50Ms} ms  p95 ${fullDocx.p95Ms} ms  (${round(fullDocx.p50Ms / baseline.p50Ms)}x the baseline)`);
console.log(`  targets: HTML under 2 s ${htmlTimes.p95Ms < 2000 ? 'MET' : 'NOT MET'}; DOCX under 5 s ${fullDocx.p95Ms < 5000 ? 'MET' : 'NOT MET'}`);
await writeResult('annual-report', { engine: 'postgres', submissions: counted.n, quotes: draft.entryIds.length, runs: RUNS, baseline, html: htmlTimes, docxOnly: docxTimes, docx: fullDocx, target: { htmlMs: 2000, docxMs: 5000 } });

await opened.close();
await database.drop();
server.stop();
