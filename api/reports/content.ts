/**
 * What an annual report says, per priority: figures under the committees' small-number control and release bases,
 * top themes with their trend against the previous period of equal length, attached survey results, the curated
 * quotes and drawings, and "you said, we did". An issued version freezes exactly this JSON.
 */
import type { Kysely } from 'kysely';
import { showFigures, type Breakdown, type Figure } from '../committees/figures.ts';
import { packSurvey, type PackSurvey } from '../committees/pack-surveys.ts';
import { insertPriorityFigureBasis, lockPriorityFigures, priorityFigureBases } from '../db/annual-report-versions.ts';
import { curationOf, eligibleEntries, itemsInReport, priorityCounts, surveysOfItems, taxonomy, type EligibleRow, type Period, type ReportDefinition } from '../db/annual-reports.ts';
import { readyMediaOf } from '../db/media.ts';
import type { AgeBand, Database } from '../db/schema.ts';
import { basisToRepeat } from '../disclosure/release-basis.ts';
import { totalShown } from '../disclosure/small-numbers.ts';

export type ReportEntry = {
  id: string;
  kind: 'quote' | 'drawing';
  /** Redacted where a moderator redacted them. */
  quote: string | null;
  ageBand: string;
  month: string;
  /** Media ids of the processed picture and its thumbnail. */
  drawing: { imageId: string; thumbnailId: string } | null;
  /** Also agreed for the public web (age rule applied). */
  public: boolean;
};

export type Trend = 'up' | 'down' | 'same' | 'new' | 'not comparable';
export type ThemeFigure = Figure & { previous: string; trend: Trend };
export type Outcome = { item: string; committee: string; heldOn: string; outcome: string | null; contributions: string };

export type PriorityContent = {
  slug: string;
  title: string;
  total: number | null;
  totalDisplay: string;
  previousTotalDisplay: string;
  byKind: Figure[];
  byAgeBand: Figure[];
  byGroup: Figure[];
  withheld: Breakdown[];
  themes: ThemeFigure[];
  surveys: PackSurvey[];
  entries: ReportEntry[];
  outcomes: Outcome[];
};

export type ReportContent = {
  title: string;
  periodStart: string;
  periodEnd: string;
  previousStart: string;
  previousEnd: string;
  threshold: number;
  committees: string[];
  priorities: PriorityContent[];
};

export type DraftSettings = { threshold: number; adultFor: readonly AgeBand[]; now: Date };

const DAY = 86_400_000;
const TOP_THEMES = 5;

/** The report's period as instants (both days whole), and the period of equal length just before it. */
export function periodsOf(report: Pick<ReportDefinition, 'periodStart' | 'periodEnd'>): { current: Period; previous: Period; previousStart: string; previousEnd: string } {
  const from = new Date(`${report.periodStart}T00:00:00Z`);
  const until = new Date(new Date(`${report.periodEnd}T00:00:00Z`).getTime() + DAY);
  const previous = { from: new Date(from.getTime() - (until.getTime() - from.getTime())), until: from };
  return { current: { from, until }, previous, previousStart: previous.from.toISOString().slice(0, 10), previousEnd: new Date(from.getTime() - DAY).toISOString().slice(0, 10) };
}

/** The curated draft: content, the entries it shows, the bases behind its figures, and picks no longer eligible. */
export async function buildDraft(db: Kysely<Database>, report: ReportDefinition, settings: DraftSettings) {
  const { current, previous, previousStart, previousEnd } = periodsOf(report);
  const priorities = await taxonomy(db, 'priorities', { ids: report.priorityIds });
  const committees = await taxonomy(db, 'committees', { ids: report.committeeIds });
  const curation = await curationOf(db, report.id);
  const picks = curation.filter((c) => c.choice === 'pick').map((c) => c.submissionId);
  const eligible = await eligibleEntries(db, { priorityIds: report.priorityIds, period: current, adultFor: settings.adultFor, ids: picks });
  const byId = new Map(eligible.map((row) => [row.id, row]));
  const shown = picks.filter((id) => byId.has(id)).map((id) => byId.get(id)!);
  const stale = picks.filter((id) => !byId.has(id));
  const media = await readyMediaOf(db, shown.filter((row) => row.kind === 'drawing').map((row) => row.id));
  const items = await itemsInReport(db, { committeeIds: report.committeeIds, priorityIds: report.priorityIds, periodStart: report.periodStart, periodEnd: report.periodEnd });
  const attachments = await surveysOfItems(db, items.map((item) => item.id));

  const basisIds: string[] = [];
  const sections: PriorityContent[] = [];
  for (const priority of priorities) {
    const now = await releasedCounts(db, priority.id, current, settings);
    const before = await releasedCounts(db, priority.id, previous, settings);
    basisIds.push(now.basisId, before.basisId);
    const figures = showFigures(now.counts, settings.threshold);
    const earlier = showFigures(before.counts, settings.threshold);
    const inPriority = items.filter((item) => item.priorityIds.includes(priority.id));
    const seen = new Set<string>();
    const surveys: PackSurvey[] = [];
    for (const a of attachments.filter((a) => inPriority.some((item) => item.id === a.agenda_item_id))) {
      const key = `${a.survey_id}/${a.survey_version}/${a.breakdown}`;
      if (seen.has(key)) continue;
      seen.add(key);
      surveys.push(await packSurvey(db, a.survey_id, a.survey_version, a.breakdown, settings.threshold));
    }
    sections.push({
      slug: priority.slug,
      title: priority.title,
      total: figures.total,
      totalDisplay: figures.totalDisplay,
      previousTotalDisplay: earlier.totalDisplay,
      byKind: figures.byKind,
      byAgeBand: figures.byAgeBand,
      byGroup: figures.byGroup,
      withheld: figures.withheld.filter((b) => b === 'byKind' || b === 'byAgeBand' || b === 'byGroup'),
      themes: topThemes(figures.byTheme, earlier.total === null ? null : earlier.byTheme),
      surveys,
      // Each entry once, under the first of the report's priorities it is tagged with.
      entries: shown.filter((row) => priorities.find((p) => row.priorityIds.includes(p.id))?.id === priority.id).map((row) => toEntry(row, media)),
      outcomes: inPriority
        .filter((item) => item.discussed)
        .map((item) => ({ item: item.title, committee: item.committee, heldOn: item.heldOn, outcome: item.outcomeNote, contributions: totalShown(item.shared, settings.threshold) ? String(item.shared) : `fewer than ${settings.threshold}` })),
    });
  }
  const content: ReportContent = {
    title: report.title,
    periodStart: report.periodStart,
    periodEnd: report.periodEnd,
    previousStart,
    previousEnd,
    threshold: settings.threshold,
    committees: committees.map((c) => c.title),
    priorities: sections,
  };
  return { content, entryIds: shown.map((row) => row.id), basisIds, stale };
}

/** The counts the figures show: the nearest release basis fewer than `threshold` submissions away, or a new one. */
async function releasedCounts(db: Kysely<Database>, priorityId: number, period: Period, settings: DraftSettings) {
  return db.transaction().execute(async (trx) => {
    await lockPriorityFigures(trx, priorityId);
    const pulled = await priorityCounts(trx, priorityId, period);
    const basis = basisToRepeat(await priorityFigureBases(trx, priorityId), pulled.ids, settings.threshold) ?? (await insertPriorityFigureBasis(trx, priorityId, pulled, settings.now));
    return { basisId: basis.id, counts: basis.counts };
  });
}

/** The largest shown themes, each with its figure for the previous period and which way it went. */
function topThemes(current: readonly Figure[], previous: readonly Figure[] | null): ThemeFigure[] {
  return current
    .filter((theme) => theme.count !== null)
    .slice(0, TOP_THEMES)
    .map((theme) => {
      const before = previous?.find((p) => p.label === theme.label);
      if (previous === null) return { ...theme, previous: 'too few to compare', trend: 'not comparable' as const };
      if (!before) return { ...theme, previous: '0', trend: 'new' as const };
      if (before.count === null) return { ...theme, previous: before.display, trend: 'not comparable' as const };
      const trend: Trend = theme.count! > before.count ? 'up' : theme.count! < before.count ? 'down' : 'same';
      return { ...theme, previous: before.display, trend };
    });
}

function toEntry(row: EligibleRow, media: Awaited<ReturnType<typeof readyMediaOf>>): ReportEntry {
  const image = media.find((m) => m.submission_id === row.id && m.role === 'processed');
  const thumbnail = media.find((m) => m.submission_id === row.id && m.role === 'thumbnail');
  return {
    id: row.id,
    kind: row.kind,
    quote: row.words && row.words.trim() !== '' ? row.words : null,
    ageBand: row.ageBand,
    month: row.createdAt.toISOString().slice(0, 7),
    drawing: image && thumbnail ? { imageId: image.id, thumbnailId: thumbnail.id } : null,
    public: row.public,
  };
}

/** Stored content read back (jsonb comes back parsed on one driver, as text on none we use, but be safe). */
export function readContent(stored: unknown): ReportContent {
  return (typeof stored === 'string' ? JSON.parse(stored) : stored) as ReportContent;
}
