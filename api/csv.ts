/** CSV (RFC 4180) with spreadsheet formula injection neutralised: a cell never starts with = + - @. */
import type { Context } from 'hono';
import { privateDownload } from './download.ts';

/** Without a byte order mark Excel reads UTF-8 as the local code page and garbles Polish and Arabic. */
const UTF8_BOM = '\uFEFF';

/** A private CSV download: BOM first, then the document. */
export function csvDownload(c: Context, document: string, filename: string): Response {
  return privateDownload(c, UTF8_BOM + document, 'text/csv; charset=utf-8', filename);
}

export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return `${[header, ...rows].map((row) => row.map((value) => csvCell(value)).join(',')).join('\r\n')}\r\n`;
}
