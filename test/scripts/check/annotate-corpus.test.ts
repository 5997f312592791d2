// The annotated copy of files we did not write: every readable workbook of the real-world corpus (Excel, LibreOffice,
// Google Sheets, Numbers' exports, POI, odd part paths, namespace prefixes, cells without r attributes, existing
// comments) gets marks and notes on its first sheet — at a cell that exists, a cell in an existing row, and a row
// past the end — and a findings sheet. The copy must read back with every original cell unchanged, and open in
// openpyxl with the notes where they were put.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { annotatePackage } from '../../../scripts/annotate/annotate.js';
import type { FileResult } from '../../../scripts/file-result.js';
import { readXlsx, UnreadableError } from '../../../scripts/io/read-xlsx.js';
import type { Issue } from '../../../templates/model/types.js';
import { addedIssues, describeIssue, hasOoxmlCheck, ooxmlCheck } from '../../helpers/ooxml.js';
import { hasLibreOffice, hasOpenpyxl, SYSTEM_PYTHON } from '../../helpers/producers.js';
import { CORPUS } from './cli-helpers.js';

const run = promisify(execFile);
const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
let out: string;
const written: { file: string; copy: string; sheet: string; cells: string[] }[] = [];

const issue = (sheet: string, cell: string | null, severity: Issue['severity']): Issue => ({
  rule: 'RULE-FAILED',
  severity,
  sheet,
  cell,
  field: null,
  value: null,
  message: { ja: `テスト ${cell}`, en: `test ${cell}` },
});

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'daicho-annotate-corpus-'));
});

describe('annotating the real-world corpus', () => {
  it('marks every readable workbook and changes none of its values', async () => {
    const files = (await readdir(CORPUS)).filter((f) => !/\.(md|tsv)$/i.test(f)).sort();
    let readable = 0;
    const failures: string[] = [];
    for (const file of files) {
      const bytes = await readFile(join(CORPUS, file));
      let grid;
      try {
        grid = readXlsx(bytes, { fileName: file });
      } catch (e) {
        if (e instanceof UnreadableError) continue;
        throw e;
      }
      readable++;
      const first = grid.sheets[0];
      const lastRow = first.rows.length;
      // An existing cell (the first value), a cell beside it, and a row past the end.
      const r0 = first.rows.findIndex((r) => r && r.some((v) => v !== null && v !== undefined));
      const c0 = r0 >= 0 ? first.rows[r0].findIndex((v) => v !== null && v !== undefined) : 0;
      const at = (r: number, c: number) => `${String.fromCharCode(65 + (c % 26))}${r + 1}`;
      const cells = [
        ...new Set([
          at(Math.max(0, r0), Math.min(25, Math.max(0, c0))),
          at(Math.max(0, r0), Math.min(25, Math.max(0, c0) + 1)),
          at(lastRow + 2, 3),
        ]),
      ];
      const result: FileResult = {
        path: file,
        status: 'invalid',
        template: null,
        issues: [
          ...cells.map((c, k) => issue(first.name, c, (['error', 'warning', 'info'] as const)[k % 3])),
          issue(first.name, null, 'warning'),
          { ...issue('', null, 'error'), sheet: null },
        ],
      };
      let copy: Uint8Array;
      try {
        copy = annotatePackage(bytes, result, { lang: 'ja', fileName: file });
      } catch (e) {
        failures.push(`${file}: ${(e as Error).message}`);
        continue;
      }
      const again = readXlsx(copy, { fileName: file });
      expect(again.sheets[0].name, file).toBe('指摘一覧');
      const same = again.sheets.slice(1);
      expect(
        same.map((s) => s.name),
        file,
      ).toEqual(grid.sheets.map((s) => s.name));
      same.forEach((s, k) => expect(s.rows, `${file} ${s.name}`).toEqual(grid.sheets[k].rows));
      const path = join(out, file.replace(/\.xlsm$/i, '.xlsx') === file ? file : file);
      await writeFile(path, copy);
      written.push({ file, copy: path, sheet: first.name, cells });
    }
    expect(failures).toEqual([]);
    expect(readable).toBeGreaterThan(100);
  }, 120_000);

  it.skipIf(!hasOoxmlCheck())(
    'adds no ooxml-check error or warning to the copy of any Excel-written workbook',
    async () => {
      const manifest = (await readFile(join(CORPUS, 'MANIFEST.tsv'), 'utf8')).split('\n').map((l) => l.split('\t'));
      const byExcel = new Set(
        manifest.filter((f) => /^Microsoft (Macintosh )?Excel/.test(f[8] ?? '')).map((f) => f[0]),
      );
      // ooxml-check spends minutes on this one's thousands of merged ranges (its overlap test is quadratic).
      byExcel.delete('poi__57893-many-merges.xlsx');
      const chosen = written.filter((w) => byExcel.has(w.file));
      expect(chosen.length).toBeGreaterThan(80);
      const originals = chosen.map((w) => join(CORPUS, w.file));
      const checked = await ooxmlCheck([...originals, ...chosen.map((w) => w.copy)]);
      // ooxml-check reads <legacyDrawing r:id> in the Transitional namespace only: in a Strict package (whose r:id is
      // purl.oclc.org's, as ours there) it sees no drawing, hence no note shapes.
      const strictBlind = /^(<legacyDrawing r:id=None> not in sheet rels|comment \S+ has no VML Note shape at .*)$/;
      const added = [];
      for (const [k, w] of chosen.entries()) {
        const strict = Object.values(
          unzipSync(await readFile(originals[k]), { filter: (f) => f.name.endsWith('workbook.xml') }),
        ).some((b) => strFromU8(b).includes(STRICT_MAIN));
        for (const i of addedIssues(checked.get(originals[k])!, checked.get(w.copy)!))
          if (!(strict && strictBlind.test(i.msg))) added.push(`${w.file}: ${describeIssue(i)}`);
      }
      expect(added).toEqual([]);
    },
    600_000,
  );

  // openpyxl looks relationship parts up case-sensitively: for xl/worksheets/Sheet1.xml it never finds
  // _rels/sheet1.xml.rels (Excel does), so it sees neither that sheet's charts nor our notes.
  const OPENPYXL_CASE = new Set(['poi__123233_charts.xlsx']);

  it.skipIf(!hasOpenpyxl())(
    'opens every copy in openpyxl with the notes where they were put',
    async () => {
      const script = `
import json, sys, warnings, openpyxl
from openpyxl.cell.cell import MergedCell
warnings.simplefilter("ignore")
out = {}
for spec in json.load(open(sys.argv[1])):
    try:
        wb = openpyxl.load_workbook(spec["copy"])
        ws = wb[spec["sheet"]]
        # openpyxl gives a cell hidden inside a merged area no comment: only count the others.
        cells = [c for c in spec["cells"] if not isinstance(ws[c], MergedCell)]
        out[spec["file"]] = {"first": wb.sheetnames[0], "cells": cells, "notes": [c for c in cells if ws[c].comment is not None and "RULE-FAILED" in ws[c].comment.text]}
    except Exception as e:
        out[spec["file"]] = {"error": f"{type(e).__name__}: {e}"}
print(json.dumps(out, ensure_ascii=False))
`;
      const list = join(out, 'list.json');
      await writeFile(list, JSON.stringify(written));
      const { stdout } = await run(SYSTEM_PYTHON, ['-c', script, list], { maxBuffer: 64 << 20, timeout: 170_000 });
      const seen = JSON.parse(stdout) as Record<
        string,
        { first?: string; cells?: string[]; notes?: string[]; error?: string }
      >;
      // Files openpyxl cannot read even as originals are not ours to fix: only compare where the original opens.
      const originals = JSON.parse(
        (
          await run(
            SYSTEM_PYTHON,
            [
              '-c',
              `
import json, sys, warnings, openpyxl
warnings.simplefilter("ignore")
ok = {}
for f in json.load(open(sys.argv[1])):
    try:
        # openpyxl reads Strict OOXML as a workbook without sheets: that file says nothing about our copy.
        ok[f["file"]] = f["sheet"] in openpyxl.load_workbook(f["file_path"]).sheetnames
    except Exception as e:
        ok[f["file"]] = False
print(json.dumps(ok))
`,
              await (async () => {
                const p = join(out, 'originals.json');
                await writeFile(
                  p,
                  JSON.stringify(
                    written.map((w) => ({ file: w.file, sheet: w.sheet, file_path: join(CORPUS, w.file) })),
                  ),
                );
                return p;
              })(),
            ],
            { maxBuffer: 64 << 20, timeout: 170_000 },
          )
        ).stdout,
      ) as Record<string, boolean>;
      const problems: string[] = [];
      for (const w of written) {
        if (!originals[w.file] || OPENPYXL_CASE.has(w.file)) continue;
        const v = seen[w.file];
        if (v.error) problems.push(`${w.file}: ${v.error}`);
        else {
          if (v.first !== '指摘一覧') problems.push(`${w.file}: first sheet ${v.first}`);
          if (v.notes?.length !== v.cells?.length)
            problems.push(`${w.file}: notes on ${v.notes?.join(',')} of ${v.cells?.join(',')}`);
        }
      }
      expect(problems).toEqual([]);
    },
    180_000,
  );

  it.skipIf(!hasLibreOffice())(
    'opens copies of very different producers in LibreOffice',
    async () => {
      // Strict OOXML, an x:-prefixed package without styles, merges and pictures, Google Sheets, Numbers, POI, macros.
      const pick = [
        'poi__57914.xlsx',
        'poi__59021.xlsx',
        'calamine__issue_261.xlsx',
        'calamine__issue281.xlsm',
        'sheetjs__number_format_google.xlsx',
        'excelize__MergeCell.xlsx',
        'poi__InlineStrings.xlsx',
        'poi__45540_form_Header.xlsx',
      ];
      const chosen = written.filter((w) => pick.includes(w.file) || /numbers|google/i.test(w.file)).slice(0, 12);
      expect(chosen.length).toBeGreaterThanOrEqual(6);
      const outDir = join(out, 'lo');
      await run(
        'soffice',
        [
          `-env:UserInstallation=file://${out}/lo-profile`,
          '--headless',
          '--norestore',
          '--convert-to',
          'xlsx:Calc MS Excel 2007 XML',
          '--outdir',
          outDir,
          ...chosen.map((w) => w.copy),
        ],
        { timeout: 170_000 },
      );
      const converted = new Set(await readdir(outDir));
      for (const w of chosen) expect(converted.has(w.file.replace(/\.xlsm$/i, '.xlsx')), w.file).toBe(true);
      // What LibreOffice wrote still has our findings sheet first.
      for (const w of chosen) {
        const grid = readXlsx(await readFile(join(outDir, w.file.replace(/\.xlsm$/i, '.xlsx'))));
        expect(grid.sheets[0].name, w.file).toBe('指摘一覧');
      }
    },
    180_000,
  );
});
