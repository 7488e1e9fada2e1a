/** CSV (RFC 4180) with spreadsheet formula injection neutralised: a cell never starts with = + - @. */

export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return `${[header, ...rows].map((row) => row.map((value) => csvCell(value)).join(',')).join('\r\n')}\r\n`;
}
