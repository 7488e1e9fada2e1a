/**
 * Every word the children's app shows comes from the catalogues in `locales/` (one ICU MessageFormat file per language,
 * see locales/README.md); this module picks a language's text, falls back to English, and says when it did.
 */
import en from './locales/en.json';
import type { ChildAppLanguage } from '../shared/child-languages.ts';
import { formatParts, parseMessage, type Part, type Values } from './icu.ts';


// `satisfies` keeps this list and CHILD_APP_LANGUAGES (which the API checks screening against) the same.
export const LANGUAGES = {
  en: { name: 'English', dir: 'ltr' },
  pl: { name: 'Polski', dir: 'ltr' },
  ar: { name: 'العربية', dir: 'rtl' },
} as const satisfies Record<ChildAppLanguage, { name: string; dir: 'ltr' | 'rtl' }>;
export type Language = keyof typeof LANGUAGES;

export type MessageKey = keyof typeof en;
export type Catalogue = Partial<Record<MessageKey, string>>;

/** The catalogues loaded so far: English is in the first load (and is the source); the others load when chosen. */
export const CATALOGUES: Partial<Record<Language, Catalogue>> & { en: Catalogue } = { en };

/** Each other language is its own small file (precached for offline use), so the first load carries English only. */
const LOADERS: Record<Exclude<Language, 'en'>, () => Promise<{ default: Catalogue }>> = {
  pl: () => import('./locales/pl.json'),
  ar: () => import('./locales/ar.json'),
};

/** Loads a language's words before the app switches to it; where that fails, the English shown carries lang="en". */
export async function loadLanguage(language: Language): Promise<void> {
  if (language === 'en' || CATALOGUES[language]) return;
  CATALOGUES[language] = (await LOADERS[language]()).default;
}

/** Text with the language it is really in: the child's, or `en` where there was nothing in theirs. */
export type Words = { text: string; lang: string };

const parsed = new Map<string, Part[]>();

/** The text for `key` in `language` and the language it came out in (English where a draft has no text yet). */
export function translateWithLang(language: Language, key: MessageKey, values: Values = {}): Words {
  const own = CATALOGUES[language]?.[key];
  const lang = own === undefined ? 'en' : language;
  const source = own ?? en[key];
  const cacheKey = `${lang}:${key}`;
  let parts = parsed.get(cacheKey);
  if (!parts) parsed.set(cacheKey, (parts = parseMessage(source)));
  return { text: formatParts(parts, lang, values), lang };
}

/** The text for `key` in `language` (English where a draft has no text yet), with its arguments filled. */
export function translate(language: Language, key: MessageKey, values: Values = {}): string {
  return translateWithLang(language, key, values).text;
}

/** Words staff wrote per language (a survey's), in the child's language or English, with the language they are in. */
export function wordsIn(words: string | ({ en: string } & Record<string, string>), language: Language): Words {
  if (typeof words === 'string') return { text: words, lang: 'en' };
  const own = words[language];
  return own === undefined ? { text: words.en, lang: 'en' } : { text: own, lang: language };
}

/** The words of a survey (staff write them per language) in the child's language, English when missing. */
export function pickWords(words: string | ({ en: string } & Record<string, string>), language: Language): string {
  return wordsIn(words, language).text;
}

/** A day (YYYY-MM-DD or an ISO time) as the child's language writes dates (British English for English). */
export function formatDay(day: string, language: Language): string {
  const date = new Date(day.length === 10 ? `${day}T12:00:00Z` : day);
  return Number.isNaN(date.getTime()) ? day : new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
