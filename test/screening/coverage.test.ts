// The service refuses to start when the children's app offers a language screening has no data for.
import { describe, expect, it } from 'vitest';
import { assertScreeningCovers, ScreeningCoverageError } from '../../api/screening/coverage.ts';
import { safeguardingLanguages, screenForSafeguarding } from '../../api/screening/safeguarding.ts';
import { LANGUAGES } from '../../web/child/messages.ts';
import { CHILD_APP_LANGUAGES } from '../../web/shared/child-languages.ts';

describe('screening covers every language of the children’s app', () => {
  it('has data for every language the app offers', () => {
    expect([...safeguardingLanguages].sort()).toEqual([...CHILD_APP_LANGUAGES].sort());
    expect(Object.keys(LANGUAGES).sort()).toEqual([...CHILD_APP_LANGUAGES].sort());
    expect(() => assertScreeningCovers()).not.toThrow();
  });

  it('refuses, naming each language without data, when the app offers one more', () => {
    const attempt = () => assertScreeningCovers([...CHILD_APP_LANGUAGES, 'uk', 'so']);
    expect(attempt).toThrow(ScreeningCoverageError);
    expect(attempt).toThrow(/uk, so/);
  });

  it('refuses when a language’s data is missing', () => {
    expect(() => assertScreeningCovers(CHILD_APP_LANGUAGES, ['en', 'ar'])).toThrow(/offers pl/);
  });

  it('screens text in every language whatever the app language (a Polish child in the English app)', () => {
    const matches = screenForSafeguarding('tata mnie bije i boję się wracać do domu', 'en');
    expect(matches.map((m) => m.language)).toContain('pl');
    const arabic = screenForSafeguarding('ابوي بيضربني', 'pl');
    expect(arabic.map((m) => m.language)).toContain('ar');
  });
});
