/** The trained model's stored form (model.json) and its decoded, typed-array form used for scoring. */

/** As written by `npm run screening:train`: weights quantised and base64-encoded to keep the file small. */
export type StoredModel = {
  version: 1;
  /** Buckets of the disclosure/ordinary weights (a power of two). */
  buckets: number;
  /** Buckets of each category's weights (a power of two, fewer: the category only explains a flag). */
  categoryBuckets: number;
  /** Longest run of words scored together; longer texts are scored window by window, and the best window counts. */
  window: number;
  /** Flag when the probability of a disclosure is at least this (chosen by cross-validation in training). */
  threshold: number;
  /**
   * The short-text guard: a text of at most `words` words is flagged only from `threshold` (never below the one above),
   * chosen by cross-validation among short corpus lines alone. A few words give a few strong n-grams and little else,
   * so short ordinary lines ("race you home") reach scores long ones do not.
   */
  shortText: { words: number; threshold: number };
  /**
   * A text (or window) is scored as if it had at least this many features, the missing ones neutral: in a text of a
   * few words one strong word would otherwise outweigh everything, as it never does in the longer lines trained on.
   */
  minFeatures: number;
  bias: number;
  scale: number;
  /** Int16, little-endian, base64. */
  weights: string;
  categories: string[];
  categoryBias: number[];
  categoryScale: number;
  /** Int16, little-endian, category-major (categories × categoryBuckets), base64. */
  categoryWeights: string;
  crossValidation: CrossValidation;
};

export type CrossValidation = {
  folds: number;
  targetFalsePositiveRate: number;
  recall: number;
  falsePositiveRate: number;
  /** The same figures for short texts (at most `shortText.words` words) and longer ones. */
  byLength: Record<'short' | 'long', { disclosures: number; recall: number; ordinary: number; falsePositiveRate: number }>;
  /** Share of disclosures given their own category (whether flagged or not). */
  categoryAccuracy: number;
  byLanguage: Record<string, { disclosures: number; recall: number; ordinary: number; falsePositiveRate: number }>;
  byCategory: Record<string, { disclosures: number; recall: number; categoryAccuracy: number }>;
};

export type Model = {
  mask: number;
  categoryMask: number;
  window: number;
  threshold: number;
  shortWords: number;
  shortThreshold: number;
  minFeatures: number;
  bias: number;
  weights: Float32Array;
  categories: readonly string[];
  categoryBias: Float32Array;
  categoryWeights: Float32Array;
};

export function decodeModel(stored: StoredModel): Model {
  const raw = fromBase64(stored.weights);
  const weights = new Float32Array(stored.buckets);
  const raw16 = int16s(raw);
  for (let i = 0; i < weights.length; i++) weights[i] = raw16[i]! * stored.scale;
  const rawCategory = int16s(fromBase64(stored.categoryWeights));
  const categoryWeights = new Float32Array(rawCategory.length);
  for (let i = 0; i < rawCategory.length; i++) categoryWeights[i] = rawCategory[i]! * stored.categoryScale;
  return {
    mask: stored.buckets - 1,
    categoryMask: stored.categoryBuckets - 1,
    window: stored.window,
    threshold: stored.threshold,
    shortWords: stored.shortText.words,
    shortThreshold: Math.max(stored.shortText.threshold, stored.threshold),
    minFeatures: stored.minFeatures,
    bias: stored.bias,
    weights,
    categories: stored.categories,
    categoryBias: Float32Array.from(stored.categoryBias),
    categoryWeights,
  };
}

/** The probability a text of `words` words must reach to be flagged (the short-text guard applies at or below its length). */
export function thresholdFor(model: Model, words: number): number {
  return words <= model.shortWords ? model.shortThreshold : model.threshold;
}

/** Quantises trained weights into the stored form (the inverse of `decodeModel`, up to rounding). */
export function encodeWeights(weights: Float64Array, bits: 8 | 16): { scale: number; data: string } {
  let largest = 0;
  for (const w of weights) largest = Math.max(largest, Math.abs(w));
  const top = bits === 16 ? 32767 : 127;
  const scale = largest === 0 ? 1 : largest / top;
  const bytes = new Uint8Array(weights.length * (bits / 8));
  const view = new DataView(bytes.buffer);
  weights.forEach((w, i) => {
    const q = Math.round(w / scale);
    if (bits === 16) view.setInt16(i * 2, q, true);
    else view.setInt8(i, q);
  });
  return { scale, data: toBase64(bytes) };
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function int16s(bytes: Uint8Array): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const values = new Int16Array(bytes.byteLength / 2);
  for (let i = 0; i < values.length; i++) values[i] = view.getInt16(i * 2, true);
  return values;
}
