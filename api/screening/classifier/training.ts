/** Trains the classifier from the corpus, deterministically: logistic regression for disclosure, softmax for category. */
import { SCREENING_CATEGORY_IDS } from './category-ids.ts';
import { textFeatures, tokenize } from './features.ts';
import { decodeModel, encodeWeights, type CrossValidation, type StoredModel } from './model.ts';
import { scoreText } from './scorer.ts';

export type CorpusEntry = { text: string; label: 'disclosure' | 'ordinary'; category?: string | undefined; language: string };

export const TRAINING = {
  buckets: 1 << 16,
  categoryBuckets: 1 << 12,
  window: 24,
  epochs: 30,
  rate: 2,
  folds: 5,
  /** Cross-validated false positives allowed among longer ordinary lines (the brief allowed ~8%). */
  targetFalsePositiveRate: 0.07,
  /** The same among short ones: the short-text guard's share, smaller because most children's feedback is short. */
  shortTargetFalsePositiveRate: 0.03,
  /** Texts of at most this many words get their own threshold, chosen among short corpus lines (the short-text guard). */
  shortWords: 6,
  /** Fewer features than this are scored as if the rest were neutral (see StoredModel.minFeatures). */
  minFeatures: 100,
} as const;

type Example = { entry: CorpusEntry; features: Uint32Array; disclosure: boolean; category: number; short: boolean };

/** Trains on the whole corpus, with the threshold chosen by k-fold cross-validation on the same corpus. */
export function trainModel(corpus: readonly CorpusEntry[]): StoredModel {
  const examples = corpus.map(toExample);
  const crossValidation = crossValidate(examples);
  return fit(examples, crossValidation.thresholds, crossValidation.report);
}

type Thresholds = { long: number; short: number };

function toExample(entry: CorpusEntry): Example {
  const category = entry.label === 'disclosure' ? (SCREENING_CATEGORY_IDS as readonly string[]).indexOf(entry.category ?? '') : -1;
  if (entry.label === 'disclosure' && category < 0) throw new Error(`unknown category ${entry.category}`);
  const short = tokenize(entry.text).count <= TRAINING.shortWords;
  return { entry, features: textFeatures(entry.text), disclosure: entry.label === 'disclosure', category, short };
}

function fit(examples: readonly Example[], thresholds: Thresholds, crossValidation: CrossValidation): StoredModel {
  const binary = fitBinary(examples);
  const categories = fitCategories(examples.filter((example) => example.disclosure));
  const weights = encodeWeights(binary.weights, 16);
  const categoryWeights = encodeWeights(categories.weights, 16);
  return {
    version: 1,
    buckets: TRAINING.buckets,
    categoryBuckets: TRAINING.categoryBuckets,
    window: TRAINING.window,
    threshold: thresholds.long,
    shortText: { words: TRAINING.shortWords, threshold: thresholds.short },
    minFeatures: TRAINING.minFeatures,
    bias: binary.bias,
    scale: weights.scale,
    weights: weights.data,
    categories: [...SCREENING_CATEGORY_IDS],
    categoryBias: [...categories.bias],
    categoryScale: categoryWeights.scale,
    categoryWeights: categoryWeights.data,
    crossValidation,
  };
}

function fitBinary(examples: readonly Example[]): { weights: Float64Array; bias: number } {
  const mask = TRAINING.buckets - 1;
  const weights = new Float64Array(TRAINING.buckets);
  let bias = 0;
  const random = seeded(20);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < TRAINING.epochs; epoch++) {
    shuffle(order, random);
    const rate = TRAINING.rate / (1 + epoch * 0.1);
    for (const i of order) {
      const { features, disclosure } = examples[i]!;
      if (features.length === 0) continue;
      const norm = 1 / Math.sqrt(Math.max(features.length, TRAINING.minFeatures));
      let z = bias;
      for (const f of features) z += weights[f & mask]! * norm;
      const step = rate * ((disclosure ? 1 : 0) - 1 / (1 + Math.exp(-z)));
      bias += step;
      for (const f of features) weights[f & mask] = weights[f & mask]! + step * norm;
    }
  }
  return { weights, bias };
}

function fitCategories(examples: readonly Example[]): { weights: Float64Array; bias: Float64Array } {
  const classes = SCREENING_CATEGORY_IDS.length;
  const buckets = TRAINING.categoryBuckets;
  const mask = buckets - 1;
  const weights = new Float64Array(classes * buckets);
  const bias = new Float64Array(classes);
  const logits = new Float64Array(classes);
  const random = seeded(21);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < TRAINING.epochs; epoch++) {
    shuffle(order, random);
    const rate = TRAINING.rate / (1 + epoch * 0.1);
    for (const i of order) {
      const { features, category } = examples[i]!;
      if (features.length === 0) continue;
      const norm = 1 / Math.sqrt(features.length);
      let largest = -Infinity;
      for (let c = 0; c < classes; c++) {
        let z = bias[c]!;
        for (const f of features) z += weights[c * buckets + (f & mask)]! * norm;
        logits[c] = z;
        largest = Math.max(largest, z);
      }
      let total = 0;
      for (let c = 0; c < classes; c++) total += (logits[c] = Math.exp(logits[c]! - largest));
      for (let c = 0; c < classes; c++) {
        const step = rate * ((c === category ? 1 : 0) - logits[c]! / total);
        bias[c] = bias[c]! + step;
        for (const f of features) weights[c * buckets + (f & mask)] = weights[c * buckets + (f & mask)]! + step * norm;
      }
    }
  }
  return { weights, bias };
}

/**
 * Out-of-fold scores for every example; each threshold lets through at most the target share of ordinary messages of
 * its length: short ones alone (the short-text guard), longer ones alone, so that many easy short lines in the corpus
 * do not spend the longer lines' share; the short threshold is never below the longer one.
 */
function crossValidate(examples: readonly Example[]): { thresholds: Thresholds; report: CrossValidation } {
  const folds = TRAINING.folds;
  const fold = new Int32Array(examples.length);
  const random = seeded(22);
  for (const disclosure of [true, false]) {
    const members = examples.flatMap((example, i) => (example.disclosure === disclosure ? [i] : []));
    shuffle(members, random);
    members.forEach((i, position) => (fold[i] = position % folds));
  }
  const probability = new Float64Array(examples.length);
  const predicted: string[] = new Array(examples.length);
  const noRow = { disclosures: 0, recall: 0, ordinary: 0, falsePositiveRate: 0 };
  const empty: CrossValidation = { folds, targetFalsePositiveRate: 0, recall: 0, falsePositiveRate: 0, byLength: { short: noRow, long: noRow }, categoryAccuracy: 0, byLanguage: {}, byCategory: {} };
  for (let k = 0; k < folds; k++) {
    const model = decodeModel(fit(examples.filter((_, i) => fold[i] !== k), { long: 0, short: 0 }, empty));
    examples.forEach((example, i) => {
      if (fold[i] !== k) return;
      const scored = scoreText(model, example.entry.text);
      probability[i] = scored?.probability ?? 0;
      predicted[i] = scored?.category ?? '';
    });
  }
  const ordinary = (short: boolean) => examples.flatMap((example, i) => (example.disclosure || example.short !== short ? [] : [probability[i]!]));
  const long = thresholdAt(ordinary(false), TRAINING.targetFalsePositiveRate);
  const thresholds = { long, short: Math.max(long, thresholdAt(ordinary(true), TRAINING.shortTargetFalsePositiveRate)) };
  return { thresholds, report: report(examples, probability, predicted, thresholds) };
}

/** The score that lets through the target share of these ordinary messages' out-of-fold scores. */
function thresholdAt(scores: number[], target: number): number {
  const sorted = [...scores].sort((a, b) => b - a);
  const allowed = Math.floor(target * sorted.length);
  return allowed === 0 ? (sorted[0] ?? 0) + 1e-9 : (sorted[allowed]! + sorted[allowed - 1]!) / 2;
}

function report(examples: readonly Example[], probability: Float64Array, predicted: readonly string[], thresholds: Thresholds): CrossValidation {
  const share = (hits: number, of: number) => (of === 0 ? 0 : Math.round((hits / of) * 1000) / 1000);
  const flagged = (i: number) => probability[i]! >= (examples[i]!.short ? thresholds.short : thresholds.long);
  const indices = examples.map((_, i) => i);
  const disclosures = indices.filter((i) => examples[i]!.disclosure);
  const ordinary = indices.filter((i) => !examples[i]!.disclosure);
  const row = (d: number[], o: number[]) => ({ disclosures: d.length, recall: share(d.filter(flagged).length, d.length), ordinary: o.length, falsePositiveRate: share(o.filter(flagged).length, o.length) });
  const byLanguage: CrossValidation['byLanguage'] = {};
  for (const language of [...new Set(examples.map((example) => example.entry.language))].sort()) {
    const d = disclosures.filter((i) => examples[i]!.entry.language === language);
    const o = ordinary.filter((i) => examples[i]!.entry.language === language);
    byLanguage[language] = row(d, o);
  }
  const ofLength = (short: boolean) => row(disclosures.filter((i) => examples[i]!.short === short), ordinary.filter((i) => examples[i]!.short === short));
  const byCategory: CrossValidation['byCategory'] = {};
  for (const category of SCREENING_CATEGORY_IDS) {
    const d = disclosures.filter((i) => examples[i]!.entry.category === category);
    byCategory[category] = { disclosures: d.length, recall: share(d.filter(flagged).length, d.length), categoryAccuracy: share(d.filter((i) => predicted[i] === category).length, d.length) };
  }
  return {
    folds: TRAINING.folds,
    targetFalsePositiveRate: TRAINING.targetFalsePositiveRate,
    recall: share(disclosures.filter(flagged).length, disclosures.length),
    falsePositiveRate: share(ordinary.filter(flagged).length, ordinary.length),
    byLength: { short: ofLength(true), long: ofLength(false) },
    categoryAccuracy: share(disclosures.filter((i) => predicted[i] === examples[i]!.entry.category).length, disclosures.length),
    byLanguage,
    byCategory,
  };
}

/** mulberry32: a small seeded generator, so every training run shuffles the same way. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items: number[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
