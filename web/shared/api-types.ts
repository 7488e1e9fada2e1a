/** The public intake contract as the apps see it (GET /api/openapi.json is the source; keep in step). */

export type AgeBand = '4-7' | '8-11' | '12-15' | '16-18' | 'unknown';
export type ConsentGiver = 'self' | 'carer' | 'worker';

export type Consent = { shareWithCommittee: boolean; quoteInReports: boolean; publishPublicly: boolean; givenBy: ConsentGiver };

export type SubmissionBody = {
  id: string;
  kind: 'quote' | 'drawing' | 'survey';
  text?: string;
  ageBand: AgeBand;
  language?: string;
  groupCode?: string;
  wantsToTalk?: boolean;
  consent: Consent;
  /** A survey answer only: the survey, the published version answered, and the answers by question id. */
  surveyId?: string;
  surveyVersion?: number;
  answers?: Record<string, SurveyAnswer>;
};

/** Words in several languages (English always there; the app falls back to it). */
export type Words = { en: string } & Record<string, string>;

export type SurveyOption = { id: string; label: Words; picture?: string };

type QuestionBase = { id: string; text: Words; required?: boolean };
/** A question as GET /api/open-surveys gives it, for one age band. */
export type SurveyQuestion = QuestionBase &
  (
    | { type: 'emoji_scale' | 'yes_no_unsure' | 'free_text' | 'draw' }
    | { type: 'single_choice' | 'multiple_choice'; options: SurveyOption[] }
  );

/** 1–5 for a face, yes/no/not_sure, an option id, option ids, text, or "drawing" (the picture is the image part). */
export type SurveyAnswer = number | string | string[];

/** GET /api/child-settings: rules the children's app applies before sending. */
export type ChildSettings = { publicConsentNeedsAdultFor: AgeBand[] };

/** `title` is the English string, or words per language (staff may translate it). */
export type OpenSurvey = { id: string; version: number; title: string | Words; intro: Words; closesAt: string | null; questions: SurveyQuestion[] };

export type SubmissionAccepted = { id: string; receipt: string; status: 'received'; showHelp: boolean };

export type ReceiptStatus = {
  state: 'received' | 'being_looked_at' | 'ready_to_share' | 'not_used' | 'withdrawn';
  message: string;
  sentOn: string;
  sharedWith: { committee: string; on: string; whatHappens: string | null }[];
};

export type Problem = { status: number; code: string; detail: string; errors?: { pointer: string; detail: string }[] };
