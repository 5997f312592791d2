// A plain table on a worksheet: a styled header, one row per item with each column's value, format, fill and font,
// and a filter on the header. The report workbooks (merge summaries, the audit) are made of these; exceljs in full
// mode writes them, since they hold a row per form or finding, not per record.
import type ExcelJS from 'exceljs';

export type TableValue = string | number | Date | null;

export interface TableColumn<T> {
  header: string;
  width: number;
  value(row: T): TableValue;
  /** Excel number format. */
  fmt?: string;
  /** Fill colour (ARGB) of a cell, from its row. */
  fill?(row: T): string | null;
  font?(row: T): Partial<ExcelJS.Font> | null;
}

export const TABLE_FONT = 'Yu Gothic';
export const TABLE_HEADER_FILL = 'FF1F4E78';

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** Write a table whose header is row `at`; `filter: false` where the sheet's one filter belongs to another table. */
export function writeTable<T>(
  ws: ExcelJS.Worksheet,
  columns: readonly TableColumn<T>[],
  rows: readonly T[],
  opts: { at?: number; headerFill?: string; filter?: boolean } = {},
): void {
  const at = opts.at ?? 1;
  const header = ws.getRow(at);
  header.height = 32;
  columns.forEach((c, k) => {
    const cell = header.getCell(k + 1);
    cell.value = c.header || null;
    cell.font = { name: TABLE_FONT, bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = solid(opts.headerFill ?? TABLE_HEADER_FILL);
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    const col = ws.getColumn(k + 1);
    col.width = Math.max(col.width ?? 0, c.width);
  });
  rows.forEach((row, i) => {
    const r = ws.getRow(at + 1 + i);
    columns.forEach((c, k) => {
      const cell = r.getCell(k + 1);
      cell.value = c.value(row);
      cell.font = { name: TABLE_FONT, ...(c.font?.(row) ?? {}) };
      cell.alignment = { vertical: 'top', wrapText: true };
      if (c.fmt) cell.numFmt = c.fmt;
      const fill = c.fill?.(row);
      if (fill) cell.fill = solid(fill);
    });
  });
  if (opts.filter !== false) ws.autoFilter = { from: { row: at, column: 1 }, to: { row: at + Math.max(1, rows.length), column: columns.length } };
}

/** A new sheet holding one table: header frozen with the first column, printed landscape on A4 with the header on every page. */
export function addTableSheet<T>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly TableColumn<T>[],
  rows: readonly T[],
  tab = TABLE_HEADER_FILL,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { properties: { tabColor: { argb: tab } }, views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }] });
  writeTable(ws, columns, rows, { headerFill: tab });
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
  return ws;
}
