/** Typed calls for surveys: the list, one survey's versions, drafts, publishing, sharing as JSON, and results. */
import { call, post, put, query } from './api.ts';
import type { Breakdown, SurveyComparison, SurveyDefinition, SurveyDetail, SurveyExport, SurveyResults, SurveySummary } from './surveys/types.ts';

const survey = (id: string) => `/api/surveys/${encodeURIComponent(id)}`;
type Saved = { id: string; version: number; status: 'draft' | 'published' };

export const surveysApi = {
  list: () => call<{ surveys: SurveySummary[] }>('/api/surveys'),
  get: (id: string) => call<SurveyDetail>(survey(id)),
  create: (definition: SurveyDefinition) => post<Saved>('/api/surveys', definition),
  saveDraft: (id: string, definition: SurveyDefinition) => put<Saved>(`${survey(id)}/draft`, definition),
  publish: (id: string) => post<Saved>(`${survey(id)}/publish`),
  import: (shared: unknown) => post<Saved>('/api/surveys/import', shared),
  exportUrl: (id: string) => `${survey(id)}/export`,
  export: (id: string) => call<SurveyExport>(`${survey(id)}/export`),
  results: (id: string, by: Breakdown, version?: number) => call<SurveyResults>(`${survey(id)}/results${query({ by, version })}`),
  csvUrl: (id: string, by: Breakdown, version?: number) => `${survey(id)}/results.csv${query({ by, version })}`,
  xlsxUrl: (id: string, by: Breakdown, version?: number) => `${survey(id)}/results.xlsx${query({ by, version })}`,
  /** Two periods of whole months (YYYY-MM, both ends included). */
  compare: (id: string, periods: { from1: string; to1: string; from2: string; to2: string }, version?: number) =>
    call<SurveyComparison>(`${survey(id)}/results/compare${query({ ...periods, version })}`),
  /** One question's results drawn by the API as an SVG bar chart (suppressed groups read "fewer than N"). */
  chartUrl: (id: string, question: string, by: Breakdown, version?: number) => `${survey(id)}/results.svg${query({ question, by, version })}`,
};
