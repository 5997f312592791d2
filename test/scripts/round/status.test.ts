// daicho status: a small simulated round. 8 suppliers distributed; returns filled by openpyxl — one renamed, one
// re-saved by LibreOffice, one without the round's marker (matched by 法人番号), one by its company name only, one
// from another round, one sent twice, one with a red flag, one with errors, one from a company not on the list —
// then status, with exact counts, the reminder and correction CSVs, and an ooxml-check of 回収状況.xlsx.
import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { foldCompany } from '../../../templates/model/fold.js';
import type { CellValue } from '../../../templates/model/grid.js';
import { describeIssue, hasOoxmlCheck, ooxmlCheck } from '../../helpers/ooxml.js';
import { fillWithOpenpyxl, hasLibreOffice, hasOpenpyxl, resaveWithLibreOffice } from '../../helpers/producers.js';
import { daicho, ensureBuilt } from '../check/cli-helpers.js';
import {
  answerCell,
  answers,
  corpNo,
  distribute,
  DUE,
  formCell,
  ROUND,
  sentFile,
  supplierRows,
  writeBlankChecklist,
  writeList,
} from './fixtures.js';

/** 8 suppliers; the fifth abroad, in English. */
const suppliers = () => supplierRows(8, { 4: { 会社名: 'Example Five Co., Ltd.' } });

let dir: string;
let list: string;
let returns: string;

async function status(out: string, asOf: string) {
  return daicho(['status', list, returns, '-o', out, '--round', ROUND, '--due', DUE, '--as-of', asOf], {
    timeoutMs: 300_000,
  });
}

describe('matching names', () => {
  it('folds the legal form, width, case and punctuation away', () => {
    expect(foldCompany('見本精機（株）')).toBe(foldCompany('見本精機株式会社'));
    expect(foldCompany('㈱ 見本精機')).toBe(foldCompany('見本精機'));
    expect(foldCompany('EXAMPLE FIVE CO LTD')).toBe(foldCompany('Example Five Co., Ltd.'));
    expect(foldCompany('見本精機')).not.toBe(foldCompany('見本精工'));
  });
});

describe.skipIf(!hasOpenpyxl())('daicho status over a simulated round', () => {
  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'daicho-status-'));
    list = await writeList(join(dir, '取引先一覧.xlsx'), suppliers());
    const outbox = await distribute(list, join(dir, 'outbox'));
    const other = await distribute(list, join(dir, 'outbox-2026'), '2026下期', '2026-07-31');
    const blank = await writeBlankChecklist(join(dir, 'blank.xlsx'));
    returns = join(dir, 'returns');
    await mkdir(returns);
    const sent = (k: number) => sentFile(outbox, `S-000${k}`);
    const at = (name: string) => join(returns, name);
    // 1: clean, renamed; and an earlier return of the same supplier (sent twice).
    await fillWithOpenpyxl(await sent(1), at('ご回答_見本1.xlsx'), answers());
    await fillWithOpenpyxl(await sent(1), at('見本1_初回.xlsx'), answers({ 回答日: 'date:2027-01-05' }));
    // 2: errors (no respondent name, a question unanswered).
    await fillWithOpenpyxl(
      await sent(2),
      at('S-0002.xlsx'),
      answers({ 回答者氏名: null }, { [answerCell('IV-2', '回答')]: null }),
    );
    // 3: a red flag (II-1 いいえ, with a plan), re-saved by LibreOffice.
    const flagged = join(dir, 'S-0003.xlsx');
    const ii1 = {
      [answerCell('II-1', '回答')]: 'いいえ',
      [answerCell('II-1', '改善予定日')]: 'date:2027-06-30',
      [answerCell('II-1', 'コメント')]: '規程を改定中',
    };
    await fillWithOpenpyxl(await sent(3), flagged, answers({}, ii1));
    await copyFile(hasLibreOffice() ? await resaveWithLibreOffice(flagged) : flagged, at('S-0003_LibreOffice.xlsx'));
    // 4: the blank template (no round in its marker), with its 法人番号; 5: abroad, by company name alone.
    await fillWithOpenpyxl(blank, at('見本4.xlsx'), answers({ 会社名: '見本4工業（株）', 法人番号: corpNo(4) }));
    await fillWithOpenpyxl(
      blank,
      at('example5.xlsx'),
      answers({ 会社名: 'EXAMPLE FIVE CO LTD', 所在国・地域: 'Singapore' }),
    );
    // 6: last round's file; a company that is not on the list.
    await fillWithOpenpyxl(await sentFile(other, 'S-0006'), at('S-0006_old.xlsx'), answers());
    await fillWithOpenpyxl(blank, at('unknown.xlsx'), answers({ 会社名: '無関係商事株式会社' }));
  }, 300_000);

  it('after the due date: exact counts, the matches and the two CSVs', async () => {
    const out = join(dir, 'status');
    const r = await status(out, '2027-02-10');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('取引先 8 社 — 完了 3、要対応 1、要修正 1、未回収 3（うち期限超過 3）');
    expect(r.stdout).toContain(
      '返送ファイル 8 件: 別の調査回 1、一覧にない取引先 1、重複 1、チェックリスト以外・読込不可 0',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '回収状況.xlsx'));
    const ws = wb.getWorksheet('回収状況')!;
    const rows = Array.from({ length: 8 }, (_, i) => ws.getRow(i + 2).values as CellValue[]);
    expect(rows.map((v) => [v[1], v[3], v[4] ?? null])).toEqual([
      ['S-0001', '完了', '識別情報'],
      ['S-0002', '要修正', '識別情報'],
      ['S-0003', '要対応', '識別情報'],
      ['S-0004', '完了', '法人番号'],
      ['S-0005', '完了', '会社名'],
      ['S-0006', '未回収（期限超過）', null],
      ['S-0007', '未回収（期限超過）', null],
      ['S-0008', '未回収（期限超過）', null],
    ]);
    expect(String(rows[0][5])).toContain('ご回答_見本1.xlsx'); // the later of the two returns
    const reminders = await readFile(join(out, '督促メール.csv'), 'utf8');
    expect(reminders.startsWith('\uFEFF宛先,件名,本文,')).toBe(true);
    expect(reminders.match(/^s[678]@supplier[678]\.example\.jp,/gm)).toHaveLength(3);
    expect(reminders).toContain('2027年1月31日を期限として');
    const corrections = await readFile(join(out, '修正依頼メール.csv'), 'utf8');
    expect(corrections.match(/^s2@supplier2\.example\.jp,/gm)).toHaveLength(1);
    expect(corrections).toContain('ご確認をお願いしたい箇所が 2 件');
    expect(corrections).toContain(`回答者情報!${formCell('回答者氏名')}`);
    expect(corrections).toContain(`チェックリスト!${answerCell('IV-2', '回答')}`);
    if (hasOoxmlCheck()) {
      const checked = await ooxmlCheck([join(out, '回収状況.xlsx')]);
      expect([...checked.values()].flat().map(describeIssue)).toEqual([]);
    }
  }, 300_000);

  it('before the due date nobody is overdue and no reminder goes out; an existing output needs --force', async () => {
    const out = join(dir, 'status-early');
    const r = await status(out, '2027-01-20');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('未回収 3（うち期限超過 0）');
    expect((await readFile(join(out, '督促メール.csv'), 'utf8')).trim().split('\r\n')).toHaveLength(1);
    const again = await status(out, '2027-01-20');
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/既にあります[\s\S]*already exists/);
  }, 300_000);

  it('its own earlier outputs in the returns folder are not returns', async () => {
    const out = join(returns, '回収');
    for (const force of [[], ['--force']]) {
      const r = await daicho([
        'status',
        list,
        returns,
        '-o',
        out,
        '--round',
        ROUND,
        '--due',
        DUE,
        '--as-of',
        '2027-02-10',
        ...force,
      ]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain('返送ファイル 8 件:');
    }
  }, 300_000);
});
