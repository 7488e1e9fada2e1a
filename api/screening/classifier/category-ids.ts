/**
 * The agreed screening category ids (issue 20), in a fixed order: the model stores category weights in this order.
 * The same list as `SCREENING_CATEGORIES` in api/screening/categories.ts (screen-rules); merge onto that one.
 */
export const SCREENING_CATEGORY_IDS = [
  'physical_abuse', 'sexual_abuse', 'emotional_abuse', 'neglect', 'domestic_abuse', 'self_harm', 'suicidal_thoughts', 'eating_disorder',
  'online_grooming', 'sexual_exploitation', 'criminal_exploitation', 'missing_from_home', 'forced_marriage', 'fgm', 'trafficking',
  'young_carer', 'bullying', 'secrecy_threats', 'unsafe_at_home', 'asked_for_help',
] as const;
