/** The safeguarding categories screening can raise, each with a plain-English label and the guidance it comes from. */

export const SCREENING_SOURCES = {
  wt2023: 'Working Together to Safeguard Children 2023',
  kcsie2024: 'Keeping Children Safe in Education 2024',
  nspcc: 'NSPCC / Childline topics',
} as const;

type Source = keyof typeof SCREENING_SOURCES;

const list = [
  ['physical_abuse', 'Physical abuse', 'wt2023'],
  ['sexual_abuse', 'Sexual abuse', 'wt2023'],
  ['emotional_abuse', 'Emotional abuse', 'wt2023'],
  ['neglect', 'Neglect (food, being left alone, basic care withheld)', 'wt2023'],
  ['domestic_abuse', 'Domestic abuse witnessed at home', 'kcsie2024'],
  ['self_harm', 'Self-harm', 'nspcc'],
  ['suicidal_thoughts', 'Suicidal thoughts, including passive ones', 'nspcc'],
  ['eating_disorder', 'Eating problems', 'nspcc'],
  ['online_grooming', 'Online grooming and sextortion', 'kcsie2024'],
  ['sexual_exploitation', 'Child sexual exploitation', 'kcsie2024'],
  ['criminal_exploitation', 'Child criminal exploitation and county lines', 'kcsie2024'],
  ['missing_from_home', 'Running away, missing or homeless', 'kcsie2024'],
  ['forced_marriage', 'Forced marriage', 'kcsie2024'],
  ['fgm', 'Female genital mutilation', 'kcsie2024'],
  ['trafficking', 'Trafficking and modern slavery', 'kcsie2024'],
  ['young_carer', 'Young carer', 'kcsie2024'],
  ['bullying', 'Bullying that causes harm', 'kcsie2024'],
  ['secrecy_threats', 'Threats used to keep a secret', 'nspcc'],
  ['unsafe_at_home', 'Feeling unsafe at home', 'nspcc'],
  ['asked_for_help', 'Asking for help', 'nspcc'],
] as const satisfies readonly (readonly [string, string, Source])[];

export type ScreeningCategory = (typeof list)[number][0];

export const SCREENING_CATEGORIES: readonly { id: ScreeningCategory; label: string; source: string }[] = list.map(([id, label, source]) => ({
  id,
  label,
  source: SCREENING_SOURCES[source],
}));

const ids = new Set<string>(list.map(([id]) => id));

export function isScreeningCategory(id: string): id is ScreeningCategory {
  return ids.has(id);
}
