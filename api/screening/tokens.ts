/** Splits a child's text into words, remembering where each came from and which sentence it is in. */
import { vocabulary } from './vocabulary.ts';

/** `id` names the word in `vocabulary` until the next text is split (-1: none). */
export type RawWord = { text: string; start: number; end: number; sentence: number; id: number };

// What a character is to the word pattern [\p{L}\p{N}@$][\p{L}\p{N}\p{M}@$'’]*, learnt the first time it is seen.
const UNKNOWN = 0;
const OTHER = 1;
const FIRST = 2;
const INSIDE = 3;
const FIRST_CHARACTER = /^[\p{L}\p{N}@$]$/u;
const INSIDE_CHARACTER = /^[\p{M}'’]$/u;
const kinds = new Uint8Array(0x10000);
const astralKinds = new Map<number, number>();

function kindOf(character: string): number {
  return FIRST_CHARACTER.test(character) ? FIRST : INSIDE_CHARACTER.test(character) ? INSIDE : OTHER;
}

/** The kind of the code point at `i` (a lone surrogate is OTHER, as the /u pattern reads it). */
function kindAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
    const low = text.charCodeAt(i + 1);
    if (low >= 0xdc00 && low < 0xe000) {
      const point = (code - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
      let kind = astralKinds.get(point);
      if (kind === undefined) astralKinds.set(point, (kind = kindOf(String.fromCodePoint(point))));
      return kind;
    }
  }
  let kind = kinds[code]!;
  if (kind === UNKNOWN) kinds[code] = kind = code >= 0xd800 && code < 0xe000 ? OTHER : kindOf(String.fromCharCode(code));
  return kind;
}

function isSentenceEnd(code: number): boolean {
  return code === 0x2e || code === 0x21 || code === 0x3f || code === 0x61f || code === 0x3b || code === 0x0a;
}

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019;
}

export function splitWords(text: string): RawWord[] {
  const words: RawWord[] = [];
  const length = text.length;
  vocabulary.makeRoom(length);
  let sentence = 0;
  let ended = false;
  let i = 0;
  while (i < length) {
    const kind = kindAt(text, i);
    if (kind !== FIRST) {
      if (isSentenceEnd(text.charCodeAt(i))) ended = true;
      i += isPair(text, i) ? 2 : 1;
      continue;
    }
    const start = i;
    while (i < length) {
      const inner = kindAt(text, i);
      if (inner === OTHER) break;
      i += isPair(text, i) ? 2 : 1;
    }
    // a word never ends in an apostrophe ("parents'" is "parents")
    let end = i;
    while (isApostrophe(text.charCodeAt(end - 1))) end--;
    if (ended && words.length > 0) sentence++;
    ended = false;
    const id = vocabulary.idOf(text, start, end);
    words.push({ text: id === -1 ? text.slice(start, end) : vocabulary.word(id), start, end, sentence, id });
  }
  return words;
}

function isPair(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  if (code < 0xd800 || code >= 0xdc00 || i + 1 >= text.length) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low < 0xe000;
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
