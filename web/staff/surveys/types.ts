/** Surveys as the staff API sends and takes them (api/surveys/definition.ts and api/routes/surveys-admin.ts are the source). */
import type { AgeBand } from '../types.ts';

/** The languages the partnership writes in; English is required, the others optional. */
export const LANGUAGES = [
  { tag: 'en', name: 'English' },
  { tag: 'pl', name: 'Polish', dir: 'ltr' },
  { tag: 'ar', name: 'Arabic', dir: 'rtl' },
] as const;
export type Words = Record<string, string>;

export const QUESTION_TYPES = ['emoji_scale', 'yes_no_unsure', 'single_choice', 'multiple_choice', 'free_text', 'draw'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export type ChildAgeBand = Exclude<AgeBand, 'unknown'>;
export const CHILD_AGE_BANDS: readonly ChildAgeBand[] = ['4-7', '8-11', '12-15', '16-18'];

export type SurveyOption = { id: string; label: Words; picture?: string };
export type SurveyQuestion = {
  id: string;
  type: QuestionType;
  text: Words;
  required?: boolean;
  ageBands?: ChildAgeBand[];
  options?: SurveyOption[];
};

export type SurveyDefinition = {
  title: string;
  intro: Words;
  questions: SurveyQuestion[];
  opensAt?: string;
  closesAt?: string;
  groupIds?: string[];
};

export type SurveyExport = { format: 'heard-survey/1'; title: string; intro: Words; questions: SurveyQuestion[] };

export type SurveySummary = { id: string; title: string; latestVersion: number; publishedVersion: number | null };

export type SurveyVersion = {
  version: number;
  status: 'draft' | 'published';
  publishedAt: string | null;
  opensAt: string | null;
  closesAt: string | null;
  groupIds: string[] | null;
  intro: Words;
  questions: SurveyQuestion[];
};
export type SurveyDetail = { id: string; title: string; versions: SurveyVersion[] };

export type Breakdown = 'none' | 'ageBand' | 'group' | 'month';
export type QuestionCounts = { answered: number; counts: Record<string, number> };
export type GroupResult = { key: string; respondents: number; questions: Record<string, QuestionCounts> } | { key: string; suppressed: true };
export type SurveyResults = {
  survey: { id: string; title: string; version: number };
  threshold: number;
  by: Breakdown;
  respondents: number | null;
  overall: Record<string, QuestionCounts> | null;
  groups: GroupResult[];
};

/** Two periods of whole months side by side; a period that could give a child away is withheld, with the reason. */
export type ComparedPeriod = {
  from: string;
  to: string;
  respondents: number | null;
  overall: Record<string, QuestionCounts> | null;
  withheld: null | 'too_few' | 'differencing';
};
export type SurveyComparison = {
  survey: { id: string; title: string; version: number };
  threshold: number;
  periods: [ComparedPeriod, ComparedPeriod];
  /** Percentage-point change per question and answer; null when either period is withheld. */
  changes: Record<string, Record<string, number>> | null;
};
