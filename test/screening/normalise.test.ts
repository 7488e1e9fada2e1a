// How children write, language by language: each case must still reach the lexicon word it stands for.
import { describe, expect, it } from 'vitest';
import { arabicNormaliser } from '../../api/screening/normalise/ar.ts';
import { englishNormaliser } from '../../api/screening/normalise/en.ts';
import { polishNormaliser } from '../../api/screening/normalise/pl.ts';
import { engines, screenForSafeguarding } from '../../api/screening/safeguarding.ts';
import { splitWords, withinOneSlip } from '../../api/screening/tokens.ts';

const forms = (normaliser: typeof englishNormaliser, word: string) => normaliser.variants(normaliser.fold(word));

describe('English normalisation', () => {
  it.each([
    ['case and curly apostrophes', 'DON’T', 'dont'],
    ['repeated letters squeezed to two', 'scaaaaared', 'scaared'],
    ['repeated letters squeezed to one', 'hoooome', 'home'],
    ['digits as letters inside a word', 'sc4red', 'scared'],
    ['3 for e', 'k1ll', 'kill'],
    ['h8', 'h8', 'hate'],
  ])('%s: %s → %s', (_name, word, expected) => {
    expect(forms(englishNormaliser, word)).toContain(expected);
  });

  it('leaves plain numbers alone (a phone number is not a word)', () => {
    expect(forms(englishNormaliser, '0800')).toEqual(['0800']);
  });

  it.each([
    ['text-speak', 'he hurts me n i cant tell ne1'],
    ['kms', 'i wanna kms'],
    ['missing apostrophes', 'i dont feel safe at home'],
    ['no spaces after punctuation', 'dad hits me.mum knows.'],
    ['a slip inside a long word', 'i was molessted'],
    ['a swapped pair', 'my uncle tocuhes me'],
  ])('%s still flags', (_name, text) => {
    expect(screenForSafeguarding(text).length).toBeGreaterThan(0);
  });
});

describe('one-slip fuzzy matching', () => {
  it.each([
    ['scared', 'scard', true],
    ['touches', 'touchse', true],
    ['abuses', 'buses', false],
    ['hurt', 'hurst', false],
    ['strangled', 'strnagled', true],
    ['bullied', 'bulliedd', true],
    ['molested', 'molester', true],
    ['kill', 'kiln', false],
  ])('%s ~ %s: %s', (expected, actual, same) => {
    expect(withinOneSlip(expected, actual)).toBe(same);
  });
});

describe('Polish normalisation', () => {
  it.each([
    ['źle', 'zle'],
    ['bić', 'bic'],
    ['głodny', 'glodny'],
    ['ŻYLETKĄ', 'zyletka'],
  ])('%s folds to %s', (word, expected) => {
    expect(polishNormaliser.fold(word)).toBe(expected);
  });

  it.each([
    ['without diacritics', 'tata mnie bije i jest mi zle'],
    ['with diacritics', 'tata mnie bije i jest mi źle'],
    ['an inflected stem', 'ojczym mnie uderzył'],
    ['another inflection of the same stem', 'ojczym uderza mnie'],
    ['the doer after the act', 'bije mnie ojczym'],
  ])('%s flags', (_name, text) => {
    expect(engines.pl.screen(text).length).toBeGreaterThan(0);
  });
});

describe('Arabic normalisation', () => {
  it.each([
    ['diacritics and tatweel', 'يَضْـــرِبُني', 'يضربني'],
    ['alef forms', 'أبي', 'ابي'],
    ['alef maqsura', 'على', 'علي'],
    ['taa marbuta', 'مساعدة', 'مساعده'],
  ])('%s: %s → %s', (_name, word, expected) => {
    expect(arabicNormaliser.fold(word)).toBe(expected);
  });

  it.each([
    ['a future and object clitic', 'سيضربني', 'ضرب'],
    ['a Levantine b- prefix', 'بيضربني', 'ضرب'],
    ['the article and a preposition', 'بالبيت', 'بيت'],
    ['a conjunction', 'وامي', 'امي'],
  ])('%s: %s also stands for %s', (_name, word, bare) => {
    expect(forms(arabicNormaliser, word)).toContain(bare);
  });

  it('gives an object pronoun on a verb a token of its own', () => {
    expect(arabicNormaliser.detached?.(arabicNormaliser.fold('يضربني'))).toEqual(['ني']);
  });

  it.each([
    ['with diacritics', 'أَبي يَضْرِبُني'],
    ['without', 'ابي يضربني'],
    ['the doer after the act', 'بيضربني ابوي'],
    ['Arabizi', 'abouy bedrebni'],
    ['Arabizi with a separate b- and digits for letters', 'abouy bi darbni kel yom bel 7zem'],
    ['Arabizi Levantine progressive', '3am yedrabni baba'],
  ])('%s flags', (_name, text) => {
    expect(engines.ar.screen(text).length).toBeGreaterThan(0);
  });

  it.each([
    ['بيضربني', 'bedrebni'],
    ['يضربني', 'yedrabni'],
    ['يزوجوني', 'yzawjouni'],
    ['بيضربوني', 'bidrabouni'],
    ['ساعدني', 'sa3edni'],
  ])('Arabic %s and Arabizi %s share a consonant skeleton', (arabic, latin) => {
    const lexiconKeys = arabicNormaliser.lexiconForms?.(arabicNormaliser.fold(arabic)) ?? [];
    expect(forms(arabicNormaliser, latin).filter((form) => lexiconKeys.includes(form))).not.toEqual([]);
  });

  it.each([
    'my brother and his friends played football after school',
    'we had dinner at grandma and then watched a film',
    'moja siostra i rodzice pojechali do babci na obiad',
    'trener powiedzial ze musimy wiecej trenowac',
  ])('Arabizi skeletons do not make English or Polish read as Arabic: %s', (text) => {
    expect(engines.ar.screen(text)).toEqual([]);
  });
});

describe('word splitting', () => {
  it('keeps offsets into the original text and counts sentences', () => {
    const text = 'Hi!  My dad… he hits me';
    const words = splitWords(text);
    expect(words.map((w) => text.slice(w.start, w.end))).toEqual(['Hi', 'My', 'dad', 'he', 'hits', 'me']);
    expect(words.map((w) => w.sentence)).toEqual([0, 1, 1, 1, 1, 1]);
  });

  it('does not let a rule reach across a full stop into the next sentence', () => {
    const rules = (text: string) => engines.en.screen(text).filter((m) => m.signal === 'rule').map((m) => m.phraseId);
    expect(rules('my uncle came to watch the match it hit me')).toContain('rule:actor-harms-child');
    expect(rules('my uncle came to watch the match. it hit me')).toEqual([]);
  });
});
