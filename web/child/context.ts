/** What every screen needs: the child's language, and the words in it. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Values } from './icu.ts';
import { translate, translateWithLang, type Language, type MessageKey, type Words } from './messages.ts';

export const LanguageContext = createContext<Language>('en');

export function useLanguage(): Language {
  return useContext(LanguageContext);
}

export function useT(): (key: MessageKey, values?: Values) => string {
  const language = useContext(LanguageContext);
  return (key, values) => translate(language, key, values);
}

/** Like useT, with the language the text came out in, for a `lang` on fallback text. */
export function useWords(): (key: MessageKey, values?: Values) => Words {
  const language = useContext(LanguageContext);
  return (key, values) => translateWithLang(language, key, values);
}
