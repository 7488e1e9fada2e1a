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
};

export type SubmissionAccepted = { id: string; receipt: string; status: 'received'; showHelp: boolean };

export type ReceiptStatus = {
  state: 'received' | 'being_looked_at' | 'ready_to_share' | 'not_used' | 'withdrawn';
  message: string;
  sentOn: string;
  sharedWith: { committee: string; on: string; whatHappens: string | null }[];
};

export type Problem = { status: number; code: string; detail: string; errors?: { pointer: string; detail: string }[] };
