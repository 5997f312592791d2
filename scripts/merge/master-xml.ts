// The master workbook's XML around the streamed rows: each table sheet's head and tail adapted from the template
// shell (dimension, widths, header of the added columns, filter, validations and formats reaching the last row), the
// merge's report sheets, and the workbook parts that list sheets.
import { FIRST_DATA_ROW, HEADER_ROW, PROVENANCE_COLUMNS } from '../../templates/model/layout.js';
import type { CellValue } from '../../templates/model/grid.js';
import type { ExtraColumn } from './plan.js';
import type { ShellStyles, TableShell } from './shell.js';
import { planPrint, printTitlesName, printXml, type PrintPlan } from '../xlsx/print.js';
import { cellXml, col, escapeAttr, rowHeight, tElement } from './xml.js';

/** Provenance columns, in master order, with their widths. */
export const PROVENANCE_ORDER = [
  { label: PROVENANCE_COLUMNS.file.ja, width: 26 },
  { label: PROVENANCE_COLUMNS.row.ja, width: 9 },
  { label: PROVENANCE_COLUMNS.note.ja, width: 40 },
] as const;

const EXTRA_WIDTH = 16;

export interface MasterSheetLayout {
  shell: TableShell;
  /** Last master row (≥ HEADER_ROW + 1). */
  lastRow: number;
  extras: ExtraColumn[];
  /** Highlight rows whose 統合メモ starts with this word (the conflict flag), if any row has one. */
  conflictWord: string | null;
  /** Add the provenance columns (a master); false writes a plain filled template. */
  provenance?: boolean;
}

const fieldCount = (m: MasterSheetLayout): number => m.shell.sd.fields.length;
const added = (m: MasterSheetLayout): readonly { label: string; width: number }[] =>
  m.provenance === false ? [] : PROVENANCE_ORDER;
const lastColIndex = (m: MasterSheetLayout): number => fieldCount(m) + added(m).length + m.extras.length - 1;

/** Widths of the template's columns (its <cols>), then the added ones. */
function allWidths(m: MasterSheetLayout): number[] {
  const widths: number[] = [];
  for (const c of m.shell.head.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)) {
    for (let k = Number(c[1]); k <= Number(c[2]) && k <= fieldCount(m); k++) widths[k - 1] = Number(c[3]);
  }
  return [
    ...Array.from({ length: fieldCount(m) }, (_, k) => widths[k] ?? 10),
    ...added(m).map((p) => p.width),
    ...m.extras.map(() => EXTRA_WIDTH),
  ];
}

/**
 * How a master table sheet prints: planned again over the added columns when the template's plan fits its own columns
 * to one page wide, which with the provenance columns could shrink the text below the legible scale.
 */
const masterPrint = (m: MasterSheetLayout) => printXml(planPrint(allWidths(m)));
/** Only a template sheet fitted to one page wide needs it: one printed across pages keeps its legible scale. */
const replan = (m: MasterSheetLayout): boolean =>
  (added(m).length > 0 || m.extras.length > 0) && m.shell.head.includes('<pageSetUpPr fitToPage="1"/>');

/** Everything of a master table sheet before its data rows: head, <sheetData>, title and header rows. */
export function masterHead(m: MasterSheetLayout, styles: ShellStyles): string {
  const F = fieldCount(m);
  const last = col(lastColIndex(m));
  const rows = Math.max(m.lastRow, HEADER_ROW + 1);
  let head = m.shell.head.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="A1:${last}${rows}"/>`);
  if (replan(m)) head = head.replace(/<pageSetUpPr fitToPage="1"\/>/, masterPrint(m).sheetPr);
  const widths = [...added(m).map((p) => p.width), ...m.extras.map(() => EXTRA_WIDTH)]
    .map((w, k) => `<col min="${F + k + 1}" max="${F + k + 1}" width="${w}" customWidth="1"/>`)
    .join('');
  head = head.includes('</cols>')
    ? head.replace('</cols>', `${widths}</cols>`)
    : head.replace('<sheetData', `<cols>${widths}</cols><sheetData`);
  const labels = [...added(m).map((p) => p.label), ...m.extras.map((e) => e.label)];
  const headerCells = labels
    .map(
      (label, k) =>
        `<c r="${col(F + k)}${HEADER_ROW + 1}" s="${styles.addedHeader}" t="inlineStr"><is>${tElement(label)}</is></c>`,
    )
    .join('');
  const header = m.shell.headerRow.replace(/<\/row>$/, `${headerCells}</row>`);
  return `${head}<sheetData>${m.shell.titleRow}${header}`;
}

function rewriteValidations(tail: string, lastRow: number): string {
  const block = /<dataValidations count="\d+">([\s\S]*?)<\/dataValidations>/.exec(tail);
  if (!block) return tail;
  const out: string[] = [];
  // The template has one validation per column (scripts/xlsx/template-writer.ts): each now spans every master row.
  for (const m of block[1].matchAll(/<dataValidation\b(?:[^>]*?\/>|[^>]*?>[\s\S]*?<\/dataValidation>)/g)) {
    const item = m[0];
    const sqref = /\ssqref="([^"]*)"/.exec(item);
    const letters = sqref && /^([A-Z]+)\d/.exec(sqref[1]);
    if (!sqref || !letters) continue;
    out.push(item.replace(sqref[0], ` sqref="${letters[1]}${FIRST_DATA_ROW + 1}:${letters[1]}${lastRow}"`));
  }
  return tail.replace(block[0], `<dataValidations count="${out.length}">${out.join('')}</dataValidations>`);
}

/** Everything of a master table sheet after its data rows. */
export function masterTail(m: MasterSheetLayout, styles: ShellStyles): string {
  const F = fieldCount(m);
  const oldLast = col(F - 1);
  const last = col(lastColIndex(m));
  const rows = Math.max(m.lastRow, FIRST_DATA_ROW + 1);
  // The filter covers the header row only, as in the template (Excel applies it to the rows below; LibreOffice stops
  // applying the sheet's conditional formats when the filter range spans the data).
  let tail = m.shell.tail.replace(
    /<autoFilter ref="[^"]*"\/>/,
    `<autoFilter ref="A${HEADER_ROW + 1}:${last}${HEADER_ROW + 1}"/>`,
  );
  if (replan(m)) tail = tail.replace(/<pageMargins [\s\S]*<\/headerFooter>/, masterPrint(m).tail);
  tail = tail.replace(
    /<conditionalFormatting sqref="([A-Z]+)(\d+):[A-Z]+\d+">([\s\S]*?)<\/conditionalFormatting>/g,
    (_, c0, r0, body: string) => {
      const formula = body.replace(new RegExp(`\\$${oldLast}(\\d+)`, 'g'), `$${last}$1`);
      return `<conditionalFormatting sqref="${c0}${r0}:${last}${rows}">${formula}</conditionalFormatting>`;
    },
  );
  if (m.conflictWord) {
    // First, and with the template's borders in its format: LibreOffice applies only the first true rule of a range
    // (Excel applies all), so the conflict highlight must come before the template's "borders on filled rows".
    const note = col(F + 2);
    const first = FIRST_DATA_ROW + 1;
    const cf =
      `<conditionalFormatting sqref="A${first}:${last}${rows}"><cfRule type="expression" dxfId="${styles.conflictDxf}" priority="1">` +
      `<formula>LEFT($${note}${first},${m.conflictWord.length})="${escapeAttr(m.conflictWord)}"</formula></cfRule></conditionalFormatting>`;
    tail = tail.replace(
      /<cfRule ([^>]*)priority="(\d+)"/g,
      (_, a: string, p: string) => `<cfRule ${a}priority="${Number(p) + 1}"`,
    );
    const at = tail.indexOf('<conditionalFormatting');
    tail = at >= 0 ? `${tail.slice(0, at)}${cf}${tail.slice(at)}` : tail.replace('<pageMargins', `${cf}<pageMargins`);
  }
  return `</sheetData>${rewriteValidations(tail, rows)}`;
}

// ---- report sheets ---------------------------------------------------------------------------------------------

export interface ReportColumn {
  label: string;
  width: number;
}

export interface ReportCell {
  value: CellValue;
  /** Internal hyperlink target such as "'台帳'!A123". */
  link?: string;
  /** Shown highlighted (a value that differs). */
  strong?: boolean;
  date?: boolean;
}

export type ReportRow = (CellValue | ReportCell)[];

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** The header row's height attribute when a label wraps (bold, so counted a little wider). */
function headerHeight(columns: readonly ReportColumn[]): string {
  const ht = rowHeight(
    columns.map((c) => c.label),
    columns.map((c) => c.width),
    1.1,
  );
  return ht ? ` ht="${ht}" customHeight="1"` : '';
}

/** A plain list sheet: a frozen, filtered header row and one row per entry. */
export function reportSheetXml(
  columns: readonly ReportColumn[],
  rows: readonly ReportRow[],
  styles: ShellStyles,
  tab = 'FF595959',
): string {
  return [...reportSheetChunks(columns, rows, rows.length, styles, tab)].join('');
}

/**
 * reportSheetXml in pieces of about a megabyte, the rows taken as they come: the duplicates sheet of eight copies of
 * a 20,000-row ledger has 140,000 rows, which as one string (and their row objects) cost the main process 450 MB.
 */
export function* reportSheetChunks(
  columns: readonly ReportColumn[],
  rows: Iterable<ReportRow>,
  count: number,
  styles: ShellStyles,
  tab = 'FF595959',
): Generator<string> {
  const last = col(Math.max(0, columns.length - 1));
  const n = count + 1;
  const print = printXml(reportPrintPlan(columns));
  let buf =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetPr><tabColor rgb="${tab}"/>${print.sheetPr}</sheetPr>` +
    `<dimension ref="A1:${last}${n}"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${columns.map((c, k) => `<col min="${k + 1}" max="${k + 1}" width="${c.width}" customWidth="1"/>`).join('')}</cols><sheetData>` +
    `<row r="1"${headerHeight(columns)}>${columns.map((c, k) => `<c r="${col(k)}1" s="${styles.header}" t="inlineStr"><is>${tElement(c.label)}</is></c>`).join('')}</row>`;
  let links = '';
  const widths = columns.map((c) => c.width);
  let i = 0;
  for (const row of rows) {
    const r = i++ + 2;
    let cells = '';
    const texts: (string | null)[] = [];
    row.forEach((cell, k) => {
      const ref = `${col(k)}${r}`;
      const c: ReportCell =
        cell !== null && typeof cell === 'object' && !(cell instanceof Date) && 'value' in cell
          ? cell
          : { value: cell as CellValue };
      const style = c.link ? styles.link : c.strong ? styles.diff : styles.text;
      cells += cellXml(ref, c.value, style, styles.date, c.date === true);
      texts.push(typeof c.value === 'string' ? c.value : null);
      if (c.link)
        links += `<hyperlink ref="${ref}" location="${escapeAttr(c.link)}" display="${escapeAttr(String(c.value ?? ''))}"/>`;
    });
    const ht = rowHeight(texts, widths);
    buf += ht ? `<row r="${r}" ht="${ht}" customHeight="1">${cells}</row>` : `<row r="${r}">${cells}</row>`;
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  buf += `</sheetData><autoFilter ref="A1:${last}${n}"/>`;
  yield buf;
  // The hyperlinks follow the rows in the sheet: kept as text meanwhile (a fifth of the sheet, not its objects).
  if (links) yield `<hyperlinks>${links}</hyperlinks>`;
  yield `${print.tail}</worksheet>`;
}

/** How a report sheet prints; its header row (and first column when it spans pages) repeat: see addSheets. */
export function reportPrintPlan(columns: readonly ReportColumn[]): PrintPlan {
  return planPrint(columns.map((c) => c.width));
}

// ---- workbook parts ---------------------------------------------------------------------------------------------

export interface AddedSheet {
  name: string;
  part: string; // xl/worksheets/sheetN.xml
  /** Its print plan, for the repeated header row and title columns. */
  print?: PrintPlan;
}

/** workbook.xml, its rels, [Content_Types].xml and docProps/app.xml with the report sheets added after the template's. */
export function addSheets(
  parts: { workbook: string; rels: string; contentTypes: string; app: string | null },
  templateSheets: readonly string[],
  added: readonly AddedSheet[],
): { workbook: string; rels: string; contentTypes: string; app: string | null } {
  let { workbook, rels, contentTypes, app } = parts;
  const ids = [...workbook.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1]));
  let sheetId = Math.max(0, ...ids);
  const lastTemplate = templateSheets[templateSheets.length - 1];
  const entries = added.map((s, k) => {
    const rid = `rIdMerge${k + 1}`;
    sheetId++;
    rels = rels.replace(
      '</Relationships>',
      `<Relationship Id="${rid}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${s.part.replace(/^xl\//, '')}"/></Relationships>`,
    );
    contentTypes = contentTypes.replace(
      '</Types>',
      `<Override PartName="/${s.part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    );
    return `<sheet sheetId="${sheetId}" name="${escapeAttr(s.name)}" state="visible" r:id="${rid}"/>`;
  });
  // After the template's own sheets, before the hidden lists and marker (print titles keep their localSheetId).
  const anchor = new RegExp(`(<sheet [^>]*name="${lastTemplate}"[^>]*/>)`);
  workbook = workbook.replace(anchor, `$1${entries.join('')}`);
  const at = [...workbook.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1]);
  const titles = added
    .map((s) => (s.print ? printTitlesName(s.name, at.indexOf(escapeAttr(s.name)), s.print, [1, 1]) : ''))
    .join('');
  if (titles) {
    workbook = workbook.includes('</definedNames>')
      ? workbook.replace('</definedNames>', `${titles}</definedNames>`)
      : workbook.replace('</sheets>', `</sheets><definedNames>${titles}</definedNames>`);
  }
  if (app) {
    const names = [...workbook.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1]);
    app = app
      .replace(/<vt:i4>\d+<\/vt:i4>/, `<vt:i4>${names.length}</vt:i4>`)
      .replace(
        /<TitlesOfParts>[\s\S]*?<\/TitlesOfParts>/,
        `<TitlesOfParts><vt:vector size="${names.length}" baseType="lpstr">${names.map((n) => `<vt:lpstr>${n}</vt:lpstr>`).join('')}</vt:vector></TitlesOfParts>`,
      );
  }
  return { workbook, rels, contentTypes, app };
}

/** The shared strings: the shell's own, then one 統合メモ per master row (most of them empty). */
export function* sstChunks(
  shell: readonly string[],
  notes: ReadonlyMap<number, string>,
  slots: number,
): Generator<string> {
  const total = shell.length + slots;
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${total}" uniqueCount="${total}">`;
  yield shell.join('');
  let buf = '';
  for (let s = 0; s < slots; s++) {
    const note = notes.get(s);
    buf += note ? `<si>${tElement(note)}</si>` : '<si><t></t></si>';
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  yield buf + '</sst>';
}
