/**
 * Survey counts kept at intake: respondents and answer values per survey version, month (UTC), age band and
 * participation group, so results read a few thousand count rows instead of every response's answers.
 * Row-level triggers on survey answers add what a change made count and take away what it stopped
 * counting (a response counts while it is a survey answer not withdrawn: the rule results always had), so an
 * insert, withdrawal, deletion, moved group or any other change keeps the counts exact. Frozen.
 */
import { sql, type Kysely } from 'kysely';

const CELL = ['survey_id', 'survey_version', 'month', 'age_band', 'group_id'] as const;

/** A response in `rows` (a row of the trigger, or the whole table for the backfill) that results count. */
const counted = (rows: string) =>
  `${rows}.survey_id is not null and ${rows}.survey_version is not null and ${rows}.kind = 'survey' and ${rows}.withdrawn_at is null and ${rows}.status <> 'withdrawn'`;
const cell = (rows: string) =>
  `${rows}.survey_id, ${rows}.survey_version, to_char(${rows}.created_at at time zone 'UTC', 'YYYY-MM') as month, ${rows}.age_band, ${rows}.group_id`;

/**
 * The ids of the version's free-text and drawn questions: their answers are the child's own words (or the word
 * "drawing"), counted only as answered under the value '' — never copied into the counts, where a withdrawal or
 * retention could not reach them.
 */
const writtenQuestionIds = (rows: string) =>
  `select coalesce(jsonb_agg(question->>'id') filter (where question->>'type' in ('free_text', 'draw')), '[]'::jsonb) as ids
   from survey_versions as sv, jsonb_array_elements(sv.questions) as question
   where sv.survey_id = ${rows}.survey_id and sv.version = ${rows}.survey_version`;

/** Adds the counts of `plus` and subtracts those of `minus` (transition table names), in key order so that concurrent statements lock rows in one order. */
function applyDelta(plus: string | null, minus: string | null): [string, string] {
  const sources = [plus && { rows: plus, sign: 1 }, minus && { rows: minus, sign: -1 }].filter((s): s is { rows: string; sign: number } => !!s);
  const respondents = sources.map(({ rows, sign }) => `select ${cell('r')}, ${sign} as sign from ${rows} r where ${counted('r')}`).join(' union all ');
  const answers = sources
    .map(
      ({ rows, sign }) => `select ${cell('r')}, a.key as question, case when written.ids ? a.key then '' else v.value end as value,
          ${sign} as sign, case when v.position = 1 then ${sign} else 0 end as first
        from ${rows} r
        cross join lateral (${writtenQuestionIds('r')}) as written
        cross join lateral jsonb_each(case jsonb_typeof(r.answers) when 'object' then r.answers else '{}'::jsonb end) as a
        cross join lateral jsonb_array_elements_text(case jsonb_typeof(a.value) when 'array' then a.value else jsonb_build_array(a.value) end)
          with ordinality as v(value, position)
        where ${counted('r')} and jsonb_typeof(a.value) <> 'null'`,
    )
    .join(' union all ');
  return [
    `insert into survey_respondent_counts as t (${CELL.join(', ')}, n)
    select ${CELL.join(', ')}, sum(sign)::int from (${respondents}) d
    group by 1, 2, 3, 4, 5 having sum(sign) <> 0 order by 1, 2, 3, 4, 5
    on conflict (${CELL.join(', ')}) do update set n = t.n + excluded.n;`,
    `insert into survey_answer_counts as t (${CELL.join(', ')}, question, value, n, answered)
    select ${CELL.join(', ')}, question, value, sum(sign)::int, sum(first)::int from (${answers}) d
    group by 1, 2, 3, 4, 5, 6, 7 having sum(sign) <> 0 or sum(first) <> 0 order by 1, 2, 3, 4, 5, 6, 7
    on conflict (${CELL.join(', ')}, question, value) do update set n = t.n + excluded.n, answered = t.answered + excluded.answered;`,
  ];
}

export async function up(db: Kysely<any>): Promise<void> {
  const cellColumns = (table: ReturnType<typeof db.schema.createTable>) =>
    table
      .addColumn('survey_id', 'uuid', (col) => col.notNull())
      .addColumn('survey_version', 'integer', (col) => col.notNull())
      .addColumn('month', 'text', (col) => col.notNull())
      .addColumn('age_band', 'text', (col) => col.notNull())
      .addColumn('group_id', 'uuid');
  await cellColumns(db.schema.createTable('survey_respondent_counts'))
    .addColumn('n', 'integer', (col) => col.notNull())
    .addUniqueConstraint('survey_respondent_counts_cell', [...CELL], (c) => c.nullsNotDistinct())
    .execute();
  await cellColumns(db.schema.createTable('survey_answer_counts'))
    .addColumn('question', 'text', (col) => col.notNull())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('n', 'integer', (col) => col.notNull())
    .addColumn('answered', 'integer', (col) => col.notNull())
    .addUniqueConstraint('survey_answer_counts_cell', [...CELL, 'question', 'value'], (c) => c.nullsNotDistinct())
    .execute();

  // Row-level, and only for survey answers: a quote or drawing (most of intake) never runs them. A statement-level
  // trigger with transition tables ran for every insert and cost intake a fifth of its throughput.
  const trigger = async (name: string, event: string, when: string, body: string) => {
    await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`).execute(db);
    await sql.raw(`create trigger ${name} after ${event} on submissions for each row when (${when}) execute function ${name}()`).execute(db);
  };
  const NEW_ROW = '(select NEW.*)';
  const OLD_ROW = '(select OLD.*)';
  await trigger('survey_counts_inserted', 'insert', "NEW.kind = 'survey'", applyDelta(NEW_ROW, null).join('\n'));
  await trigger(
    'survey_counts_updated',
    'update',
    // Only when something the counts depend on changed: moderating a survey answer leaves its counts alone.
    `(OLD.kind = 'survey' or NEW.kind = 'survey') and (OLD.kind, OLD.survey_id, OLD.survey_version, OLD.created_at, OLD.age_band, OLD.group_id,
      OLD.withdrawn_at, OLD.status = 'withdrawn', OLD.answers) is distinct from (NEW.kind, NEW.survey_id, NEW.survey_version, NEW.created_at,
      NEW.age_band, NEW.group_id, NEW.withdrawn_at, NEW.status = 'withdrawn', NEW.answers)`,
    applyDelta(NEW_ROW, OLD_ROW).join('\n'),
  );
  await trigger('survey_counts_deleted', 'delete', "OLD.kind = 'survey'", applyDelta(null, OLD_ROW).join('\n'));
  await sql.raw(`create function survey_counts_truncated() returns trigger language plpgsql as $$ begin truncate survey_respondent_counts, survey_answer_counts; return null; end $$`).execute(db);
  await sql.raw(`create trigger survey_counts_truncated after truncate on submissions for each statement execute function survey_counts_truncated()`).execute(db);

  // The responses already stored.
  for (const statement of applyDelta('submissions', null)) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of ['survey_counts_inserted', 'survey_counts_updated', 'survey_counts_deleted', 'survey_counts_truncated']) {
    await sql.raw(`drop trigger ${name} on submissions`).execute(db);
    await sql.raw(`drop function ${name}()`).execute(db);
  }
  await db.schema.dropTable('survey_answer_counts').execute();
  await db.schema.dropTable('survey_respondent_counts').execute();
}
