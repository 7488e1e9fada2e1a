/** The typed shape of every table, as Kysely sees it. Keep in step with migrations/. */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, never, never>;
type Json = ColumnType<unknown, string, string>;

export type SubmissionKind = 'quote' | 'drawing' | 'survey';
export type AgeBand = '4-7' | '8-11' | '12-15' | '16-18' | 'unknown';
export type ConsentGivenBy = 'self' | 'carer' | 'worker';
export type SubmissionStatus = 'received' | 'in_review' | 'approved' | 'rejected' | 'withdrawn';
export type MediaRole = 'original' | 'processed' | 'thumbnail';
export type ProcessingStatus = 'pending' | 'ready' | 'failed';
export type StaffRole = 'participation_worker' | 'safeguarding_lead' | 'committee_member' | 'admin';
export type JobStatus = 'queued' | 'running' | 'done' | 'dead';

export interface ParticipationGroupsTable {
  id: Generated<string>;
  name: string;
  join_code: string;
  active_from: Timestamp;
  active_until: Date | string | null;
  created_at: CreatedAt;
}

export interface SubmissionsTable {
  id: string;
  kind: SubmissionKind;
  text: string | null;
  age_band: AgeBand;
  language: string | null;
  group_id: string | null;
  consent_share_with_committee: boolean;
  consent_quote_in_reports: boolean;
  consent_publish_publicly: boolean;
  consent_given_by: ConsentGivenBy;
  status: ColumnType<SubmissionStatus, SubmissionStatus | undefined, SubmissionStatus>;
  receipt: string;
  content_hash: string | null;
  wants_to_talk: ColumnType<boolean, boolean | undefined, boolean>;
  safeguarding: ColumnType<boolean, boolean | undefined, boolean>;
  identifying_details: ColumnType<boolean, boolean | undefined, boolean>;
  /** Sent by a device past its limit inside a group: held for review with the rest of the flood. */
  flood: ColumnType<boolean, boolean | undefined, boolean>;
  screening: ColumnType<unknown, string | undefined, string>;
  survey_id: string | null;
  survey_version: number | null;
  answers: ColumnType<unknown, string | null | undefined, string | null>;
  withdrawn_at: Date | string | null;
  redacted_text: string | null;
  claimed_by: string | null;
  claim_expires_at: Date | string | null;
  moderated_by: string | null;
  moderated_at: Date | string | null;
  rejection_reason: string | null;
  flagged_by: string | null;
  safeguarding_resolution: 'escalated' | 'no_concern' | null;
  safeguarding_resolved_by: string | null;
  safeguarding_resolved_at: Date | string | null;
  safeguarding_note: string | null;
  referral_reference: string | null;
  /** Copies of the tag tables' ids, kept by triggers, for the committee pull. Never written by the app. */
  priority_ids: ColumnType<number[], never, never>;
  theme_ids: ColumnType<number[], never, never>;
  /** When retention removed the content (docs/retention.md); null while the content is kept. */
  minimised_at: Date | string | null;
  /** Set from the app's clock, so retention and tests that move the clock agree with the rows. */
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: Timestamp;
}

export interface MediaObjectsTable {
  id: Generated<string>;
  submission_id: string;
  role: MediaRole;
  storage_key: string;
  content_type: string;
  bytes: number;
  width: number | null;
  height: number | null;
  processing_status: ColumnType<ProcessingStatus, ProcessingStatus | undefined, ProcessingStatus>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** Priorities and committees share one shape: seeded from the partnership's config file. */
export interface TaxonomyTable {
  id: Generated<number>;
  slug: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ThemesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  created_at: CreatedAt;
}

export interface StaffUsersTable {
  id: Generated<string>;
  issuer: string;
  subject: string;
  email: string | null;
  display_name: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  last_seen_at: Date | string | null;
}

export interface StaffRolesTable {
  id: Generated<number>;
  staff_user_id: string;
  role: StaffRole;
  committee_id: number | null;
  source: ColumnType<'app' | 'identity_provider', 'app' | 'identity_provider' | undefined, never>;
  granted_at: CreatedAt;
}

/** Roles an admin gave by email before the person's first sign-in (email lower-cased). */
export interface StaffInvitationsTable {
  id: Generated<number>;
  email: string;
  role: StaffRole;
  committee_id: number | null;
  invited_by: string | null;
  created_at: CreatedAt;
}

export interface SubmissionPrioritiesTable {
  submission_id: string;
  priority_id: number;
  tagged_by: string | null;
  tagged_at: CreatedAt;
}

export interface SubmissionThemesTable {
  submission_id: string;
  theme_id: number;
  tagged_by: string | null;
  tagged_at: CreatedAt;
}

export interface MeetingsTable {
  id: Generated<string>;
  committee_id: number;
  /** ISO date (YYYY-MM-DD); both drivers are set to return dates as text. */
  held_on: string;
  title: string | null;
  created_at: CreatedAt;
}

export interface AgendaItemsTable {
  id: Generated<string>;
  meeting_id: string;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
  submitted_from: Date | string | null;
  submitted_until: Date | string | null;
  kinds: SubmissionKind[] | null;
  age_bands: AgeBand[] | null;
  discussed_at: Date | string | null;
  outcome_note: string | null;
  created_at: CreatedAt;
}

export interface AgendaItemPrioritiesTable {
  agenda_item_id: string;
  priority_id: number;
}

export interface AgendaItemThemesTable {
  agenda_item_id: string;
  theme_id: number;
}

/** Append-only: the database refuses UPDATE, DELETE and TRUNCATE. */
export interface AuditLogTable {
  id: Generated<number>;
  at: ColumnType<Date, Date | string | undefined, never>;
  actor_id: ColumnType<string | null, string | null | undefined, never>;
  actor_role: ColumnType<string | null, string | null | undefined, never>;
  action: ColumnType<string, string, never>;
  subject_type: ColumnType<string, string, never>;
  subject_id: ColumnType<string | null, string | null | undefined, never>;
  request_id: ColumnType<string | null, string | null | undefined, never>;
  details: ColumnType<unknown, string | undefined, never>;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: Json;
  status: ColumnType<JobStatus, JobStatus | undefined, JobStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  run_at: Timestamp;
  locked_until: Date | string | null;
  last_error: string | null;
  transient_failures: ColumnType<number, number | undefined, number>;
  dead_reason: 'permanent' | 'exhausted' | null;
  revivals: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MaintenanceRunsTable {
  name: string;
  ran_at: Timestamp;
}

export interface SurveysTable {
  id: Generated<string>;
  /** The English title (staff lists sort and show it). */
  title: string;
  /** The title in every language staff gave (English included), or null when given as one English string. */
  title_words: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface SurveyVersionsTable {
  survey_id: string;
  version: number;
  questions: Json;
  published_at: Date | string | null;
  opens_at: Date | string | null;
  closes_at: Date | string | null;
  /** Child-friendly introduction by language tag. */
  intro: ColumnType<Record<string, string>, string | undefined, string>;
  /** Only children in these participation groups see the survey; null for everyone. */
  group_ids: string[] | null;
  created_at: CreatedAt;
}

export interface RateLimitsTable {
  bucket: string;
  window_start: Date | string;
  hits: number;
}

export interface SchoolNamesTable {
  name: string;
}

export interface StaffSessionsTable {
  token_hash: string;
  staff_user_id: string;
  csrf_token: string;
  created_at: Date | string;
  last_seen_at: Date | string;
}

export interface LoginAttemptsTable {
  state: string;
  code_verifier: string;
  nonce: string;
  return_to: ColumnType<string, string | undefined, never>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface ModerationDecisionsTable {
  id: Generated<number>;
  submission_id: string;
  staff_user_id: string;
  action: string;
  before: Json;
  at: Date | string;
  undone_at: Date | string | null;
}

export interface AgendaItemCurationTable {
  agenda_item_id: string;
  submission_id: string;
  choice: 'pin' | 'exclude';
  note: string | null;
  decided_by: string | null;
  decided_at: Date | string;
}

export interface SubmissionSharesTable {
  submission_id: string;
  agenda_item_id: string;
  /** YYYY-MM-DD */
  shared_on: string;
}

/** Ids of submissions deleted under the retention policy: nothing else, so a late retry cannot store them again. */
export interface ForgottenSubmissionsTable {
  id: string;
  forgotten_at: Date | string;
}

export interface PackVersionsTable {
  id: Generated<string>;
  agenda_item_id: string;
  version: number;
  issued_at: Date | string;
  issued_by: string | null;
  superseded_at: Date | string | null;
  superseded_reason: string | null;
  superseded_by: string | null;
}

export interface PackVersionEntriesTable {
  pack_version_id: string;
  submission_id: string;
}

/** Kept by triggers on submissions (migration 2026-11-29T1200): never written by the app. */
interface SurveyCountCell {
  survey_id: string;
  survey_version: number;
  /** YYYY-MM, UTC. */
  month: string;
  age_band: string;
  group_id: string | null;
}
export interface SurveyRespondentCountsTable extends SurveyCountCell {
  n: number;
}
export interface SurveyAnswerCountsTable extends SurveyCountCell {
  question: string;
  value: string;
  n: number;
  answered: number;
}

export interface AgendaItemSurveysTable {
  id: Generated<string>;
  agenda_item_id: string;
  survey_id: string;
  survey_version: number;
  breakdown: 'none' | 'ageBand' | 'group' | 'month';
  attached_by: string | null;
  attached_at: ColumnType<Date, Date | string | undefined, never>;
}

/** The counts an item's figures were last worked out from (migration 2026-12-02T0300). */
export interface AgendaItemFigureBasesTable {
  id: Generated<string>;
  agenda_item_id: string;
  submission_ids: string[];
  counts: Json;
  created_at: ColumnType<Date, Date, never>;
}

export interface PackVersionSurveysTable {
  pack_version_id: string;
  position: number;
  survey_id: string;
  survey_version: number;
  breakdown: string;
  results: Json;
}

export type ScreeningReviewKind = 'false_positive' | 'missed';
export type ScreeningReviewStatus = 'pending' | 'accepted' | 'rejected';

/** A lead's correction of screening (migration 2026-12-02T0200); `text_snapshot` is one redacted sentence or null. */
export interface ScreeningReviewsTable {
  id: Generated<string>;
  submission_id: string;
  kind: ScreeningReviewKind;
  category: string;
  reason: string | null;
  /** The field pointer the review is about (`/text`, `/answers/q3`). */
  field: string;
  phrase_id: string | null;
  signal: string | null;
  language: string | null;
  text_snapshot: string | null;
  created_by: string | null;
  created_at: Date | string;
  status: ColumnType<ScreeningReviewStatus, ScreeningReviewStatus | undefined, ScreeningReviewStatus>;
  reviewed_by: string | null;
  reviewed_at: Date | string | null;
}

/** An annual "voice of the child" report's definition (migration 2026-12-02T1400). Dates are YYYY-MM-DD text. */
export interface AnnualReportsTable {
  id: Generated<string>;
  title: string;
  period_start: string;
  period_end: string;
  priority_ids: number[];
  committee_ids: number[];
  public_summary: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface AnnualReportCurationTable {
  report_id: string;
  submission_id: string;
  choice: 'pick' | 'exclude';
  position: ColumnType<number, number | undefined, number>;
  decided_by: string | null;
  decided_at: Date | string;
}

export interface AnnualReportVersionsTable {
  id: Generated<string>;
  report_id: string;
  version: number;
  content: Json;
  figure_basis_ids: string[];
  issued_at: Date | string;
  issued_by: string | null;
  superseded_at: Date | string | null;
  superseded_reason: string | null;
  superseded_by: string | null;
}

export interface AnnualReportVersionEntriesTable {
  version_id: string;
  submission_id: string;
}

/** Keyed by priority across reports, so no two reports' figures for a priority differ by a few children. */
export interface AnnualReportFigureBasesTable {
  id: Generated<string>;
  priority_id: number;
  submission_ids: string[];
  counts: Json;
  created_at: ColumnType<Date, Date, never>;
}

export interface Database {
  participation_groups: ParticipationGroupsTable;
  submissions: SubmissionsTable;
  forgotten_submissions: ForgottenSubmissionsTable;
  media_objects: MediaObjectsTable;
  priorities: TaxonomyTable;
  committees: TaxonomyTable;
  themes: ThemesTable;
  staff_users: StaffUsersTable;
  staff_roles: StaffRolesTable;
  staff_invitations: StaffInvitationsTable;
  submission_priorities: SubmissionPrioritiesTable;
  submission_themes: SubmissionThemesTable;
  meetings: MeetingsTable;
  agenda_items: AgendaItemsTable;
  agenda_item_priorities: AgendaItemPrioritiesTable;
  agenda_item_themes: AgendaItemThemesTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  maintenance_runs: MaintenanceRunsTable;
  surveys: SurveysTable;
  survey_versions: SurveyVersionsTable;
  rate_limits: RateLimitsTable;
  school_names: SchoolNamesTable;
  staff_sessions: StaffSessionsTable;
  login_attempts: LoginAttemptsTable;
  moderation_decisions: ModerationDecisionsTable;
  agenda_item_curation: AgendaItemCurationTable;
  submission_shares: SubmissionSharesTable;
  pack_versions: PackVersionsTable;
  pack_version_entries: PackVersionEntriesTable;
  survey_respondent_counts: SurveyRespondentCountsTable;
  survey_answer_counts: SurveyAnswerCountsTable;
  agenda_item_surveys: AgendaItemSurveysTable;
  pack_version_surveys: PackVersionSurveysTable;
  screening_reviews: ScreeningReviewsTable;
  agenda_item_figure_bases: AgendaItemFigureBasesTable;
  annual_reports: AnnualReportsTable;
  annual_report_curation: AnnualReportCurationTable;
  annual_report_versions: AnnualReportVersionsTable;
  annual_report_version_entries: AnnualReportVersionEntriesTable;
  annual_report_figure_bases: AnnualReportFigureBasesTable;
}

export type Submission = Selectable<SubmissionsTable>;
export type NewSubmission = Insertable<SubmissionsTable>;
export type SubmissionUpdate = Updateable<SubmissionsTable>;
export type ParticipationGroup = Selectable<ParticipationGroupsTable>;
export type MediaObject = Selectable<MediaObjectsTable>;
export type Job = Selectable<JobsTable>;
