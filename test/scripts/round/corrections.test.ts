// daicho status, the correction requests: each return that needs correcting gets its annotated copy with a cover
// sheet first (「ご回答内容のご確認のお願い」, or "Please review your answers" for a supplier in English) saying
// who it is for, the round, what to fix (sheet, cell, message) and by when. Returns filled by openpyxl and one
// re-saved by LibreOffice; the inputs are never touched; the copies pass ooxml-check (adding no issue their input
// lacked), print on A4, and a corrected copy sent back counts as done.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readXlsxFile } from '../../../scripts/io/read-xlsx.js';
import { validateWorkbook } from '../../../templates/index.js';
import { CHECKLIST, RESPONDENT } from '../../../templates/supplier-checklist/index.js';
import { hasOoxmlCheck, issuesAdded } from '../../helpers/ooxml.js';
import { canPrint, printed, printToPdf, readPdf } from '../../helpers/pdf.js';
import { fillWithOpenpyxl, hasLibreOffice, hasOpenpyxl, resaveWithLibreOffice } from '../../helpers/producers.js';
import { daicho, ensureBuilt } from '../check/cli-helpers.js';
import {
  answerCell,
  answers,
  distribute,
  DUE,
  formCell,
  ROUND,
  sentFile,
  supplierRows,
  writeList,
} from './fixtures.js';

const AS_OF = '2027-02-10';
const REPLY_BY = '2027-02-24';

let dir: string;
let list: string;
let returns: string;
let out: string;
const inputs = new Map<string, string>();
const sha = async (p: string) =>
  createHash('sha256')
    .update(await readFile(p))
    .digest('hex');

/** S-0001 and S-0002 without a respondent name and with IV-2 unanswered; S-0005 (in English) without 責任者確認. */
const broken = () => answers({ 回答者氏名: null }, { [answerCell('IV-2', '回答')]: null });

async function status(args: string[]) {
  return daicho(['status', list, returns, '--round', ROUND, '--due', DUE, '--as-of', AS_OF, ...args], {
    timeoutMs: 300_000,
  });
}

const copies = () => join(out, '修正依頼');
const copyOf = async (code: string) =>
  join(
    copies(),
    (await readdir(copies())).find((f) => f.startsWith(code))!,
  );

describe.skipIf(!hasOpenpyxl())('daicho status: the correction copies', () => {
  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'daicho-corrections-'));
    list = await writeList(join(dir, '取引先一覧.xlsx'), supplierRows(5));
    const outbox = await distribute(list, join(dir, 'outbox'));
    returns = join(dir, 'returns');
    await mkdir(returns);
    await fillWithOpenpyxl(await sentFile(outbox, 'S-0001'), join(returns, 'ご回答_見本1.xlsx'), broken());
    const second = join(dir, 'S-0002.xlsx');
    await fillWithOpenpyxl(await sentFile(outbox, 'S-0002'), second, broken());
    await copyFile(hasLibreOffice() ? await resaveWithLibreOffice(second) : second, join(returns, 'S-0002_LO.xlsx'));
    await fillWithOpenpyxl(await sentFile(outbox, 'S-0003'), join(returns, 'S-0003.xlsx'), answers());
    await fillWithOpenpyxl(
      await sentFile(outbox, 'S-0005'),
      join(returns, 'S-0005.xlsx'),
      answers({ 責任者確認: null, '所在国・地域': 'Singapore' }),
    );
    for (const f of await readdir(returns)) inputs.set(f, await sha(join(returns, f)));
    out = join(dir, 'status');
    const r = await status(['-o', out, '--reply-by', REPLY_BY]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('要修正 3');
    expect(r.stdout).toContain('修正箇所を示したコピー 3 件');
  }, 300_000);

  it('writes a copy for each return to correct, named for its supplier, and leaves the returns as they were', async () => {
    expect((await readdir(copies())).sort()).toEqual([
      'S-0001_見本1工業株式会社.xlsx',
      'S-0002_見本2工業株式会社.xlsx',
      'S-0005_見本5工業株式会社.xlsx',
    ]);
    for (const [f, before] of inputs) expect(await sha(join(returns, f)), f).toBe(before);
    const csv = await readFile(join(out, '修正依頼メール.csv'), 'utf8');
    expect(csv).toContain(join(copies(), 'S-0001_見本1工業株式会社.xlsx'));
    expect(csv).toContain('2027年2月24日までに');
    expect(csv).toContain('by 24 February 2027');
  });

  it('the cover comes first, then the findings, then the supplier sheets; it says who, which round, what and by when', async () => {
    for (const code of ['S-0001', 'S-0002']) {
      const grid = await readXlsxFile(await copyOf(code));
      expect(grid.sheets.map((s) => s.name).slice(0, 5)).toEqual([
        'ご確認のお願い',
        '指摘一覧',
        'ご回答のお願い',
        RESPONDENT,
        CHECKLIST,
      ]);
      const text = grid.sheets[0].rows.flat().filter(Boolean).join('\n');
      expect(text).toContain('ご回答内容のご確認のお願い');
      expect(text).toContain(`見本${code.slice(-1)}工業株式会社`);
      expect(text).toContain(ROUND);
      expect(text).toContain('2027年2月24日');
      expect(text).toContain(code === 'S-0001' ? 'ご回答_見本1.xlsx' : 'S-0002_LO.xlsx');
      // Each error: its sheet, its cell and its message, in a row of the list.
      const v = validateWorkbook(
        await readXlsxFile(join(returns, code === 'S-0001' ? 'ご回答_見本1.xlsx' : 'S-0002_LO.xlsx')),
        {
          asOf: AS_OF,
        },
      );
      const errors = v.issues.filter((i) => i.severity === 'error');
      expect(errors.map((i) => `${i.sheet}!${i.cell}`).sort()).toEqual(
        [`${CHECKLIST}!${answerCell('IV-2', '回答')}`, `${RESPONDENT}!${formCell('回答者氏名')}`].sort(),
      );
      const listed = grid.sheets[0].rows.filter((row) => typeof row[0] === 'number' || /^\d+$/.test(String(row[0])));
      expect(listed.map((row) => `${row[1]}!${row[2]}|${row[3]}`).sort()).toEqual(
        errors.map((i) => `${i.sheet}!${i.cell}|${i.message.ja}`).sort(),
      );
    }
  });

  it('a supplier who answers in English gets "Please review your answers" and the findings in English', async () => {
    const grid = await readXlsxFile(await copyOf('S-0005'));
    expect(grid.sheets.map((s) => s.name).slice(0, 2)).toEqual(['Please review', 'Findings']);
    const text = grid.sheets[0].rows.flat().filter(Boolean).join('\n');
    expect(text).toContain('Please review your answers');
    expect(text).toContain('24 February 2027');
    expect(text).toContain('S-0005');
    expect(text).not.toMatch(/[ぁ-ん]/);
  });

  it('the copies still check as the supplier checklist with the same errors, and keep the round in the marker', async () => {
    for (const code of ['S-0001', 'S-0002', 'S-0005']) {
      const v = validateWorkbook(await readXlsxFile(await copyOf(code)), { asOf: AS_OF });
      expect(v.template?.id).toBe('supplier-checklist');
      expect(v.data!.marker!.distribution).toMatchObject({ round: ROUND, supplier: code });
      expect(v.issues.filter((i) => i.severity === 'error').length, code).toBe(code === 'S-0005' ? 1 : 2);
    }
  });

  it.skipIf(!hasOoxmlCheck())(
    'each copy passes ooxml-check and adds no issue its input lacked',
    async () => {
      const pairs: [string, string][] = [
        ['S-0001', 'ご回答_見本1.xlsx'],
        ['S-0002', 'S-0002_LO.xlsx'],
        ['S-0005', 'S-0005.xlsx'],
      ];
      for (const [code, input] of pairs) {
        expect(await issuesAdded(await copyOf(code)), code).toEqual([]);
        expect(await issuesAdded(await copyOf(code), join(returns, input)), code).toEqual([]);
      }
    },
    120_000,
  );

  it.skipIf(!canPrint())(
    'the cover prints on A4, first, with its title, the date to reply by and every cell to fix',
    async () => {
      const files = [await copyOf('S-0002'), await copyOf('S-0005')];
      const pdfs = await printToPdf(files);
      for (const f of files) {
        const pages = await readPdf(pdfs.get(f)!);
        for (const p of pages) expect([Math.round(p.width), Math.round(p.height)].sort()).toEqual([595, 842]);
        const en = basename(f).startsWith('S-0005');
        expect(pages[0].sheet.replace(/\s+/g, '')).toBe(en ? 'Pleasereview' : 'ご確認のお願い');
        const cover = pages.filter((p) => p.sheet === pages[0].sheet);
        expect(cover).toHaveLength(1);
        expect(printed(en ? 'Please review your answers' : 'ご回答内容のご確認のお願い', cover)).toBe(true);
        expect(printed(en ? '24 February 2027' : '2027年2月24日', cover)).toBe(true);
        if (!en) expect(printed(answerCell('IV-2', '回答'), cover)).toBe(true);
      }
    },
    300_000,
  );

  it('a corrected copy sent back counts as done; the next status writes no copy for it', async () => {
    const fixed = join(returns, 'S-0001_修正済.xlsx');
    await fillWithOpenpyxl(await copyOf('S-0001'), fixed, {
      [RESPONDENT]: { [formCell('回答者氏名')]: '見本 一郎', [formCell('回答日')]: 'date:2027-02-15' },
      [CHECKLIST]: { [answerCell('IV-2', '回答')]: 'はい' },
    });
    const again = join(dir, 'status-2');
    const r = await status(['-o', again, '--as-of', '2027-02-16']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('完了 2、要対応 0、要修正 2');
    expect(r.stdout).toContain('重複 1');
    expect((await readdir(join(again, '修正依頼'))).sort()).toEqual([
      'S-0002_見本2工業株式会社.xlsx',
      'S-0005_見本5工業株式会社.xlsx',
    ]);
    // Without --reply-by, corrections are due 14 days after the status date.
    expect(await readFile(join(again, '修正依頼メール.csv'), 'utf8')).toContain('2027年3月2日までに');
  }, 300_000);

  it('refuses --reply-by before the status date, and an existing copy without --force', async () => {
    const early = await status(['-o', join(dir, 'x'), '--reply-by', '2027-02-01']);
    expect(early.code).toBe(2);
    expect(early.stderr).toMatch(/--reply-by（2027-02-01）が基準日[\s\S]*before the status date/);
    const dest = join(dir, 'status-3');
    await mkdir(join(dest, '修正依頼'), { recursive: true });
    await copyFile(join(returns, 'S-0003.xlsx'), join(dest, '修正依頼', 'S-0002_見本2工業株式会社.xlsx'));
    const r = await status(['-o', dest]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/S-0002_見本2工業株式会社\.xlsx は既にあります[\s\S]*already exists/);
    expect(await readdir(dest)).toEqual(['修正依頼']);
  }, 300_000);
});
