// Workbook fixtures made by code: hand-written OOXML zipped with fflate (for what exceljs cannot produce:
// furigana, odd part paths, missing r attributes, date1904="true"), and exceljs-written workbooks.
import ExcelJS from 'exceljs';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { UnreadableError } from '../../../scripts/io/unreadable.js';

export const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function zipParts(parts: Record<string, string | Uint8Array>): Uint8Array {
  const z: Zippable = {};
  for (const [name, data] of Object.entries(parts)) z[name] = typeof data === 'string' ? strToU8(data) : data;
  return zipSync(z);
}

export interface SheetSpec {
  name: string;
  /** Inner XML of <sheetData>. */
  data: string;
  state?: 'hidden' | 'veryHidden';
  /** Part name; default xl/worksheets/sheet{n}.xml. */
  path?: string;
  /** Extra XML after </sheetData> (mergeCells, extLst …). */
  after?: string;
}

export interface PackageSpec {
  sheets: SheetSpec[];
  /** <si> inner XML per shared string (plain strings are wrapped in <t>). */
  sharedStrings?: string[];
  /** Full styles.xml content. */
  styles?: string;
  workbookPr?: string;
  definedNames?: string;
  /** Where the workbook part lives; default xl/workbook.xml. */
  workbookPath?: string;
  /** Write relationship targets as absolute part names (/xl/…) instead of relative ones. */
  absoluteTargets?: boolean;
  /** Content type of the workbook part. */
  workbookContentType?: string;
  /** Extra parts. */
  extra?: Record<string, string | Uint8Array>;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

export function buildPackage(spec: PackageSpec): Uint8Array {
  const wbPath = spec.workbookPath ?? 'xl/workbook.xml';
  const wbDir = wbPath.includes('/') ? wbPath.slice(0, wbPath.lastIndexOf('/') + 1) : '';
  const target = (part: string): string => (spec.absoluteTargets ? `/${part}` : part.slice(wbDir.length));
  const parts: Record<string, string | Uint8Array> = {};
  const rels: string[] = [];
  const overrides: string[] = [
    `<Override PartName="/${wbPath}" ContentType="${spec.workbookContentType ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'}"/>`,
  ];
  const sheetEls = spec.sheets.map((s, i) => {
    const path = s.path ?? `${wbDir}worksheets/sheet${i + 1}.xml`;
    parts[path] =
      `${XML_DECL}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><sheetData>${s.data}</sheetData>${s.after ?? ''}</worksheet>`;
    rels.push(`<Relationship Id="rIdS${i + 1}" Type="${REL_NS}/worksheet" Target="${target(path)}"/>`);
    overrides.push(
      `<Override PartName="/${path}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    return `<sheet name="${esc(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rIdS${i + 1}"/>`;
  });
  if (spec.sharedStrings) {
    const path = `${wbDir}sharedStrings.xml`;
    const sis = spec.sharedStrings.map((s) => `<si>${s.startsWith('<') ? s : `<t>${esc(s)}</t>`}</si>`).join('');
    parts[path] =
      `${XML_DECL}<sst xmlns="${NS}" count="${spec.sharedStrings.length}" uniqueCount="${spec.sharedStrings.length}">${sis}</sst>`;
    rels.push(`<Relationship Id="rIdSST" Type="${REL_NS}/sharedStrings" Target="${target(path)}"/>`);
  }
  if (spec.styles) {
    const path = `${wbDir}styles.xml`;
    parts[path] = spec.styles;
    rels.push(`<Relationship Id="rIdST" Type="${REL_NS}/styles" Target="${target(path)}"/>`);
  }
  parts[wbPath] =
    `${XML_DECL}<workbook xmlns="${NS}" xmlns:r="${REL_NS}">${spec.workbookPr ?? '<workbookPr/>'}` +
    `<sheets>${sheetEls.join('')}</sheets>${spec.definedNames ? `<definedNames>${spec.definedNames}</definedNames>` : ''}</workbook>`;
  parts[`${wbDir}_rels/${wbPath.slice(wbDir.length)}.rels`] =
    `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">${rels.join('')}</Relationships>`;
  parts['_rels/.rels'] =
    `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="${spec.absoluteTargets ? '/' : ''}${wbPath}"/></Relationships>`;
  parts['[Content_Types].xml'] =
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
    `<Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`;
  return zipParts({ ...parts, ...spec.extra });
}

/** styles.xml with the given custom formats; cellXfs[i] uses xfFormats[i]. */
export function stylesXml(numFmts: Record<number, string>, xfFormats: number[]): string {
  const fmts = Object.entries(numFmts)
    .map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${esc(code)}"/>`)
    .join('');
  const xfs = xfFormats.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join('');
  return (
    `${XML_DECL}<styleSheet xmlns="${NS}"><numFmts count="${Object.keys(numFmts).length}">${fmts}</numFmts>` +
    `<fonts count="1"><font/></fonts><fills count="1"><fill/></fills><borders count="1"><border/></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>` +
    `<cellXfs count="${xfFormats.length}">${xfs}</cellXfs>` +
    // A dxf numFmt (conditional formatting) must not be taken for a cell format.
    `<dxfs count="1"><dxf><numFmt numFmtId="${200}" formatCode="yyyy"/></dxf></dxfs></styleSheet>`
  );
}

export async function writeWithExcelJS(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A minimal CFB (one 512-byte directory sector) whose directory lists the given stream names. */
export function cfb(names: string[]): Uint8Array {
  const b = new Uint8Array(512 * 3);
  const dv = new DataView(b.buffer);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  dv.setUint16(0x1a, 3, true);
  dv.setUint16(0x1c, 0xfffe, true);
  dv.setUint16(0x1e, 9, true);
  dv.setUint32(0x2c, 1, true); // one FAT sector…
  dv.setUint32(0x4c, 0, true); // …at sector 0
  for (let i = 1; i < 109; i++) dv.setUint32(0x4c + i * 4, 0xffffffff, true);
  dv.setUint32(0x30, 1, true); // directory at sector 1
  dv.setUint32(0x44, 0xfffffffe, true);
  const fat = 512; // sector 0
  dv.setUint32(fat, 0xfffffffd, true); // FAT sector itself
  dv.setUint32(fat + 4, 0xfffffffe, true); // directory: end of chain
  const dir = 1024; // sector 1
  ['Root Entry', ...names].slice(0, 4).forEach((name, i) => {
    const e = dir + i * 128;
    for (let k = 0; k < name.length; k++) dv.setUint16(e + k * 2, name.charCodeAt(k), true);
    dv.setUint16(e + 0x40, (name.length + 1) * 2, true);
    b[e + 0x42] = i === 0 ? 5 : 2;
  });
  return b;
}

/** The UnreadableError code `f` throws, or "no error". */
export function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof UnreadableError) return e.code;
    throw e;
  }
  return 'no error';
}
