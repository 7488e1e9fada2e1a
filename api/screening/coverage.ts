/** The start-up check that every language the children's app offers has screening data: no language goes unheard. */
import { CHILD_APP_LANGUAGES } from '../../web/shared/child-languages.ts';
import { safeguardingLanguages } from './safeguarding.ts';

export class ScreeningCoverageError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(`The children's app offers ${missing.join(', ')} but screening has no data for ${missing.length === 1 ? 'it' : 'them'}: add api/screening/phrases/<code>.json before enabling a language.`);
    this.name = 'ScreeningCoverageError';
  }
}

/** Throws naming every app language without screening data. */
export function assertScreeningCovers(appLanguages: readonly string[] = CHILD_APP_LANGUAGES, screened: readonly string[] = safeguardingLanguages): void {
  const missing = appLanguages.filter((code) => !screened.includes(code));
  if (missing.length > 0) throw new ScreeningCoverageError(missing);
}
