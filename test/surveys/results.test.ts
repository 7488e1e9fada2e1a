// Survey aggregation against hand-computed figures, and small-number suppression that cannot be undone by subtraction.
import { describe, expect, it } from 'vitest';
import { parseQuestions } from '../../api/intake/survey-answers.ts';
import { aggregate, hiddenKeys, tally, type Respondent } from '../../api/surveys/results.ts';
import { comparePeriods } from '../../api/surveys/results-compare.ts';

const questions = parseQuestions([
  { id: 'happy', type: 'emoji_scale', required: true },
  { id: 'safe', type: 'yes_no_unsure' },
  { id: 'who', type: 'multiple_choice', options: [{ id: 'carer' }, { id: 'friend' }, { id: 'teacher' }] },
  { id: 'anything', type: 'free_text' },
]);

const child = (ageBand: string, month: string, answers: Record<string, unknown>, group: string | null = null): Respondent => ({ ageBand, month, group, answers });

describe('survey results', () => {
  it('counts every answer as computed by hand', () => {
    const respondents = [
      child('8-11', '2026-10', { happy: 5, safe: 'yes', who: ['carer', 'friend'], anything: 'I like it' }),
      child('8-11', '2026-10', { happy: 4, safe: 'yes', who: ['friend'] }),
      child('8-11', '2026-11', { happy: 4, safe: 'not_sure' }),
      child('12-15', '2026-11', { happy: 2, safe: 'no', who: ['teacher', 'carer'], anything: 'no' }),
      child('12-15', '2026-11', { happy: 3 }),
    ];
    const results = aggregate(questions, respondents, 'none', 5);
    expect(results.respondents).toBe(5);
    expect(results.overall).toEqual({
      happy: { answered: 5, counts: { 1: 0, 2: 1, 3: 1, 4: 2, 5: 1 } },
      safe: { answered: 4, counts: { yes: 2, no: 1, not_sure: 1 } },
      who: { answered: 3, counts: { carer: 2, friend: 2, teacher: 1 } },
      anything: { answered: 2, counts: {} },
    });
  });

  it('hides everything below the threshold: 4 respondents hidden, 5 shown', () => {
    const four = Array.from({ length: 4 }, () => child('8-11', '2026-10', { happy: 3 }));
    expect(aggregate(questions, four, 'ageBand', 5)).toMatchObject({ respondents: null, overall: null, groups: [] });
    const five = [...four, child('8-11', '2026-10', { happy: 1 })];
    expect(aggregate(questions, five, 'none', 5).overall!.happy).toEqual({ answered: 5, counts: { 1: 1, 2: 0, 3: 4, 4: 0, 5: 0 } });
  });

  it('hides a small group and another with it, so overall minus the shown groups never reveals fewer than 5', () => {
    const respondents = [
      ...Array.from({ length: 6 }, () => child('8-11', '2026-10', { happy: 4 })),
      ...Array.from({ length: 7 }, () => child('12-15', '2026-10', { happy: 2 })),
      ...Array.from({ length: 2 }, () => child('16-18', '2026-10', { happy: 1 })),
    ];
    const results = aggregate(questions, respondents, 'ageBand', 5);
    const shown = results.groups.filter((g) => !('suppressed' in g));
    const hidden = results.groups.filter((g) => 'suppressed' in g).map((g) => g.key);
    // 16-18 (2) is under 5; alone it could be worked out as 15 - 6 - 7, so the smallest other group goes too.
    expect(hidden).toEqual(['16-18', '8-11']);
    expect(shown.map((g) => g.key)).toEqual(['12-15']);
    const shownCount = shown.reduce((sum, g) => sum + ('respondents' in g ? g.respondents : 0), 0);
    expect(results.respondents! - shownCount).toBeGreaterThanOrEqual(5);
  });

  it('blocks differencing across two overlapping breakdowns of the same children', () => {
    // Random populations: whatever breakdown is asked for, what is hidden is nothing or at least the threshold.
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 200; round++) {
      const respondents = Array.from({ length: 5 + random(40) }, () =>
        child(['4-7', '8-11', '12-15', '16-18'][random(4)]!, `2026-${String(1 + random(12)).padStart(2, '0')}`, { happy: 1 + random(5) }, `Group ${random(5)}`),
      );
      for (const by of ['ageBand', 'month', 'group'] as const) {
        const results = aggregate(questions, respondents, by, 5);
        const shown = results.groups.reduce((sum, g) => sum + ('respondents' in g ? g.respondents : 0), 0);
        const hiddenMass = results.respondents! - shown;
        expect(hiddenMass === 0 || hiddenMass >= 5, `${by}: ${hiddenMass} hidden`).toBe(true);
        for (const group of results.groups) if ('respondents' in group) expect(group.respondents).toBeGreaterThanOrEqual(5);
      }
    }
  });

  it('hides the whole breakdown when no group can be shown safely', () => {
    expect([...hiddenKeys(new Map([['a', 3], ['b', 9]]), 5)].sort()).toEqual(['a', 'b']);
    expect([...hiddenKeys(new Map([['a', 5], ['b', 9]]), 5)]).toEqual([]);
    expect([...hiddenKeys(new Map([['a', 2], ['b', 3], ['c', 9]]), 5)].sort()).toEqual(['a', 'b']);
  });

  describe('comparing two periods', () => {
    const months = (sizes: Record<string, number>) =>
      Object.entries(sizes).flatMap(([month, n]) => Array.from({ length: n }, (_, i) => child('8-11', month, { happy: 1 + (i % 5) })));
    const compare = (respondents: Respondent[], a: [string, string], b: [string, string]) =>
      comparePeriods(questions, tally(respondents, 'month'), [{ from: a[0], to: a[1] }, { from: b[0], to: b[1] }], 5);

    it('4 respondents hidden, 5 shown', () => {
      const four = compare(months({ '2026-01': 4 }), ['2026-01', '2026-01'], ['2026-01', '2026-03']);
      expect(four.periods.map((p) => [p.respondents, p.withheld])).toEqual([[null, 'too_few'], [null, 'too_few']]);
      expect(four.changes).toBeNull();
      const five = compare(months({ '2026-01': 5 }), ['2026-01', '2026-01'], ['2026-01', '2026-03']);
      expect(five.periods.map((p) => p.respondents)).toEqual([5, 5]);
      expect(five.periods[0].overall!.happy).toEqual({ answered: 5, counts: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 } });
      expect(five.changes!.happy).toEqual({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
    });

    it('blocks a differencing attack across two overlapping periods', () => {
      // March has 3 children. January to March minus January to February would be exactly them.
      const respondents = months({ '2026-01': 6, '2026-02': 7, '2026-03': 3 });
      // The month breakdown hides March, and January with it (overall minus the shown months must be 5 or more).
      const byMonth = aggregate(questions, respondents, 'month', 5);
      expect(byMonth.groups.filter((g) => 'suppressed' in g).map((g) => g.key)).toEqual(['2026-01', '2026-03']);
      const attack = compare(respondents, ['2026-01', '2026-02'], ['2026-01', '2026-03']);
      expect(attack.periods[0]).toMatchObject({ respondents: null, overall: null, withheld: 'differencing' });
      expect(attack.periods[1]).toMatchObject({ respondents: 16, withheld: null });
      // Nor can February to March be set against February alone.
      const other = compare(respondents, ['2026-02', '2026-02'], ['2026-02', '2026-03']);
      expect(other.periods.map((p) => p.withheld)).toEqual([null, 'differencing']);
      expect(other.periods[0].respondents).toBe(7);
    });

    it('never shows a period that tells more than the month breakdown already shows', () => {
      // Whatever two periods are asked for, a shown period is the shown months inside it, plus either nothing
      // or all of the hidden months: figures anyone could already add up from results?by=month.
      let seed = 3;
      const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
      const month = (i: number) => `2026-${String(i).padStart(2, '0')}`;
      for (let round = 0; round < 300; round++) {
        const respondents = Array.from({ length: random(60) }, () => child('8-11', month(1 + random(12)), { happy: 1 + random(5) }));
        const byMonth = aggregate(questions, respondents, 'month', 5);
        const shown = new Map(byMonth.groups.flatMap((g) => ('respondents' in g ? [[g.key, g.respondents] as const] : [])));
        const hiddenTotal = (byMonth.respondents ?? 0) - [...shown.values()].reduce((a, b) => a + b, 0);
        const from = 1 + random(12);
        const to = from + random(13 - from);
        const from2 = 1 + random(12);
        const result = compare(respondents, [month(from), month(to)], [month(from2), month(from2 + random(13 - from2))]);
        for (const period of result.periods) {
          if (period.respondents === null) continue;
          const shownInside = [...shown].filter(([key]) => key >= period.from && key <= period.to).reduce((sum, [, n]) => sum + n, 0);
          expect([0, hiddenTotal]).toContain(period.respondents - shownInside);
          expect(period.respondents).toBeGreaterThanOrEqual(5);
        }
      }
    });
  });
});
