/** The languages the children's app offers: the app's messages and the API's screening data must both cover each. */
export const CHILD_APP_LANGUAGES = ['en', 'pl', 'ar'] as const;
export type ChildAppLanguage = (typeof CHILD_APP_LANGUAGES)[number];
