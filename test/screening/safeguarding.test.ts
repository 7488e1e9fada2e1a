// The lexicon files' own examples and mustNotMatch lines are the first test table: a safeguarding lead reviews both in api/screening/phrases/.
import { describe, expect, it } from 'vitest';
import { SCREENING_CATEGORIES } from '../../api/screening/categories.ts';
import { engines, lexicons, safeguardingLanguages, screenForSafeguarding } from '../../api/screening/safeguarding.ts';

const categoryIds = SCREENING_CATEGORIES.map((category) => category.id);

describe.each(safeguardingLanguages)('screening data (%s)', (language) => {
  const data = lexicons[language];
  const entries = [
    ...data.phrases.map((phrase) => ({ key: phrase.id, category: phrase.category, examples: phrase.examples })),
    ...data.rules.map((rule) => ({ key: `rule:${rule.id}`, category: rule.category, examples: rule.examples })),
  ];
  const examples = entries.flatMap((entry) => entry.examples.map((example) => [entry.key, entry.category, example] as const));

  it('names the source of every category, as categories.ts does', () => {
    for (const category of SCREENING_CATEGORIES) expect(data.sources[category.id], category.id).toBe(category.source);
  });

  it('covers every category and uses no other', () => {
    expect(new Set(entries.map((entry) => entry.category))).toEqual(new Set(categoryIds));
  });

  it('has examples for every phrase and rule, and lines that must not match', () => {
    for (const entry of entries) expect(entry.examples.length, entry.key).toBeGreaterThan(0);
    expect(data.mustNotMatch.length).toBeGreaterThanOrEqual(20);
  });

  it.each(examples)('%s (%s) catches: %s', (key, category, example) => {
    const matches = engines[language].screen(example);
    expect(matches.map((m) => m.phraseId)).toContain(key);
    expect(matches.find((m) => m.phraseId === key)?.category).toBe(category);
  });

  it.each(data.mustNotMatch)('leaves alone: %s', (text) => {
    expect(screenForSafeguarding(text)).toEqual([]);
  });
});

describe('safeguarding screening', () => {
  it.each([
    ['no punctuation, capitals', 'MY DAD HITS ME AND I DONT KNOW WHAT TO DO'],
    ['text-speak', 'he hurts me n i cant tell ne1'],
    ['repeated letters', 'im sooooo scaaaared to go hoooome'],
    ['a misspelling', 'my uncle touchd me'],
    ['a swapped pair of letters', 'my dad hurst me'],
    ['punctuation inside', 'I want to... kill. myself!!'],
    ['curly apostrophes', 'I’m scared to go home'],
    ['digits for letters', 'i w4nt to k1ll mys3lf'],
  ])('catches how children write: %s', (_name, text) => {
    expect(screenForSafeguarding(text).length).toBeGreaterThan(0);
  });

  it('reports where in the original text it matched, which signal and language fired, and the words', () => {
    const text = 'School is ok. But, honestly, I want to kill myself sometimes.';
    const match = screenForSafeguarding(text).find((m) => m.phraseId === 'kill-myself');
    expect(match).toMatchObject({ category: 'suicidal_thoughts', signal: 'phrase', language: 'en', words: ['kill', 'myself'] });
    expect(text.slice(match!.start, match!.end)).toBe('kill myself');
  });

  it('marks compositional matches as rules, spanning who to whom', () => {
    const text = 'so basically my step dad, when hes drunk, hits me';
    const match = screenForSafeguarding(text).find((m) => m.phraseId === 'rule:actor-harms-child');
    expect(match).toMatchObject({ signal: 'rule', category: 'physical_abuse' });
    expect(text.slice(match!.start, match!.end)).toBe('step dad, when hes drunk, hits me');
  });

  it('screens in every language whatever the app language', () => {
    for (const appLanguage of [undefined, 'en', 'pl', 'ar', 'xx-YY']) {
      expect(screenForSafeguarding('my dad hits me', appLanguage).length, String(appLanguage)).toBeGreaterThan(0);
    }
  });

  it.each([
    ['emoji', '😢😢😢 💔'],
    ['a NUL', 'a\u0000b'],
    ['a lone surrogate', 'bad \ud800 char'],
    ['a very long text', 'la '.repeat(40_000)],
    ['empty', ''],
  ])('never throws on %s', (_name, text) => {
    expect(() => screenForSafeguarding(text)).not.toThrow();
  });
});
