/** What every screen needs: the words in the child's language. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { translate, type Language, type MessageKey } from './messages.ts';

export const LanguageContext = createContext<Language>('en');

export function useT(): (key: MessageKey, values?: Record<string, string | number>) => string {
  const language = useContext(LanguageContext);
  return (key, values) => translate(language, key, values);
}
