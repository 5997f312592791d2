// Pure helpers between the template model and the pane's controls: where a table's columns are, what text a cell
// shows in a control, what to write back for a control's text, which findings belong to a row.
import { foldLabel } from '../../templates/model/fold.js';
import {
  cellAddress,
  cellAt,
  findSheet,
  parseAddress,
  type CellValue,
  type Grid,
  type GridSheet,
} from '../../templates/model/grid.js';
import { cellText, normaliseCell, type NormResult } from '../../templates/model/normalise.js';
import { fieldLabels, sheetNames } from '../../templates/model/read.js';
import type {
  FieldDef,
  Issue,
  QuestionSheetDef,
  SheetDef,
  TableSheetDef,
  TemplateDef,
  Text,
} from '../../templates/model/types.js';
import type { WriteValue } from '../excel/index.js';

/** Today's date where the user is (not UTC), as yyyy-mm-dd. */
export function todayIso(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** The grid sheet of a template sheet (by its name or synonyms, as the reader finds it). */
export function gridSheetOf(grid: Grid, sd: SheetDef): GridSheet | undefined {
  return findSheet(grid, sheetNames(sd));
}

/** The template sheet a worksheet name stands for. */
export function sheetDefOf(def: TemplateDef, sheetName: string): SheetDef | undefined {
  const folded = foldLabel(sheetName);
  return def.sheets.find((sd) => sheetNames(sd).some((n) => foldLabel(n) === folded));
}

export interface TableColumns {
  /** 0-based header row. */
  headerRow: number;
  /** 0-based column of each field found. */
  columns: Map<string, number>;
}

/** Finds a table's header row (the one among the first 20 matching most field labels) and its columns. */
export function locateColumns(sd: TableSheetDef, sheet: GridSheet): TableColumns | null {
  const wanted = new Map<string, string>();
  for (const f of sd.fields) for (const l of fieldLabels(f)) if (!wanted.has(l)) wanted.set(l, f.key);
  let best: TableColumns | null = null;
  for (let r = 0; r < Math.min(sheet.rows.length, 20); r++) {
    const columns = new Map<string, number>();
    (sheet.rows[r] ?? []).forEach((v, c) => {
      const key = wanted.get(foldLabel(cellText(v ?? null)));
      if (key !== undefined && !columns.has(key)) columns.set(key, c);
    });
    if (columns.size > (best?.columns.size ?? 0)) best = { headerRow: r, columns };
  }
  return best && best.columns.size >= Math.min(2, sd.fields.length) ? best : null;
}

/** Last 0-based row holding anything in the table's columns (the header row when the table is empty). */
export function lastDataRow(sheet: GridSheet, cols: TableColumns): number {
  for (let r = sheet.rows.length - 1; r > cols.headerRow; r--) {
    const row = sheet.rows[r];
    if (row && [...cols.columns.values()].some((c) => cellText(row[c] ?? null) !== null)) return r;
  }
  return cols.headerRow;
}

/** The date system of the grid, for normalising serial numbers. */
export const dateOpts = (grid: Grid | null) => ({ date1904: grid?.date1904 === true });

/** The text a control shows for a cell: its canonical text when valid (a serial date as yyyy-mm-dd), else as found. */
export function displayText(field: FieldDef, value: CellValue, grid: Grid | null): string {
  const r = normaliseCell(field.type, value, dateOpts(grid));
  if (r.kind === 'ok') return r.text;
  return cellText(value) ?? '';
}

/** Validates what the user typed into a control (empty, a normalised value, or why it is wrong). */
export function checkInput(field: FieldDef, text: string, grid: Grid | null): NormResult {
  return normaliseCell(field.type, text.trim() === '' ? null : text, dateOpts(grid));
}

/** What to write into a cell for a control's text: dates as dates, numbers as numbers, the rest as text. */
export function toWriteValue(field: FieldDef, text: string, grid: Grid | null): WriteValue {
  if (text.trim() === '') return null;
  const r = checkInput(field, text, grid);
  if (r.kind !== 'ok') return text;
  const v = r.value;
  if (typeof v === 'number') return v;
  if (field.type.kind === 'date' && typeof v === 'string') return { date: v };
  if (typeof v === 'object' && v.kind === 'date') return { date: v.iso };
  return r.text;
}

/** 0-based row of an issue's cell, or null. */
export function issueRow(issue: Issue): number | null {
  if (!issue.cell) return null;
  try {
    return parseAddress(issue.cell).row;
  } catch {
    return null;
  }
}

/** Findings on one worksheet row. */
export function issuesOnRow(issues: readonly Issue[], sheet: string, row: number): Issue[] {
  return issues.filter((i) => i.sheet === sheet && issueRow(i) === row);
}

/** The answer field of a question sheet: its first enum (or yes/no) field. */
export function answerField(sd: QuestionSheetDef): FieldDef | undefined {
  return sd.fields.find((f) => f.type.kind === 'enum' || f.type.kind === 'yesno');
}

/** The grid with one row replaced (a shallow copy: only that sheet's row list is copied). */
export function withRow(grid: Grid, sheetName: string, row: number, cells: Map<number, CellValue>): Grid {
  return {
    ...grid,
    sheets: grid.sheets.map((s) => {
      if (s.name !== sheetName) return s;
      const rows = s.rows.slice();
      const next = (rows[row] ?? []).slice();
      for (const [c, v] of cells) next[c] = v;
      rows[row] = next;
      // Typed text replaces a formula or a date serial in the tentative copy.
      const formulas = { ...(s.formulas ?? {}) };
      const dateCells = new Set(s.dateCells ?? []);
      for (const c of cells.keys()) {
        delete formulas[cellAddress(row, c)];
        dateCells.delete(cellAddress(row, c));
      }
      return { ...s, rows, formulas, dateCells };
    }),
  };
}

export function cellValueAt(sheet: GridSheet | undefined, row: number, col: number): CellValue {
  return sheet ? cellAt(sheet, row, col) : null;
}

/** Label with its language; both when English is shown (Japanese headers stay recognisable). */
export function labelOf(text: Text, lang: 'ja' | 'en'): string {
  return lang === 'ja' ? text.ja : `${text.en} (${text.ja})`;
}
