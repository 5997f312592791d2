// Form templates merge into a summary workbook: one row per subject (the latest return of each supplier, the latest
// evaluation of each contractor), the superseded ones on a sheet of their own, and where the template finds answers
// to follow up, a list of them. The template's definition says which columns (its `summary`); this file writes them.
// One row per form: thousands for a large supplier round, written by TableBook (xlsx/table-book.ts).
import { ACTION_STATUS, needsAction } from '../../templates/model/score.js';
import { foldCompany, foldCorpNo } from '../../templates/model/fold.js';
import { compareIso } from '../../templates/model/dates.js';
import { dateCell as asDate, isoOf as iso } from '../../templates/model/summary.js';
import type {
  FollowUp,
  FormSummaryDef,
  Lang,
  SummaryColumn,
  SummaryContext,
  SummaryFill,
  SummaryRow,
  TemplateDef,
  Text,
} from '../../templates/model/types.js';
import { writeFileAtomic } from '../io/atomic.js';
import { TableBook } from '../xlsx/table-book.js';
import type { TableColumn } from '../xlsx/table-sheet.js';
import type { FormSummary } from './form-summary.js';
import { previousSheet, type PreviousRound } from './previous-sheet.js';

export interface FormInput {
  file: number;
  path: string;
  shown: string;
  form: FormSummary;
}

interface Options {
  out: string;
  force?: boolean;
  asOf: string;
  lang: Lang;
  /** merge --previous: the last round's forms, compared on a sheet of their own (summaries with yearOverYear). */
  previous?: PreviousRound;
}

/** A column of a summary sheet, labelled in both languages. */
type Column<T> = Omit<TableColumn<T>, 'header'> & { label: Text };

const PCT = '0.0%';
const DATE = 'yyyy/mm/dd';
const BAND_FILL: Record<string, string> = { A: 'FFC6EFCE', B: 'FFE2EFDA', C: 'FFFFEB9C', D: 'FFFFC7CE' };
const RED = { color: { argb: 'FF9C0006' }, bold: true };

function counts(f: FormSummary): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const i of f.issues) {
    if (i.severity === 'error') errors++;
    else if (i.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

function addSheet<T>(book: TableBook, name: string, columns: Column<T>[], rows: T[], lang: Lang, tab?: string): void {
  book.addSheet(
    name,
    columns.map(({ label, ...c }) => ({ ...c, header: label[lang] })),
    rows,
    tab,
  );
}

/** Latest form per subject: by the subject's date, then the file's modification time, then input order. */
function latest<T extends { date: string | null; f: FormInput }>(
  items: T[],
  subject: (t: T) => string,
): { latest: T[]; superseded: { item: T; by: T }[] } {
  const groups = new Map<string, T[]>();
  for (const it of items) {
    const k = subject(it);
    groups.set(k, [...(groups.get(k) ?? []), it]);
  }
  const out: T[] = [];
  const superseded: { item: T; by: T }[] = [];
  for (const list of groups.values()) {
    const sorted = [...list].sort((a, b) => {
      const d = a.date && b.date ? compareIso(a.date, b.date) : a.date ? 1 : b.date ? -1 : 0;
      return d || a.f.form.mtime - b.f.form.mtime || a.f.file - b.f.file;
    });
    const best = sorted[sorted.length - 1];
    out.push(best);
    for (const it of sorted.slice(0, -1)) superseded.push({ item: it, by: best });
  }
  return { latest: out, superseded };
}

const T = (ja: string, en: string): Text => ({ ja, en });
const FILL: Record<SummaryFill, string> = {
  good: BAND_FILL.A,
  fair: BAND_FILL.B,
  caution: BAND_FILL.C,
  bad: BAND_FILL.D,
};

/** A template's summary column as a sheet column, over rows that carry what it reads. */
function column<R, T>(c: SummaryColumn<R>, of: (t: T) => R, ctx: SummaryContext): Column<T> {
  const { fill, alert } = c;
  return {
    label: c.label,
    width: c.width,
    value: (t) => c.value(of(t), ctx),
    ...(c.format ? { fmt: c.format === 'percent' ? PCT : DATE } : {}),
    ...(fill
      ? {
          fill: (t: T) => {
            const tone = fill(of(t), ctx);
            return tone ? FILL[tone] : null;
          },
        }
      : {}),
    ...(alert ? { font: (t: T) => (alert(of(t), ctx) ? RED : null) } : {}),
  };
}

/** A form template without a summary of its own: a row per file. */
const PLAIN: FormSummaryDef = { sheet: T('ファイル一覧', 'Files'), columns: [] };

interface Subject {
  f: FormInput;
  row: SummaryRow;
  date: string | null;
  errors: number;
  warnings: number;
}

/** The template's summary sheets: its subjects' latest forms, their follow-ups, and the superseded forms. */
function summarySheets(
  book: TableBook,
  spec: FormSummaryDef,
  inputs: FormInput[],
  o: Options,
): { latest: number; superseded: number; followUps: number } {
  const lang = o.lang;
  const ctx: SummaryContext = { lang, asOf: o.asOf };
  const items: Subject[] = inputs.map((f) => {
    const date = spec.subject ? iso(f.form.values[spec.subject.date]) : null;
    const name = spec.subject ? (f.form.raw[spec.subject.name] ?? '') : '';
    const row: SummaryRow = {
      name,
      raw: f.form.raw,
      values: f.form.values,
      score: f.form.score,
      date,
      followUps: f.form.followUps.length,
    };
    return { f, row, date, ...counts(f.form) };
  });
  const corpNo = spec.subject?.corpNo;
  const subject = (s: Subject): string =>
    foldCorpNo(corpNo && typeof s.row.values[corpNo] === 'string' ? (s.row.values[corpNo] as string) : null) ??
    (s.row.name ? `name:${foldCompany(s.row.name)}` : `file:${s.f.file}`);
  const { latest: rows, superseded } = latest(items, subject);
  rows.sort((a, b) => a.row.name.localeCompare(b.row.name, 'ja'));
  const columns: Column<Subject>[] = [
    ...spec.columns.map((c) => column(c, (s: Subject) => s.row, ctx)),
    {
      label: T('状態', 'Status'),
      width: 9,
      value: (s) =>
        s.errors ? (lang === 'ja' ? '要修正' : 'invalid') : needsAction(s.row.score) ? ACTION_STATUS[lang] : 'OK',
      font: (s) => (s.errors || needsAction(s.row.score) ? RED : null),
    },
    { label: T('エラー', 'Errors'), width: 7, value: (s) => s.errors },
    { label: T('警告', 'Warnings'), width: 7, value: (s) => s.warnings },
    { label: T('ファイル', 'File'), width: 34, value: (s) => s.f.shown },
  ];
  addSheet(book, spec.sheet[lang], columns, rows, lang);

  let followUps = 0;
  if (spec.followUpSheet) {
    interface Follow {
      s: Subject;
      x: { row: SummaryRow; followUp: FollowUp };
    }
    const follow: Follow[] = rows.flatMap((s) =>
      s.f.form.followUps.map((followUp) => ({ s, x: { row: s.row, followUp } })),
    );
    addSheet<Follow>(
      book,
      spec.followUpSheet.sheet[lang],
      [
        ...spec.followUpSheet.columns.map((c) => column(c, (f: Follow) => f.x, ctx)),
        { label: T('ファイル', 'File'), width: 30, value: (f) => f.s.f.shown },
        {
          label: T('セル', 'Cell'),
          width: 14,
          value: (f) => (f.x.followUp.cell ? `${f.x.followUp.sheet}!${f.x.followUp.cell}` : null),
        },
      ],
      follow,
      lang,
      'FFC00000',
    );
    followUps = follow.length;
  }
  supersededSheet(book, superseded, lang, (s) => s.row.name, spec.subject?.dateLabel ?? T('日付', 'Date'));
  if (o.previous && spec.yearOverYear) {
    const corpNoOf = (s: Subject) => (corpNo ? s.row.values[corpNo] : null);
    previousSheet(
      book,
      rows,
      (s) => ({
        company: s.row.name,
        corpNo: typeof corpNoOf(s) === 'string' ? (corpNoOf(s) as string) : null,
        code: s.f.form.code,
        path: s.f.path,
        score: s.row.score,
        answers: s.f.form.facts ?? {},
      }),
      o.previous,
      o.asOf,
      lang,
    );
  }
  return { latest: rows.length, superseded: superseded.length, followUps };
}

function supersededSheet<T extends { f: FormInput; date: string | null }>(
  book: TableBook,
  list: { item: T; by: T }[],
  lang: Lang,
  name: (t: T) => string,
  dateLabel: Text,
): void {
  addSheet<{ item: T; by: T }>(
    book,
    lang === 'ja' ? '旧回答' : 'Superseded',
    [
      { label: T('名称', 'Name'), width: 28, value: (x) => name(x.item) || null },
      { label: dateLabel, width: 12, value: (x) => asDate(x.item.date), fmt: DATE },
      { label: T('ファイル', 'File'), width: 34, value: (x) => x.item.f.shown },
      { label: T('最新のファイル', 'Latest file'), width: 34, value: (x) => x.by.f.shown },
      {
        label: { ja: `最新の${dateLabel.ja}`, en: `Latest: ${dateLabel.en.toLowerCase()}` },
        width: 12,
        value: (x) => asDate(x.by.date),
        fmt: DATE,
      },
    ],
    list,
    lang,
    'FF595959',
  );
}

/** Write the summary workbook of form inputs; returns its counts. */
export async function writeFormSummary(
  def: TemplateDef,
  inputs: FormInput[],
  o: Options,
): Promise<{ read: number; latest: number; superseded: number; followUps: number }> {
  const book = new TableBook(`${def.title[o.lang]} — ${o.lang === 'ja' ? '集計' : 'summary'}`);
  const ordered = [...inputs].sort((a, b) => a.file - b.file);
  const counts = summarySheets(book, def.summary ?? PLAIN, ordered, o);
  await writeFileAtomic(o.out, await book.toBuffer(), { force: o.force });
  return { read: inputs.length, ...counts };
}
