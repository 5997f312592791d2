// A plain table on a worksheet: a styled header, one row per item with each column's value, format, fill and font,
// and a filter on the header. The report workbooks (merge summaries, the audit) are made of these; exceljs in full
// mode writes them, since they hold a row per form or finding, not per record.
import type ExcelJS from 'exceljs';
import { applyPrint, planPrint, rowHeight } from './print.js';

export type TableValue = string | number | Date | null;

/** What a column may change of a cell's font (the font itself is TABLE_FONT). */
export interface TableFont {
  bold?: boolean;
  color?: { argb: string };
}

export interface TableColumn<T> {
  header: string;
  width: number;
  value(row: T): TableValue;
  /** Excel number format. */
  fmt?: string;
  /** Fill colour (ARGB) of a cell, from its row. */
  fill?(row: T): string | null;
  font?(row: T): TableFont | null;
}

export const TABLE_FONT = 'Yu Gothic';
export const TABLE_HEADER_FILL = 'FF1F4E78';

const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });

/** A header cell: bold white on a solid dark fill, which prints (a table style's colours do not reach LibreOffice). */
export function styleHeaderCell(cell: ExcelJS.Cell, fill = TABLE_HEADER_FILL): void {
  cell.font = { name: TABLE_FONT, bold: true, color: { argb: 'FFFFFFFF' } };
  cell.fill = solid(fill);
  cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
}

/** Write a table whose header is row `at`; `filter: false` where the sheet's one filter belongs to another table. */
export function writeTable<T>(
  ws: ExcelJS.Worksheet,
  columns: readonly TableColumn<T>[],
  rows: readonly T[],
  opts: { at?: number; headerFill?: string; filter?: boolean } = {},
): void {
  const at = opts.at ?? 1;
  const header = ws.getRow(at);
  const widths = columns.map((c, k) => Math.max(ws.getColumn(k + 1).width ?? 0, c.width));
  header.height = Math.max(
    32,
    rowHeight(
      columns.map((c) => c.header),
      widths,
    ),
  );
  columns.forEach((c, k) => {
    const cell = header.getCell(k + 1);
    cell.value = c.header || null;
    styleHeaderCell(cell, opts.headerFill);
    ws.getColumn(k + 1).width = widths[k];
  });
  // The cells of a column with the same font and fill share one style object: exceljs then serialises it once, not
  // once per cell (a 5,000-row table wrote in 2.2 s instead of 5.4 s). A table cell's style is not changed afterwards.
  const styles = new Map<string, Partial<ExcelJS.Style>>();
  const styleOf = (k: number, font: TableFont | null, fill: string | null): Partial<ExcelJS.Style> => {
    const key = `${k}\u0000${font ? JSON.stringify(font) : ''}\u0000${fill ?? ''}`;
    let style = styles.get(key);
    if (!style) {
      const fmt = columns[k].fmt;
      style = {
        font: { name: TABLE_FONT, ...(font ?? {}) },
        alignment: { vertical: 'top', wrapText: true },
        ...(fmt ? { numFmt: fmt } : {}),
        ...(fill ? { fill: solid(fill) } : {}),
      };
      styles.set(key, style);
    }
    return style;
  };
  rows.forEach((row, i) => {
    const r = ws.getRow(at + 1 + i);
    const texts: (string | null)[] = [];
    columns.forEach((c, k) => {
      const cell = r.getCell(k + 1);
      cell.value = c.value(row);
      texts.push(typeof cell.value === 'string' ? cell.value : null);
      cell.style = styleOf(k, c.font?.(row) ?? null, c.fill?.(row) ?? null);
    });
    const ht = rowHeight(texts, widths);
    if (ht) r.height = ht;
  });
  if (opts.filter !== false)
    ws.autoFilter = {
      from: { row: at, column: 1 },
      to: { row: at + Math.max(1, rows.length), column: columns.length },
    };
}

/** A new sheet holding one table: header frozen with the first column, printed on A4 (scripts/xlsx/print.ts) with the header on every page. */
export function addTableSheet<T>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: readonly TableColumn<T>[],
  rows: readonly T[],
  tab = TABLE_HEADER_FILL,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    properties: { tabColor: { argb: tab } },
    views: [{ state: 'frozen', ySplit: 1, xSplit: 1 }],
  });
  writeTable(ws, columns, rows, { headerFill: tab });
  applyPrint(ws, planPrint(columns.map((c) => c.width)), '1:1');
  return ws;
}
