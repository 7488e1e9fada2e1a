/**
 * Survey results at scale: 200,000 responses to a 30-question survey on PostgreSQL, tallied by age band with
 * suppression, as GET /api/surveys/{id}/results runs it. Target: under 1 s. Baseline in the same run: counting
 * the same responses. Results read the counts the submissions triggers keep, so the price moved to intake: this
 * also times one response stored with and without those triggers.
 */
import { loadavg } from 'node:os';
import { sql } from 'kysely';
import { migrateToLatest } from '../api/db/migrate.ts';
import { openPostgres } from '../api/db/open-node.ts';
import { surveyTallies } from '../api/db/survey-definitions.ts';
import { parseQuestions } from '../api/intake/survey-answers.ts';
import { fromTallies } from '../api/surveys/results.ts';
import { createServerDatabase } from '../test/helpers/database.ts';
import { benchPostgres, round, timeRuns, writeResult } from './lib.ts';

const RESPONSES = Number(process.env.BENCH_SURVEY_RESPONSES ?? 200_000);
const QUESTIONS = 30;
const RUNS = 7;

const server = await benchPostgres();
if (!server) {
  console.log('survey-results: skipped, no PostgreSQL (set BENCH_DATABASE_URL or install postgresql)');
  process.exit(0);
}
const database = await createServerDatabase(server.url);
const { db, close } = openPostgres(database.url, 4);
await migrateToLatest(db);

// Ten emoji scales, ten yes / no / not sure, ten multiple choice.
const questions = Array.from({ length: QUESTIONS }, (_, i) => {
  const id = `q${i + 1}`;
  if (i < 10) return { id, type: 'emoji_scale', text: { en: id } };
  if (i < 20) return { id, type: 'yes_no_unsure', text: { en: id } };
  return { id, type: 'multiple_choice', text: { en: id }, options: ['a', 'b', 'c', 'd'].map((o) => ({ id: o, label: { en: o } })) };
});
const survey = await db.insertInto('surveys').values({ title: 'Bench survey' }).returning('id').executeTakeFirstOrThrow();
await db.insertInto('survey_versions').values({ survey_id: survey.id, version: 1, published_at: new Date(), questions: JSON.stringify(questions), intro: JSON.stringify({ en: 'Bench' }) }).execute();

console.log(`survey-results: generating ${RESPONSES.toLocaleString('en-GB')} responses of ${QUESTIONS} questions…`);
const t0 = performance.now();
const insertResponses = (from: number, count: number) => sql`
  insert into submissions (id, kind, age_band, consent_share_with_committee, consent_quote_in_reports, consent_publish_publicly,
    consent_given_by, status, receipt, survey_id, survey_version, answers, created_at, updated_at)
  select gen_random_uuid(), 'survey', (array['4-7','8-11','12-15','16-18'])[1 + i % 4], true, false, false, 'self', 'received',
    'SURVEY-' || i, ${survey.id}, 1,
    (select jsonb_object_agg('q' || q, case
        when q <= 10 then to_jsonb(1 + (i * q) % 5)
        when q <= 20 then to_jsonb((array['yes','no','not_sure'])[1 + (i + q) % 3])
        else to_jsonb(array['a', (array['b','c','d'])[1 + (i * q) % 3]]) end)
     from generate_series(1, ${QUESTIONS}) q where (i + q) % 11 <> 0),
    now() - (i % 365) * interval '1 day', now()
  from generate_series(${from}::int, ${from + count - 1}::int) i`.execute(db);
await insertResponses(1, RESPONSES);
await sql`vacuum analyze submissions`.execute(db);
const generationMs = round(performance.now() - t0);
console.log(`  generated in ${round(generationMs / 1000)} s (load average ${loadavg().map((n) => n.toFixed(1)).join(' ')})`);

const timed = (run: () => Promise<unknown>) => timeRuns(RUNS, run);

const parsed = parseQuestions(questions);
let respondents = 0;
const baseline = await timed(() => db.selectFrom('submissions').select(sql<number>`count(*)::int`.as('n')).where('survey_id', '=', survey.id).where('survey_version', '=', 1).execute());
const results = await timed(async () => {
  const found = fromTallies(parsed, await surveyTallies(db, survey.id, 1, 'ageBand'), 'ageBand', 5);
  respondents = found.respondents ?? 0;
});
// Intake: one response at a time, as children send them, with the counting triggers and without.
let next = RESPONSES + 1;
const oneResponse = () => insertResponses(next++, 1);
const intake = await timeRuns(50, oneResponse);
await sql`alter table submissions disable trigger survey_counts_statement_inserted`.execute(db);
const intakeUncounted = await timeRuns(50, oneResponse);
await sql`alter table submissions enable trigger survey_counts_statement_inserted`.execute(db);
// A bulk load of one statement, with the counting trigger and without: statement-level counting keeps it linear.
const BULK = Math.max(1, Math.round(RESPONSES / 10));
const bulkOnce = async () => {
  const t = performance.now();
  await insertResponses(next, BULK);
  next += BULK;
  return round(performance.now() - t);
};
const bulkCounted = await bulkOnce();
await sql`alter table submissions disable trigger survey_counts_statement_inserted`.execute(db);
const bulkUncounted = await bulkOnce();
await sql`alter table submissions enable trigger survey_counts_statement_inserted`.execute(db);

console.log(`survey-results (PostgreSQL, ${respondents.toLocaleString('en-GB')} respondents × ${QUESTIONS} questions, by age band, ${RUNS} runs)`);
console.log(`  baseline count : p50 ${baseline.p50Ms} ms`);
console.log(`  results        : p50 ${results.p50Ms} ms  max ${results.maxMs} ms  (${round(results.p50Ms / baseline.p50Ms)}x the count)`);
console.log(`  target: under 1000 ms ${results.maxMs < 1000 ? 'MET' : 'NOT MET'}`);
console.log(`  one response stored: p50 ${intake.p50Ms} ms with the counting triggers, ${intakeUncounted.p50Ms} ms without (${round(intake.p50Ms / intakeUncounted.p50Ms)}x)`);
console.log(`  ${BULK.toLocaleString('en-GB')} responses in one statement: ${bulkCounted} ms counted, ${bulkUncounted} ms without (${round(bulkCounted / bulkUncounted)}x)`);
await writeResult('survey-results', { engine: 'postgres', respondents, questions: QUESTIONS, runs: RUNS, baseline, results, intake: { counted: intake, uncounted: intakeUncounted },
  bulk: { responses: BULK, countedMs: bulkCounted, uncountedMs: bulkUncounted, ratio: round(bulkCounted / bulkUncounted) },
  generation: { responses: RESPONSES, ms: generationMs, loadAverage: loadavg() }, target: { ms: 1000 } });

await close();
await database.drop();
server.stop();
