// Where things sit in a template workbook. The .xlsx writer, the reader and the test builders all use this one
// layout: title in row 1; tables have their header in row 2 and records from row 3; forms list fields from row 3
// (label A, value B, hint C); question sheets have a header in row 2 and one row per question from row 3.
import type { CellValue, Grid, GridSheet } from './grid.js';
import type {
  Distribution,
  FieldDef,
  FormSheetDef,
  Lang,
  QuestionSheetDef,
  SheetDef,
  TableSheetDef,
  TemplateDef,
  Text,
} from './types.js';

export const MARKER_SHEET = '_daicho';
export const MARKER_NAME = '_daicho';
export const TITLE_ROW = 0;
export const HEADER_ROW = 1;
export const FIRST_DATA_ROW = 2;

/** The fixed, locked columns of a question sheet, before the answer fields. */
export const QUESTION_COLUMNS = {
  id: { ja: '項番', en: 'No.' },
  section: { ja: '分類', en: 'Section' },
  title: { ja: '項目', en: 'Item' },
  question: { ja: '質問', en: 'Question' },
} as const satisfies Record<string, Text>;
export const QUESTION_FIXED = Object.keys(QUESTION_COLUMNS).length;

/**
 * Columns a merged master (`daicho merge`) adds after a table's fields: where each record came from and what the merge
 * noted about it (exact duplicates folded into it, conflicting versions). They are not template fields and not
 * "unknown extra columns": the reader recognises them by label, does not report them as COLUMN-EXTRA, keeps their text
 * in `RecordRow.extra` under the Japanese label, and scopes V-UNIQUE to the source file (a 管理番号 must be unique in
 * the department's workbook it came from, not across every department of the master).
 */
export const PROVENANCE_COLUMNS = {
  file: { ja: '取込元ファイル', en: 'Source file' },
  row: { ja: '取込元行', en: 'Source row' },
  note: { ja: '統合メモ', en: 'Merge note' },
} as const satisfies Record<string, Text>;

export type ProvenanceColumn = keyof typeof PROVENANCE_COLUMNS;

export interface WorkbookInput {
  /** Table sheets: one object per record, field key → value. Replaces the sheet's prefill. */
  tables?: Record<string, Record<string, CellValue>[]>;
  /** Form sheets: field key → value. */
  forms?: Record<string, Record<string, CellValue>>;
  /** Question sheets: question id → answer field key → value. */
  answers?: Record<string, Record<string, Record<string, CellValue>>>;
  /** Write the hidden marker sheet (default true). */
  marker?: boolean;
  /** A checklist sent in a survey round (`daicho distribute`): recorded in the marker, so a renamed return still matches. */
  distribution?: Distribution;
  /**
   * The language of the texts the template writes — titles, labels, hints, locked question texts, choices (default
   * ja): a checklist sent to a supplier in English. The reader takes either language.
   */
  lang?: Lang;
}

export function sectionTitle(sheet: QuestionSheetDef, key: string): Text {
  return sheet.sections?.find((s) => s.key === key)?.title ?? { ja: key, en: key };
}

function tableRows(sheet: TableSheetDef, input: WorkbookInput): CellValue[][] {
  const records = input.tables?.[sheet.name] ?? sheet.prefill ?? [];
  return records.map((rec) => sheet.fields.map((f) => rec[f.key] ?? null));
}

function formRows(sheet: FormSheetDef, input: WorkbookInput): CellValue[][] {
  const values = input.forms?.[sheet.name];
  const lang = input.lang ?? 'ja';
  return sheet.fields.map((f) => [
    f.label[lang],
    values ? (values[f.key] ?? null) : (f.default ?? null),
    f.hint?.[lang] ?? null,
  ]);
}

function questionRows(sheet: QuestionSheetDef, input: WorkbookInput): CellValue[][] {
  const answers = input.answers?.[sheet.name] ?? {};
  const lang = input.lang ?? 'ja';
  return sheet.questions.map((q) => [
    q.id,
    sectionTitle(sheet, q.section)[lang],
    q.title[lang],
    q.question[lang],
    ...sheet.fields.map((f) => answers[q.id]?.[f.key] ?? null),
  ]);
}

export function headerLabels(sheet: TableSheetDef | QuestionSheetDef, lang: Lang = 'ja'): string[] {
  const fields = sheet.fields.map((f) => f.label[lang]);
  if (sheet.kind === 'table') return fields;
  return [...Object.values(QUESTION_COLUMNS).map((t) => t[lang]), ...fields];
}

export function sheetRows(sheet: SheetDef, input: WorkbookInput = {}): CellValue[][] {
  const lang = input.lang ?? 'ja';
  const title: CellValue[] = [sheet.title[lang]];
  switch (sheet.kind) {
    case 'table':
      return [title, headerLabels(sheet, lang), ...tableRows(sheet, input)];
    case 'form':
      return [title, [], ...formRows(sheet, input)];
    case 'questions':
      return [title, headerLabels(sheet, lang), ...questionRows(sheet, input)];
  }
}

export function markerRows(def: TemplateDef, distribution?: Distribution): CellValue[][] {
  const rows: CellValue[][] = [
    ['template', def.id],
    ['version', def.version],
    ['edition', def.edition ?? null],
    ['generator', 'daicho'],
  ];
  if (distribution) {
    const { round, supplier, due, lang } = distribution;
    rows.push(['round', round], ['supplier', supplier], ['due', due ?? null], ['lang', lang ?? null]);
  }
  return rows;
}

/** The workbook of a template as a grid: blank (no input), or filled with the given records and answers. */
export function layoutWorkbook(def: TemplateDef, input: WorkbookInput = {}): Grid {
  const sheets: GridSheet[] = def.sheets.map((s) => ({ name: s.name, rows: sheetRows(s, input) }));
  const grid: Grid = { sheets };
  if (input.marker !== false) {
    const rows = markerRows(def, input.distribution);
    sheets.push({ name: MARKER_SHEET, state: 'veryHidden', rows });
    grid.names = { [MARKER_NAME]: `${MARKER_SHEET}!$A$1:$B$${rows.length}` };
  }
  return grid;
}

/** 0-based row of a form field's value (column B). */
export function formFieldRow(sheet: FormSheetDef, field: FieldDef): number {
  return FIRST_DATA_ROW + sheet.fields.indexOf(field);
}
