/**
 * Screens a child's text for possible disclosures of harm. A match never blocks, rejects or hides anything: it puts the
 * message in front of a safeguarding lead. Every language's data is used on every text, whatever the app language:
 * a Polish child using the English app must still be heard.
 */
import ar from './phrases/ar.json' with { type: 'json' };
import en from './phrases/en.json' with { type: 'json' };
import { classifyDisclosure } from './classifier/index.ts';
import pl from './phrases/pl.json' with { type: 'json' };
import type { LexiconData } from './lexicon.ts';
import { arabicNormaliser } from './normalise/ar.ts';
import { englishNormaliser } from './normalise/en.ts';
import type { Normaliser } from './normalise/normaliser.ts';
import { polishNormaliser } from './normalise/pl.ts';
import { RulesEngine } from './rules-engine.ts';
import { splitWords, type RawWord } from './tokens.ts';

export type ScreeningLanguage = 'en' | 'pl' | 'ar';

export type SafeguardingMatch = {
  phraseId: string;
  category: string;
  start: number;
  end: number;
  signal: 'phrase' | 'rule' | 'classifier';
  language: ScreeningLanguage;
  score?: number;
  words?: string[];
};

/** One source of matches. The rules of each language are signals; a learned classifier can be another. */
export type Signal = (text: string, context: { language?: string | undefined; words: readonly RawWord[] }) => SafeguardingMatch[];

/** Adding a language: its data file, its normaliser, and one line here. */
const languageData: Record<ScreeningLanguage, readonly [LexiconData, Normaliser]> = {
  en: [en, englishNormaliser],
  pl: [pl, polishNormaliser],
  ar: [ar, arabicNormaliser],
};

export const safeguardingLanguages: readonly ScreeningLanguage[] = Object.keys(languageData) as ScreeningLanguage[];
export const lexicons: Readonly<Record<ScreeningLanguage, LexiconData>> = { en, pl, ar };

export const engines: Readonly<Record<ScreeningLanguage, RulesEngine>> = Object.fromEntries(
  safeguardingLanguages.map((code) => [code, new RulesEngine(...languageData[code])]),
) as Record<ScreeningLanguage, RulesEngine>;

const ruleSignals: Signal[] = safeguardingLanguages.map(
  (code) => (text, { words }) => engines[code].screen(text, words).map((match) => ({ ...match, language: code })),
);

/** Every signal run on every text; the classifier runs after them, only when they are silent. */
const signals: readonly Signal[] = [...ruleSignals];

/** Every match of every signal, in text order; `language` is the app's language (not needed to screen, kept for signals). */
export function screenForSafeguarding(text: string, language?: string): SafeguardingMatch[] {
  const matches: SafeguardingMatch[] = [];
  const words = splitWords(text);
  for (const signal of signals) matches.push(...signal(text, { language, words }));
  // The learned signal only speaks when the lexicon rules are silent: the flag is the same either way, and the lead
  // then sees the most explainable reason (a phrase or rule) first, with the classifier's words only where nothing else fired.
  if (matches.length === 0) matches.push(...classifyDisclosure(text));
  return matches.sort((a, b) => a.start - b.start || a.end - b.end);
}
