/** Shapes moderation rows for staff, applying what each role may see. snake_case rows never leave the API. */
import type { StaffIdentity } from '../auth/sessions.ts';
import type { ModerationRow, QueueRow } from '../db/moderation.ts';
import type { reviewsOfSubmission } from '../db/screening-reviews.ts';
import { categoryLabel, presentMatches, storedMatches } from './screening-matches.ts';
import { isLead, visibleText } from './visibility.ts';

type ReviewOfSubmission = Awaited<ReturnType<typeof reviewsOfSubmission>>[number];

type Screening = { identifying?: { field: string; kind: string; start: number; end: number }[] };

export function presentQueueItem(staff: StaffIdentity, row: QueueRow, now: Date) {
  const screening = (row.screening ?? {}) as Screening;
  const redacted = row.redacted_text !== null;
  const matches = storedMatches(row.screening, row.language);
  return {
    id: row.id,
    kind: row.kind,
    text: visibleText(staff, row),
    redacted,
    ageBand: row.age_band,
    language: row.language,
    group: row.group_name,
    status: row.status,
    safeguarding: row.safeguarding,
    wantsToTalk: row.wants_to_talk,
    flood: row.flood,
    safeguardingResolution: row.safeguarding_resolution,
    // Spans point into the original text; once it is redacted there is nothing left to redact.
    identifyingDetails: redacted && !isLead(staff) ? [] : (screening.identifying ?? []),
    screeningCategories: [...new Set(matches.map((match) => match.category))],
    /** Why it was flagged: each match's category, signal and language; the matched words for a lead. */
    screeningMatches: presentMatches(matches, { text: row.text, answers: 'answers' in row ? row.answers : null }, isLead(staff)),
    claimedBy: row.claim_expires_at && new Date(row.claim_expires_at) > now ? row.claimed_by : null,
    receivedAt: new Date(row.created_at).toISOString(),
    waitingMinutes: Math.max(0, Math.floor((now.getTime() - new Date(row.created_at).getTime()) / 60_000)),
  };
}

export function presentSubmission(
  staff: StaffIdentity,
  row: ModerationRow,
  extra: { tags: { priorities: string[]; themes: string[] }; media: unknown[]; guidance: string; responseHours: number; screeningReviews: ReviewOfSubmission[] },
  now: Date,
) {
  const lead = isLead(staff);
  return {
    ...presentQueueItem(staff, row, now),
    originalText: lead ? row.text : undefined,
    answers: row.answers,
    surveyId: row.survey_id ?? undefined,
    surveyVersion: row.survey_version ?? undefined,
    consent: {
      shareWithCommittee: row.consent_share_with_committee,
      quoteInReports: row.consent_quote_in_reports,
      publishPublicly: row.consent_publish_publicly,
      givenBy: row.consent_given_by,
    },
    tags: extra.tags,
    media: extra.media,
    rejectionReason: row.rejection_reason,
    referralReference: lead ? row.referral_reference : undefined,
    safeguardingNote: lead ? row.safeguarding_note : undefined,
    safeguardingDueAt: row.safeguarding
      ? new Date(new Date(row.created_at).getTime() + extra.responseHours * 3_600_000).toISOString()
      : undefined,
    guidance: extra.guidance,
    screeningReviews: extra.screeningReviews.map((review) => ({
      id: review.id,
      kind: review.kind,
      category: review.category,
      categoryLabel: categoryLabel(review.category),
      field: review.field,
      phraseId: review.phrase_id,
      status: review.status,
      createdAt: new Date(review.created_at).toISOString(),
    })),
  };
}
