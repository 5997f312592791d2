// The parts of a hand-written workbook package around its sheets: content types, relationships, document properties
// and xl/workbook.xml with each sheet's print titles. The check summary (summary/summary.ts) and TableBook
// (table-book.ts) write their worksheets, styles and tables themselves and the rest through here.
import { quoteSheet } from '../../templates/model/grid.js';
import { escapeAttr, escapeText } from '../merge/xml.js';
import type { ZipWriter } from '../merge/zip-writer.js';
import { printTitlesName, type PrintPlan } from './print.js';

export const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A worksheet of the package: xl/worksheets/sheet{k}.xml, with its table at xl/tables/table{k}.xml if it has one. */
export interface PackageSheet {
  name: string;
  print: PrintPlan;
  /** The sheet's table part (the caller writes it and the sheet's relationship to it). */
  table?: boolean;
  /** The absolute range of the sheet's autoFilter ($A$1:$L$5001), named as Excel names it. */
  filter?: string;
}

/** Adds every part but the worksheets, the tables and xl/styles.xml (which the workbook's relationships name). */
export async function addWorkbookParts(zip: ZipWriter, title: string, sheets: readonly PackageSheet[]): Promise<void> {
  const each = (f: (s: PackageSheet, k: number) => string) => sheets.map((s, i) => f(s, i + 1)).join('');
  const type = 'application/vnd.openxmlformats-officedocument';
  await zip.add(
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${type}.spreadsheetml.sheet.main+xml"/>` +
      each(
        (_, k) =>
          `<Override PartName="/xl/worksheets/sheet${k}.xml" ContentType="${type}.spreadsheetml.worksheet+xml"/>`,
      ) +
      each((s, k) =>
        s.table ? `<Override PartName="/xl/tables/table${k}.xml" ContentType="${type}.spreadsheetml.table+xml"/>` : '',
      ) +
      `<Override PartName="/xl/styles.xml" ContentType="${type}.spreadsheetml.styles+xml"/>` +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      `<Override PartName="/docProps/app.xml" ContentType="${type}.extended-properties+xml"/></Types>`,
  );
  await zip.add(
    '_rels/.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  );
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  await zip.add(
    'docProps/core.xml',
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:title>${escapeText(title)}</dc:title><dc:creator>Daicho</dc:creator>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
  );
  await zip.add(
    'docProps/app.xml',
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Daicho</Application></Properties>`,
  );
  // The header row printed on every page (and the first column, when a sheet spans pages across); each filter named.
  const names = sheets.map(
    (s, i) =>
      printTitlesName(s.name, i, s.print, [1, 1]) +
      (s.filter
        ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeText(`${quoteSheet(s.name, { always: true })}!${s.filter}`)}</definedName>`
        : ''),
  );
  await zip.add(
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
      each((s, k) => `<sheet name="${escapeAttr(s.name)}" sheetId="${k}" r:id="rId${k}"/>`) +
      `</sheets><definedNames>${names.join('')}</definedNames></workbook>`,
  );
  await zip.add(
    'xl/_rels/workbook.xml.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
      each((_, k) => `<Relationship Id="rId${k}" Type="${REL}/worksheet" Target="worksheets/sheet${k}.xml"/>`) +
      `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
}
