/**
 * The first load carries English and the app shell only. While online, this loads ahead what this child will need
 * offline later (the service worker keeps each script the first time it loads): the survey screen when a survey is
 * open to them, and the words of a language their device prefers.
 */
import { LANGUAGES, loadLanguage, type Language } from './messages.ts';

export function warmUpSurveys(): void {
  void import('./screens/survey.tsx').catch(() => undefined);
}

/** The first of the device's languages the app speaks, so a child whose phone is in Arabic or Polish starts there. */
export function deviceLanguage(preferred: readonly string[] = navigator.languages ?? []): Language {
  for (const tag of preferred) {
    const code = tag.toLowerCase().split('-')[0] as Language;
    if (code in LANGUAGES) return code;
  }
  return 'en';
}

export function warmUpPreferredLanguages(preferred: readonly string[] = navigator.languages ?? []): void {
  for (const tag of preferred) {
    const code = tag.toLowerCase().split('-')[0] as Language;
    if (code !== 'en' && code in LANGUAGES) void loadLanguage(code).catch(() => undefined);
  }
}
