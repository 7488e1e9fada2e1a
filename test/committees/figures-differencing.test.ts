// An attacker who reads every figure released about a set of children, and two releases of sets a few children apart, never pins a small count;
// nor when they also count the entries every release lists, linking the same child's entry across releases.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCommitteeEntry, type EntrySource, type FeedbackEntry } from '../../api/committees/committee-entry.ts';
import { HIDDEN, showFigures, type Figure, type ShownFigures } from '../../api/committees/figures.ts';
import type { Count, RawCounts } from '../../api/db/committee-feedback.ts';
import { basisToRepeat, setDistance } from '../../api/disclosure/release-basis.ts';
import { additiveDisclosure } from '../../api/disclosure/small-numbers.ts';

type Child = { id: string; kind: number; age: number; group: number; month: number; priorities: number[]; themes: number[] };
const ADDITIVE = [
  ['byKind', 'kind'],
  ['byAgeBand', 'age'],
  ['byMonth', 'month'],
  ['byGroup', 'group'],
] as const;
const MULTI_VALUED = [
  ['byPriority', 'priorities'],
  ['byTheme', 'themes'],
] as const;

let nextId = 0;
const child = fc.record({
  kind: fc.nat(2),
  age: fc.nat(3),
  group: fc.nat(4),
  month: fc.nat(2),
  priorities: fc.uniqueArray(fc.nat(2), { maxLength: 3 }),
  themes: fc.uniqueArray(fc.nat(2), { maxLength: 2 }),
});
const children = (max: number) => fc.array(child, { maxLength: max }).map((list) => list.map((c) => ({ ...c, id: `c${nextId++}` })));
const threshold = fc.integer({ min: 3, max: 6 });

function label(dimension: string, value: number): string {
  return `${dimension} ${value}`;
}

function tally(list: readonly Child[], of: (c: Child) => number[], dimension: string): Count[] {
  const counts = new Map<string, number>();
  for (const c of list) for (const value of of(c)) counts.set(label(dimension, value), (counts.get(label(dimension, value)) ?? 0) + 1);
  return [...counts].map(([key, count]) => ({ key, count }));
}

/** The true counts, as the database would count them. */
function countsOf(list: readonly Child[]): RawCounts {
  return {
    total: list.length,
    kind: tally(list, (c) => [c.kind], 'kind'),
    ageBand: tally(list, (c) => [c.age], 'age'),
    month: tally(list, (c) => [c.month], 'month'),
    group: tally(list, (c) => [c.group], 'group'),
    priority: tally(list, (c) => c.priorities, 'priorities'),
    theme: tally(list, (c) => c.themes, 'themes'),
  };
}

function trueCount(list: readonly Child[], dimension: keyof Child, key: string): number {
  return list.filter((c) => {
    const value = c[dimension];
    return Array.isArray(value) ? value.some((v) => label(dimension, v) === key) : label(dimension, value as number) === key;
  }).length;
}

/**
 * Every value each hidden cell of an additive breakdown could have, by linear reasoning: the hidden cells add up
 * to the total minus the shown cells, each is at least 1 and, as the rule publishes, smaller than every shown
 * cell. Bounds are tightened against each other until nothing changes.
 */
function attackAdditive(total: number, rows: readonly Figure[]): Map<string, Set<number>> {
  const shown = rows.filter((row) => row.count !== null);
  const hidden = rows.filter((row) => row.count === null).map((row) => row.label);
  const hiddenSum = total - shown.reduce((sum, row) => sum + row.count!, 0);
  const bounds = new Map(hidden.map((key) => [key, { lo: 1, hi: Math.min(hiddenSum, ...shown.map((row) => row.count! - 1)) }]));
  for (let changed = true; changed; ) {
    changed = false;
    for (const [key, bound] of bounds) {
      const others = [...bounds].filter(([other]) => other !== key).map(([, b]) => b);
      const lo = Math.max(bound.lo, hiddenSum - others.reduce((sum, b) => sum + b.hi, 0));
      const hi = Math.min(bound.hi, hiddenSum - others.reduce((sum, b) => sum + b.lo, 0));
      if (lo !== bound.lo || hi !== bound.hi) [bound.lo, bound.hi, changed] = [lo, hi, true];
    }
  }
  return new Map([...bounds].map(([key, { lo, hi }]) => [key, new Set(Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i))]));
}

/** What an attacker knows of each hidden cell of a breakdown whose cells may overlap: only the pair "X" / "not X". */
function attackMultiValued(total: number, rows: readonly Figure[], n: number): Map<string, Set<number>> {
  return new Map(
    rows
      .filter((row) => row.count === null)
      .map((row) => {
        const values = new Set<number>();
        for (let v = 1; v < total; v++) if (additiveDisclosure(new Map([['in', v], ['out', total - v]]), n).hidden.has('in')) values.add(v);
        return [row.label, values];
      }),
  );
}

function assertSafe(list: readonly Child[], figures: ShownFigures, n: number) {
  if (list.length < n) {
    expect(figures.total).toBeNull();
    expect(figures.totalDisplay).toBe(`fewer than ${n}`);
    for (const [name] of [...ADDITIVE, ...MULTI_VALUED]) expect(figures[name]).toEqual([]);
    return;
  }
  expect(figures.total).toBe(list.length);
  for (const [name, dimension] of ADDITIVE) {
    const rows = figures[name];
    for (const row of rows) if (row.count !== null) expect(row.count).toBe(trueCount(list, dimension, row.label));
    for (const row of rows) if (row.count !== null) expect(row.count).toBeGreaterThanOrEqual(n);
    for (const row of rows) if (row.count === null) expect(row.display).toBe(HIDDEN);
    for (const [key, values] of attackAdditive(list.length, rows)) {
      const truth = trueCount(list, dimension, key);
      expect(values.has(truth), `the attacker's reasoning is sound for ${key}`).toBe(true);
      expect(values.size, `${name} ${key} (${truth}) pinned from ${JSON.stringify(rows)}`).toBeGreaterThan(1);
    }
  }
  for (const [name, dimension] of MULTI_VALUED) {
    const rows = figures[name];
    for (const row of rows) {
      if (row.count === null) continue;
      // Shown: neither the cell nor "total minus the cell" is a small number.
      expect(row.count).toBeGreaterThanOrEqual(n);
      expect(list.length - row.count === 0 || list.length - row.count >= n).toBe(true);
    }
    for (const [key, values] of attackMultiValued(list.length, rows, n)) {
      expect(values.has(trueCount(list, dimension, key))).toBe(true);
      expect(values.size).toBeGreaterThan(1);
    }
  }
}

/** Releases figures the way feedbackFigures does, with the bases kept in memory. */
function releaser(n: number) {
  const bases: { submissionIds: string[]; counts: RawCounts }[] = [];
  return (list: readonly Child[]) => {
    const ids = list.map((c) => c.id);
    let basis = basisToRepeat(bases, ids, n);
    if (!basis) {
      basis = { submissionIds: ids, counts: countsOf(list) };
      bases.push(basis);
    }
    return { basis, figures: showFigures(basis.counts, n) };
  };
}

describe('figures safe from differencing', () => {
  it('reproduces the leak in the issue and closes it: Total 14, No group 10, Riverside 4', () => {
    const raw: RawCounts = {
      total: 14,
      kind: [{ key: 'quote', count: 14 }],
      ageBand: [{ key: '8-11', count: 14 }],
      month: [{ key: '2026-11', count: 14 }],
      group: [
        { key: 'No group', count: 10 },
        { key: 'Year 5 Riverside', count: 4 },
      ],
      priority: [],
      theme: [],
    };
    const figures = showFigures(raw, 5);
    expect(figures.total).toBe(14);
    expect(figures.byGroup).toEqual([
      { label: 'No group', count: null, display: HIDDEN },
      { label: 'Year 5 Riverside', count: null, display: HIDDEN },
    ]);
    const riverside = attackAdditive(14, figures.byGroup).get('Year 5 Riverside')!;
    expect(riverside.has(4) && riverside.size).toBeGreaterThan(1);
    // The same by kind and age band: one cell of 14 is shown, as nothing is hidden beside it.
    expect(figures.byKind).toEqual([{ label: 'quote', count: 14, display: '14' }]);
  });

  it('hides a second cell beside a lone small one, and more until the hidden ones are not all ones', () => {
    expect([...additiveDisclosure(new Map([['a', 1], ['b', 5], ['c', 9]]), 5).hidden].sort()).toEqual(['a', 'b']);
    // Five ones add up to 5, but five hidden cells adding up to 5 are all ones: the 20 goes with them, and then nothing is left to show.
    expect(additiveDisclosure(new Map([['a', 1], ['b', 1], ['c', 1], ['d', 1], ['e', 1]]), 5)).toEqual({ hidden: new Set(['a', 'b', 'c', 'd', 'e']), withheld: true });
    expect([...additiveDisclosure(new Map([['a', 1], ['b', 1], ['c', 1], ['d', 1], ['e', 1], ['f', 20]]), 5).hidden].sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(additiveDisclosure(new Map([['a', 0], ['b', 7]]), 5)).toEqual({ hidden: new Set(), withheld: false });
  });

  it('withholds a breakdown whose every cell is a one: even which cells exist would count them', () => {
    const raw: RawCounts = { total: 6, kind: [{ key: 'quote', count: 6 }], ageBand: [], month: [], group: ['A', 'B', 'C', 'D', 'E', 'F'].map((key) => ({ key, count: 1 })), priority: [], theme: [] };
    const figures = showFigures(raw, 5);
    expect(figures.withheld).toEqual(['byGroup']);
    expect(figures.byGroup).toEqual([]);
    expect(figures.byKind).toEqual([{ label: 'quote', count: 6, display: '6' }]);
  });

  it('hides a priority when the children without it are few: total minus the priority would count them', () => {
    const raw: RawCounts = { total: 12, kind: [], ageBand: [], month: [], group: [], priority: [{ key: 'School', count: 10 }, { key: 'Health', count: 6 }], theme: [] };
    expect(showFigures(raw, 5).byPriority).toEqual([
      { label: 'Health', count: 6, display: '6' },
      { label: 'School', count: null, display: HIDDEN },
    ]);
  });

  it('never lets one release pin a small count, whatever the attacker combines from it', () => {
    fc.assert(
      fc.property(children(30), threshold, (list, n) => assertSafe(list, showFigures(countsOf(list), n), n)),
      { numRuns: 400 },
    );
  });

  it('shows the same figures for two sets a few children apart: version 2 minus version 1 is nothing', () => {
    fc.assert(
      fc.property(children(30), children(4), threshold, fc.nat(3), (list, added, n, withdrawn) => {
        const release = releaser(n);
        const first = release(list);
        const changed = [...list.slice(withdrawn), ...added];
        const second = release(changed);
        const distance = setDistance(list.map((c) => c.id), changed.map((c) => c.id));
        if (distance < n) expect(second.figures).toEqual(first.figures);
        else expect(second.figures).toEqual(showFigures(countsOf(changed), n));
        assertSafe(distance < n ? list : changed, second.figures, n);
      }),
      { numRuns: 300 },
    );
  });

  it('over any history of arrivals and withdrawals, two releases differ only when their counts are a threshold apart', () => {
    const step = fc.record({ arrive: children(6), leave: fc.nat(5) });
    fc.assert(
      fc.property(children(25), fc.array(step, { minLength: 1, maxLength: 12 }), threshold, (start, steps, n) => {
        const release = releaser(n);
        let list = start;
        const releases = [release(list)];
        for (const { arrive, leave } of steps) {
          list = [...list.slice(Math.min(leave, list.length)), ...arrive];
          const now = release(list);
          expect(setDistance(now.basis.submissionIds, list.map((c) => c.id))).toBeLessThan(n);
          releases.push(now);
        }
        for (const a of releases) {
          for (const b of releases) {
            if (JSON.stringify(a.figures) === JSON.stringify(b.figures)) continue;
            expect(setDistance(a.basis.submissionIds, b.basis.submissionIds)).toBeGreaterThanOrEqual(n);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('lists entries that let no one count a hidden cell, across every release and version, linking entries by id', () => {
    const step = fc.record({ arrive: children(8), leave: fc.nat(6) });
    fc.assert(
      fc.property(children(25), fc.array(step, { minLength: 1, maxLength: 10 }), threshold, (start, steps, n) => {
        const release = releaser(n);
        let list = start;
        const releases = [{ ...release(list), entries: list.map((c) => toCommitteeEntry(...entrySource(c))) }];
        for (const { arrive, leave } of steps) {
          list = [...list.slice(Math.min(leave, list.length)), ...arrive];
          releases.push({ ...release(list), entries: list.map((c) => toCommitteeEntry(...entrySource(c))) });
        }
        assertEntriesSafe(releases, n, [...start, ...steps.flatMap((s) => s.arrive)]);
      }),
      { numRuns: 200 },
    );
  });

  it('would leak with labels shown wherever the figure cell is shown: the attacker above catches it', () => {
    // Release 1: group 0 has 4 (hidden, and group 1's 6 with it). Five more of group 0 arrive: a new basis shows
    // every group and labels every entry; so release 1's children are all labelled, and group 0 was 4 there.
    const n = 5;
    const make = (count: number, group: number): Child[] => Array.from({ length: count }, () => ({ id: `c${nextId++}`, kind: 0, age: 0, group, month: 0, priorities: [], themes: [] }));
    const first = [...make(4, 0), ...make(6, 1), ...make(10, 2)];
    const second = [...first, ...make(5, 0)];
    const release = releaser(n);
    const labelWherePublished = (figures: ShownFigures) => (c: Child) => {
      const group = label('group', c.group);
      const shownCell = figures.byGroup.some((row) => row.label === group && row.count !== null);
      return { ...toCommitteeEntry(...entrySource(c)), ...(shownCell ? { group } : {}) };
    };
    const r1 = release(first);
    const r2 = release(second);
    expect(r1.figures.byGroup.find((row) => row.label === 'group 0')?.count).toBeNull();
    expect(r2.figures.byGroup.find((row) => row.label === 'group 0')?.count).toBe(9);
    const naive = [
      { ...r1, entries: first.map(labelWherePublished(r1.figures)) },
      { ...r2, entries: second.map(labelWherePublished(r2.figures)) },
    ];
    expect(() => assertEntriesSafe(naive, n, second)).toThrow(/group 0 \(4\) pinned/);
  });
});

/** A pulled row for a child, carrying every attribute the database has, and the drawing it would show. */
function entrySource(c: Child): [EntrySource, FeedbackEntry['drawing']] {
  const kind = (['quote', 'drawing', 'survey'] as const)[c.kind]!;
  const row = {
    id: c.id,
    kind,
    text: kind === 'quote' ? `words ${c.id}` : null,
    redacted_text: null,
    consent_quote_in_reports: true,
    language: 'en',
    curation_choice: null,
    curation_note: null,
    age_band: label('age', c.age),
    group_name: label('group', c.group),
    month: label('month', c.month),
    priorities: c.priorities.map((p) => label('priorities', p)),
    themes: c.themes.map((t) => label('themes', t)),
  };
  return [row, kind === 'drawing' ? { imageUrl: `/api/media/${c.id}`, thumbnailUrl: `/api/media/${c.id}/t` } : null];
}

type Release = { basis: { submissionIds: string[] }; figures: ShownFigures; entries: readonly object[] };

/**
 * The attacker reads every release's figures and entry list. An entry's id links it across releases; any label of
 * a dimension written anywhere in an entry tells that child's cell. For every hidden cell of every release they
 * bound its count by the figures (attackAdditive / attackMultiValued) and by the children of that release's basis
 * known to be in the cell or known to be in another: the cell must never be pinned. Kind is left out: the entry
 * shows it as the entry is a drawing, words or answers (README, "Small numbers in figures").
 */
function assertEntriesSafe(releases: readonly Release[], n: number, everyone: readonly Child[]) {
  const dimensions = [...ADDITIVE.filter(([name]) => name !== 'byKind'), ...MULTI_VALUED] as const;
  const values: Record<string, number> = { age: 4, group: 5, month: 3, priorities: 3, themes: 3 };
  const known = new Map<string, Set<string>>();
  for (const { entries } of releases) {
    for (const entry of entries) {
      const id = (entry as { id: string }).id;
      const text = JSON.stringify(entry);
      for (const [, dimension] of dimensions) {
        for (let v = 0; v < values[dimension]!; v++) if (text.includes(`"${label(dimension, v)}"`)) known.set(id, (known.get(id) ?? new Set()).add(label(dimension, v)));
      }
    }
  }
  const byId = new Map(everyone.map((c) => [c.id, c]));
  for (const { basis, figures } of releases) {
    const total = basis.submissionIds.length;
    if (figures.total === null) continue;
    for (const [name, dimension] of dimensions) {
      const multi = MULTI_VALUED.some(([m]) => m === name);
      const bounds = multi ? attackMultiValued(total, figures[name], n) : attackAdditive(total, figures[name]);
      for (const [key, possible] of bounds) {
        const truth = trueCount(basis.submissionIds.map((id) => byId.get(id)!), dimension, key);
        const inCell = basis.submissionIds.filter((id) => known.get(id)?.has(key)).length;
        // In an additive breakdown a child known to be in another cell is not in this one.
        const elsewhere = multi ? 0 : basis.submissionIds.filter((id) => [...(known.get(id) ?? [])].some((l) => l !== key && l.startsWith(`${dimension} `))).length;
        const left = [...possible].filter((v) => v >= inCell && v <= total - elsewhere);
        expect(left, `the attacker's reasoning is sound for ${key}`).toContain(truth);
        expect(left.length, `${name} ${key} (${truth}) pinned by counting entries`).toBeGreaterThan(1);
      }
    }
  }
}
