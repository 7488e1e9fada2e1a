/**
 * Survey counts kept per statement instead of per row. The row triggers upserted the same count rows once per
 * inserted response, and repeated updates of one row inside a statement walk an ever longer chain of its versions,
 * so a bulk insert grew quadratically (2,500 rows 2.9 s, 10,000 rows 29.5 s). Statement-level triggers read the
 * statement's transition tables and do one upsert per count cell. A statement touching no survey answer (a quote, a
 * drawing, moderation) returns after one look at its transition table. Counting rules are those of
 * 2026-11-29T1200-survey-counts, copied because migrations are frozen. Frozen.
 */
import { sql, type Kysely } from 'kysely';

const CELL = ['survey_id', 'survey_version', 'month', 'age_band', 'group_id'] as const;

const counted = (rows: string) =>
  `${rows}.survey_id is not null and ${rows}.survey_version is not null and ${rows}.kind = 'survey' and ${rows}.withdrawn_at is null and ${rows}.status <> 'withdrawn'`;
const cell = (rows: string) =>
  `${rows}.survey_id, ${rows}.survey_version, to_char(${rows}.created_at at time zone 'UTC', 'YYYY-MM') as month, ${rows}.age_band, ${rows}.group_id`;

/** Free-text and drawn answers are counted only as answered under the value '', never copied into the counts. */
const writtenQuestionIds = (rows: string) =>
  `select coalesce(jsonb_agg(question->>'id') filter (where question->>'type' in ('free_text', 'draw')), '[]'::jsonb) as ids
   from survey_versions as sv, jsonb_array_elements(sv.questions) as question
   where sv.survey_id = ${rows}.survey_id and sv.version = ${rows}.survey_version`;

/** Adds the counts of the rows `plus` and subtracts those of `minus` (relations), in key order so concurrent statements lock in one order. */
function applyDelta(plus: string | null, minus: string | null): string {
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
  return `insert into survey_respondent_counts as t (${CELL.join(', ')}, n)
    select ${CELL.join(', ')}, sum(sign)::int from (${respondents}) d
    group by 1, 2, 3, 4, 5 having sum(sign) <> 0 order by 1, 2, 3, 4, 5
    on conflict (${CELL.join(', ')}) do update set n = t.n + excluded.n;
  insert into survey_answer_counts as t (${CELL.join(', ')}, question, value, n, answered)
    select ${CELL.join(', ')}, question, value, sum(sign)::int, sum(first)::int from (${answers}) d
    group by 1, 2, 3, 4, 5, 6, 7 having sum(sign) <> 0 or sum(first) <> 0 order by 1, 2, 3, 4, 5, 6, 7
    on conflict (${CELL.join(', ')}, question, value) do update set n = t.n + excluded.n, answered = t.answered + excluded.answered;`;
}

/** The columns the counts depend on: an update that changes none of them (moderating an answer) leaves the counts alone. */
const dependsOn = (rows: string) =>
  `(${rows}.kind, ${rows}.survey_id, ${rows}.survey_version, ${rows}.created_at, ${rows}.age_band, ${rows}.group_id, ${rows}.withdrawn_at, ${rows}.status = 'withdrawn', ${rows}.answers)`;

const ROW_TRIGGERS = ['survey_counts_inserted', 'survey_counts_updated', 'survey_counts_deleted'] as const;
const STATEMENT_TRIGGERS = ['survey_counts_statement_inserted', 'survey_counts_statement_updated', 'survey_counts_statement_deleted'] as const;

async function createFunction(db: Kysely<any>, name: string, body: string) {
  await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`).execute(db);
}

async function drop(db: Kysely<any>, names: readonly string[]) {
  for (const name of names) {
    await sql.raw(`drop trigger ${name} on submissions`).execute(db);
    await sql.raw(`drop function ${name}()`).execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await drop(db, ROW_TRIGGERS);
  const [inserted, updated, deleted] = STATEMENT_TRIGGERS;
  const noSurveyIn = (rows: string) => `not exists (select from ${rows} where kind = 'survey')`;

  await createFunction(db, inserted, `if ${noSurveyIn('survey_counts_new')} then return null; end if; ${applyDelta('survey_counts_new', null)}`);
  const changed = (side: 'n' | 'o') =>
    `(select ${side}.* from survey_counts_new n join survey_counts_old o on o.id = n.id where ${dependsOn('o')} is distinct from ${dependsOn('n')})`;
  await createFunction(
    db,
    updated,
    `if ${noSurveyIn('survey_counts_old')} and ${noSurveyIn('survey_counts_new')} then return null; end if; ${applyDelta(changed('n'), changed('o'))}`,
  );
  await createFunction(db, deleted, `if ${noSurveyIn('survey_counts_old')} then return null; end if; ${applyDelta(null, 'survey_counts_old')}`);

  await sql.raw(`create trigger ${inserted} after insert on submissions referencing new table as survey_counts_new for each statement execute function ${inserted}()`).execute(db);
  await sql
    .raw(
      `create trigger ${updated} after update on submissions referencing old table as survey_counts_old new table as survey_counts_new for each statement execute function ${updated}()`,
    )
    .execute(db);
  await sql.raw(`create trigger ${deleted} after delete on submissions referencing old table as survey_counts_old for each statement execute function ${deleted}()`).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await drop(db, STATEMENT_TRIGGERS);
  const [inserted, updated, deleted] = ROW_TRIGGERS;
  const rowTrigger = async (name: string, event: string, when: string, body: string) => {
    await createFunction(db, name, body);
    await sql.raw(`create trigger ${name} after ${event} on submissions for each row when (${when}) execute function ${name}()`).execute(db);
  };
  await rowTrigger(inserted, 'insert', "NEW.kind = 'survey'", applyDelta('(select NEW.*)', null));
  await rowTrigger(
    updated,
    'update',
    `(OLD.kind = 'survey' or NEW.kind = 'survey') and ${dependsOn('OLD')} is distinct from ${dependsOn('NEW')}`,
    applyDelta('(select NEW.*)', '(select OLD.*)'),
  );
  await rowTrigger(deleted, 'delete', "OLD.kind = 'survey'", applyDelta(null, '(select OLD.*)'));
}
