// TableBook (scripts/xlsx/table-book.ts) writes by hand the table sheets that addTableSheet writes with exceljs, from
// the same column definitions. Read back by exceljs, the two must agree cell by cell (value, number format, fill,
// font, alignment), in column widths and row heights, frozen panes, filter, tab colour and page setup; and the hand-written
// package must pass ooxml-check and open in openpyxl.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { TableBook } from '../../scripts/xlsx/table-book.js';
import { addTableSheet, type TableColumn } from '../../scripts/xlsx/table-sheet.js';
import { describeIssue, hasOoxmlCheck, ooxmlCheck } from '../helpers/ooxml.js';
import { SYSTEM_PYTHON } from '../helpers/producers.js';

const run = promisify(execFile);

interface Row {
  code: string;
  name: string;
  state: 'done' | 'fix' | 'pending';
  rate: number | null;
  change: number | null;
  on: Date | null;
  note: string | null;
}

const FILLS = { done: 'FFC6EFCE', fix: 'FFFFEB9C', pending: null } as const;
const RED = { color: { argb: 'FF9C0006' }, bold: true };

const columns: TableColumn<Row>[] = [
  { header: '取引先コード', width: 12, value: (r) => r.code },
  { header: '会社名', width: 26, value: (r) => r.name },
  { header: '状況', width: 12, value: (r) => r.state, fill: (r) => FILLS[r.state] },
  { header: '得点率', width: 8, value: (r) => r.rate, fmt: '0.0%' },
  { header: '増減', width: 9, value: (r) => r.change, fmt: '+0.0%;-0.0%;0.0%' },
  { header: '回答日', width: 11, value: (r) => r.on },
  {
    header: '要確認・メモ（長い見出しは折り返して高い行になる）',
    width: 20,
    value: (r) => r.note,
    font: (r) => (r.note ? RED : null),
  },
];

const rows: Row[] = [
  {
    code: 'S-0001',
    name: '株式会社見本',
    state: 'done',
    rate: 0.875,
    change: 0.05,
    on: new Date(Date.UTC(2027, 0, 20)),
    note: null,
  },
  {
    code: 'S-0002',
    name: ' 前後に空白 ',
    state: 'fix',
    rate: null,
    change: -0.125,
    on: null,
    note: 'II-1 はい→いいえ\nV-2 一部実施→はい',
  },
  {
    code: 'S-0003',
    name: 'A & B <商会> "引用"',
    state: 'pending',
    rate: 0,
    change: 0,
    on: null,
    note: '1'.repeat(120),
  },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daicho-table-book-'));
});

async function both(): Promise<{ ours: string; theirs: string }> {
  const ours = join(dir, 'ours.xlsx');
  const theirs = join(dir, 'exceljs.xlsx');
  const book = new TableBook('表');
  book.addSheet('回収状況', columns, rows);
  book.addSheet('空', columns.slice(0, 3), []);
  await writeFile(ours, await book.toBuffer());
  const wb = new ExcelJS.Workbook();
  addTableSheet(wb, '回収状況', columns, rows);
  addTableSheet(wb, '空', columns.slice(0, 3), []);
  await wb.xlsx.writeFile(theirs);
  return { ours, theirs };
}

async function read(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

function cellOf(c: ExcelJS.Cell) {
  const fill = c.fill?.type === 'pattern' && c.fill.pattern === 'solid' ? c.fill.fgColor?.argb : null;
  const v = c.value instanceof Date ? c.value.toISOString() : c.value;
  return {
    v: v ?? null,
    fmt: c.numFmt || null,
    fill: fill ?? null,
    bold: Boolean(c.font?.bold),
    color: c.font?.color?.argb ?? null,
    font: c.font?.name ?? null,
    wrap: Boolean(c.alignment?.wrapText),
    vertical: c.alignment?.vertical ?? null,
  };
}

describe('TableBook against addTableSheet (exceljs)', () => {
  it('writes the same table sheets: every cell, widths, heights, panes, filter, tab colour and page setup', async () => {
    const { ours, theirs } = await both();
    const [a, b] = [await read(ours), await read(theirs)];
    expect(a.worksheets.map((w) => w.name)).toEqual(b.worksheets.map((w) => w.name));
    for (const name of ['回収状況', '空']) {
      const [x, y] = [a.getWorksheet(name)!, b.getWorksheet(name)!];
      const n = name === '空' ? 1 : rows.length + 1;
      const width = name === '空' ? 3 : columns.length;
      for (let r = 1; r <= n; r++) {
        // exceljs reads our heights as written; its own rows carry the height it was given.
        expect(x.getRow(r).height, `${name} row ${r}`).toBe(y.getRow(r).height);
        for (let k = 1; k <= width; k++) {
          const [cx, cy] = [cellOf(x.getCell(r, k)), cellOf(y.getCell(r, k))];
          // exceljs gives a Date its format on the style object the column's cells share (table-sheet.ts): the
          // empty cells after it show that format too. Of an empty cell only the format is not compared.
          if (cy.v === null) cx.fmt = cy.fmt = null;
          expect(cx, `${name}!${x.getCell(r, k).address}`).toEqual(cy);
        }
      }
      // As defined (exceljs leaves out a width of 9, its default, which Excel shows as 8.43).
      expect(x.columns.slice(0, width).map((c) => c.width)).toEqual(columns.slice(0, width).map((c) => c.width));
      expect(x.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
      expect(y.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 1 });
      expect(x.autoFilter).toEqual(`A1:${x.getColumn(width).letter}${Math.max(2, n)}`);
      expect(x.properties.tabColor).toEqual(y.properties.tabColor);
      const page = (w: ExcelJS.Worksheet) => {
        const p = w.pageSetup;
        return [p.paperSize, p.orientation, p.fitToPage, p.fitToWidth, p.fitToHeight, p.printTitlesRow, p.margins];
      };
      expect(page(x)).toEqual(page(y));
      expect(x.headerFooter.oddHeader).toBe(y.headerFooter.oddHeader);
      expect(x.headerFooter.oddFooter).toBe(y.headerFooter.oddFooter);
    }
  });

  it.runIf(hasOoxmlCheck())('passes ooxml-check', async () => {
    const { ours } = await both();
    const checked = await ooxmlCheck([ours]);
    expect([...checked.values()].flat().map(describeIssue)).toEqual([]);
  });

  it('opens in openpyxl with its values, the filter and the print titles', async () => {
    const { ours } = await both();
    const script = [
      'import sys, openpyxl',
      'wb = openpyxl.load_workbook(sys.argv[1])',
      'ws = wb["回収状況"]',
      'print(ws["B3"].value + "|" + ws["B4"].value + "|" + str(ws["D2"].value) + "|" + ws.auto_filter.ref + "|" + str(ws.print_title_rows) + "|" + ws.freeze_panes)',
    ].join('\n');
    const { stdout } = await run(SYSTEM_PYTHON, ['-c', script, ours]);
    expect(stdout.trimEnd()).toBe(` 前後に空白 |A & B <商会> "引用"|0.875|A1:G4|$1:$1|B2`);
  });
});
