// A workbook of table sheets written as SpreadsheetML by hand: the same sheets as addTableSheet (table-sheet.ts) makes
// with exceljs, from the same column definitions, for the reports whose tables run to thousands of rows: status's
// 回収状況.xlsx (a row per supplier and per return: about 1 s of CPU through exceljs, plus its loading; a tenth of that
// here) and merge's form summaries. Each cell style is registered once, strings are inline, the zip is deflated
// natively. (The audit, whose 概要 sheet holds several tables, and the send list still use addTableSheet.)
import { col, dateSerial, escapeAttr, tElement } from '../merge/xml.js';
import { ZipWriter } from '../merge/zip-writer.js';
import { excelText } from './cell-text.js';
import { planPrint, printXml, rowHeight } from './print.js';
import { TABLE_FONT, TABLE_HEADER_FILL, type TableColumn, type TableFont, type TableValue } from './table-sheet.js';
import { addWorkbookParts, MAIN, REL, XML_HEAD, type PackageSheet } from './workbook-parts.js';

/** A Date in a column without a format shows as exceljs shows it: Excel's built-in short date (the locale's own). */
const SHORT_DATE = 'mm-dd-yy';
const BUILT_IN_FORMATS: Record<string, number> = { [SHORT_DATE]: 14 };

interface Style {
  fmt?: string;
  fill?: string | null;
  font?: TableFont | null;
  header?: boolean;
}

/** The book's cell styles (cellXfs), each registered once, with the fonts, fills and number formats they use. */
class CellStyles {
  private readonly xfs: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  private readonly byKey = new Map<string, number>();
  // Font 0 is Calibri 11, as exceljs writes it: column widths are in its digits, which print.ts's page plan counts on.
  private readonly fonts = ['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'];
  private readonly fills = [
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>',
  ];
  private readonly fmts: string[] = [];

  private index(list: string[], xml: string): number {
    const i = list.indexOf(xml);
    return i >= 0 ? i : list.push(xml) - 1;
  }

  /** The cellXfs index of a style. */
  of(s: Style): number {
    const key = `${s.header ? 1 : 0}\u0000${s.fmt ?? ''}\u0000${s.fill ?? ''}\u0000${s.font ? JSON.stringify(s.font) : ''}`;
    let xf = this.byKey.get(key);
    if (xf !== undefined) return xf;
    const bold = s.header || s.font?.bold;
    const color = s.header ? 'FFFFFFFF' : s.font?.color?.argb;
    const font = this.index(
      this.fonts,
      `<font>${bold ? '<b/>' : ''}<sz val="11"/>${color ? `<color rgb="${color}"/>` : ''}` +
        `<name val="${TABLE_FONT}"/><family val="3"/><charset val="128"/></font>`,
    );
    const fill = s.fill
      ? this.index(this.fills, `<fill><patternFill patternType="solid"><fgColor rgb="${s.fill}"/></patternFill></fill>`)
      : 0;
    const fmt = !s.fmt ? 0 : (BUILT_IN_FORMATS[s.fmt] ?? 164 + this.index(this.fmts, s.fmt));
    const alignment = s.header
      ? '<alignment horizontal="center" vertical="center" wrapText="1"/>'
      : '<alignment vertical="top" wrapText="1"/>';
    xf =
      this.xfs.push(
        `<xf numFmtId="${fmt}" fontId="${font}" fillId="${fill}" borderId="0" xfId="0"${fmt ? ' applyNumberFormat="1"' : ''}` +
          ` applyFont="1"${fill ? ' applyFill="1"' : ''} applyAlignment="1">${alignment}</xf>`,
      ) - 1;
    this.byKey.set(key, xf);
    return xf;
  }

  xml(): string {
    const fmts = this.fmts.length
      ? `<numFmts count="${this.fmts.length}">${this.fmts.map((f, i) => `<numFmt numFmtId="${164 + i}" formatCode="${escapeAttr(f)}"/>`).join('')}</numFmts>`
      : '';
    return (
      `${XML_HEAD}<styleSheet xmlns="${MAIN}">${fmts}` +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      `<fills count="${this.fills.length}">${this.fills.join('')}</fills>` +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>' +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>'
    );
  }
}

/** A cell; an empty one keeps its style, so that what is typed into it later looks like the rest of its column. */
function cell(ref: string, v: TableValue, style: number): string {
  if (v instanceof Date) v = dateSerial(v);
  if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}" s="${style}"><v>${v}</v></c>`;
  if (typeof v === 'string' && v !== '')
    return `<c r="${ref}" s="${style}" t="inlineStr"><is>${tElement(excelText(v))}</is></c>`;
  return `<c r="${ref}" s="${style}"/>`;
}

interface Sheet extends PackageSheet {
  xml: string;
}

/** A workbook of table sheets: addSheet() each, then toBuffer(). */
export class TableBook {
  private readonly styles = new CellStyles();
  private readonly sheets: Sheet[] = [];

  constructor(private readonly title: string) {}

  /**
   * A sheet holding one table, as addTableSheet writes it: a styled header with a filter, frozen with the first
   * column; each cell with its column's format, fill and font; rows as high as their wrapped text; printed on A4 with
   * the header on every page.
   */
  addSheet<T>(name: string, columns: readonly TableColumn<T>[], rows: readonly T[], tab = TABLE_HEADER_FILL): void {
    const widths = columns.map((c) => c.width);
    const print = planPrint(widths);
    const { sheetPr, tail } = printXml(print);
    const header = this.styles.of({ header: true, fill: tab });
    const headHt = Math.max(
      32,
      rowHeight(
        columns.map((c) => c.header),
        widths,
      ),
    );
    const out: string[] = [
      `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetPr><tabColor rgb="${tab}"/>${sheetPr}</sheetPr>` +
        `<sheetViews><sheetView${this.sheets.length ? '' : ' tabSelected="1"'} workbookViewId="0">` +
        '<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>' +
        '<selection pane="topRight"/><selection pane="bottomLeft"/><selection pane="bottomRight" activeCell="B2" sqref="B2"/>' +
        '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>' +
        widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('') +
        `</cols><sheetData><row r="1" ht="${headHt}" customHeight="1">` +
        columns.map((c, i) => cell(`${col(i)}1`, c.header || null, header)).join('') +
        '</row>',
    ];
    const texts: (string | null)[] = new Array<string | null>(columns.length);
    for (let i = 0; i < rows.length; i++) {
      const r = i + 2;
      let cells = '';
      for (let k = 0; k < columns.length; k++) {
        const c = columns[k];
        const v = c.value(rows[i]);
        const fill = c.fill?.(rows[i]) ?? null;
        const fmt = c.fmt ?? (v instanceof Date ? SHORT_DATE : undefined);
        const style = this.styles.of({ fmt, fill, font: c.font?.(rows[i]) ?? null });
        texts[k] = typeof v === 'string' ? v : null;
        cells += cell(`${col(k)}${r}`, v, style);
      }
      const ht = rowHeight(texts, widths);
      out.push(ht ? `<row r="${r}" ht="${ht}" customHeight="1">${cells}</row>` : `<row r="${r}">${cells}</row>`);
    }
    const last = col(columns.length - 1);
    const end = Math.max(2, rows.length + 1);
    out.push(`</sheetData><autoFilter ref="A1:${last}${end}"/>${tail}</worksheet>`);
    this.sheets.push({ name, xml: out.join(''), print, filter: `$A$1:$${last}$${end}` });
  }

  async toBuffer(): Promise<Buffer> {
    const zip = ZipWriter.inMemory();
    await addWorkbookParts(zip, this.title, this.sheets);
    await zip.add('xl/styles.xml', this.styles.xml());
    for (const [k, s] of this.sheets.entries()) await zip.add(`xl/worksheets/sheet${k + 1}.xml`, s.xml);
    await zip.finish();
    return zip.bytes();
  }
}
