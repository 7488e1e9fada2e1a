/** Scores a screening function on the evaluation set: recall, category agreement, false positives, signals fired. */
import type { EvalExample } from './eval-set.ts';

/** The part of a match the evaluation reads (the shared match shape of issue 20; `signal` is optional before it lands). */
export type ScoredMatch = { category: string; signal?: string };
export type Screen = (text: string, language: string) => readonly ScoredMatch[];

export type Outcome = { example: EvalExample; flagged: boolean; rightCategory: boolean; signals: string[] };
export type Tally = { n: number; flagged: number; rightCategory: number };

export type Score = {
  outcomes: Outcome[];
  recall: { overall: Tally; byLanguage: Map<string, Tally>; byCategory: Map<string, Tally>; byCategoryLanguage: Map<string, Tally> };
  falsePositives: { overall: Tally; byLanguage: Map<string, Tally> };
  /** How many flagged examples each signal fired on (a match with no `signal` counts as 'phrase'). */
  signals: { disclosures: Map<string, number>; ordinary: Map<string, number> };
};

const emptyTally = (): Tally => ({ n: 0, flagged: 0, rightCategory: 0 });

function add(map: Map<string, Tally>, key: string, outcome: Outcome): void {
  const tally = map.get(key) ?? emptyTally();
  addTo(tally, outcome);
  map.set(key, tally);
}

function addTo(tally: Tally, outcome: Outcome): void {
  tally.n += 1;
  if (outcome.flagged) tally.flagged += 1;
  if (outcome.rightCategory) tally.rightCategory += 1;
}

function countSignals(map: Map<string, number>, outcome: Outcome): void {
  for (const signal of outcome.signals) map.set(signal, (map.get(signal) ?? 0) + 1);
}

/** Screens every example in the language of the app it was written in, as intake does. */
export function scoreEvalSet(examples: readonly EvalExample[], screen: Screen): Score {
  const score: Score = {
    outcomes: [],
    recall: { overall: emptyTally(), byLanguage: new Map(), byCategory: new Map(), byCategoryLanguage: new Map() },
    falsePositives: { overall: emptyTally(), byLanguage: new Map() },
    signals: { disclosures: new Map(), ordinary: new Map() },
  };
  for (const example of examples) {
    const matches = screen(example.text, example.appLanguage);
    const outcome: Outcome = {
      example,
      flagged: matches.length > 0,
      rightCategory: example.category !== undefined && matches.some((match) => match.category === example.category),
      signals: [...new Set(matches.map((match) => match.signal ?? 'phrase'))].sort(),
    };
    score.outcomes.push(outcome);
    if (example.kind === 'disclosure') {
      addTo(score.recall.overall, outcome);
      add(score.recall.byLanguage, example.language, outcome);
      add(score.recall.byCategory, example.category!, outcome);
      add(score.recall.byCategoryLanguage, `${example.category} × ${example.language}`, outcome);
      countSignals(score.signals.disclosures, outcome);
    } else {
      addTo(score.falsePositives.overall, outcome);
      add(score.falsePositives.byLanguage, example.language, outcome);
      countSignals(score.signals.ordinary, outcome);
    }
  }
  return score;
}

export const MIN_RECALL = 0.97;
export const MAX_FALSE_POSITIVE_RATE = 0.1;
/** A category is held to MIN_RECALL only with at least this many examples. */
export const MIN_EXAMPLES_FOR_TARGET = 10;

export const rate = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

/** Every way the score misses the targets of issue 20, as sentences; empty when all are met. */
export function failures(score: Score): string[] {
  const problems: string[] = [];
  const recallRows: [string, Map<string, Tally>][] = [['language', score.recall.byLanguage], ['category', score.recall.byCategory]];
  for (const [what, rows] of recallRows) {
    for (const [key, tally] of rows) {
      const recall = rate(tally.flagged, tally.n);
      const held = what === 'language' || tally.n >= MIN_EXAMPLES_FOR_TARGET;
      if (held && recall < MIN_RECALL) problems.push(`recall for ${what} ${key} is ${tally.flagged}/${tally.n} = ${pct(recall, 2)} (target ≥ ${pct(MIN_RECALL)})`);
    }
  }
  for (const [key, tally] of score.falsePositives.byLanguage) {
    const fp = rate(tally.flagged, tally.n);
    if (fp > MAX_FALSE_POSITIVE_RATE) problems.push(`false positives for language ${key} are ${pct(fp)} (target ≤ ${pct(MAX_FALSE_POSITIVE_RATE)})`);
  }
  return problems;
}

export const pct = (value: number, digits = 1): string => `${(value * 100).toFixed(digits)}%`;
