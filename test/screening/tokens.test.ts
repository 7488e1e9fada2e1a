// The hand-written word splitter reads text exactly as the word pattern it replaced did, and the shared vocabulary
// behind it stays correct when it fills up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { screenForSafeguarding } from '../../api/screening/safeguarding.ts';
import { splitWords } from '../../api/screening/tokens.ts';
import { vocabulary } from '../../api/screening/vocabulary.ts';

/** The splitter as it was written before the speed work: one regular expression, the reference for the fast one. */
function splitWithPattern(text: string): { text: string; start: number; end: number; sentence: number }[] {
  const words: { text: string; start: number; end: number; sentence: number }[] = [];
  let sentence = 0;
  let last = 0;
  for (const match of text.matchAll(/[\p{L}\p{N}@$][\p{L}\p{N}\p{M}@$'’]*/gu)) {
    const start = match.index;
    if (words.length > 0 && /[.!?؟;\n]/.test(text.slice(last, start))) sentence++;
    const raw = match[0].replace(/['’]+$/u, '');
    words.push({ text: raw, start, end: start + raw.length, sentence });
    last = start + raw.length;
  }
  return words;
}

const pieces = ['a', 'Zażółć', 'يضربني', 'ـ', 'ً', "'", '’', '.', '!', '?', '؟', ';', '\n', ' ', ',', '@', '$', '4', '٣', '😢', '\ud800', '\udc00', '𝐀', 'é', 'e\u0301', '\u0301', 'x’', "'s", '-', '…'];
const childText = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));

describe('splitWords', () => {
  it('splits as the word pattern did: same words, spans and sentences, on any mix of scripts, marks and surrogates', () => {
    fc.assert(
      fc.property(fc.oneof(childText, fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 })), (text) => {
        expect(splitWords(text).map(({ text, start, end, sentence }) => ({ text, start, end, sentence }))).toEqual(splitWithPattern(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same word the same id, and a different word another', () => {
    const [a, b, c] = splitWords('dad mum dad');
    expect(a!.id).toBe(c!.id);
    expect(a!.id).not.toBe(b!.id);
    expect(vocabulary.word(a!.id)).toBe('dad');
  });
});

describe('the shared vocabulary when it fills up', () => {
  // nonsense words no lexicon reads as anything: q, x, j, v, z only
  const nonsense = (i: number) => `qq${i.toString(5).replace(/[0-4]/g, (digit) => 'qxjvz'[Number(digit)]!)}`;
  const distinct = (count: number, from: number) => Array.from({ length: count }, (_, i) => nonsense(from + i)).join(' ');

  it('still screens rightly after it has started afresh, and within a text with more distinct words than it holds', () => {
    const before = vocabulary.generation;
    expect(screenForSafeguarding(distinct(vocabulary.limit, 0)).filter((m) => m.signal !== 'classifier')).toEqual([]);
    const long = `${distinct(vocabulary.limit + 10, vocabulary.limit)}. my dad hits me`;
    expect(screenForSafeguarding(long).map((m) => m.phraseId)).toContain('rule:actor-harms-child');
    expect(vocabulary.generation).toBeGreaterThan(before);
    // after the reset, words seen before the reset are read afresh, not from a stale id
    expect(screenForSafeguarding('i want to kill myself').map((m) => m.phraseId)).toContain('kill-myself');
    expect(screenForSafeguarding('we played football').filter((m) => m.signal !== 'classifier')).toEqual([]);
  });
});
