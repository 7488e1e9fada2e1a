/** Typed calls for screening reviews: false positives and missed disclosures from a submission, and the reviewers' list. */
import { call, post, query } from './api.ts';
import type { ScreeningCategory, ScreeningReview, ScreeningReviewStatus, Span } from './types.ts';

const submission = (id: string) => `/api/moderation/submissions/${encodeURIComponent(id)}`;

export const screeningApi = {
  categories: () => call<{ categories: ScreeningCategory[] }>('/api/screening/categories'),
  falsePositive: (id: string, match: number, reason: string) => post<{ reviewId: string }>(`${submission(id)}/false-positive`, { match, reason }),
  missed: (id: string, report: { category: string; field?: string; span?: Span | undefined; note?: string | undefined }) =>
    post<{ reviewId: string; safeguarding: true }>(`${submission(id)}/missed`, {
      category: report.category,
      ...(report.field ? { field: report.field } : {}),
      ...(report.span ? { span: { start: report.span.start, end: report.span.end } } : {}),
      ...(report.note ? { note: report.note } : {}),
    }),
  reviews: (status: ScreeningReviewStatus) => call<{ reviews: ScreeningReview[] }>(`/api/screening/reviews${query({ status })}`),
  decide: (id: string, decision: 'accept' | 'reject') => post<{ id: string; status: ScreeningReviewStatus }>(`/api/screening/reviews/${encodeURIComponent(id)}/${decision}`),
  /** The accepted reviews as corpus lines, for a download link. */
  corpusUrl: '/api/screening/corpus-review.jsonl',
};
