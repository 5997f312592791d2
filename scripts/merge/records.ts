// One input's table sheets as the merge sees them: where each column sits, which rows are records, each record's key
// and content identity, and the master rows it becomes. Runs in a worker, next to the grid, so the main thread never
// holds cells.
//
// The engine decides the layout: readRecords on the top of each sheet (the header search never looks further down)
// finds the header row, the fields' columns, extra and provenance columns and any structural problem. The rows are then
// taken as readRecords takes them (a row with anything in a field, extra or provenance column), and each value is
// normalised with the engine's normaliseCell, once per distinct value of a column: a 2,000-row ledger repeats most
// of its values, and building the engine's full RecordRow for 66,000 cells only to compare them was most of a
// merge's reading time.
import { foldKey, foldLabel, foldText, foldWord } from '../../templates/model/fold.js';
import {
  cellAt,
  cellAddress,
  findSheet,
  parseAddress,
  type CellValue,
  type Grid,
  type GridSheet,
} from '../../templates/model/grid.js';
import { PROVENANCE_COLUMNS } from '../../templates/model/layout.js';
import { cellText, normaliseCell } from '../../templates/model/normalise.js';
import { fieldLabels, readRecords, sheetNames } from '../../templates/model/read.js';
import type { FieldDef, Issue, NormValue, RecordRow, TableSheetDef, TemplateDef } from '../../templates/model/types.js';
import { digest, type SheetSummary } from './plan.js';
import { PROVENANCE_ORDER } from './master-xml.js';
import { cellXml, col, heightOf, lineCount } from './xml.js';

export const PROV_FILE = PROVENANCE_COLUMNS.file.ja;
export const PROV_ROW = PROVENANCE_COLUMNS.row.ja;
export const PROV_NOTE = PROVENANCE_COLUMNS.note.ja;
const PROVENANCE = new Map(
  Object.values(PROVENANCE_COLUMNS).flatMap((t) => [
    [foldLabel(t.ja), t.ja],
    [foldLabel(t.en), t.ja],
  ]),
);

/** How far down the engine looks for a header row (read.ts HEADER_SCAN_ROWS), plus a first record. */
const TOP_ROWS = 22;
/** The same external-link test the engine applies to formulas (read.ts). */
const EXTERNAL_REF = /\[[^\]]+\][^!]*!|'[a-z]:\\|'https?:/i;
/** Whitespace and zero-width characters only: what cellText treats as empty. */
const BLANK = /^[\s\u200b-\u200d\ufeff]*$/u;

/** Where one input sheet's columns are, and which of its rows are records. */
export interface SheetLayout {
  /** 0-based column of each field (undefined: the input lacks it). */
  fieldCols: (number | undefined)[];
  /** Unknown extra columns, in input order. */
  extras: { col: number; label: string }[];
  /** Provenance columns of a master input. */
  prov: { file?: number; row?: number; note?: number };
  /** 0-based grid rows that hold records. */
  rows: number[];
}

export interface TableInput {
  sd: TableSheetDef;
  sheet: GridSheet;
  layout: SheetLayout;
}

const blank = (v: CellValue | undefined): boolean =>
  v === null || v === undefined || (typeof v === 'string' && BLANK.test(v));

/** The column layout from the engine's records (their cells) and the header row above them. */
function layoutFrom(
  sd: TableSheetDef,
  sheet: GridSheet,
  first: RecordRow,
): Omit<SheetLayout, 'rows'> & { header: number } {
  const fieldCols = sd.fields.map((f) => {
    const a = first.cells[f.key];
    return a ? parseAddress(a).col : undefined;
  });
  // The header row: the row above the first record whose cells at the fields' columns carry the fields' labels.
  let header = -1;
  let best = 0;
  for (let r = 0; r < first.row - 1; r++) {
    let score = 0;
    sd.fields.forEach((f, i) => {
      const c = fieldCols[i];
      if (c !== undefined && fieldLabels(f).includes(foldLabel(cellText(cellAt(sheet, r, c))))) score++;
    });
    if (score > best) {
      best = score;
      header = r;
    }
  }
  const extras: SheetLayout['extras'] = [];
  const prov: SheetLayout['prov'] = {};
  if (header >= 0) {
    const taken = new Set(fieldCols.filter((c): c is number => c !== undefined));
    const row = sheet.rows[header] ?? [];
    for (let c = 0; c < row.length; c++) {
      const label = cellText(row[c] ?? null);
      const folded = foldLabel(label);
      if (taken.has(c) || label === null || !folded) continue;
      const p = PROVENANCE.get(folded);
      if (p === PROV_FILE && prov.file === undefined) prov.file = c;
      else if (p === PROV_ROW && prov.row === undefined) prov.row = c;
      else if (p === PROV_NOTE && prov.note === undefined) prov.note = c;
      else extras.push({ col: c, label });
    }
  }
  return { fieldCols, extras, prov, header };
}

/**
 * Find every table sheet of a template in a grid: layout and record rows. `issues` are the engine's structural
 * findings (missing sheets and columns), as a full read would report them.
 */
export function locateTables(def: TemplateDef, grid: Grid): { tables: TableInput[]; issues: Issue[] } {
  const top: Grid = { ...grid, sheets: grid.sheets.map((s) => ({ ...s, rows: s.rows.slice(0, TOP_ROWS) })) };
  let data = readRecords(def, top);
  const tables: TableInput[] = [];
  for (const sd of def.sheets) {
    if (sd.kind !== 'table') continue;
    const sheet = findSheet(grid, sheetNames(sd));
    if (!sheet) continue;
    let first = data.sheets[sd.name]?.[0];
    if (!first && sheet.rows.length > TOP_ROWS) {
      // Records start further down than the top slice: let the engine read the whole sheet.
      data = readRecords(def, grid);
      first = data.sheets[sd.name]?.[0];
    }
    if (!first) {
      tables.push({ sd, sheet, layout: { fieldCols: sd.fields.map(() => undefined), extras: [], prov: {}, rows: [] } });
      continue;
    }
    const l = layoutFrom(sd, sheet, first);
    const watch = [...l.fieldCols.filter((c): c is number => c !== undefined), ...l.extras.map((e) => e.col)];
    for (const c of [l.prov.file, l.prov.row, l.prov.note]) if (c !== undefined) watch.push(c);
    const rows: number[] = [];
    const start = l.header >= 0 ? l.header + 1 : first.row - 1;
    for (let r = start; r < sheet.rows.length; r++) {
      const row = sheet.rows[r];
      if (!row) continue;
      for (const c of watch) {
        if (!blank(row[c])) {
          rows.push(r);
          break;
        }
      }
    }
    tables.push({ sd, sheet, layout: { fieldCols: l.fieldCols, extras: l.extras, prov: l.prov, rows } });
  }
  return { tables, issues: data.issues };
}

function canonical(field: FieldDef, v: NormValue): string {
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return field.type.kind === 'text' ? foldText(v) : v;
  if (v.kind === 'date') return v.iso;
  if (v.kind === 'permanent') return '\u0002permanent';
  return `\u0002${foldText(v.event)}+${v.years ?? 0}y${v.months ?? 0}m${v.days ?? 0}d`;
}

interface Norm {
  /** The value as the merge compares it: normalised, text folded for width and spacing; '' when empty. */
  cmp: string;
  /** The normalised value for a key, or null. */
  key: string | null;
  /** The text messages and the conflict sheet show (a date serial as its date). */
  raw: string | null;
}

const EMPTY: Norm = { cmp: '', key: null, raw: null };

/** Normalises cell values of one input, each distinct value of a column once. */
export class Normaliser {
  private readonly memo: Map<unknown, Norm>[];
  constructor(
    private readonly sd: TableSheetDef,
    private readonly date1904: boolean,
  ) {
    this.memo = sd.fields.map(() => new Map());
  }

  of(f: number, v: CellValue | undefined, external: boolean): Norm {
    if (v === null || v === undefined) return EMPTY;
    const field = this.sd.fields[f];
    if (external) {
      const raw = cellText(v);
      return raw === null ? EMPTY : { cmp: `\u0001${foldText(raw)}`, key: null, raw };
    }
    const memoKey = v instanceof Date ? `d${v.getTime()}` : typeof v === 'object' ? `e${v.error}` : v;
    const m = this.memo[f];
    let n = m.get(memoKey);
    if (n) return n;
    const r = normaliseCell(field.type, v, { date1904: this.date1904 });
    if (r.kind === 'ok') {
      const raw =
        typeof v === 'number' && (field.type.kind === 'date' || field.type.kind === 'period') ? r.text : cellText(v);
      const key = typeof r.value === 'object' ? null : String(r.value);
      n = { cmp: canonical(field, r.value), key, raw };
    } else if (r.kind === 'empty') {
      n = EMPTY;
    } else {
      const raw = cellText(v);
      n = raw === null ? EMPTY : { cmp: `\u0001${foldText(raw)}`, key: null, raw };
    }
    m.set(memoKey, n);
    return n;
  }
}

/** Fields whose values are compared: all but a per-workbook numbering (unique, not part of the key). */
export function comparedFields(sd: TableSheetDef): number[] {
  const key = new Set(sd.key ?? []);
  return sd.fields.flatMap((f, i) => (f.unique && !key.has(f.key) ? [] : [i]));
}

/** The keyed sheet a keyless sheet hangs off (リスク分析 → 台帳 through 管理番号), with the linking field. */
export function parentOf(def: TemplateDef, sd: TableSheetDef): { parent: TableSheetDef; link: string } | null {
  if (sd.key?.length) return null;
  for (const p of def.sheets) {
    if (p.kind !== 'table' || p === sd || !p.key?.length) continue;
    const link = p.key.find((k) => sd.fields.some((f) => f.key === k));
    if (link) return { parent: p, link };
  }
  return null;
}

/** The cells of one table input and their normalised values. */
export class TableReader {
  readonly norm: Normaliser;
  private readonly formulas: Record<string, string> | undefined;

  constructor(
    readonly input: TableInput,
    date1904: boolean,
  ) {
    this.norm = new Normaliser(input.sd, date1904);
    // Most sheets have no formula at all: then no cell needs its address built to look one up.
    const f = input.sheet.formulas;
    this.formulas = f && Object.keys(f).length ? f : undefined;
  }

  value(r: number, f: number): CellValue {
    const c = this.input.layout.fieldCols[f];
    return c === undefined ? null : (this.input.sheet.rows[r]?.[c] ?? null);
  }

  /** Normalised value of field f in grid row r. */
  field(r: number, f: number): Norm {
    const c = this.input.layout.fieldCols[f];
    if (c === undefined) return EMPTY;
    const v = this.input.sheet.rows[r]?.[c];
    const external =
      this.formulas !== undefined &&
      v !== null &&
      v !== undefined &&
      EXTERNAL_REF.test(this.formulas[cellAddress(r, c)] ?? '');
    return this.norm.of(f, v, external);
  }

  text(r: number, c: number | undefined): string | null {
    return c === undefined ? null : cellText(this.input.sheet.rows[r]?.[c] ?? null);
  }

  /** The record's key, folded, or null when a key field is empty. */
  key(r: number): string | null {
    const sd = this.input.sd;
    if (!sd.key?.length) return null;
    const parts: string[] = [];
    for (const k of sd.key) {
      const f = sd.fields.findIndex((x) => x.key === k);
      const v = this.field(r, f).key;
      if (v === null) return null;
      const t = foldKey(v);
      if (!t) return null;
      parts.push(t);
    }
    return parts.join('\u0001');
  }

  keyText(r: number): string {
    const sd = this.input.sd;
    return (sd.key ?? [])
      .map(
        (k) =>
          this.field(
            r,
            sd.fields.findIndex((x) => x.key === k),
          ).raw ?? '',
      )
      .join(' / ');
  }

  /** Raw text and comparable value of every field and extra column (the conflict sheet lists them). */
  values(r: number): {
    raw: (string | null)[];
    cmp: string[];
    extras: { label: string; raw: string | null; cmp: string }[];
  } {
    const fields = this.input.sd.fields;
    const raw: (string | null)[] = [];
    const cmp: string[] = [];
    for (let f = 0; f < fields.length; f++) {
      const n = this.field(r, f);
      raw.push(n.raw);
      cmp.push(n.cmp);
    }
    const extras = this.input.layout.extras.map((e) => {
      const t = this.text(r, e.col);
      return { label: e.label, raw: t, cmp: t === null ? '' : foldText(t) };
    });
    return { raw, cmp, extras };
  }
}

/** The merge's view of one input sheet: per record its key, content hash, row and origin. */
export function summarizeSheet(def: TemplateDef, t: TableReader, all: readonly TableReader[]): SheetSummary {
  const { sd, layout } = t.input;
  const compared = comparedFields(sd);
  const foldedExtras = layout.extras.map((e) => foldWord(e.label));
  const link = parentOf(def, sd);
  let parentKeys: Map<string, string> | null = null;
  let linkField = -1;
  if (link) {
    parentKeys = new Map();
    linkField = sd.fields.findIndex((f) => f.key === link.link);
    const p = all.find((x) => x.input.sd === link.parent);
    if (p) {
      const pf = link.parent.fields.findIndex((f) => f.key === link.link);
      for (const r of p.input.layout.rows) {
        const v = p.field(r, pf).key;
        const k = p.key(r);
        if (v !== null && k) parentKeys.set(foldKey(v), k);
      }
    }
  }
  const n = layout.rows.length;
  const keys: (string | null)[] = new Array(n);
  const hashes: string[] = new Array(n);
  const rows: number[] = new Array(n);
  const keyTexts: (string | null)[] = new Array(n);
  let origins: SheetSummary['origins'] = null;
  let notes: SheetSummary['notes'] = null;
  const parts: string[] = new Array(compared.length);
  layout.rows.forEach((r, i) => {
    for (let k = 0; k < compared.length; k++) parts[k] = t.field(r, compared[k]).cmp;
    let content = parts.join('\u0000');
    for (let k = 0; k < layout.extras.length; k++) {
      const v = t.text(r, layout.extras[k].col);
      if (v !== null) content += `\u0000${foldedExtras[k]}=${foldText(v)}`;
    }
    if (parentKeys) {
      const v = t.field(r, linkField).key;
      content = `${v === null ? '' : (parentKeys.get(foldKey(v)) ?? foldKey(v))}\u0003${content}`;
    }
    const key = t.key(r);
    keys[i] = key === null ? null : digest(key);
    hashes[i] = digest(content);
    rows[i] = r + 1;
    keyTexts[i] = key === null ? null : t.keyText(r);
    const file = t.text(r, layout.prov.file);
    if (file !== null) {
      origins ??= new Array(n).fill(null);
      const rowText = t.text(r, layout.prov.row);
      origins[i] = { file, row: rowText !== null && /^\d+$/.test(rowText) ? Number(rowText) : rowText };
    }
    const note = t.text(r, layout.prov.note);
    if (note !== null) {
      notes ??= new Array(n).fill(null);
      notes[i] = note;
    }
  });
  return {
    name: sd.name,
    keys,
    hashes,
    rows,
    origins,
    keyTexts,
    extraLabels: layout.extras.map((e) => e.label),
    notes,
  };
}

/** Style ids and widths the master's rows are written with. */
export interface RowStyles {
  data: number[];
  date: number[];
  widths: number[];
  text: number;
  dateText: number;
}

export interface BuildSheet {
  rowOf: number[];
  /** Absolute shared-string index of each kept record's 統合メモ cell. */
  sstOf: number[];
  extraCols: number[];
  styles: RowStyles;
}

/** The master rows of one input sheet, as <row> elements. */
export function buildRows(t: TableReader, b: BuildSheet, shownFile: string): string {
  const { sd, sheet, layout } = t.input;
  const F = sd.fields.length;
  const fileCol = col(F);
  const rowCol = col(F + 1);
  const noteCol = col(F + 2);
  const letters = sd.fields.map((_, f) => col(f));
  const extraOrder = layout.extras
    .map((e, k) => ({ ...e, master: b.extraCols[k] }))
    .sort((a, c) => a.master - c.master);
  const dateCells = sheet.dateCells;
  const dateField = sd.fields.map((f) => f.type.kind === 'date');
  // A ledger repeats most of its texts: each distinct string of a column is escaped and measured once.
  const tails = sd.fields.map(() => new Map<string, string>());
  const lines = sd.fields.map(() => new Map<string, number>());
  const shownTail = cellXml('', shownFile, b.styles.text, b.styles.dateText).slice('<c r=""'.length);
  const fileWidth = PROVENANCE_ORDER[0].width;
  const shownLines = lineCount(shownFile, fileWidth);
  const out: string[] = [];
  layout.rows.forEach((r, i) => {
    const n = b.rowOf[i];
    if (!n) return;
    const src = sheet.rows[r] ?? [];
    let cells = '';
    let height = 1;
    for (let f = 0; f < F; f++) {
      const c = layout.fieldCols[f];
      const v: CellValue = c === undefined ? null : (src[c] ?? null);
      if (v === null) continue;
      if (typeof v === 'string') {
        let tail = tails[f].get(v);
        if (tail === undefined) {
          tail = cellXml('', v, b.styles.data[f], b.styles.date[f]).slice('<c r=""'.length);
          tails[f].set(v, tail);
          lines[f].set(v, lineCount(v, b.styles.widths[f] ?? 10));
        }
        if (tail) cells += `<c r="${letters[f]}${n}"${tail}`;
        const l = lines[f].get(v)!;
        if (l > height) height = l;
        continue;
      }
      const isDate =
        typeof v === 'number' && !dateField[f] && dateCells !== undefined && dateCells.has(cellAddress(r, c!));
      cells += cellXml(letters[f] + n, v, b.styles.data[f], b.styles.date[f], isDate);
    }
    const origin = t.text(r, layout.prov.file);
    const rowText = origin === null ? null : t.text(r, layout.prov.row);
    const shownRow: CellValue =
      origin === null ? r + 1 : rowText === null ? null : /^\d+$/.test(rowText) ? Number(rowText) : rowText;
    cells +=
      origin === null
        ? `<c r="${fileCol}${n}"${shownTail}`
        : cellXml(fileCol + n, origin, b.styles.text, b.styles.dateText);
    height = Math.max(height, origin === null ? shownLines : lineCount(origin, fileWidth));
    cells += cellXml(rowCol + n, shownRow, b.styles.text, b.styles.dateText);
    cells += `<c r="${noteCol}${n}" s="${b.styles.text}" t="s"><v>${b.sstOf[i]}</v></c>`;
    for (const e of extraOrder) {
      const v = src[e.col] ?? null;
      if (v === null) continue;
      const isDate = typeof v === 'number' && dateCells !== undefined && dateCells.has(cellAddress(r, e.col));
      cells += cellXml(col(e.master) + n, v, b.styles.text, b.styles.dateText, isDate);
    }
    const ht = heightOf(height);
    out.push(ht ? `<row r="${n}" ht="${ht}" customHeight="1">${cells}</row>` : `<row r="${n}">${cells}</row>`);
  });
  return out.join('');
}
