// The phrase list's own examples are the test table: a safeguarding lead reviews both in api/screening/phrases/.
import { describe, expect, it } from 'vitest';
import { phraseLists, screenForSafeguarding } from '../../api/screening/safeguarding.ts';

const english = phraseLists.en!;
const examples = english.phrases.flatMap((phrase) => phrase.examples.map((example) => [phrase.id, phrase.category, example] as const));

describe('safeguarding screening (English list)', () => {
  it('has examples for every phrase', () => {
    for (const phrase of english.phrases) expect(phrase.examples.length, phrase.id).toBeGreaterThan(0);
  });

  it.each(examples)('%s (%s) catches: %s', (id, category, example) => {
    const matches = screenForSafeguarding(example);
    expect(matches.map((m) => m.phraseId)).toContain(id);
    expect(matches.find((m) => m.phraseId === id)?.category).toBe(category);
  });

  it.each(english.mustNotMatch)('leaves alone: %s', (text) => {
    expect(screenForSafeguarding(text)).toEqual([]);
  });

  it.each([
    ['no punctuation, capitals', 'MY DAD HITS ME AND I DONT KNOW WHAT TO DO'],
    ['text-speak', 'he hurts me n i cant tell ne1'],
    ['repeated letters', 'im sooooo scaaaared to go hoooome'],
    ['a misspelling', 'my uncle touchd me'],
    ['a swapped pair of letters', 'he hurst me'],
    ['punctuation inside', 'I want to... kill. myself!!'],
    ['curly apostrophes', 'I’m scared to go home'],
  ])('catches how children write: %s', (_name, text) => {
    expect(screenForSafeguarding(text).length).toBeGreaterThan(0);
  });

  it('reports where in the original text it matched', () => {
    const text = 'School is ok. But, honestly, I want to kill myself sometimes.';
    const [match] = screenForSafeguarding(text);
    expect(match).toMatchObject({ phraseId: 'kill-myself', category: 'suicidal_thoughts' });
    expect(text.slice(match!.start, match!.end)).toBe('kill myself');
  });

  it('uses English for a language without its own list, and alongside one', () => {
    expect(screenForSafeguarding('my dad hits me', 'pl').length).toBeGreaterThan(0);
    expect(screenForSafeguarding('my dad hits me', 'xx-YY').length).toBeGreaterThan(0);
  });

  it.each([
    ['emoji', '😢😢😢 💔'],
    ['right-to-left text', 'أبي يضربني שלום'],
    ['a NUL', 'a\u0000b'],
    ['a lone surrogate', 'bad \ud800 char'],
    ['a very long text', 'la '.repeat(40_000)],
    ['empty', ''],
  ])('never throws on %s', (_name, text) => {
    expect(() => screenForSafeguarding(text)).not.toThrow();
  });
});
