/** Scores a text against a decoded model: the best window's disclosure probability, its category and its strongest words. */
import { detectLanguage, isCommonWord, type ScreeningLanguage } from './language.ts';
import { maxFeatures, tokenize, wordFeatures, wordHash } from './features.ts';
import type { Model } from './model.ts';

export type Scored = {
  probability: number;
  /** Words in the whole text (the short-text guard reads it). */
  wordCount: number;
  category: string;
  language: ScreeningLanguage;
  /** UTF-16 span in the original text covering `words`. */
  start: number;
  end: number;
  words: string[];
};

const MOST_WORDS = 3;

// Scratch space reused by every call (scoring is synchronous); it only grows.
let contributions = new Float64Array(256);
let counts = new Int32Array(256);
let words = new Uint32Array(256);
let features = new Uint32Array(256);
let logits = new Float64Array(32);

/** Undefined for a text without words. */
export function scoreText(model: Model, text: string): Scored | undefined {
  const tokens = tokenize(text);
  const total = tokens.count;
  if (total === 0) return undefined;
  if (contributions.length < total) {
    contributions = new Float64Array(total * 2);
    counts = new Int32Array(total * 2);
    words = new Uint32Array(total * 2);
  }
  const { weights, mask } = model;
  let previous = 0;
  for (let t = 0; t < total; t++) {
    if (features.length < maxFeatures(tokens, t)) features = new Uint32Array(maxFeatures(tokens, t) * 2);
    const word = wordHash(tokens, t);
    const n = wordFeatures(tokens, t, word, previous, features);
    let sum = 0;
    for (let k = 0; k < n; k++) sum += weights[features[k]! & mask]!;
    contributions[t] = sum;
    counts[t] = n;
    words[t] = word;
    previous = word;
  }

  // Two widths: a whole window, and half of one, so a short disclosure inside long chatter is not diluted by it.
  let best = -Infinity;
  let from = 0;
  let to = 0;
  for (const size of [model.window, model.window >> 1]) {
    const width = Math.min(total, size);
    let sum = 0;
    let n = 0;
    for (let t = 0; t < total; t++) {
      sum += contributions[t]!;
      n += counts[t]!;
      if (t >= width) {
        sum -= contributions[t - width]!;
        n -= counts[t - width]!;
      }
      if (t >= width - 1) {
        const z = model.bias + (n > 0 ? sum / Math.sqrt(Math.max(n, model.minFeatures)) : 0);
        if (z > best) {
          best = z;
          from = t - width + 1;
          to = t + 1;
        }
      }
    }
    if (width === total) break;
  }
  const span = strongestWords(from, to);
  return {
    probability: 1 / (1 + Math.exp(-best)),
    wordCount: total,
    category: categoryOf(model, from, to),
    language: detectLanguage(text, tokens, words),
    start: tokens.starts[span.first]!,
    end: tokens.ends[span.last]!,
    words: span.picked.map((t) => text.slice(tokens.starts[t]!, tokens.ends[t]!)),
  };

  function strongestWords(windowFrom: number, windowTo: number): { first: number; last: number; picked: number[] } {
    const picked: number[] = [];
    for (let t = windowFrom; t < windowTo; t++) {
      if (contributions[t]! <= 0 || isCommonWord(words[t]!)) continue;
      picked.push(t);
      picked.sort((a, b) => contributions[b]! - contributions[a]!);
      if (picked.length > MOST_WORDS) picked.pop();
    }
    picked.sort((a, b) => a - b);
    if (picked.length === 0) return { first: windowFrom, last: windowTo - 1, picked };
    return { first: picked[0]!, last: picked.at(-1)!, picked };
  }

  function categoryOf(m: Model, windowFrom: number, windowTo: number): string {
    const classes = m.categories.length;
    const buckets = m.categoryMask + 1;
    if (logits.length < classes) logits = new Float64Array(classes);
    logits.fill(0, 0, classes);
    let featureCount = 0;
    for (let t = windowFrom; t < windowTo; t++) {
      const k = wordFeatures(tokens, t, words[t]!, t > windowFrom ? words[t - 1]! : 0, features);
      featureCount += k;
      for (let f = 0; f < k; f++) {
        const bucket = features[f]! & m.categoryMask;
        for (let c = 0; c < classes; c++) logits[c] = logits[c]! + m.categoryWeights[c * buckets + bucket]!;
      }
    }
    const norm = featureCount > 0 ? 1 / Math.sqrt(featureCount) : 0;
    let top = 0;
    for (let c = 0; c < classes; c++) {
      logits[c] = m.categoryBias[c]! + logits[c]! * norm;
      if (logits[c]! > logits[top]!) top = c;
    }
    return m.categories[top]!;
  }
}
