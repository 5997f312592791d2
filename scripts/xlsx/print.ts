// How every workbook Daicho writes prints, in one place: A4; each sheet portrait or landscape by its width; scaled to
// one page wide only while text stays legible (MIN_PRINT_SCALE), otherwise printed across pages at a legible scale
// with the key column repeated; the header row on every page; sheet name, date and "page / pages" in the margins;
// and row heights that fit wrapped text. `applyPrint` serves the exceljs writers, `printXml` and `printTitlesName`
// the hand-written sheets (merge report sheets, the annotated copy's findings sheet).
import type ExcelJS from 'exceljs';
import { columnLetter, quoteSheet } from '../../templates/model/grid.js';

/** Smallest print scale (percent): 11 pt text prints at 7.7 pt or more. */
export const MIN_PRINT_SCALE = 70;
export const A4 = 9;
const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
/**
 * Column-width units across A4's printable width (margins above) at 100 %, a little short of full: a unit is the
 * width of a digit of the workbook's font (Calibri 11, as exceljs writes it) plus padding, about 5.6 pt in Excel and
 * in LibreOffice with Calibri's metric twin Carlito (measured 5.55 pt; without Carlito LibreOffice falls back to a
 * wider font and every column prints 25 % wider).
 */
const PAGE_UNITS = { portrait: 94, landscape: 138 };
const HEADER = '&L&A&R&D';
const FOOTER = '&C&P / &N';

export type Orientation = 'portrait' | 'landscape';

export interface PrintPlan {
  orientation: Orientation;
  /** One page wide (the scale is then at least MIN_PRINT_SCALE by construction), or `scale` % across pages. */
  fitWidth: boolean;
  scale: number;
  /** Leading columns repeated on every page (0 when one page wide). */
  titleColumns: number;
}

/**
 * The print plan of a sheet whose columns have these widths. Portrait while the sheet fits it at 90 % or more
 * (or when asked), else landscape; one page wide down to MIN_PRINT_SCALE, else across pages, repeating
 * `titleColumns` (default 1), at the largest scale that should still need no more pages than at the minimum.
 */
export function planPrint(
  widths: readonly number[],
  opts: { orientation?: Orientation; titleColumns?: number } = {},
): PrintPlan {
  const total = widths.reduce((a, b) => a + b, 0);
  const orientation = opts.orientation ?? (total * 0.9 <= PAGE_UNITS.portrait ? 'portrait' : 'landscape');
  const page = PAGE_UNITS[orientation];
  if ((total * MIN_PRINT_SCALE) / 100 <= page) return { orientation, fitWidth: true, scale: 100, titleColumns: 0 };
  const titleColumns = opts.titleColumns ?? 1;
  const title = widths.slice(0, titleColumns).reduce((a, b) => a + b, 0);
  const net = (page * 100) / MIN_PRINT_SCALE - title;
  const pages = Math.ceil((total - title) / net);
  // Columns break whole, so leave a tenth of each page for the column that does not fit.
  const scale = Math.floor((100 * page * 0.9) / ((total - title) / pages + title));
  return { orientation, fitWidth: false, scale: Math.min(100, Math.max(MIN_PRINT_SCALE, scale)), titleColumns };
}

const columnRange = (n: number): string => `A:${columnLetter(n - 1)}`;

/** Page setup, repeated rows/columns, header and footer of an exceljs worksheet. `titleRows` like '2:2'. */
export function applyPrint(ws: ExcelJS.Worksheet, plan: PrintPlan, titleRows?: string): void {
  ws.pageSetup = {
    paperSize: A4,
    orientation: plan.orientation,
    margins: { ...MARGINS },
    ...(plan.fitWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : { fitToPage: false, scale: plan.scale }),
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
    ...(plan.titleColumns ? { printTitlesColumn: columnRange(plan.titleColumns) } : {}),
  } as Partial<ExcelJS.PageSetup>;
  ws.headerFooter = { oddHeader: HEADER, oddFooter: FOOTER };
}

/** The same for a worksheet written as XML: `sheetPr` goes inside <sheetPr>, `tail` after <hyperlinks>. */
export function printXml(plan: PrintPlan): { sheetPr: string; tail: string } {
  const m = MARGINS;
  const fit = plan.fitWidth ? 'fitToWidth="1" fitToHeight="0"' : `scale="${plan.scale}"`;
  const amp = (s: string): string => s.replace(/&/g, '&amp;');
  return {
    sheetPr: plan.fitWidth ? '<pageSetUpPr fitToPage="1"/>' : '',
    tail:
      `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>` +
      `<pageSetup paperSize="${A4}" orientation="${plan.orientation}" ${fit}/>` +
      `<headerFooter><oddHeader>${amp(HEADER)}</oddHeader><oddFooter>${amp(FOOTER)}</oddFooter></headerFooter>`,
  };
}

/** The workbook's <definedName> repeating `rows` (e.g. [1, 1]) and the plan's title columns of a sheet. */
export function printTitlesName(sheet: string, localSheetId: number, plan: PrintPlan, rows: [number, number]): string {
  const q = quoteSheet(sheet, { always: true });
  const parts = [
    ...(plan.titleColumns ? [`${q}!$A:$${columnLetter(plan.titleColumns - 1)}`] : []),
    `${q}!$${rows[0]}:$${rows[1]}`,
  ];
  const text = parts.join(',').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<definedName name="_xlnm.Print_Titles" localSheetId="${localSheetId}">${text}</definedName>`;
}

// ---- row heights ------------------------------------------------------------------------------------------------

/**
 * Points per line of 11 pt text, as Excel lays out the Yu Gothic every Daicho workbook is written in: its row height
 * for one line of Yu Gothic 11 pt is 18.75 pt (Calibri's 15, MS P Gothic's 13.5), and a wrapped row is that per line.
 * A row gets this height as a fixed (custom) height, which Excel shows as it is and LibreOffice prints as it is
 * (neither grows a row a program wrote for its wrapped text; LibreOffice prints a wrapped line every 12.8 pt, so it
 * prints these rows with room to spare). See docs/printing.md.
 */
export const LINE_HEIGHT = 18.75;
const MAX_LINES = 12;

/** A wide (CJK, full-width) character: two column units. Half-width katakana are narrow. */
function isWide(c: number): boolean {
  return c >= 0x1100 && !(c >= 0xff61 && c <= 0xff9f);
}

/**
 * Width of a text in column units: a wide (CJK) character two, any other 1.25 (the fonts that print Yu Gothic's
 * Latin letters take more than a digit's width). Runs for every merged cell: kept plain.
 */
export function textUnits(s: string): number {
  let wide = 0;
  let narrow = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) continue; // second half of a pair: counted with the first
    if (isWide(c)) wide++;
    else narrow++;
  }
  return wide * 2 + narrow * 1.25;
}

/**
 * Lines a text wraps to in a column of the given width (font size relative to 11 pt: `fontScale`). Wrapped as the
 * applications wrap: a line breaks after a space, / or -, or between wide characters; a word longer than the line
 * (a URL, a file name) breaks where it must.
 */
export function lineCount(t: string, width: number, fontScale = 1): number {
  // Two units of a line go to the cell's padding and to what wrapping leaves at the end of a line (a character that
  // may not start one, such as 、 or ）).
  const perLine = Math.max(1, (width - 2) / fontScale);
  let lines = 1;
  let x = 0;
  /** Where the current line may break (units from its start), -1 when nowhere yet. */
  let brk = -1;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 10) {
      lines++;
      x = 0;
      brk = -1;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    const wide = isWide(c);
    const w = wide ? 2 : 1.25;
    if (wide) brk = x; // a line may break before a wide character
    if (x + w > perLine && x > 0) {
      lines++;
      // What follows the last break moves to the new line; with no break, the word is cut here.
      x = brk > 0 ? x - brk : 0;
      brk = -1;
    }
    x += w;
    if (wide || c === 32 || c === 47 || c === 45 || c === 0x3000) brk = x;
  }
  return lines;
}

/** Row height (points) for a number of wrapped lines, or 0 for one line: a multiple of 0.75 pt (a pixel), as Excel keeps them. */
export function heightOf(lines: number, fontScale = 1): number {
  return lines <= 1 ? 0 : Math.ceil((Math.min(lines, MAX_LINES) * LINE_HEIGHT * fontScale) / 0.75) * 0.75;
}

/** Row height (points) for wrapped texts in columns of the given widths, or 0 when one line fits. */
export function rowHeight(
  texts: readonly (string | null | undefined)[],
  widths: readonly number[],
  fontScale = 1,
): number {
  let lines = 1;
  for (let c = 0; c < texts.length; c++) {
    const t = texts[c];
    if (!t) continue;
    const n = lineCount(t, widths[c] ?? 10, fontScale);
    if (n > lines) lines = n;
  }
  return heightOf(lines, fontScale);
}
