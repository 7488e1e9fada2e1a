/** The spreadsheet writer on Node: ExcelJS, a bold frozen header row, dates as ISO 8601 (UTC), right-to-left text set so. */
import ExcelJS from 'exceljs';
import type { Sheet, SpreadsheetWriter } from '../exports/spreadsheet.ts';

const ISO_DATE_TIME = 'yyyy-mm-dd"T"hh:mm:ss"Z"';
/** Hebrew, Arabic, Syriac, Thaana and their presentation forms: cells that start in these scripts read right to left. */
const RIGHT_TO_LEFT = /^[^\p{L}]*[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/u;

export function exceljsWriter(): SpreadsheetWriter {
  return {
    async write(sheets: readonly Sheet[]): Promise<Uint8Array> {
      const workbook = new ExcelJS.Workbook();
      workbook.creator = 'Heard';
      for (const sheet of sheets) {
        // Excel refuses names over 31 characters or with []:*?/\ in them.
        const worksheet = workbook.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
        worksheet.addRow([...sheet.columns]).font = { bold: true };
        for (const values of sheet.rows) {
          const row = worksheet.addRow(values.map((value) => value ?? null));
          row.eachCell((cell) => {
            if (cell.value instanceof Date) cell.numFmt = ISO_DATE_TIME;
            else if (typeof cell.value === 'string' && RIGHT_TO_LEFT.test(cell.value)) cell.alignment = { readingOrder: 'rtl', wrapText: true };
          });
        }
        worksheet.columns.forEach((column, i) => {
          const longest = Math.max(String(sheet.columns[i] ?? '').length, ...sheet.rows.map((values) => (values[i] instanceof Date ? 20 : String(values[i] ?? '').length)));
          column.width = Math.min(60, Math.max(10, longest + 2));
        });
      }
      return new Uint8Array(await workbook.xlsx.writeBuffer());
    },
  };
}
