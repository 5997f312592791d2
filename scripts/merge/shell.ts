// The template shell of a merged master: the blank template as the template writer builds it (one definition of the
// template's look: dropdowns, formats, frozen styled header, protection, print setup, the _daicho marker), plus a few
// probe cells whose only purpose is to make exceljs register the extra cell styles the master needs (a date variant
// of every column, the provenance columns, links, highlighted differences). The master's sheetData is then written by
// hand with those style ids, and the probe rows never reach the output.
import ExcelJS from 'exceljs';
import { columnIndex } from '../../templates/model/grid.js';
import { FIRST_DATA_ROW, HEADER_ROW } from '../../templates/model/layout.js';
import type { TableSheetDef, TemplateDef } from '../../templates/model/types.js';
import { inflateEntry, readZip } from '../io/zip.js';
import { buildTemplateWorkbook } from '../xlsx/template-writer.js';

export interface TableShell {
  sd: TableSheetDef;
  /** Worksheet part, e.g. 'xl/worksheets/sheet1.xml'. */
  part: string;
  /** Worksheet XML before <sheetData>. */
  head: string;
  /** Rows 1 (title) and 2 (header) as the template writes them, without `spans`. */
  titleRow: string;
  headerRow: string;
  /** Worksheet XML after </sheetData>. */
  tail: string;
  /** Per field: the style of its data cells, and the same style showing a date. */
  dataStyle: number[];
  dateStyle: number[];
  widths: number[];
}

export interface ShellStyles {
  header: number;
  /** Header of a column the merge added (provenance, a report sheet's column). */
  addedHeader: number;
  /** Unlocked plain text/number cell, and the same showing a date. */
  text: number;
  date: number;
  link: number;
  /** A value that differs between conflicting records (conflict sheet). */
  diff: number;
  /** Differential format (conditional formatting) that highlights a conflicting row. */
  conflictDxf: number;
}

export interface Shell {
  def: TemplateDef;
  /** Every part of the shell package except the table worksheets and the shared strings. */
  parts: Map<string, Uint8Array>;
  /** The shell's shared strings, as <si> elements (titles, headers, the dropdown lists, the marker). */
  sst: string[];
  tables: TableShell[];
  styles: ShellStyles;
  /** Parts names of the workbook, its relationships, content types and app properties (kept in `parts`). */
  workbookPart: string;
}

const decoder = new TextDecoder();

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v ?? {})) as T;

function styleIds(rowXml: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const m of rowXml.matchAll(/<c\b([^>]*?)\/?>/g)) {
    const ref = /\br="([A-Z]+)\d+"/.exec(m[1]);
    const s = /\bs="(\d+)"/.exec(m[1]);
    if (!ref) continue;
    out.set(columnIndex(ref[1]), s ? Number(s[1]) : 0);
  }
  return out;
}

function rowXml(sheetData: string, r: number): string {
  const m = new RegExp(`<row r="${r}"[^>]*?(?:/>|>[\\s\\S]*?</row>)`).exec(sheetData);
  return m ? m[0].replace(/\sspans="[^"]*"/, '') : `<row r="${r}"/>`;
}

/** Build the shell of a template's master workbook. */
export async function buildShell(def: TemplateDef): Promise<Shell> {
  const wb = await buildTemplateWorkbook(def);
  const tables = def.sheets.filter((s): s is TableSheetDef => s.kind === 'table');
  const probes = new Map<string, number>();
  for (const sd of tables) {
    const ws = wb.getWorksheet(sd.name)!;
    const p = ws.rowCount + 5;
    probes.set(sd.name, p);
    sd.fields.forEach((_, c) => {
      const probe = ws.getCell(p, c + 1);
      probe.style = { ...clone(ws.getCell(FIRST_DATA_ROW + 1, c + 1).style), numFmt: 'yyyy/mm/dd' };
    });
  }
  // The workbook-wide styles ride on the first table sheet's probe row + 1.
  const first = wb.getWorksheet(tables[0].name)!;
  const q = probes.get(tables[0].name)! + 1;
  const headerStyle = clone(first.getCell(HEADER_ROW + 1, 1).style);
  const textField = tables[0].fields.findIndex((f) => f.type.kind === 'text');
  const textStyle = clone(first.getCell(FIRST_DATA_ROW + 1, textField + 1).style);
  delete textStyle.numFmt;
  delete textStyle.fill;
  delete textStyle.border;
  const grey = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF595959' } } as ExcelJS.Fill;
  first.getCell(q, 1).style = { ...clone(headerStyle), fill: grey };
  first.getCell(q, 2).style = clone(textStyle);
  first.getCell(q, 3).style = { ...clone(textStyle), numFmt: 'yyyy/mm/dd' };
  first.getCell(q, 4).style = {
    ...clone(textStyle),
    font: { ...clone(textStyle.font), color: { argb: 'FF0563C1' }, underline: true },
  };
  first.getCell(q, 5).style = {
    ...clone(textStyle),
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } },
    font: { ...clone(textStyle.font), color: { argb: 'FF9C0006' }, bold: true },
  };
  first.addConditionalFormatting({
    ref: `A${q + 1}`,
    rules: [
      {
        type: 'expression',
        priority: 99,
        formulae: ['FALSE'],
        // The template's thin grey borders too: where only one rule applies (LibreOffice), this one must draw them.
        style: {
          fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFCE4D6' } },
          font: { color: { argb: 'FF9C0006' } },
          border: Object.fromEntries(
            ['top', 'left', 'bottom', 'right'].map((k) => [k, { style: 'thin', color: { argb: 'FFBFBFBF' } }]),
          ),
        },
      },
    ],
  });

  const zip = readZip(new Uint8Array(await wb.xlsx.writeBuffer()));
  const parts = new Map<string, Uint8Array>();
  for (const e of zip.entries) if (!e.name.endsWith('/')) parts.set(e.name, inflateEntry(zip, e, 64 << 20));
  const text = (name: string): string => decoder.decode(parts.get(name)!);

  const workbookPart = 'xl/workbook.xml';
  const workbook = text(workbookPart);
  const rels = text('xl/_rels/workbook.xml.rels');
  const partOf = (sheet: string): string => {
    const m = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(workbook);
    const rel = m && new RegExp(`Id="${m[1]}"[^>]*Target="([^"]+)"`).exec(rels);
    if (!rel) throw new Error(`shell: no part for sheet ${sheet}`);
    return `xl/${rel[1].replace(/^\/?xl\//, '')}`;
  };

  let styles: ShellStyles | undefined;
  const shells: TableShell[] = tables.map((sd, k) => {
    const part = partOf(sd.name);
    const xml = text(part);
    parts.delete(part);
    const open = xml.indexOf('<sheetData>');
    const close = xml.indexOf('</sheetData>');
    const sheetData = xml.slice(open + '<sheetData>'.length, close);
    const p = probes.get(sd.name)!;
    const data = styleIds(rowXml(sheetData, FIRST_DATA_ROW + 1));
    const dates = styleIds(rowXml(sheetData, p));
    let tail = xml.slice(close + '</sheetData>'.length);
    if (k === 0) {
      const extras = styleIds(rowXml(sheetData, p + 1));
      const cf = new RegExp(`<conditionalFormatting sqref="A${p + 2}">[\\s\\S]*?</conditionalFormatting>`).exec(tail);
      const dxf = cf && /dxfId="(\d+)"/.exec(cf[0]);
      if (!cf || !dxf) throw new Error('shell: conflict highlight format not found');
      tail = tail.replace(cf[0], '');
      styles = {
        header: styleIds(rowXml(sheetData, HEADER_ROW + 1)).get(0) ?? 0,
        addedHeader: extras.get(0)!,
        text: extras.get(1)!,
        date: extras.get(2)!,
        link: extras.get(3)!,
        diff: extras.get(4)!,
        conflictDxf: Number(dxf[1]),
      };
    }
    // exceljs may leave an empty <conditionalFormatting> wrapper count; nothing else refers to the probe rows.
    return {
      sd,
      part,
      head: xml.slice(0, open),
      titleRow: rowXml(sheetData, 1),
      headerRow: rowXml(sheetData, HEADER_ROW + 1),
      tail,
      dataStyle: sd.fields.map((_, c) => data.get(c) ?? 0),
      dateStyle: sd.fields.map((_, c) => dates.get(c) ?? 0),
      widths: sd.fields.map((_, c) => first.workbook.getWorksheet(sd.name)!.getColumn(c + 1).width ?? 10),
    };
  });

  const sstPart = 'xl/sharedStrings.xml';
  const sst = parts.has(sstPart) ? [...text(sstPart).matchAll(/<si>[\s\S]*?<\/si>|<si\/>/g)].map((m) => m[0]) : [];
  parts.delete(sstPart);
  return { def, parts, sst, tables: shells, styles: styles!, workbookPart };
}
