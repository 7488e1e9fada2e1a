/** The screening categories (issue 20's shared list): id, a plain-English label for staff, and where each comes from. */

const WT = 'Working Together to Safeguard Children 2023';
const KCSIE = 'Keeping Children Safe in Education 2024';
const NSPCC = 'NSPCC/Childline topics';

export const SCREENING_CATEGORIES = [
  { id: 'physical_abuse', label: 'Physical abuse', source: WT },
  { id: 'sexual_abuse', label: 'Sexual abuse', source: WT },
  { id: 'emotional_abuse', label: 'Emotional abuse', source: WT },
  { id: 'neglect', label: 'Neglect', source: WT },
  { id: 'domestic_abuse', label: 'Domestic abuse at home', source: KCSIE },
  { id: 'self_harm', label: 'Self-harm', source: NSPCC },
  { id: 'suicidal_thoughts', label: 'Suicidal thoughts', source: NSPCC },
  { id: 'eating_disorder', label: 'Eating problems', source: NSPCC },
  { id: 'online_grooming', label: 'Online grooming or sextortion', source: KCSIE },
  { id: 'sexual_exploitation', label: 'Child sexual exploitation', source: KCSIE },
  { id: 'criminal_exploitation', label: 'Criminal exploitation or county lines', source: KCSIE },
  { id: 'missing_from_home', label: 'Running away, missing or homeless', source: KCSIE },
  { id: 'forced_marriage', label: 'Forced marriage', source: KCSIE },
  { id: 'fgm', label: 'Female genital mutilation', source: KCSIE },
  { id: 'trafficking', label: 'Trafficking or modern slavery', source: WT },
  { id: 'young_carer', label: 'Young carer', source: WT },
  { id: 'bullying', label: 'Bullying with harm', source: KCSIE },
  { id: 'secrecy_threats', label: 'Threats to keep a secret', source: NSPCC },
  { id: 'unsafe_at_home', label: 'Feeling unsafe at home', source: NSPCC },
  { id: 'asked_for_help', label: 'Asked for help', source: NSPCC },
] as const;

export type ScreeningCategory = (typeof SCREENING_CATEGORIES)[number]['id'];
