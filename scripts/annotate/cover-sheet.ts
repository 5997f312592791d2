// A letter as the first sheet of an annotated copy: a title, who it is for and the facts (label and value), a lead
// paragraph, the list of what to fix (sheet, cell with a link to it, message) and closing notes. The words come from
// the caller (status's correction request: round/texts.ts); this module only lays them out, prints them on A4
// portrait, and writes the sheet as XML in the package's own namespaces (see annotate.ts).
import { quoteSheet } from '../../templates/model/grid.js';
import { planPrint, printXml, rowHeight } from '../xlsx/print.js';
import { escapeXml } from './xml-edit.js';
import { excelText } from '../xlsx/cell-text.js';

export interface CoverLetter {
  /** Sheet name (made unique against the workbook's own sheets). */
  sheet: string;
  title: string;
  /** Label and value lines under the title; `strong` ones print bold and red (the date to reply by). */
  facts: { label: string; value: string; strong?: boolean }[];
  lead: string;
  /** Column heads of the list: No., sheet, cell, what to fix. */
  headers: readonly [string, string, string, string];
  items: { sheet: string | null; cell: string | null; message: string }[];
  notes: string[];
}

export interface CoverStyles {
  title: number;
  label: number;
  text: number;
  strong: number;
  header: number;
  link: number;
}

/** No. | sheet | cell | message: A4 portrait at 100 %. Facts span A:B (label) and C:D (value), paragraphs A:D. */
export const COVER_WIDTHS = [6, 16, 10, 62];
export const COVER_PRINT = planPrint(COVER_WIDTHS, { orientation: 'portrait' });
const LABEL_WIDTH = COVER_WIDTHS[0] + COVER_WIDTHS[1];
const VALUE_WIDTH = COVER_WIDTHS[2] + COVER_WIDTHS[3];
const FULL_WIDTH = LABEL_WIDTH + VALUE_WIDTH;

function cell(ref: string, text: string | number | null, s: number): string {
  if (text === null || text === '') return `<c r="${ref}" s="${s}"/>`;
  if (typeof text === 'number') return `<c r="${ref}" s="${s}"><v>${text}</v></c>`;
  return `<c r="${ref}" s="${s}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(excelText(text))}</t></is></c>`;
}

function row(r: number, cells: string, height: number): string {
  return height ? `<row r="${r}" ht="${height}" customHeight="1">${cells}</row>` : `<row r="${r}">${cells}</row>`;
}

/**
 * The sheet's XML and the row of the list's header (repeated on every printed page). `present`: the sheets of the
 * workbook, for the links.
 */
export function coverSheetXml(
  c: CoverLetter,
  present: ReadonlySet<string>,
  st: CoverStyles,
  ns: { main: string; rel: string },
  xmlDecl: string,
): { xml: string; headerRow: number } {
  const rows: string[] = [];
  const merges: string[] = [];
  const links: string[] = [];
  let r = 1;
  const paragraph = (text: string, s: number, height?: number): void => {
    rows.push(row(r, cell(`A${r}`, text, s), height ?? rowHeight([text], [FULL_WIDTH])));
    merges.push(`A${r}:D${r}`);
    r++;
  };
  paragraph(c.title, st.title, 26);
  r++;
  for (const f of c.facts) {
    const s = f.strong ? st.strong : st.text;
    const cells = cell(`A${r}`, f.label, st.label) + cell(`B${r}`, null, st.label) + cell(`C${r}`, f.value, s);
    rows.push(row(r, cells + cell(`D${r}`, null, s), rowHeight([f.label, f.value], [LABEL_WIDTH, VALUE_WIDTH])));
    merges.push(`A${r}:B${r}`, `C${r}:D${r}`);
    r++;
  }
  r++;
  paragraph(c.lead, st.text);
  r++;
  const headerRow = r;
  rows.push(row(r, c.headers.map((h, k) => cell(`${'ABCD'[k]}${r}`, h, st.header)).join(''), 0));
  r++;
  c.items.forEach((i, k) => {
    const known = i.sheet !== null && present.has(i.sheet);
    const where = i.cell ?? '';
    const cells =
      cell(`A${r}`, k + 1, st.text) +
      cell(`B${r}`, i.sheet ?? '', st.text) +
      cell(`C${r}`, where, known && where ? st.link : st.text) +
      cell(`D${r}`, i.message, st.text);
    rows.push(row(r, cells, rowHeight([null, i.sheet, where, i.message], COVER_WIDTHS)));
    if (known && where) {
      const to = `${quoteSheet(i.sheet!, { always: true })}!${where}`;
      links.push(`<hyperlink ref="C${r}" location="${escapeXml(to)}" display="${escapeXml(`${i.sheet}!${where}`)}"/>`);
    }
    r++;
  });
  r++;
  for (const n of c.notes) paragraph(n, st.text);
  const print = printXml(COVER_PRINT);
  const xml =
    `${xmlDecl}<worksheet xmlns="${ns.main}" xmlns:r="${ns.rel}">` +
    `<sheetPr><tabColor rgb="FFC00000"/>${print.sheetPr}</sheetPr>` +
    `<dimension ref="A1:D${r - 1}"/>` +
    '<sheetViews><sheetView tabSelected="1" showGridLines="0" workbookViewId="0">' +
    '<selection activeCell="A1" sqref="A1"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="18.75"/>' +
    `<cols>${COVER_WIDTHS.map((w, k) => `<col min="${k + 1}" max="${k + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    print.tail +
    '</worksheet>';
  return { xml, headerRow };
}
