// An in-memory Excel for tests and the preview page: a real workbook of cells (values, formulas, number formats,
// fills, lock flags), sheets (visibility, protection), names and the selection, behind exactly the subset of
// Office.js that addin/excel uses (the X* interfaces of addin/excel/api.ts, themselves checked against
// @types/office-js).
//
// It keeps Office.js's batch semantics, so code that would fail in Excel fails here too: property reads throw until
// loaded and synced; writes are queued and applied at sync(); getItem on a missing sheet fails the sync; isNullObject
// is known only after a sync; APIs above the configured ExcelApi version throw; protected sheets refuse edits to
// locked cells and formatting. Events (onChanged, onSelectionChanged) fire asynchronously after the change, as in
// Excel, for the user's edits (userEdit/userSelect) and for the add-in's own writes.
import {
  cellAddress,
  columnIndex,
  columnLetter,
  quoteSheet,
  type CellValue,
  type Grid,
} from '../../templates/model/grid.js';
import type {
  XEventHandlerResult,
  XEventHandlers,
  XExcel,
  XNamedItem,
  XNamedItemCollection,
  XOffice,
  XOfficeReady,
  XDataValidation,
  XRange,
  XRangeFill,
  XRangeFormat,
  XRequestContext,
  XWorkbook,
  XWorksheet,
  XWorksheetCollection,
  XWorksheetProtection,
} from '../excel/api.js';

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export type Visibility = 'Visible' | 'Hidden' | 'VeryHidden';
export type FillPattern = XRangeFill['pattern'];

export interface FakeFill {
  color: string;
  pattern: FillPattern;
  patternColor: string;
  tintAndShade: number;
}

export interface FakeCell {
  value: string | number | boolean | null;
  /** Error value such as '#REF!' (value is then null). */
  error?: string;
  /** Formula text without '='. */
  formula?: string;
  numberFormat: string;
  /** null: No Fill. */
  fill: FakeFill | null;
  /** Locked cells cannot be edited while the sheet is protected (Excel's default is locked). */
  locked: boolean;
  /** Data validation (ExcelApi 1.8): a list or other rule, and its input prompt. */
  validation?: { rule: Excel.DataValidationRule; prompt?: Excel.DataValidationPrompt };
}

export interface FakeProtection {
  protected: boolean;
  password?: string;
  options: Excel.WorksheetProtectionOptions;
}

export interface FakeSheet {
  id: string;
  name: string;
  visibility: Visibility;
  cells: Map<string, FakeCell>;
  protection: FakeProtection;
  /** Selection last made on this sheet (0-based rectangle). */
  selection: Rect;
}

/** One cell as given to build a workbook. */
export interface CellInit {
  value?: string | number | boolean | null;
  error?: string;
  formula?: string;
  numberFormat?: string;
  fill?: FakeFill | string | null;
  locked?: boolean;
}

export interface SheetInit {
  name: string;
  visibility?: Visibility;
  /** A1 address → cell. */
  cells?: Record<string, CellInit | string | number | boolean | null>;
  protection?: { protected: boolean; password?: string; options?: Excel.WorksheetProtectionOptions };
}

export interface WorkbookInit {
  sheets: SheetInit[];
  /** Workbook-scoped names: name → formula ('=Sheet!$A$1'). */
  names?: Record<string, string>;
}

export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export class FakeExcelError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'RichApi.Error';
  }
}

// ------------------------------------------------------------------ addresses

/** 'B7', 'A1:C5', 'A:C', '3:5' (with or without $) → 0-based inclusive rectangle. */
export function parseRect(address: string): Rect {
  const parts = address.replace(/\$/g, '').trim().split(':');
  if (parts.length > 2 || parts.some((p) => p === ''))
    throw new FakeExcelError('InvalidArgument', `bad address ${address}`);
  const ends = parts.map((p) => {
    let m = /^([A-Za-z]{1,3})(\d+)$/.exec(p);
    if (m) return { r: Number(m[2]) - 1, c: columnIndex(m[1]) };
    m = /^([A-Za-z]{1,3})$/.exec(p);
    if (m) return { r: null, c: columnIndex(m[1]) };
    m = /^(\d+)$/.exec(p);
    if (m) return { r: Number(m[1]) - 1, c: null };
    throw new FakeExcelError('InvalidArgument', `bad address ${address}`);
  });
  const a = ends[0];
  const b = ends[1] ?? a;
  const r0 = a.r ?? 0;
  const r1 = b.r ?? (a.r === null ? MAX_ROWS - 1 : a.r);
  const c0 = a.c ?? 0;
  const c1 = b.c ?? (a.c === null ? MAX_COLS - 1 : a.c);
  const rect = { r0: Math.min(r0, r1), c0: Math.min(c0, c1), r1: Math.max(r0, r1), c1: Math.max(c0, c1) };
  if (rect.r1 >= MAX_ROWS || rect.c1 >= MAX_COLS || rect.r0 < 0 || rect.c0 < 0)
    throw new FakeExcelError('InvalidArgument', `address out of the sheet: ${address}`);
  return rect;
}

export function formatRect(rect: Rect): string {
  const wholeCols = rect.r0 === 0 && rect.r1 === MAX_ROWS - 1;
  const wholeRows = rect.c0 === 0 && rect.c1 === MAX_COLS - 1;
  if (wholeCols && !wholeRows) return `${columnLetter(rect.c0)}:${columnLetter(rect.c1)}`;
  if (wholeRows && !wholeCols) return `${rect.r0 + 1}:${rect.r1 + 1}`;
  const a = cellAddress(rect.r0, rect.c0);
  const b = cellAddress(rect.r1, rect.c1);
  return a === b ? a : `${a}:${b}`;
}

const cellKey = (r: number, c: number): string => `${r},${c}`;

function intersect(a: Rect, b: Rect): Rect | null {
  const r = { r0: Math.max(a.r0, b.r0), c0: Math.max(a.c0, b.c0), r1: Math.min(a.r1, b.r1), c1: Math.min(a.c1, b.c1) };
  return r.r0 > r.r1 || r.c0 > r.c1 ? null : r;
}

const rectCells = (r: Rect): number => (r.r1 - r.r0 + 1) * (r.c1 - r.c0 + 1);

// ------------------------------------------------------------------ values as Excel reads typing

const EPOCH_1900 = Date.UTC(1899, 11, 30);

function isoToSerial(y: number, m: number, d: number): number | null {
  const t = Date.UTC(y, m - 1, d);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return Math.round((t - EPOCH_1900) / 86_400_000);
}

/**
 * What Excel stores when text is typed (or written through range.values) into a cell: "'…" is text without the
 * apostrophe; '=…' a formula; numbers, ISO/slash dates and TRUE/FALSE are converted; a text-formatted cell ('@')
 * keeps everything as text.
 */
export function parseTyped(
  input: unknown,
  numberFormat: string,
): Pick<FakeCell, 'value' | 'formula'> & { dateFormat?: boolean } {
  if (input === null || input === undefined || input === '') return { value: null };
  if (typeof input === 'number' || typeof input === 'boolean') return { value: input };
  const s = String(input);
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (numberFormat === '@') return { value: s };
  if (s.startsWith('=') && s.length > 1) return { value: null, formula: s.slice(1) };
  const t = s.trim();
  if (/^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t)) return { value: Number(t.replace(/,/g, '')) };
  if (/^(true|false)$/i.test(t)) return { value: /^true$/i.test(t) };
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (m) {
    const serial = isoToSerial(Number(m[1]), Number(m[2]), Number(m[3]));
    if (serial !== null) return { value: serial, dateFormat: true };
  }
  return { value: s };
}

function normColor(color: string): string {
  const c = color.trim();
  const m = /^#?([0-9a-f]{6})$/i.exec(c);
  if (m) return `#${m[1].toUpperCase()}`;
  const named: Record<string, string> = { red: '#FF0000', yellow: '#FFFF00', white: '#FFFFFF', black: '#000000' };
  return named[c.toLowerCase()] ?? c;
}

function fillOf(init: FakeFill | string | null | undefined): FakeFill | null {
  if (!init) return null;
  if (typeof init === 'string')
    return { color: normColor(init), pattern: 'Solid', patternColor: '#000000', tintAndShade: 0 };
  return { ...init, color: normColor(init.color) };
}

// ------------------------------------------------------------------ the workbook

type SelectionHandler = (args: Excel.SelectionChangedEventArgs) => Promise<unknown>;
type ChangedHandler = (args: Excel.WorksheetChangedEventArgs) => Promise<unknown>;

export interface FakeOptions {
  /** Highest ExcelApi requirement set the host supports (default '1.13'). */
  apiVersion?: string;
  /** Office display language (default 'ja-JP'). */
  displayLanguage?: string;
  /** Turns a base64 .xlsx into sheets for insertWorksheetsFromBase64 (default: the built-in reader, see xlsx.ts). */
  decodeWorkbook?: (base64: string) => WorkbookInit;
}

export function compareVersion(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  names = new Map<string, string>();
  activeSheetId = '';
  /** context.sync() calls so far (tests assert batching). */
  syncs = 0;
  /** Bumped on every change (a snapshot for useSyncExternalStore). */
  changes = 0;
  /** base64 files passed to Excel.createWorkbook (a new window in Excel). */
  createdWorkbooks: string[] = [];
  apiVersion: string;
  displayLanguage: string;
  decodeWorkbook?: (base64: string) => WorkbookInit;

  private nextId = 1;
  private listeners = new Set<() => void>();
  /** Registered event handlers (the add-in's). */
  readonly selectionHandlers = new Set<SelectionHandler>();
  readonly changedHandlers = new Map<string, Set<ChangedHandler>>();

  constructor(init: WorkbookInit = { sheets: [{ name: 'Sheet1' }] }, opts: FakeOptions = {}) {
    this.apiVersion = opts.apiVersion ?? '1.13';
    this.displayLanguage = opts.displayLanguage ?? 'ja-JP';
    this.decodeWorkbook = opts.decodeWorkbook;
    this.load(init);
  }

  /** Replaces the whole content (keeps event registrations of sheets that still exist by name). */
  load(init: WorkbookInit): void {
    this.sheets = [];
    this.names = new Map(Object.entries(init.names ?? {}));
    for (const s of init.sheets) this.addSheet(s);
    if (this.sheets.length === 0) this.addSheet({ name: 'Sheet1' });
    this.activeSheetId = (this.sheets.find((s) => s.visibility === 'Visible') ?? this.sheets[0]).id;
    this.notify();
  }

  /** A workbook from a Grid (values; date cells get a date format). */
  static fromGrid(grid: Grid, opts: FakeOptions = {}): FakeWorkbook {
    const sheets: SheetInit[] = grid.sheets.map((gs) => {
      const cells: Record<string, CellInit> = {};
      gs.rows.forEach((row, r) =>
        row?.forEach((v, c) => {
          const a1 = cellAddress(r, c);
          const cell = cellInitOf(v);
          if (gs.dateCells?.has(a1)) cell.numberFormat = 'yyyy/m/d';
          if (gs.formulas?.[a1]) cell.formula = gs.formulas[a1];
          if (cell.value !== null || cell.error || cell.formula) cells[a1] = cell;
        }),
      );
      const visibility: Visibility =
        gs.state === 'veryHidden' ? 'VeryHidden' : gs.state === 'hidden' ? 'Hidden' : 'Visible';
      return { name: gs.name, visibility, cells };
    });
    const names = Object.fromEntries(
      Object.entries(grid.names ?? {}).map(([k, v]) => [k, v.startsWith('=') ? v : `=${v}`]),
    );
    return new FakeWorkbook({ sheets, names }, opts);
  }

  addSheet(init: SheetInit, position?: number): FakeSheet {
    let name = init.name;
    for (let n = 2; this.sheetByName(name); n++) name = `${init.name} (${n})`;
    const sheet: FakeSheet = {
      id: `{00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}}`,
      name,
      visibility: init.visibility ?? 'Visible',
      cells: new Map(),
      protection: {
        protected: init.protection?.protected ?? false,
        password: init.protection?.password,
        options: { ...(init.protection?.options ?? {}) },
      },
      selection: { r0: 0, c0: 0, r1: 0, c1: 0 },
    };
    for (const [a1, v] of Object.entries(init.cells ?? {})) {
      const rect = parseRect(a1);
      const ci: CellInit = v !== null && typeof v === 'object' ? v : parseTypedInit(v);
      sheet.cells.set(cellKey(rect.r0, rect.c0), {
        value: ci.value ?? null,
        ...(ci.error ? { error: ci.error } : {}),
        ...(ci.formula ? { formula: ci.formula } : {}),
        numberFormat: ci.numberFormat ?? 'General',
        fill: fillOf(ci.fill),
        locked: ci.locked ?? true,
      });
    }
    if (position === undefined) this.sheets.push(sheet);
    else this.sheets.splice(position, 0, sheet);
    return sheet;
  }

  sheetByName(name: string): FakeSheet | undefined {
    const n = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === n);
  }

  sheetByKey(key: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === key) ?? this.sheetByName(key);
  }

  get activeSheet(): FakeSheet {
    return this.sheets.find((s) => s.id === this.activeSheetId) ?? this.sheets[0];
  }

  // ---- reading the state (tests, grid view)

  cell(sheet: string, a1: string): FakeCell | undefined {
    const s = this.requireSheet(sheet);
    const { r0, c0 } = parseRect(a1);
    return s.cells.get(cellKey(r0, c0));
  }

  /** The value of a cell (null when empty; '#REF!' for errors). */
  value(sheet: string, a1: string): string | number | boolean | null {
    const c = this.cell(sheet, a1);
    return c?.error ?? c?.value ?? null;
  }

  /** The fill colour of a cell, or null for No Fill. */
  fillColor(sheet: string, a1: string): string | null {
    return this.cell(sheet, a1)?.fill?.color ?? null;
  }

  /** The selection as 'Sheet!A1' style parts. */
  get selection(): { sheet: string; address: string } {
    const s = this.activeSheet;
    return { sheet: s.name, address: formatRect(s.selection) };
  }

  /** Bounding rectangle of cells with a value (valuesOnly) or with anything (value, fill, format). */
  usedRect(sheet: FakeSheet, valuesOnly: boolean): Rect | null {
    let rect: Rect | null = null;
    for (const [k, cell] of sheet.cells) {
      const has = cell.value !== null || !!cell.error || !!cell.formula;
      if (!has && (valuesOnly || (!cell.fill && cell.numberFormat === 'General'))) continue;
      const [r, c] = k.split(',').map(Number);
      rect = rect
        ? { r0: Math.min(rect.r0, r), c0: Math.min(rect.c0, c), r1: Math.max(rect.r1, r), c1: Math.max(rect.c1, c) }
        : { r0: r, c0: c, r1: r, c1: c };
    }
    return rect;
  }

  /** The workbook as a Grid (what readGrid should produce). */
  toGrid(): Grid {
    return {
      sheets: this.sheets.map((s) => {
        const rows: CellValue[][] = [];
        for (const [k, cell] of s.cells) {
          const [r, c] = k.split(',').map(Number);
          const v: CellValue = cell.error ? { error: cell.error } : cell.value;
          if (v === null) continue;
          (rows[r] ??= [])[c] = v;
        }
        return {
          name: s.name,
          state: s.visibility === 'VeryHidden' ? 'veryHidden' : s.visibility === 'Hidden' ? 'hidden' : 'visible',
          rows,
        };
      }),
      names: Object.fromEntries([...this.names].map(([k, v]) => [k, v.replace(/^=/, '')])),
    };
  }

  // ---- the user, in the grid

  /** Typing into a cell: parsed as Excel parses typing; fires onChanged. Throws on a locked cell of a protected sheet. */
  userEdit(sheet: string, a1: string, text: string): void {
    const s = this.requireSheet(sheet);
    const rect = parseRect(a1);
    this.writeValues(s, rect, [[text]]);
    this.fireChanged(s, rect, 'Local');
    this.notify();
  }

  /** Clicking a cell: moves the selection (activating its sheet); fires onSelectionChanged. */
  userSelect(sheet: string, a1: string): void {
    const s = this.requireSheet(sheet);
    s.selection = parseRect(a1);
    this.activeSheetId = s.id;
    this.fireSelection();
    this.notify();
  }

  /** Re-render hook for the preview's grid view. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  // ---- internals used by the proxies

  notify(): void {
    this.changes++;
    for (const fn of this.listeners) fn();
  }

  requireSheet(key: string): FakeSheet {
    const s = this.sheetByKey(key);
    if (!s) throw new FakeExcelError('ItemNotFound', `The requested resource doesn't exist: worksheet "${key}"`);
    return s;
  }

  supports(version: string): boolean {
    return compareVersion(this.apiVersion, version) >= 0;
  }

  requireApi(version: string, what: string): void {
    if (!this.supports(version))
      throw new FakeExcelError('ApiNotFound', `${what} needs ExcelApi ${version}; this host has ${this.apiVersion}`);
  }

  getCell(sheet: FakeSheet, r: number, c: number): FakeCell {
    let cell = sheet.cells.get(cellKey(r, c));
    if (!cell) {
      cell = { value: null, numberFormat: 'General', fill: null, locked: true };
      sheet.cells.set(cellKey(r, c), cell);
    }
    return cell;
  }

  peekCell(sheet: FakeSheet, r: number, c: number): FakeCell | undefined {
    return sheet.cells.get(cellKey(r, c));
  }

  checkEditable(sheet: FakeSheet, rect: Rect, what: 'edit' | 'format'): void {
    const p = sheet.protection;
    if (!p.protected) return;
    if (what === 'format') {
      if (!p.options.allowFormatCells) throw new FakeExcelError('AccessDenied', `sheet "${sheet.name}" is protected`);
      return;
    }
    if (rectCells(rect) > 100_000) throw new FakeExcelError('AccessDenied', `sheet "${sheet.name}" is protected`);
    for (let r = rect.r0; r <= rect.r1; r++)
      for (let c = rect.c0; c <= rect.c1; c++)
        if (this.peekCell(sheet, r, c)?.locked ?? true)
          throw new FakeExcelError(
            'AccessDenied',
            `cell ${cellAddress(r, c)} of protected sheet "${sheet.name}" is locked`,
          );
  }

  writeValues(sheet: FakeSheet, rect: Rect, values: unknown[][]): void {
    const rows = rect.r1 - rect.r0 + 1;
    const cols = rect.c1 - rect.c0 + 1;
    const scalar = values.length === 1 && values[0].length === 1;
    if (!scalar && (values.length !== rows || values.some((r) => r.length !== cols)))
      throw new FakeExcelError(
        'InvalidArgument',
        `values are ${values.length}×${values[0]?.length}, range is ${rows}×${cols}`,
      );
    this.checkEditable(sheet, rect, 'edit');
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const input = scalar ? values[0][0] : values[r][c];
        const cell = this.getCell(sheet, rect.r0 + r, rect.c0 + c);
        const parsed = parseTyped(input, cell.numberFormat);
        cell.value = parsed.value;
        delete cell.error;
        if (parsed.formula) cell.formula = parsed.formula;
        else delete cell.formula;
        if (parsed.dateFormat && cell.numberFormat === 'General') cell.numberFormat = 'yyyy/m/d';
      }
    }
  }

  /**
   * Inserts rows (a whole-row range) or cells of the range, moving what is below down. Formulas are kept as written
   * (Excel would move their references too; the fake does not model it).
   */
  insertCells(sheet: FakeSheet, rect: Rect, shift: 'Down' | 'Right'): void {
    const p = sheet.protection;
    const wholeRows = rect.c0 === 0 && rect.c1 === MAX_COLS - 1;
    if (shift !== 'Down' || !wholeRows) throw new FakeExcelError('InvalidArgument', 'the fake inserts whole rows only');
    if (p.protected && !p.options.allowInsertRows)
      throw new FakeExcelError('AccessDenied', `sheet "${sheet.name}" is protected`);
    const n = rect.r1 - rect.r0 + 1;
    const moved = [...sheet.cells].map(([k, cell]) => {
      const [r, c] = k.split(',').map(Number);
      return [r >= rect.r0 ? r + n : r, c, cell] as const;
    });
    sheet.cells = new Map(moved.map(([r, c, cell]) => [cellKey(r, c), cell]));
  }

  fireChanged(
    sheet: FakeSheet,
    rect: Rect,
    source: 'Local' | 'Remote',
    triggerSource = 'Unknown',
    changeType = 'RangeEdited',
  ): void {
    const handlers = this.changedHandlers.get(sheet.id);
    if (!handlers?.size) return;
    const args = {
      address: formatRect(rect),
      changeType,
      source,
      triggerSource,
      type: 'WorksheetChanged',
      worksheetId: sheet.id,
    } as unknown as Excel.WorksheetChangedEventArgs;
    for (const h of handlers) setTimeout(() => void h(args), 0);
  }

  fireSelection(): void {
    const args = { type: 'WorkbookSelectionChanged' } as unknown as Excel.SelectionChangedEventArgs;
    for (const h of this.selectionHandlers) setTimeout(() => void h(args), 0);
  }

  /** The Excel namespace object backed by this workbook. */
  excel(): XExcel & { workbook: FakeWorkbook } {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the namespace object closes over its workbook
    const wb = this;
    return {
      workbook: wb,
      run<T>(batch: (context: XRequestContext) => Promise<T>): Promise<T> {
        return batch(new FakeContext(wb));
      },
      async createWorkbook(base64?: string): Promise<void> {
        wb.createdWorkbooks.push(base64 ?? '');
        wb.notify();
      },
    };
  }

  /** An Office namespace object (onReady, displayLanguage, isSetSupported) for this host. */
  office(host: 'Excel' | null = 'Excel'): XOffice {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- as above
    const wb = this;
    return {
      onReady: async (callback?: (info: XOfficeReady) => unknown) => {
        const info = {
          host: host as Office.HostType | null,
          platform: (host ? 'OfficeOnline' : null) as Office.PlatformType | null,
        };
        callback?.(info);
        return info;
      },
      context: {
        get displayLanguage() {
          return wb.displayLanguage;
        },
        requirements: {
          isSetSupported: (name: string, minVersion?: string) =>
            name === 'ExcelApi' && (minVersion === undefined || wb.supports(minVersion)),
        },
      },
    };
  }
}

function cellInitOf(v: CellValue): CellInit {
  if (v === null || v === undefined) return { value: null };
  if (v instanceof Date) {
    const serial = (v.getTime() - EPOCH_1900) / 86_400_000;
    return { value: serial, numberFormat: 'yyyy/m/d' };
  }
  if (typeof v === 'object') return { value: null, error: v.error };
  return { value: v };
}

function parseTypedInit(v: string | number | boolean | null): CellInit {
  const p = parseTyped(v, 'General');
  return {
    value: p.value,
    ...(p.formula ? { formula: p.formula } : {}),
    ...(p.dateFormat ? { numberFormat: 'yyyy/m/d' } : {}),
  };
}

/** Puts the fake on a global object (window or globalThis): Excel always, Office unless told to keep a real one. */
export function installFake(
  target: object,
  wb: FakeWorkbook,
  opts: { office?: boolean; host?: 'Excel' | null } = {},
): void {
  const t = target as { Excel?: unknown; Office?: unknown };
  t.Excel = wb.excel();
  if (opts.office !== false) t.Office = wb.office(opts.host === undefined ? 'Excel' : opts.host);
}

// ------------------------------------------------------------------ batches

class FakeContext implements XRequestContext {
  readonly workbook: XWorkbook;
  private queue: (() => void)[] = [];

  constructor(readonly wb: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
  }

  enqueue(op: () => void): void {
    this.queue.push(op);
  }

  async sync(): Promise<unknown> {
    const ops = this.queue;
    this.queue = [];
    this.wb.syncs++;
    await Promise.resolve();
    let changed = false;
    try {
      for (const op of ops) {
        op();
        changed = true;
      }
    } finally {
      if (changed) this.wb.notify();
    }
    return undefined;
  }
}

/** A proxy object: properties are readable only once loaded and synced. */
abstract class Proxy {
  private loaded = new Map<string, unknown>();
  private nullState: boolean | undefined;

  constructor(protected readonly ctx: FakeContext) {}

  protected get wb(): FakeWorkbook {
    return this.ctx.wb;
  }

  /** Reads the property's current value from the model (at sync time). */
  protected abstract snapshot(prop: string): unknown;
  /** Whether the object exists (null objects from …OrNullObject). Throws for a missing item of getItem. */
  protected abstract exists(): boolean;

  protected markNullable(): void {
    this.ctx.enqueue(() => {
      this.nullState = !this.exists();
    });
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined)
      throw new FakeExcelError('PropertyNotLoaded', 'isNullObject is known after context.sync()');
    return this.nullState;
  }

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop))
      throw new FakeExcelError(
        'PropertyNotLoaded',
        `The property '${prop}' is not available. Load it and call context.sync() first.`,
      );
    return this.loaded.get(prop) as T;
  }

  load(propertyNames: string | string[]): this {
    const props = (Array.isArray(propertyNames) ? propertyNames : propertyNames.split(','))
      .map((p) => p.trim())
      .filter(Boolean);
    this.ctx.enqueue(() => {
      if (this.nullState === true || !this.exists()) {
        this.nullState = true;
        return;
      }
      this.nullState = false;
      this.loadProps(props);
    });
    return this;
  }

  /** Default: each prop is a direct property; 'a/b' paths are delegated to child proxies. */
  protected loadProps(props: string[]): void {
    const direct = new Set<string>();
    const nested = new Map<string, string[]>();
    for (const p of props) {
      const i = p.indexOf('/');
      if (i < 0) direct.add(p);
      else nested.set(p.slice(0, i), [...(nested.get(p.slice(0, i)) ?? []), p.slice(i + 1)]);
    }
    for (const p of direct) this.loaded.set(p, this.snapshot(p));
    for (const [child, rest] of nested) this.loadChild(child, rest);
  }

  protected loadChild(child: string, _props: string[]): void {
    throw new FakeExcelError('InvalidArgument', `cannot load ${child}/… here`);
  }

  /** Loads into this proxy right now (inside a queued op). */
  protected setLoaded(prop: string, value: unknown): void {
    this.loaded.set(prop, value);
  }

  protected loadNow(props: string[]): void {
    this.nullState = false;
    this.loadProps(props);
  }
}

class EventHandlersProxy<T> implements XEventHandlers<T> {
  constructor(
    private readonly ctx: FakeContext,
    private readonly set: () => Set<(args: T) => Promise<unknown>>,
  ) {}

  add(handler: (args: T) => Promise<unknown>): XEventHandlerResult {
    const ctx = this.ctx;
    let target: Set<(args: T) => Promise<unknown>> | undefined;
    ctx.enqueue(() => {
      target = this.set();
      target.add(handler);
    });
    return {
      remove: () => ctx.enqueue(() => target?.delete(handler)),
      context: ctx,
    };
  }
}

class WorkbookProxy implements XWorkbook {
  readonly worksheets: WorksheetCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly onSelectionChanged: XEventHandlers<Excel.SelectionChangedEventArgs>;

  constructor(private readonly ctx: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.names = new NamedItemCollectionProxy(ctx);
    this.onSelectionChanged = new EventHandlersProxy(ctx, () => ctx.wb.selectionHandlers);
  }

  getSelectedRange(): XRange {
    const wb = this.ctx.wb;
    let sheetId = '';
    let rect: Rect = { r0: 0, c0: 0, r1: 0, c1: 0 };
    // The selection is captured when the batch runs, like Excel.
    this.ctx.enqueue(() => {
      sheetId = wb.activeSheet.id;
      rect = { ...wb.activeSheet.selection };
    });
    return new RangeProxy(this.ctx, () => ({ sheet: wb.requireSheet(sheetId), rect }));
  }

  insertWorksheetsFromBase64(base64File: string, options?: Excel.InsertWorksheetOptions): { readonly value: string[] } {
    const wb = this.ctx.wb;
    const result: { value: string[] } = {
      get value(): string[] {
        throw new FakeExcelError('PropertyNotLoaded', 'ClientResult.value is available after context.sync()');
      },
    };
    this.ctx.enqueue(() => {
      wb.requireApi('1.13', 'insertWorksheetsFromBase64');
      if (!wb.decodeWorkbook) throw new FakeExcelError('GeneralException', 'no decoder for workbook files');
      const init = wb.decodeWorkbook(base64File);
      const wanted = options?.sheetNamesToInsert;
      const ids: string[] = [];
      const at = options?.positionType === 'Beginning' ? 0 : undefined;
      init.sheets
        .filter((s) => !wanted || wanted.includes(s.name))
        .forEach((s, i) => ids.push(wb.addSheet(s, at === undefined ? undefined : at + i).id));
      Object.defineProperty(result, 'value', { value: ids });
    });
    return result;
  }
}

class WorksheetCollectionProxy implements XWorksheetCollection {
  private itemsLoaded: WorksheetProxy[] | undefined;

  constructor(private readonly ctx: FakeContext) {}

  get items(): XWorksheet[] {
    if (!this.itemsLoaded) throw new FakeExcelError('PropertyNotLoaded', "The property 'items' is not available.");
    return this.itemsLoaded;
  }

  load(propertyNames: string | string[]): this {
    const props = (Array.isArray(propertyNames) ? propertyNames : propertyNames.split(','))
      .map((p) => p.trim().replace(/^items\//, ''))
      .filter((p) => p && p !== 'items');
    this.ctx.enqueue(() => {
      this.itemsLoaded = this.ctx.wb.sheets.map((s) => {
        const ws = new WorksheetProxy(this.ctx, () => this.ctx.wb.sheets.find((x) => x.id === s.id), false);
        ws.loadNowPublic(props.length ? props : ['id', 'name', 'visibility']);
        return ws;
      });
    });
    return this;
  }

  add(name?: string): XWorksheet {
    const wb = this.ctx.wb;
    let id = '';
    this.ctx.enqueue(() => {
      if (name && wb.sheetByName(name)) throw new FakeExcelError('ItemAlreadyExists', `sheet "${name}" exists`);
      id = wb.addSheet({ name: name ?? `Sheet${wb.sheets.length + 1}` }).id;
    });
    return new WorksheetProxy(this.ctx, () => wb.sheets.find((s) => s.id === id), false);
  }

  getItem(key: string): XWorksheet {
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.sheetByKey(key), false, key);
  }

  getItemOrNullObject(key: string): XWorksheet {
    return new WorksheetProxy(this.ctx, () => this.ctx.wb.sheetByKey(key), true);
  }
}

class WorksheetProxy extends Proxy implements XWorksheet {
  readonly protection: ProtectionProxy;
  readonly onChanged: XEventHandlers<Excel.WorksheetChangedEventArgs>;

  constructor(
    ctx: FakeContext,
    private readonly find: () => FakeSheet | undefined,
    private readonly nullable: boolean,
    private readonly key?: string,
  ) {
    super(ctx);
    if (nullable) this.markNullable();
    this.protection = new ProtectionProxy(
      ctx,
      () => this.sheet(),
      () => !this.nullable || this.find() !== undefined,
    );
    this.onChanged = new EventHandlersProxy(ctx, () => {
      ctx.wb.requireApi('1.7', 'Worksheet.onChanged');
      const s = this.sheet();
      let set = ctx.wb.changedHandlers.get(s.id);
      if (!set) ctx.wb.changedHandlers.set(s.id, (set = new Set()));
      return set;
    });
  }

  /** The sheet, or an ItemNotFound error (which fails the sync, as in Excel). */
  sheet(): FakeSheet {
    const s = this.find();
    if (!s)
      throw new FakeExcelError('ItemNotFound', `The requested resource doesn't exist: worksheet "${this.key ?? '?'}"`);
    return s;
  }

  protected exists(): boolean {
    return this.find() !== undefined;
  }

  protected snapshot(prop: string): unknown {
    const s = this.sheet();
    switch (prop) {
      case 'id':
        return s.id;
      case 'name':
        return s.name;
      case 'visibility':
        return s.visibility;
      default:
        throw new FakeExcelError('PropertyNotFound', `Worksheet.${prop} is not in the fake`);
    }
  }

  protected override loadChild(child: string, props: string[]): void {
    if (child === 'protection') this.protection.loadNowPublic(props);
    else super.loadChild(child, props);
  }

  loadNowPublic(props: string[]): void {
    this.loadNow(props);
  }

  get id(): string {
    return this.read('id');
  }
  get name(): string {
    return this.read('name');
  }
  get visibility(): Excel.Worksheet['visibility'] {
    return this.read('visibility');
  }
  set visibility(v: Excel.Worksheet['visibility']) {
    this.ctx.enqueue(() => {
      const s = this.sheet();
      if (v !== 'Visible' && this.ctx.wb.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0)
        throw new FakeExcelError('InvalidOperation', 'a workbook must keep one visible sheet');
      s.visibility = v as Visibility;
      if (v !== 'Visible' && this.ctx.wb.activeSheetId === s.id)
        this.ctx.wb.activeSheetId = this.ctx.wb.sheets.find((x) => x.visibility === 'Visible')!.id;
    });
  }

  activate(): void {
    this.ctx.enqueue(() => {
      const s = this.sheet();
      if (s.visibility !== 'Visible') throw new FakeExcelError('InvalidOperation', 'cannot activate a hidden sheet');
      this.ctx.wb.activeSheetId = s.id;
    });
  }

  delete(): void {
    this.ctx.enqueue(() => {
      const wb = this.ctx.wb;
      const s = this.sheet();
      if (wb.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0)
        throw new FakeExcelError('InvalidOperation', 'cannot delete the last visible sheet');
      wb.sheets = wb.sheets.filter((x) => x !== s);
      wb.changedHandlers.delete(s.id);
      if (wb.activeSheetId === s.id) wb.activeSheetId = wb.sheets.find((x) => x.visibility === 'Visible')!.id;
    });
  }

  getRange(address?: string): XRange {
    const rect = address ? parseRect(address) : { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 };
    return new RangeProxy(this.ctx, () => ({ sheet: this.sheet(), rect }));
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XRange {
    return new RangeProxy(this.ctx, () => {
      this.ctx.wb.requireApi('1.7', 'getRangeByIndexes');
      return {
        sheet: this.sheet(),
        rect: { r0: startRow, c0: startColumn, r1: startRow + rowCount - 1, c1: startColumn + columnCount - 1 },
      };
    });
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): XRange {
    return new RangeProxy(
      this.ctx,
      () => {
        // On a null-object sheet, Office.js hands out null objects rather than failing.
        if (this.nullable && !this.find()) return null;
        const sheet = this.sheet();
        const rect = this.ctx.wb.usedRect(sheet, valuesOnly === true);
        return rect ? { sheet, rect } : null;
      },
      true,
    );
  }
}

class ProtectionProxy extends Proxy implements XWorksheetProtection {
  constructor(
    ctx: FakeContext,
    private readonly sheet: () => FakeSheet,
    private readonly parentExists: () => boolean,
  ) {
    super(ctx);
  }
  protected exists(): boolean {
    return this.parentExists();
  }
  protected snapshot(prop: string): unknown {
    const p = this.sheet().protection;
    if (prop === 'protected') return p.protected;
    if (prop === 'options') return { ...p.options };
    throw new FakeExcelError('PropertyNotFound', `WorksheetProtection.${prop} is not in the fake`);
  }
  loadNowPublic(props: string[]): void {
    this.loadNow(props);
  }
  get protected(): boolean {
    return this.read('protected');
  }
  get options(): Excel.WorksheetProtectionOptions {
    return this.read('options');
  }
  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void {
    this.ctx.enqueue(() => {
      const p = this.sheet().protection;
      if (p.protected) throw new FakeExcelError('InvalidOperation', 'the sheet is already protected');
      p.protected = true;
      p.options = { ...(options ?? {}) };
      p.password = password || undefined;
    });
  }
  unprotect(password?: string): void {
    this.ctx.enqueue(() => {
      const p = this.sheet().protection;
      if (!p.protected) return;
      if ((p.password ?? '') !== (password ?? '')) throw new FakeExcelError('InvalidArgument', 'wrong password');
      p.protected = false;
    });
  }
}

interface Resolved {
  sheet: FakeSheet;
  rect: Rect;
}

class RangeProxy extends Proxy implements XRange {
  readonly format: XRangeFormat;
  private resolvedCache: Resolved | null | undefined;

  constructor(
    ctx: FakeContext,
    private readonly resolver: () => Resolved | null,
    nullable = false,
  ) {
    super(ctx);
    if (nullable) this.markNullable();
    this.format = { fill: new FillProxy(ctx, () => this.resolve()) };
  }

  /** Resolved once, at its first use in a sync (a range keeps its cells even if the used range grows later). */
  resolve(): Resolved {
    if (this.resolvedCache === undefined) this.resolvedCache = this.resolver();
    if (this.resolvedCache === null) throw new FakeExcelError('InvalidOperation', 'the range is a null object');
    return this.resolvedCache;
  }

  protected exists(): boolean {
    if (this.resolvedCache === undefined) this.resolvedCache = this.resolver();
    return this.resolvedCache !== null;
  }

  protected snapshot(prop: string): unknown {
    const { sheet, rect } = this.resolve();
    const wb = this.wb;
    const grid = <T>(f: (cell: FakeCell | undefined) => T): T[][] => {
      if (rectCells(rect) > 5_000_000) throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', 'range too large');
      const out: T[][] = [];
      for (let r = rect.r0; r <= rect.r1; r++) {
        const row: T[] = [];
        for (let c = rect.c0; c <= rect.c1; c++) row.push(f(wb.peekCell(sheet, r, c)));
        out.push(row);
      }
      return out;
    };
    switch (prop) {
      case 'address':
        return `${quoteSheet(sheet.name)}!${formatRect(rect)}`;
      case 'rowIndex':
        return rect.r0;
      case 'columnIndex':
        return rect.c0;
      case 'rowCount':
        return rect.r1 - rect.r0 + 1;
      case 'columnCount':
        return rect.c1 - rect.c0 + 1;
      case 'values':
        return grid((c) => c?.error ?? c?.value ?? '');
      case 'formulas':
        return grid((c) => (c?.formula ? `=${c.formula}` : (c?.error ?? c?.value ?? '')));
      case 'numberFormat':
        return grid((c) => c?.numberFormat ?? 'General');
      case 'valueTypes':
        return grid((c): Excel.RangeValueType | string => {
          if (!c) return 'Empty';
          if (c.error) return 'Error';
          if (c.value === null) return 'Empty';
          if (typeof c.value === 'number') return 'Double';
          if (typeof c.value === 'boolean') return 'Boolean';
          return 'String';
        });
      default:
        throw new FakeExcelError('PropertyNotFound', `Range.${prop} is not in the fake`);
    }
  }

  protected override loadChild(child: string, props: string[]): void {
    if (child === 'format' && props.every((p) => p.startsWith('fill/')))
      (this.format.fill as FillProxy).loadNowPublic(props.map((p) => p.slice(5)));
    else if (child === 'worksheet') (this.worksheet as WorksheetProxy).loadNowPublic(props);
    else super.loadChild(child, props);
  }

  get address(): string {
    return this.read('address');
  }
  get rowIndex(): number {
    return this.read('rowIndex');
  }
  get columnIndex(): number {
    return this.read('columnIndex');
  }
  get rowCount(): number {
    return this.read('rowCount');
  }
  get columnCount(): number {
    return this.read('columnCount');
  }
  get formulas(): unknown[][] {
    return this.read('formulas');
  }
  get numberFormat(): unknown[][] {
    return this.read('numberFormat');
  }
  get valueTypes(): Excel.RangeValueType[][] {
    return this.read('valueTypes');
  }
  get values(): unknown[][] {
    return this.read('values');
  }
  set values(v: unknown[][]) {
    const values = v.map((row) => [...row]);
    this.ctx.enqueue(() => {
      const { sheet, rect } = this.resolve();
      this.wb.writeValues(sheet, rect, values);
      this.wb.fireChanged(sheet, rect, 'Local', 'ThisLocalAddin');
    });
  }

  private worksheetProxy: WorksheetProxy | undefined;

  get worksheet(): XWorksheet {
    return (this.worksheetProxy ??= new WorksheetProxy(this.ctx, () => this.resolve().sheet, false));
  }

  select(): void {
    this.ctx.enqueue(() => {
      const { sheet, rect } = this.resolve();
      if (sheet.visibility !== 'Visible')
        throw new FakeExcelError('InvalidOperation', 'cannot select on a hidden sheet');
      sheet.selection = { ...rect };
      this.wb.activeSheetId = sheet.id;
      this.wb.fireSelection();
    });
  }

  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this.ctx.enqueue(() => {
      const { sheet, rect } = this.resolve();
      this.wb.checkEditable(sheet, rect, applyTo === 'Formats' ? 'format' : 'edit');
      for (const [k, cell] of [...sheet.cells]) {
        const [r, c] = k.split(',').map(Number);
        if (r < rect.r0 || r > rect.r1 || c < rect.c0 || c > rect.c1) continue;
        if (applyTo !== 'Formats') {
          cell.value = null;
          delete cell.error;
          delete cell.formula;
        }
        if (applyTo !== 'Contents') {
          cell.fill = null;
          cell.numberFormat = 'General';
        }
      }
      if (applyTo !== 'Formats') this.wb.fireChanged(sheet, rect, 'Local', 'ThisLocalAddin');
    });
  }

  insert(shift: 'Down' | 'Right'): XRange {
    this.ctx.enqueue(() => {
      const { sheet, rect } = this.resolve();
      this.wb.insertCells(sheet, rect, shift);
      this.wb.fireChanged(sheet, rect, 'Local', 'ThisLocalAddin', 'RowInserted');
    });
    return new RangeProxy(this.ctx, () => this.resolve());
  }

  copyFrom(sourceRange: string, copyType: 'Formats' = 'Formats'): void {
    const source = parseRect(sourceRange);
    this.ctx.enqueue(() => {
      this.wb.requireApi('1.9', 'Range.copyFrom');
      if (copyType !== 'Formats') throw new FakeExcelError('InvalidArgument', 'the fake copies formats only');
      const { sheet, rect } = this.resolve();
      this.wb.checkEditable(sheet, rect, 'format');
      const h = source.r1 - source.r0 + 1;
      const w = Math.min(source.c1 - source.c0 + 1, 256);
      // Whole rows copy the columns that have cells; the source is tiled over the target as Excel does.
      const cols =
        rect.c1 - rect.c0 >= 255 ? [...new Set([...sheet.cells.keys()].map((k) => Number(k.split(',')[1])))] : null;
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (const c of cols ?? Array.from({ length: rect.c1 - rect.c0 + 1 }, (_, i) => rect.c0 + i)) {
          const from = this.wb.peekCell(
            sheet,
            source.r0 + ((r - rect.r0) % h),
            source.c0 + ((((c - source.c0) % w) + w) % w),
          );
          const to = this.wb.getCell(sheet, r, c);
          to.numberFormat = from?.numberFormat ?? 'General';
          to.fill = from?.fill ? { ...from.fill } : null;
          to.locked = from?.locked ?? true;
        }
      }
    });
  }

  private validationProxy: XDataValidation | undefined;

  get dataValidation(): XDataValidation {
    const each = (f: (cell: FakeCell) => void) =>
      this.ctx.enqueue(() => {
        this.wb.requireApi('1.8', 'Range.dataValidation');
        const { sheet, rect } = this.resolve();
        for (let r = rect.r0; r <= rect.r1; r++)
          for (let c = rect.c0; c <= rect.c1; c++) f(this.wb.getCell(sheet, r, c));
      });
    return (this.validationProxy ??= {
      set rule(rule: Excel.DataValidationRule) {
        each((cell) => (cell.validation = { ...cell.validation, rule: structuredClone(rule) }));
      },
      get rule(): Excel.DataValidationRule {
        throw new FakeExcelError('PropertyNotLoaded', 'the fake does not read data validation back');
      },
      set prompt(prompt: Excel.DataValidationPrompt) {
        each((cell) => (cell.validation = { rule: cell.validation?.rule ?? {}, prompt: { ...prompt } }));
      },
      get prompt(): Excel.DataValidationPrompt {
        throw new FakeExcelError('PropertyNotLoaded', 'the fake does not read data validation back');
      },
      clear: () => each((cell) => delete cell.validation),
    });
  }

  getIntersectionOrNullObject(anotherRange: string): XRange {
    const other = parseRect(anotherRange);
    return new RangeProxy(
      this.ctx,
      () => {
        const { sheet, rect } = this.resolve();
        const r = intersect(rect, other);
        return r ? { sheet, rect: r } : null;
      },
      true,
    );
  }
}

const FILL_API: Record<string, string> = { pattern: '1.9', patternColor: '1.9', tintAndShade: '1.9', color: '1.1' };

class FillProxy extends Proxy implements XRangeFill {
  constructor(
    ctx: FakeContext,
    private readonly target: () => Resolved,
  ) {
    super(ctx);
  }

  protected exists(): boolean {
    return true;
  }

  protected snapshot(prop: string): unknown {
    const api = FILL_API[prop];
    if (!api) throw new FakeExcelError('PropertyNotFound', `RangeFill.${prop} is not in the fake`);
    this.wb.requireApi(api, `RangeFill.${prop}`);
    const { sheet, rect } = this.target();
    if (rectCells(rect) > 100_000) return null;
    let first: unknown = undefined;
    for (let r = rect.r0; r <= rect.r1; r++) {
      for (let c = rect.c0; c <= rect.c1; c++) {
        const fill = this.wb.peekCell(sheet, r, c)?.fill ?? null;
        // What Office.js reports for "No Fill": white, pattern None, tint null (OfficeDev/office-js#4900, #6218).
        const v = fill
          ? fill[prop as keyof FakeFill]
          : (
              { color: '#FFFFFF', pattern: 'None', patternColor: '#000000', tintAndShade: null } as Record<
                string,
                unknown
              >
            )[prop];
        if (first === undefined) first = v;
        else if (first !== v) return null;
      }
    }
    return first;
  }

  loadNowPublic(props: string[]): void {
    this.loadNow(props);
  }

  private update(f: (fill: FakeFill) => void): void {
    this.ctx.enqueue(() => {
      const { sheet, rect } = this.target();
      this.wb.checkEditable(sheet, rect, 'format');
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          const cell = this.wb.getCell(sheet, r, c);
          cell.fill ??= { color: '#FFFFFF', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0 };
          f(cell.fill);
        }
      }
    });
  }

  get color(): string {
    return this.read('color');
  }
  set color(v: string) {
    this.update((f) => {
      f.color = normColor(v);
      if (f.pattern === 'None') f.pattern = 'Solid';
    });
  }
  get pattern(): FillPattern {
    return this.read('pattern');
  }
  set pattern(v: FillPattern) {
    this.ctx.enqueue(() => this.wb.requireApi('1.9', 'RangeFill.pattern'));
    this.update((f) => {
      f.pattern = v;
    });
  }
  get patternColor(): string {
    return this.read('patternColor');
  }
  set patternColor(v: string) {
    this.ctx.enqueue(() => this.wb.requireApi('1.9', 'RangeFill.patternColor'));
    this.update((f) => {
      f.patternColor = normColor(v);
    });
  }
  get tintAndShade(): number {
    return this.read('tintAndShade');
  }
  set tintAndShade(v: number) {
    this.ctx.enqueue(() => this.wb.requireApi('1.9', 'RangeFill.tintAndShade'));
    this.update((f) => {
      f.tintAndShade = v;
    });
  }

  clear(): void {
    this.ctx.enqueue(() => {
      const { sheet, rect } = this.target();
      this.wb.checkEditable(sheet, rect, 'format');
      for (let r = rect.r0; r <= rect.r1; r++) {
        for (let c = rect.c0; c <= rect.c1; c++) {
          const cell = this.wb.peekCell(sheet, r, c);
          if (cell) cell.fill = null;
        }
      }
    });
  }
}

class NamedItemProxy extends Proxy implements XNamedItem {
  constructor(
    ctx: FakeContext,
    private readonly key: string,
  ) {
    super(ctx);
  }
  protected exists(): boolean {
    return this.wb.names.has(this.key);
  }
  protected snapshot(prop: string): unknown {
    const formula = this.wb.names.get(this.key);
    if (formula === undefined) throw new FakeExcelError('ItemNotFound', `name ${this.key}`);
    switch (prop) {
      case 'name':
        return this.key;
      case 'formula':
        this.wb.requireApi('1.7', 'NamedItem.formula');
        return formula;
      case 'type':
        return /^=?'?[^!]+'?!\$?[A-Z]+\$?\d+/.test(formula) ? 'Range' : 'String';
      default:
        throw new FakeExcelError('PropertyNotFound', `NamedItem.${prop} is not in the fake`);
    }
  }
  loadNowPublic(props: string[]): void {
    this.loadNow(props);
  }
  markNullablePublic(): void {
    this.markNullable();
  }
  get name(): string {
    return this.read('name');
  }
  get type(): Excel.NamedItem['type'] {
    return this.read('type');
  }
  get formula(): string {
    return this.read('formula');
  }
}

class NamedItemCollectionProxy implements XNamedItemCollection {
  private itemsLoaded: NamedItemProxy[] | undefined;

  constructor(private readonly ctx: FakeContext) {}

  get items(): XNamedItem[] {
    if (!this.itemsLoaded) throw new FakeExcelError('PropertyNotLoaded', "The property 'items' is not available.");
    return this.itemsLoaded;
  }

  load(propertyNames: string | string[]): this {
    const props = (Array.isArray(propertyNames) ? propertyNames : propertyNames.split(','))
      .map((p) => p.trim().replace(/^items\//, ''))
      .filter((p) => p && p !== 'items');
    this.ctx.enqueue(() => {
      this.itemsLoaded = [...this.ctx.wb.names.keys()].map((k) => {
        const n = new NamedItemProxy(this.ctx, k);
        n.loadNowPublic(props.length ? props : ['name', 'type']);
        return n;
      });
    });
    return this;
  }

  add(name: string, reference: string): unknown {
    this.ctx.enqueue(() => {
      if (this.ctx.wb.names.has(name)) throw new FakeExcelError('ItemAlreadyExists', `name ${name}`);
      this.ctx.wb.names.set(name, reference.startsWith('=') ? reference : `=${reference}`);
    });
    return undefined;
  }

  getItemOrNullObject(name: string): XNamedItem & { readonly isNullObject: boolean } {
    const n = new NamedItemProxy(this.ctx, name);
    n.markNullablePublic();
    return n;
  }
}
