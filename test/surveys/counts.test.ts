// The survey counts the submissions triggers keep: after any mix of answers, withdrawals, moved groups, status
// changes, minimised answers and deletions, results read from the counts equal results computed from the rows.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '../../api/db/open-node.ts';
import { surveyTallies } from '../../api/db/survey-definitions.ts';
import { parseQuestions } from '../../api/intake/survey-answers.ts';
import { aggregate, fromTallies, type Breakdown, type Respondent } from '../../api/surveys/results.ts';
import { createTestDatabase, engineName } from '../helpers/database.ts';

const questions = parseQuestions([
  { id: 'happy', type: 'emoji_scale' },
  { id: 'safe', type: 'yes_no_unsure' },
  { id: 'who', type: 'multiple_choice', options: [{ id: 'carer' }, { id: 'friend' }, { id: 'teacher' }] },
  { id: 'anything', type: 'free_text' },
]);
const BANDS = ['4-7', '8-11', '12-15', '16-18'] as const;
const STATUSES = ['received', 'in_review', 'approved', 'rejected'] as const;

describe(`survey counts kept by triggers on ${engineName}`, () => {
  let database: OpenDatabase;
  let surveyId: string;
  const groups: string[] = [];
  let seed = 11;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
  const pick = <T>(items: readonly T[]): T => items[random(items.length)]!;

  beforeAll(async () => {
    database = await createTestDatabase();
    const db = database.db;
    surveyId = (await db.insertInto('surveys').values({ title: 'Counts', created_by: null }).returning('id').executeTakeFirstOrThrow()).id;
    for (const version of [1, 2]) {
      await db.insertInto('survey_versions').values({ survey_id: surveyId, version, questions: JSON.stringify(questions), intro: '{"en":"x"}', published_at: new Date(), opens_at: null, closes_at: null, group_ids: null }).execute();
    }
    for (const name of ['Care leavers', 'Young carers', 'Young carers']) {
      groups.push((await db.insertInto('participation_groups').values({ name, join_code: `CODE${groups.length}${random(1000)}` }).returning('id').executeTakeFirstOrThrow()).id);
    }
  });
  afterAll(() => database?.close());

  function answers(): Record<string, unknown> {
    const all: Record<string, unknown> = {
      happy: 1 + random(5),
      safe: pick(['yes', 'no', 'not_sure']),
      who: ['carer', 'friend', 'teacher'].filter(() => random(2) === 0),
      anything: 'words',
    };
    return Object.fromEntries(Object.entries(all).filter(([, value]) => random(4) !== 0 && !(Array.isArray(value) && value.length === 0)));
  }

  async function insertSome(count: number) {
    await database.db
      .insertInto('submissions')
      .values(
        Array.from({ length: count }, () => ({
          id: crypto.randomUUID(),
          kind: 'survey' as const,
          text: null,
          age_band: pick(BANDS),
          group_id: random(3) === 0 ? null : pick(groups),
          consent_share_with_committee: true,
          consent_quote_in_reports: false,
          consent_publish_publicly: false,
          consent_given_by: 'self' as const,
          receipt: `R-${crypto.randomUUID()}`,
          status: pick(STATUSES),
          survey_id: surveyId,
          survey_version: 1 + random(2),
          answers: JSON.stringify(answers()),
          created_at: new Date(Date.UTC(2026, random(4), 1 + random(28), random(24))),
        })),
      )
      .execute();
  }

  /** What results say when computed from the rows themselves. */
  async function fromRows(version: number, by: Breakdown) {
    const rows = await database.db
      .selectFrom('submissions')
      .leftJoin('participation_groups', 'participation_groups.id', 'submissions.group_id')
      .select(['submissions.age_band', 'participation_groups.name', 'submissions.created_at', 'submissions.answers'])
      .where('survey_id', '=', surveyId)
      .where('survey_version', '=', version)
      .where('kind', '=', 'survey')
      .where('withdrawn_at', 'is', null)
      .where('status', '<>', 'withdrawn')
      .execute();
    const respondents: Respondent[] = rows.map((row) => ({
      ageBand: row.age_band,
      group: row.name ?? 'No group',
      month: new Date(row.created_at).toISOString().slice(0, 7),
      answers: (row.answers ?? {}) as Record<string, unknown>,
    }));
    return aggregate(questions, respondents, by, 3);
  }

  async function expectCountsMatchRows() {
    for (const version of [1, 2]) {
      for (const by of ['none', 'ageBand', 'group', 'month'] as const) {
        const counted = fromTallies(questions, await surveyTallies(database.db, surveyId, version, by), by, 3);
        expect(counted, `version ${version} by ${by}`).toEqual(await fromRows(version, by));
      }
    }
  }

  it('match the rows after answers arrive one at a time and in bulk', async () => {
    for (let i = 0; i < 5; i++) await insertSome(1);
    await insertSome(120);
    await expectCountsMatchRows();
  });

  it('match the rows after withdrawals, moved groups, status changes, minimised answers and deletions', async () => {
    const ids = (await database.db.selectFrom('submissions').select('id').orderBy('id').execute()).map((row) => row.id);
    const some = () => ids.filter(() => random(8) === 0);
    for (let round = 0; round < 6; round++) {
      await database.db.updateTable('submissions').set({ status: 'withdrawn', withdrawn_at: new Date() }).where('id', 'in', some()).execute();
      await database.db.updateTable('submissions').set({ group_id: pick([...groups, null]) }).where('id', 'in', some()).execute();
      await database.db.updateTable('submissions').set({ status: pick(STATUSES) }).where('id', 'in', some()).execute();
      await database.db.updateTable('submissions').set({ answers: null, minimised_at: new Date() }).where('id', 'in', some().slice(0, 3)).execute();
      await database.db.updateTable('submissions').set({ answers: JSON.stringify(answers()) }).where('id', 'in', some().slice(0, 3)).execute();
      await database.db.deleteFrom('submissions').where('id', 'in', some().slice(0, 4)).execute();
      await insertSome(10);
      await expectCountsMatchRows();
    }
    // A deleted group's children fall back to "No group".
    await database.db.deleteFrom('participation_groups').where('id', '=', groups.shift()!).execute();
    await expectCountsMatchRows();
  });

  it('leave no count behind when every response goes', async () => {
    await database.db.deleteFrom('submissions').execute();
    expect(await surveyTallies(database.db, surveyId, 1, 'month')).toEqual(new Map());
    await insertSome(4);
    await sql`truncate submissions cascade`.execute(database.db);
    const left = await database.db.selectFrom('survey_respondent_counts').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });

  /** Counts the triggers keep, next to the same cells grouped over the rows that count. */
  async function countsAndGroupBy() {
    const where = sql`s.kind = 'survey' and s.withdrawn_at is null and s.status <> 'withdrawn'`;
    const cell = sql`s.survey_id, s.survey_version, to_char(s.created_at at time zone 'UTC', 'YYYY-MM') as month, s.age_band, s.group_id`;
    const kept = await sql`select survey_id, survey_version, month, age_band, group_id, n from survey_respondent_counts
      where n <> 0 order by 1, 2, 3, 4, 5`.execute(database.db);
    const grouped = await sql`select ${cell}, count(*)::int as n from submissions s where ${where} group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5`.execute(database.db);
    const keptAnswers = await sql`select survey_id, survey_version, month, age_band, group_id, question, value, n from survey_answer_counts
      where n <> 0 order by 1, 2, 3, 4, 5, 6, 7`.execute(database.db);
    const groupedAnswers = await sql`select ${cell}, a.key as question, case a.key when 'anything' then '' else v.value end as value, count(*)::int as n
      from submissions s cross join lateral jsonb_each(s.answers) as a
      cross join lateral jsonb_array_elements_text(case jsonb_typeof(a.value) when 'array' then a.value else jsonb_build_array(a.value) end) as v(value)
      where ${where} group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7`.execute(database.db);
    return { kept: kept.rows, grouped: grouped.rows, keptAnswers: keptAnswers.rows, groupedAnswers: groupedAnswers.rows };
  }

  it('match a GROUP BY over the rows after one statement inserts thousands, and after bulk withdrawal and erasure', async () => {
    const N = 3000;
    await sql`insert into submissions (id, kind, text, age_band, group_id, consent_share_with_committee, consent_quote_in_reports,
        consent_publish_publicly, consent_given_by, receipt, status, survey_id, survey_version, answers, created_at)
      select gen_random_uuid(), 'survey', null, (array['4-7', '8-11', '12-15', '16-18'])[1 + i % 4],
        case i % 3 when 0 then null else (${sql.val(groups)}::uuid[])[1 + i % ${sql.val(groups.length)}] end,
        true, false, false, 'self', 'BULK-' || i, (array['received', 'in_review', 'approved'])[1 + i % 3], ${surveyId}, 1 + i % 2,
        jsonb_strip_nulls(jsonb_build_object('happy', 1 + i % 5, 'safe', (array['yes', 'no', 'not_sure'])[1 + i % 3],
          'who', case i % 4 when 0 then '["carer", "friend"]'::jsonb when 1 then '["teacher"]'::jsonb end, 'anything', 'words ' || i)),
        timestamptz '2026-01-01T00:00:00Z' + (i % 97) * interval '1 day 3 hours'
      from generate_series(1, ${sql.val(N)}) as i`.execute(database.db);
    const afterInsert = await countsAndGroupBy();
    expect(afterInsert.kept.reduce((sum: number, row) => sum + Number((row as { n: number }).n), 0)).toBe(N);
    expect(afterInsert.kept).toEqual(afterInsert.grouped);
    expect(afterInsert.keptAnswers.length).toBeGreaterThan(100);
    expect(afterInsert.keptAnswers).toEqual(afterInsert.groupedAnswers);
    await expectCountsMatchRows();

    await sql`update submissions set status = 'withdrawn', withdrawn_at = now() where receipt like 'BULK-%' and right(receipt, 1) in ('1', '4', '7')`.execute(database.db);
    await sql`delete from submissions where receipt like 'BULK-%' and right(receipt, 1) in ('2', '5')`.execute(database.db);
    await sql`update submissions set answers = null where receipt like 'BULK-%' and right(receipt, 1) = '9'`.execute(database.db);
    const afterErasure = await countsAndGroupBy();
    const left = afterErasure.kept.reduce((sum: number, row) => sum + Number((row as { n: number }).n), 0);
    expect(left).toBe(N / 2);
    expect(afterErasure.kept).toEqual(afterErasure.grouped);
    expect(afterErasure.keptAnswers).toEqual(afterErasure.groupedAnswers);
    await expectCountsMatchRows();
  });
});
