/** Every migration, in order, imported statically so the migrator needs no filesystem (a Worker has none). */
import type { Migration } from 'kysely';
import * as initial from './2026-11-28T1800-initial.ts';
import * as intake from './2026-11-28T1900-intake.ts';
import * as staffSessions from './2026-11-28T2000-staff-sessions.ts';
import * as moderation from './2026-11-28T2100-moderation.ts';
import * as committeePacks from './2026-11-28T2200-committee-packs.ts';
import * as packVersions from './2026-11-29T0900-pack-versions.ts';
import * as pullTags from './2026-11-29T1000-pull-tags.ts';
import * as surveyDefinitions from './2026-11-29T1100-survey-definitions.ts';
import * as surveyCounts from './2026-11-29T1200-survey-counts.ts';
import * as agendaItemSurveys from './2026-11-29T1300-agenda-item-surveys.ts';
import * as retention from './2026-11-29T1400-retention.ts';
import * as screeningReviews from './2026-12-02T0200-screening-reviews.ts';
import * as figureBases from './2026-12-02T0300-figure-bases.ts';
import * as laneWallPullIndex from './2026-12-02T0400-lane-wall-pull-index.ts';
import * as jobOutages from './2026-12-02T0500-job-outages.ts';
import * as surveyTitleWords from './2026-12-02T0600-survey-title-words.ts';
import * as abuseLimits from './2026-12-02T0800-abuse-limits.ts';
import * as maintenanceRuns from './2026-12-02T0900-maintenance-runs.ts';
import * as staffInvitations from './2026-12-02T1200-staff-invitations.ts';
import * as annualReports from './2026-12-02T1400-annual-reports.ts';
import * as surveyCountsStatement from './2026-12-02T1500-survey-counts-statement.ts';

export const migrations: Record<string, Migration> = {
  '2026-11-28T1800-initial': initial,
  '2026-11-28T1900-intake': intake,
  '2026-11-28T2000-staff-sessions': staffSessions,
  '2026-11-28T2100-moderation': moderation,
  '2026-11-28T2200-committee-packs': committeePacks,
  '2026-11-29T0900-pack-versions': packVersions,
  '2026-11-29T1000-pull-tags': pullTags,
  '2026-11-29T1100-survey-definitions': surveyDefinitions,
  '2026-11-29T1200-survey-counts': surveyCounts,
  '2026-11-29T1300-agenda-item-surveys': agendaItemSurveys,
  '2026-11-29T1400-retention': retention,
  '2026-12-02T0200-screening-reviews': screeningReviews,
  '2026-12-02T0300-figure-bases': figureBases,
  '2026-12-02T0400-lane-wall-pull-index': laneWallPullIndex,
  '2026-12-02T0500-job-outages': jobOutages,
  '2026-12-02T0600-survey-title-words': surveyTitleWords,
  '2026-12-02T0800-abuse-limits': abuseLimits,
  '2026-12-02T0900-maintenance-runs': maintenanceRuns,
  '2026-12-02T1200-staff-invitations': staffInvitations,
  '2026-12-02T1400-annual-reports': annualReports,
  '2026-12-02T1500-survey-counts-statement': surveyCountsStatement,
};
