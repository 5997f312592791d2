// Writes a template (blank, or filled with records) as a real .xlsx: dropdowns on every enum and yes/no cell,
// input hints, date formats, a styled frozen header, locked label/question cells under sheet protection,
// A4 print setup, and the very-hidden _daicho marker sheet with its defined name.
import ExcelJS from 'exceljs';
import { cellAddress, columnLetter, type CellValue, type Grid } from '../../templates/model/grid.js';
import {
  FIRST_DATA_ROW,
  HEADER_ROW,
  layoutWorkbook,
  MARKER_NAME,
  MARKER_SHEET,
  QUESTION_FIXED,
  type WorkbookInput,
} from '../../templates/model/layout.js';
import type { FieldDef, Lang, SheetDef, TemplateDef } from '../../templates/model/types.js';
import { applyPrint, planPrint, rowHeight, type Orientation } from './print.js';

const LISTS_SHEET = '_lists';
const DEFAULT_TABLE_ROWS = 200;
/** Widths of the fixed 項番 / 分類 / 項目 / 質問 columns. */
const QUESTION_WIDTHS = [7, 12, 20, 50];
const COLOURS = {
  header: 'FF1F4E78',
  headerText: 'FFFFFFFF',
  label: 'FFDDEBF7',
  locked: 'FFF2F2F2',
  input: 'FFFFFFFF',
  hint: 'FF595959',
  border: 'FFBFBFBF',
};
const THIN = { style: 'thin' as const, color: { argb: COLOURS.border } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'Yu Gothic';

function widthOf(field: FieldDef): number {
  if (field.width) return field.width;
  switch (field.type.kind) {
    case 'date':
      return 12;
    case 'yesno':
      return 9;
    case 'integer':
    case 'number':
      return 10;
    case 'enum':
      return Math.min(40, Math.max(10, ...field.type.options.map((o) => o.value.length * 2 + 2)));
    default:
      return 22;
  }
}

function numFmtOf(field: FieldDef): string | undefined {
  switch (field.type.kind) {
    case 'date':
      return 'yyyy/mm/dd';
    case 'integer':
      return '#,##0';
    case 'number':
      return field.type.percent ? '0.0%' : undefined;
    default:
      return undefined;
  }
}

/** Excel caps data-validation titles at 32 and prompts at 255 characters. */
function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

/** Neither Excel nor LibreOffice grows a row for wrapped text written by a program: estimate the height. */
function fitRowHeight(ws: ExcelJS.Worksheet, row: number, widths: readonly number[], fontScale = 1): void {
  const texts = widths.map((_, c) => {
    const v = ws.getCell(row, c + 1).value;
    return v === null || v === undefined || typeof v === 'object' ? null : String(v);
  });
  const ht = rowHeight(texts, widths, fontScale);
  if (ht) ws.getRow(row).height = ht;
}

/** Keeps each enum's options in a very-hidden sheet so list validations survive commas and long values. */
class Lists {
  private readonly columns = new Map<string, string>();
  /** `lang`: the language the workbook is written in (WorkbookInput.lang); the reader takes either's choices. */
  constructor(
    private readonly sheet: ExcelJS.Worksheet,
    readonly lang: Lang,
  ) {}

  rangeFor(field: FieldDef): string | null {
    const en = this.lang === 'en';
    const values =
      field.type.kind === 'yesno'
        ? en
          ? ['Yes', 'No']
          : ['はい', 'いいえ']
        : field.type.kind === 'enum'
          ? field.type.options.map((o) => (en ? o.en : o.value))
          : null;
    if (!values) return null;
    const id = values.join('\u0000');
    let range = this.columns.get(id);
    if (!range) {
      const col = this.columns.size + 1;
      values.forEach((v, i) => (this.sheet.getCell(i + 1, col).value = v));
      const letter = columnLetter(col - 1);
      range = `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${values.length}`;
      this.columns.set(id, range);
    }
    return range;
  }
}

function validationFor(field: FieldDef, lists: Lists): ExcelJS.DataValidation {
  const hint = field.hint?.[lists.lang] ?? '';
  const common = {
    allowBlank: true,
    showInputMessage: hint !== '',
    promptTitle: clip(field.label[lists.lang], 32),
    prompt: clip(hint, 255),
  };
  const list = lists.rangeFor(field);
  if (list) {
    return {
      ...common,
      type: 'list',
      formulae: [list],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: clip(field.label[lists.lang], 32),
      error: '一覧から選択してください。 / Choose a value from the list.',
    };
  }
  const t = field.type;
  if (t.kind === 'integer') {
    return {
      ...common,
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [t.min ?? 0],
      showErrorMessage: true,
      errorStyle: 'warning',
      error: '整数で入力してください。 / Enter a whole number.',
    };
  }
  if (t.kind === 'date') {
    // A warning, not a stop: people legitimately type 令和6年4月1日 as text and Daicho accepts it.
    return {
      ...common,
      type: 'date',
      operator: 'greaterThan',
      formulae: [new Date(Date.UTC(1900, 0, 1))],
      showErrorMessage: true,
      errorStyle: 'warning',
      error: '日付を入力してください（例: 2024/4/1、令和6年4月1日）。 / Enter a date.',
    };
  }
  return { ...common, type: 'any', formulae: [] } as unknown as ExcelJS.DataValidation;
}

function cellValueFor(field: FieldDef | undefined, v: CellValue): ExcelJS.CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !(v instanceof Date)) return { error: v.error } as ExcelJS.CellErrorValue;
  if (v instanceof Date) return v;
  if (field?.type.kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
    const [y, m, d] = v.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  return v;
}

function styleHeader(cell: ExcelJS.Cell): void {
  cell.font = { name: FONT, bold: true, color: { argb: COLOURS.headerText } };
  cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOURS.header } };
  cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  cell.border = BORDER;
}

function styleTitle(ws: ExcelJS.Worksheet, text: string, width: number, legend?: string): void {
  const cell = ws.getCell(1, 1);
  const title = { text, font: { name: FONT, bold: true, size: 14 } };
  cell.value = legend
    ? {
        richText: [
          title,
          { text: `\u3000\u3000${legend}`, font: { name: FONT, size: 10, color: { argb: 'FFC00000' } } },
        ],
      }
    : text;
  cell.font = title.font;
  cell.alignment = { vertical: 'middle' };
  if (width > 1) ws.mergeCells(1, 1, 1, width);
  ws.getRow(1).height = 26;
}

/** Borders on the rows someone filled in, so a printed ledger ends where its records end. */
function bordersWhenFilled(ws: ExcelJS.Worksheet, firstRow: number, lastRow: number, width: number): void {
  const last = columnLetter(width - 1);
  ws.addConditionalFormatting({
    ref: `A${firstRow}:${last}${lastRow}`,
    rules: [
      {
        type: 'expression',
        priority: 1,
        formulae: [`COUNTA($A${firstRow}:$${last}${firstRow})>0`],
        style: { border: BORDER },
      },
    ],
  });
}

/** A4 as every Daicho workbook prints (scripts/xlsx/print.ts): ledgers landscape with the key column repeated. */
function printSetup(
  ws: ExcelJS.Worksheet,
  orientation: Orientation,
  titleRows: string | null,
  widths: readonly number[],
): void {
  applyPrint(ws, planPrint(widths, { orientation }), titleRows ?? undefined);
}

async function protect(ws: ExcelJS.Worksheet): Promise<void> {
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    deleteRows: true,
    sort: true,
    autoFilter: true,
  });
}

/**
 * A sheet's data validations, one per column run of cells that share one. Set cell by cell, exceljs joins them into
 * overlapping ranges once a column passes row 9 (it sorts addresses as text: A10:A102 beside A3:A102, exceljs #2820),
 * and Excel rejects overlapping validations when it opens the file.
 */
class SheetValidations {
  private readonly runs = new Map<string, { col: number; from: number; to: number; dv: ExcelJS.DataValidation }>();
  private readonly done: { col: number; from: number; to: number; dv: ExcelJS.DataValidation }[] = [];

  add(cell: ExcelJS.Cell, dv: ExcelJS.DataValidation): void {
    const col = Number(cell.col);
    const row = Number(cell.row);
    const key = `${col}\u0000${JSON.stringify(dv)}`;
    const run = this.runs.get(key);
    if (run && run.to === row - 1) {
      run.to = row;
      return;
    }
    if (run) this.done.push(run);
    this.runs.set(key, { col, from: row, to: row, dv });
  }

  writeTo(ws: ExcelJS.Worksheet): void {
    const target = (ws as unknown as { dataValidations: { add(address: string, dv: ExcelJS.DataValidation): void } })
      .dataValidations;
    for (const r of [...this.done, ...this.runs.values()]) {
      const from = cellAddress(r.from - 1, r.col - 1);
      target.add(r.from === r.to ? from : `${from}:${cellAddress(r.to - 1, r.col - 1)}`, r.dv);
    }
  }
}

function fillCell(
  cell: ExcelJS.Cell,
  field: FieldDef | undefined,
  value: CellValue,
  lists: Lists,
  validations: SheetValidations,
  editable: boolean,
  bordered = true,
): void {
  cell.value = cellValueFor(field, value);
  if (bordered) cell.border = BORDER;
  cell.font = { name: FONT };
  cell.alignment = { vertical: 'top', wrapText: true };
  if (!field) return;
  const fmt = numFmtOf(field);
  if (fmt) cell.numFmt = fmt;
  if (editable && !field.computed) {
    cell.protection = { locked: false };
    validations.add(cell, validationFor(field, lists));
  } else {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOURS.locked } };
  }
}

function writeTable(
  ws: ExcelJS.Worksheet,
  sd: SheetDef & { kind: 'table' },
  rows: CellValue[][],
  lists: Lists,
  validations: SheetValidations,
): void {
  const width = sd.fields.length;
  styleTitle(ws, sd.title[lists.lang], width);
  sd.fields.forEach((f, c) => {
    const cell = ws.getCell(HEADER_ROW + 1, c + 1);
    const label = f.label[lists.lang];
    cell.value = f.required ? `${label}※` : label;
    styleHeader(cell);
    ws.getColumn(c + 1).width = widthOf(f);
  });
  const widths = sd.fields.map(widthOf);
  fitRowHeight(ws, HEADER_ROW + 1, widths);
  const filled = rows.length - FIRST_DATA_ROW;
  const dataRows = Math.max(sd.templateRows ?? DEFAULT_TABLE_ROWS, filled);
  for (let r = 0; r < dataRows; r++) {
    const values = rows[FIRST_DATA_ROW + r] ?? [];
    const row = FIRST_DATA_ROW + r + 1;
    sd.fields.forEach((f, c) =>
      fillCell(ws.getCell(row, c + 1), f, values[c] ?? null, lists, validations, true, false),
    );
    if (r < filled) fitRowHeight(ws, row, widths);
  }
  bordersWhenFilled(ws, FIRST_DATA_ROW + 1, FIRST_DATA_ROW + dataRows, width);
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: HEADER_ROW + 1, topLeftCell: 'B3', activeCell: 'A3' }];
  ws.autoFilter = { from: cellAddress(HEADER_ROW, 0), to: cellAddress(HEADER_ROW, width - 1) };
  printSetup(ws, 'landscape', `${HEADER_ROW + 1}:${HEADER_ROW + 1}`, widths);
}

function writeForm(
  ws: ExcelJS.Worksheet,
  sd: SheetDef & { kind: 'form' },
  rows: CellValue[][],
  lists: Lists,
  validations: SheetValidations,
): void {
  styleTitle(ws, sd.title[lists.lang], 3);
  ws.getColumn(1).width = 26;
  ws.getColumn(2).width = 40;
  ws.getColumn(3).width = 50;
  sd.fields.forEach((f, i) => {
    const r = FIRST_DATA_ROW + i;
    const label = ws.getCell(r + 1, 1);
    label.value = f.required ? `${f.label[lists.lang]}※` : f.label[lists.lang];
    label.font = { name: FONT, bold: true };
    label.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOURS.label } };
    label.border = BORDER;
    label.alignment = { vertical: 'top', wrapText: true };
    fillCell(ws.getCell(r + 1, 2), f, rows[r]?.[1] ?? null, lists, validations, true);
    if (f.formula) {
      const result = rows[r]?.[1];
      ws.getCell(r + 1, 2).value = {
        formula: f.formula,
        ...(typeof result === 'number' || typeof result === 'string' ? { result } : {}),
      } as ExcelJS.CellFormulaValue;
    }
    const hint = ws.getCell(r + 1, 3);
    hint.value = f.hint?.[lists.lang] ?? null;
    hint.font = { name: FONT, size: 9, color: { argb: COLOURS.hint } };
    hint.alignment = { vertical: 'top', wrapText: true };
    ws.getRow(r + 1).height = 20;
    fitRowHeight(ws, r + 1, [26, 40, 50 / 0.8]);
  });
  ws.views = [{ state: 'frozen', ySplit: 1, activeCell: 'B3' }];
  printSetup(ws, 'portrait', null, [26, 40, 50]);
}

function writeQuestions(
  ws: ExcelJS.Worksheet,
  sd: SheetDef & { kind: 'questions' },
  rows: CellValue[][],
  lists: Lists,
  validations: SheetValidations,
): void {
  const width = QUESTION_FIXED + sd.fields.length;
  const label = sd.criticalLabel ?? { ja: '重要', en: 'critical' };
  const legend = sd.questions.some((q) => q.critical)
    ? `赤字・太字の項番は${label.ja}項目です。 / Items numbered in bold red are ${label.en}.`
    : undefined;
  styleTitle(ws, sd.title[lists.lang], width, legend);
  const header = rows[HEADER_ROW] ?? [];
  header.forEach((label, c) => {
    const field = sd.fields[c - QUESTION_FIXED];
    const cell = ws.getCell(HEADER_ROW + 1, c + 1);
    cell.value = field?.required ? `${String(label)}※` : String(label);
    styleHeader(cell);
  });
  const widths = [...QUESTION_WIDTHS, ...sd.fields.map(widthOf)];
  widths.forEach((w, c) => (ws.getColumn(c + 1).width = w));
  fitRowHeight(ws, HEADER_ROW + 1, widths);
  sd.questions.forEach((q, i) => {
    const r = FIRST_DATA_ROW + i;
    const values = rows[r] ?? [];
    for (let c = 0; c < QUESTION_FIXED; c++) {
      const cell = ws.getCell(r + 1, c + 1);
      cell.value = cellValueFor(undefined, values[c] ?? null);
      cell.font = {
        name: FONT,
        bold: c === 0 && !!q.critical,
        color: q.critical && c === 0 ? { argb: 'FFC00000' } : undefined,
      };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOURS.locked } };
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    }
    sd.fields.forEach((f, k) =>
      fillCell(
        ws.getCell(r + 1, QUESTION_FIXED + k + 1),
        f,
        values[QUESTION_FIXED + k] ?? null,
        lists,
        validations,
        true,
      ),
    );
    fitRowHeight(ws, r + 1, widths);
  });
  ws.views = [
    {
      state: 'frozen',
      xSplit: 1,
      ySplit: HEADER_ROW + 1,
      topLeftCell: 'B3',
      activeCell: cellAddress(FIRST_DATA_ROW, QUESTION_FIXED),
    },
  ];
  printSetup(ws, 'landscape', `${HEADER_ROW + 1}:${HEADER_ROW + 1}`, widths);
}

function writeMarker(wb: ExcelJS.Workbook, grid: Grid): void {
  const marker = grid.sheets.find((s) => s.name === MARKER_SHEET);
  if (!marker) return;
  const ws = wb.addWorksheet(MARKER_SHEET, { state: 'veryHidden' });
  marker.rows.forEach((row, r) => row.forEach((v, c) => (ws.getCell(r + 1, c + 1).value = cellValueFor(undefined, v))));
  wb.definedNames.add(`'${MARKER_SHEET}'!$A$1:$B$${marker.rows.length}`, MARKER_NAME);
}

/** Build the workbook of a template, blank or filled with the given input. */
export async function buildTemplateWorkbook(def: TemplateDef, input: WorkbookInput = {}): Promise<ExcelJS.Workbook> {
  const grid = layoutWorkbook(def, input);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Daicho';
  wb.title = def.title[input.lang ?? 'ja'];
  wb.created = new Date(Date.UTC(2024, 0, 1));
  wb.modified = wb.created;
  const sheets = def.sheets.map((sd) => ({
    sd,
    ws: wb.addWorksheet(sd.name, { properties: { tabColor: { argb: COLOURS.header } } }),
  }));
  const lists = new Lists(wb.addWorksheet(LISTS_SHEET, { state: 'veryHidden' }), input.lang ?? 'ja');
  for (const { sd, ws } of sheets) {
    const rows = grid.sheets.find((s) => s.name === sd.name)!.rows;
    const validations = new SheetValidations();
    if (sd.kind === 'table') writeTable(ws, sd, rows, lists, validations);
    else if (sd.kind === 'form') writeForm(ws, sd, rows, lists, validations);
    else writeQuestions(ws, sd, rows, lists, validations);
    validations.writeTo(ws);
    await protect(ws);
  }
  writeMarker(wb, grid);
  return wb;
}

export async function templateBuffer(def: TemplateDef, input: WorkbookInput = {}): Promise<Buffer> {
  const wb = await buildTemplateWorkbook(def, input);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
