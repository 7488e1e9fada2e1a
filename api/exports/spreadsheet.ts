/** XLSX downloads of what the CSV exports carry, written where the runtime has a spreadsheet writer (Node: ExcelJS). */
import type { Context } from 'hono';
import { ProblemError } from '../errors.ts';
import { privateDownload } from '../download.ts';

/** A cell: text, a number, a moment (written as a date cell shown in ISO 8601, UTC), or empty. */
export type SheetCell = string | number | Date | null;

/** One worksheet: a header row of column names, then the rows. */
export type Sheet = { name: string; columns: readonly string[]; rows: readonly (readonly SheetCell[])[] };

export interface SpreadsheetWriter {
  /** The workbook's bytes (Office Open XML), one worksheet per sheet in order. */
  write(sheets: readonly Sheet[]): Promise<Uint8Array>;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A private XLSX download; 501 where this runtime has no writer (the Worker), as for PDFs. */
export async function xlsxDownload(c: Context, writer: SpreadsheetWriter | undefined, sheets: readonly Sheet[], filename: string): Promise<Response> {
  if (!writer) throw new ProblemError(501, 'xlsx_unavailable', 'Spreadsheets are written by the Node server, and this one cannot. Download the CSV instead.');
  const bytes = await writer.write(sheets);
  return privateDownload(c, bytes, XLSX_TYPE, filename);
}
