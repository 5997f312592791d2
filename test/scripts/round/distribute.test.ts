// daicho distribute: one checklist per supplier of a supplier list, named for it (safe on Windows), 会社名 and 法人番号
// filled in and locked, the round and the supplier's code in the marker, the due date and how to return it on the
// first sheet in the supplier's language; 送付一覧.xlsx and the mail-merge CSV. Refusals: a list with errors (its
// findings, nothing written), an existing output without --force, the input as an output, something not a list.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { mailCsv } from '../../../scripts/round/distribute.js';
import { plan, type Supplier } from '../../../scripts/round/plan.js';
import { MAX_STEM, safeStem, uniqueNames } from '../../../scripts/round/file-names.js';
import { readXlsxFile } from '../../../scripts/io/read-xlsx.js';
import { validateWorkbook } from '../../../templates/index.js';
import { RESPONDENT } from '../../../templates/supplier-checklist/index.js';
import { describeIssue, hasOoxmlCheck, ooxmlCheck } from '../../helpers/ooxml.js';
import { fillWithOpenpyxl, hasLibreOffice, hasOpenpyxl, resaveWithLibreOffice } from '../../helpers/producers.js';
import { daicho, ensureBuilt } from '../check/cli-helpers.js';
import { answers, distribute, DUE, ROUND, supplierRows, writeBlankChecklist, writeList } from './fixtures.js';

let dir: string;

/** 50 suppliers: every fifth abroad and in English, and a few whose names Windows would not take as they are. */
const fiftySuppliers = () =>
  supplierRows(50, {
    7: { 取引先コード: 'CON', 会社名: 'CON' },
    13: { 会社名: '株式会社 A/B:C*?"<>|' },
    21: { 会社名: `${'長い名前'.repeat(30)}株式会社` },
    34: { 会社名: 'Trailing Dots Inc...' },
  });

const sha = async (p: string) =>
  createHash('sha256')
    .update(await readFile(p))
    .digest('hex');

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-distribute-'));
}, 120_000);

describe('file names', () => {
  it('are safe on Windows: forbidden characters, device names, trailing dots and spaces, length', () => {
    expect(safeStem('S-1_株式会社 A/B:C*?"<>|')).toBe('S-1_株式会社 A_B_C______');
    expect(safeStem('CON')).toBe('_CON');
    expect(safeStem('com1.report')).toBe('_com1.report');
    expect(safeStem('LPT¹')).toBe('_LPT¹');
    expect(safeStem('CONSOLE')).toBe('CONSOLE');
    expect(safeStem('Trailing Dots Inc... ')).toBe('Trailing Dots Inc');
    expect(safeStem('a\u0000\u001fb')).toBe('a__b');
    expect(safeStem(' .. ', 'supplier')).toBe('supplier');
    expect([...safeStem('長'.repeat(500))]).toHaveLength(MAX_STEM);
  });

  it('are unique however Windows compares names (case, full width)', () => {
    expect(uniqueNames(['abc', 'ABC', 'ａｂｃ', 'abc_2'], '.xlsx')).toEqual([
      'abc.xlsx',
      'ABC_2.xlsx',
      'ａｂｃ_3.xlsx',
      'abc_2_2.xlsx',
    ]);
  });
});

describe('the mail-merge CSV', () => {
  const s = (over: Partial<Supplier>): Supplier => ({
    row: 3,
    code: 'S-1',
    company: '見本精機株式会社',
    corpNo: null,
    contact: null,
    email: 'a@example.jp',
    country: '日本',
    kind: null,
    lang: 'ja',
    ...over,
  });
  it('is UTF-8 with a BOM and CRLF, quotes the multi-line body with the due date, and defuses formulas', () => {
    const planned = plan(
      [s({}), s({ code: '=1+1', company: '=HYPERLINK("http://x","y")', lang: 'en', contact: '@evil' })],
      { round: ROUND, due: DUE },
    );
    const csv = mailCsv(planned, 'ja');
    expect(csv.startsWith('\uFEFF宛先,件名,本文,添付ファイル,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('2027年1月31日までに');
    expect(csv).toContain('by 31 January 2027');
    expect(csv).toContain(`,"'=HYPERLINK(""http://x"",""y"")",`);
    expect(csv).toContain(",'=1+1,");
    expect(csv).not.toMatch(/(^|,)[=+@-]/m);
    expect(csv.replace(/\r\n/g, '')).not.toContain('\n');
  });
});

describe('daicho distribute', () => {
  let list: string;
  let outbox: string;
  let files: string[];

  beforeAll(async () => {
    list = await writeList(join(dir, '取引先一覧.xlsx'), fiftySuppliers());
    outbox = join(dir, 'outbox');
    const before = await sha(list);
    const r = await daicho(['distribute', list, '-o', outbox, '--round', ROUND, '--due', DUE], { timeoutMs: 300_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('50 社分');
    expect(await sha(list)).toBe(before);
    files = (await readdir(outbox)).sort();
  }, 300_000);

  it('writes one checklist per supplier, named for it and safe on Windows, plus the send list and the mail CSV', () => {
    const checklists = files.filter((f) => f !== '送付一覧.xlsx' && f !== '送付メール.csv');
    expect(checklists).toHaveLength(50);
    expect(files).toContain('送付一覧.xlsx');
    expect(files).toContain('送付メール.csv');
    expect(checklists).toContain('S-0001_見本1工業株式会社.xlsx');
    expect(checklists).toContain('CON_CON.xlsx'); // only a bare device name is reserved: see file names
    expect(checklists).toContain('S-0014_株式会社 A_B_C______.xlsx');
    expect(checklists).toContain('S-0035_Trailing Dots Inc.xlsx');
    for (const f of checklists) {
      // eslint-disable-next-line no-control-regex -- control characters are among what Windows refuses
      expect(f).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]|[ .]\.xlsx$/);
      expect([...f.replace(/\.xlsx$/, '')].length).toBeLessThanOrEqual(MAX_STEM);
    }
  });

  it('each checklist: the round, code, due date and language in the marker; 会社名 and 法人番号 filled in and locked', async () => {
    const rows = fiftySuppliers();
    for (const k of [0, 4, 7]) {
      const code = rows[k].取引先コード as string;
      const file = files.find((f) => f.startsWith(`${code}_`))!;
      const grid = await readXlsxFile(join(outbox, file));
      const v = validateWorkbook(grid, { asOf: '2027-01-15' });
      expect(v.template).toEqual({ id: 'supplier-checklist', version: 1 });
      expect(v.data!.marker!.distribution).toEqual({
        round: ROUND,
        supplier: code,
        due: DUE,
        lang: k === 4 ? 'en' : 'ja',
      });
      const form = v.data!.sheets[RESPONDENT][0];
      expect(form.values['会社名']).toBe(rows[k].会社名);
      expect(form.values['法人番号']).toBe(rows[k].法人番号);
      // No finding about what the buyer filled in.
      expect(v.issues.filter((i) => i.field === '会社名' || i.field === '法人番号')).toEqual([]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(outbox, file));
      expect(wb.worksheets[0].name).toBe(k === 4 ? 'Request' : 'ご回答のお願い');
      const coverText = wb.worksheets[0].getSheetValues().flat().join('\n');
      expect(coverText).toContain(k === 4 ? '31 January 2027' : '2027年1月31日');
      expect(coverText).toContain(ROUND);
      const respondent = wb.getWorksheet(RESPONDENT)!;
      expect(respondent.getCell('B3').protection?.locked).not.toBe(false); // 会社名
      expect(respondent.getCell('B4').protection?.locked ?? true).toBe(k === 4 ? false : true); // 法人番号: locked when known
      expect(respondent.getCell('B5').protection?.locked).toBe(false); // 所在国・地域 stays editable
    }
  }, 60_000);

  it('送付一覧.xlsx lists every supplier with its file; the CSV has a line per supplier', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(outbox, '送付一覧.xlsx'));
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(51);
    const fileCol = (ws.getRow(1).values as string[]).indexOf('ファイル名');
    const listed = Array.from({ length: 50 }, (_, i) => String(ws.getRow(i + 2).getCell(fileCol).value));
    expect(listed.sort()).toEqual(files.filter((f) => f.endsWith('.xlsx') && f !== '送付一覧.xlsx').sort());
    const csv = await readFile(join(outbox, '送付メール.csv'), 'utf8');
    expect(csv.match(/^s\d+@supplier\d+\.example\.jp,/gm)).toHaveLength(50);
  });

  it.skipIf(!hasOoxmlCheck())(
    'every output passes ooxml-check',
    async () => {
      const xlsx = files.filter((f) => f.endsWith('.xlsx')).map((f) => join(outbox, f));
      const checked = await ooxmlCheck(xlsx);
      expect(xlsx.flatMap((f) => checked.get(f)!.map((i) => `${f}: ${describeIssue(i)}`))).toEqual([]);
    },
    120_000,
  );

  it('refuses to overwrite without --force (nothing changed), replaces with it', async () => {
    const target = join(outbox, files[0]);
    const before = (await stat(target)).mtimeMs;
    const r = await daicho(['distribute', list, '-o', outbox, '--round', ROUND, '--due', DUE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/既にあります[\s\S]*already exists/);
    expect((await stat(target)).mtimeMs).toBe(before);
    const f = await daicho(['distribute', list, '-o', outbox, '--round', ROUND, '--due', DUE, '--force'], {
      timeoutMs: 300_000,
    });
    expect(f.code, f.stderr).toBe(0);
  }, 300_000);
});

describe('daicho distribute refuses', () => {
  it('a list with errors: its findings (file, sheet, cell) in Japanese and English, exit 1, nothing written', async () => {
    const rows = fiftySuppliers().slice(0, 3);
    rows[1] = { ...rows[1], 法人番号: '9111111111112' };
    rows[2] = { ...rows[2], メール: 'nobody@', 取引先コード: rows[0].取引先コード };
    const bad = await writeList(join(dir, 'bad.xlsx'), rows);
    const outbox = join(dir, 'bad-outbox');
    const r = await daicho(['distribute', bad, '-o', outbox, '--round', ROUND, '--due', DUE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('エラーが 3 件');
    expect(r.stderr).toContain('3 error(s)');
    for (const at of ['取引先一覧!C4 V-CORPNO', '取引先一覧!A5 V-UNIQUE', '取引先一覧!E5 V-EMAIL'])
      expect(r.stderr).toContain(`${bad} ${at}`);
    expect(r.stderr).toContain('fails the check digit');
    await expect(stat(outbox)).rejects.toThrow();
  });

  it('a workbook that is not a supplier list, a bad --due or --round, a missing option: exit 2 in both languages', async () => {
    const checklist = join(dir, 'checklist.xlsx');
    await writeBlankChecklist(checklist);
    const list = await writeList(join(dir, 'ok.xlsx'), fiftySuppliers().slice(0, 2));
    const cases: [string[], RegExp][] = [
      [
        [checklist, '-o', join(dir, 'x'), '--round', ROUND, '--due', DUE],
        /取引先一覧（supplier-list）ではありません[\s\S]*is not a supplier list/,
      ],
      [
        [list, '-o', join(dir, 'x'), '--round', ROUND, '--due', '2027-02-30'],
        /--due は YYYY-MM-DD[\s\S]*--due must be a date/,
      ],
      [[list, '-o', join(dir, 'x'), '--due', DUE], /--round[\s\S]*needs --round/],
      [[list, '-o', join(dir, 'x'), '--round', 'a\nb', '--due', DUE], /40 文字以内[\s\S]*at most 40 characters/],
      [[list, '--round', ROUND, '--due', DUE], /-o OUTBOX/],
    ];
    for (const [args, message] of cases) {
      const r = await daicho(['distribute', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('an output that is the input, even with --force', async () => {
    const outbox = join(dir, 'self');
    await mkdir(outbox);
    const list = await writeList(join(outbox, '送付一覧.xlsx'), fiftySuppliers().slice(0, 2));
    const before = await sha(list);
    const r = await daicho(['distribute', list, '-o', outbox, '--round', ROUND, '--due', DUE, '--force']);
    expect(r.code).toBe(2);
    expect(await sha(list)).toBe(before);
    expect(await readdir(outbox)).toEqual(['送付一覧.xlsx']);
  });
});

describe.skipIf(!hasOpenpyxl())('a distributed checklist from other producers', () => {
  it('filled by openpyxl and renamed, it checks clean and keeps its round and code; LibreOffice re-saved, too', async () => {
    const list = await writeList(join(dir, 'one.xlsx'), fiftySuppliers().slice(0, 1));
    const outbox = await distribute(list, join(dir, 'one-outbox'));
    const returned = join(dir, 'ご回答（見本1工業）.xlsx');
    const view = await fillWithOpenpyxl(join(outbox, 'S-0001_見本1工業株式会社.xlsx'), returned, answers());
    expect(view.sheets['_daicho']).toBe('veryHidden');
    expect(view.paper['ご回答のお願い']).toBe(9);
    const v = validateWorkbook(await readXlsxFile(returned), { asOf: '2027-01-15' });
    expect(v.issues.map((i) => `${i.rule}@${i.sheet}!${i.cell}`)).toEqual([]);
    expect(v.score).toMatchObject({ complete: true, band: 'A' });
    expect(v.data!.marker!.distribution).toEqual({ round: ROUND, supplier: 'S-0001', due: DUE, lang: 'ja' });
    if (!hasLibreOffice()) return;
    const resaved = validateWorkbook(await readXlsxFile(await resaveWithLibreOffice(returned)), { asOf: '2027-01-15' });
    expect(resaved.data!.marker!.distribution).toEqual({ round: ROUND, supplier: 'S-0001', due: DUE, lang: 'ja' });
    expect(resaved.issues).toEqual([]);
    expect(resaved.data!.sheets[RESPONDENT][0].values['会社名']).toBe('見本1工業株式会社');
  }, 180_000);
});
