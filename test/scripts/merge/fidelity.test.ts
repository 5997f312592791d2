// A master must carry the inputs' text byte for byte: kanji outside the BMP, combining marks, compatibility
// ideographs and other characters NFKC would change, line breaks and carriage returns, leading and trailing spaces,
// literal _xHHHH_, markup characters. Checked through our reader and through openpyxl, on inputs written by three
// producers (openpyxl, exceljs via the template writer, our own shared-string writer).
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { columnLetter, type CellValue } from '../../../templates/model/grid.js';
import { FIRST_DATA_ROW } from '../../../templates/model/layout.js';
import { piLedger } from '../../../templates/pi-ledger/index.js';
import { ledgerSheet } from '../../../templates/pi-ledger/sheets.js';
import { readXlsxFile } from '../../../scripts/io/read-xlsx.js';
import { mergeFiles } from '../../../scripts/merge/merge.js';
import { writeTableWorkbook } from '../../../scripts/merge/write-table.js';
import { templateBuffer } from '../../../scripts/xlsx/template-writer.js';
import { fillWithOpenpyxl, hasOpenpyxl, SYSTEM_PYTHON } from '../../helpers/producers.js';
import { AS_OF, blankLedger, ledgerRow, provenance, TRICKY } from './fixtures.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));

/** Ledger rows whose text fields hold the tricky strings. */
function rows(prefix: string): Record<string, string | number | null>[] {
  return TRICKY.map((t, i) =>
    ledgerRow(`${prefix}-${String(i + 1).padStart(3, '0')}`, `${prefix}部`, {
      個人情報の名称: t,
      利用目的: `${t}のための利用目的`,
      備考: t,
      確認者: i % 2 ? '𠮷田 花子' : '髙橋 一郎',
    }),
  );
}

const valueOf = (v: string | number | null): CellValue =>
  typeof v === 'string' && v.startsWith('date:') ? new Date(`${v.slice(5)}T00:00:00Z`) : v;

let dir: string;
const files: string[] = [];

async function dump(path: string, sheet: string): Promise<unknown[][]> {
  const { stdout } = await run(SYSTEM_PYTHON, [join(here, 'dump_cells.py'), path, sheet], { maxBuffer: 64 << 20 });
  return JSON.parse(stdout) as unknown[][];
}

describe.skipIf(!hasOpenpyxl())('text fidelity of a merged master', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'daicho-fidelity-'));
    const blank = await blankLedger(dir);
    // 1. openpyxl fills our blank template.
    const a = join(dir, 'openpyxl.xlsx');
    const fill: Record<string, Record<string, string | number | null>> = { 台帳: {} };
    rows('OP').forEach((row, i) =>
      ledgerSheet.fields.forEach((f, c) => {
        if (row[f.key] !== undefined) fill['台帳'][`${columnLetter(c)}${FIRST_DATA_ROW + 1 + i}`] = row[f.key];
      }),
    );
    await fillWithOpenpyxl(blank, a, fill);
    // 2. exceljs, through the template writer.
    const b = join(dir, 'exceljs.xlsx');
    await writeFile(
      b,
      await templateBuffer(piLedger, {
        tables: { 台帳: rows('EX').map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, valueOf(v)]))) },
      }),
    );
    // 3. Our shared-string writer (what the benchmark's inputs are).
    const c = join(dir, 'daicho.xlsx');
    await writeTableWorkbook(
      piLedger,
      { 台帳: rows('DC').map((r) => ledgerSheet.fields.map((f) => valueOf(r[f.key] ?? null))) },
      c,
    );
    files.push(a, b, c);
  }, 60_000);

  it('keeps every cell of every input exactly, through our reader and through openpyxl', async () => {
    const out = join(dir, 'master.xlsx');
    const r = await mergeFiles(files, { out, asOf: AS_OF, lang: 'ja', jobs: 0 });
    expect(r.sheets[0]).toMatchObject({ read: TRICKY.length * 3, kept: TRICKY.length * 3, duplicates: 0 });
    const master = await readXlsxFile(out);
    const masterLedger = master.sheets.find((s) => s.name === '台帳')!;
    const masterDump = await dump(out, '台帳');
    const width = ledgerSheet.fields.length;
    let compared = 0;
    for (const file of files) {
      const input = (await readXlsxFile(file)).sheets.find((s) => s.name === '台帳')!;
      const inputDump = await dump(file, '台帳');
      for (let r = FIRST_DATA_ROW; r < FIRST_DATA_ROW + TRICKY.length; r++) {
        const m = masterLedger.rows.findIndex((_, k) => {
          const p = provenance(master, '台帳', k);
          return k >= FIRST_DATA_ROW && p.file === file.split('/').pop() && p.row === String(r + 1);
        });
        expect(m, `${file} row ${r + 1} is in the master`).toBeGreaterThan(0);
        // Our reader: the same values (strings identical to the code unit), both ways.
        expect(masterLedger.rows[m].slice(0, width)).toEqual(
          input.rows[r]
            .slice(0, width)
            .concat(Array(Math.max(0, width - input.rows[r].length)).fill(undefined))
            .slice(0, width),
        );
        // openpyxl: the same values as it reads them from the input, except for a literal "_x0041_" in the text.
        // Excel escapes such text as "_x005F_x0041_" and unescapes every _xHHHH_ on reading, as our reader does;
        // openpyxl and exceljs write it unescaped, and openpyxl unescapes only _x005F_ and only in shared strings (the
        // master writes inline strings). Our reader's comparison above covers those cells.
        const literalX = (v: unknown) => typeof v === 'string' && /_x[0-9A-F]{4}_/.test(v);
        const mine = masterDump[m]
          .slice(0, width)
          .map((v, k) => (literalX(inputDump[r][k]) || literalX(v) ? 'skip' : v));
        const theirs = inputDump[r].slice(0, width).map((v) => (literalX(v) ? 'skip' : v));
        expect(mine).toEqual(theirs);
        compared++;
      }
    }
    expect(compared).toBe(TRICKY.length * 3);
    // And the strings really are the tricky ones (nothing normalised on the way in either).
    const names = masterLedger.rows.slice(FIRST_DATA_ROW).map((row) => row[4]);
    for (const t of TRICKY.filter((x) => !x.includes('\r'))) expect(names).toContain(t);
  });
});
