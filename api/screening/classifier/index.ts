/**
 * The learned screening signal: a hashed n-gram logistic regression trained at build time (train.ts) from corpus/,
 * flagging disclosures the phrase and rule lists miss. Pure TypeScript, no I/O: it runs the same on Node and in the Worker.
 */
import stored from './model.json' with { type: 'json' };
import { decodeModel, thresholdFor, type StoredModel } from './model.ts';
import { scoreText } from './scorer.ts';
import type { ScreeningLanguage } from './language.ts';

/** The agreed screening match shape (issue 20), as the classifier fills it. */
export type ClassifierMatch = {
  phraseId: `classifier:${ScreeningLanguage}`;
  category: string;
  start: number;
  end: number;
  signal: 'classifier';
  language: ScreeningLanguage;
  score: number;
  words: string[];
};

const model = decodeModel(stored as StoredModel);

/** The threshold the training run chose by cross-validation for texts longer than the short-text guard's length. */
export const classifierThreshold = model.threshold;

/** The threshold that applies to this text: higher for a text of a few words (the short-text guard, see model.ts). */
export function classifierThresholdFor(text: string): number {
  return thresholdFor(model, scoreText(model, text)?.wordCount ?? 0);
}

/**
 * At most one match: the text's most disclosure-like window of words, when its probability reaches the threshold.
 * `words` are the words that pushed the score up most; start/end span them in the original text.
 */
export function classifyDisclosure(text: string): ClassifierMatch[] {
  const scored = scoreText(model, text);
  if (!scored || scored.probability < thresholdFor(model, scored.wordCount)) return [];
  return [
    {
      phraseId: `classifier:${scored.language}`,
      category: scored.category,
      start: scored.start,
      end: scored.end,
      signal: 'classifier',
      language: scored.language,
      score: Math.round(scored.probability * 1000) / 1000,
      words: scored.words,
    },
  ];
}

/** The probability alone, for tests and the evaluation report. */
export function disclosureProbability(text: string): number {
  return scoreText(model, text)?.probability ?? 0;
}
