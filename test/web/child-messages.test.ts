// The children's words: the survey and "could not be sent" screens have their own words in English, Polish and Arabic.
import { describe, expect, it } from 'vitest';
import { pickWords, translate, TRANSLATED_IN_EVERY_LANGUAGE } from '../../web/child/messages.ts';

describe("the children's app's words", () => {
  it.each(['pl', 'ar'] as const)('has %s words for every new screen, never the English fallback', (language) => {
    const untranslated = TRANSLATED_IN_EVERY_LANGUAGE.filter((key) => translate(language, key) === translate('en', key));
    expect(untranslated).toEqual([]);
    expect(TRANSLATED_IN_EVERY_LANGUAGE.length).toBeGreaterThan(30);
  });

  it('keeps placeholders in every language', () => {
    for (const language of ['en', 'pl', 'ar'] as const) {
      expect(translate(language, 'questionOf', { n: 2, total: 5 })).toMatch(/2.*5/);
      expect(translate(language, 'refusedTitle', { what: 'X' })).toContain('X');
      expect(translate(language, 'surveyCard', { title: 'Park' })).toContain('Park');
    }
  });

  it("shows a survey's words in the child's language, English when there are none", () => {
    const words = { en: 'How are you?', pl: 'Jak się masz?' };
    expect(pickWords(words, 'pl')).toBe('Jak się masz?');
    expect(pickWords(words, 'ar')).toBe('How are you?');
  });
});
