/**
 * The first stage of retention (docs/retention.md): some months after a submission's last use its content goes.
 * What stays is what committees' figures and the child's receipt need: kind, age band, group, month, consent,
 * status, tags, closed survey answers, and the quote only when it was approved and the child agreed to quotes.
 */
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema.ts';
import { forgetReviewSnapshots } from '../db/screening-reviews.ts';

/**
 * When the submission was last used: sent, shared with a committee, or put in an issued pack. Retention counts from
 * here, so feedback a committee still cites is not minimised under it.
 */
export const lastUse = sql<Date>`greatest(
  submissions.created_at,
  (select max(shares.shared_on)::timestamptz from submission_shares as shares where shares.submission_id = submissions.id),
  (select max(packs.issued_at) from pack_version_entries as entries
     join pack_versions as packs on packs.id = entries.pack_version_id
    where entries.submission_id = submissions.id)
)`;

/** A possible disclosure no safeguarding lead has acted on is kept whole, whatever its age. */
export const awaitsSafeguardingLead = sql<SqlBool>`(submissions.safeguarding and submissions.safeguarding_resolution is null)`;

/** Ids of submissions whose content is due to go, oldest first. */
export async function dueForMinimising(db: Kysely<Database>, cutoff: Date, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('submissions')
    .select('id')
    .where('minimised_at', 'is', null)
    .where('created_at', '<', cutoff)
    .where(sql<SqlBool>`${lastUse} < ${cutoff}`)
    .where(sql<SqlBool>`not ${awaitsSafeguardingLead}`)
    .orderBy('created_at')
    .limit(limit)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Survey answers with the child's written words blanked: the question still counts as answered (the survey counts
 * see the same value, '' , before and after), the words are gone. A drawn answer is only the word "drawing"; its
 * picture goes with the other media.
 */
const answersWithoutWords = sql<string | null>`(
  select jsonb_object_agg(answer.key, case when written.ids ? answer.key then '""'::jsonb else answer.value end)
    from jsonb_each(submissions.answers) as answer,
         (select coalesce(jsonb_agg(question->>'id') filter (where question->>'type' = 'free_text'), '[]'::jsonb) as ids
            from survey_versions as versions, jsonb_array_elements(versions.questions) as question
           where versions.survey_id = submissions.survey_id and versions.version = submissions.survey_version) as written)`;

/** Removes the content of one submission (its pictures are deleted by the caller, outside the transaction). */
export async function minimiseSubmission(trx: Kysely<Database>, id: string, now: Date): Promise<void> {
  await trx
    .updateTable('submissions')
    .set({
      text: null,
      redacted_text: sql<string | null>`case when status = 'approved' and consent_quote_in_reports then coalesce(redacted_text, text) end`,
      answers: sql<string | null>`case when jsonb_typeof(answers) = 'object' then ${answersWithoutWords} else answers end`,
      screening: '{}',
      content_hash: null,
      minimised_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('minimised_at', 'is', null)
    .execute();
  await forgetDecisionSnapshots(trx, id);
  await forgetReviewSnapshots(trx, id);
}

/** Moderation decisions keep the fields before each decision for undo; after retention or withdrawal no words stay there. */
export async function forgetDecisionSnapshots(trx: Kysely<Database>, submissionId: string): Promise<void> {
  await sql`update moderation_decisions set before = jsonb_set(before, '{fields,redacted_text}', 'null'::jsonb)
    where submission_id = ${submissionId} and before->'fields' ? 'redacted_text'`.execute(trx);
}
