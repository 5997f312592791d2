// Reading records out of a grid: find each sheet, match headers/labels by label and synonyms (not by letter),
// normalise every value, and report structural and value problems as Issues.
import type { RuleId } from '../catalogue.js';
import { foldCompact, foldKey, foldLabel } from './fold.js';
import { cellAddress, cellAt, findSheet, isCellError, type CellValue, type Grid, type GridSheet } from './grid.js';
import { PROVENANCE_COLUMNS, QUESTION_COLUMNS, QUESTION_FIXED, sectionTitle } from './layout.js';
import { cellText, normaliseCell, type NormResult } from './normalise.js';
import type {
  FieldDef,
  FormSheetDef,
  Issue,
  NormValue,
  QuestionSheetDef,
  ReadResult,
  RecordRow,
  SheetDef,
  TableSheetDef,
  TemplateDef,
  Text,
} from './types.js';

/** How many rows from the top are searched for a header row or form labels. */
const HEADER_SCAN_ROWS = 20;
const FORM_SCAN_ROWS = 200;
const FORM_SCAN_COLS = 6;

/** An external workbook reference in a formula: [1]Sheet!A1 or '[file.xlsx]Sheet'!A1 or a path. */
const EXTERNAL_REF = /\[[^\]]+\][^!]*!|'[a-z]:\\|'https?:/i;

export function sheetNames(sheet: SheetDef): string[] {
  return [sheet.name, ...(sheet.synonyms ?? [])];
}

export function fieldLabels(field: FieldDef): string[] {
  return [field.label.ja, field.label.en, field.key, ...(field.synonyms ?? [])].map(foldLabel);
}

function issue(
  rule: RuleId,
  severity: Issue['severity'],
  sheet: string | null,
  cell: string | null,
  field: string | null,
  value: string | null,
  message: Text,
): Issue {
  return { rule, severity, sheet, cell, field, value, message };
}

/** Column index of each field in a header row, plus headers we do not know. */
interface HeaderMap {
  row: number;
  columns: Map<string, number>;
  extra: { col: number; label: string }[];
  /** A merged master's provenance columns (PROVENANCE_COLUMNS), by their Japanese label. */
  provenance: { col: number; label: string }[];
}

/** Folded label (Japanese or English) → the Japanese label of a provenance column. */
const PROVENANCE_LABELS = new Map<string, string>(
  Object.values(PROVENANCE_COLUMNS).flatMap((t) => [
    [foldLabel(t.ja), t.ja],
    [foldLabel(t.en), t.ja],
  ]),
);
const PROVENANCE_FILE = PROVENANCE_COLUMNS.file.ja;

function matchHeader(sheet: GridSheet, fields: readonly FieldDef[], fixed: readonly Text[] = []): HeaderMap | null {
  const wanted = new Map<string, string>();
  fixed.forEach((t, i) => [t.ja, t.en].forEach((l) => wanted.set(foldLabel(l), `#${i}`)));
  for (const f of fields) for (const l of fieldLabels(f)) if (!wanted.has(l)) wanted.set(l, f.key);
  let best: HeaderMap | null = null;
  const scan = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const row = sheet.rows[r] ?? [];
    const columns = new Map<string, number>();
    const extra: HeaderMap['extra'] = [];
    const provenance: HeaderMap['provenance'] = [];
    for (let c = 0; c < row.length; c++) {
      const label = foldLabel(cellText(row[c] ?? null));
      if (!label) continue;
      const key = wanted.get(label);
      const prov = PROVENANCE_LABELS.get(label);
      if (key !== undefined && !columns.has(key)) columns.set(key, c);
      else if (prov !== undefined && !provenance.some((p) => p.label === prov))
        provenance.push({ col: c, label: prov });
      else extra.push({ col: c, label: cellText(row[c] ?? null) ?? '' });
    }
    if (columns.size > (best?.columns.size ?? 0)) best = { row: r, columns, extra, provenance };
  }
  const needed = Math.min(2, fields.length + fixed.length);
  return best && best.columns.size >= needed ? best : null;
}

/** The header row of a table sheet (0-based) and the column of each field found in it, or null when there is none. */
export function tableHeader(
  def: TableSheetDef,
  sheet: GridSheet,
): { row: number; columns: ReadonlyMap<string, number> } | null {
  const h = matchHeader(sheet, def.fields);
  return h && { row: h.row, columns: h.columns };
}

/** Where a record's fields were read: field key → column, and → row where that is not the record's own (forms). */
interface Places {
  cols: Map<string, number>;
  rows?: Map<string, number>;
  /**
   * Every field of cols, null, for the records to start their values and raw as copies of: filled in key by key
   * from empty objects, 33 fields made them hash tables (1.7 KB each, not 0.3).
   */
  blank?: Readonly<Record<string, null>>;
}

/** Where the records of a table or question sheet have the fields of its header. */
function placesOf(present: readonly FieldDef[], header: HeaderMap): Places {
  return {
    cols: new Map(present.map((f) => [f.key, header.columns.get(f.key)!])),
    blank: Object.fromEntries(present.map((f) => [f.key, null])),
  };
}

/**
 * A record read out of a grid. The A1 address of each field's cell is derived from its row and column when asked
 * for, not kept as a string per cell (a 100,000-row ledger held 240 MB of them).
 */
class GridRecord implements RecordRow {
  readonly values: Record<string, NormValue | null>;
  readonly raw: Record<string, string | null>;
  declare id?: string;
  declare extra?: Record<string, string | null>;
  readonly #places: Places;

  constructor(
    readonly sheet: string,
    readonly row: number,
    places: Places,
    id?: string,
  ) {
    this.#places = places;
    this.values = { ...places.blank };
    this.raw = { ...places.blank };
    if (id) this.id = id;
  }

  cell(key: string): string | undefined {
    const col = this.#places.cols.get(key);
    return col === undefined ? undefined : cellAddress(this.#places.rows?.get(key) ?? this.row - 1, col);
  }

  firstCell(): string | undefined {
    for (const key of this.#places.cols.keys()) return this.cell(key);
    return undefined;
  }

  get cells(): Record<string, string> {
    const cells: Record<string, string> = {};
    for (const key of this.#places.cols.keys()) cells[key] = this.cell(key)!;
    return cells;
  }
}

/**
 * The A1 address of a record's cell for a field (null: its first cell), or null when it has none. Unlike
 * `record.cells[field]`, this does not build every address of the record.
 */
export function recordCell<K extends string>(record: RecordRow<K>, field: NoInfer<K> | null): string | null {
  if (record instanceof GridRecord) return (field === null ? record.firstCell() : record.cell(field)) ?? null;
  const cells: Record<string, string> = record.cells;
  return (field === null ? Object.values(cells)[0] : cells[field]) ?? null;
}

/** Longer texts are normalised each time: they rarely repeat. */
const MAX_REMEMBERED_LENGTH = 200;
/** Distinct values remembered per field; then it starts over. */
const MAX_REMEMBERED = 20_000;

/** Reads one field's cell into a record, reporting V-* issues. */
class FieldReader {
  readonly issues: Issue[] = [];
  /** Looking a cell's formula up needs its address; most sheets have none to look up. */
  private readonly formulas: Record<string, string> | null;
  private readonly opts: { date1904?: boolean };
  /**
   * normaliseCell's result per field and cell value: a column mostly repeats a few dates, choices and periods.
   * Kept for one sheet of one grid, so the date system cannot change under it.
   */
  private readonly remembered = new Map<FieldDef, Map<string | number | boolean, NormResult>>();

  constructor(
    grid: Grid,
    private readonly sheet: GridSheet,
  ) {
    this.formulas = sheet.formulas && Object.keys(sheet.formulas).length ? sheet.formulas : null;
    this.opts = { date1904: grid.date1904 };
  }

  read(record: RecordRow, field: FieldDef, row: number, col: number): void {
    const value: CellValue = cellAt(this.sheet, row, col);
    const text = cellText(value);
    record.raw[field.key] = text;
    record.values[field.key] = this.normalise(record, field, value, text, row, col);
  }

  private normalise(
    record: RecordRow,
    field: FieldDef,
    value: CellValue,
    text: string | null,
    row: number,
    col: number,
  ): NormValue | null {
    const formula = this.formulas?.[cellAddress(row, col)];
    if (formula && EXTERNAL_REF.test(formula)) {
      this.push('V-FORMULA', cellAddress(row, col), field, `=${formula}`, {
        ja: `「${field.label.ja}」の数式が別のブックを参照しています（=${formula}）。値を直接入力してください。`,
        en: `"${field.label.en}" has a formula that links to another workbook (=${formula}). Enter the value itself.`,
      });
      return null;
    }
    if (isCellError(value)) {
      this.push('V-FORMULA', cellAddress(row, col), field, value.error, {
        ja: `「${field.label.ja}」がエラー値 ${value.error} になっています。数式を直すか値を入力してください。`,
        en: `"${field.label.en}" shows the error value ${value.error}. Fix the formula or enter a value.`,
      });
      return null;
    }
    // A text field's value is its trimmed text (normaliseCell's answer), without a result object per cell.
    if (field.type.kind === 'text' && typeof value === 'string' && text !== null) return text.trim();
    const result = this.normaliseValue(field, value);
    if (result.kind === 'ok') {
      // A date stored as a serial reads as its date in messages and merges, as Excel shows it.
      if (typeof value === 'number' && (field.type.kind === 'date' || field.type.kind === 'period')) {
        record.raw[field.key] = result.text;
      }
      return result.value;
    }
    if (result.kind === 'invalid') {
      this.push(result.rule, cellAddress(row, col), field, text, result.message);
    } else if (field.required && !field.computed) {
      this.push('V-REQUIRED', cellAddress(row, col), field, null, {
        ja: `必須項目「${field.label.ja}」が未入力です。`,
        en: `Required field "${field.label.en}" is empty.`,
      });
    }
    return null;
  }

  /** normaliseCell, remembered for short texts, numbers and booleans. */
  private normaliseValue(field: FieldDef, value: CellValue): NormResult {
    if (
      value === null ||
      typeof value === 'object' ||
      (typeof value === 'string' && value.length > MAX_REMEMBERED_LENGTH) ||
      Object.is(value, -0) // a Map takes -0 for 0
    ) {
      return normaliseCell(field.type, value, this.opts);
    }
    let seen = this.remembered.get(field);
    if (!seen) this.remembered.set(field, (seen = new Map()));
    let result = seen.get(value);
    if (!result) {
      result = normaliseCell(field.type, value, this.opts);
      if (seen.size >= MAX_REMEMBERED) seen.clear();
      seen.set(value, result);
    }
    return result;
  }

  push(rule: RuleId, address: string, field: FieldDef, value: string | null, message: Text): void {
    this.issues.push(issue(rule, 'error', this.sheet.name, address, field.key, value, message));
  }
}

/** Locked texts must match exactly but for width and spacing (unlike labels, no marks or hints are dropped). */
const foldLocked = (s: string | null): string => foldCompact(s ?? '');

function missingColumns(
  def: TableSheetDef | QuestionSheetDef,
  sheet: GridSheet,
  header: HeaderMap,
  issues: Issue[],
): void {
  const offset = def.kind === 'questions' ? QUESTION_FIXED : 0;
  def.fields.forEach((field, i) => {
    if (header.columns.has(field.key)) return;
    // Where the template put this column, an unknown header suggests the user renamed it.
    const expectedCol = offset + i;
    const there = header.extra.find((e) => e.col === expectedCol);
    if (there) {
      issues.push(
        issue('COLUMN-RENAMED', 'error', sheet.name, cellAddress(header.row, expectedCol), field.key, there.label, {
          ja: `列「${field.label.ja}」の見出しが「${there.label}」に変わっています。見出しを「${field.label.ja}」に戻してください。`,
          en: `The "${field.label.en}" column header was changed to "${there.label}". Restore the header "${field.label.ja}".`,
        }),
      );
      header.extra.splice(header.extra.indexOf(there), 1);
      return;
    }
    issues.push(
      issue('COLUMN-MISSING', field.required ? 'error' : 'warning', sheet.name, null, field.key, null, {
        ja: `シート「${sheet.name}」に列「${field.label.ja}」がありません。列を元に戻してください。`,
        en: `Sheet "${sheet.name}" has no "${field.label.en}" (${field.label.ja}) column. Restore the column.`,
      }),
    );
  });
}

function extraColumns(sheet: GridSheet, header: HeaderMap, issues: Issue[]): void {
  for (const e of header.extra) {
    issues.push(
      issue('COLUMN-EXTRA', 'info', sheet.name, cellAddress(header.row, e.col), null, e.label, {
        ja: `テンプレートにない列「${e.label}」があります（検証の対象外。統合時はそのまま引き継ぎます）。`,
        en: `Column "${e.label}" is not part of the template (not validated; carried through when merging).`,
      }),
    );
  }
}

function headerNotFound(sheet: GridSheet, issues: Issue[]): void {
  issues.push(
    issue('COLUMN-MISSING', 'error', sheet.name, null, null, null, {
      ja: `シート「${sheet.name}」に見出し行が見つかりません。テンプレートの見出し行を元に戻してください。`,
      en: `Sheet "${sheet.name}" has no recognisable header row. Restore the template's header row.`,
    }),
  );
}

function readTable(def: TableSheetDef, grid: Grid, sheet: GridSheet, issues: Issue[]): RecordRow[] {
  const header = matchHeader(sheet, def.fields);
  if (!header) {
    headerNotFound(sheet, issues);
    return [];
  }
  missingColumns(def, sheet, header, issues);
  extraColumns(sheet, header, issues);
  const reader = new FieldReader(grid, sheet);
  const present = def.fields.filter((f) => header.columns.has(f.key));
  const places = placesOf(present, header);
  const cols = present.map((f) => header.columns.get(f.key)!);
  /** A row is a record when any of these has something in it. */
  const contentCols = [...cols, ...header.extra.map((e) => e.col), ...header.provenance.map((p) => p.col)];
  const records: RecordRow[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (!row || !hasContent(row, contentCols)) continue;
    const record = new GridRecord(sheet.name, r + 1, places);
    for (let i = 0; i < present.length; i++) reader.read(record, present[i], r, cols[i]);
    if (header.extra.length || header.provenance.length) {
      record.extra = {};
      for (const e of header.extra) record.extra[e.label] = cellText(row[e.col] ?? null);
      for (const p of header.provenance) record.extra[p.label] = cellText(row[p.col] ?? null);
    }
    records.push(record);
  }
  for (const i of reader.issues) issues.push(i);
  checkUnique(def, records, issues);
  return records;
}

function hasContent(row: CellValue[], cols: readonly number[]): boolean {
  for (const c of cols) if (cellText(row[c] ?? null) !== null) return true;
  return false;
}

/**
 * Values must be unique within the workbook they were entered in: in a merged master, within each 取込元ファイル
 * (two departments may both have a 管理番号 001; the merge keys records by 部門 + 管理番号).
 */
function checkUnique(def: TableSheetDef, records: RecordRow[], issues: Issue[]): void {
  for (const field of def.fields.filter((f) => f.unique)) {
    /** Scope → key text → the first record with it. */
    const seen = new Map<string, Map<string, RecordRow>>();
    // By index: this loop runs once, mostly before V8 optimises it, where for…of allocates an iterator result a step.
    for (let i = 0; i < records.length; i++) {
      const rec = records[i];
      const v = rec.values[field.key];
      if (v === null || v === undefined) continue;
      const scope = rec.extra?.[PROVENANCE_FILE] ?? '';
      let inScope = seen.get(scope);
      if (!inScope) seen.set(scope, (inScope = new Map()));
      const k = typeof v === 'object' ? JSON.stringify(v) : foldKey(String(v));
      const first = inScope.get(k);
      if (!first) {
        inScope.set(k, rec);
        continue;
      }
      issues.push(
        issue('V-UNIQUE', 'error', rec.sheet, recordCell(rec, field.key), field.key, rec.raw[field.key], {
          ja: `「${field.label.ja}」の「${rec.raw[field.key]}」は${first.row}行目と重複しています。重複しない値にしてください。`,
          en: `"${field.label.en}" value "${rec.raw[field.key]}" duplicates row ${first.row}. Each value must be unique.`,
        }),
      );
    }
  }
}

function readForm(def: FormSheetDef, grid: Grid, sheet: GridSheet, issues: Issue[]): RecordRow {
  const labels = new Map<string, { row: number; col: number }>();
  const scan = Math.min(sheet.rows.length, FORM_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const row = sheet.rows[r] ?? [];
    for (let c = 0; c < Math.min(row.length, FORM_SCAN_COLS); c++) {
      const label = foldLabel(cellText(row[c] ?? null));
      if (label && !labels.has(label)) labels.set(label, { row: r, col: c });
    }
  }
  const reader = new FieldReader(grid, sheet);
  const places = { cols: new Map<string, number>(), rows: new Map<string, number>() };
  const record = new GridRecord(sheet.name, 0, places);
  for (const field of def.fields) {
    const at = fieldLabels(field)
      .map((l) => labels.get(l))
      .find((p) => p !== undefined);
    if (!at) {
      issues.push(
        issue('COLUMN-MISSING', field.required ? 'error' : 'warning', sheet.name, null, field.key, null, {
          ja: `シート「${sheet.name}」に項目「${field.label.ja}」の欄がありません。行を元に戻してください。`,
          en: `Sheet "${sheet.name}" has no "${field.label.en}" (${field.label.ja}) field. Restore its row.`,
        }),
      );
      continue;
    }
    places.cols.set(field.key, at.col + 1);
    places.rows.set(field.key, at.row);
    reader.read(record, field, at.row, at.col + 1);
  }
  for (const i of reader.issues) issues.push(i);
  return record;
}

function readQuestions(def: QuestionSheetDef, grid: Grid, sheet: GridSheet, issues: Issue[]): RecordRow[] {
  const fixed = Object.values(QUESTION_COLUMNS);
  const header = matchHeader(sheet, def.fields, fixed);
  if (!header || !header.columns.has('#0')) {
    headerNotFound(sheet, issues);
    return [];
  }
  missingColumns(def, sheet, header, issues);
  const tamperRule = def.tamperRule ?? 'TEMPLATE-TAMPER';
  const tamper = (cell: string | null, value: string | null, message: Text) =>
    issues.push(issue(tamperRule, 'error', sheet.name, cell, null, value, message));
  const col = (i: number) => header.columns.get(`#${i}`);
  const byId = new Map(def.questions.map((q, i) => [foldLabel(q.id), { q, i }]));
  const reader = new FieldReader(grid, sheet);
  const answerCols = def.fields.filter((f) => header.columns.has(f.key));
  const places = placesOf(answerCols, header);
  const records: RecordRow[] = [];
  const order: number[] = [];
  const earlierWording: string[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const idText = cellText(row[col(0)!] ?? null);
    if (!idText) continue;
    const found = byId.get(foldLabel(idText));
    if (!found) {
      tamper(cellAddress(r, col(0)!), idText, {
        ja: `項番「${idText}」はこのテンプレートにありません。項番や質問の行は変更・追加しないでください。`,
        en: `Item "${idText}" is not part of this template. Do not change or add question rows.`,
      });
      continue;
    }
    const { q, i } = found;
    if (order.includes(i)) {
      tamper(cellAddress(r, col(0)!), idText, {
        ja: `項番「${q.id}」の行が重複しています。コピーした行を削除してください。`,
        en: `Item "${q.id}" appears twice. Delete the copied row.`,
      });
      continue;
    }
    order.push(i);
    // The locked texts in either language: a checklist sent to a supplier in English has the English ones.
    for (const [k, texts] of [
      [1, sectionTitle(def, q.section)],
      [2, q.title],
      [3, q.question],
    ] as const) {
      const want = texts.ja;
      const c = col(k);
      if (c === undefined) continue;
      const got = cellText(row[c] ?? null);
      const earlier = k === 2 ? q.formerly?.title : k === 3 ? q.formerly?.question : undefined;
      if (earlier?.some((w) => foldLocked(w) === foldLocked(got))) {
        if (!earlierWording.includes(q.id)) earlierWording.push(q.id);
        continue;
      }
      if (foldLocked(got) !== foldLocked(want) && foldLocked(got) !== foldLocked(texts.en)) {
        tamper(cellAddress(r, c), got, {
          ja: `項番 ${q.id} の${fixed[k].ja}が変更されています。元の文言「${want}」に戻してください。`,
          en: `The ${fixed[k].en.toLowerCase()} of item ${q.id} was changed. Restore the original text.`,
        });
      }
    }
    const record = new GridRecord(sheet.name, r + 1, places, q.id);
    for (const f of answerCols) reader.read(record, f, r, places.cols.get(f.key)!);
    records.push(record);
  }
  if (earlierWording.length) {
    const ids = earlierWording.join(', ');
    issues.push(
      issue('TEMPLATE-VERSION', 'info', sheet.name, null, null, ids, {
        ja: `項番 ${ids} の質問は、以前のテンプレートの文言のままです。回答はその文言に対するものとして読み取りました。現在の文言で確認が必要な場合は、最新のテンプレートで回答し直してもらってください。`,
        en: `The questions of items ${ids} still have the wording of an earlier template, and their answers were read as answers to that wording. Where the current wording matters, ask for the answers again in the current template.`,
      }),
    );
  }
  const seen = new Set(order);
  const missing = def.questions.filter((_, i) => !seen.has(i));
  if (missing.length) {
    const ids = missing.map((q) => q.id).join(', ');
    tamper(null, ids, {
      ja: `質問の行が削除されています（項番 ${ids}）。テンプレートの行を元に戻してください。`,
      en: `Question rows were deleted (items ${ids}). Restore the template's rows.`,
    });
  }
  if (order.some((v, k) => k > 0 && v < order[k - 1])) {
    tamper(null, null, {
      ja: '質問の行の順序が変更されています。テンプレートの順序に戻してください。',
      en: 'Question rows were reordered. Restore the template order.',
    });
  }
  // A question row's answer fields are optional for the engine: whether an answer is required is the template's rule.
  for (const i of reader.issues) if (i.rule !== 'V-REQUIRED') issues.push(i);
  return records;
}

/** Read every sheet of a template out of a grid. */
export function readRecords(def: TemplateDef, grid: Grid): ReadResult {
  const issues: Issue[] = [];
  const sheets: Record<string, RecordRow[]> = {};
  for (const sd of def.sheets) {
    const sheet = findSheet(grid, sheetNames(sd));
    if (!sheet) {
      sheets[sd.name] = [];
      issues.push(
        issue('SHEET-MISSING', sd.optional ? 'warning' : 'error', sd.name, null, null, null, {
          ja: `シート「${sd.name}」がありません。テンプレートのシートを削除・改名しないでください。`,
          en: `Sheet "${sd.name}" (${sd.title.en}) is missing. Do not delete or rename the template's sheets.`,
        }),
      );
      continue;
    }
    if (sd.kind === 'table') sheets[sd.name] = readTable(sd, grid, sheet, issues);
    else if (sd.kind === 'form') sheets[sd.name] = [readForm(sd, grid, sheet, issues)];
    else sheets[sd.name] = readQuestions(sd, grid, sheet, issues);
  }
  return { sheets, issues };
}
