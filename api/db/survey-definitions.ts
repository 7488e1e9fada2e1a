/** Survey definitions and their versions: drafts staff edit, published versions nobody can change. */
import { sql, type Kysely } from 'kysely';
import { englishTitle, type SurveyDefinition, type SurveyTitle } from '../surveys/definition.ts';
import { emptyTally, type Breakdown, type Tally } from '../surveys/results.ts';
import type { Database } from './schema.ts';

export type SurveyVersionRow = {
  survey_id: string;
  version: number;
  questions: unknown;
  intro: Record<string, string>;
  published_at: Date | string | null;
  opens_at: Date | string | null;
  closes_at: Date | string | null;
  group_ids: string[] | null;
};

/** The two title columns: the English text, and every language when staff gave more than one. */
function titleValues(title: SurveyTitle) {
  return { title: englishTitle(title), title_words: typeof title === 'string' ? null : JSON.stringify(title) };
}

/** A survey's title as staff gave it: words per language when there are some, else the English string. */
export function titleOf(row: { title: string; title_words: Record<string, string> | null }): SurveyTitle {
  return row.title_words ?? row.title;
}

const VERSION_COLUMNS = ['survey_id', 'version', 'questions', 'intro', 'published_at', 'opens_at', 'closes_at', 'group_ids'] as const;

function versionValues(definition: Pick<SurveyDefinition, 'intro' | 'questions' | 'opensAt' | 'closesAt' | 'groupIds'>) {
  return {
    questions: JSON.stringify(definition.questions),
    intro: JSON.stringify(definition.intro),
    opens_at: definition.opensAt ?? null,
    closes_at: definition.closesAt ?? null,
    group_ids: definition.groupIds?.length ? definition.groupIds : null,
  };
}

export async function createSurvey(trx: Kysely<Database>, definition: Pick<SurveyDefinition, 'title' | 'intro' | 'questions' | 'opensAt' | 'closesAt' | 'groupIds'>, staffId: string): Promise<string> {
  const survey = await trx.insertInto('surveys').values({ ...titleValues(definition.title), created_by: staffId }).returning('id').executeTakeFirstOrThrow();
  await trx.insertInto('survey_versions').values({ survey_id: survey.id, version: 1, published_at: null, ...versionValues(definition) }).execute();
  return survey.id;
}

/** Saves the draft: the unpublished latest version, or a new version after the published one. */
export async function saveDraft(trx: Kysely<Database>, surveyId: string, definition: SurveyDefinition): Promise<number | undefined> {
  const latest = await latestVersion(trx, surveyId, { lock: true });
  if (!latest) return undefined;
  await trx.updateTable('surveys').set(titleValues(definition.title)).where('id', '=', surveyId).execute();
  if (latest.published_at === null) {
    await trx.updateTable('survey_versions').set(versionValues(definition)).where('survey_id', '=', surveyId).where('version', '=', latest.version).execute();
    return latest.version;
  }
  const version = latest.version + 1;
  await trx.insertInto('survey_versions').values({ survey_id: surveyId, version, published_at: null, ...versionValues(definition) }).execute();
  return version;
}

/** Publishes the draft; undefined when the latest version is already published (or the survey does not exist). */
export async function publishDraft(trx: Kysely<Database>, surveyId: string, now: Date): Promise<number | undefined> {
  const latest = await latestVersion(trx, surveyId, { lock: true });
  if (!latest || latest.published_at !== null) return undefined;
  await trx.updateTable('survey_versions').set({ published_at: now }).where('survey_id', '=', surveyId).where('version', '=', latest.version).execute();
  return latest.version;
}

export async function latestVersion(db: Kysely<Database>, surveyId: string, options: { lock?: boolean } = {}): Promise<SurveyVersionRow | undefined> {
  let query = db.selectFrom('survey_versions').select(VERSION_COLUMNS).where('survey_id', '=', surveyId).orderBy('version', 'desc').limit(1);
  if (options.lock) query = query.forUpdate();
  return query.executeTakeFirst();
}

export async function findSurvey(db: Kysely<Database>, surveyId: string) {
  const survey = await db.selectFrom('surveys').select(['id', 'title', 'title_words', 'created_at']).where('id', '=', surveyId).executeTakeFirst();
  if (!survey) return undefined;
  const versions = await db.selectFrom('survey_versions').select(VERSION_COLUMNS).where('survey_id', '=', surveyId).orderBy('version').execute();
  return { ...survey, versions };
}

export async function listSurveys(db: Kysely<Database>) {
  return db
    .selectFrom('surveys')
    .leftJoin('survey_versions', 'survey_versions.survey_id', 'surveys.id')
    .select(['surveys.id', 'surveys.title', sql<number>`max(survey_versions.version)::int`.as('latest_version'), sql<number | null>`max(survey_versions.version) filter (where survey_versions.published_at is not null)`.as('published_version')])
    .groupBy(['surveys.id', 'surveys.title'])
    .orderBy('surveys.title')
    .execute();
}

/** The latest published version of every survey open now, for everyone or for this group. */
export async function openSurveyVersions(db: Kysely<Database>, now: Date, groupId: string | undefined) {
  return db
    .selectFrom('survey_versions as v')
    .innerJoin('surveys', 'surveys.id', 'v.survey_id')
    .select(['v.survey_id', 'v.version', 'v.questions', 'v.intro', 'v.closes_at', 'surveys.title', 'surveys.title_words'])
    .where('v.published_at', 'is not', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('survey_versions as newer').select('newer.version').whereRef('newer.survey_id', '=', 'v.survey_id').where('newer.published_at', 'is not', null).whereRef('newer.version', '>', 'v.version'))))
    .where((eb) => eb.or([eb('v.opens_at', 'is', null), eb('v.opens_at', '<=', now)]))
    .where((eb) => eb.or([eb('v.closes_at', 'is', null), eb('v.closes_at', '>', now)]))
    .where((eb) => (groupId ? eb.or([eb('v.group_ids', 'is', null), sql<boolean>`${groupId}::uuid = any(v.group_ids)`]) : eb('v.group_ids', 'is', null)))
    .orderBy('surveys.title')
    .execute();
}

/**
 * The answers to a version tallied by breakdown group: respondents per group, how many answered each question, and
 * how many gave each answer (each choice of a multiple-choice answer counts). Withdrawn responses are left out.
 * Read from the counts the submissions triggers keep (migration 2026-11-29T1200-survey-counts): a few thousand
 * rows per version whatever the number of responses. Cells whose counts went back to nought are left out, as
 * if never counted.
 */
export async function surveyTallies(db: Kysely<Database>, surveyId: string, version: number, by: Breakdown): Promise<Map<string, Tally>> {
  const key = {
    none: sql`'all'`,
    ageBand: sql`c.age_band`,
    group: sql`coalesce(g.name, 'No group')`,
    month: sql`c.month`,
  }[by];
  const from = (table: 'survey_respondent_counts' | 'survey_answer_counts') =>
    sql`${sql.table(table)} c left join participation_groups g on g.id = c.group_id where c.survey_id = ${surveyId} and c.survey_version = ${version}`;
  const [respondents, values] = await Promise.all([
    sql<{ key: string; n: number }>`select ${key} as key, sum(c.n)::int as n from ${from('survey_respondent_counts')} group by 1 having sum(c.n) <> 0`.execute(db),
    sql<{ key: string; question: string; value: string; n: number; answered: number }>`
      select ${key} as key, c.question, c.value, sum(c.n)::int as n, sum(c.answered)::int as answered from ${from('survey_answer_counts')}
      group by 1, 2, 3 having sum(c.n) <> 0 or sum(c.answered) <> 0`.execute(db),
  ]);
  const tallies = new Map<string, Tally>();
  const groupOf = (name: string) => {
    const group = tallies.get(name) ?? emptyTally();
    tallies.set(name, group);
    return group;
  };
  for (const row of respondents.rows) groupOf(row.key).respondents = Number(row.n);
  for (const row of values.rows) {
    const group = groupOf(row.key);
    group.answered.set(row.question, (group.answered.get(row.question) ?? 0) + Number(row.answered));
    const counts = group.values.get(row.question) ?? new Map<string, number>();
    group.values.set(row.question, counts);
    counts.set(row.value, (counts.get(row.value) ?? 0) + Number(row.n));
  }
  return tallies;
}
