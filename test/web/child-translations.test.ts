// The children's catalogues (web/child/locales): complete in every enabled language, every message valid ICU with the same arguments as English.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { argumentsOf, parseMessage, type Part } from '../../web/child/icu.ts';
import { CATALOGUES, formatDay, LANGUAGES, loadLanguage, translate, translateWithLang, wordsIn, type Language, type MessageKey } from '../../web/child/messages.ts';

const LOCALES = fileURLToPath(new URL('../../web/child/locales/', import.meta.url));
const CHILD_APP = fileURLToPath(new URL('../../web/child/', import.meta.url));
const english = CATALOGUES.en as Record<MessageKey, string>;
const keys = Object.keys(english) as MessageKey[];
const translated = (Object.keys(LANGUAGES) as Language[]).filter((language) => language !== 'en');
/** Names that are the same in every language (the app's name), so equal-to-English is right for them. */
const SAME_IN_EVERY_LANGUAGE: readonly MessageKey[] = ['appName'];

const review = (language: Language): string[] => JSON.parse(readFileSync(`${LOCALES}${language}.review.json`, 'utf8')) as string[];

/** The plural categories a message chooses between (not `=N` or `other`), at any depth. */
function pluralCategories(parts: readonly Part[], into = new Set<string>()): Set<string> {
  for (const part of parts) {
    if (typeof part === 'string' || !('type' in part)) continue;
    for (const [name, option] of Object.entries(part.options)) {
      if (part.type === 'plural' && !name.startsWith('=')) into.add(name);
      pluralCategories(option, into);
    }
  }
  return into;
}

/** Every `t('key')`, `translate(…, 'key')` and `words('key')` the app's source calls with a literal key. */
function keysUsedInSource(): Set<string> {
  const used = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'locales') walk(`${dir}${entry.name}/`);
      else if (/\.tsx?$/.test(entry.name)) {
        const source = readFileSync(`${dir}${entry.name}`, 'utf8');
        for (const match of source.matchAll(/\b(?:t|words|translate(?:WithLang)?\((?:\w+|'\w+'),)\s*\(?\s*'(\w+)'/g)) used.add(match[1]!);
      }
    }
  };
  walk(CHILD_APP);
  return used;
}

describe("the children's catalogues", () => {
  beforeAll(() => Promise.all(translated.map(loadLanguage)));

  it('has a catalogue and a review list for every enabled language, and nothing else', () => {
    const files = readdirSync(LOCALES).filter((name) => name.endsWith('.json')).sort();
    const expected = ['en.json', ...translated.flatMap((language) => [`${language}.json`, `${language}.review.json`])].sort();
    expect(files).toEqual(expected);
  });

  it('knows every key the app calls', () => {
    const used = [...keysUsedInSource()];
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((key) => !(key in english))).toEqual([]);
  });

  it.each(translated)('has every English key in %s, in its own words (drafts must be listed for review)', (language) => {
    const catalogue = CATALOGUES[language]!;
    expect(keys.filter((key) => typeof catalogue[key] !== 'string' || catalogue[key]!.trim() === '')).toEqual([]);
    expect(Object.keys(catalogue).filter((key) => !(key in english))).toEqual([]);
    // Identical to English means nobody translated it: only names may be.
    expect(keys.filter((key) => catalogue[key] === english[key] && !SAME_IN_EVERY_LANGUAGE.includes(key))).toEqual([]);
    // The review list names real keys only, each once.
    const listed = review(language);
    expect(listed.filter((key) => !(key in english))).toEqual([]);
    expect(new Set(listed).size).toBe(listed.length);
  });

  it.each(Object.keys(LANGUAGES) as Language[])('has only valid ICU messages in %s, with the arguments English has', (language) => {
    const catalogue = CATALOGUES[language]!;
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories as string[];
    const wrong: string[] = [];
    for (const key of keys) {
      const english = argumentsOf(parseMessage(CATALOGUES.en[key]!));
      let parts: Part[];
      try {
        parts = parseMessage(catalogue[key]!);
      } catch (error) {
        wrong.push(`${key}: ${(error as Error).message}`);
        continue;
      }
      const own = argumentsOf(parts);
      if (JSON.stringify([...own].sort()) !== JSON.stringify([...english].sort())) wrong.push(`${key}: arguments ${[...own]} differ from English ${[...english]}`);
      const unknown = [...pluralCategories(parts)].filter((category) => !categories.includes(category));
      if (unknown.length > 0) wrong.push(`${key}: ${language} has no plural category ${unknown}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses broken messages', () => {
    for (const broken of ['{name', 'a } b', '{count, plural, one {#}}', '{n, number}', "'{unclosed"]) expect(() => parseMessage(broken), broken).toThrow();
    expect(argumentsOf(parseMessage('{a} {n, plural, one {# x {b}} other {#}}'))).toEqual(new Map([['a', 'text'], ['n', 'plural'], ['b', 'text']]));
  });

  it("fills arguments, plural forms and numbers in the child's language", () => {
    expect(translate('en', 'waitingCount', { count: 2 })).toBe('2 waiting to be sent');
    expect(translate('pl', 'waitingCount', { count: 1 })).toBe('1 rzecz czeka na wysłanie');
    expect(translate('pl', 'waitingCount', { count: 3 })).toBe('3 rzeczy czekają na wysłanie');
    expect(translate('pl', 'waitingCount', { count: 5 })).toBe('5 rzeczy czeka na wysłanie');
    expect(translate('ar', 'waitingCount', { count: 2 })).toBe('شيئان ينتظران الإرسال');
    expect(translate('en', 'status_received')).toBe("We've got your message safely. Nobody has read it yet.");
    for (const language of Object.keys(LANGUAGES) as Language[]) {
      expect(translate(language, 'questionOf', { n: 2, total: 5 })).toMatch(/2.*5/);
      expect(translate(language, 'surveyCard', { title: 'Park' })).toContain('Park');
    }
    expect(formatDay('2026-12-02', 'pl')).toBe('2 grudnia 2026');
    expect(formatDay('2026-12-02', 'en')).toBe('2 December 2026');
  });

  it('says which language a text is in, English where the child’s has none', () => {
    expect(translateWithLang('pl', 'start')).toEqual({ text: CATALOGUES.pl!.start, lang: 'pl' });
    const words = { en: 'How are you?', pl: 'Jak się masz?' };
    expect(wordsIn(words, 'pl')).toEqual({ text: 'Jak się masz?', lang: 'pl' });
    expect(wordsIn(words, 'ar')).toEqual({ text: 'How are you?', lang: 'en' });
    expect(wordsIn('Park survey', 'ar')).toEqual({ text: 'Park survey', lang: 'en' });
  });
});
