/** Plain-words formatting of times, waits and labels for staff. */

export function waited(minutes: number): string {
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

export function when(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

/** A calendar date (YYYY-MM-DD) as people write it; read as a local date, not midnight UTC. */
export function day(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  return dateOnly.format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}

export const KIND_LABELS = { quote: 'Quote', drawing: 'Drawing', survey: 'Survey answers' } as const;

export const AGE_BAND_LABELS = { '4-7': '4 to 7', '8-11': '8 to 11', '12-15': '12 to 15', '16-18': '16 to 18', unknown: 'Age not given' } as const;

/** screening categories like physical_abuse → "physical abuse". */
export function words(code: string): string {
  return code.replaceAll('_', ' ');
}
