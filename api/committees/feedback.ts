/** An agenda item's feedback as committees see it: consented, approved, redacted words, drawings only as processed images. */
import type { Kysely } from 'kysely';
import { processedMediaFor, pullFigures, pullPage, surveyQuestionsFor, tagsForSubmissions, type PullCursor, type PullScope, type PulledRow } from '../db/committee-feedback.ts';
import { figureBases, insertFigureBasis, lockItemFigures } from '../db/figure-bases.ts';
import type { Database } from '../db/schema.ts';
import { basisToRepeat } from '../disclosure/release-basis.ts';
import { parseQuestions } from '../intake/survey-answers.ts';
import { showFigures, type ShownFigures } from './figures.ts';

export type FeedbackEntry = {
  id: string;
  kind: string;
  ageBand: string;
  group: string | null;
  month: string;
  /**
   * The words, redacted where a moderator redacted them (for survey answers, the written answers, one per line);
   * null when the child did not agree to be quoted or wrote nothing.
   */
  quote: string | null;
  /** Whether the child agreed to their words being quoted, so the app never says they did not when they did. */
  quoteConsent: boolean;
  priorities: string[];
  themes: string[];
  drawing: { imageUrl: string; thumbnailUrl: string } | null;
  curation: { choice: 'pin' | 'exclude'; note: string | null } | null;
};

export async function feedbackPage(db: Kysely<Database>, scope: PullScope, publicUrl: string, cursor: PullCursor | undefined, limit: number) {
  const rows = await pullPage(db, scope, cursor, limit);
  const page = rows.slice(0, limit);
  const ids = page.map((row) => row.id);
  const surveyVersions = page.flatMap((row) => (row.survey_id && row.survey_version !== null ? [{ surveyId: row.survey_id, version: row.survey_version }] : []));
  const [tags, media, questions] = await Promise.all([tagsForSubmissions(db, ids), processedMediaFor(db, ids), surveyQuestionsFor(db, surveyVersions)]);
  const entries: FeedbackEntry[] = page.map((row) => {
    const processed = media.find((m) => m.submission_id === row.id && m.role === 'processed');
    const thumbnail = media.find((m) => m.submission_id === row.id && m.role === 'thumbnail');
    return {
      id: row.id,
      kind: row.kind,
      ageBand: row.age_band,
      group: row.group_name,
      month: new Date(row.created_at).toISOString().slice(0, 7),
      quote: row.consent_quote_in_reports ? wordsOf(row, questions) : null,
      quoteConsent: row.consent_quote_in_reports,
      priorities: tags.priorities.filter((t) => t.submission_id === row.id).map((t) => t.title),
      themes: tags.themes.filter((t) => t.submission_id === row.id).map((t) => t.title),
      drawing: processed && thumbnail ? { imageUrl: `${publicUrl}/api/media/${processed.id}`, thumbnailUrl: `${publicUrl}/api/media/${thumbnail.id}` } : null,
      curation: row.curation_choice ? { choice: row.curation_choice, note: row.curation_note } : null,
    };
  });
  const last = page.at(-1);
  const nextCursor = rows.length > limit && last ? { pinned: last.pinned, createdAt: new Date(last.created_at).toISOString(), id: last.id } : undefined;
  return { entries, nextCursor };
}

/** What the child wrote: a quote's (redacted) text, or a survey's written answers in question order. */
function wordsOf(row: PulledRow, questions: ReadonlyMap<string, unknown>): string | null {
  if (row.redacted_text !== null || row.kind !== 'survey') return row.redacted_text ?? row.text;
  const answers = (typeof row.answers === 'string' ? JSON.parse(row.answers) : row.answers) as Record<string, unknown> | null;
  const definition = questions.get(`${row.survey_id}:${row.survey_version}`);
  if (!answers || definition === undefined) return null;
  const written = parseQuestions(definition)
    .filter((question) => question.type === 'free_text')
    .map((question) => answers[question.id])
    .filter((answer): answer is string => typeof answer === 'string' && answer.trim() !== '');
  return written.length > 0 ? written.join('\n') : null;
}

/** What a release of figures shows, and the time of the counts it repeats. */
export type ReleasedFigures = ShownFigures & { asOf: string };

/**
 * The figures every output of an item shows (feedback, CSV, pack page and versions, PDF): the counts of the
 * nearest basis fewer than `threshold` submissions from what the scope pulls now, or of a new basis when there is
 * none (disclosure/release-basis.ts), under small-number control.
 */
export async function feedbackFigures(db: Kysely<Database>, scope: PullScope, threshold: number, now: Date): Promise<ReleasedFigures> {
  return db.transaction().execute(async (trx) => {
    await lockItemFigures(trx, scope.item.id);
    const pulled = await pullFigures(trx, scope);
    const basis = basisToRepeat(await figureBases(trx, scope.item.id), pulled.ids, threshold) ?? (await insertFigureBasis(trx, scope.item.id, pulled.ids, pulled.counts, now));
    return { ...showFigures(basis.counts, threshold), asOf: basis.createdAt.toISOString() };
  });
}

/** Every entry the item pulls, across pages (for the CSV and for "mark discussed"). */
export async function allFeedback(db: Kysely<Database>, scope: PullScope, publicUrl: string): Promise<FeedbackEntry[]> {
  const all: FeedbackEntry[] = [];
  let cursor: PullCursor | undefined;
  do {
    const page = await feedbackPage(db, scope, publicUrl, cursor, 500);
    all.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}
