// What a template is. A template is data: sheets of fields and questions plus rules. One definition drives the
// .xlsx writer, the task-pane form, the validator and the merge.
import type { RuleId } from '../catalogue.js';
import type { EvaluationFact, OutsourcedRow } from '../audit/rules.js';

export interface Text {
  ja: string;
  en: string;
}

export type Lang = keyof Text;

export type Severity = 'error' | 'warning' | 'info';

/** The one issue shape used by the pane, the CLI and the JSON report (spec: "Issue record"). */
export interface Issue {
  rule: RuleId;
  severity: Severity;
  sheet: string | null;
  cell: string | null;
  field: string | null;
  value: string | null;
  message: Text;
}

/** One allowed value of an enum field: the canonical Japanese value, its English label and accepted synonyms. */
export interface EnumOption {
  value: string;
  en: string;
  synonyms?: readonly string[];
}

export type FieldType =
  | { kind: 'text'; multiline?: boolean }
  | { kind: 'integer'; min?: number; max?: number }
  | { kind: 'number'; min?: number; max?: number; percent?: boolean }
  | { kind: 'date' }
  /** A date, or a retention period in words: 契約終了後5年, 退職後3年, 永年. */
  | { kind: 'period' }
  | { kind: 'yesno' }
  | { kind: 'enum'; options: readonly EnumOption[] }
  | { kind: 'email' }
  | { kind: 'url' }
  /** 法人番号: 13 digits with its check digit. */
  | { kind: 'corpno' };

export type FieldKind = FieldType['kind'];

export interface FieldDef {
  /** Stable key used in records and rules; the Japanese label by convention. */
  key: string;
  label: Text;
  /** Other header labels accepted for this column/field (folded with foldLabel before matching). */
  synonyms?: readonly string[];
  type: FieldType;
  required?: boolean;
  /** Input hint shown in Excel's data-validation prompt and under the pane's control. */
  hint?: Text;
  /** Column width in characters for the .xlsx writer. */
  width?: number;
  /** Value must be unique within the sheet (V-UNIQUE). */
  unique?: boolean;
  /** Computed by the template (formula in the .xlsx, read-only in the pane). */
  computed?: boolean;
  /** Excel formula (without '=') the .xlsx template puts in a computed form field. */
  formula?: string;
  /** Value the blank template starts with (e.g. 合格基準 0.8). */
  default?: string | number;
  /** Template version that added the field (default 1): a workbook of an earlier version is read without it. */
  since?: number;
}

/** A normalised value: canonical enum/yes-no text, number, ISO date string, or a period. */
export type PeriodValue =
  | { kind: 'date'; iso: string }
  /** After an event (契約終了後5年, 録画後30日); no years/months/days means at the event itself (退職時, 契約終了まで). */
  | { kind: 'after'; event: string; years?: number; months?: number; days?: number; text: string }
  | { kind: 'permanent'; text: string };

export type NormValue = string | number | PeriodValue;

/** A fixed question row (checklist clause, evaluation criterion, contract item). */
export interface QuestionDef {
  /** 項番 such as 'II-1' or 'C-03'. */
  id: string;
  /** Section key such as 'II' or '組織的'. */
  section: string;
  title: Text;
  question: Text;
  critical?: boolean;
  /** Where the question comes from, e.g. 'II-1' of the guideline or '§4.4.3.4'. */
  clause?: string;
  /**
   * Earlier Japanese wordings of the title or question that workbooks made from an earlier template still hold: read
   * without a tamper error, with one info that the answers were given to the earlier wording.
   */
  formerly?: { title?: readonly string[]; question?: readonly string[] };
}

export interface SectionDef {
  key: string;
  title: Text;
}

interface SheetBase {
  name: string;
  title: Text;
  /** Other sheet names accepted when looking the sheet up. */
  synonyms?: readonly string[];
  /** Sheet may be absent without an error (e.g. an optional reference list). */
  optional?: boolean;
}

/** One record per row under a header row. */
export interface TableSheetDef extends SheetBase {
  kind: 'table';
  fields: readonly FieldDef[];
  /** Fields forming the merge/duplicate key. */
  key?: readonly string[];
  /** Rows the blank template provides with dropdowns and formats. */
  templateRows?: number;
  /** Pre-filled rows for the blank template (e.g. the legal register's baseline). */
  prefill?: readonly Record<string, string | number>[];
}

/** Labelled fields down a sheet: label in column A, value in column B. */
export interface FormSheetDef extends SheetBase {
  kind: 'form';
  fields: readonly FieldDef[];
}

/** A fixed list of question rows under a header row; id and question columns are locked. */
export interface QuestionSheetDef extends SheetBase {
  kind: 'questions';
  sections?: readonly SectionDef[];
  questions: readonly QuestionDef[];
  /** Answer columns, after the fixed 項番 / 分類 / 項目 / 質問 columns. */
  fields: readonly FieldDef[];
  /** Rule id for a changed question text or 項番, or deleted/reordered/added question rows (default TEMPLATE-TAMPER). */
  tamperRule?: RuleId;
  /** What a critical question is called on this sheet (重大, 必須), for the template's legend. */
  criticalLabel?: Text;
}

export type SheetDef = TableSheetDef | FormSheetDef | QuestionSheetDef;

/**
 * The field keys of a sheet defined `as const satisfies TableSheetDef` (fields inline or by field()/textField()):
 * RecordRow<FieldKey<typeof sheet>> makes rec.values['開示対像'] a compile error.
 */
export type FieldKey<S extends { readonly fields: readonly FieldDef[] }> = S['fields'][number]['key'];

/** A record read out of a grid: normalised values plus where each came from. K: its sheet's field keys. */
export interface RecordRow<K extends string = string> {
  sheet: string;
  /** 1-based worksheet row of the record (forms: 0). */
  row: number;
  /** Question id for question rows. */
  id?: string;
  values: Record<K, NormValue | null>;
  /** Raw text of each field as found (for messages and merge). */
  raw: Record<K, string | null>;
  /** A1 address of each field's cell. */
  cells: Record<K, string>;
  /** Unknown extra columns carried through (header → raw text). */
  extra?: Record<string, string | null>;
}

/** What the hidden _daicho marker sheet says. */
export interface Marker {
  id: string;
  version: number;
  edition?: string;
  /** A checklist made by `daicho distribute`: the round and the supplier it was sent to. */
  distribution?: Distribution;
}

/** Which survey round and which supplier (取引先コード) a distributed checklist is for, when it is due, in which language. */
export interface Distribution {
  round: string;
  supplier: string;
  due?: string;
  lang?: Lang;
}

/** Everything read from one workbook for one template. */
export interface ReadResult {
  /** The marker found in the workbook (absent when recognised by header signature). */
  marker?: Marker;
  /** Records per sheet name (a form sheet has exactly one record). */
  sheets: Record<string, RecordRow[]>;
  /** Structural and value issues found while reading. */
  issues: Issue[];
}

export interface RuleContext {
  asOf: string; // ISO date
  data: ReadResult;
  def: TemplateDef;
  /** Records of a sheet (empty when the sheet is missing). */
  rows(sheet: string): RecordRow[];
  /** The single record of a form sheet, or undefined when missing. */
  form(sheet: string): RecordRow | undefined;
}

export interface RuleFinding {
  /** The record the finding is about; null for a finding about a whole sheet (then `sheet` names it). */
  record: RecordRow | null;
  sheet?: string;
  /** Field the finding points at (its cell is used); null points at the record's first cell. */
  field: string | null;
  message: Text;
  /** Overrides the rule's default severity. */
  severity?: Severity;
}

/** A template's rule: its id (severity, title and clause are the catalogue's, templates/catalogue.ts) and its check. */
export interface RuleDef {
  id: RuleId;
  /** Template version whose fields the rule needs (default 1): workbooks of earlier versions are not checked by it. */
  since?: number;
  check(ctx: RuleContext): RuleFinding[];
}

export interface SectionScore {
  key: string;
  title: Text;
  points: number;
  max: number;
  /** 0..1, or null when every question was 該当なし. */
  rate: number | null;
}

export interface Score {
  rate: number | null;
  points: number;
  max: number;
  answered: number;
  total: number;
  sections: SectionScore[];
  band?: string;
  redFlags: string[];
  /** False while questions are unanswered: then rate and band are absent and provisionalRate is the rate so far. */
  complete?: boolean;
  provisionalRate?: number | null;
  /** A red flag the buyer must follow up (shown as status 要対応). */
  actionNeeded?: boolean;
  /** Template-specific extras (e.g. 判定). */
  [extra: string]: unknown;
}

/** The templates Daicho ships (templates/index.ts lists them; a test may register one of its own). */
export type TemplateId =
  'pi-ledger' | 'legal-register' | 'contractor-evaluation' | 'supplier-checklist' | 'supplier-list';

/** An answer the buyer follows up (merge's follow-up sheet): where it is, what was answered and what is planned. */
export interface FollowUp {
  /** 項番 and the cell of its answer. */
  id: string;
  sheet: string;
  cell: string | null;
  critical: boolean;
  answer: string;
  evidence: string | null;
  plan: string | null;
  /** ISO date of the plan when it is a date. */
  planIso: string | null;
  comment: string | null;
}

/** One subject's latest form, as a column of a merge summary reads it. */
export interface SummaryRow {
  /** The subject's name (the summary's name field), '' when blank. */
  name: string;
  /** Raw text and normalised values of every form field, by key. */
  raw: Record<string, string | null>;
  values: Record<string, NormValue | null>;
  score: Score | null;
  /** ISO date of the summary's date field, when it holds one. */
  date: string | null;
  /** Number of answers to follow up. */
  followUps: number;
}

export interface SummaryContext {
  lang: Lang;
  /** The day deadlines are judged against. */
  asOf: string;
}

/** A highlighted cell's fill, in the band colours (A good … D bad). */
export type SummaryFill = 'good' | 'fair' | 'caution' | 'bad';

/** A column of a merge summary sheet: its label, width and what its cells show. */
export interface SummaryColumn<R> {
  label: Text;
  /** Width in characters. */
  width: number;
  value(row: R, ctx: SummaryContext): string | number | Date | null;
  format?: 'percent' | 'date';
  fill?(row: R, ctx: SummaryContext): SummaryFill | null;
  /** The cell is shown in red bold. */
  alert?(row: R, ctx: SummaryContext): boolean;
}

/**
 * How `daicho merge` summarises the forms of a form template: a sheet with one row per subject (its latest form; the
 * earlier ones on a sheet of superseded forms) and, when the template finds follow-ups, a sheet of them. Status,
 * error and warning counts and the file are added after the template's columns.
 */
export interface FormSummaryDef {
  /** Name of the sheet of subjects, e.g. 取引先一覧. */
  sheet: Text;
  /**
   * Field naming the subject (会社名), field of its 法人番号 (which identifies it before the name), and the form's
   * date (the latest form of a subject is the one of the latest date); without it, every file is a subject of its own.
   */
  subject?: { name: string; corpNo?: string; date: string; dateLabel: Text };
  columns: readonly SummaryColumn<SummaryRow>[];
  /** The follow-up sheet's name and columns (before its file and cell). */
  followUpSheet?: { sheet: Text; columns: readonly SummaryColumn<{ row: SummaryRow; followUp: FollowUp }>[] };
  /** Its subjects can be compared with the last round's (merge --previous; the supplier checklist's answers). */
  yearOverYear?: boolean;
}

/** What a file gives the audit's cross-workbook rules (templates/audit/rules.ts). */
export interface AuditFacts {
  /** Rows that entrust personal information to a contractor. */
  outsourced?: OutsourcedRow[];
  /** The department of each finding, aligned with the file's findings. */
  departments?: (string | null)[];
  evaluation?: EvaluationFact;
}

/** What `daicho audit` takes from a file of the template beyond its findings. */
export interface AuditDef {
  /** The area of the PMS its findings belong to (by default その他のファイル). */
  area?: Text;
  /** Its score is a supplier's: the audit shows its band and section scores. */
  supplierScore?: boolean;
  /** Facts for the cross-workbook rules, from the file's records and findings. */
  facts?(file: string, ctx: RuleContext, issues: readonly Issue[]): AuditFacts;
}

export interface TemplateDef {
  id: string;
  /**
   * The current version. Every earlier one stays readable: it is this definition without the fields and rules whose
   * `since` is later (model/versions.ts), so a version is published by adding fields, never by removing or moving one.
   */
  version: number;
  /** What changed in each version, for TEMPLATE-VERSION messages on older files. */
  changes?: Record<number, Text>;
  /** Guideline edition a checklist implements, e.g. '2024-11-01 第1版'. */
  edition?: string;
  title: Text;
  shape: 'table' | 'form';
  /** Clause citation for the whole template, e.g. '§4.3.3'. */
  clause: string;
  sheets: readonly SheetDef[];
  rules: readonly RuleDef[];
  score?(ctx: RuleContext): Score;
  /** A short name for reports, e.g. the audit's list of files (default: the title). */
  shortTitle?: Text;
  /** Field whose first value names a file's subject in reports (会社名, 委託先名, 部門). */
  subject?: string;
  /** The answers the buyer follows up. */
  followUps?(data: ReadResult): FollowUp[];
  /** How merge summarises forms of this template (form templates). */
  summary?: FormSummaryDef;
  audit?: AuditDef;
}
