// The sentence a screening review keeps: only the sentence concerned, never a word a moderator or screening removed.
import { describe, expect, it } from 'vitest';
import { redact } from '../../api/moderation/redaction.ts';
import { alignRedacted, reviewSnapshot, toOriginalOffset } from '../../api/moderation/review-snapshot.ts';

const span = (text: string, words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });

describe('review snapshots', () => {
  it.each([
    ['the sentence around the words', 'We went to the zoo. My uncle hurts me when mum is out! The end.', 'hurts me', 'My uncle hurts me when mum is out!'],
    ['the whole text when it has no full stops', 'my uncle hurts me when mum is out', 'hurts me', 'my uncle hurts me when mum is out'],
    ['an Arabic question ends a sentence', 'هل هذا طبيعي؟ عمي يضربني كل يوم', 'يضربني', 'عمي يضربني كل يوم'],
    ['a line break ends a sentence', 'hello\nnobody feeds me at home\nbye', 'feeds me', 'nobody feeds me at home'],
  ])('keeps %s', (_name, text, words, expected) => {
    expect(reviewSnapshot({ original: text, redacted: null, identifying: [], focus: span(text, words) })).toBe(expected);
  });

  it('cuts a long unpunctuated message to a window around the words', () => {
    const text = `${'blah '.repeat(100)}he hits me ${'blah '.repeat(100)}`;
    const snapshot = reviewSnapshot({ original: text, redacted: null, identifying: [], focus: span(text, 'hits me') })!;
    expect(snapshot.length).toBeLessThanOrEqual(300);
    expect(snapshot).toContain('he hits me');
  });

  it('removes identifying details screening found', () => {
    const text = 'Hi. I live at 12 Acacia Road and my dad hits me. Bye.';
    expect(reviewSnapshot({ original: text, redacted: null, identifying: [span(text, '12 Acacia Road')], focus: span(text, 'hits me') })).toBe('I live at [removed] and my dad hits me.');
  });

  it('uses the moderators’ redaction when there is one, and never shows what it removed', () => {
    const text = 'Sam Jones is my friend. Sam Jones says his dad hits him and Sam cries.';
    const redacted = redact(text, [span(text, 'Sam Jones'), { start: 24, end: 33 }])!;
    expect(redacted).toBe('[removed] is my friend. [removed] says his dad hits him and Sam cries.');
    const snapshot = reviewSnapshot({ original: text, redacted, identifying: [], focus: span(text, 'dad hits him') });
    expect(snapshot).toBe('[removed] says his dad hits him and Sam cries.');
  });

  it('maps offsets in the redacted text back to the original', () => {
    const text = 'Call 07700 900123 now. Nobody feeds me.';
    const redacted = redact(text, [span(text, '07700 900123')])!;
    const kept = alignRedacted(text, redacted)!;
    const at = redacted.indexOf('Nobody');
    expect(text.slice(toOriginalOffset(kept, at), toOriginalOffset(kept, at + 15))).toBe('Nobody feeds me');
  });

  it('keeps nothing when a redaction cannot be lined up with the original', () => {
    expect(alignRedacted('abc def', 'xyz [removed]')).toBeUndefined();
    expect(reviewSnapshot({ original: 'abc def', redacted: 'xyz [removed]', identifying: [], focus: { start: 0, end: 3 } })).toBeUndefined();
  });
});
