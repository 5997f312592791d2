// daicho merge on department ledgers filled by another producer (openpyxl): the master's rows, sources, duplicates
// and conflicts are exactly as expected, it is a real template workbook, and checking it finds nothing the inputs
// did not have.
import { copyFile, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellText } from '../../../templates/model/normalise.js';
import type { Grid } from '../../../templates/model/grid.js';
import type { Issue } from '../../../templates/model/types.js';
import { legalRegister } from '../../../templates/legal-register/index.js';
import { OutputExistsError } from '../../../scripts/io/atomic.js';
import { mergeFiles, MergeRefused, type MergeResult } from '../../../scripts/merge/merge.js';
import { templateBuffer } from '../../../scripts/xlsx/template-writer.js';
import { piLedger } from '../../../templates/pi-ledger/index.js';
import { columnLetter } from '../../../templates/model/grid.js';
import { fillWithOpenpyxl, hasOpenpyxl, type OpenpyxlView } from '../../helpers/producers.js';
import {
  AS_OF,
  blankLedger,
  checkFile,
  ledgerFill,
  ledgerRow,
  newFindings,
  provenance,
  riskRows,
  type Row,
} from './fixtures.js';

let dir: string;
let blank: string;
const inputs: Record<string, string> = {};

const GA = '総務部';
const HR = '人事部';
const CMN = '全社共通';

// 総務部: four rows and the company-wide row; GA-002's purpose is vague, GA-003 is overdue for review, GA-004's risk
// analysis stops before disposal.
const gaLedger: Row[] = [
  ledgerRow('GA-001', GA),
  ledgerRow('GA-002', GA, { 利用目的: '業務のため' }),
  ledgerRow('GA-003', GA, { 最終確認日: 'date:2024-01-10' }),
  ledgerRow('GA-004', GA),
  ledgerRow('CMN-001', CMN, { 業務名: '全社連絡網', 個人情報の名称: '緊急連絡網' }),
];
const gaRisks = [
  ...['GA-001', 'GA-002', 'GA-003'].flatMap((id) => riskRows(id)),
  ...riskRows('GA-004', ['消去・廃棄']),
  ...riskRows('CMN-001'),
];

// 人事部: three rows (HR-002 has 約100 in 件数), the same company-wide row written with synonyms (○/× and a 和暦 date
// as text: the same record once normalised), and an extra column of the department's own.
const hrLedger: Row[] = [
  ledgerRow('HR-001', HR),
  ledgerRow('HR-002', HR, { 件数: '約100' }),
  ledgerRow('HR-003', HR),
  ledgerRow('CMN-001', CMN, {
    業務名: '全社連絡網',
    個人情報の名称: '緊急連絡網',
    要配慮個人情報: '×',
    特定個人情報: '×',
    開示対象: '○',
    最終確認日: '令和8年4月10日',
    件数: '１２０',
  }),
];
const hrRisks = [...['HR-001', 'HR-002', 'HR-003', 'CMN-001'].flatMap((id) => riskRows(id))];
const hrExtra = [{ label: '社内メモ', values: ['年1回見直し', null, null, null] }];

// 人事部 sends its ledger again: HR-001 and HR-002 unchanged, HR-003 with another storage place, and a new HR-004.
const hrAgainLedger: Row[] = [
  ledgerRow('HR-001', HR),
  ledgerRow('HR-002', HR, { 件数: '約100' }),
  ledgerRow('HR-003', HR, { 保管場所: '本社4F 人事部 耐火書庫' }),
  ledgerRow('HR-004', HR, { 業務名: '採用', 個人情報の名称: '採用応募書類', 本人区分: '採用応募者' }),
];
const hrAgainRisks = ['HR-001', 'HR-002', 'HR-003', 'HR-004'].flatMap((id) => riskRows(id));
const hrAgainExtra = [{ label: '社内メモ', values: ['年1回見直し', null, null, '新規'] }];

async function merged(
  name: string,
  files: string[],
  extra: Partial<Parameters<typeof mergeFiles>[1]> = {},
): Promise<{ r: MergeResult; out: string }> {
  const out = join(dir, name);
  const r = await mergeFiles(files, { out, asOf: AS_OF, lang: 'ja', jobs: 0, ...extra });
  return { r, out };
}

const sheetOf = (g: Grid, name: string) => g.sheets.find((s) => s.name === name)!;
const textRows = (g: Grid, name: string) => sheetOf(g, name).rows.map((r) => (r ?? []).map((v) => cellText(v ?? null)));

describe.skipIf(!hasOpenpyxl())('merging ledgers filled by openpyxl', () => {
  let views: OpenpyxlView;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'daicho-merge-'));
    blank = await blankLedger(dir);
    const depts = join(dir, 'depts');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(depts);
    inputs.ga = join(depts, '総務部.xlsx');
    inputs.hr = join(depts, '人事部.xlsx');
    inputs.hr2 = join(depts, '人事部_再提出.xlsx');
    views = await fillWithOpenpyxl(blank, inputs.ga, ledgerFill(gaLedger, gaRisks));
    await fillWithOpenpyxl(blank, inputs.hr, ledgerFill(hrLedger, hrRisks, hrExtra));
    await fillWithOpenpyxl(blank, inputs.hr2, ledgerFill(hrAgainLedger, hrAgainRisks, hrAgainExtra));
  }, 60_000);

  it('writes one master with exactly the expected rows, duplicates and conflicts', async () => {
    const { r, out } = await merged('master.xlsx', [inputs.ga, inputs.hr, inputs.hr2]);
    expect(r.kind).toBe('table');
    expect(r.template).toEqual({ id: 'pi-ledger', version: piLedger.version });
    expect(r.sheets).toEqual([
      // 5 + 4 + 4 read; CMN-001 (人事部), HR-001 and HR-002 (再提出) are exact duplicates; HR-003 conflicts.
      { name: '台帳', read: 13, kept: 10, duplicates: 3, conflictGroups: 1, conflictRows: 2 },
      // 24 + 20 + 20 read; 人事部's CMN-001 risk rows and 再提出's HR-001..003 risk rows are the same records again.
      { name: 'リスク分析', read: 64, kept: 44, duplicates: 20, conflictGroups: 0, conflictRows: 0 },
    ]);
    const { grid } = await checkFile(out);
    const ledger = textRows(grid, '台帳');
    const header = ledger[1];
    expect(header.slice(-4)).toEqual(['取込元ファイル', '取込元行', '統合メモ', '社内メモ']);
    const ids = ledger.slice(2).map((r) => r[0]);
    expect(ids).toEqual([
      'GA-001',
      'GA-002',
      'GA-003',
      'GA-004',
      'CMN-001',
      'HR-001',
      'HR-002',
      'HR-003',
      'HR-003',
      'HR-004',
    ]);
    const sources = ledger.slice(2).map((_, i) => provenance(grid, '台帳', i + 2));
    expect(sources.map((s) => `${s.file}:${s.row}`)).toEqual([
      '総務部.xlsx:3',
      '総務部.xlsx:4',
      '総務部.xlsx:5',
      '総務部.xlsx:6',
      '総務部.xlsx:7',
      '人事部.xlsx:3',
      '人事部.xlsx:4',
      '人事部.xlsx:5',
      '人事部_再提出.xlsx:5',
      '人事部_再提出.xlsx:6',
    ]);
    // The kept row names the sources it absorbed; both versions of the conflict are flagged.
    expect(sources[4].note).toBe('同一内容の1行を統合: 人事部.xlsx 6行');
    expect(sources[5].note).toBe('同一内容の1行を統合: 人事部_再提出.xlsx 3行');
    expect(sources[7].note).toMatch(
      /^競合1: 部門・管理番号「人事部 \/ HR-003」の内容が異なる行が2件（統合後の行 10, 11）/,
    );
    expect(sources[8].note).toBe(sources[7].note);
    expect(sources[0].note).toBeNull();
    // The extra column is carried through, with its value on its own row only.
    const memo = header.indexOf('社内メモ');
    expect(ledger.slice(2).map((r) => r[memo] ?? null)).toEqual([
      null,
      null,
      null,
      null,
      null,
      '年1回見直し',
      null,
      null,
      null,
      '新規',
    ]);

    const conflicts = textRows(grid, '競合');
    expect(conflicts[0].slice(0, 6)).toEqual([
      '競合',
      'キー',
      '統合後の行',
      '取込元ファイル',
      '取込元行',
      '相違する項目',
    ]);
    expect(conflicts.slice(1).map((r) => r.slice(0, 6))).toEqual([
      ['1', '人事部 / HR-003', '10', '人事部.xlsx', '5', '保管場所'],
      ['1', '人事部 / HR-003', '11', '人事部_再提出.xlsx', '5', '保管場所'],
    ]);
    const storage = conflicts[0].indexOf('保管場所');
    expect(conflicts.slice(1).map((r) => r[storage])).toEqual(['人事システム（クラウド）', '本社4F 人事部 耐火書庫']);

    const dups = textRows(grid, '重複').slice(1);
    expect(dups).toHaveLength(23);
    expect(dups.filter((d) => d[0] === '台帳').map((d) => d.slice(1))).toEqual([
      ['7', '総務部.xlsx', '7', '人事部.xlsx', '6'],
      ['8', '人事部.xlsx', '3', '人事部_再提出.xlsx', '3'],
      ['9', '人事部.xlsx', '4', '人事部_再提出.xlsx', '4'],
    ]);
    const src = textRows(grid, '取込元');
    expect(src.slice(1).map((s) => [s[1], s[4], s[5], s[6], s[7], s[8]])).toEqual([
      ['総務部.xlsx', '総務部、全社共通', '5', '5', '0', '0'],
      ['人事部.xlsx', '人事部、全社共通', '4', '3', '1', '0'],
      ['人事部_再提出.xlsx', '人事部', '4', '2', '2', '1'],
    ]);
  });

  it('checks with no finding the inputs did not have, and keeps the ones they had', async () => {
    const { out } = await merged('roundtrip.xlsx', [inputs.ga, inputs.hr, inputs.hr2]);
    const master = await checkFile(out);
    const byFile = new Map<string, Issue[]>();
    for (const [name, path] of [
      ['総務部.xlsx', inputs.ga],
      ['人事部.xlsx', inputs.hr],
      ['人事部_再提出.xlsx', inputs.hr2],
    ]) {
      byFile.set(name, (await checkFile(path)).v.issues);
    }
    expect(master.v.template).toEqual({ id: 'pi-ledger', version: piLedger.version });
    expect(newFindings({ grid: master.grid, issues: master.v.issues }, byFile)).toEqual([]);
    const rules = master.v.issues.map((i) => `${i.rule}@${i.sheet}!${i.cell ?? ''}`);
    const col = (key: string) => columnLetter(piLedger.sheets[0].fields.findIndex((f) => f.key === key));
    // The user's extra column comes after the template's and the three provenance columns.
    const extra = columnLetter(piLedger.sheets[0].fields.length + 3);
    expect(rules.filter((r) => !r.startsWith('PL-LEAK@'))).toEqual([
      `COLUMN-EXTRA@台帳!${extra}2`,
      `PL-VAGUE@台帳!${col('利用目的')}4`,
      `PL-REVIEW@台帳!${col('最終確認日')}5`,
      'PL-RISK@台帳!A6',
      `V-NUMBER@台帳!${col('件数')}9`,
    ]);
  });

  it('is a real template workbook: marker, dropdowns to the last row, frozen header, protection', async () => {
    const { out } = await merged('look.xlsx', [inputs.ga, inputs.hr, inputs.hr2]);
    const view = await fillWithOpenpyxl(out, join(dir, 'look-copy.xlsx'), {});
    expect(view.sheets).toMatchObject({
      台帳: 'visible',
      リスク分析: 'visible',
      取込元: 'visible',
      _lists: 'veryHidden',
      _daicho: 'veryHidden',
    });
    expect(view.names).toContain('_daicho');
    expect(view.freeze['台帳']).toBe('B3');
    expect(view.protected['台帳']).toBe(true);
    expect(view.paper['台帳']).toBe(9);
    const lists = view.validations['台帳'].filter((v) => v.type === 'list');
    // The template's dropdowns (one per choice column, exceljs's overlapping duplicates folded), reaching row 12.
    const columns = (vs: OpenpyxlView['validations'][string]) =>
      [
        ...new Set(vs.filter((v) => v.type === 'list').map((v) => `${v.sqref.replace(/\d+/g, '')}|${v.formula1}`)),
      ].sort();
    expect(columns(lists)).toEqual(columns(views.validations['台帳']));
    expect(lists).toHaveLength(columns(lists).length);
    for (const v of lists) expect(v.sqref).toMatch(/^[A-Z]+3:[A-Z]+12$/);
    for (const v of view.validations['リスク分析']) expect(v.sqref).toMatch(/^[A-Z]+3:[A-Z]+46$/);
  });

  it('keeps the original sources when a master is merged again', async () => {
    const { out: first } = await merged('first.xlsx', [inputs.ga, inputs.hr]);
    const { r, out } = await merged('second.xlsx', [first, inputs.hr2]);
    expect(r.sheets[0]).toMatchObject({ read: 12, kept: 10, duplicates: 2, conflictGroups: 1 });
    const { grid, v } = await checkFile(out);
    expect(provenance(grid, '台帳', 2)).toMatchObject({ file: '総務部.xlsx', row: '3' });
    expect(provenance(grid, '台帳', 7)).toMatchObject({ file: '人事部.xlsx', row: '3' });
    // The first merge's note travels with its row.
    expect(provenance(grid, '台帳', 6).note).toBe('同一内容の1行を統合: 人事部.xlsx 6行');
    expect(v.issues.filter((i) => i.rule === 'COLUMN-EXTRA').map((i) => i.value)).toEqual(['社内メモ']);
  });

  it('refuses inputs of another template, naming them, and writes nothing', async () => {
    const register = join(dir, 'register.xlsx');
    await writeFile(register, await templateBuffer(legalRegister));
    const out = join(dir, 'mixed.xlsx');
    const err = await mergeFiles([inputs.ga, register, inputs.hr], { out, asOf: AS_OF, lang: 'en', jobs: 0 }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MergeRefused);
    const problems = (err as MergeRefused).problems;
    expect(problems.map((p) => [p.path, p.problem.code])).toEqual([[register, 'mixed']]);
    expect(problems[0].problem.message.en).toContain(
      `legal-register version 1; the first input depts/総務部.xlsx is pi-ledger version ${piLedger.version}`,
    );
    expect((await readdir(dir)).filter((f) => f.startsWith('mixed') || f.includes('.mixed.xlsx'))).toEqual([]);
  });

  it('refuses a newer template version, a renamed column and an unreadable file', async () => {
    const newer = join(dir, 'newer.xlsx');
    await fillWithOpenpyxl(inputs.ga, newer, { _daicho: { B2: piLedger.version + 1 } });
    const renamed = join(dir, 'renamed.xlsx');
    await fillWithOpenpyxl(inputs.ga, renamed, { 台帳: { X2: '委託先の会社' } });
    const csv = join(dir, 'renamed-csv.xlsx');
    await writeFile(csv, '管理番号,部門\nGA-001,総務部\n');
    const out = join(dir, 'refused.xlsx');
    const err = (await mergeFiles([inputs.ga, newer, renamed, csv], { out, asOf: AS_OF, lang: 'ja', jobs: 0 }).catch(
      (e: unknown) => e,
    )) as MergeRefused;
    expect(err).toBeInstanceOf(MergeRefused);
    expect(err.problems.map((p) => [p.path, p.problem.code])).toEqual([
      [newer, 'version'],
      [renamed, 'structure'],
      [csv, 'unreadable'],
    ]);
    expect(err.problems[1].problem.issues?.map((i) => `${i.rule}@${i.cell}`)).toEqual(['COLUMN-RENAMED@X2']);
    expect((await readdir(dir)).filter((f) => f.includes('refused'))).toEqual([]);
  });

  it('refuses to overwrite without force, and replaces with force', async () => {
    const out = join(dir, 'existing.xlsx');
    await writeFile(out, 'keep me');
    await expect(mergeFiles([inputs.ga], { out, asOf: AS_OF, lang: 'ja', jobs: 0 })).rejects.toBeInstanceOf(
      OutputExistsError,
    );
    const { readFile } = await import('node:fs/promises');
    expect(await readFile(out, 'utf8')).toBe('keep me');
    await mergeFiles([inputs.ga], { out, asOf: AS_OF, lang: 'ja', jobs: 0, force: true });
    expect((await checkFile(out)).v.template).toEqual({ id: 'pi-ledger', version: piLedger.version });
    // No temporary files are left beside it.
    expect((await readdir(dir)).filter((f) => f.startsWith('.') && f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves an earlier master out when it sits in an input folder', async () => {
    const folder = join(dir, 'with-master');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(folder);
    await copyFile(inputs.ga, join(folder, '総務部.xlsx'));
    const out = join(folder, 'master.xlsx');
    await mergeFiles([join(folder, '総務部.xlsx')], { out, asOf: AS_OF, lang: 'ja', jobs: 0 });
    const r = await mergeFiles([join(folder, '総務部.xlsx'), out], {
      out,
      asOf: AS_OF,
      lang: 'ja',
      jobs: 0,
      force: true,
    });
    expect(r.inputs.map((i) => i.shown)).toEqual(['総務部.xlsx']);
    expect(r.sheets[0]).toMatchObject({ read: 5, kept: 5, duplicates: 0 });
  });
});
