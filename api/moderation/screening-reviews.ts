/**
 * The lead's corrections of screening: a flag that was a false positive (recorded, nothing approved or cleared) and
 * a disclosure screening missed (flagged into the safeguarding lane as a worker's flag is, and recorded). Each review
 * keeps at most one redacted sentence, and only when the child agreed to their words being quoted.
 */
import type { Kysely } from 'kysely';
import { writeAudit } from '../db/audit.ts';
import { findForModeration, type ModerationRow } from '../db/moderation.ts';
import type { Database } from '../db/schema.ts';
import { insertScreeningReview } from '../db/screening-reviews.ts';
import { NotFoundError, ProblemError, ValidationError } from '../errors.ts';
import type { Span } from './redaction.ts';
import { decide, flagForSafeguarding, type DecisionContext } from './decisions.ts';
import { reviewSnapshot, alignRedacted, toOriginalOffset } from './review-snapshot.ts';
import { fieldText, storedMatches } from './screening-matches.ts';
import { canSee, isLead } from './visibility.ts';

export const SCREENING_LANGUAGES = ['en', 'pl', 'ar'] as const;
export type ScreeningLanguage = (typeof SCREENING_LANGUAGES)[number];

/** The sentence to keep, or null when consent, status or the text do not allow one. */
function snapshotOf(row: ModerationRow, field: string, focus: Span | undefined): string | null {
  if (!row.consent_quote_in_reports || row.status === 'withdrawn') return null;
  const original = fieldText(row, field);
  if (original === null) return null;
  const identifying = ((row.screening as { identifying?: { field: string; start: number; end: number }[] } | null)?.identifying ?? []).filter((span) => span.field === field);
  return reviewSnapshot({ original, redacted: field === '/text' ? row.redacted_text : null, identifying, focus }) ?? null;
}

function languageOf(row: { language: string | null }): ScreeningLanguage {
  const primary = row.language?.toLowerCase().split('-')[0];
  return SCREENING_LANGUAGES.find((code) => code === primary) ?? 'en';
}

async function audit(context: DecisionContext, trx: Kysely<Database>, action: string, submissionId: string, details: Record<string, unknown>) {
  const { staff, requestId } = context;
  await writeAudit(trx, { action, subjectType: 'submission', subjectId: submissionId, actorId: staff.id, actorRole: staff.roles.join(','), requestId, details });
}

/** A lead says screening match `matchIndex` was wrong. The match stays; so does the flag until a lead resolves it. */
export async function markFalsePositive(context: DecisionContext, id: string, body: { match: number; reason: string }): Promise<{ reviewId: string }> {
  const { deps, staff } = context;
  return deps.db.transaction().execute(async (trx) => {
    const row = await findForModeration(trx, id);
    if (!row || row.status === 'withdrawn' || !canSee(staff, row)) throw new NotFoundError('There is no such submission in your queue.');
    const match = storedMatches(row.screening, row.language)[body.match];
    if (!match) throw new ValidationError([{ pointer: '/match', detail: 'Screening made no such match on this submission.' }]);
    const reviewId = await insertScreeningReview(trx, {
      submissionId: id,
      kind: 'false_positive',
      category: match.category,
      reason: body.reason,
      field: match.field,
      phraseId: match.phraseId,
      signal: match.signal,
      language: match.language,
      textSnapshot: snapshotOf(row, match.field, match),
      createdBy: staff.id,
      now: deps.clock.now(),
    });
    await audit(context, trx, 'screening_review.false_positive', id, { reviewId, category: match.category, signal: match.signal, phraseId: match.phraseId });
    return { reviewId };
  });
}

export type MissedReport = { category: string; field: string; span?: Span | undefined; language?: ScreeningLanguage | undefined; note?: string | undefined };

/**
 * Someone reports a disclosure screening missed. `span` points into the text the reporter sees (a lead: what the
 * child wrote; anyone else: the redacted text when there is one). Flags the submission exactly as /flag does.
 */
export async function reportMissed(context: DecisionContext, id: string, report: MissedReport): Promise<{ reviewId: string }> {
  const { staff } = context;
  return decide(context, id, 'flagged', async (trx, locked, now) => {
    const row = (await findForModeration(trx, id))!;
    if (storedMatches(row.screening, row.language).some((match) => match.category === report.category && match.field === report.field)) {
      throw new ProblemError(409, 'already_screened', 'Screening already flagged this for that category: it was not missed.');
    }
    const original = fieldText(row, report.field);
    if (original === null) throw new ValidationError([{ pointer: '/field', detail: 'This submission has no text there.' }]);
    let focus = report.span;
    if (focus && report.field === '/text' && !isLead(staff) && row.redacted_text !== null) {
      const seen = row.redacted_text;
      const kept = alignRedacted(original, seen);
      if (focus.end > seen.length) throw new ValidationError([{ pointer: '/span', detail: 'The words chosen are outside the text.' }]);
      focus = kept ? { start: toOriginalOffset(kept, focus.start), end: toOriginalOffset(kept, focus.end) } : undefined;
    } else if (focus && focus.end > original.length) {
      throw new ValidationError([{ pointer: '/span', detail: 'The words chosen are outside the text.' }]);
    }
    await flagForSafeguarding(trx, locked, staff.id, now);
    const language = report.language ?? languageOf(row);
    const reviewId = await insertScreeningReview(trx, {
      submissionId: id,
      kind: 'missed',
      category: report.category,
      reason: report.note ?? null,
      field: report.field,
      phraseId: null,
      signal: null,
      language,
      textSnapshot: snapshotOf(row, report.field, focus),
      createdBy: staff.id,
      now,
    });
    await audit(context, trx, 'screening_review.missed', id, { reviewId, category: report.category, language });
    return { result: { reviewId }, details: { missedCategory: report.category } };
  });
}
