/**
 * Survey results staff may see: per-question counts overall and by one breakdown (age band, group or month), with
 * small-number suppression. A breakdown group with fewer respondents than the threshold is hidden, and more groups
 * are hidden with it until the hidden ones together are none or at least the threshold: otherwise the overall
 * figures minus the shown groups would give away the few children hidden. Closed answers count straight away;
 * free text is only counted as answered (its words go through moderation like any submission).
 */
import { additiveDisclosure } from '../disclosure/small-numbers.ts';
import type { SurveyQuestion } from '../intake/survey-answers.ts';

export type Breakdown = 'none' | 'ageBand' | 'group' | 'month';
export type Respondent = { ageBand: string; group: string | null; month: string; answers: Record<string, unknown> };

export type QuestionCounts = { answered: number; counts: Record<string, number> };
export type GroupResult = { key: string; respondents: number; questions: Record<string, QuestionCounts> } | { key: string; suppressed: true };

export type SurveyResults = {
  threshold: number;
  by: Breakdown;
  /** Null when fewer children answered than the threshold: then nothing else is shown. */
  respondents: number | null;
  overall: Record<string, QuestionCounts> | null;
  groups: GroupResult[];
};

/** How many children in a breakdown group answered, answered each question, and gave each answer. */
export type Tally = { respondents: number; answered: Map<string, number>; values: Map<string, Map<string, number>> };

export function emptyTally(): Tally {
  return { respondents: 0, answered: new Map(), values: new Map() };
}

/** Tallies answers in memory; the database does the same in one statement (db/survey-definitions.ts). */
export function tally(respondents: readonly Respondent[], by: Breakdown): Map<string, Tally> {
  const tallies = new Map<string, Tally>();
  for (const respondent of respondents) {
    const key = by === 'none' ? 'all' : keyOf(respondent, by);
    const current = tallies.get(key) ?? emptyTally();
    tallies.set(key, current);
    current.respondents += 1;
    for (const [question, answer] of Object.entries(respondent.answers)) {
      if (answer === undefined || answer === null) continue;
      increment(current.answered, question, 1);
      const values = current.values.get(question) ?? new Map<string, number>();
      current.values.set(question, values);
      for (const value of Array.isArray(answer) ? answer : [answer]) increment(values, String(value), 1);
    }
  }
  return tallies;
}

export function aggregate(questions: readonly SurveyQuestion[], respondents: readonly Respondent[], by: Breakdown, threshold: number): SurveyResults {
  return fromTallies(questions, tally(respondents, by), by, threshold);
}

/** The results staff may see from tallies by breakdown group, with suppression applied. */
export function fromTallies(questions: readonly SurveyQuestion[], tallies: ReadonlyMap<string, Tally>, by: Breakdown, threshold: number): SurveyResults {
  const overall = emptyTally();
  for (const group of tallies.values()) merge(overall, group);
  if (overall.respondents < threshold) return { threshold, by, respondents: null, overall: null, groups: [] };
  const figures = countAll(questions, overall);
  if (by === 'none') return { threshold, by, respondents: overall.respondents, overall: figures, groups: [] };
  const disclosure = additiveDisclosure(new Map([...tallies].map(([key, group]) => [key, group.respondents])), threshold);
  // Every group a single child: even which groups exist would say how many answered in each.
  if (disclosure.withheld) return { threshold, by, respondents: overall.respondents, overall: figures, groups: [] };
  const hidden = disclosure.hidden;
  const groups: GroupResult[] = [...tallies.keys()].sort().map((key) =>
    hidden.has(key) ? { key, suppressed: true } : { key, respondents: tallies.get(key)!.respondents, questions: countAll(questions, tallies.get(key)!) },
  );
  return { threshold, by, respondents: overall.respondents, overall: figures, groups };
}

/** Primary, then complementary suppression, smallest groups first (disclosure/small-numbers.ts, shared with committee figures). */
export function hiddenKeys(sizes: ReadonlyMap<string, number>, threshold: number): Set<string> {
  return additiveDisclosure(sizes, threshold).hidden;
}

function keyOf(respondent: Respondent, by: Exclude<Breakdown, 'none'>): string {
  if (by === 'ageBand') return respondent.ageBand;
  if (by === 'group') return respondent.group ?? 'No group';
  return respondent.month;
}

function increment(counts: Map<string, number>, key: string, by: number): void {
  counts.set(key, (counts.get(key) ?? 0) + by);
}

/** Adds `from` into `into` (a month into a period, a group into the overall). */
export function merge(into: Tally, from: Tally): void {
  into.respondents += from.respondents;
  for (const [question, n] of from.answered) increment(into.answered, question, n);
  for (const [question, values] of from.values) {
    const target = into.values.get(question) ?? new Map<string, number>();
    into.values.set(question, target);
    for (const [value, n] of values) increment(target, value, n);
  }
}

/** Only the answers each question offers are counted: anything else in stored answers is not a figure. */
function countAll(questions: readonly SurveyQuestion[], group: Tally): Record<string, QuestionCounts> {
  return Object.fromEntries(
    questions.map((question) => {
      const values = group.values.get(question.id);
      const counts = Object.fromEntries(choicesOf(question).map((choice) => [choice, values?.get(choice) ?? 0]));
      return [question.id, { answered: group.answered.get(question.id) ?? 0, counts }];
    }),
  );
}

export function choicesOf(question: SurveyQuestion): string[] {
  switch (question.type) {
    case 'emoji_scale':
      return ['1', '2', '3', '4', '5'];
    case 'yes_no_unsure':
      return ['yes', 'no', 'not_sure'];
    case 'single_choice':
    case 'multiple_choice':
      return question.options.map((option) => option.id);
    case 'free_text':
    case 'draw':
      return [];
  }
}
