/**
 * Screens a child's text for possible disclosures of harm, using the reviewable phrase lists in phrases/.
 * A match never blocks, rejects or hides anything: it puts the message in front of a safeguarding lead.
 */
import en from './phrases/en.json' with { type: 'json' };
import { classifyDisclosure } from './classifier/index.ts';
import { compilePattern, findMatch, type CompiledPattern } from './pattern.ts';
import { tokenize } from './tokens.ts';

export type SafeguardingMatch = { phraseId: string; category: string; start: number; end: number };

type PhraseList = {
  language: string;
  textSpeak: Record<string, string>;
  phrases: { id: string; category: string; pattern: string; examples: string[] }[];
  mustNotMatch: string[];
};

type CompiledList = { textSpeak: Record<string, string>; phrases: { id: string; category: string; pattern: CompiledPattern }[] };

/** Adding a language: add phrases/<code>.json and one line here. */
const lists: Record<string, PhraseList> = { en };

export const safeguardingLanguages: readonly string[] = Object.keys(lists);
export const phraseLists: Readonly<Record<string, PhraseList>> = lists;

const compiled: Record<string, CompiledList> = Object.fromEntries(
  Object.entries(lists).map(([code, list]) => [
    code,
    { textSpeak: list.textSpeak, phrases: list.phrases.map((phrase) => ({ id: phrase.id, category: phrase.category, pattern: compilePattern(phrase.pattern) })) },
  ]),
);

/**
 * Every phrase that matches, once each, with the span of the original text it covers. The child's language list
 * is used with English as well: children mix languages, and an unknown language must not mean no screening.
 */
export function screenForSafeguarding(text: string, language?: string): SafeguardingMatch[] {
  const primary = language?.toLowerCase().split('-')[0];
  const codes = primary && primary !== 'en' && compiled[primary] ? [primary, 'en'] : ['en'];
  const matches: SafeguardingMatch[] = [];
  for (const code of codes) {
    const list = compiled[code]!;
    const tokens = tokenize(text, list.textSpeak);
    for (const phrase of list.phrases) {
      const found = findMatch(phrase.pattern, tokens);
      if (found) matches.push({ phraseId: phrase.id, category: phrase.category, start: tokens[found[0]]!.start, end: tokens[found[1]]!.end });
    }
  }
  // The learned signal only speaks when the lists are silent: the flag is the same either way, and the lead then
  // sees the most explainable reason (a phrase or rule) first, with the classifier's words only where nothing else fired.
  if (matches.length === 0) matches.push(...classifyDisclosure(text));
  return matches.sort((a, b) => a.start - b.start);
}
