/**
 * Committee pull at scale: 1,000,000 synthetic submissions across priorities, themes and groups on PostgreSQL.
 * Times an agenda item's first page and its figures (as GET /api/agenda-items/{id}/feedback runs them), reports
 * p50/p95 and the query plans, and checks no plan scans the whole submissions table. Target: p95 under 50 ms.
 * Baseline in the same run: the newest page of approved submissions, with no consent or tag rules.
 */
import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import { feedbackFigures, feedbackPage } from '../api/committees/feedback.ts';
import { loadAgendaItem } from '../api/db/committee-feedback.ts';
import { migrateToLatest } from '../api/db/migrate.ts';
import type { Database } from '../api/db/schema.ts';
import { loadSeedFile } from '../api/seed/load-seed-file.ts';
import { applySeed } from '../api/seed/seed.ts';
import { createServerDatabase } from '../test/helpers/database.ts';
import { benchPostgres, round, timeRuns, writeResult } from './lib.ts';
import { generateSubmissions } from './synthetic-submissions.ts';

const ROWS = Number(process.env.BENCH_PULL_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_PULL_RUNS ?? 40);

const server = await benchPostgres();
if (!server) {
  console.log('committee-pull: skipped, no PostgreSQL (set BENCH_DATABASE_URL or install postgresql)');
  process.exit(0);
}
const database = await createServerDatabase(server.url);
let captured: CompiledQuery[] | undefined;
const pool = new pg.Pool({ connectionString: database.url, max: 10 });
const db = new Kysely<Database>({
  dialect: new PostgresDialect({ pool }),
  log: (event) => {
    if (event.level === 'query') captured?.push(event.query);
  },
});
await migrateToLatest(db);
await applySeed(db, await loadSeedFile());

console.log(`committee-pull: generating ${ROWS.toLocaleString('en-GB')} submissions…`);
const t0 = performance.now();
// Three years of submissions in the order they arrive.
await generateSubmissions(db, {
  rows: ROWS,
  groups: 200,
  createdAt: sql`now() - (${ROWS} - i) * (interval '3 years' / ${ROWS})`,
  publishPublicly: sql`false`,
  consentGivenBy: 'self',
});
await sql`vacuum analyze`.execute(db);
console.log(`  generated in ${round((performance.now() - t0) / 1000)} s`);

// An agenda item as a committee would make one: one priority and one theme, the last quarter.
const priority = await db.selectFrom('priorities').select(['id', 'slug']).orderBy('position').offset(2).limit(1).executeTakeFirstOrThrow();
const theme = await db.selectFrom('themes').select(['id', 'slug']).orderBy('id').limit(1).executeTakeFirstOrThrow();
const committee = await db.selectFrom('committees').select('id').orderBy('position').limit(1).executeTakeFirstOrThrow();
const meeting = await db.insertInto('meetings').values({ committee_id: committee.id, held_on: '2026-12-03', title: null }).returning('id').executeTakeFirstOrThrow();
const agendaItem = await db
  .insertInto('agenda_items')
  .values({ meeting_id: meeting.id, title: 'Bench item', description: '', submitted_from: new Date(Date.now() - 91 * 24 * 3600 * 1000), submitted_until: null, kinds: null, age_bands: null, discussed_at: null, outcome_note: null })
  .returning('id')
  .executeTakeFirstOrThrow();
await db.insertInto('agenda_item_priorities').values({ agenda_item_id: agendaItem.id, priority_id: priority.id }).execute();
await db.insertInto('agenda_item_themes').values({ agenda_item_id: agendaItem.id, theme_id: theme.id }).execute();
const item = (await loadAgendaItem(db, agendaItem.id))!;

const timed = (run: () => Promise<unknown>) => timeRuns(RUNS, run);

const baseline = await timed(() => db.selectFrom('submissions').select(['id', 'text']).where('status', '=', 'approved').orderBy('created_at', 'desc').limit(25).execute());
const firstPage = await timed(() => feedbackPage(db, { item }, 'https://heard.example', undefined, 25));
const figures = await timed(() => feedbackFigures(db, { item }, 5, new Date()));
const whole = await timed(() => Promise.all([feedbackPage(db, { item }, 'https://heard.example', undefined, 25), feedbackFigures(db, { item }, 5, new Date())]));

// The plans of every statement the pull runs.
captured = [];
await feedbackPage(db, { item }, 'https://heard.example', undefined, 25);
await feedbackFigures(db, { item }, 5, new Date());
// Only the reads: figures also save their bases in a transaction (begin/insert/commit), which EXPLAIN cannot take.
const statements = captured.filter((statement) => /^\s*(select|with)\b/i.test(statement.sql));
captured = undefined;
type PlanNode = { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] };
const scans = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(scans)];
const plans: { sql: string; ms: number; seqScansOnSubmissions: number; plan: string }[] = [];
const client = await pool.connect();
for (const statement of statements) {
  const parameters = [...statement.parameters];
  const json = await client.query(`explain (analyze, format json) ${statement.sql}`, parameters);
  const root = (json.rows[0]['QUERY PLAN'] as { Plan: PlanNode; 'Execution Time': number }[])[0]!;
  const text = await client.query(`explain ${statement.sql}`, parameters);
  plans.push({
    sql: statement.sql.replace(/\s+/g, ' ').slice(0, 160),
    ms: round(root['Execution Time']),
    seqScansOnSubmissions: scans(root.Plan).filter((node) => node['Node Type'] === 'Seq Scan' && node['Relation Name'] === 'submissions').length,
    plan: text.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'),
  });
}
client.release();
const pulled = await db.selectFrom('submissions').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
const seqScans = plans.reduce((sum, plan) => sum + plan.seqScansOnSubmissions, 0);

console.log(`committee-pull (PostgreSQL, ${pulled.n.toLocaleString('en-GB')} submissions, ${RUNS} runs each)`);
console.log(`  baseline newest page : p50 ${baseline.p50Ms} ms  p95 ${baseline.p95Ms} ms`);
console.log(`  first page           : p50 ${firstPage.p50Ms} ms  p95 ${firstPage.p95Ms} ms`);
console.log(`  figures              : p50 ${figures.p50Ms} ms  p95 ${figures.p95Ms} ms`);
console.log(`  page and figures     : p50 ${whole.p50Ms} ms  p95 ${whole.p95Ms} ms  (${round(whole.p95Ms / baseline.p95Ms)}x the baseline's p95)`);
for (const plan of plans) console.log(`  plan ${plan.ms} ms, seq scans on submissions: ${plan.seqScansOnSubmissions}: ${plan.sql}`);
console.log(`  target: p95 of page and figures under 50 ms ${whole.p95Ms < 50 ? 'MET' : 'NOT MET'}; no sequential scan over submissions ${seqScans === 0 ? 'MET' : 'NOT MET'}`);
if (process.env.BENCH_SHOW_PLANS) for (const plan of plans) console.log(`\n${plan.sql}\n${plan.plan}`);
await writeResult('committee-pull', { engine: 'postgres', submissions: pulled.n, runs: RUNS, baseline, firstPage, figures, pageAndFigures: whole, seqScansOnSubmissions: seqScans, plans, target: { p95Ms: 50, seqScans: 0 } });

await db.destroy();
await database.drop();
server.stop();
