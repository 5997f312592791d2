// Form templates merge into a summary workbook: one row per subject (the latest return of each supplier, the latest
// evaluation of each contractor), the superseded ones on a sheet of their own, and for supplier checklists a
// follow-up list of every いいえ / 一部実施 answer. Small (one row per form), so exceljs in full mode writes it.
import { ACTION_STATUS, bandLabel, INCOMPLETE, needsAction } from '../../templates/model/score.js';
import ExcelJS from 'exceljs';
import { foldCompany, foldCorpNo } from '../../templates/model/fold.js';
import { compareIso } from '../../templates/model/dates.js';
import type { Lang, NormValue, Score, TemplateDef, Text } from '../../templates/model/types.js';
import { QUESTIONS, SECTIONS } from '../../templates/supplier-checklist/index.js';
import { writeFileAtomic } from '../io/atomic.js';
import { addTableSheet, type TableColumn } from '../xlsx/table-sheet.js';
import type { FormSummary } from './form-summary.js';

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
}

/** A column of a summary sheet, labelled in both languages. */
type Column<T> = Omit<TableColumn<T>, 'header'> & { label: Text };

const PCT = '0.0%';
const DATE = 'yyyy/mm/dd';
const BAND_FILL: Record<string, string> = { A: 'FFC6EFCE', B: 'FFE2EFDA', C: 'FFFFEB9C', D: 'FFFFC7CE' };
const RED = { color: { argb: 'FF9C0006' }, bold: true };

const iso = (v: NormValue | null | undefined): string | null =>
  typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v) ? v : null;
const asDate = (s: string | null): Date | null => (s ? new Date(`${s}T00:00:00Z`) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function counts(f: FormSummary): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const i of f.issues) {
    if (i.severity === 'error') errors++;
    else if (i.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

function addSheet<T>(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Column<T>[],
  rows: T[],
  lang: Lang,
  tab?: string,
): void {
  addTableSheet(
    wb,
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

// ---- supplier checklist -----------------------------------------------------------------------------------------

interface Supplier {
  f: FormInput;
  date: string | null;
  company: string;
  score: Score | null;
  errors: number;
  warnings: number;
}

function supplierSheets(
  wb: ExcelJS.Workbook,
  inputs: FormInput[],
  o: Options,
): { latest: number; superseded: number; followUps: number } {
  const lang = o.lang;
  const items: Supplier[] = inputs.map((f) => ({
    f,
    date: iso(f.form.values['回答日']),
    company: f.form.raw['会社名'] ?? '',
    score: f.form.score,
    ...counts(f.form),
  }));
  const subject = (s: Supplier): string =>
    foldCorpNo(typeof s.f.form.values['法人番号'] === 'string' ? (s.f.form.values['法人番号'] as string) : null) ??
    (s.company ? `name:${foldCompany(s.company)}` : `file:${s.f.file}`);
  const { latest: rows, superseded } = latest(items, subject);
  rows.sort((a, b) => a.company.localeCompare(b.company, 'ja'));
  const section =
    (key: string) =>
    (s: Supplier): number | null =>
      s.score?.sections.find((x) => x.key === key)?.rate ?? null;
  const band = (s: Supplier): string | null => (typeof s.score?.band === 'string' ? s.score.band : null);
  const columns: Column<Supplier>[] = [
    { label: T('会社名', 'Company'), width: 28, value: (s) => s.company || null },
    { label: T('法人番号', 'Corporate no.'), width: 15, value: (s) => s.f.form.raw['法人番号'] },
    { label: T('回答日', 'Answered on'), width: 12, value: (s) => asDate(s.date), fmt: DATE },
    { label: T('回答者', 'Respondent'), width: 14, value: (s) => s.f.form.raw['回答者氏名'] },
    { label: T('メール', 'E-mail'), width: 26, value: (s) => s.f.form.raw['メール'] },
    {
      label: T('回答数', 'Answered'),
      width: 9,
      value: (s) => (s.score ? `${s.score.answered}/${s.score.total}` : null),
    },
    {
      label: T('完了率', 'Completion'),
      width: 9,
      value: (s) => (s.score ? s.score.answered / s.score.total : null),
      fmt: PCT,
    },
    { label: T('得点率', 'Score'), width: 9, value: (s) => s.score?.rate ?? null, fmt: PCT },
    {
      label: T('ランク', 'Band'),
      width: 12,
      value: (s) => bandLabel(s.score, lang) ?? INCOMPLETE[lang],
      fill: (s) => BAND_FILL[band(s) ?? ''] ?? null,
    },
    {
      label: T('重大リスク', 'Red flags'),
      width: 18,
      value: (s) => (s.score?.redFlags.length ? s.score.redFlags.join(', ') : null),
      font: (s) => (s.score?.redFlags.length ? RED : null),
    },
    ...SECTIONS.map((sec): Column<Supplier> => ({
      label: T(`${sec.key} ${sec.title.ja}`, `${sec.key} ${sec.title.en}`),
      width: 11,
      value: section(sec.key),
      fmt: PCT,
    })),
    { label: T('要フォロー', 'Follow-ups'), width: 9, value: (s) => s.f.form.followUps.length },
    {
      label: T('状態', 'Status'),
      width: 9,
      value: (s) =>
        s.errors ? (lang === 'ja' ? '要修正' : 'invalid') : needsAction(s.score) ? ACTION_STATUS[lang] : 'OK',
      font: (s) => (s.errors || needsAction(s.score) ? RED : null),
    },
    { label: T('エラー', 'Errors'), width: 7, value: (s) => s.errors },
    { label: T('警告', 'Warnings'), width: 7, value: (s) => s.warnings },
    { label: T('ファイル', 'File'), width: 34, value: (s) => s.f.shown },
  ];
  addSheet(wb, lang === 'ja' ? '取引先一覧' : 'Suppliers', columns, rows, lang);

  interface Follow {
    s: Supplier;
    fu: FormSummary['followUps'][number];
  }
  const follow: Follow[] = rows.flatMap((s) => s.f.form.followUps.map((fu) => ({ s, fu })));
  const qById = new Map(QUESTIONS.map((q) => [q.id, q]));
  const overdue = (x: Follow): boolean => x.fu.planIso !== null && compareIso(x.fu.planIso, o.asOf) < 0;
  addSheet<Follow>(
    wb,
    lang === 'ja' ? 'フォローアップ' : 'Follow-up',
    [
      { label: T('会社名', 'Company'), width: 24, value: (x) => x.s.company || null },
      { label: T('項番', 'Clause'), width: 7, value: (x) => x.fu.id },
      {
        label: T('分類', 'Section'),
        width: 16,
        value: (x) => SECTIONS.find((s) => s.key === qById.get(x.fu.id)?.section)?.title[lang] ?? null,
      },
      { label: T('項目', 'Item'), width: 26, value: (x) => qById.get(x.fu.id)?.title[lang] ?? null },
      {
        label: T('重大', 'Critical'),
        width: 6,
        value: (x) => (x.fu.critical ? '●' : null),
        font: (x) => (x.fu.critical ? RED : null),
      },
      {
        label: T('回答', 'Answer'),
        width: 9,
        value: (x) => x.fu.answer,
        fill: (x) => (x.fu.answer === '一部実施' ? BAND_FILL.C : BAND_FILL.D),
      },
      { label: T('取組内容・根拠資料', 'Actions and evidence'), width: 30, value: (x) => x.fu.evidence },
      { label: T('改善予定日', 'Target date'), width: 12, value: (x) => asDate(x.fu.planIso) ?? x.fu.plan, fmt: DATE },
      {
        label: T('期限超過', 'Overdue'),
        width: 8,
        value: (x) => (overdue(x) ? (lang === 'ja' ? '超過' : 'overdue') : null),
        font: (x) => (overdue(x) ? RED : null),
      },
      { label: T('コメント', 'Comment'), width: 40, value: (x) => x.fu.comment },
      { label: T('ファイル', 'File'), width: 30, value: (x) => x.s.f.shown },
      { label: T('セル', 'Cell'), width: 14, value: (x) => (x.fu.cell ? `${x.fu.sheet}!${x.fu.cell}` : null) },
    ],
    follow,
    lang,
    'FFC00000',
  );
  supersededSheet(wb, superseded, lang, (s) => s.company, T('回答日', 'Answered on'));
  return { latest: rows.length, superseded: superseded.length, followUps: follow.length };
}

function supersededSheet<T extends { f: FormInput; date: string | null }>(
  wb: ExcelJS.Workbook,
  list: { item: T; by: T }[],
  lang: Lang,
  name: (t: T) => string,
  dateLabel: Text,
): void {
  addSheet<{ item: T; by: T }>(
    wb,
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

// ---- contractor evaluation --------------------------------------------------------------------------------------

interface Evaluation {
  f: FormInput;
  date: string | null;
  name: string;
  errors: number;
  warnings: number;
}

function contractorSheets(
  wb: ExcelJS.Workbook,
  inputs: FormInput[],
  o: Options,
): { latest: number; superseded: number; followUps: number } {
  const lang = o.lang;
  const items: Evaluation[] = inputs.map((f) => ({
    f,
    date: iso(f.form.values['評価日']),
    name: f.form.raw['委託先名'] ?? '',
    ...counts(f.form),
  }));
  const subject = (e: Evaluation): string =>
    foldCorpNo(typeof e.f.form.values['法人番号'] === 'string' ? (e.f.form.values['法人番号'] as string) : null) ??
    (e.name ? `name:${foldCompany(e.name)}` : `file:${e.f.file}`);
  const { latest: rows, superseded } = latest(items, subject);
  rows.sort((a, b) => a.name.localeCompare(b.name, 'ja'));
  const next = (e: Evaluation): string | null => iso(e.f.form.values['次回評価期限']);
  const status = (e: Evaluation): 'overdue' | 'soon' | 'ok' | null => {
    const d = next(e);
    if (!d) return null;
    if (compareIso(d, o.asOf) < 0) return 'overdue';
    const soon = new Date(`${o.asOf}T00:00:00Z`);
    soon.setUTCDate(soon.getUTCDate() + 60);
    return compareIso(d, soon.toISOString().slice(0, 10)) <= 0 ? 'soon' : 'ok';
  };
  const verdict = (e: Evaluation): string | null =>
    typeof e.f.form.values['判定'] === 'string' ? (e.f.form.values['判定'] as string) : e.f.form.raw['判定'];
  const expected = (e: Evaluation): string | null =>
    typeof e.f.form.score?.['判定'] === 'string' ? (e.f.form.score['判定'] as string) : null;
  const list = (v: unknown): string | null => (Array.isArray(v) && v.length ? v.join(', ') : null);
  const STATUS: Record<string, Text> = {
    overdue: T('期限切れ', 'overdue'),
    soon: T('60日以内', 'due within 60 days'),
    ok: T('有効', 'current'),
  };
  const columns: Column<Evaluation>[] = [
    { label: T('委託先名', 'Contractor'), width: 28, value: (e) => e.name || null },
    { label: T('法人番号', 'Corporate no.'), width: 15, value: (e) => e.f.form.raw['法人番号'] },
    { label: T('委託業務の内容', 'Outsourced work'), width: 30, value: (e) => e.f.form.raw['委託業務の内容'] },
    { label: T('委託する個人情報', 'Personal information'), width: 30, value: (e) => e.f.form.raw['委託する個人情報'] },
    // Version 2 fields (empty for a version 1 evaluation).
    { label: T('データの所在国', 'Data kept in'), width: 14, value: (e) => e.f.form.raw['データの所在国'] },
    {
      label: T('委託開始日', 'Outsourcing starts'),
      width: 12,
      value: (e) => asDate(iso(e.f.form.values['委託開始日'])),
      fmt: DATE,
    },
    { label: T('第三者認証', 'Certification'), width: 10, value: (e) => e.f.form.raw['第三者認証'] },
    {
      label: T('認証有効期限', 'Certificate valid until'),
      width: 12,
      value: (e) => asDate(iso(e.f.form.values['認証有効期限'])),
      fmt: DATE,
    },
    { label: T('評価区分', 'Kind'), width: 8, value: (e) => e.f.form.raw['評価区分'] },
    {
      label: T('評価日', 'Evaluated on'),
      width: 12,
      value: (e) => asDate(e.date) ?? e.f.form.raw['評価日'],
      fmt: DATE,
    },
    { label: T('評価者', 'Evaluator'), width: 16, value: (e) => e.f.form.raw['評価者'] },
    { label: T('得点率', 'Score'), width: 9, value: (e) => num(e.f.form.score?.rate), fmt: PCT },
    {
      label: T('判定', 'Decision'),
      width: 11,
      value: (e) => verdict(e),
      fill: (e) =>
        verdict(e) === '合格'
          ? BAND_FILL.A
          : verdict(e) === '条件付合格'
            ? BAND_FILL.C
            : verdict(e) === '不合格'
              ? BAND_FILL.D
              : null,
    },
    {
      label: T('判定（得点から）', 'Decision (from score)'),
      width: 11,
      value: (e) => expected(e),
      font: (e) => (expected(e) && verdict(e) && expected(e) !== verdict(e) ? RED : null),
    },
    {
      label: T('次回評価期限', 'Next evaluation due'),
      width: 12,
      value: (e) => asDate(next(e)) ?? e.f.form.raw['次回評価期限'],
      fmt: DATE,
    },
    {
      label: T('期限', 'Due'),
      width: 10,
      value: (e) => (status(e) ? STATUS[status(e)!][lang] : null),
      fill: (e) => (status(e) === 'overdue' ? BAND_FILL.D : status(e) === 'soon' ? BAND_FILL.C : null),
    },
    { label: T('契約書保存期限', 'Keep contract until'), width: 14, value: (e) => e.f.form.raw['契約書保存期限'] },
    { label: T('契約の不備', 'Contract gaps'), width: 12, value: (e) => list(e.f.form.score?.['契約規定なし']) },
    {
      label: T('必須項目の不適合', 'Must-haves failed'),
      width: 12,
      value: (e) => list(e.f.form.score?.redFlags),
      font: () => RED,
    },
    { label: T('条件・所見', 'Conditions'), width: 30, value: (e) => e.f.form.raw['条件・所見'] },
    {
      label: T('状態', 'Status'),
      width: 9,
      value: (e) => (e.errors ? (lang === 'ja' ? '要修正' : 'invalid') : 'OK'),
      font: (e) => (e.errors ? RED : null),
    },
    { label: T('エラー', 'Errors'), width: 7, value: (e) => e.errors },
    { label: T('警告', 'Warnings'), width: 7, value: (e) => e.warnings },
    { label: T('ファイル', 'File'), width: 34, value: (e) => e.f.shown },
  ];
  addSheet(wb, lang === 'ja' ? '委託先一覧' : 'Contractors', columns, rows, lang);
  supersededSheet(wb, superseded, lang, (e) => e.name, T('評価日', 'Evaluated on'));
  return { latest: rows.length, superseded: superseded.length, followUps: 0 };
}

/** Write the summary workbook of form inputs; returns its counts. */
export async function writeFormSummary(
  def: TemplateDef,
  inputs: FormInput[],
  o: Options,
): Promise<{ read: number; latest: number; superseded: number; followUps: number }> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Daicho';
  wb.title = `${def.title[o.lang]} — ${o.lang === 'ja' ? '集計' : 'summary'}`;
  const ordered = [...inputs].sort((a, b) => a.file - b.file);
  const counts = def.id === 'supplier-checklist' ? supplierSheets(wb, ordered, o) : contractorSheets(wb, ordered, o);
  await writeFileAtomic(o.out, Buffer.from(await wb.xlsx.writeBuffer()), { force: o.force });
  return { read: inputs.length, ...counts };
}
