/**
 * An agenda item's figures as anyone may see them: every breakdown under small-number control
 * (disclosure/small-numbers.ts). Kind, age band, month and group are additive (each child in one cell, adding up
 * to the total); priorities and themes are not (a contribution may carry several or none).
 */
import type { Count, RawCounts } from '../db/committee-feedback.ts';
import { additiveDisclosure, multiValuedDisclosure, totalShown, type Disclosure } from '../disclosure/small-numbers.ts';

/** `count` is null when the cell is not shown; `display` is what is written ("12", or HIDDEN). */
export type Figure = { label: string; count: number | null; display: string };

export type Breakdown = 'byKind' | 'byAgeBand' | 'byMonth' | 'byGroup' | 'byPriority' | 'byTheme';

export type ShownFigures = {
  threshold: number;
  /** Null when fewer contributions than the threshold: then no breakdown is shown either. */
  total: number | null;
  totalDisplay: string;
  /** Breakdowns none of whose cells may be shown (every cell a one). */
  withheld: Breakdown[];
} & Record<Breakdown, Figure[]>;

/** The one marker for every hidden cell, so a small cell cannot be told from one hidden with it. */
export const HIDDEN = 'not shown';

export function showFigures(raw: RawCounts, threshold: number): ShownFigures {
  if (!totalShown(raw.total, threshold)) {
    const none: Figure[] = [];
    return { threshold, total: null, totalDisplay: `fewer than ${threshold}`, withheld: [], byKind: none, byAgeBand: none, byMonth: none, byGroup: none, byPriority: none, byTheme: none };
  }
  const withheld: Breakdown[] = [];
  const additive = (name: Breakdown, counts: readonly Count[]) => shown(name, counts, additiveDisclosure(sizesOf(counts), threshold), withheld);
  const multiValued = (name: Breakdown, counts: readonly Count[]) => shown(name, counts, multiValuedDisclosure(sizesOf(counts), raw.total, threshold), withheld);
  return {
    threshold,
    total: raw.total,
    totalDisplay: String(raw.total),
    byKind: additive('byKind', raw.kind),
    byAgeBand: additive('byAgeBand', raw.ageBand),
    byMonth: additive('byMonth', raw.month),
    byGroup: additive('byGroup', raw.group),
    byPriority: multiValued('byPriority', raw.priority),
    byTheme: multiValued('byTheme', raw.theme),
    withheld,
  };
}

function sizesOf(counts: readonly Count[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const { key, count } of counts) sizes.set(key, (sizes.get(key) ?? 0) + count);
  return sizes;
}

/** Shown cells largest first, then hidden ones by name, so their order says nothing about their size. */
function shown(name: Breakdown, counts: readonly Count[], disclosure: Disclosure, withheld: Breakdown[]): Figure[] {
  if (disclosure.withheld) {
    withheld.push(name);
    return [];
  }
  return [...sizesOf(counts)]
    .map(([key, count]) => (disclosure.hidden.has(key) ? { label: key || 'Unknown', count: null, display: HIDDEN } : { label: key || 'Unknown', count, display: String(count) }))
    .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || a.label.localeCompare(b.label));
}
