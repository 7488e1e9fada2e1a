// The screening evaluation files are well formed, large enough, varied, and never leak into the training corpus.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EVAL_CATEGORIES, EVAL_LANGUAGES, evalFiles, readEvalFile, readEvalSet, type EvalExample } from './eval/eval-set.ts';
import { findNearDuplicates, normaliseForComparison } from './eval/near-duplicates.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const corpusDir = path.join(root, 'api', 'screening', 'corpus');
const examples = readEvalSet();
const disclosures = examples.filter((e) => e.kind === 'disclosure');
const ordinary = examples.filter((e) => e.kind === 'ordinary');
const count = (list: EvalExample[], keep: (e: EvalExample) => boolean): number => list.filter(keep).length;

describe('screening evaluation files', () => {
  it('has both files for every language the children’s app offers', () => {
    const names = evalFiles().map((file) => path.basename(file));
    for (const language of EVAL_LANGUAGES) expect(names).toEqual(expect.arrayContaining([`disclosures.${language}.jsonl`, `ordinary.${language}.jsonl`]));
  });

  it('writes each line in the language its file is named for', () => {
    for (const example of examples) expect(example.source.split('.')[1], example.source).toBe(example.language);
  });

  it('rejects a line with an unknown category or a missing field, naming the line', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'heard-eval-'));
    const bad = path.join(dir, 'disclosures.en.jsonl');
    writeFileSync(bad, `${JSON.stringify({ text: 'my dad hits me', category: 'physical_abuse', language: 'en', age: 12, appLanguage: 'en' })}\n${JSON.stringify({ text: 'x y z', category: 'feeling_unsafe', language: 'en', age: 12, appLanguage: 'en' })}\n`);
    expect(() => readEvalFile(bad)).toThrow(/disclosures\.en\.jsonl:2/);
    writeFileSync(bad, `${JSON.stringify({ text: 'my dad hits me', language: 'en', age: 12, appLanguage: 'en' })}\n`);
    expect(() => readEvalFile(bad)).toThrow(/category/);
  });

  it.each([
    ['en', 240, 220],
    ['pl', 130, 115],
    ['ar', 130, 115],
  ] as const)('%s has at least %i disclosures and %i ordinary messages', (language, minDisclosures, minOrdinary) => {
    expect(count(disclosures, (e) => e.language === language)).toBeGreaterThanOrEqual(minDisclosures);
    expect(count(ordinary, (e) => e.language === language)).toBeGreaterThanOrEqual(minOrdinary);
  });

  it('has at least 500 disclosures and 450 ordinary messages in all', () => {
    expect(disclosures.length).toBeGreaterThanOrEqual(500);
    expect(ordinary.length).toBeGreaterThanOrEqual(450);
  });

  it.each(EVAL_CATEGORIES.map((category) => [category]))('%s has ≥ 10 examples in each of English, Polish and Arabic', (category) => {
    expect(count(disclosures, (e) => e.category === category && e.language === 'en')).toBeGreaterThanOrEqual(10);
    expect(count(disclosures, (e) => e.category === category && e.language === 'pl')).toBeGreaterThanOrEqual(10);
    expect(count(disclosures, (e) => e.category === category && e.language === 'ar')).toBeGreaterThanOrEqual(10);
  });

  it('speaks in the voices of every age from 8 to 17', () => {
    const ages = new Set(disclosures.map((e) => e.age));
    for (let age = 8; age <= 17; age += 1) expect(ages, `age ${age}`).toContain(age);
  });

  it('writes about one line in ten in a language other than the app’s, in every language', () => {
    for (const language of EVAL_LANGUAGES) {
      const mine = disclosures.filter((e) => e.language === language);
      const share = count(mine, (e) => e.appLanguage !== e.language) / mine.length;
      expect(share, language).toBeGreaterThanOrEqual(0.05);
      expect(share, language).toBeLessThanOrEqual(0.2);
    }
  });

  it('has no line twice, nor two lines that differ only in case, accents or punctuation', () => {
    const seen = new Map<string, string>();
    for (const example of examples) {
      const key = normaliseForComparison(example.text);
      expect(seen.get(key), `${example.source} repeats`).toBeUndefined();
      seen.set(key, example.source);
    }
  });

  it('has no two lines that are near copies of each other', () => {
    const texts = examples.map((e) => e.text);
    const pairs = findNearDuplicates(texts, texts, 0.85).filter((pair) => pair.a < pair.b);
    expect(pairs.map((p) => `${examples[p.a]!.source} ~ ${examples[p.b]!.source}`)).toEqual([]);
  });

  it('uses the category ids of the engine, when the engine lists them', async () => {
    const file = path.join(root, 'api', 'screening', 'categories.ts');
    if (!existsSync(file)) return;
    const module = (await import(/* @vite-ignore */ file)) as { SCREENING_CATEGORIES?: readonly ({ id: string } | string)[] };
    const ids = (module.SCREENING_CATEGORIES ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.id));
    expect([...ids].sort()).toEqual([...EVAL_CATEGORIES].sort());
  });
});

describe('evaluation lines stay out of the training corpus', () => {
  const corpusTexts = (): { text: string; where: string }[] => {
    if (!existsSync(corpusDir)) return [];
    return readdirSync(corpusDir)
      .filter((name) => name.endsWith('.jsonl'))
      .flatMap((name) =>
        readFileSync(path.join(corpusDir, name), 'utf8')
          .split('\n')
          .flatMap((line, index) => (line.trim() === '' ? [] : [{ text: String((JSON.parse(line) as { text: unknown }).text), where: `${name}:${index + 1}` }])),
      );
  };

  it('finds an evaluation line in a corpus even when lightly edited (the check can fail)', () => {
    const line = disclosures[0]!.text;
    const edited = `${line.toUpperCase().replace(/ /g, '  ')}!!`;
    const retyped = line.replace(/e/g, '3');
    expect(findNearDuplicates([line], ['my cat is called biscuit', edited, retyped]).map((p) => p.b)).toContain(1);
    expect(findNearDuplicates(['my cat is called biscuit'], [line])).toEqual([]);
  });

  it('no corpus line is an evaluation line or a near copy of one', () => {
    const corpus = corpusTexts();
    const pairs = findNearDuplicates(examples.map((e) => e.text), corpus.map((c) => c.text));
    expect(pairs.map((p) => `${examples[p.a]!.source} ~ ${corpus[p.b]!.where} (${p.similarity.toFixed(2)})`)).toEqual([]);
  });
});
