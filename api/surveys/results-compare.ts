/**
 * Two periods of a survey's results side by side, without letting a child be worked out by subtraction.
 *
 * Periods are whole calendar months (a quarter is three of them), so a period's figures are sums of the same
 * month cells the month breakdown (results?by=month) suppresses. That breakdown hides a set H of months, primary
 * and complementary, whose respondents together are none or at least the threshold. A period is shown only if
 * it holds none of H or all of H: then its figures are the sum of months the breakdown already shows, plus
 * (when it holds all of H) the overall figures minus every shown month — both things staff can already read.
 * So no period, no difference of two periods (overlapping or not), and no difference between a period and the
 * overall figures or any breakdown tells anyone more than the month breakdown does, which is already protected.
 * A period holding some but not all of H would give away part of H (e.g. March–May minus March–April is May
 * alone), so it is withheld with `withheld: 'differencing'`. Figures as they are now: like every live figure,
 * they change as answers arrive, and the same rule holds each time they are read.
 */
import type { SurveyQuestion } from '../intake/survey-answers.ts';
import { choicesOf, emptyTally, fromTallies, hiddenKeys, merge, type QuestionCounts, type Tally } from './results.ts';

/** Months as YYYY-MM, both ends included. */
export type Period = { from: string; to: string };

export type PeriodResult = Period & {
  /** Null when withheld. */
  respondents: number | null;
  overall: Record<string, QuestionCounts> | null;
  /** Why the period is not shown: fewer children than the threshold, or showing it would undo suppression elsewhere. */
  withheld: null | 'too_few' | 'differencing';
};

export type Comparison = {
  threshold: number;
  periods: [PeriodResult, PeriodResult];
  /**
   * Per question and answer, the change from the first period to the second in percentage points of the children
   * who answered the question (null when either period is withheld). Free text and drawings have none.
   */
  changes: Record<string, Record<string, number>> | null;
};

/** `byMonth`: the version's tallies by month (surveyTallies(…, 'month')). */
export function comparePeriods(questions: readonly SurveyQuestion[], byMonth: ReadonlyMap<string, Tally>, periods: [Period, Period], threshold: number): Comparison {
  const overall = [...byMonth.values()].reduce((sum, month) => sum + month.respondents, 0);
  const hiddenMonths = hiddenKeys(new Map([...byMonth].map(([month, tally]) => [month, tally.respondents])), threshold);
  const one = (period: Period): PeriodResult => {
    const withheld = (reason: 'too_few' | 'differencing'): PeriodResult => ({ ...period, respondents: null, overall: null, withheld: reason });
    if (overall < threshold) return withheld('too_few');
    const months = [...byMonth.keys()].filter((month) => month >= period.from && month <= period.to);
    const hiddenInside = months.filter((month) => hiddenMonths.has(month)).length;
    if (hiddenInside > 0 && hiddenInside < hiddenMonths.size) return withheld('differencing');
    const sum = emptyTally();
    for (const month of months) merge(sum, byMonth.get(month)!);
    const results = fromTallies(questions, new Map([['all', sum]]), 'none', threshold);
    if (results.respondents === null) return withheld('too_few');
    return { ...period, respondents: results.respondents, overall: results.overall, withheld: null };
  };
  const [first, second] = [one(periods[0]), one(periods[1])];
  return { threshold, periods: [first, second], changes: first.overall && second.overall ? changes(questions, first.overall, second.overall) : null };
}

function changes(questions: readonly SurveyQuestion[], before: Record<string, QuestionCounts>, after: Record<string, QuestionCounts>) {
  const share = (figures: QuestionCounts | undefined, choice: string) => (figures && figures.answered > 0 ? ((figures.counts[choice] ?? 0) / figures.answered) * 100 : 0);
  return Object.fromEntries(
    questions
      .filter((question) => choicesOf(question).length > 0)
      .map((question) => [
        question.id,
        Object.fromEntries(choicesOf(question).map((choice) => [choice, Math.round(share(after[question.id], choice) - share(before[question.id], choice))])),
      ]),
  );
}
