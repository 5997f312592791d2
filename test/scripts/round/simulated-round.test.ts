// The survey round of issue 14, end to end, with exact counts. 50 suppliers (every fifth abroad, in English)
// distributed for 2027上期; 35 returns filled by openpyxl — three renamed, one re-saved by LibreOffice, one from another
// round (2026下期), one sent twice, one with red flags, five with errors, one on the blank template matched by 法人番号,
// one matched by its company name, one from a company not on the list; `status` before the due date; five corrected
// re-returns and two late ones; `status` after the due date; then the round 2027下期 (14 returns) and its comparison
// with 2027上期 in `status --previous` and `merge --previous` (en), both outputs ooxml-checked and printed on A4.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { CRITICAL } from '../../../templates/supplier-checklist/index.js';
import { describeIssue, hasOoxmlCheck, ooxmlCheck } from '../../helpers/ooxml.js';
import { canPrint, printed, printToPdf, readPdf } from '../../helpers/pdf.js';
import {
  fillManyWithOpenpyxl,
  hasLibreOffice,
  hasOpenpyxl,
  resaveWithLibreOffice,
  type CellFill,
} from '../../helpers/producers.js';
import { daicho, ensureBuilt } from '../check/cli-helpers.js';
import {
  answerCell,
  answers,
  corpNo,
  distribute,
  DUE,
  questionIds,
  ROUND,
  sentFile,
  supplierRow,
  supplierRows,
  writeBlankChecklist,
  writeList,
} from './fixtures.js';

const ROUND2 = '2027下期';
const DUE2 = '2027-07-31';
const code = (n: number) => `S-${String(n).padStart(4, '0')}`;

/** A gap answered as the checklist asks: the answer, a target date and a comment. */
const gap = (id: string, answer: string, plan: string): Record<string, string> => ({
  [answerCell(id, '回答')]: answer,
  [answerCell(id, '改善予定日')]: `date:${plan}`,
  [answerCell(id, 'コメント')]: '改善を計画中',
});

const RENAMED: Record<number, string> = { 3: 'ご回答_見本3工業.xlsx', 6: '見本6_回答.xlsx', 9: 'Book1.xlsx' };

let dir: string;
let list: string;
let outbox: string;
let returns: string;
let returns2: string;

type Job = { src: string; dst: string; cells: CellFill };

async function status(returnsDir: string, out: string, round: string, due: string, asOf: string, more: string[] = []) {
  const r = await daicho(
    ['status', list, returnsDir, '-o', out, '--round', round, '--due', due, '--as-of', asOf, ...more],
    { timeoutMs: 300_000 },
  );
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** A sheet's rows below the header, as arrays of cell values (1-based like ExcelJS). */
async function sheetRows(path: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet} in ${path}`);
  const rows: unknown[][] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(row.values as unknown[]);
  });
  return rows;
}

/** Each file under a folder with the SHA-256 of its bytes. */
async function digests(folder: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(folder, { recursive: true, withFileTypes: true }))
    if (e.isFile()) {
      const p = join(e.parentPath, e.name);
      out[p] = createHash('sha256')
        .update(await readFile(p))
        .digest('hex');
    }
  return out;
}

/** The suppliers (by number) a mail-merge CSV writes to, in order. */
const addressees = (csv: string): number[] =>
  [...csv.matchAll(/^s(\d+)@supplier\d+\.example\.jp,/gm)].map((m) => Number(m[1]));

/** How many rows have each value of a column. */
const tally = (rows: unknown[][], col: number) => {
  const t: Record<string, number> = {};
  for (const r of rows) t[String(r[col] ?? '')] = (t[String(r[col] ?? '')] ?? 0) + 1;
  return t;
};

describe.skipIf(!hasOpenpyxl())('a simulated survey round, end to end', () => {
  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'daicho-round-'));
    list = await writeList(join(dir, '取引先一覧.xlsx'), supplierRows(50));
    const older = await writeList(join(dir, '取引先一覧_旧.xlsx'), [supplierRow(39)]);
    const [, oldOutbox] = await Promise.all([
      distribute(list, join(dir, 'outbox')),
      distribute(older, join(dir, 'outbox-2026'), '2026下期', '2026-07-31'),
    ]);
    outbox = join(dir, 'outbox');
    const blank = await writeBlankChecklist(join(dir, 'blank.xlsx'));
    returns = join(dir, 'returns', ROUND);
    await mkdir(join(returns, '再提出'), { recursive: true });
    const at = (name: string) => join(returns, name);
    const sent = (n: number) => sentFile(outbox, code(n));
    const jobs: Job[] = [];
    // 1–20, 31, 32: clean (three renamed); 2 with a dated gap and 23 with red flags, for the next round's comparison.
    for (const n of [...Array.from({ length: 20 }, (_, i) => i + 1), 31, 32]) {
      const more =
        n === 2
          ? gap('IV-1', '一部実施', '2027-03-31')
          : n === 3
            ? Object.assign(
                {},
                ...questionIds()
                  .filter((id) => !CRITICAL.includes(id))
                  .slice(0, 8)
                  .map((id) => gap(id, 'いいえ', '2027-12-31')),
              )
            : {};
      jobs.push({ src: await sent(n), dst: at(RENAMED[n] ?? basename(await sent(n))), cells: answers({}, more) });
    }
    // 21: re-saved by LibreOffice below. 22: sent twice, the first time with an error.
    const lo = join(dir, 'S-0021_before-lo.xlsx');
    jobs.push({ src: await sent(21), dst: lo, cells: answers() });
    jobs.push({
      src: await sent(22),
      dst: at('S-0022_初回.xlsx'),
      cells: answers({ 回答者氏名: null, 回答日: 'date:2027-01-05' }),
    });
    jobs.push({ src: await sent(22), dst: at('S-0022_再送.xlsx'), cells: answers() });
    // 23: red flags (II-1 いいえ, V-2 一部実施) and a gap (III-2).
    jobs.push({
      src: await sent(23),
      dst: at(basename(await sent(23))),
      cells: answers(
        {},
        {
          ...gap('II-1', 'いいえ', '2027-06-30'),
          ...gap('V-2', '一部実施', '2027-06-30'),
          ...gap('III-2', 'いいえ', '2027-12-31'),
        },
      ),
    });
    // 24–28: errors — no respondent, a question unanswered, 該当なし on a critical clause, not approved, a broken e-mail.
    const errors: Record<number, CellFill> = {
      24: answers({ 回答者氏名: null }),
      25: answers({}, { [answerCell('IV-2', '回答')]: null }),
      26: answers({}, { [answerCell('II-2', '回答')]: '該当なし' }),
      27: answers({ 責任者確認: 'いいえ' }),
      28: answers({ メール: 'ichiro.example.jp' }),
    };
    for (const [n, cells] of Object.entries(errors))
      jobs.push({ src: await sent(Number(n)), dst: at(basename(await sent(Number(n)))), cells });
    // 29: the blank template, with its 法人番号; 30 (abroad): the blank template, by company name alone.
    jobs.push({
      src: blank,
      dst: at('見本29.xlsx'),
      cells: answers({ 会社名: '見本29工業（株）', 法人番号: corpNo(29) }),
    });
    jobs.push({ src: blank, dst: at('example30.xlsx'), cells: answers({ 会社名: '見本30工業（株）' }) });
    // 40: last round's file; and a company that is not on the list.
    jobs.push({ src: await sentFile(oldOutbox, code(40)), dst: at('S-0040_2026下期.xlsx'), cells: answers() });
    jobs.push({ src: blank, dst: at('unknown.xlsx'), cells: answers({ 会社名: '無関係商事株式会社' }) });
    await fillManyWithOpenpyxl(jobs);
    await copyFile(hasLibreOffice() ? await resaveWithLibreOffice(lo) : lo, at('S-0021_LibreOffice.xlsx'));
    expect(jobs.length).toBe(35);
  }, 300_000);

  it('status before the due date: 26 done, 1 action needed, 5 to correct, 18 not returned (none overdue)', async () => {
    const out = join(dir, 'status-1');
    const stdout = await status(returns, out, ROUND, DUE, '2027-01-25');
    expect(stdout).toContain(
      '2027上期（2027-01-25 現在、回答期限 2027-01-31）: 取引先 50 社 — 完了 26、要対応 1、要修正 5、未回収 18（うち期限超過 0）',
    );
    expect(stdout).toContain(
      '返送ファイル 35 件: 別の調査回 1、一覧にない取引先 1、重複 1、チェックリスト以外・読込不可 0',
    );
    const book = join(out, '回収状況.xlsx');
    const rows = await sheetRows(book, '回収状況');
    expect(tally(rows, 3)).toEqual({ 完了: 26, 要対応: 1, 要修正: 5, 未回収: 18 });
    expect(tally(rows, 4)).toEqual({ 識別情報: 30, 法人番号: 1, 会社名: 1, '': 18 });
    const byCode = new Map(rows.map((r) => [r[1], r]));
    for (const [n, name] of Object.entries(RENAMED)) {
      expect(byCode.get(code(Number(n)))![4]).toBe('識別情報');
      expect(basename(String(byCode.get(code(Number(n)))![5]))).toBe(name);
    }
    expect(byCode.get(code(21))![3]).toBe('完了');
    expect(basename(String(byCode.get(code(22))![5]))).toBe('S-0022_再送.xlsx');
    expect(byCode.get(code(22))![11]).toBe(1);
    expect(byCode.get(code(23))![10]).toBe('II-1, V-2');
    expect(byCode.get(code(40))![3]).toBe('未回収');
    expect(tally(await sheetRows(book, '返送ファイル'), 2)).toEqual({
      識別情報: 30,
      法人番号: 1,
      会社名: 1,
      別の調査回: 1,
      一覧にない取引先: 1,
      '重複（新しい返送を採用）': 1,
    });
    expect(addressees(await readFile(join(out, '督促メール.csv'), 'utf8'))).toEqual([]);
    expect(addressees(await readFile(join(out, '修正依頼メール.csv'), 'utf8'))).toEqual([24, 25, 26, 27, 28]);
  }, 300_000);

  it('corrected re-returns and two late ones; status after the due date: 33 done, 1 action, 16 overdue', async () => {
    const fixes: Record<number, CellFill> = {
      24: answers({ 回答日: 'date:2027-02-05' }),
      25: answers({ 回答日: 'date:2027-02-05' }, { [answerCell('IV-2', '回答')]: 'はい' }),
      26: answers({ 回答日: 'date:2027-02-05' }, { [answerCell('II-2', '回答')]: 'はい' }),
      27: answers({ 回答日: 'date:2027-02-05', 責任者確認: 'はい' }),
      28: answers({ 回答日: 'date:2027-02-05' }),
    };
    const jobs: Job[] = [];
    // The supplier corrects the file it sent (saved by openpyxl once already) and sends it again.
    for (const [n, cells] of Object.entries(fixes)) {
      const first = join(returns, basename(await sentFile(outbox, code(Number(n)))));
      jobs.push({ src: first, dst: join(returns, '再提出', `${code(Number(n))}_修正.xlsx`), cells });
    }
    for (const n of [33, 34])
      jobs.push({
        src: await sentFile(outbox, code(n)),
        dst: join(returns, '再提出', `${code(n)}.xlsx`),
        cells: answers({ 回答日: 'date:2027-02-03' }),
      });
    await fillManyWithOpenpyxl(jobs);
    const out = join(dir, 'status-2');
    const stdout = await status(returns, out, ROUND, DUE, '2027-02-10');
    expect(stdout).toContain('取引先 50 社 — 完了 33、要対応 1、要修正 0、未回収 16（うち期限超過 16）');
    expect(stdout).toContain(
      '返送ファイル 42 件: 別の調査回 1、一覧にない取引先 1、重複 6、チェックリスト以外・読込不可 0',
    );
    const rows = await sheetRows(join(out, '回収状況.xlsx'), '回収状況');
    expect(tally(rows, 3)).toEqual({ 完了: 33, 要対応: 1, '未回収（期限超過）': 16 });
    expect(addressees(await readFile(join(out, '督促メール.csv'), 'utf8'))).toEqual(
      Array.from({ length: 16 }, (_, i) => 35 + i),
    );
    expect(addressees(await readFile(join(out, '修正依頼メール.csv'), 'utf8'))).toEqual([]);
  }, 300_000);

  it('the next round, compared with the last: status --previous and merge --previous (en), on A4, ooxml-clean', async () => {
    const outbox2 = await distribute(list, join(dir, 'outbox-2'), ROUND2, DUE2);
    returns2 = join(dir, 'returns', ROUND2);
    await mkdir(returns2, { recursive: true });
    const form = { 回答日: 'date:2027-07-10' };
    const cells: Record<number, CellFill> = {
      // A: a critical いいえ — a new red flag, the band down to C.
      1: answers(form, gap('I', 'いいえ', '2027-12-31')),
      // Still 一部実施 after its target date 2027-03-31.
      2: answers(form, gap('IV-1', '一部実施', '2027-12-31')),
      // B → A: the eight gaps closed, with evidence.
      3: answers(form),
      // II-1 fixed (a red flag cleared); V-2 still 一部実施 after 2027-06-30; III-2 はい with no evidence.
      23: answers(form, {
        ...gap('V-2', '一部実施', '2027-12-31'),
        [answerCell('III-2', '取組内容・根拠資料')]: null,
      }),
    };
    const jobs: Job[] = [];
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 21, 23, 30, 40]) {
      const src = await sentFile(outbox2, code(n));
      jobs.push({ src, dst: join(returns2, basename(src)), cells: cells[n] ?? answers(form) });
    }
    await fillManyWithOpenpyxl(jobs);
    const before = await digests(returns);

    const out = join(dir, 'status-r2');
    const stdout = await status(returns2, out, ROUND2, DUE2, '2027-08-10', ['--previous', returns]);
    expect(stdout).toContain('取引先 50 社 — 完了 12、要対応 2、要修正 0、未回収 36（うち期限超過 36）');
    // 14: S-0040's only earlier return is its 2026下期 one, in the same folder (matched by the code in its marker).
    expect(stdout).toContain(
      '前回比較: 前回と今回の回答がある取引先 14 社 — ランク上昇 1、低下 1、根拠のない改善 1、改善予定日を過ぎて未改善 2、新たな重大リスク 1',
    );
    const book = join(out, '回収状況.xlsx');
    const rows = await sheetRows(book, '前回比較');
    expect(rows).toHaveLength(50);
    const byCode = new Map(rows.map((r) => [r[1], r]));
    // Columns: code, company, status, last file, score, band, score, band, change, band change, without evidence,
    // target passed, new red flags, cleared, review.
    const pick = (n: number) => Array.from({ length: 10 }, (_, k) => byCode.get(code(n))![6 + k] ?? null);
    expect(pick(1)).toEqual(['A', expect.any(Number), 'C', expect.any(Number), '低下', null, null, 'I', null, '●']);
    expect(pick(2)).toEqual([
      'A',
      expect.any(Number),
      'A',
      0,
      '変化なし',
      null,
      'IV-1 一部実施→一部実施（予定日 2027-03-31）',
      null,
      null,
      '●',
    ]);
    expect(pick(3)).toEqual(['B', 1, 'A', expect.any(Number), '上昇', null, null, null, null, null]);
    expect(pick(23)).toEqual([
      'C',
      expect.any(Number),
      'C',
      expect.any(Number),
      '変化なし',
      'III-2 いいえ→はい',
      'V-2 一部実施→一部実施（予定日 2027-06-30）',
      null,
      'II-1',
      '●',
    ]);
    expect(byCode.get(code(11))![4]).toBe(basename(await sentFile(outbox, code(11))));
    expect(byCode.get(code(11))![7]).toBeUndefined(); // not returned this round: no score
    expect(byCode.get(code(45))![4]).toBe('（前回の回答なし）');
    expect(tally(rows, 15)).toEqual({ '●': 3, '': 47 });

    // merge's supplier summary, in English: 14 rows, the same findings.
    const summary = join(dir, 'suppliers-2027H2.xlsx');
    const m = await daicho(
      ['merge', returns2, '-o', summary, '--previous', returns, '--as-of', '2027-08-10', '--lang', 'en'],
      { timeoutMs: 300_000 },
    );
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toContain(
      'Compared with last round: 14 suppliers answered both — band up 1, down 1, improved without evidence 1, target date passed without improvement 2, new red flags 1',
    );
    const mrows = await sheetRows(summary, 'Compared with last round');
    expect(mrows).toHaveLength(14);
    const byName = new Map(mrows.map((r) => [r[1], r]));
    expect(Array.from({ length: 5 }, (_, k) => byName.get('見本23工業株式会社')![10 + k] ?? null)).toEqual([
      'III-2 No→Yes',
      'V-2 Partly→Partly (target 2027-06-30)',
      null,
      'II-1',
      '●',
    ]);
    expect(byName.get('見本30工業株式会社')![3]).toBe('example30.xlsx'); // matched by its name
    expect(byName.get('見本1工業株式会社')![12]).toBe('I');

    // The same folder as this round and as the last: refused, nothing written.
    const again = await daicho(['merge', returns2, '-o', join(returns, 'x.xlsx'), '--previous', returns2]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/今回の返送ファイルにも含まれています[\s\S]*also one of this round's returns/);
    const empty = await mkdtemp(join(tmpdir(), 'daicho-empty-'));
    const none = await daicho(['merge', returns2, '-o', join(dir, 'y.xlsx'), '--previous', empty]);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain(`ブック（.xlsx など）が見つかりません: ${empty}`);
    // Not a supplier summary: merged as ever, with a note that nothing was compared.
    const table = await daicho(['merge', list, '-o', join(dir, 'list-master.xlsx'), '--previous', returns]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('--previous は取引先のセルフチェックの集計にだけ使います');
    // A last-round file as the output, even with --force: refused.
    const last = join(returns, 'Book1.xlsx');
    const over = await daicho(['merge', returns2, '-o', last, '--previous', returns, '--force']);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain(last);
    // Nothing in the last round's folder was changed or added, by any of the runs above.
    expect(await digests(returns)).toEqual(before);

    if (hasOoxmlCheck()) {
      const checked = await ooxmlCheck([book, summary]);
      expect([...checked.values()].flat().map(describeIssue)).toEqual([]);
    }
    if (canPrint()) {
      const pdfs = await printToPdf([book, summary]);
      for (const [f, sheet, first, last] of [
        [book, '前回比較', '取引先コード', '要確認'],
        [summary, 'Compared with last round', 'Company', 'Review'],
      ] as const) {
        const pages = await readPdf(pdfs.get(f)!);
        for (const p of pages) expect([Math.round(p.width), Math.round(p.height)].sort()).toEqual([595, 842]);
        // The page header prints the sheet name (its words joined without spaces); each page is the whole row.
        const mine = pages.filter((p) => p.sheet === sheet.replace(/ /g, ''));
        expect(mine.length).toBeGreaterThan(0);
        for (const p of mine) expect([printed(first, [p]), printed(last, [p])]).toEqual([true, true]);
      }
    }
  }, 300_000);
});
