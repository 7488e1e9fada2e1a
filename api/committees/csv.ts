/** CSV of a pack (RFC 4180), with spreadsheet formula injection neutralised: a cell never starts with = + - @. */
import type { FeedbackEntry } from './feedback.ts';

function cell(value: string | null): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function feedbackCsv(entries: readonly FeedbackEntry[]): string {
  const header = ['id', 'kind', 'age band', 'group', 'month', 'quote', 'priorities', 'themes', 'curation', 'curation note', 'drawing url'];
  const lines = entries.map((entry) =>
    [
      entry.id,
      entry.kind,
      entry.ageBand,
      entry.group,
      entry.month,
      entry.quote,
      entry.priorities.join('; '),
      entry.themes.join('; '),
      entry.curation?.choice ?? '',
      entry.curation?.note ?? '',
      entry.drawing?.imageUrl ?? '',
    ]
      .map((value) => cell(value))
      .join(','),
  );
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}
