/**
 * Survey results attached to an agenda item's pack: organisers attach a published survey version (optionally
 * broken down); the pack shows its suppressed results as charts. An issued pack version keeps the figures it
 * showed (with the question words, never answers), so they do not move under the minutes that cite them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { surveyTallies } from '../db/survey-definitions.ts';
import { parseQuestions, type SurveyQuestion } from '../intake/survey-answers.ts';
import { fromTallies, type Breakdown, type SurveyResults } from '../surveys/results.ts';

export type SurveyAttachment = { id: string; surveyId: string; title: string; version: number; by: Breakdown; attachedAt: string };
/** What a pack shows of one survey. */
export type PackSurvey = { surveyId: string; title: string; version: number; by: Breakdown; questions: SurveyQuestion[]; results: SurveyResults };

export async function listAttachments(db: Kysely<Database>, agendaItemId: string): Promise<SurveyAttachment[]> {
  const rows = await db
    .selectFrom('agenda_item_surveys as a')
    .innerJoin('surveys', 'surveys.id', 'a.survey_id')
    .select(['a.id', 'a.survey_id', 'surveys.title', 'a.survey_version', 'a.breakdown', 'a.attached_at'])
    .where('a.agenda_item_id', '=', agendaItemId)
    .orderBy('a.attached_at')
    .orderBy('a.id')
    .execute();
  return rows.map((row) => ({ id: row.id, surveyId: row.survey_id, title: row.title, version: row.survey_version, by: row.breakdown, attachedAt: new Date(row.attached_at).toISOString() }));
}

/** The published version to attach: the one named, or the latest published; undefined when there is none. */
export async function publishedVersionOf(db: Kysely<Database>, surveyId: string, version: number | undefined): Promise<number | undefined> {
  let query = db.selectFrom('survey_versions').select('version').where('survey_id', '=', surveyId).where('published_at', 'is not', null);
  query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
  return (await query.executeTakeFirst())?.version;
}

/** Attaches it; undefined when the item already has this survey version with this breakdown. */
export async function attachSurvey(db: Kysely<Database>, attachment: { agendaItemId: string; surveyId: string; version: number; by: Breakdown; staffId: string }): Promise<string | undefined> {
  const row = await db
    .insertInto('agenda_item_surveys')
    .values({ agenda_item_id: attachment.agendaItemId, survey_id: attachment.surveyId, survey_version: attachment.version, breakdown: attachment.by, attached_by: attachment.staffId })
    .onConflict((oc) => oc.columns(['agenda_item_id', 'survey_id', 'survey_version', 'breakdown']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function detachSurvey(db: Kysely<Database>, agendaItemId: string, attachmentId: string): Promise<boolean> {
  const result = await db.deleteFrom('agenda_item_surveys').where('agenda_item_id', '=', agendaItemId).where('id', '=', attachmentId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** One survey version's suppressed results as a pack shows them, now. */
export async function packSurvey(db: Kysely<Database>, surveyId: string, version: number, by: Breakdown, threshold: number): Promise<PackSurvey> {
  const row = await db
    .selectFrom('survey_versions')
    .innerJoin('surveys', 'surveys.id', 'survey_versions.survey_id')
    .select(['surveys.title', 'survey_versions.questions'])
    .where('survey_versions.survey_id', '=', surveyId)
    .where('survey_versions.version', '=', version)
    .executeTakeFirstOrThrow();
  const questions = parseQuestions(row.questions);
  const results = fromTallies(questions, await surveyTallies(db, surveyId, version, by), by, threshold);
  return { surveyId, title: row.title, version, by, questions, results };
}

/** The live results of every survey attached to the item (the pack preview, and what an issued version keeps). */
export async function attachedResults(db: Kysely<Database>, agendaItemId: string, threshold: number): Promise<PackSurvey[]> {
  const attachments = await listAttachments(db, agendaItemId);
  return Promise.all(attachments.map((a) => packSurvey(db, a.surveyId, a.version, a.by, threshold)));
}

export async function saveSnapshots(trx: Kysely<Database>, packVersionId: string, surveys: readonly PackSurvey[]): Promise<void> {
  if (surveys.length === 0) return;
  await trx
    .insertInto('pack_version_surveys')
    .values(
      surveys.map((survey, position) => ({
        pack_version_id: packVersionId,
        position,
        survey_id: survey.surveyId,
        survey_version: survey.version,
        breakdown: survey.by,
        results: JSON.stringify({ title: survey.title, questions: survey.questions, results: survey.results }),
      })),
    )
    .execute();
}

/** The survey figures an issued version keeps, as they were when it was issued. */
export async function snapshotsOf(db: Kysely<Database>, packVersionId: string): Promise<PackSurvey[]> {
  const rows = await db
    .selectFrom('pack_version_surveys')
    .select(['survey_id', 'survey_version', 'breakdown', 'results'])
    .where('pack_version_id', '=', packVersionId)
    .orderBy('position')
    .execute();
  return rows.map((row) => {
    const kept = (typeof row.results === 'string' ? JSON.parse(row.results) : row.results) as { title: string; questions: unknown; results: SurveyResults };
    return { surveyId: row.survey_id, title: kept.title, version: row.survey_version, by: row.breakdown as Breakdown, questions: parseQuestions(kept.questions), results: kept.results };
  });
}

/**
 * The figures a superseding version keeps: recounted now for the surveys `submissionId` answered (so a withdrawn
 * answer leaves them), copied for the others. `changed` says whether any recounted figure differs.
 */
export async function carryOverSnapshots(trx: Kysely<Database>, packVersionId: string, submissionId: string): Promise<{ surveys: PackSurvey[]; changed: boolean }> {
  const kept = await snapshotsOf(trx, packVersionId);
  if (kept.length === 0) return { surveys: [], changed: false };
  const answered = await trx.selectFrom('submissions').select(['survey_id', 'survey_version']).where('id', '=', submissionId).executeTakeFirst();
  let changed = false;
  const surveys = await Promise.all(
    kept.map(async (survey) => {
      if (!answered || survey.surveyId !== answered.survey_id || survey.version !== answered.survey_version) return survey;
      const now = await packSurvey(trx, survey.surveyId, survey.version, survey.by, survey.results.threshold);
      if (JSON.stringify(now.results) !== JSON.stringify(survey.results)) changed = true;
      return { ...survey, results: now.results };
    }),
  );
  return { surveys, changed };
}

/** Current pack versions whose kept survey figures count answers to this survey version. */
export async function currentVersionsCounting(trx: Kysely<Database>, submissionId: string): Promise<{ id: string; agenda_item_id: string }[]> {
  return trx
    .selectFrom('pack_versions')
    .innerJoin('pack_version_surveys', 'pack_version_surveys.pack_version_id', 'pack_versions.id')
    .innerJoin('submissions', (join) =>
      join.onRef('submissions.survey_id', '=', 'pack_version_surveys.survey_id').onRef('submissions.survey_version', '=', 'pack_version_surveys.survey_version'),
    )
    .select(['pack_versions.id', 'pack_versions.agenda_item_id'])
    .where('submissions.id', '=', submissionId)
    .where('pack_versions.superseded_at', 'is', null)
    .groupBy(['pack_versions.id', 'pack_versions.agenda_item_id'])
    .execute()
    .then((rows) => rows.map((row) => ({ id: row.id, agenda_item_id: row.agenda_item_id })));
}
