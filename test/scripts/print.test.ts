// Every workbook Daicho writes, printed as an auditor would print it: LibreOffice → PDF, then read back with poppler.
// A4 on every page, no more pages per sheet than stated, every header label and a sample of values printed whole,
// no row printed over another, text no smaller than the minimum print scale, headers visible (not white on white).
// One LibreOffice run converts every file; the assertions share its PDFs.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellText } from '../../templates/model/normalise.js';
import { readXlsxFile } from '../../scripts/io/read-xlsx.js';
import { SAMPLE_AS_OF, writeSamples } from '../../scripts/samples/write.js';
import { MIN_PRINT_SCALE } from '../../scripts/xlsx/print.js';
import {
  canPrint,
  contrast,
  overprints,
  printed,
  printToPdf,
  rasterPage,
  readPdf,
  textHeight,
  type Page,
} from '../helpers/pdf.js';
import { SYSTEM_PYTHON } from '../helpers/producers.js';
import { shortRows } from '../helpers/row-fit.js';
import { daicho, ensureBuilt, ROOT } from './check/cli-helpers.js';

const run = promisify(execFile);

/**
 * Each output with the most pages each of its sheets may print on (rows at Excel's Yu Gothic height: docs/printing.md).
 * The ledger's version 2 (six more columns, a risk sheet twice as wide, the PL-LEAK flags among the findings) raised
 * the ledger outputs' bounds: the master's risk sheet prints two pages wide at a legible scale, not one at 58 %.
 */
const OUTPUTS: { name: string; pages: Record<string, number> }[] = [
  { name: 'templates/pi-ledger.xlsx', pages: { 台帳: 4, リスク分析: 1 } },
  { name: 'templates/legal-register.xlsx', pages: { 法的要求事項: 6, 情報収集先: 1 } },
  { name: 'templates/contractor-evaluation.xlsx', pages: { 評価票: 1, 評価項目: 2, 契約内容: 1, 判定: 1 } },
  { name: 'templates/supplier-checklist.xlsx', pages: { 回答者情報: 1, チェックリスト: 4 } },
  { name: 'pl-01.xlsx', pages: { 台帳: 4, リスク分析: 6 } },
  // 指摘一覧 3: SL-007's PL-REENTRUST (the client's consent to the 再委託) is a long info message of its own.
  { name: 'annotated-pl-03.xlsx', pages: { 指摘一覧: 3, 台帳: 4, リスク分析: 6 } },
  { name: 'annotated-sc-11.xlsx', pages: { 指摘一覧: 1, 回答者情報: 1, チェックリスト: 4 } },
  // The supplier list samples (sl-02's mistakes) add a page of findings and push the audit's rules onto a second page.
  { name: 'summary.xlsx', pages: { ファイル一覧: 4, 指摘一覧: 15 } },
  { name: 'master-pl.xlsx', pages: { 台帳: 17, リスク分析: 40, 取込元: 2, 重複: 1, 競合: 4 } },
  // The two sample registers: 23 conflicts and 11 folded duplicates, each with a 統合メモ of several lines.
  {
    name: 'master-lr.xlsx',
    pages: { 法的要求事項: 18, 情報収集先: 2, 取込元: 2, 重複: 1, 競合_法的要求事項: 30, 競合_情報収集先: 1 },
  },
  { name: 'suppliers.xlsx', pages: { 取引先一覧: 2, フォローアップ: 4, 旧回答: 1 } },
  { name: 'contractors.xlsx', pages: { 委託先一覧: 2, 旧回答: 1 } },
  // 指摘一覧 16: the supplier-list samples' findings and SL-007's PL-REENTRUST (a long info) together pass 15 pages.
  { name: 'audit.xlsx', pages: { 概要: 2, 指摘一覧: 16, 委託先: 1, 調達先: 1, ファイル: 2 } },
];

const strip = (s: string): string => s.replace(/\s+/g, '');

let dir: string;
const pdfs = new Map<string, string>();
const pagesOf = new Map<string, Page[]>();
/** Word height (pt) of 11 pt text printed at 100 %, from a calibration workbook in the same run. */
let fullSize = 0;

async function calibration(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('calibration');
  for (let r = 1; r <= 10; r++) ws.getCell(r, 1).value = `監査 Audit ${r}`;
  ws.getColumn(1).font = { name: 'Yu Gothic', size: 11 };
  ws.pageSetup = { paperSize: 9, scale: 100 };
  await wb.xlsx.writeFile(path);
}

beforeAll(async () => {
  if (!canPrint()) return;
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-print-'));
  const samples = join(dir, 'samples');
  await writeSamples(samples);
  const asOf = ['--as-of', SAMPLE_AS_OF];
  const outs = [
    daicho(['template', 'all', '-o', join(dir, 'templates')]),
    daicho(['check', samples, '--summary', join(dir, 'summary.xlsx'), '--annotate', join(dir, 'annotated'), ...asOf]),
    daicho(['merge', join(samples, 'pi-ledger'), '-o', join(dir, 'master-pl.xlsx'), ...asOf]),
    daicho(['merge', join(samples, 'legal-register'), '-o', join(dir, 'master-lr.xlsx'), ...asOf]),
    daicho(['merge', join(samples, 'supplier-checklist'), '-o', join(dir, 'suppliers.xlsx'), ...asOf]),
    daicho(['merge', join(samples, 'contractor-evaluation'), '-o', join(dir, 'contractors.xlsx'), ...asOf]),
    daicho(['audit', samples, '-o', join(dir, 'audit'), ...asOf]),
  ];
  for (const r of await Promise.all(outs)) expect(r.code, r.stderr).toBeLessThan(2);
  const ledgers = await readdir(join(samples, 'pi-ledger'));
  await copyFile(
    join(
      samples,
      'pi-ledger',
      ledgers.find((f) => f.startsWith('pl-01'))!,
    ),
    join(dir, 'pl-01.xlsx'),
  );
  await copyFile(
    join(
      dir,
      'annotated',
      'pi-ledger',
      ledgers.find((f) => f.startsWith('pl-03'))!,
    ),
    join(dir, 'annotated-pl-03.xlsx'),
  );
  const returns = await readdir(join(samples, 'supplier-checklist'));
  await copyFile(
    join(
      dir,
      'annotated',
      'supplier-checklist',
      returns.find((f) => f.startsWith('sc-11'))!,
    ),
    join(dir, 'annotated-sc-11.xlsx'),
  );
  await mkdir(join(dir, 'cal'));
  const cal = join(dir, 'cal', 'calibration.xlsx');
  await calibration(cal);
  const files = OUTPUTS.map((o) => join(dir, o.name));
  const converted = await printToPdf([...files, cal]);
  for (const o of OUTPUTS) {
    const pdf = converted.get(join(dir, o.name))!;
    pdfs.set(o.name, pdf);
    pagesOf.set(o.name, await readPdf(pdf));
  }
  const calPage = (await readPdf(converted.get(cal)!))[0];
  fullSize = textHeight(calPage);
}, 600_000);

/** Header labels (the row with the most cells among the first five) and a sample of values (first, middle, last row). */
async function expectedTexts(path: string): Promise<Map<string, { labels: string[]; values: string[] }>> {
  const grid = await readXlsxFile(path);
  const out = new Map<string, { labels: string[]; values: string[] }>();
  for (const s of grid.sheets) {
    if (s.state && s.state !== 'visible') continue;
    const texts = (row: readonly unknown[] | undefined): string[] =>
      (row ?? []).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => cellText(v) ?? v);
    let header = 0;
    for (let r = 1; r < Math.min(5, s.rows.length); r++)
      if (texts(s.rows[r]).length > texts(s.rows[header]).length) header = r;
    const data = s.rows.map((row, r) => ({ row, r })).filter(({ row, r }) => r > header && texts(row).length > 0);
    const sample = data.length ? [data[0], data[Math.floor(data.length / 2)], data[data.length - 1]] : [];
    out.set(s.name, { labels: texts(s.rows[header]), values: [...new Set(sample.flatMap(({ row }) => texts(row)))] });
  }
  return out;
}

describe.skipIf(!canPrint())('printed outputs (LibreOffice → PDF)', () => {
  it.each(OUTPUTS.map((o) => [o.name, o] as const))(
    '%s prints on A4, sheet by sheet within its page bound',
    (name, o) => {
      const pages = pagesOf.get(name)!;
      for (const p of pages) expect([Math.round(p.width), Math.round(p.height)].sort()).toEqual([595, 842]);
      const count = new Map<string, number>();
      for (const p of pages) count.set(p.sheet, (count.get(p.sheet) ?? 0) + 1);
      const bounds = new Map(Object.entries(o.pages).map(([k, v]) => [strip(k), v]));
      for (const [sheet, n] of count) {
        expect(bounds.has(strip(sheet)), `${name}: a page headed "${sheet}"`).toBe(true);
        expect(n, `${name}: pages of ${sheet}`).toBeLessThanOrEqual(bounds.get(strip(sheet))!);
      }
      expect([...count.keys()].map(strip).sort()).toEqual([...bounds.keys()].sort());
    },
  );

  it.each(OUTPUTS.map((o) => [o.name] as const))(
    '%s prints every header label (on every page) and sampled value whole, no row over another',
    async (name) => {
      const pages = pagesOf.get(name)!;
      for (const [sheet, { labels, values }] of await expectedTexts(join(dir, name))) {
        const mine = pages.filter((p) => strip(p.sheet) === strip(sheet));
        expect(mine.length, `${name}: pages of ${sheet}`).toBeGreaterThan(0);
        const missing = [...labels, ...values].filter((t) => !printed(t, mine));
        expect(missing, `${name} / ${sheet}: not printed whole`).toEqual([]);
        // The header row repeats: every page of the sheet prints some of its labels.
        const bare = mine.map((p, i) => i + 1).filter((i) => !labels.some((l) => printed(l, [mine[i - 1]])));
        expect(bare, `${name} / ${sheet}: pages without the header row`).toEqual([]);
      }
      for (const [i, p] of pages.entries()) {
        const over = overprints(p).map(([a, b]) => `${a.text} × ${b.text}`);
        expect(over, `${name} page ${i + 1} (${p.sheet})`).toEqual([]);
      }
    },
  );

  it.each(OUTPUTS.map((o) => [o.name] as const))('%s prints its text at the minimum scale or larger', (name) => {
    expect(fullSize).toBeGreaterThan(5);
    for (const [i, p] of pagesOf.get(name)!.entries()) {
      if (p.words.length < 10) continue;
      expect(textHeight(p) / fullSize, `${name} page ${i + 1} (${p.sheet})`).toBeGreaterThanOrEqual(
        MIN_PRINT_SCALE / 100 - 0.03,
      );
    }
  });

  it.each(OUTPUTS.map((o) => [o.name] as const))('%s shows its header labels (contrast on paper)', async (name) => {
    const pages = pagesOf.get(name)!;
    const texts = await expectedTexts(join(dir, name));
    const seen = new Set<string>();
    for (const [i, p] of pages.entries()) {
      if (seen.has(p.sheet)) continue;
      seen.add(p.sheet);
      // A page without our header (no sheet name) is checked against every sheet's labels.
      const own = [...texts].filter(([s]) => !p.sheet || strip(s) === strip(p.sheet));
      const labels = own.flatMap(([, t]) => t.labels.map(strip));
      const words = p.words.filter((w) => labels.includes(strip(w.text)));
      if (!words.length) continue;
      const raster = await rasterPage(pdfs.get(name)!, i + 1);
      for (const w of words)
        expect(contrast(raster, w), `${name} / ${p.sheet}: header "${w.text}"`).toBeGreaterThan(80);
    }
  });

  it.each(OUTPUTS.map((o) => [o.name] as const))(
    '%s has rows tall enough for their wrapped text in Excel too',
    async (name) => {
      expect(await shortRows(join(dir, name))).toEqual([]);
    },
  );

  it('every workbook printed passes ooxml-check', async () => {
    const files = OUTPUTS.map((o) => join(dir, o.name));
    const r = await run(SYSTEM_PYTHON, [join(ROOT, '../shared/ooxml-check/ooxml_check.py'), ...files]).catch(
      (e: { stdout: string; stderr: string }) => e,
    );
    expect('code' in r ? r : { code: 0 }, `${r.stdout}\n${r.stderr}`).toMatchObject({ code: 0 });
  });
});
