/** What the staff API sends back, as the staff app reads it (api/routes/*.ts are the source; keep in step). */

export type Role = 'participation_worker' | 'safeguarding_lead' | 'committee_member' | 'admin';

export type Me = { id: string; name: string; email: string | null; roles: Role[]; csrfToken: string };

export type Kind = 'quote' | 'drawing' | 'survey';
export type AgeBand = '4-7' | '8-11' | '12-15' | '16-18' | 'unknown';
export type SubmissionStatus = 'received' | 'in_review' | 'approved' | 'rejected';

export type Span = { start: number; end: number };
export type IdentifyingDetail = Span & { kind: string };

export type ScreeningSignal = 'phrase' | 'rule' | 'classifier';

/** One reason screening flagged a submission. `words` (and their offsets) only for a safeguarding lead. */
export type ScreeningMatch = {
  index: number;
  field: string;
  category: string;
  categoryLabel: string;
  signal: ScreeningSignal;
  language: string;
  score?: number;
  start?: number;
  end?: number;
  words?: string;
};

export type ScreeningReviewKind = 'false_positive' | 'missed';
export type ScreeningReviewStatus = 'pending' | 'accepted' | 'rejected';

/** A review as the submission's own view lists it. */
export type ScreeningReviewSummary = { id: string; kind: ScreeningReviewKind; category: string; categoryLabel: string; field: string; phraseId: string | null; status: ScreeningReviewStatus; createdAt: string };

/** A review as a reviewer sees it: `text` is the one redacted sentence kept, if any. */
export type ScreeningReview = {
  id: string;
  submissionId: string;
  kind: ScreeningReviewKind;
  category: string;
  categoryLabel: string;
  reason: string | null;
  field: string;
  phraseId: string | null;
  signal: ScreeningSignal | null;
  language: string | null;
  text: string | null;
  withdrawn: boolean;
  status: ScreeningReviewStatus;
  createdBy: string | null;
  createdAt: string;
  reviewedAt: string | null;
};

export type ScreeningCategory = { id: string; label: string; source: string };

export type QueueItem = {
  id: string;
  kind: Kind;
  text: string | null;
  redacted: boolean;
  ageBand: AgeBand;
  language: string | null;
  group: string | null;
  status: SubmissionStatus;
  safeguarding: boolean;
  wantsToTalk: boolean;
  /** Sent by a device past its limit in a group: review the flood together. */
  flood: boolean;
  safeguardingResolution: 'escalated' | 'no_concern' | null;
  identifyingDetails: IdentifyingDetail[];
  screeningCategories: string[];
  screeningMatches: ScreeningMatch[];
  claimedBy: string | null;
  receivedAt: string;
  waitingMinutes: number;
  /** In the queue list only: the drawing's ready thumbnail, and other waiting submissions that look the same. */
  thumbnailId?: string | null;
  duplicateIds?: string[];
};

/** One item's outcome in a bulk action; `code` is the API's reason when it was refused. */
export type BulkResult = { id: string; ok: boolean; code?: string };

export type QueuePage = { items: QueueItem[]; nextCursor: string | null; guidance: string };

export type QueueFilters = {
  status?: SubmissionStatus[];
  kind?: Kind;
  ageBand?: AgeBand;
  priority?: string;
  group?: string;
  safeguarding?: boolean;
  identifying?: boolean;
  /** Only submissions held as part of a group flood. */
  flood?: boolean;
};

/** One stored picture of a drawing. The API sends these columns as they are named in the database. */
export type MediaObject = {
  id: string;
  role: 'original' | 'processed' | 'thumbnail';
  content_type: string;
  processing_status: 'pending' | 'ready' | 'failed';
  width: number | null;
  height: number | null;
};

export type SubmissionDetail = QueueItem & {
  originalText?: string | null;
  consent: { shareWithCommittee: boolean; quoteInReports: boolean; publishPublicly: boolean; givenBy: string };
  tags: { priorities: string[]; themes: string[] };
  media: MediaObject[];
  screeningReviews: ScreeningReviewSummary[];
  rejectionReason: string | null;
  referralReference?: string | null;
  safeguardingNote?: string | null;
  safeguardingDueAt?: string;
  guidance: string;
  /** A survey submission's answers by question id (free text as the child wrote it; a drawn answer is "drawing"). */
  answers?: Record<string, unknown> | null;
  /** Which survey and version the answers are for, when the API says (needed for the questions' words). */
  surveyId?: string | null;
  surveyVersion?: number | null;
};

/** A rectangle of the processed drawing, in its own pixels. */
export type Rect = { left: number; top: number; width: number; height: number };

export type Taxonomy = { priorities: { slug: string; title: string; description?: string }[]; themes: { slug: string; title: string }[] };

export type Group = {
  id: string;
  name: string;
  joinCode: string;
  activeUntil: string | null;
  active: boolean;
  submissions: number;
  /** Submissions in the last hour, and the group's usual hourly rate over the week before. */
  lastHour: number;
  usualPerHour: number;
  spike: boolean;
  /** Submissions from a device past its limit in this group, waiting for review together. */
  floodHeld: number;
};

export type StaffRole = { role: Role; committeeId: number | null; source: 'app' | 'identity_provider' };
export type StaffMember = { id: string; name: string; email: string | null; disabled: boolean; lastSeenAt: string | null; roles: StaffRole[] };
export type RoleAssignment = { role: Role; committeeId?: number };

export type AuditEntry = {
  id: number;
  at: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  actor: string | null;
  actorRole: string | null;
  requestId: string | null;
  details: unknown;
};
export type AuditPage = { entries: AuditEntry[]; nextBefore: number | null };
export type JobBacklogRow = { kind: string; queued: number; running: number; dead: number; retryingAfterOutage: number; oldestQueuedSeconds: number | null };
export type AuditQuery = { action?: string; subjectId?: string; before?: number; limit?: number };

export type AgendaItemSummary = { id: string; title: string; discussed: boolean };
export type Meeting = { id: string; heldOn: string; title: string | null; agendaItems: AgendaItemSummary[] };
export type Committee = { id: number; slug: string; title: string; meetings: Meeting[] };

export type NewAgendaItem = { title: string; description?: string; priorities?: string[]; themes?: string[] };

export type CurationChoice = 'pin' | 'exclude' | 'none';

/** An entry carries no age band, group, month or tags: those are in the figures only (api/committees/committee-entry.ts). */
export type FeedbackEntry = {
  id: string;
  kind: Kind;
  quote: string | null;
  quoteConsent: boolean;
  /** The language of the quoted words; null when no words are shown. */
  language: string | null;
  drawing: { imageUrl: string; thumbnailUrl: string } | null;
  curation: { choice: 'pin' | 'exclude'; note: string | null } | null;
};

export type Figure = { label: string; count: number | null; display: string };

/** Attached survey results as present mode shows them (api/committees/present-surveys.ts): overall, suppressed as in the pack. */
export type PresentAnswer = { choice: string; label: string; count: number | null; display: string };
export type PresentQuestion = { id: string; title: string; type: string; answered: number | null; answers: PresentAnswer[] };
export type PresentSurvey = { surveyId: string; title: string; version: number; threshold: number; respondents: number | null; questions: PresentQuestion[] };

export type Feedback = {
  item: { id: string; title: string; description: string; committee: string; meetingOn: string; discussed: boolean; outcomeNote: string | null };
  entries: FeedbackEntry[];
  nextCursor: string | null;
  figures: {
    threshold: number;
    /** Null when fewer contributions than the threshold; `totalDisplay` then says "fewer than N". */
    total: number | null;
    totalDisplay: string;
    /** When the counts were taken: figures change only once enough contributions have changed. */
    asOf: string;
    withheld: string[];
    byKind: Figure[];
    byAgeBand: Figure[];
    byMonth: Figure[];
    byGroup: Figure[];
    byPriority: Figure[];
    byTheme: Figure[];
  };
  consentStatement: string;
  generatedAt: string;
};

/** An issued pack version: `links` (page, CSV, XLSX, PDF) only while it is current; a superseded one keeps its record. */
export type PackVersion = {
  id: string;
  version: number;
  issuedAt: string;
  supersededAt: string | null;
  supersededReason: string | null;
  supersededBy: string | null;
  links: { page: string; csv: string; xlsx: string; pdf: string } | null;
};

export type IssuedPack = PackVersion & { unchanged: boolean; entries: number; surveys: number };

/** A published survey version whose suppressed results an agenda item's pack shows. */
export type PackSurveyAttachment = { id: string; surveyId: string; title: string; version: number; by: 'none' | 'ageBand' | 'group' | 'month'; attachedAt: string };

/** A role or committee seat given by email, waiting for the person's first sign-in. */
export type Invitation = { id: number; email: string; role: Role; committeeId: number | null; invitedAt: string };
