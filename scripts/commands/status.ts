// daicho status SUPPLIERS.xlsx RETURNS… -o DIR --round NAME --due DATE [--as-of DATE]: where each supplier of a round
// stands (round/status.ts), as 回収状況.xlsx and the reminder and correction mail-merge CSVs. The list is refused
// while it has errors; every output is named before anything is written, atomically, never over an input.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { validateWorkbook } from '../../templates/index.js';
import type { Lang } from '../../templates/model/types.js';
import { readMarker } from '../../templates/model/validate.js';
import { capIssues, checkFile, statusOf, type FileResult } from '../check-file.js';
import { collectFiles } from '../collect.js';
import { exists, OutputExistsError, writeFilesAtomic } from '../io/atomic.js';
import { fileKey, readRegularFileSync, refuseInputsAsOutputs, refuseSpecialTarget } from '../io/paths.js';
import { readXlsx } from '../io/read-xlsx.js';
import { CHECKLIST } from '../../templates/supplier-checklist/index.js';
import { answerFacts } from '../round/compare.js';
import { addComparisonSheet, compareSuppliers, comparisonLine, type Compared } from '../round/compare-sheet.js';
import { plan, type Planned } from '../round/distribute.js';
import {
  BY_TEXT,
  correction,
  matchReturns,
  reminder,
  respondentOf,
  STATE_TEXT,
  withDue,
  type Return,
  type ReturnRow,
  type State,
  type SupplierRow,
} from '../round/status.js';
import type { Mail, RoundInfo } from '../round/texts.js';
import { csvField } from '../summary/csv.js';
import { addTableSheet, type TableColumn } from '../xlsx/table-sheet.js';
import { asOfOf, langOf, noWorkbooks, out, UsageError, type Command } from './common.js';
import { dueOf, readSupplierList, roundOf } from './distribute.js';
import { previousFiles } from './previous.js';

export const STATUS_BOOK = '回収状況.xlsx';
export const REMINDER_CSV = '督促メール.csv';
export const CORRECTION_CSV = '修正依頼メール.csv';

/** One return: checked as `check` would, with what its marker and respondent sheet say (read once). */
export async function readReturn(path: string, asOf: string): Promise<Return> {
  const mtimeMs = (await stat(path).catch(() => null))?.mtimeMs ?? 0;
  let grid;
  try {
    const { bytes } = readRegularFileSync(path, 100 * 1024 * 1024);
    if (bytes) grid = readXlsx(bytes);
  } catch {
    grid = undefined;
  }
  // Unreadable for any reason: check says why, in its words.
  if (!grid?.sheets.length)
    return { path, result: await checkFile(path, { asOf }), corpNo: null, company: null, answeredOn: null, mtimeMs };
  const v = validateWorkbook(grid, { asOf });
  const issues = capIssues(v.issues);
  const result: FileResult = {
    path,
    status: statusOf(issues),
    template: v.template,
    issues,
    ...(v.score ? { score: v.score } : {}),
  };
  const answers = answerFacts(v.data?.sheets[CHECKLIST]);
  return { path, result, marker: readMarker(grid), ...respondentOf(v.data?.sheets), mtimeMs, answers };
}

const FILL: Record<State, string> = {
  overdue: 'FFFFC7CE',
  pending: 'FFFFFFFF',
  fix: 'FFFFEB9C',
  action: 'FFF8CBAD',
  done: 'FFC6EFCE',
};

async function statusBook(
  suppliers: readonly SupplierRow[],
  rows: readonly ReturnRow[],
  r: RoundInfo,
  asOf: string,
  lang: Lang,
  compared: readonly Compared[] | null,
): Promise<Buffer> {
  const ja = lang === 'ja';
  const pct = (x: number | null | undefined) => (typeof x === 'number' ? x : null);
  const sCols: TableColumn<SupplierRow>[] = [
    { header: ja ? '取引先コード' : 'Supplier code', width: 12, value: (s) => s.planned.supplier.code },
    { header: ja ? '会社名' : 'Company', width: 26, value: (s) => s.planned.supplier.company },
    { header: ja ? '状況' : 'Status', width: 16, value: (s) => STATE_TEXT[s.state][lang], fill: (s) => FILL[s.state] },
    { header: ja ? '照合' : 'Matched by', width: 10, value: (s) => (s.by ? BY_TEXT[s.by][lang] : null) },
    { header: ja ? '返送ファイル' : 'Returned file', width: 30, value: (s) => s.ret?.path ?? null },
    { header: ja ? '回答日' : 'Answered on', width: 11, value: (s) => s.ret?.answeredOn ?? null },
    { header: ja ? 'エラー' : 'Errors', width: 7, value: (s) => (s.ret ? s.errors.length : null) },
    { header: ja ? '得点率' : 'Score', width: 8, value: (s) => pct(s.score?.rate), fmt: '0.0%' },
    { header: ja ? 'ランク' : 'Band', width: 6, value: (s) => (s.score?.band as string | undefined) ?? null },
    { header: ja ? '重大リスク' : 'Red flags', width: 12, value: (s) => s.score?.redFlags.join(', ') || null },
    { header: ja ? '重複返送' : 'Duplicates', width: 8, value: (s) => s.others || null },
    { header: ja ? 'メール' : 'E-mail', width: 26, value: (s) => s.planned.supplier.email },
  ];
  const rCols: TableColumn<ReturnRow>[] = [
    { header: ja ? 'ファイル' : 'File', width: 36, value: (x) => x.ret.path },
    { header: ja ? '照合' : 'Matched by', width: 20, value: (x) => BY_TEXT[x.why ?? x.by ?? 'unknown'][lang] },
    { header: ja ? '取引先コード' : 'Supplier code', width: 12, value: (x) => x.supplier?.supplier.code ?? null },
    { header: ja ? '調査回' : 'Round', width: 10, value: (x) => x.ret.marker?.distribution?.round ?? null },
    { header: ja ? '会社名（回答）' : 'Company (as answered)', width: 26, value: (x) => x.ret.company },
    { header: ja ? '法人番号（回答）' : 'Corporate no. (as answered)', width: 15, value: (x) => x.ret.corpNo },
    {
      header: ja ? 'エラー' : 'Errors',
      width: 7,
      value: (x) => x.ret.result.issues.filter((i) => i.severity === 'error').length,
    },
  ];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Daicho';
  wb.title = ja ? `回収状況（${r.round}、${asOf} 現在）` : `Round status (${r.round}, as of ${asOf})`;
  addTableSheet(wb, ja ? '回収状況' : 'Status', sCols, suppliers);
  addTableSheet(wb, ja ? '返送ファイル' : 'Returns', rCols, rows);
  if (compared) addComparisonSheet(wb, compared, lang, (s) => FILL[s]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function mailCsv(mails: readonly { planned: Planned; mail: Mail; file: string }[], lang: Lang): string {
  const head =
    lang === 'ja'
      ? ['宛先', '件名', '本文', 'ファイル', '取引先コード', '会社名']
      : ['To', 'Subject', 'Body', 'File', 'Supplier code', 'Company'];
  const lines = [
    head,
    ...mails.map((m) => [
      m.planned.supplier.email,
      m.mail.subject,
      m.mail.body.replace(/\n/g, '\r\n'),
      m.file,
      m.planned.supplier.code,
      m.planned.supplier.company,
    ]),
  ];
  return '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const status: Command<'status'> = {
  async run(a) {
    const [list, ...inputs] = a.positionals;
    if (!list || !inputs.length) {
      throw new UsageError({
        ja: 'status には取引先一覧のファイルと、返送されたファイルかフォルダを指定してください',
        en: 'status needs the supplier list and the returned files or folders',
      });
    }
    const dir = a.values.out;
    if (!dir)
      throw new UsageError({
        ja: 'status には -o DIR（出力先フォルダ）を指定してください',
        en: 'status needs -o DIR (the output folder)',
      });
    const r: RoundInfo = { round: roundOf(a.values.round), due: dueOf(a.values.due) };
    const asOf = asOfOf(a.values['as-of']);
    const lang = langOf(a.values.lang);
    const force = Boolean(a.values.force);

    const suppliers = await readSupplierList(list, lang);
    if (suppliers === 1) return 1;
    const targets = [STATUS_BOOK, REMINDER_CSV, CORRECTION_CSV].map((n) => join(dir, n));
    // Neither the list nor this command's earlier outputs in the returns folder are returns.
    const skip = new Set([list, ...targets].map(fileKey).filter((k): k is string => k !== null));
    const files = (await collectFiles(inputs)).filter((f) => !skip.has(fileKey(f) ?? ''));
    if (!files.length) throw noWorkbooks(inputs);
    const previous = await previousFiles(a.values.previous, files, skip);
    refuseSpecialTarget(dir, 'folder');
    refuseInputsAsOutputs(targets, [list, ...files, ...(previous ?? [])]);
    if (!force) for (const t of targets) if (await exists(t)) throw new OutputExistsError(t);

    const planned = plan(suppliers, r);
    const returns: Return[] = [];
    for (const f of files) returns.push(await readReturn(f, asOf));
    const matched = matchReturns(planned, returns, r.round);
    const rows = withDue(matched.suppliers, r.due, asOf);
    const reminders = rows
      .filter((s) => s.state === 'overdue')
      .map((s) => ({
        planned: s.planned,
        file: s.planned.file,
        mail: reminder(s.planned.supplier, r, s.planned.file, s.planned.supplier.lang),
      }));
    // The last round's returns, read as this round's are and matched to the same list whatever their round.
    const before: Return[] = [];
    for (const f of previous ?? []) before.push(await readReturn(f, asOf));
    const compared = previous ? compareSuppliers(planned, rows, before, asOf) : null;
    const corrections = rows
      .filter((s) => s.state === 'fix')
      .map((s) => ({
        planned: s.planned,
        file: s.ret!.path,
        mail: correction(s.planned.supplier, r, s, asOf, s.planned.supplier.lang),
      }));
    await writeFilesAtomic(
      [
        { path: targets[0], data: await statusBook(rows, matched.rows, r, asOf, lang, compared) },
        { path: targets[1], data: mailCsv(reminders, lang) },
        { path: targets[2], data: mailCsv(corrections, lang) },
      ],
      { force },
    );
    const count = (st: State) => rows.filter((s) => s.state === st).length;
    const aside = (why: string) => matched.rows.filter((x) => x.why === why).length;
    out(
      lang === 'ja'
        ? `${r.round}（${asOf} 現在、回答期限 ${r.due}）: 取引先 ${rows.length} 社 — 完了 ${count('done')}、要対応 ${count('action')}、要修正 ${count('fix')}、未回収 ${count('overdue') + count('pending')}（うち期限超過 ${count('overdue')}）`
        : `${r.round} (as of ${asOf}, due ${r.due}): ${rows.length} suppliers — ${count('done')} done, ${count('action')} action needed, ${count('fix')} to correct, ${count('overdue') + count('pending')} not returned (${count('overdue')} overdue)`,
    );
    out(
      lang === 'ja'
        ? `返送ファイル ${returns.length} 件: 別の調査回 ${aside('other-round')}、一覧にない取引先 ${aside('unknown')}、重複 ${aside('superseded')}、チェックリスト以外・読込不可 ${aside('not-checklist')}`
        : `${returns.length} returned files: ${aside('other-round')} from another round, ${aside('unknown')} not on the list, ${aside('superseded')} duplicates, ${aside('not-checklist')} not a checklist or unreadable`,
    );
    if (compared)
      out(
        comparisonLine(
          compared.map((c) => c.yoy),
          lang,
        ),
      );
    out(
      lang === 'ja'
        ? `回収状況: ${targets[0]}、督促: ${targets[1]}、修正依頼: ${targets[2]}`
        : `Status: ${targets[0]}; reminders: ${targets[1]}; corrections: ${targets[2]}`,
    );
    return 0;
  },
};
