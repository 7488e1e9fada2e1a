/** The one normalisation and hashed feature set shared by training and scoring (word uni/bigrams, char 3–5-grams). */

const SEPARATOR = 0;
const SKIP = 0xffff;
/** Marks a word's edges inside its character n-grams. */
const BOUND = 1;

const fold = buildFoldTable();

/**
 * Folding for the scripts below U+0800: lower case, diacritics removed (Polish written without them is the same
 * word), apostrophes dropped inside words ("don't" = "dont"), Arabic alef/ya/taa-marbuta/hamza-seat forms folded,
 * tashkeel and tatweel removed, Arabic-Indic digits made ASCII.
 */
function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(0x0800);
  for (let c = 0; c < table.length; c++) {
    const ch = String.fromCharCode(c);
    if (/\p{M}/u.test(ch)) table[c] = SKIP;
    else if (!/[\p{L}\p{N}]/u.test(ch)) table[c] = SEPARATOR;
    else {
      const base = ch.normalize('NFKD')[0]!.toLowerCase();
      table[c] = base.length === 1 ? base.charCodeAt(0) : c;
    }
  }
  const set = (codes: number[], to: number) => codes.forEach((code) => (table[code] = to));
  set([0x27, 0x60, 0xb4, 0x2bc, 0x640], SKIP);
  set([0x141, 0x142], 0x6c); // ł
  set([0xd8, 0xf8], 0x6f); // ø
  set([0x110, 0x111], 0x64); // đ
  set([0xdf], 0x73); // ß
  set([0xc6, 0xe6], 0x61); // æ
  set([0x622, 0x623, 0x625, 0x671], 0x627); // alef forms → ا
  set([0x649, 0x626, 0x6cc], 0x64a); // ى ئ ی → ي
  set([0x629], 0x647); // ة → ه
  set([0x624], 0x648); // ؤ → و
  set([0x6a9], 0x643); // ک → ك
  for (let d = 0; d < 10; d++) set([0x660 + d, 0x6f0 + d], 0x30 + d);
  return table;
}

function foldCode(c: number): number {
  if (c < 0x0800) return fold[c]!;
  if (c === 0x2018 || c === 0x2019 || (c >= 0xfe00 && c < 0xfe10)) return SKIP;
  if ((c >= 0x2000 && c < 0x2c00) || (c >= 0xd800 && c < 0xe000) || (c >= 0x3000 && c < 0x3040) || (c >= 0xff00 && c < 0xff10)) return SEPARATOR;
  return c;
}

/** Words of one text, in reusable buffers: offsets into the original text, and folded characters between BOUNDs. */
export type Tokens = {
  count: number;
  /** UTF-16 span of each word in the original text. */
  starts: Int32Array;
  ends: Int32Array;
  /** Index of each word's leading BOUND in `chars`; the word's trailing BOUND is at `charEnds[t] - 1`. */
  charStarts: Int32Array;
  charEnds: Int32Array;
  chars: Uint16Array;
};

function emptyTokens(): Tokens {
  return { count: 0, starts: new Int32Array(64), ends: new Int32Array(64), charStarts: new Int32Array(64), charEnds: new Int32Array(64), chars: new Uint16Array(256) };
}

const shared = emptyTokens();

/**
 * Splits and folds `text`; letters repeated in a row count once ("sooo" = "so", "kill" = "kil") on both sides.
 * Returns a shared object that the next call overwrites (scoring is synchronous; nothing big is allocated per call).
 */
export function tokenize(text: string, into: Tokens = shared): Tokens {
  const length = text.length;
  if (into.chars.length < length * 2 + 2) into.chars = new Uint16Array(length * 2 + 2);
  if (into.starts.length < length) {
    const size = Math.max(length, into.starts.length * 2);
    into.starts = new Int32Array(size);
    into.ends = new Int32Array(size);
    into.charStarts = new Int32Array(size);
    into.charEnds = new Int32Array(size);
  }
  const { chars, starts, ends, charStarts, charEnds } = into;
  let count = 0;
  let used = 0;
  let open = false;
  let last = -1;
  for (let i = 0; i < length; i++) {
    const folded = foldCode(text.charCodeAt(i));
    if (folded === SKIP) continue;
    if (folded === SEPARATOR) {
      if (open) {
        chars[used++] = BOUND;
        charEnds[count++] = used;
        open = false;
      }
      continue;
    }
    if (!open) {
      open = true;
      starts[count] = i;
      charStarts[count] = used;
      chars[used++] = BOUND;
      last = -1;
    }
    if (folded !== last) chars[used++] = folded;
    last = folded;
    ends[count] = i + 1;
  }
  if (open) {
    chars[used++] = BOUND;
    charEnds[count++] = used;
  }
  into.count = count;
  return into;
}

/** murmur3's finaliser: spreads FNV's weak low bits, so a bucket can be taken with a mask. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const FNV_PRIME = 0x01000193;
const WORD_SEED = 0x811c9dc5;
const GRAM_SEED = 0x2f9be6d1;
const BIGRAM_SEED = 0x5bd1e995;

/** The hash of word `t` as a whole (used for unigrams, bigrams and the language lexicons). */
export function wordHash(tokens: Tokens, t: number): number {
  let h = WORD_SEED;
  for (let i = tokens.charStarts[t]! + 1, end = tokens.charEnds[t]! - 1; i < end; i++) h = Math.imul(h ^ tokens.chars[i]!, FNV_PRIME);
  return mix(h);
}

/** The most features word `t` can have, to size the buffer passed to `wordFeatures`. */
export function maxFeatures(tokens: Tokens, t: number): number {
  return 2 + 3 * (tokens.charEnds[t]! - tokens.charStarts[t]!);
}

/**
 * Writes the feature hashes that word `t` contributes — its unigram, its bigram with the word before
 * (`previousWord` is that word's hash, or 0 at the start), its character 3/4/5-grams — into `out`; returns how many.
 */
export function wordFeatures(tokens: Tokens, t: number, word: number, previousWord: number, out: Uint32Array): number {
  let n = 0;
  out[n++] = word;
  if (previousWord !== 0) out[n++] = mix(Math.imul(previousWord, 0x9e3779b1) ^ word ^ BIGRAM_SEED);
  const { chars } = tokens;
  const from = tokens.charStarts[t]!;
  const to = tokens.charEnds[t]!;
  for (let i = from; i + 3 <= to; i++) {
    let h = GRAM_SEED;
    for (let k = 0; k < 5 && i + k < to; k++) {
      h = Math.imul(h ^ chars[i + k]!, FNV_PRIME);
      if (k >= 2) out[n++] = mix(h ^ k);
    }
  }
  return n;
}

/** Every feature hash of a whole text, for training. */
export function textFeatures(text: string): Uint32Array {
  const tokens = tokenize(text, emptyTokens());
  const all: number[] = [];
  let previous = 0;
  let buffer = new Uint32Array(64);
  for (let t = 0; t < tokens.count; t++) {
    if (buffer.length < maxFeatures(tokens, t)) buffer = new Uint32Array(maxFeatures(tokens, t));
    const word = wordHash(tokens, t);
    const n = wordFeatures(tokens, t, word, previous, buffer);
    for (let k = 0; k < n; k++) all.push(buffer[k]!);
    previous = word;
  }
  return Uint32Array.from(all);
}
