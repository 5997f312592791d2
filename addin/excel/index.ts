// The one module that talks to Excel. Everything else in the pane works on the plain Grid and calls these
// functions; tests run them against the typed fake in addin/fake/.
//
// Rules kept here: one context.sync() per step of an operation, never per cell; no Excel call outside Office
// (Office.onReady resolves with host null and Excel is undefined there); API sets above the manifest's ExcelApi 1.8
// are checked with isSetSupported before use.
import { cellAddress, parseAddress, type CellValue, type Grid, type GridSheet } from '../../templates/model/grid.js';
import { MARKER_NAME, MARKER_SHEET } from '../../templates/model/layout.js';
import { MARK_RGB, severityRank } from '../../templates/model/severity.js';
import type { FieldDef, Severity } from '../../templates/model/types.js';
import { dropdownOf, newRowsOf, rowAfterUpgrade, type UpgradePlan } from '../../templates/model/upgrade-plan.js';
import type {
  XExcel,
  XEventHandlerResult,
  XOffice,
  XOfficeReady,
  XRange,
  XRangeFill,
  XRequestContext,
  XWorksheet,
} from './api.js';
import { isWholeRowsOrColumns, splitAddress, topLeft } from './address.js';
import { isDateFormat } from '../../templates/model/numfmt.js';

export { isDateFormat } from '../../templates/model/numfmt.js';
export { splitAddress, topLeft } from './address.js';

/** Very-hidden sheet holding the original fills of marked cells, so Clear can restore them after a reload. */
export const MARKS_SHEET = '_daicho_marks';

/** Fill colours of marked cells, by severity (Excel's own "bad" / "neutral" / a light blue). */
export const MARK_COLOURS: Record<Severity, string> = {
  error: `#${MARK_RGB.error}`,
  warning: `#${MARK_RGB.warning}`,
  info: `#${MARK_RGB.info}`,
};

/** Cells per context.sync() when reading large sheets (keeps each response well under Office's payload limit). */
export const READ_CHUNK_CELLS = 40_000;

export class NotInExcelError extends Error {
  constructor() {
    super('Excel is not available: the pane is running outside Excel.');
    this.name = 'NotInExcelError';
  }
}

// ---------------------------------------------------------------- host

function officeGlobal(): XOffice | undefined {
  const o = (globalThis as { Office?: XOffice }).Office;
  return o && typeof o.onReady === 'function' ? o : undefined;
}

function excelGlobal(): XExcel | undefined {
  const e = (globalThis as { Excel?: XExcel }).Excel;
  return e && typeof e.run === 'function' ? e : undefined;
}

function excel(): XExcel {
  const e = excelGlobal();
  if (!e) throw new NotInExcelError();
  return e;
}

function run<T>(batch: (ctx: XRequestContext) => Promise<T>): Promise<T> {
  return excel().run(batch);
}

export interface HostInfo {
  /** 'Excel' inside Excel; null in a plain browser. */
  host: string | null;
  /** An Excel API is there to call (real, or the fake in the preview and tests). */
  excel: boolean;
}

/** Waits for Office (when office.js is loaded) and says whether there is an Excel to talk to. */
export async function officeReady(): Promise<HostInfo> {
  const office = officeGlobal();
  let info: XOfficeReady | null = null;
  if (office) {
    try {
      info = await office.onReady();
    } catch {
      info = null;
    }
  }
  return { host: info?.host ? String(info.host) : null, excel: excelGlobal() !== undefined };
}

/** Office's display language ('ja-JP', 'en-US' …); the browser's outside Office. */
export function displayLanguage(): string {
  try {
    const lang = officeGlobal()?.context?.displayLanguage;
    if (lang) return lang;
  } catch {
    // Office.context is not initialised outside a host.
  }
  return (globalThis as { navigator?: { language?: string } }).navigator?.language ?? 'ja-JP';
}

/** Office.context.requirements.isSetSupported, false where there is no host to ask. */
export function isSetSupported(name: string, minVersion: string): boolean {
  try {
    return officeGlobal()?.context?.requirements?.isSetSupported(name, minVersion) === true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- reading

const VISIBILITY: Record<string, GridSheet['state']> = {
  Visible: 'visible',
  Hidden: 'hidden',
  VeryHidden: 'veryHidden',
};

/** One cell from Office.js's parallel arrays into a grid CellValue. */
function cellValue(value: unknown, valueType: string | undefined): CellValue {
  if (valueType === 'Error') return { error: String(value) };
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

interface Block {
  sheet: GridSheet;
  row: number;
  col: number;
  range: XRange;
}

const BLOCK_PROPS = ['values', 'formulas', 'numberFormat', 'valueTypes'];

/** Copies a loaded block of cells into its grid sheet, at its absolute position. */
function fillBlock({ sheet, row, col, range }: Block): void {
  const { values, formulas, numberFormat, valueTypes } = range;
  for (let r = 0; r < values.length; r++) {
    const target = (sheet.rows[row + r] ??= []);
    for (let c = 0; c < values[r].length; c++) {
      const v = cellValue(values[r][c], valueTypes[r]?.[c]);
      const a1 = cellAddress(row + r, col + c);
      target[col + c] = v;
      const f = formulas[r]?.[c];
      if (typeof f === 'string' && f.startsWith('=')) (sheet.formulas ??= {})[a1] = f.slice(1);
      if (typeof v === 'number' && isDateFormat(numberFormat[r]?.[c])) (sheet.dateCells ??= new Set()).add(a1);
    }
  }
}

/** Splits a used range into row blocks of at most READ_CHUNK_CELLS cells. */
function blocksOf(ws: XWorksheet, sheet: GridSheet, used: XRange): { make: () => Block; cells: number }[] {
  const rowsPerBlock = Math.max(1, Math.floor(READ_CHUNK_CELLS / Math.max(1, used.columnCount)));
  const out: { make: () => Block; cells: number }[] = [];
  for (let r = 0; r < used.rowCount; r += rowsPerBlock) {
    const rows = Math.min(rowsPerBlock, used.rowCount - r);
    const row = used.rowIndex + r;
    const col = used.columnIndex;
    out.push({
      cells: rows * used.columnCount,
      make: () => {
        const range = ws.getRangeByIndexes(row, col, rows, used.columnCount);
        // eslint-disable-next-line office-addins/no-empty-load -- not empty: BLOCK_PROPS names four properties
        range.load(BLOCK_PROPS);
        return { sheet, row, col, range };
      },
    });
  }
  return out;
}

/** Loads blocks, at most READ_CHUNK_CELLS cells per sync. */
async function loadBlocks(ctx: XRequestContext, pending: { make: () => Block; cells: number }[]): Promise<void> {
  let batch: Block[] = [];
  let cells = 0;
  for (const p of pending) {
    if (cells > 0 && cells + p.cells > READ_CHUNK_CELLS) {
      await ctx.sync();
      batch.forEach(fillBlock);
      batch = [];
      cells = 0;
    }
    batch.push(p.make());
    cells += p.cells;
  }
  if (batch.length) {
    await ctx.sync();
    batch.forEach(fillBlock);
  }
}

/**
 * The whole workbook as a Grid: every worksheet (hidden and very hidden ones too, so the `_daicho` marker is seen),
 * its used range's values, formulas and date cells; workbook-scoped names. Our own marks sheet is left out.
 */
export async function readGrid(): Promise<Grid> {
  return run(async (ctx) => {
    const worksheets = ctx.workbook.worksheets;
    worksheets.load('items/name,items/visibility');
    const names = ctx.workbook.names;
    names.load('items/name,items/type,items/formula');
    await ctx.sync();

    const sheets = worksheets.items.filter((ws) => ws.name !== MARKS_SHEET);
    const used = sheets.map((ws) => {
      const r = ws.getUsedRangeOrNullObject(true);
      r.load('rowIndex,columnIndex,rowCount,columnCount');
      return r;
    });
    await ctx.sync();

    const grid: Grid = { sheets: [] };
    const pending: { make: () => Block; cells: number }[] = [];
    sheets.forEach((ws, i) => {
      const sheet: GridSheet = { name: ws.name, state: VISIBILITY[ws.visibility] ?? 'visible', rows: [] };
      grid.sheets.push(sheet);
      if (!used[i].isNullObject) pending.push(...blocksOf(ws, sheet, used[i]));
    });
    await loadBlocks(ctx, pending);

    const namesOut: Record<string, string> = {};
    for (const n of names.items) {
      const f = n.formula;
      if (typeof f === 'string') namesOut[n.name] = f.startsWith('=') ? f.slice(1) : f;
    }
    if (Object.keys(namesOut).length) grid.names = namesOut;
    return grid;
  });
}

/** A rectangle of cells read again after an edit, to be patched into the grid (see patchGrid). */
export interface SheetPatch {
  sheet: string;
  /** 0-based row and column of the top-left cell. */
  row: number;
  col: number;
  values: CellValue[][];
  /** Formula text (without '=') or null, for every cell of the rectangle by A1 address. */
  formulas: Record<string, string | null>;
  /** Whether each numeric cell of the rectangle is date-formatted, by A1 address. */
  dateCells: Record<string, boolean>;
}

/** A range of one sheet, as onChanged reports it ('B7', 'B7:C9', whole rows '3:5' or columns 'A:C'). */
export interface SheetRange {
  sheet: string;
  address: string;
}

/**
 * Reads only the given ranges (what onChanged reported), all in one batch: one sync, plus one before it for the used
 * ranges when some address names whole rows or columns (those are clipped to the sheet's used range). A range with
 * nothing of it in use gives no patch.
 */
export async function readSheetRanges(ranges: readonly SheetRange[]): Promise<SheetPatch[]> {
  if (!ranges.length) return [];
  return run(async (ctx) => {
    const used = new Map<string, XRange>();
    for (const { sheet, address } of ranges) {
      if (!isWholeRowsOrColumns(address) || used.has(sheet)) continue;
      const u = ctx.workbook.worksheets.getItem(sheet).getUsedRangeOrNullObject();
      u.load('address');
      used.set(sheet, u);
    }
    if (used.size) await ctx.sync();
    const loaded: { sheet: string; range: XRange }[] = [];
    for (const { sheet, address } of ranges) {
      let range = ctx.workbook.worksheets.getItem(sheet).getRange(address);
      const u = used.get(sheet);
      if (isWholeRowsOrColumns(address)) {
        if (!u || u.isNullObject) continue;
        range = range.getIntersectionOrNullObject(splitAddress(u.address).address);
      }
      range.load(['rowIndex', 'columnIndex', ...BLOCK_PROPS]);
      loaded.push({ sheet, range });
    }
    if (!loaded.length) return [];
    await ctx.sync();
    return loaded.filter(({ range }) => !range.isNullObject).map(({ sheet, range }) => patchOf(sheet, range));
  });
}

/** Reads one range of a sheet again (see readSheetRanges). Null when nothing of it is in use. */
export async function readSheetRange(sheet: string, address: string): Promise<SheetPatch | null> {
  return (await readSheetRanges([{ sheet, address }]))[0] ?? null;
}

function patchOf(sheetName: string, range: XRange): SheetPatch {
  const sheet: GridSheet = { name: sheetName, rows: [] };
  fillBlock({ sheet, row: range.rowIndex, col: range.columnIndex, range });
  const patch: SheetPatch = {
    sheet: sheetName,
    row: range.rowIndex,
    col: range.columnIndex,
    values: [],
    formulas: {},
    dateCells: {},
  };
  for (let r = 0; r < range.values.length; r++) {
    const row: CellValue[] = [];
    for (let c = 0; c < range.values[r].length; c++) {
      const a1 = cellAddress(range.rowIndex + r, range.columnIndex + c);
      row.push(sheet.rows[range.rowIndex + r]?.[range.columnIndex + c] ?? null);
      patch.formulas[a1] = sheet.formulas?.[a1] ?? null;
      patch.dateCells[a1] = sheet.dateCells?.has(a1) ?? false;
    }
    patch.values.push(row);
  }
  return patch;
}

/** Applies a SheetPatch to a grid in place (the sheet is added if it was not there). Returns the grid. */
export function patchGrid(grid: Grid, patch: SheetPatch): Grid {
  let sheet = grid.sheets.find((s) => s.name === patch.sheet);
  if (!sheet) {
    sheet = { name: patch.sheet, rows: [] };
    grid.sheets.push(sheet);
  }
  patch.values.forEach((values, r) => {
    const row = (sheet.rows[patch.row + r] ??= []);
    values.forEach((v, c) => {
      row[patch.col + c] = v;
    });
  });
  for (const [a1, f] of Object.entries(patch.formulas)) {
    if (f === null) {
      if (sheet.formulas) delete sheet.formulas[a1];
    } else (sheet.formulas ??= {})[a1] = f;
  }
  for (const [a1, isDate] of Object.entries(patch.dateCells)) {
    if (isDate) (sheet.dateCells ??= new Set()).add(a1);
    else sheet.dateCells?.delete(a1);
  }
  return grid;
}

/** Where the selection is: its sheet, its local address and its top-left cell. */
export interface Selection {
  sheet: string;
  address: string;
  cell: string;
  /** 0-based row and column of the top-left cell. */
  row: number;
  col: number;
}

function selectionOf(sheet: string, address: string): Selection {
  const cell = topLeft(address);
  let pos = { row: 0, col: 0 };
  try {
    pos = parseAddress(cell);
  } catch {
    // whole rows/columns: keep 0,0
  }
  return { sheet, address, cell, ...pos };
}

export async function getSelection(): Promise<Selection> {
  return run(async (ctx) => {
    const range = ctx.workbook.getSelectedRange();
    range.load('address');
    range.worksheet.load('name');
    await ctx.sync();
    return selectionOf(range.worksheet.name, splitAddress(range.address).address);
  });
}

// ---------------------------------------------------------------- writing

/** A value to write: text stays text, numbers and booleans as they are, null empties the cell, {date} is a date. */
export type WriteValue = string | number | boolean | null | { date: string };

/**
 * Text that Excel would turn into something else when written as a value (a number, a date, a formula, TRUE) gets
 * Excel's text prefix, the apostrophe, which is not part of the value read back.
 */
export function needsTextPrefix(s: string): boolean {
  return /^[=+\-@']/.test(s) || /[0-9０-９]/.test(s) || /^\s*(true|false)\s*$/i.test(s);
}

function toExcelValue(v: WriteValue): string | number | boolean {
  if (v === null) return '';
  if (typeof v === 'object') return v.date; // ISO yyyy-mm-dd: Excel reads it as a date in every locale
  if (typeof v === 'string') return needsTextPrefix(v) ? `'${v}` : v;
  return v;
}

/** Writes cells of one sheet (A1 address → value) in one sync. */
export async function writeCells(sheetName: string, cells: Record<string, WriteValue>): Promise<void> {
  const entries = Object.entries(cells);
  if (entries.length === 0) return;
  await run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheetName);
    for (const [a1, v] of entries) ws.getRange(a1).values = [[toExcelValue(v)]];
    await ctx.sync();
  });
}

/** Activates a sheet and selects a cell (or range) on it. */
export async function selectCell(sheetName: string, a1: string): Promise<void> {
  await run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheetName);
    ws.activate();
    ws.getRange(a1).select();
    await ctx.sync();
  });
}

// ---------------------------------------------------------------- marking problems

export interface Mark {
  sheet: string;
  cell: string;
  severity: Severity;
}

/** A cell's fill before we marked it. `none` is "No Fill" (distinct from a white fill where the host can tell). */
export interface SavedFill {
  none: boolean;
  color?: string;
  pattern?: XRangeFill['pattern'] | null;
  patternColor?: string | null;
  tintAndShade?: number | null;
}

interface StoredMark {
  sheet: string;
  cell: string;
  original: SavedFill;
  /** The colour we painted, to leave alone cells the user has recoloured since. */
  mark: string;
}

export interface MarkResult {
  marked: number;
  /** Sheets whose cells could not be marked, and why. */
  skipped: { sheet: string; reason: 'protected' | 'missing' }[];
}

/** Pattern, tint and pattern colour exist from ExcelApi 1.9; below that only the colour can be read. */
function fillProps(): string[] {
  return isSetSupported('ExcelApi', '1.9') ? ['color', 'pattern', 'patternColor', 'tintAndShade'] : ['color'];
}

// Each function reading or writing the 1.9 fill properties asks isSetSupported itself (a cheap local call), so
// test/addin/api-sets.test.ts can see the guard next to the use.
function savedFill(fill: XRangeFill): SavedFill {
  const color = fill.color;
  if (!isSetSupported('ExcelApi', '1.9')) {
    // Office.js reports "No Fill" as #FFFFFF; without pattern/tint (ExcelApi 1.9) a white fill reads the same,
    // and restoring it as No Fill is the lesser harm.
    return /^#?ffffff$/i.test(color ?? '') ? { none: true } : { none: false, color };
  }
  const none = fill.pattern === 'None' || (fill.tintAndShade === null && /^#?ffffff$/i.test(color ?? ''));
  if (none) return { none: true };
  return {
    none: false,
    color,
    pattern: fill.pattern ?? null,
    patternColor: fill.patternColor ?? null,
    tintAndShade: fill.tintAndShade ?? null,
  };
}

/**
 * Puts a saved fill back. The marks sheet travels with the workbook, so a fill saved with pattern and tint (ExcelApi
 * 1.9, Microsoft 365) may be restored on a host without them (Excel 2019): there only the colour comes back.
 */
function restoreFill(fill: XRangeFill, saved: SavedFill): void {
  fill.clear();
  if (saved.none) return;
  if (saved.color) fill.color = saved.color;
  if (!isSetSupported('ExcelApi', '1.9')) return;
  if (saved.pattern && saved.pattern !== 'Solid' && saved.pattern !== 'None') fill.pattern = saved.pattern;
  if (saved.patternColor && saved.pattern && saved.pattern !== 'Solid') fill.patternColor = saved.patternColor;
  if (typeof saved.tintAndShade === 'number' && saved.tintAndShade !== 0) fill.tintAndShade = saved.tintAndShade;
}

/**
 * Makes sheets formattable for one operation. A sheet protected without "format cells" is unprotected (Excel asks
 * for the password if it has one; a refusal skips the sheet) and protected again afterwards with its own options
 * by the returned reprotect(), which the caller must queue and sync even when the operation fails.
 */
async function openForFormatting(
  ctx: XRequestContext,
  sheets: Map<string, XWorksheet>,
): Promise<{ usable: Set<string>; skipped: MarkResult['skipped']; reprotect: () => void }> {
  const usable = new Set<string>();
  const skipped: MarkResult['skipped'] = [];
  const reopened: { ws: XWorksheet; options: Excel.WorksheetProtectionOptions }[] = [];
  for (const [name, ws] of sheets) {
    if (ws.isNullObject) {
      skipped.push({ sheet: name, reason: 'missing' });
      continue;
    }
    if (!ws.protection.protected || ws.protection.options.allowFormatCells) {
      usable.add(name);
      continue;
    }
    const options = { ...ws.protection.options };
    try {
      ws.protection.unprotect();
      await ctx.sync();
      reopened.push({ ws, options });
      usable.add(name);
    } catch {
      skipped.push({ sheet: name, reason: 'protected' });
    }
  }
  return { usable, skipped, reprotect: () => reopened.forEach(({ ws, options }) => ws.protection.protect(options)) };
}

const STORE_HEADER = ['sheet', 'cell', 'original', 'mark'];

function key(sheet: string, cell: string): string {
  return `${sheet}\u0000${cell.replace(/\$/g, '').toUpperCase()}`;
}

/** Queues a read of the marks sheet; call parse() after the next sync. */
function loadStore(ctx: XRequestContext): () => Map<string, StoredMark> {
  const ws = ctx.workbook.worksheets.getItemOrNullObject(MARKS_SHEET);
  const used = ws.getUsedRangeOrNullObject(true);
  used.load('values');
  return () => {
    const out = new Map<string, StoredMark>();
    if (ws.isNullObject || used.isNullObject) return out;
    for (const row of used.values.slice(1)) {
      const [sheet, cell, original, mark] = row.map((v) => String(v ?? ''));
      if (!sheet || !cell) continue;
      try {
        out.set(key(sheet, cell), { sheet, cell, original: JSON.parse(original) as SavedFill, mark });
      } catch {
        // A damaged row cannot be restored; drop it.
      }
    }
    return out;
  };
}

/** Queues writing the store (or deleting the marks sheet when it is empty). */
function writeStore(ctx: XRequestContext, store: Map<string, StoredMark>, exists: boolean): void {
  const sheets = ctx.workbook.worksheets;
  if (store.size === 0) {
    if (exists) sheets.getItem(MARKS_SHEET).delete();
    return;
  }
  const ws = exists ? sheets.getItem(MARKS_SHEET) : sheets.add(MARKS_SHEET);
  if (exists) ws.getRange().clear('Contents');
  else ws.visibility = 'VeryHidden';
  const rows: (string | number | boolean)[][] = [STORE_HEADER];
  for (const m of store.values()) rows.push([m.sheet, m.cell, JSON.stringify(m.original), m.mark]);
  ws.getRangeByIndexes(0, 0, rows.length, STORE_HEADER.length).values = rows.map((r) =>
    r.map((v) => (typeof v === 'string' && needsTextPrefix(v) ? `'${v}` : v)),
  );
}

/** Queues a protection read of each named sheet (as null objects, so missing sheets do not fail the batch). */
function sheetsWithProtection(ctx: XRequestContext, names: Iterable<string>): Map<string, XWorksheet> {
  const out = new Map<string, XWorksheet>();
  for (const name of names) {
    if (out.has(name)) continue;
    const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
    ws.protection.load('protected,options');
    out.set(name, ws);
  }
  return out;
}

/**
 * Colours the given cells by severity, first remembering each cell's own fill in the very-hidden marks sheet.
 * Replaces the previous set of marks: cells marked before and not in this list get their fill back; a cell already
 * marked keeps the original it had before it was first marked. Sheets protected without "format cells" are
 * unprotected for the operation and protected again with their own options.
 */
export async function markCells(marks: readonly Mark[]): Promise<MarkResult> {
  const wanted = new Map<string, Mark>();
  for (const m of marks) {
    const k = key(m.sheet, m.cell);
    const prev = wanted.get(k);
    if (!prev || severityRank(m.severity) < severityRank(prev.severity)) wanted.set(k, m);
  }
  const props = fillProps();
  return run(async (ctx) => {
    // 1. The existing store.
    const parseStore = loadStore(ctx);
    const storeSheet = ctx.workbook.worksheets.getItemOrNullObject(MARKS_SHEET);
    await ctx.sync();
    const store = parseStore();
    const storeExists = !storeSheet.isNullObject;

    // 2. Every sheet involved (new marks and old ones): exists? formattable?
    const sheets = sheetsWithProtection(ctx, [
      ...[...wanted.values()].map((m) => m.sheet),
      ...[...store.values()].map((m) => m.sheet),
    ]);
    await ctx.sync();
    const { usable, skipped, reprotect } = await openForFormatting(ctx, sheets);
    try {
      // 3. The current fill of every cell marked for the first time.
      const fresh: { mark: Mark; fill: XRangeFill }[] = [];
      for (const [k, m] of wanted) {
        if (!usable.has(m.sheet) || store.has(k)) continue;
        const fill = sheets.get(m.sheet)!.getRange(m.cell).format.fill;
        fill.load(props);
        fresh.push({ mark: m, fill });
      }
      if (fresh.length) await ctx.sync();

      // 4. Restore cells no longer wanted, paint the wanted ones, write the store, protect again — one sync.
      const next = new Map<string, StoredMark>();
      for (const [k, s] of store) {
        if (wanted.has(k))
          next.set(k, s); // still wanted: keep its first original
        else if (usable.has(s.sheet)) restoreFill(sheets.get(s.sheet)!.getRange(s.cell).format.fill, s.original);
        else if (!sheets.get(s.sheet)!.isNullObject) next.set(k, s); // cannot restore now: keep remembering it
      }
      for (const { mark, fill } of fresh) {
        next.set(key(mark.sheet, mark.cell), {
          sheet: mark.sheet,
          cell: mark.cell,
          original: savedFill(fill),
          mark: '',
        });
      }
      let marked = 0;
      for (const [k, m] of wanted) {
        if (!usable.has(m.sheet)) continue;
        const colour = MARK_COLOURS[m.severity];
        sheets.get(m.sheet)!.getRange(m.cell).format.fill.color = colour;
        next.get(k)!.mark = colour;
        marked++;
      }
      writeStore(ctx, next, storeExists);
      reprotect();
      await ctx.sync();
      return { marked, skipped: skipped.filter((s) => [...wanted.values()].some((m) => m.sheet === s.sheet)) };
    } catch (err) {
      reprotect();
      await ctx.sync().catch(() => undefined);
      throw err;
    }
  });
}

export interface ClearResult {
  restored: number;
  /** Cells left as they are: recoloured by the user since marking, or on a sheet that is gone or locked. */
  left: number;
}

/**
 * Restores the original fill of every marked cell — No Fill stays No Fill, a custom colour comes back exactly —
 * unless the user recoloured the cell since; then removes the marks sheet.
 */
export async function clearMarks(): Promise<ClearResult> {
  return run(async (ctx) => {
    const parseStore = loadStore(ctx);
    const storeSheet = ctx.workbook.worksheets.getItemOrNullObject(MARKS_SHEET);
    await ctx.sync();
    if (storeSheet.isNullObject) return { restored: 0, left: 0 };
    const store = parseStore();

    const sheets = sheetsWithProtection(
      ctx,
      [...store.values()].map((s) => s.sheet),
    );
    await ctx.sync();
    const { usable, reprotect } = await openForFormatting(ctx, sheets);
    try {
      const current: { stored: StoredMark; fill: XRangeFill }[] = [];
      let left = 0;
      for (const s of store.values()) {
        if (!usable.has(s.sheet)) {
          left++;
          continue;
        }
        const fill = sheets.get(s.sheet)!.getRange(s.cell).format.fill;
        fill.load('color');
        current.push({ stored: s, fill });
      }
      if (current.length) await ctx.sync();

      let restored = 0;
      for (const { stored, fill } of current) {
        if (stored.mark && fill.color?.toUpperCase() !== stored.mark.toUpperCase()) {
          left++;
          continue;
        }
        restoreFill(fill, stored.original);
        restored++;
      }
      ctx.workbook.worksheets.getItem(MARKS_SHEET).delete();
      reprotect();
      await ctx.sync();
      return { restored, left };
    } catch (err) {
      reprotect();
      await ctx.sync().catch(() => undefined);
      throw err;
    }
  });
}

/** Whether the workbook has marks to clear (the marks sheet exists). */
export async function hasMarks(): Promise<boolean> {
  return run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItemOrNullObject(MARKS_SHEET);
    await ctx.sync();
    return !ws.isNullObject;
  });
}

// ---------------------------------------------------------------- events

export type Unsubscribe = () => Promise<void>;

async function unsubscribe(results: XEventHandlerResult[]): Promise<void> {
  if (!results.length) return;
  for (const r of results) r.remove();
  await results[0].context.sync();
}

/** Calls back with the new selection whenever it changes. */
export async function onSelectionChanged(cb: (sel: Selection) => void): Promise<Unsubscribe> {
  const result = await run(async (ctx) => {
    const r = ctx.workbook.onSelectionChanged.add(async () => {
      try {
        cb(await getSelection());
      } catch {
        // The workbook may be closing; nothing to report.
      }
    });
    await ctx.sync();
    return r;
  });
  return () => unsubscribe([result]);
}

export interface SheetChange {
  sheet: string;
  address: string;
  changeType: string;
}

/**
 * Calls back with the sheet and address of every edit (typing, paste, another add-in, our own writes) on the
 * workbook's sheets as they are now. Registered per worksheet (ExcelApi 1.7) rather than on the collection (1.9).
 */
export async function onSheetChanged(cb: (change: SheetChange) => void): Promise<Unsubscribe> {
  const results = await run(async (ctx) => {
    const worksheets = ctx.workbook.worksheets;
    worksheets.load('items/id,items/name');
    await ctx.sync();
    const byId = new Map(worksheets.items.map((ws) => [ws.id, ws.name]));
    const out = worksheets.items
      .filter((ws) => ws.name !== MARKS_SHEET)
      .map((ws) =>
        ws.onChanged.add(async (args) => {
          cb({ sheet: byId.get(args.worksheetId) ?? ws.name, address: args.address, changeType: args.changeType });
        }),
      );
    await ctx.sync();
    return out;
  });
  return () => unsubscribe(results);
}

// ---------------------------------------------------------------- templates

export type InsertOutcome = 'inserted' | 'new-workbook';

/**
 * Puts a template into Excel: its sheets into this workbook where ExcelApi 1.13 is there (the marker sheet stays
 * very hidden, the marker name is added, the first sheet is activated), otherwise as a new workbook.
 */
export async function insertTemplate(
  base64: string,
  marker: { sheet: string; name: string; ref: string } = {
    sheet: MARKER_SHEET,
    name: MARKER_NAME,
    ref: `=${MARKER_SHEET}!$A$1:$B$4`,
  },
): Promise<InsertOutcome> {
  if (!isSetSupported('ExcelApi', '1.13')) {
    await excel().createWorkbook(base64);
    return 'new-workbook';
  }
  await run(async (ctx) => {
    const ids = ctx.workbook.insertWorksheetsFromBase64(base64, { positionType: 'End' });
    await ctx.sync();
    const sheets = ctx.workbook.worksheets;
    const first = ids.value.length ? sheets.getItem(ids.value[0]) : null;
    const markerSheet = sheets.getItemOrNullObject(marker.sheet);
    const name = ctx.workbook.names.getItemOrNullObject(marker.name);
    await ctx.sync();
    if (!markerSheet.isNullObject) markerSheet.visibility = 'VeryHidden';
    if (!markerSheet.isNullObject && name.isNullObject) ctx.workbook.names.add(marker.name, marker.ref);
    first?.activate();
    await ctx.sync();
  });
  return 'inserted';
}

// ---------------------------------------------------------------- upgrading to the latest template version

/** The last column (0-based) holding anything, formatting included, of each sheet (for the upgrade plan). */
export async function lastColumns(): Promise<Record<string, number>> {
  return run(async (ctx) => {
    const worksheets = ctx.workbook.worksheets;
    worksheets.load('items/name');
    await ctx.sync();
    const used = worksheets.items.map((ws) => {
      const r = ws.getUsedRangeOrNullObject(false);
      r.load('columnIndex,columnCount');
      return [ws.name, r] as const;
    });
    await ctx.sync();
    return Object.fromEntries(used.map(([name, r]) => [name, r.isNullObject ? -1 : r.columnIndex + r.columnCount - 1]));
  });
}

export type UpgradeApplied = { kind: 'upgraded' } | { kind: 'protected'; sheet: string };

/** The formats of `source` onto `range` (ExcelApi 1.9; below it, the ones Excel gave inserted rows stay). */
function copyFormats(range: XRange, source: string): void {
  if (isSetSupported('ExcelApi', '1.9')) range.copyFrom(source, 'Formats');
}

/** A new field's dropdown (and its hint as the input prompt) on a range; nothing for a field without choices. */
function setDropdown(range: XRange, field: FieldDef): void {
  const options = dropdownOf(field);
  if (!options) return;
  range.dataValidation.clear();
  range.dataValidation.rule = { list: { inCellDropDown: true, source: options.join(',') } };
  if (field.hint)
    range.dataValidation.prompt = {
      showPrompt: true,
      title: field.label.ja.slice(0, 32),
      message: field.hint.ja.slice(0, 255),
    };
}

/**
 * Applies an upgrade plan (templates/model/upgrade-plan.ts) to this workbook in place: Excel inserts the new form rows
 * (moving everything below with its references, notes and formats), the new rows and columns are labelled and
 * formatted as the plan says, and the marker gets the new version. A protected sheet is unprotected for the edit and
 * protected again with its options; one with a password is left as it was and named.
 */
export async function applyUpgrade(plan: UpgradePlan): Promise<UpgradeApplied> {
  return run(async (ctx) => {
    const names = [...new Set([...plan.steps.map((s) => s.sheet), plan.marker.sheet])];
    const sheets = new Map(names.map((n) => [n, ctx.workbook.worksheets.getItem(n)]));
    for (const ws of sheets.values()) ws.protection.load('protected,options');
    await ctx.sync();
    const reprotect = [...sheets]
      .filter(([, ws]) => ws.protection.protected)
      .map(([name, ws]) => ({ name, ws, options: ws.protection.options }));
    for (const [k, { name, ws }] of reprotect.entries()) {
      ws.protection.unprotect();
      try {
        await ctx.sync();
      } catch {
        for (const done of reprotect.slice(0, k)) done.ws.protection.protect(done.options);
        await ctx.sync();
        return { kind: 'protected', sheet: name };
      }
    }
    try {
      await applyPlan(ctx, plan, sheets);
    } finally {
      for (const { ws, options } of reprotect) ws.protection.protect(options);
      await ctx.sync();
    }
    return { kind: 'upgraded' };
  });
}

/** Every insertion first (bottom-up, as the plan lists them), then the new rows' and columns' contents. */
async function applyPlan(
  ctx: XRequestContext,
  plan: UpgradePlan,
  sheets: ReadonlyMap<string, XWorksheet>,
): Promise<void> {
  for (const step of plan.steps) {
    if (step.kind === 'rows')
      sheets
        .get(step.sheet)!
        .getRange(`${step.at + 1}:${step.at + step.fields.length}`)
        .insert('Down');
  }
  for (const step of plan.steps) {
    const ws = sheets.get(step.sheet)!;
    if (step.kind === 'rows') {
      newRowsOf(plan, step).forEach((r, i) => {
        const { field, like } = step.fields[i];
        const donor = rowAfterUpgrade(plan, step.sheet, like);
        copyFormats(ws.getRange(`${r + 1}:${r + 1}`), `${donor + 1}:${donor + 1}`);
        ws.getRangeByIndexes(r, step.labelCol, 1, 3).values = [[field.label.ja, '', field.hint?.ja ?? '']];
        setDropdown(ws.getRangeByIndexes(r, step.labelCol + 1, 1, 1), field);
      });
    } else {
      step.fields.forEach((field, i) => {
        const col = step.col + i;
        const header = ws.getRangeByIndexes(step.headerRow, col, 1, 1);
        const cells = ws.getRangeByIndexes(step.headerRow + 1, col, step.lastRow - step.headerRow, 1);
        copyFormats(header, cellAddress(step.headerRow, step.likeCol));
        copyFormats(cells, cellAddress(step.headerRow + 1, step.likeCol));
        header.values = [[field.label.ja]];
        setDropdown(cells, field);
      });
    }
  }
  sheets.get(plan.marker.sheet)!.getRange(plan.marker.cell).values = [[plan.to]];
  await ctx.sync();
}

/** Bytes → base64 (for fetched template files). */
export function toBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}
