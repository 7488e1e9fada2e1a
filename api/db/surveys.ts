/** Published survey versions, as intake needs them to check answers. */
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type PublishedSurveyVersion = {
  survey_id: string;
  version: number;
  questions: unknown;
  opens_at: Date | string | null;
  closes_at: Date | string | null;
  group_ids: string[] | null;
};

/** The given version, or the latest published one when `version` is undefined. Drafts are never returned. */
export async function findPublishedSurveyVersion(
  db: Kysely<Database>,
  surveyId: string,
  version: number | undefined,
): Promise<PublishedSurveyVersion | undefined> {
  let query = db
    .selectFrom('survey_versions')
    .select(['survey_id', 'version', 'questions', 'opens_at', 'closes_at', 'group_ids'])
    .where('survey_id', '=', surveyId)
    .where('published_at', 'is not', null);
  query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
  return query.executeTakeFirst();
}
