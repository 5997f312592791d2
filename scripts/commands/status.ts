// daicho status SUPPLIERS.xlsx RETURNS… -o DIR --round NAME --due DATE [--as-of DATE]: where each supplier of a round
// stands (round/status.ts), as 回収状況.xlsx and the reminder and correction mail-merge CSVs. The list is refused
// while it has errors; every output is named before anything is written, atomically, never over an input.
import { mkdir } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { addDays, compareIso, isValidIso } from '../../templates/model/dates.js';
import type { Lang } from '../../templates/model/types.js';
import { DEFAULT_MAX_FILE_BYTES } from '../file-result.js';
import { collectFiles } from '../collect.js';
import { exists, OutputExistsError, watchTempDir, writeFilesAtomic } from '../io/atomic.js';
import { fileKey, refuseInputsAsOutputs, refuseSpecialTarget } from '../io/paths.js';
import { defaultPoolSize } from '../pool/pool.js';
import { addComparisonSheet, compareSuppliers, comparisonLine, type Compared } from '../round/compare-sheet.js';
import { plan, type Planned } from '../round/plan.js';
import { readReturns, roundPool, type CorrectionOptions, type ReturnOptions } from '../round/return-job.js';
import {
  BY_TEXT,
  correction,
  correctionCover,
  matchReturns,
  reminder,
  REPLY_DAYS,
  STATE_TEXT,
  withDue,
  type ReturnRow,
  type State,
  type SupplierRow,
} from '../round/status.js';
import type { Mail, RoundInfo } from '../round/texts.js';
import { csvField } from '../summary/csv.js';
import { TableBook } from '../xlsx/table-book.js';
import type { TableColumn } from '../xlsx/table-sheet.js';
import { asOfOf, jobsOf, langOf, noWorkbooks, out, UsageError, type Command } from './common.js';
import { dueOf, readSupplierList, roundOf } from './round-options.js';
import { previousFiles } from './previous.js';

export const STATUS_BOOK = '回収状況.xlsx';
export const REMINDER_CSV = '督促メール.csv';
export const CORRECTION_CSV = '修正依頼メール.csv';
/** The folder (in the output folder) of the annotated copies that go with the correction requests. */
export const CORRECTION_DIR = '修正依頼';

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
  const book = new TableBook(ja ? `回収状況（${r.round}、${asOf} 現在）` : `Round status (${r.round}, as of ${asOf})`);
  book.addSheet(ja ? '回収状況' : 'Status', sCols, suppliers);
  book.addSheet(ja ? '返送ファイル' : 'Returns', rCols, rows);
  if (compared) addComparisonSheet(book, compared, lang, (s) => FILL[s]);
  return book.toBuffer();
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

/** What one supplier's correction request consists of: the annotated copy and the mail that goes with it. */
interface Correction {
  row: SupplierRow;
  copy: string;
  written: boolean;
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
    const replyBy = replyByOf(a.values['reply-by'], asOf);
    const lang = langOf(a.values.lang);
    const force = Boolean(a.values.force);
    const jobs = jobsOf(a.values.jobs);

    // The workers start, and load their code, while this process reads the list and finds the returns; they are kept
    // for the annotated copies.
    const pool = roundPool(jobs ?? defaultPoolSize(), true);
    pool.start();
    try {
      const suppliers = await readSupplierList(list, lang);
      if (suppliers === 1) return 1;
      const targets = [STATUS_BOOK, REMINDER_CSV, CORRECTION_CSV].map((n) => join(dir, n));
      const copies = join(dir, CORRECTION_DIR);
      // Neither the list nor this command's earlier outputs in the returns folder are returns.
      const skip = new Set([list, ...targets].map(fileKey).filter((k): k is string => k !== null));
      const inCopies = (f: string) => resolve(f).startsWith(resolve(copies) + sep);
      const files = (await collectFiles(inputs)).filter((f) => !skip.has(fileKey(f) ?? '') && !inCopies(f));
      if (!files.length) throw noWorkbooks(inputs);
      const previous = await previousFiles(a.values.previous, files, skip);
      refuseSpecialTarget(dir, 'folder');
      refuseInputsAsOutputs(targets, [list, ...files, ...(previous ?? [])]);
      if (!force) for (const t of targets) if (await exists(t)) throw new OutputExistsError(t);

      const planned = plan(suppliers, r);
      // The answers come back only for a comparison with the last round.
      const check: ReturnOptions = { asOf, maxFileBytes: DEFAULT_MAX_FILE_BYTES, answers: previous !== null };
      const returns = await readReturns(pool, files, check);
      const matched = matchReturns(planned, returns, r.round);
      const rows = withDue(matched.suppliers, r.due, asOf);
      // The last round's returns (--previous), read as this round's and matched to the same list whatever their round.
      const compared = previous
        ? compareSuppliers(planned, rows, await readReturns(pool, previous, check), asOf)
        : null;

      // Each return to correct gets its annotated copy, named as the supplier's checklist was: every name is known,
      // and refused when it exists, before anything is written.
      const corrections: Correction[] = rows
        .filter((s) => s.state === 'fix')
        .map((row) => ({ row, copy: join(copies, row.planned.file), written: false }));
      refuseInputsAsOutputs(
        corrections.map((c) => c.copy),
        [list, ...files, ...(previous ?? [])],
      );
      if (!force) for (const c of corrections) if (await exists(c.copy)) throw new OutputExistsError(c.copy);
      if (corrections.length) {
        await mkdir(copies, { recursive: true });
        watchTempDir(copies);
      }
      const failed: string[] = [];
      // The copies are made in the workers while this process builds 回収状況.xlsx (it does not depend on them).
      const made = pool.run(
        corrections.map((c) => {
          const s = c.row.planned.supplier;
          const options: CorrectionOptions = {
            ...check,
            out: c.copy,
            lang: s.lang,
            force,
            cover: correctionCover(s, r, c.row, replyBy, s.lang),
            result: c.row.ret!.result,
            sha256: c.row.ret!.sha256 ?? '',
          };
          return { kind: 'status-correction', path: c.row.ret!.path, options };
        }),
        (res, i) => {
          if ('written' in res) corrections[i].written = true;
          else failed.push(`${corrections[i].row.ret!.path}: ${copyError(res as { error: string }, lang)}`);
        },
      );
      const book = statusBook(rows, matched.rows, r, asOf, lang, compared);
      const [data] = await Promise.all([book, made]);
      const reminders = rows
        .filter((s) => s.state === 'overdue')
        .map((s) => ({
          planned: s.planned,
          file: s.planned.file,
          mail: reminder(s.planned.supplier, r, s.planned.file, s.planned.supplier.lang),
        }));
      const requests = corrections.map((c) => ({
        planned: c.row.planned,
        file: c.written ? c.copy : '',
        mail: correction(c.row.planned.supplier, r, c.row, replyBy, basename(c.copy), c.row.planned.supplier.lang),
      }));
      await writeFilesAtomic(
        [
          { path: targets[0], data },
          { path: targets[1], data: mailCsv(reminders, lang) },
          { path: targets[2], data: mailCsv(requests, lang) },
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
      const written = corrections.filter((c) => c.written).length;
      out(
        lang === 'ja'
          ? `回収状況: ${targets[0]}、督促: ${targets[1]}、修正依頼: ${targets[2]}（修正箇所を示したコピー ${written} 件: ${copies}、修正の返送期限 ${replyBy}）`
          : `Status: ${targets[0]}; reminders: ${targets[1]}; corrections: ${targets[2]} (${written} annotated copies in ${copies}, to be returned by ${replyBy})`,
      );
      for (const f of failed)
        process.stderr.write(`${lang === 'ja' ? 'コピーを作成できませんでした' : 'No annotated copy'}: ${f}\n`);
      return 0;
    } finally {
      await pool.close();
    }
  },
};

/** The date corrections are due back: --reply-by, or REPLY_DAYS after the status date; never before it. */
export function replyByOf(v: string | undefined, asOf: string): string {
  if (v === undefined) return addDays(asOf, REPLY_DAYS);
  if (!isValidIso(v))
    throw new UsageError({
      ja: `--reply-by は YYYY-MM-DD 形式の日付です（指定: "${v}"）`,
      en: `--reply-by must be a date YYYY-MM-DD (got "${v}")`,
    });
  if (compareIso(v, asOf) < 0)
    throw new UsageError({
      ja: `--reply-by（${v}）が基準日（${asOf}）より前です`,
      en: `--reply-by (${v}) is before the status date (${asOf})`,
    });
  return v;
}

function copyError(res: { error: string }, lang: Lang): string {
  if (res.error === 'changed')
    return lang === 'ja' ? '照合の後にファイルが変更されました' : 'the file changed after it was matched';
  if (res.error === 'timeout') return lang === 'ja' ? '制限時間を超えました' : 'it took too long';
  return res.error;
}
