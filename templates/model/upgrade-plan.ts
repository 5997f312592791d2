// What `daicho upgrade` and the pane's 「このブックを最新版に更新」 do to a workbook of an earlier template version: one
// plan, made here from the workbook as read, applied by the command line to the package (scripts/upgrade) and by the
// pane through Office.js (addin/excel). A table sheet gains the columns added since, after every column it uses; a
// form sheet gains the rows of the fields added since, where the current definition puts them (after the field that
// precedes them), each row formatted as an existing field row of the same kind. The hidden marker gets the version.
import { cellAddress, cellAt, findSheet, type Grid } from './grid.js';
import { MARKER_SHEET } from './layout.js';
import { cellText } from './normalise.js';
import { readRecords, sheetNames, tableHeader } from './read.js';
import type { FieldDef, FormSheetDef, TableSheetDef, TemplateDef, Text } from './types.js';
import { identifyAmong } from './validate.js';
import { atVersion } from './versions.js';

/** Rows below a table's header that get the new columns' hints and dropdowns when the template does not say. */
const TEMPLATE_ROWS = 100;

/** New columns of a table sheet. Rows and columns are 0-based, in the workbook as it is. */
export interface NewColumns {
  kind: 'columns';
  sheet: string;
  headerRow: number;
  /** The first new column; the others follow it. */
  col: number;
  fields: readonly FieldDef[];
  /** A column of the template whose header and first input cell the new ones are formatted as. */
  likeCol: number;
  /** The last row that gets the new columns' dropdowns and hints. */
  lastRow: number;
}

/** New field rows of a form sheet: inserted before row `at` (that row and those below move down). */
export interface NewRows {
  kind: 'rows';
  sheet: string;
  at: number;
  /** Label column; the value is in the next column, the hint in the one after. */
  labelCol: number;
  /** Each field with the row (before any insertion) of an existing field row whose formatting it copies. */
  fields: readonly { field: FieldDef; like: number }[];
}

export type UpgradeStep = NewColumns | NewRows;

export interface UpgradePlan {
  template: TemplateDef['id'];
  from: number;
  to: number;
  /** Row insertions are listed bottom-up, so applying them in order leaves the positions of the later ones valid. */
  steps: readonly UpgradeStep[];
  /** The marker sheet's cell holding the version (A1). */
  marker: { sheet: string; cell: string };
}

export type UpgradeDecision =
  | { kind: 'plan'; plan: UpgradePlan }
  /** Already the current version (nothing to do; not an error). */
  | { kind: 'current'; message: Text }
  | { kind: 'refused'; reason: Text };

export interface PlanOptions {
  /** The last column (0-based) holding anything in a sheet — formatting too, which the grid does not show. */
  lastColumn?: (sheet: string) => number;
}

const refused = (ja: string, en: string): UpgradeDecision => ({ kind: 'refused', reason: { ja, en } });

/** The upgrade of a workbook (as read into a grid) to the current version of its template among `defs`. */
export function planUpgrade(grid: Grid, defs: readonly TemplateDef[], opts: PlanOptions = {}): UpgradeDecision {
  const id = identifyAmong(grid, defs);
  if (!id.def || id.refuse) return { kind: 'refused', reason: id.issues[0].message };
  const current = defs.find((d) => d.id === id.def!.id)!;
  const from = id.def.version;
  if (from >= current.version) {
    return {
      kind: 'current',
      message: {
        ja: `すでに最新版のテンプレート（第${current.version}版）です。更新は不要です。`,
        en: `Already the latest template version (${current.version}); nothing to upgrade.`,
      },
    };
  }
  if (id.via !== 'marker') {
    return refused(
      '識別用の隠しシートがないため、版を確かめて更新することができません。最新版のテンプレートに入力し直してください。',
      'It has no hidden marker sheet, so its version cannot be confirmed and it is not upgraded. Enter the data in the latest template.',
    );
  }
  const old = atVersion(current, from);
  const read = readRecords(old, grid);
  const steps: UpgradeStep[] = [];
  for (const sd of current.sheets) {
    const oldSd = old.sheets.find((s) => s.name === sd.name)!;
    const added = sd.fields.filter((f) => !oldSd.fields.some((o) => o.key === f.key));
    if (!added.length) continue;
    if (sd.kind === 'questions') {
      return refused(
        `シート「${sd.name}」に追加された回答欄（${added.map((f) => f.label.ja).join('、')}）の更新には対応していません。最新版のテンプレートに入力し直してください。`,
        `Adding the new answer columns of sheet "${sd.name}" (${added.map((f) => f.label.en).join(', ')}) is not supported. Enter the data in the latest template.`,
      );
    }
    const sheet = findSheet(grid, sheetNames(sd));
    if (sd.kind === 'table') {
      const header = sheet && tableHeader(oldSd as TableSheetDef, sheet);
      if (!sheet || !header) {
        return refused(
          `シート「${sd.name}」またはその見出し行が見つからないため、新しい列を追加できません。シートと見出し行を元に戻してから更新してください。`,
          `Sheet "${sd.name}" or its header row is missing, so the new columns cannot be added. Restore them, then upgrade.`,
        );
      }
      // After every cell the sheet has, formatted or not: nothing the user made is covered or moved.
      const used = sheet.rows.reduce((n, r) => Math.max(n, r?.length ?? 0), 0);
      const col = Math.max(used, (opts.lastColumn?.(sheet.name) ?? -1) + 1);
      const last = Math.max(header.row + (sd.templateRows ?? TEMPLATE_ROWS), sheet.rows.length - 1);
      steps.push({
        kind: 'columns',
        sheet: sheet.name,
        headerRow: header.row,
        col,
        fields: added,
        likeCol: Math.min(...header.columns.values()),
        lastRow: last,
      });
      continue;
    }
    const rec = sheet && read.sheets[sd.name]?.[0];
    const rowOf = (f: FieldDef): number | undefined => {
      const cell = rec?.cells[f.key];
      return cell ? Number(/\d+$/.exec(cell)![0]) - 1 : undefined;
    };
    const colOf = (f: FieldDef): number | undefined => {
      const cell = rec?.cells[f.key];
      return cell ? cellColumn(cell) - 1 : undefined;
    };
    const missing = oldSd.fields.filter((f) => rowOf(f) === undefined);
    if (!sheet || !rec || missing.length) {
      return refused(
        `シート「${sd.name}」${missing.length ? `の項目（${missing.map((f) => f.label.ja).join('、')}）の行` : ''}が見つからないため、新しい項目を正しい位置に追加できません。元に戻してから更新してください。`,
        `Sheet "${sd.name}"${missing.length ? ` has no row for ${missing.map((f) => f.label.en).join(', ')}` : ' is missing'}, so the new fields cannot be put in their place. Restore it, then upgrade.`,
      );
    }
    steps.push(...formRows(sd, oldSd as FormSheetDef, sheet.name, rowOf, colOf));
  }
  const marker = markerCell(grid);
  if (!marker)
    return refused(
      '識別用の隠しシートの版を書き換えられません。',
      'The version in the hidden marker sheet cannot be rewritten.',
    );
  steps.sort((a, b) => (b.kind === 'rows' ? b.at : -1) - (a.kind === 'rows' ? a.at : -1));
  return { kind: 'plan', plan: { template: current.id, from, to: current.version, steps, marker } };
}

function cellColumn(a1: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(a1)![0]) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

/** Each run of consecutive new fields goes right after the row of the existing field before it (or before the next). */
function formRows(
  sd: FormSheetDef,
  oldSd: FormSheetDef,
  sheet: string,
  rowOf: (f: FieldDef) => number | undefined,
  colOf: (f: FieldDef) => number | undefined,
): NewRows[] {
  const kindOf = (f: FieldDef) => `${f.type.kind}${f.type.kind === 'text' && f.type.multiline ? '+' : ''}`;
  const steps: NewRows[] = [];
  let run: FieldDef[] = [];
  const flush = (k: number) => {
    if (!run.length) return;
    const before = sd.fields.slice(0, k - run.length).findLast((f) => rowOf(f) !== undefined);
    const after = sd.fields.slice(k).find((f) => rowOf(f) !== undefined)!;
    const anchor = before ?? after;
    const at = before ? rowOf(before)! + 1 : rowOf(after)!;
    const fields = run.map((field) => {
      const like = oldSd.fields.find((f) => kindOf(f) === kindOf(field)) ?? anchor;
      return { field, like: rowOf(like)! };
    });
    steps.push({ kind: 'rows', sheet, at, labelCol: colOf(anchor)! - 1, fields });
    run = [];
  };
  sd.fields.forEach((f, k) => {
    if (oldSd.fields.includes(f)) flush(k);
    else run.push(f);
  });
  flush(sd.fields.length);
  return steps;
}

function markerCell(grid: Grid): { sheet: string; cell: string } | null {
  const sheet = findSheet(grid, [MARKER_SHEET]);
  if (!sheet) return null;
  const r = sheet.rows.findIndex((_, i) => cellText(cellAt(sheet, i, 0))?.toLowerCase() === 'version');
  return r < 0 ? null : { sheet: sheet.name, cell: cellAddress(r, 1) };
}

/** The choices a new field's dropdown lists (null: no dropdown), within Excel's 255 characters of a written list. */
export function dropdownOf(field: FieldDef): string[] | null {
  const options =
    field.type.kind === 'yesno'
      ? ['はい', 'いいえ']
      : field.type.kind === 'enum'
        ? field.type.options.map((o) => o.value)
        : null;
  return options && options.join(',').length <= 250 ? options : null;
}

/** Where a row (0-based, before the upgrade) of a sheet is after the plan's row insertions. */
export function rowAfterUpgrade(plan: UpgradePlan, sheet: string, row: number): number {
  let shift = 0;
  for (const s of plan.steps) if (s.kind === 'rows' && s.sheet === sheet && s.at <= row) shift += s.fields.length;
  return row + shift;
}

/** The rows (0-based, after the upgrade) that a row step's new fields occupy. */
export function newRowsOf(plan: UpgradePlan, step: NewRows): number[] {
  const first = rowAfterUpgrade(plan, step.sheet, step.at) - step.fields.length;
  return step.fields.map((_, i) => first + i);
}

/** What the plan adds, one line per field: 評価票!6行目: データの所在国 / 台帳!AI: 取得元. */
export function describePlan(plan: UpgradePlan): { ja: string[]; en: string[] } {
  const ja: string[] = [];
  const en: string[] = [];
  // Columns in the definition's order; rows top-down (the plan lists them bottom-up).
  const ordered = [
    ...plan.steps.filter((s) => s.kind === 'columns'),
    ...plan.steps.filter((s) => s.kind === 'rows').reverse(),
  ];
  for (const s of ordered) {
    if (s.kind === 'columns') {
      s.fields.forEach((f, i) => {
        const col = cellAddress(0, s.col + i).replace(/\d+$/, '');
        ja.push(`${s.sheet}!${col}: ${f.label.ja}`);
        en.push(`${s.sheet}!${col}: ${f.label.ja} (${f.label.en})`);
      });
    } else {
      newRowsOf(plan, s).forEach((r, i) => {
        ja.push(`${s.sheet}!${r + 1}行目: ${s.fields[i].field.label.ja}`);
        en.push(`${s.sheet}! row ${r + 1}: ${s.fields[i].field.label.ja} (${s.fields[i].field.label.en})`);
      });
    }
  }
  return { ja, en };
}
