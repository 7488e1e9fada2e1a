// The learned screening signal: trained deterministically from the committed corpus, up to date with it, flagging
// disclosures written here (never in the corpus) in each language, and leaving children's figures of speech alone.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifierThresholdFor, classifyDisclosure, disclosureProbability } from '../../api/screening/classifier/index.ts';
import type { StoredModel } from '../../api/screening/classifier/model.ts';
import { loadCorpus, MODEL_FILE, serialiseModel } from '../../api/screening/classifier/train.ts';
import { trainModel } from '../../api/screening/classifier/training.ts';
import { screenForSafeguarding } from '../../api/screening/safeguarding.ts';

const corpus = loadCorpus();
const stored = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as StoredModel;

// Held out: none of these is in the corpus (checked below), so they measure generalisation, not memory. They were
// written before the model was tuned and are kept whether it flags them or not (some it does not: see the README).
const heldOut: [language: 'en' | 'pl' | 'ar', text: string][] = [
  ['en', 'my stepdad whacks me with his slipper when mum is at work'],
  ['en', 'i get hit at home a lot and i have marks on my back'],
  ['en', 'the man next door keeps touching me and i dont like it'],
  ['en', 'nobody feeds me at home and i am hungry all the time'],
  ['en', 'i keep thinking about killing myself'],
  ['en', 'i want to end my life'],
  ['en', 'i been cutting my arms again'],
  ['en', 'a boy online said he will share my pics if i dont send more'],
  ['en', 'they make me sell weed for them or they will hurt me'],
  ['en', 'my parents want me to marry a man i dont know'],
  ['en', 'i have to look after my mum she is sick and i cant go to school'],
  ['pl', 'ojczym mnie bije pasem jak mamy nie ma'],
  ['pl', 'tata mnie uderza i mam siniaki na plecach'],
  ['pl', 'nie chce mi sie juz zyc'],
  ['pl', 'tne sobie rece zyletka'],
  ['pl', 'wujek dotyka mnie w nocy'],
  ['pl', 'boje sie wracac do domu bo tata mnie bije'],
  ['pl', 'ktos z internetu grozi ze wrzuci moje zdjecia'],
  ['ar', 'أبوي يضربني كل ما يرجع البيت'],
  ['ar', 'ما في أكل في البيت وأنا جوعان دايما'],
  ['ar', 'بدي اموت ما عاد بدي عيش'],
  ['ar', 'عمي بيلمسني وانا ما بحب هيك'],
  ['ar', 'خايفة ارجع عالبيت لان بابا بيضربني'],
  ['ar', 'بجرح ايدي بالموس'],
];

const figuresOfSpeech = [
  'i am dying to see the new spiderman film',
  'my mum would kill me if she saw my room',
  'im starving after football practice',
  'the teacher hit the ball so far',
  'we did secret santa at the youth club',
  'home alone is the best christmas film',
  'this homework is killing me',
  'i could murder a pizza',
  'umieram z nudow na lekcji',
  'mama mnie zabije za ten balagan',
  'jestem glodny jak wilk',
  'رح اموت من الضحك',
  'ميت جوع بدي اكل',
];

describe('screening classifier', () => {
  it('has at least 250 disclosures across all 20 categories and 250 ordinary messages in each language', () => {
    for (const language of ['en', 'pl', 'ar']) {
      const entries = corpus.filter((entry) => entry.language === language);
      const disclosures = entries.filter((entry) => entry.label === 'disclosure');
      expect(disclosures.length, language).toBeGreaterThanOrEqual(250);
      expect(entries.length - disclosures.length, language).toBeGreaterThanOrEqual(250);
      expect(new Set(disclosures.map((entry) => entry.category)).size, language).toBe(20);
    }
  });

  it('is trained deterministically', () => {
    const sample = corpus.filter((_, i) => i % 8 === 0);
    expect(serialiseModel(trainModel(sample))).toBe(serialiseModel(trainModel(sample)));
  });

  it('the committed model.json is what training the corpus gives today', () => {
    const fresh = serialiseModel(trainModel(corpus));
    // If this fails: run `npm run screening:train` and commit api/screening/classifier/model.json.
    expect(readFileSync(MODEL_FILE, 'utf8')).toBe(fresh);
  }, 120_000);

  it('holds out the test sentences from the corpus', () => {
    const texts = new Set(corpus.map((entry) => entry.text));
    for (const text of [...heldOut.map(([, t]) => t), ...figuresOfSpeech]) expect(texts.has(text), text).toBe(false);
  });

  it.each(['en', 'pl', 'ar'] as const)('flags held-out %s disclosures about as often as cross-validation promised', (language) => {
    const texts = heldOut.filter(([l]) => l === language).map(([, text]) => text);
    const flagged = texts.filter((text) => classifyDisclosure(text).length > 0).length;
    const promised = stored.crossValidation.byLanguage[language]!.recall;
    expect(flagged / texts.length).toBeGreaterThanOrEqual(promised - 0.1);
  });

  it.each(heldOut)('explains a %s flag with the agreed shape: %s', (language, text) => {
    const matches = classifyDisclosure(text);
    expect(matches.length).toBeLessThanOrEqual(1);
    const [match] = matches;
    if (!match) return expect(disclosureProbability(text)).toBeLessThan(classifierThresholdFor(text));
    expect(match).toMatchObject({ signal: 'classifier', phraseId: `classifier:${language}`, language });
    expect(match!.score).toBeGreaterThan(0.5);
    expect(match!.words.length).toBeGreaterThan(0);
    for (const word of match!.words) expect(text.slice(match!.start, match!.end)).toContain(word);
  });

  it.each(figuresOfSpeech)('leaves a figure of speech alone: %s', (text) => {
    expect(classifyDisclosure(text)).toEqual([]);
  });

  it('holds short texts to the short-text guard: a higher threshold, and few features scored as if more were neutral', () => {
    expect(stored.shortText.threshold).toBeGreaterThanOrEqual(stored.threshold);
    expect(stored.minFeatures).toBeGreaterThan(0);
    expect(classifierThresholdFor('home sweet home')).toBe(Math.max(stored.shortText.threshold, stored.threshold));
    expect(stored.crossValidation.byLength.short.falsePositiveRate).toBeLessThanOrEqual(0.04);
    // Fresh short ordinary lines full of words disclosures use (home, night, mum, hide, me), none of them in the corpus.
    const short = ['hide and seek at nans house', 'the ref sent me off', 'dad picks me up at six', 'chase me round the field', 'my room is too cold at night', 'mum said no more sweets', 'home alone for ten minutes'];
    const texts = new Set(corpus.map((entry) => entry.text));
    for (const text of short) {
      expect(texts.has(text), text).toBe(false);
      expect(classifyDisclosure(text), text).toEqual([]);
    }
  });

  it('names the most likely category from the words', () => {
    expect(classifyDisclosure('my parents want me to marry a man i dont know')[0]?.category).toBe('forced_marriage');
    expect(classifyDisclosure('ojczym mnie bije pasem jak mamy nie ma')[0]?.category).toBe('physical_abuse');
  });

  it('finds a disclosure inside a long ordinary message, pointing at its words', () => {
    const ordinary = 'school is fine and we played football and had pizza on friday with the youth worker. ';
    const text = `${ordinary.repeat(30)}but nobody feeds me at home and i am hungry all the time. ${ordinary.repeat(30)}`;
    const [match] = classifyDisclosure(text);
    expect(match).toBeDefined();
    expect(match!.start).toBeGreaterThan(ordinary.length * 29);
    expect(match!.end).toBeLessThan(ordinary.length * 31 + 60);
  });

  it('is heard through screenForSafeguarding when no phrase matched, and stays quiet when one did', () => {
    const polish = screenForSafeguarding('wujek mi cos robi jak mamy nie ma', 'en');
    expect(polish.map((match) => match.phraseId)).toEqual(['classifier:pl']);
    const phrase = screenForSafeguarding('I want to kill myself');
    expect(phrase.length).toBeGreaterThan(0);
    expect(phrase.some((match) => match.phraseId.startsWith('classifier:'))).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['only punctuation and emoji', '!!! 😢😢 ...'],
    ['a lone surrogate', 'bad \ud800 char'],
    ['a very long single word', 'a'.repeat(100_000)],
  ])('never throws on %s', (_name, text) => {
    expect(() => classifyDisclosure(text)).not.toThrow();
  });
});
