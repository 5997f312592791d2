// The worksheet's <sheetData> read straight from the inflated bytes: rows of <c> cells with <v> and <f>, the way
// Excel, LibreOffice, exceljs and most other producers write them. No text is decoded except the values that are
// kept, no attribute objects are built, and a shared-string index never becomes a string. Anything else inside
// sheetData (inline strings, prefixed names, comments, entities in attributes, a cell outside a row …) is not taken:
// readSheetData returns null and the caller reads the part with the general scanner, which gives the same cells.
// What lies around sheetData is checked by that general scanner too, so the verdict on a malformed part is the same.
import { cellAddress, type CellValue } from '../../templates/model/grid.js';
import { decodeText, isNameCode, isSpace, NotPlainContent, parsePlainXml } from './xml.js';
import { UnreadableError } from './unreadable.js';
import { latin1, localNameIs, PlainBytes } from './plain-bytes.js';

export interface SheetCells {
  rows: CellValue[][];
  formulas: Record<string, string>;
  dateCells: Set<string>;
}

/** What a cell holds once read: shared by this reader and the general one, so both give the same value. */
export interface CellReading {
  sst: string[];
  dateXf: boolean[];
  budget: { cells: number };
  part: string;
}

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

const LT = 60;
const GT = 62;
const SLASH = 47;
const EQ = 61;
const QUOT = 34;
const APOS = 39;
const AMP = 38;

const utf8 = new TextDecoder('utf-8');

/** Bytes b[start, end) at `at` equal the ASCII text `s`. */
export function bytesAre(b: Uint8Array, at: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (b[at + k] !== s.charCodeAt(k)) return false;
  return true;
}

export function indexOfText(b: Uint8Array, s: string, from: number): number {
  const first = s.charCodeAt(0);
  for (let i = b.indexOf(first, from); i >= 0; i = b.indexOf(first, i + 1)) if (bytesAre(b, i, s)) return i;
  return -1;
}

/** The last `s` in b, searched from the end: what follows sheetData is short, what precedes it may be 100 MB. */
export function lastIndexOfText(b: Uint8Array, s: string): number {
  const first = s.charCodeAt(0);
  for (let i = b.lastIndexOf(first); i >= 0; i = i > 0 ? b.lastIndexOf(first, i - 1) : -1)
    if (bytesAre(b, i, s)) return i;
  return -1;
}

/**
 * The sheetData element's content: from after its start tag to its (last) end tag, or null when there is none to
 * read (self-closing, prefixed, missing, or more than one). An end tag inside the content stops the row scan.
 */
function sheetDataBody(b: Uint8Array): { start: number; end: number } | null {
  const open = indexOfText(b, '<sheetData', 0);
  if (open < 0) return null;
  let p = open + 10;
  if (b[p] !== GT && !isSpace(b[p])) return null;
  const gt = b.indexOf(GT, p);
  if (gt < 0 || b[gt - 1] === SLASH) return null;
  p = gt + 1;
  const close = lastIndexOfText(b, '</sheetData>');
  if (close < p || indexOfText(b, '<sheetData', close) >= 0) return null;
  return { start: p, end: close };
}

/**
 * How many elements b without its content b[body.start, body.end) opens, all of them and those of local name `name`,
 * when that frame reads plainly; else null. Checked on the bytes (PlainBytes), else by the plain scanner.
 */
export function plainFrame(
  b: Uint8Array,
  body: { start: number; end: number },
  part: string,
  name: string,
): { all: number; named: number } | null {
  const frame = new Uint8Array(b.length - (body.end - body.start));
  frame.set(b.subarray(0, body.start), 0);
  frame.set(b.subarray(body.end), body.start);
  const count = { all: 0, named: 0 };
  const bytes = new PlainBytes(frame);
  if (
    bytes.scan((start, end) => {
      count.all++;
      if (localNameIs(frame, start, end, name)) count.named++;
    })
  )
    return count;
  count.all = count.named = 0;
  try {
    parsePlainXml(frame, part, {
      open(local) {
        count.all++;
        if (local === name) count.named++;
      },
    });
  } catch (err) {
    if (err instanceof NotPlainContent) return null;
    throw err;
  }
  return count;
}

/** The part without the content of sheetData reads plainly, with one sheetData in it. */
function frameIsPlain(b: Uint8Array, body: { start: number; end: number }, part: string): boolean {
  return plainFrame(b, body, part, 'sheetData')?.named === 1;
}

/** Text of b[start, end) as the general scanner hands it over (decoded, entities resolved); throws NotPlainContent. */
export function textAt(b: Uint8Array, start: number, end: number): string {
  let ascii = true;
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c >= 0x80 || c < 0x20 || c === AMP || c === 93 /* ']' */) {
      ascii = false;
      break;
    }
  }
  return ascii ? latin1(b, start, end) : decodeText(utf8.decode(b.subarray(start, end)));
}

/** An attribute value the general scanner would take as it is: no '<', '&', control characters, U+FFFE/U+FFFF. */
function plainValue(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i];
    if (c < 0x20 || c === LT || c === AMP) return false;
    if (c === 0xef && b[i + 1] === 0xbf && (b[i + 2] === 0xbe || b[i + 2] === 0xbf)) return false;
  }
  return true;
}

/** Excel escapes characters XML cannot carry as _xHHHH_ (and a literal "_x" as _x005F_x). */
export function unescapeX(s: string): string {
  if (s.indexOf('_x') < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

const ISO_DATE = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?)?(Z|[+-]\d\d:?\d\d)?$/;
const ISO_TIME = /^T?(\d\d):(\d\d)(?::(\d\d)(\.\d+)?)?$/;

/**
 * t="d" cells hold ISO 8601 text. Without a zone it is a wall-clock value, which we pin to UTC like exceljs does
 * for serials; a bare time is put on Excel's day zero (1899-12-30), where serial 0.x would land.
 */
function parseIsoDate(text: string): Date | null {
  const s = text.trim();
  const t = ISO_TIME.exec(s);
  if (t)
    return new Date(Date.UTC(1899, 11, 30, +t[1], +t[2], +(t[3] ?? 0), t[4] ? Math.round(Number(t[4]) * 1000) : 0));
  const m = ISO_DATE.exec(s);
  if (!m) return null;
  if (m[8]) {
    const ms = Date.parse(s);
    return Number.isNaN(ms) ? null : new Date(ms);
  }
  const ms = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms));
}

/** A cell's value from its type (t), the text of its <v> and of its inline string. */
export function cellValue(type: string | undefined, v: string | null, inline: string | null, sst: string[]): CellValue {
  switch (type) {
    case 's':
      return v !== null && v !== '' ? (sst[+v] ?? null) : null;
    case 'inlineStr':
      return inline !== null ? unescapeX(inline) : v;
    case 'str':
      return v === null ? null : unescapeX(v);
    case 'b':
      return v === null || v === '' ? null : v === '1' || v.toLowerCase() === 'true';
    case 'e':
      return v === null || v === '' ? null : { error: v };
    case 'd':
      return v === null || v === '' ? null : (parseIsoDate(v) ?? v);
    default:
      if (v !== null && v !== '') {
        const n = +v;
        return Number.isNaN(n) ? v : n;
      }
      return null;
  }
}

/** Puts a value into rows, counting it against the budget. */
export function putValue(rows: CellValue[][], row: number, col: number, value: CellValue, reading: CellReading): void {
  if (--reading.budget.cells < 0) throw new UnreadableError('too-many-cells', { part: reading.part });
  const r = rows[row] ?? (rows[row] = []);
  r[col] = value;
}

/** The cell type attribute's text, without building a string for the types there are. */
function typeAt(b: Uint8Array, start: number, end: number): string | undefined {
  if (start < 0) return undefined;
  const n = end - start;
  if (n === 1) {
    const c = b[start];
    if (c === 115) return 's';
    if (c === 110) return 'n';
    if (c === 98) return 'b';
    if (c === 101) return 'e';
    if (c === 100) return 'd';
  } else if (n === 3 && bytesAre(b, start, 'str')) return 'str';
  else if (n === 9 && bytesAre(b, start, 'inlineStr')) return 'inlineStr';
  return latin1(b, start, end);
}

/**
 * The cells of a worksheet part, or null when its sheetData holds anything this reader does not take (the caller
 * then reads the part with the general scanner). Throws UnreadableError for what the general reader would refuse
 * too (too many cells, a cell out of range).
 */
export function readSheetData(b: Uint8Array, reading: CellReading): SheetCells | null {
  if (b[0] === 0xff || b[0] === 0xfe) return null; // UTF-16
  const body = sheetDataBody(b);
  if (!body || !frameIsPlain(b, body, reading.part)) return null;
  try {
    return scanRows(b, body.start, body.end, reading);
  } catch (err) {
    if (err instanceof NotPlainContent) return null;
    throw err;
  }
}

const bad = (part: string, detail: string): UnreadableError => new UnreadableError('malformed-xml', { part, detail });

/** What the attributes of a start tag are read for. */
const enum Tag {
  Row,
  Cell,
  Formula,
  Other,
}

/**
 * Reads the rows of sheetData from b[start, end). Positions are passed and returned as numbers; what a start tag's
 * attributes say is left in the fields below. Every method throws NotPlainContent for what it does not take.
 */
export class RowScanner {
  // The last start tag's attributes that matter: row r; cell r, t, s; formula t="shared", si.
  rowNumber = -2; // -2 absent
  refStart = 0;
  refEnd = 0;
  typeStart = -1;
  typeEnd = -1;
  style = NaN;
  sharedFormula = false;
  formulaIndex: string | undefined = undefined;
  // Attribute names seen on the current tag (hash, start, end), to refuse a repeated one as the general scanner does.
  private readonly seen: number[] = [];
  private seenCount = 0;

  constructor(
    private readonly b: Uint8Array,
    private readonly end: number,
  ) {}

  skipSpace(p: number): number {
    const b = this.b;
    while (isSpace(b[p])) p++;
    return p;
  }

  /**
   * The attributes from p (just after the element name) to the end of the start tag: returns the position after
   * '>', negated when the tag closes itself.
   */
  attributes(p: number, tag: Tag): number {
    const b = this.b;
    this.seenCount = 0;
    for (;;) {
      const spaced = isSpace(b[p]);
      while (isSpace(b[p])) p++;
      const c = b[p];
      if (c === GT) return p + 1;
      if (c === SLASH) {
        if (b[p + 1] !== GT) throw new NotPlainContent();
        return -(p + 2);
      }
      if (!spaced || p >= this.end) throw new NotPlainContent();
      const nameStart = p;
      let hash = 0;
      while (isNameCode(b[p])) hash = (hash * 31 + b[p++]) | 0;
      const nameEnd = p;
      const first = b[nameStart];
      if (nameEnd === nameStart || (first >= 48 && first <= 57) || first === 45 || first === 46)
        throw new NotPlainContent();
      this.notSeen(hash, nameStart, nameEnd);
      while (isSpace(b[p])) p++;
      if (b[p] !== EQ) throw new NotPlainContent();
      p++;
      while (isSpace(b[p])) p++;
      const q = b[p];
      if (q !== QUOT && q !== APOS) throw new NotPlainContent();
      const valueStart = p + 1;
      const valueEnd = b.indexOf(q, valueStart);
      if (valueEnd < 0 || valueEnd >= this.end || !plainValue(b, valueStart, valueEnd)) throw new NotPlainContent();
      if (tag !== Tag.Other) this.take(tag, nameStart, nameEnd, valueStart, valueEnd);
      p = valueEnd + 1;
    }
  }

  /** attributes() of a tag whose attributes are not read. */
  skipAttributes(p: number): number {
    return this.attributes(p, Tag.Other);
  }

  private notSeen(hash: number, start: number, end: number): void {
    const { seen, b } = this;
    for (let k = 0; k < this.seenCount; k += 3) {
      if (seen[k] !== hash || seen[k + 2] - seen[k + 1] !== end - start) continue;
      let same = true;
      for (let j = 0; same && j < end - start; j++) same = b[seen[k + 1] + j] === b[start + j];
      if (same) throw new NotPlainContent();
    }
    seen[this.seenCount++] = hash;
    seen[this.seenCount++] = start;
    seen[this.seenCount++] = end;
  }

  private take(tag: Tag, ns: number, ne: number, vs: number, ve: number): void {
    const b = this.b;
    const name = b[ns];
    if (tag === Tag.Cell) {
      if (ne - ns !== 1) return;
      if (name === 114 /* r */) {
        this.refStart = vs;
        this.refEnd = ve;
      } else if (name === 116 /* t */) {
        this.typeStart = vs;
        this.typeEnd = ve;
      } else if (name === 115 /* s */) {
        this.style = ve - vs === 1 && b[vs] >= 48 && b[vs] <= 57 ? b[vs] - 48 : +latin1(b, vs, ve);
      }
    } else if (tag === Tag.Row) {
      if (ne - ns !== 1 || name !== 114 /* r */) return;
      let n = 0;
      for (let i = vs; i < ve; i++) {
        const c = b[i];
        if (c < 48 || c > 57 || n > MAX_ROWS) throw new NotPlainContent();
        n = n * 10 + c - 48;
      }
      if (ve === vs) throw new NotPlainContent();
      this.rowNumber = n;
    } else if (ne - ns === 1 && name === 116 /* t */) this.sharedFormula = ve - vs === 6 && bytesAre(b, vs, 'shared');
    else if (ne - ns === 2 && name === 115 && b[ns + 1] === 105 /* si */) this.formulaIndex = latin1(b, vs, ve);
  }

  /** From p, inside an element: the position of its end tag '</name>', checked. */
  endTag(p: number, name: string): number {
    const b = this.b;
    const lt = b.indexOf(LT, p);
    if (lt < 0 || lt >= this.end || b[lt + 1] !== SLASH || !bytesAre(b, lt + 2, name) || b[lt + 2 + name.length] !== GT)
      throw new NotPlainContent();
    return lt;
  }

  /** The text of <is>'s plain <t> runs, from p just after '<is'; returns [text, position after '</is>']. */
  inlineString(p: number): [string, number] {
    const b = this.b;
    const a = this.attributes(p, Tag.Other);
    if (a < 0) return ['', -a];
    let text = '';
    for (p = a; ;) {
      p = this.skipSpace(p);
      if (b[p] !== LT) throw new NotPlainContent();
      if (b[p + 1] === SLASH) {
        if (!bytesAre(b, p + 2, 'is>')) throw new NotPlainContent();
        return [text, p + 5];
      }
      if (b[p + 1] !== 116 /* t */ || isNameCode(b[p + 2])) throw new NotPlainContent();
      const t = this.attributes(p + 2, Tag.Other);
      if (t < 0) p = -t;
      else {
        const tEnd = this.endTag(t, 't');
        text += textAt(b, t, tEnd);
        p = tEnd + 4;
      }
    }
  }
}

function scanRows(b: Uint8Array, start: number, end: number, reading: CellReading): SheetCells {
  const { sst, dateXf, part } = reading;
  const rows: CellValue[][] = [];
  const formulas: Record<string, string> = {};
  const dateCells = new Set<string>();
  const sharedFormulas = new Map<string, string>();
  const sstLength = sst.length;
  const scan = new RowScanner(b, end);
  let rowIdx = -1;
  let p = start;

  for (;;) {
    p = scan.skipSpace(p);
    if (p >= end) break;
    if (b[p] !== LT || !bytesAre(b, p + 1, 'row') || isNameCode(b[p + 4])) throw new NotPlainContent();
    scan.rowNumber = -2;
    let after = scan.attributes(p + 4, Tag.Row);
    rowIdx = scan.rowNumber >= 1 ? scan.rowNumber - 1 : rowIdx + 1;
    if (rowIdx >= MAX_ROWS) throw bad(part, `row number out of range: ${rowIdx + 1}`);
    if (after < 0) {
      p = -after;
      continue;
    }
    let colIdx = -1;
    for (p = after; ;) {
      p = scan.skipSpace(p);
      if (b[p] !== LT) throw new NotPlainContent();
      if (b[p + 1] === SLASH) {
        if (!bytesAre(b, p + 2, 'row>')) throw new NotPlainContent();
        p += 6;
        break;
      }
      if (b[p + 1] !== 99 /* c */ || isNameCode(b[p + 2])) throw new NotPlainContent();
      scan.refStart = scan.refEnd = 0;
      scan.typeStart = scan.typeEnd = -1;
      scan.style = NaN;
      after = scan.attributes(p + 2, Tag.Cell);
      const { refStart, refEnd, typeStart, typeEnd, style } = scan;

      // The cell's position: its reference, or after the previous cell of the row.
      let col = 0;
      let row = 0;
      let refIsA1 = true;
      let i = refStart;
      for (; i < refEnd; i++) {
        const ch = b[i];
        if (ch >= 65 && ch <= 90) col = col * 26 + ch - 64;
        else if (ch >= 97 && ch <= 122) {
          col = col * 26 + ch - 96;
          refIsA1 = false;
        } else if (ch === 0x24) refIsA1 = false;
        else break;
      }
      for (; i < refEnd; i++) {
        const ch = b[i];
        if (ch >= 48 && ch <= 57) row = row * 10 + ch - 48;
        else if (ch === 0x24) refIsA1 = false;
        else {
          row = 0;
          break;
        }
      }
      if (refEnd === refStart || col === 0 || row === 0) {
        refIsA1 = false;
        col = colIdx + 1;
        row = rowIdx < 0 ? 0 : rowIdx;
      } else {
        col -= 1;
        row -= 1;
      }
      if (col >= MAX_COLS || row >= MAX_ROWS)
        throw bad(part, `cell reference out of range: ${latin1(b, refStart, refEnd)}`);
      colIdx = col;

      // Its <v>, <f> and <is>.
      let vStart = -1;
      let vEnd = -1;
      let f: string | null = null;
      let inline: string | null = null;
      if (after < 0) p = -after;
      else {
        for (p = after; ;) {
          p = scan.skipSpace(p);
          if (b[p] !== LT) throw new NotPlainContent();
          const c1 = b[p + 1];
          if (c1 === SLASH) {
            if (b[p + 2] !== 99 || b[p + 3] !== GT) throw new NotPlainContent();
            p += 4;
            break;
          }
          if (c1 === 118 /* v */ && !isNameCode(b[p + 2]) && vStart < 0) {
            const v = scan.attributes(p + 2, Tag.Other);
            if (v < 0) p = vStart = vEnd = -v;
            else {
              vStart = v;
              vEnd = scan.endTag(v, 'v');
              p = vEnd + 4;
            }
          } else if (c1 === 102 /* f */ && !isNameCode(b[p + 2]) && f === null) {
            scan.sharedFormula = false;
            scan.formulaIndex = undefined;
            const a = scan.attributes(p + 2, Tag.Formula);
            if (a < 0) {
              f = '';
              p = -a;
            } else {
              const fEnd = scan.endTag(a, 'f');
              f = textAt(b, a, fEnd);
              p = fEnd + 4;
            }
            const si = scan.formulaIndex;
            if (scan.sharedFormula && si !== undefined) {
              if (f !== '') sharedFormulas.set(si, f);
              else f = sharedFormulas.get(si) ?? '';
            }
          } else if (c1 === 105 /* i */ && b[p + 2] === 115 /* s */ && !isNameCode(b[p + 3]) && inline === null) {
            [inline, p] = scan.inlineString(p + 3);
          } else throw new NotPlainContent();
        }
      }

      let value: CellValue;
      if (typeEnd - typeStart === 1 && b[typeStart] === 115 /* s */ && vEnd > vStart && vEnd - vStart < 10) {
        // A shared-string index: read as digits, never as a string.
        let n = 0;
        for (let k = vStart; k < vEnd; k++) {
          const c = b[k];
          if (c < 48 || c > 57) {
            n = -1;
            break;
          }
          n = n * 10 + c - 48;
        }
        value = n >= 0 ? (n < sstLength ? sst[n] : null) : cellValue('s', textAt(b, vStart, vEnd), null, sst);
      } else {
        const v = vStart < 0 ? null : textAt(b, vStart, vEnd);
        value = cellValue(typeAt(b, typeStart, typeEnd), v, inline, sst);
      }
      if (value !== null) {
        putValue(rows, row, col, value, reading);
        if (typeof value === 'number' && dateXf[style])
          dateCells.add(refIsA1 ? latin1(b, refStart, refEnd) : cellAddress(row, col));
      }
      if (f !== null) formulas[refIsA1 ? latin1(b, refStart, refEnd) : cellAddress(row, col)] = f;
    }
  }
  return { rows, formulas, dateCells };
}
