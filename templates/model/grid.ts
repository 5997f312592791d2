// The grid: the plain structure that both exceljs/our lean reader (Node) and Office.js (the pane) fill in.
// Everything after the grid — reading records, validating, scoring — is shared.
import { foldLabel } from './fold.js';

/** An Excel error value such as #REF! or #N/A, kept distinct from text. */
export interface CellError {
  error: string;
}

/**
 * A cell's value as a producer handed it to us. Dates may arrive as Date (exceljs, UTC midnight),
 * as a serial number (Office.js, our lean reader for non-date formats) or as text typed by a person.
 */
export type CellValue = string | number | boolean | Date | CellError | null;

export interface GridSheet {
  name: string;
  state?: 'visible' | 'hidden' | 'veryHidden';
  /** rows[r][c] is the cell at row r+1, column c+1. Rows and row arrays may be ragged or sparse. */
  rows: CellValue[][];
  /** Formula text (without '=') by A1 address, for cells that hold a formula; the cached result is in rows. */
  formulas?: Record<string, string>;
  /** A1 addresses of cells whose number format is a date format (lets a serial be shown as a date). */
  dateCells?: Set<string>;
}

export interface Grid {
  sheets: GridSheet[];
  /** Workbook uses the 1904 date system (Mac Excel legacy). */
  date1904?: boolean;
  /** Workbook-scoped defined names: name → reference or constant formula text. */
  names?: Record<string, string>;
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && typeof (v as CellError).error === 'string';
}

/** 0-based column index → Excel letters (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Excel letters → 0-based column index ('A' → 0, 'aa' → 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + ((letters.charCodeAt(i) | 0x20) - 0x60);
  return n - 1;
}

/** 0-based row and column → 'B7'. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

const DOLLAR = 0x24;

/**
 * 'B7' → { row: 6, col: 1 } (0-based); accepts '$B$7' and lower case: /^\$?([A-Za-z]{1,3})\$?(\d+)$/ after trimming,
 * read character by character (issues are sorted by it: a 100,000-row report spent 13 MB on regex matches).
 */
export function parseAddress(a1: string): { row: number; col: number } {
  const p = tryParseAddress(a1);
  if (p === null) throw new Error(`not an A1 cell address: ${a1}`);
  return p;
}

/** parseAddress, or null for what is not an A1 cell address. */
export function tryParseAddress(a1: string): { row: number; col: number } | null {
  const s = a1.trim();
  let i = s.charCodeAt(0) === DOLLAR ? 1 : 0;
  const lettersFrom = i;
  let col = 0;
  for (; i < s.length; i++) {
    const lower = s.charCodeAt(i) | 0x20; // A-Z → a-z; nothing else lands in a-z
    if (lower < 0x61 || lower > 0x7a) break;
    col = col * 26 + (lower - 0x60);
  }
  const letters = i - lettersFrom;
  if (s.charCodeAt(i) === DOLLAR) i++;
  const digitsFrom = i;
  while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
  if (letters < 1 || letters > 3 || i === digitsFrom || i !== s.length) return null;
  return { row: Number(s.slice(digitsFrom)) - 1, col: col - 1 };
}

/**
 * A sheet name as a reference writes it (My sheet → 'My sheet', it's → 'it''s'). As Excel shows an address, quoted
 * only when needed: unless it is letters, digits, _ and . only, starts with a letter or _, and does not read as a cell
 * (A1, R1C1, RC), 台帳 → 台帳. `always`: quoted whatever the name, as exceljs writes references, so that the files
 * Daicho writes (templates, annotated copies, masters) all read alike.
 */
export function quoteSheet(name: string, opts: { always?: boolean } = {}): string {
  const bare =
    !opts.always && /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$|^R\d*C\d*$|^[RC]\d*$/i.test(name);
  return bare ? name : `'${name.replace(/'/g, "''")}'`;
}

export function cellAt(sheet: GridSheet, row: number, col: number): CellValue {
  const r = sheet.rows[row];
  if (!r) return null;
  const v = r[col];
  return v === undefined ? null : v;
}

export function findSheet(grid: Grid, names: readonly string[]): GridSheet | undefined {
  const wanted = names.map(foldLabel);
  return grid.sheets.find((s) => wanted.includes(foldLabel(s.name)));
}
