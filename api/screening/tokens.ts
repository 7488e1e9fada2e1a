/** Splits a child's text into words, remembering where each came from and which sentence it is in. */

export type RawWord = { text: string; start: number; end: number; sentence: number };

const WORD = /[\p{L}\p{N}@$][\p{L}\p{N}\p{M}@$'’]*/gu;
const SENTENCE_END = /[.!?؟;\n]/;

export function splitWords(text: string): RawWord[] {
  const words: RawWord[] = [];
  let sentence = 0;
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    if (words.length > 0 && SENTENCE_END.test(text.slice(last, start))) sentence++;
    // a word never ends in an apostrophe ("parents'" is "parents")
    const raw = match[0].replace(/['’]+$/u, '');
    words.push({ text: raw, start, end: start + raw.length, sentence });
    last = start + raw.length;
  }
  return words;
}

/**
 * One slip (insert, delete, substitute, swap) between two words of five or more letters that start with the same
 * letter: children misspell the middle and end of words, and "buses" is not "abuses".
 */
export function withinOneSlip(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  if (expected.length < 5 || actual.length < 5 || Math.abs(expected.length - actual.length) > 1) return false;
  if (expected[0] !== actual[0]) return false;
  let i = 0;
  const a = expected;
  const b = actual;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length || i === b.length) return true;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** Every string one deletion away (the symmetric-delete index for fuzzy look-up). */
export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
