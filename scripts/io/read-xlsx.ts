// The lean read path: an .xlsx/.xlsm package → Grid, following the package's relationships, with bounded work.
//
// Decisions:
// - Shared formulas: the master cell gets its own text; every dependent cell gets the master's text unshifted.
//   Formulas are only used to spot external links ([1]Sheet!A1) and error tokens, which shifting cannot change.
// - Defined names: only workbook-scoped ones go into Grid.names (like Office.js workbook.names); sheet-scoped names
//   (localSheetId) are skipped.
// - Only worksheets become GridSheets (like Office.js workbook.worksheets); chart, dialog and macro sheets are left out.
// - Merged cells, comments, drawings etc. are never parsed.
import { readRegularFileSync } from './paths.js';
import { basename } from 'node:path';
import { cellAddress, type CellValue, type Grid, type GridSheet } from '../../templates/model/grid.js';
import { isDateNumFmt } from '../../templates/model/numfmt.js';
import { readSharedStringsFromBytes } from './shared-strings.js';
import { localNameIs, PlainBytes } from './plain-bytes.js';
import { findEntry, readPart, readRelationships, type Relationship } from './package.js';
import { openSpreadsheetPackage, type SpreadsheetPackage } from './sniff.js';
import { UnreadableError } from './unreadable.js';
import {
  cellValue,
  type CellReading,
  MAX_COLS,
  MAX_ROWS,
  putValue,
  readSheetData,
  type SheetCells,
  unescapeX,
} from './sheet-data.js';
import { DEFAULT_CHUNK_BYTES, parsePlainXml, parseXml, parseXmlWithSaxes, type XmlHandlers } from './xml.js';

export { UnreadableError } from './unreadable.js';

export interface ReadXlsxOptions {
  /** Refuse when the parts we would inflate declare more than this in total (default 200 MB). */
  maxUncompressedBytes?: number;
  /** Refuse when the workbook holds more non-empty cells than this (default 5,000,000). */
  maxCells?: number;
  /** Refuse files larger than this (default: maxUncompressedBytes). */
  maxFileBytes?: number;
  /** Used only to tell a renamed CSV from other text. */
  fileName?: string;
  /** Size of the slices a part is decoded in (tests use small values to cross slice boundaries). */
  chunkBytes?: number;
  /**
   * Read sheetData, the shared strings and the styles straight from the bytes where the byte readers take them
   * (default true; tests compare both ways).
   */
  sheetDataFromBytes?: boolean;
}

export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024;
export const DEFAULT_MAX_CELLS = 5_000_000;
/** A part this big that inflates more than this many times its compressed size is treated as a zip bomb. */
const BOMB_MIN_BYTES = 4 * 1024 * 1024;
const BOMB_RATIO = 250;

type SheetState = NonNullable<GridSheet['state']>;

export interface SheetInfo {
  name: string;
  state: SheetState;
  /** Worksheet part name, e.g. 'xl/worksheets/sheet1.xml'. */
  part: string;
}

interface WorkbookInfo {
  sheets: SheetInfo[];
  date1904: boolean;
  names: Record<string, string>;
  rels: Relationship[];
}

export async function readXlsxFile(path: string, opts: ReadXlsxOptions = {}): Promise<Grid> {
  const limit = opts.maxFileBytes ?? opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  // Opened without blocking and checked to be a regular file: a FIFO named .xlsx must not hang the reader.
  const { bytes, stats } = readRegularFileSync(path, limit);
  if (!bytes) throw new UnreadableError('too-large', { detail: `${stats.size} bytes` });
  return readXlsx(bytes, { ...opts, fileName: opts.fileName ?? basename(path) });
}

/** Sheet names and visibility, without reading any cells. */
export function readSheetNames(bytes: Uint8Array, opts: ReadXlsxOptions = {}): SheetInfo[] {
  return readWorkbook(open(bytes, opts), opts).sheets;
}

export function readXlsx(bytes: Uint8Array, opts: ReadXlsxOptions = {}): Grid {
  const maxBytes = opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  const chunk = opts.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  const pkg = open(bytes, opts);
  const wb = readWorkbook(pkg, opts);
  const { zip } = pkg;
  const sstPart = wb.rels.find((r) => r.type === 'sharedStrings' && !r.external)?.target;
  const stylesPart = wb.rels.find((r) => r.type === 'styles' && !r.external)?.target;

  // Refuse before inflating anything large: declared sizes of every part we are about to read.
  let total = 0;
  for (const part of [sstPart, stylesPart, ...wb.sheets.map((s) => s.part)]) {
    if (part === undefined) continue;
    const e = findEntry(zip, part);
    if (!e) throw new UnreadableError('missing-part', { part });
    if (e.size > BOMB_MIN_BYTES && e.size > e.compressedSize * BOMB_RATIO) {
      throw new UnreadableError('zip-bomb', { part, detail: `${e.compressedSize} → ${e.size} bytes` });
    }
    total += e.size;
  }
  if (total > maxBytes) throw new UnreadableError('too-large', { detail: `${total} bytes of XML to read` });

  const fromBytes = opts.sheetDataFromBytes ?? true;
  let sst: string[] = [];
  if (sstPart) {
    const data = readPart(zip, sstPart, maxBytes);
    sst = (fromBytes && readSharedStringsFromBytes(data, sstPart)) || readSharedStrings(data, sstPart, chunk);
  }
  const dateXf = stylesPart ? readDateStyles(readPart(zip, stylesPart, maxBytes), stylesPart, chunk, fromBytes) : [];
  const budget = { cells: opts.maxCells ?? DEFAULT_MAX_CELLS };
  const sheets = wb.sheets.map((s) => {
    const sheet = readCells(readPart(zip, s.part, maxBytes), { sst, dateXf, budget, part: s.part }, chunk, fromBytes);
    return { name: s.name, state: s.state, ...sheet };
  });
  return { sheets, date1904: wb.date1904, names: wb.names };
}

function open(bytes: Uint8Array, opts: ReadXlsxOptions): SpreadsheetPackage {
  return openSpreadsheetPackage(bytes, opts.fileName ?? '', {
    maxFileBytes: opts.maxFileBytes ?? opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES,
  });
}

function readWorkbook(pkg: SpreadsheetPackage, opts: ReadXlsxOptions): WorkbookInfo {
  const { zip, workbookPath } = pkg;
  const maxBytes = opts.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  const rels = readRelationships(zip, workbookPath);
  const listed: { name: string; state: SheetState; rid: string | undefined }[] = [];
  const names: Record<string, string> = {};
  let date1904 = false;
  let inSheets = false;
  let name: { key: string; sheetScoped: boolean; text: string } | null = null;
  parseXml(readPart(zip, workbookPath, maxBytes), workbookPath, {
    open(tag, a) {
      if (tag === 'sheets') inSheets = true;
      else if (tag === 'sheet' && inSheets) {
        // The relationship id attribute is r:id, but producers pick their own prefix (d3p1:id …).
        let rid: string | undefined;
        for (const k in a) if (k.endsWith(':id')) rid = a[k];
        const state = a.state === 'hidden' || a.state === 'veryHidden' ? a.state : 'visible';
        listed.push({ name: a.name ?? '', state, rid });
      } else if (tag === 'workbookPr' && a.date1904 !== undefined) {
        // Only when present: an extLst <x14:workbookPr/> comes later and must not reset it.
        const v = a.date1904.toLowerCase();
        date1904 = v === '1' || v === 'true';
      } else if (tag === 'definedName' && a.name) {
        name = { key: a.name, sheetScoped: a.localSheetId !== undefined, text: '' };
      }
    },
    close(tag) {
      if (tag === 'sheets') inSheets = false;
      else if (tag === 'definedName' && name) {
        if (!name.sheetScoped && name.key !== '__proto__') names[name.key] = name.text;
        name = null;
      }
    },
    text(t) {
      if (name) name.text += t;
    },
  });
  const sheets: SheetInfo[] = [];
  for (const s of listed) {
    const rel = rels.find((r) => r.id === s.rid);
    if (!rel || rel.external)
      throw new UnreadableError('missing-part', { part: workbookPath, detail: `sheet "${s.name}" has no part` });
    if (rel.type !== 'worksheet') continue;
    sheets.push({ name: s.name, state: s.state, part: rel.target });
  }
  if (sheets.length === 0) throw new UnreadableError('no-sheets', { part: workbookPath });
  return { sheets, date1904, names, rels };
}

/** The shared strings by the general scanner (readSharedStringsFromBytes gives the same where it takes the part). */
export function readSharedStrings(data: Uint8Array, part: string, chunk = DEFAULT_CHUNK_BYTES): string[] {
  const out: string[] = [];
  let cur = '';
  let inT = false;
  let inPhonetic = false;
  parseXml(
    data,
    part,
    {
      open(tag) {
        if (tag === 't') inT = true;
        else if (tag === 'si') cur = '';
        // <rPh> holds furigana for the run; it is not part of the cell's text.
        else if (tag === 'rPh') inPhonetic = true;
      },
      close(tag) {
        if (tag === 't') inT = false;
        else if (tag === 'rPh') inPhonetic = false;
        else if (tag === 'si') out.push(unescapeX(cur));
      },
      text(t) {
        if (inT && !inPhonetic) cur += t;
      },
    },
    chunk,
  );
  return out;
}

/**
 * For each cellXfs index: does its number format show a date? Read on the bytes (PlainBytes) when they read plainly
 * and `fromBytes`, else by the general scanner; both hand the same elements and attributes to the same code.
 */
function readDateStyles(data: Uint8Array, part: string, chunk: number, fromBytes: boolean): boolean[] {
  const codes = new Map<number, string>();
  const xfFormats: number[] = [];
  let inNumFmts = false;
  let inCellXfs = false;
  const open = (tag: string, attr: (name: string) => string | undefined): void => {
    if (tag === 'numFmts') inNumFmts = true;
    else if (tag === 'cellXfs') inCellXfs = true;
    else if (tag === 'numFmt' && inNumFmts) codes.set(Number(attr('numFmtId')), attr('formatCode') ?? '');
    else if (tag === 'xf' && inCellXfs) xfFormats.push(Number(attr('numFmtId') ?? 0));
  };
  const close = (tag: string): void => {
    if (tag === 'numFmts') inNumFmts = false;
    else if (tag === 'cellXfs') inCellXfs = false;
  };
  const bytes = new PlainBytes(data);
  const local = (start: number, end: number): string =>
    STYLE_TAGS.find((name) => localNameIs(data, start, end, name)) ?? '';
  const plain =
    fromBytes &&
    bytes.scan(
      (start, end) => open(local(start, end), (name) => bytes.attr(name)),
      (start, end) => close(local(start, end)),
    );
  if (!plain) {
    codes.clear();
    xfFormats.length = 0;
    inNumFmts = inCellXfs = false;
    parseXml(data, part, { open: (tag, a) => open(tag, (name) => a[name]), close }, chunk);
  }
  return xfFormats.map((id) => isDateNumFmt(id, codes.get(id)));
}

const STYLE_TAGS = ['numFmts', 'cellXfs', 'numFmt', 'xf'];

/**
 * A worksheet's cells: by readSheetData when it takes the part, else scanned by parsePlainXml as it decodes (a large
 * sheet's calls are not kept for later, as parseXml keeps a small part's); a part neither takes is read again by
 * saxes alone, from the start.
 */
function readCells(data: Uint8Array, reading: CellReading, chunk: number, fromBytes: boolean): SheetCells {
  const { budget, part } = reading;
  const cells = budget.cells;
  const lean = fromBytes ? readSheetData(data, reading) : null;
  if (lean) return lean;
  budget.cells = cells;
  try {
    return readWorksheet(reading, (h) => parsePlainXml(data, part, h, chunk));
  } catch (err) {
    // Our own verdict on the file (too many cells, …) is what saxes would reach too: no second read for it.
    if (err instanceof UnreadableError) throw err;
    budget.cells = cells;
    return readWorksheet(reading, (h) => parseXmlWithSaxes(data, part, h, chunk));
  }
}

function readWorksheet(reading: CellReading, parse: (h: XmlHandlers) => void): SheetCells {
  const { sst, dateXf, part } = reading;
  const rows: CellValue[][] = [];
  const formulas: Record<string, string> = {};
  const dateCells = new Set<string>();
  const sharedFormulas = new Map<string, string>();

  let inSheetData = false;
  let rowIdx = -1;
  let colIdx = -1;
  // The open cell: position, attributes, and the text of its <v>, <f> and inline <is>.
  let inCell = false;
  let row = 0;
  let col = 0;
  let ref: string | undefined;
  let refIsA1 = false; // ref is plain upper-case A1 (no '$', no lower case) and can be used as the address key
  let type: string | undefined;
  let style: string | undefined;
  let collect = 0; // 0 nothing, 1 <v>, 2 <f>, 3 inline <t>
  let v: string | null = null;
  let f: string | null = null;
  let fType: string | undefined;
  let fSi: string | undefined;
  let inline: string | null = null;
  let inPhonetic = false;

  const address = (): string => (refIsA1 ? (ref as string) : cellAddress(row, col));
  const bad = (detail: string): UnreadableError => new UnreadableError('malformed-xml', { part, detail });

  const finishCell = (): void => {
    const value = cellValue(type, v, inline, sst);
    if (value !== null || f !== null) {
      if (value !== null) {
        putValue(rows, row, col, value, reading);
        if (typeof value === 'number' && style !== undefined && dateXf[+style]) dateCells.add(address());
      }
      if (f !== null) formulas[address()] = f;
    }
  };

  parse({
    open(tag, a) {
      if (!inSheetData) {
        if (tag === 'sheetData') inSheetData = true;
        return;
      }
      switch (tag) {
        case 'c': {
          inCell = true;
          ref = a.r;
          type = a.t;
          style = a.s;
          v = f = inline = null;
          collect = 0;
          inPhonetic = false;
          let c = 0;
          let r = 0;
          refIsA1 = true;
          if (ref !== undefined) {
            // Hand-rolled A1 parse: this runs once per cell.
            let i = 0;
            for (; i < ref.length; i++) {
              const ch = ref.charCodeAt(i);
              if (ch >= 65 && ch <= 90) c = c * 26 + ch - 64;
              else if (ch >= 97 && ch <= 122) {
                c = c * 26 + ch - 96;
                refIsA1 = false;
              } else if (ch === 0x24)
                refIsA1 = false; // '$'
              else break;
            }
            for (; i < ref.length; i++) {
              const ch = ref.charCodeAt(i);
              if (ch >= 48 && ch <= 57) r = r * 10 + ch - 48;
              else if (ch === 0x24) refIsA1 = false;
              else {
                r = 0;
                break;
              }
            }
          }
          // Some producers omit r: the cell then follows the previous one in its row.
          if (c === 0 || r === 0) {
            refIsA1 = false;
            col = colIdx + 1;
            row = rowIdx < 0 ? 0 : rowIdx;
          } else {
            col = c - 1;
            row = r - 1;
          }
          if (col >= MAX_COLS || row >= MAX_ROWS) throw bad(`cell reference out of range: ${ref}`);
          colIdx = col;
          return;
        }
        case 'v':
          if (inCell) {
            collect = 1;
            v = '';
          }
          return;
        case 'f':
          if (inCell) {
            collect = 2;
            f = '';
            fType = a.t;
            fSi = a.si;
          }
          return;
        case 'is':
          if (inCell) inline = '';
          return;
        case 't':
          if (inline !== null && !inPhonetic) collect = 3;
          return;
        case 'rPh':
          inPhonetic = true;
          return;
        case 'row': {
          const r = a.r === undefined ? NaN : +a.r;
          rowIdx = r >= 1 ? r - 1 : rowIdx + 1;
          if (rowIdx >= MAX_ROWS) throw bad(`row number out of range: ${rowIdx + 1}`);
          colIdx = -1;
          return;
        }
      }
    },
    close(tag) {
      if (!inSheetData) return;
      switch (tag) {
        case 'c':
          if (inCell) finishCell();
          inCell = false;
          return;
        case 'v':
        case 't':
          collect = 0;
          return;
        case 'f':
          collect = 0;
          if (fType === 'shared' && fSi !== undefined && f !== null) {
            if (f !== '') sharedFormulas.set(fSi, f);
            else f = sharedFormulas.get(fSi) ?? '';
          }
          return;
        case 'rPh':
          inPhonetic = false;
          return;
        case 'sheetData':
          inSheetData = false;
          return;
      }
    },
    text(t) {
      if (collect === 1) v += t;
      else if (collect === 2) f += t;
      else if (collect === 3) inline += t;
    },
  });
  return { rows, formulas, dateCells };
}
