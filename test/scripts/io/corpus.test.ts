// Every file of the real-world corpus comes out as a Grid or a named UnreadableError, quickly; and where exceljs
// reads a file fine, we read the same sheets and the same values.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { cellAt, isCellError, type CellValue, type Grid } from '../../../templates/model/grid.js';
import { readXlsxFile, UnreadableError } from '../../../scripts/io/read-xlsx.js';
import { sniff } from '../../../scripts/io/sniff.js';
import { CORPUS } from '../check/cli-helpers.js';

const DIR = CORPUS;

interface Row {
  file: string;
  ext: string;
  container: string;
  features: string;
  status: string;
  detail: string;
}

const manifest = new Map<string, Row>();
for (const line of readFileSync(join(DIR, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1)) {
  const c = line.split('\t');
  manifest.set(c[0], { file: c[0], ext: c[6], container: c[7], features: c[9], status: c[10], detail: c[11] ?? '' });
}
const files = readdirSync(DIR)
  .filter((f) => !/\.(md|tsv)$/i.test(f))
  .sort();

type Outcome = { grid: Grid } | { code: string };
const outcomes = new Map<string, Outcome>();
const timings: [string, number][] = [];

/** What we must say about a file, from its MANIFEST row; undefined = must read (≥1 sheet). */
function expectedCode(r: Row): string | string[] | undefined {
  if (r.container.startsWith('cfb(encrypted')) return 'encrypted';
  if (r.container.startsWith('cfb(BIFF') || /^other\(0[0-9]0[0-9]0/.test(r.container)) return 'legacy-xls';
  if (r.container.startsWith('flat-xml(fods)')) return 'ods';
  if (r.container.startsWith('other(')) return 'not-spreadsheet';
  if (r.container === 'zip(damaged)') return undefined; // checked separately: read, or damaged
  if (r.ext === 'ods') return 'ods';
  if (r.ext === 'xlsb') return 'xlsb';
  if (r.ext === 'numbers') return 'numbers';
  return undefined;
}

// Files whose MANIFEST row alone does not say it, with the reason.
const SPECIAL: Record<string, string> = {
  'excelize__BadWorkbook.xlsx': 'no-sheets', // <sheets/> is empty
  'poi__invalid.xlsx': 'empty', // a zip with no entries
  'poi__poc-xmlbomb.xlsx': 'xml-doctype', // billion laughs in sharedStrings.xml
  'poi__xlsx-corrupted.xlsx': 'malformed-xml', // "CORRUPTED" after the XML declaration of _rels/.rels
  'poi__duplicate-filename.xlsx': 'damaged-zip', // two entries named xl/worksheets/sheet1.xml: ambiguous
};

describe('the real-world corpus', () => {
  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  for (const file of files) {
    it(file, async () => {
      const t0 = performance.now();
      let outcome: Outcome;
      try {
        outcome = { grid: await readXlsxFile(join(DIR, file)) };
      } catch (e) {
        if (!(e instanceof UnreadableError)) throw e;
        outcome = { code: e.code };
      }
      const ms = performance.now() - t0;
      timings.push([file, ms]);
      outcomes.set(file, outcome);
      expect(ms).toBeLessThan(3000);
      if ('grid' in outcome) expect(outcome.grid.sheets.length).toBeGreaterThanOrEqual(1);

      // sniff must agree with the reader about what the file is.
      const s = sniff(readFileSync(join(DIR, file)), file);
      if (s.kind !== 'unreadable') expect(['xlsx', 'xlsm']).toContain(s.kind);

      const row = manifest.get(file);
      expect(row, 'file missing from MANIFEST.tsv').toBeDefined();
      if (!row) return;
      const want = SPECIAL[file] ?? expectedCode(row);
      const got = 'grid' in outcome ? 'grid' : outcome.code;
      if (want !== undefined) expect(got).toBe(want);
      else if (row.container === 'zip(damaged)') expect(['grid', 'damaged-zip', 'malformed-xml']).toContain(got);
      else expect(got).toBe('grid');
      if (
        s.kind === 'unreadable' &&
        ['encrypted', 'legacy-xls', 'ods', 'xlsb', 'numbers', 'not-spreadsheet'].includes(s.code)
      ) {
        expect(s.code).toBe(got);
      }
    });
  }

  it('reads the .xlsx files exceljs resolved with zero sheets (non-standard part paths)', () => {
    const okEmpty = [...manifest.values()].filter(
      (r) => r.status === 'ok-empty' && ['xlsx', 'xlsm'].includes(r.ext) && r.container === 'zip' && !SPECIAL[r.file],
    );
    expect(okEmpty.map((r) => r.file).sort()).toEqual([
      'calamine__minimal_package.xlsx',
      'poi__123233_charts.xlsx',
      'poi__49609.xlsx',
    ]);
    for (const { file } of okEmpty) {
      const o = outcomes.get(file);
      expect(o && 'grid' in o && o.grid.sheets.some((s) => s.rows.length > 0), file).toBe(true);
    }
  });

  it('reads the 50,000-merge file in well under a few seconds', () => {
    const t = timings.find(([f]) => f === 'poi__57893-many-merges.xlsx');
    expect(t?.[1]).toBeLessThan(2000);
  });

  it('honours both 1904 spellings and hidden states found in the corpus', () => {
    const grid = (f: string): Grid => {
      const o = outcomes.get(f);
      if (!o || !('grid' in o)) throw new Error(`${f} not read`);
      return o.grid;
    };
    expect(grid('sheetjs__1904.xlsx').date1904).toBe(true);
    expect(grid('sheetjs__1900.xlsx').date1904).toBe(false);
    expect(grid('sheetjs__sheet_visibility.xlsx').sheets.map((s) => s.state)).toEqual([
      'visible',
      'hidden',
      'veryHidden',
    ]);
  });

  afterAll(() => {
    const total = timings.reduce((n, [, ms]) => n + ms, 0);
    const slowest = [...timings].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(
      `corpus: ${timings.length} files in ${total.toFixed(0)} ms; slowest:\n` +
        slowest.map(([f, ms]) => `  ${ms.toFixed(1).padStart(7)} ms  ${f}`).join('\n'),
    );
  });
});

// ---- against exceljs ------------------------------------------------------------------------------------------

/** exceljs's idea of a cell's value, reduced to what the Grid holds (undefined = not comparable here). */
function excelValue(v: ExcelJS.CellValue): CellValue | Date | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('error' in v) return { error: v.error };
  if ('formula' in v || 'sharedFormula' in v) {
    const r = (v as ExcelJS.CellFormulaValue).result;
    if (r === undefined || r === null) return undefined;
    return typeof r === 'object' && !(r instanceof Date) ? { error: (r as ExcelJS.CellErrorValue).error } : r;
  }
  if ('text' in v && 'hyperlink' in v) return typeof v.text === 'string' ? v.text : undefined;
  return undefined;
}

function serialToDate(serial: number, date1904: boolean | undefined): number {
  return Math.round((serial - (date1904 ? -1462 : 0) - 25569) * 86400000);
}

describe('same values as exceljs where exceljs reads the file', () => {
  let totalCompared = 0;
  afterAll(() => {
    console.log(`exceljs comparison: ${totalCompared} cells compared`);
    expect(totalCompared).toBeGreaterThan(50_000);
  });
  const okFiles = files.filter((f) => manifest.get(f)?.status === 'ok' && manifest.get(f)?.container === 'zip');
  const excluded = new Set(['poi__duplicate-filename.xlsx']);

  for (const file of okFiles) {
    if (excluded.has(file)) continue;
    it(file, async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(join(DIR, file)) as unknown as ExcelJS.Buffer);
      const grid = await readXlsxFile(join(DIR, file));
      expect(grid.sheets.map((s) => s.name)).toEqual(wb.worksheets.map((w) => w.name));
      let compared = 0;
      const mismatches: string[] = [];
      for (const ws of wb.worksheets) {
        const ours = grid.sheets.find((s) => s.name === ws.name);
        if (!ours) throw new Error(`missing sheet ${ws.name}`);
        ws.eachRow({ includeEmpty: false }, (row, rn) => {
          row.eachCell({ includeEmpty: false }, (cell, cn) => {
            // exceljs copies a merge's master value into every merged cell; Excel (and we) keep only the master.
            if (cell.isMerged && cell.master !== cell) return;
            let theirs = excelValue(cell.value);
            if (theirs === undefined) return;
            const mine = cellAt(ours, rn - 1, cn - 1);
            // Known exceljs faults, where Excel agrees with us:
            // it parses t="d" ISO text as a number ("2021-01-01" → 2021 → 1905-07-13),
            if (mine instanceof Date) return;
            // turns a text result in a date-formatted cell into an Invalid Date,
            if (theirs instanceof Date && Number.isNaN(theirs.getTime())) return;
            // and leaves _xHHHH_ escapes (_x000D_ = CR) undecoded.
            if (typeof theirs === 'string')
              theirs = theirs.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
            compared++;
            let same: boolean;
            if (theirs instanceof Date) {
              same = typeof mine === 'number' && Math.abs(serialToDate(mine, grid.date1904) - theirs.getTime()) < 1000;
              same ||= mine instanceof Date && mine.getTime() === theirs.getTime();
            } else if (isCellError(theirs)) same = isCellError(mine) && mine.error === theirs.error;
            else if (typeof theirs === 'number')
              same = typeof mine === 'number' && Math.abs(mine - theirs) <= Math.abs(theirs) * 1e-15;
            else same = mine === theirs;
            if (!same)
              mismatches.push(
                `${ws.name}!${cell.address}: exceljs ${JSON.stringify(theirs)} ours ${JSON.stringify(mine)}`,
              );
          });
        });
      }
      expect(mismatches.slice(0, 10)).toEqual([]);
      totalCompared += compared;
    });
  }
});
