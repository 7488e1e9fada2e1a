/** Splits a child's text into comparable words, remembering where each came from in the original text. */

export type Token = { word: string; start: number; end: number };

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;

/**
 * Lower-cased, NFKC-folded words without apostrophes ("I'm" → "im"), with letters repeated three or more times
 * squeezed to one ("sooo" → "so"), and text-speak expanded ("kms" → "kill", "myself"; both keep the original span).
 */
export function tokenize(text: string, textSpeak: Readonly<Record<string, string>>): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    const end = start + match[0].length;
    const word = match[0].normalize('NFKC').toLowerCase().replace(/['’]/g, '').replace(/(\p{L})\1{2,}/gu, '$1');
    const expansion = textSpeak[word];
    for (const part of expansion ? expansion.split(' ') : [word]) tokens.push({ word: part, start, end });
  }
  return tokens;
}

/**
 * Exact for short words; one slip (insert, delete, substitute, swap) allowed when both words have five or more
 * letters and start with the same letter (children misspell the middle and end of words, and "buses" is not "abuses").
 */
export function wordsMatch(expected: string, actual: string): boolean {
  if (expected === actual) return true;
  if (expected.length < 5 || actual.length < 5 || Math.abs(expected.length - actual.length) > 1) return false;
  if (expected[0] !== actual[0]) return false;
  return withinOneEdit(expected, actual);
}

function withinOneEdit(a: string, b: string): boolean {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length || i === b.length) return Math.abs(a.length - b.length) <= 1;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
