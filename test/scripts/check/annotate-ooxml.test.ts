// Annotated copies of packages other programs wrote must open in Excel without a repair prompt: measured with
// ooxml-check, a copy adds no error and no warning its input lacked. Each case is a defect found in the field:
// notes on two sheets (one vml Default), openpyxl's VML (ns0:-prefixed, notes already there), .NET's per-sheet
// relationship prefixes (d3p1:id), more notes than one o:idmap block holds, comments without a drawing.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { annotatePackage } from '../../../scripts/annotate/annotate.js';
import type { FileResult } from '../../../scripts/file-result.js';
import { readXlsx } from '../../../scripts/io/read-xlsx.js';
import type { Issue } from '../../../templates/model/types.js';
import { addedIssues, describeIssue, hasOoxmlCheck, ooxmlCheck } from '../../helpers/ooxml.js';
import { SAMPLE_AS_OF, writeSamples } from '../../../scripts/samples/write.js';
import { hasLibreOffice, hasOpenpyxl } from '../../helpers/producers.js';
import { daicho, ensureBuilt, python, type JsonReport } from './cli-helpers.js';

const run = promisify(execFile);
let dir: string;

const finding = (sheet: string, cell: string, k = 0): Issue => ({
  rule: 'RULE-FAILED',
  severity: (['error', 'warning', 'info'] as const)[k % 3],
  sheet,
  cell,
  field: null,
  value: null,
  message: { ja: `テスト ${sheet}!${cell}`, en: `test ${sheet}!${cell}` },
});
const resultOf = (path: string, issues: Issue[]): FileResult => ({ path, status: 'invalid', template: null, issues });

function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
/** `n` distinct cells of a sheet, row by row over ten columns. */
const manyCells = (sheet: string, n: number): Issue[] =>
  Array.from({ length: n }, (_, k) => finding(sheet, `${colName(k % 10)}${Math.floor(k / 10) + 1}`, k));

/** Annotates `input` with `issues`, writes the copy beside it and returns what ooxml-check finds added. */
async function annotateAndCompare(input: string, issues: Issue[]): Promise<{ copy: string; added: string[] }> {
  const bytes = await readFile(input);
  const copy = input.replace(/\.xlsx$/, '.annotated.xlsx');
  await writeFile(copy, annotatePackage(bytes, resultOf(input, issues), { lang: 'ja', fileName: 'x.xlsx' }));
  const checked = await ooxmlCheck([input, copy]);
  return { copy, added: addedIssues(checked.get(input)!, checked.get(copy)!).map(describeIssue) };
}

/** Rewrites some parts of a package (as text). */
async function rewrite(src: string, dst: string, edit: (name: string, xml: string) => string): Promise<void> {
  const files = unzipSync(new Uint8Array(await readFile(src)));
  for (const [name, data] of Object.entries(files))
    if (/\.(xml|rels|vml)$/.test(name)) files[name] = strToU8(edit(name, strFromU8(data)));
  await writeFile(dst, zipSync(files));
}

const canRun = hasOpenpyxl() && hasOoxmlCheck();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daicho-annotate-ooxml-'));
  if (!canRun) return;
  // Two sheets written by openpyxl, without and with notes of their own (openpyxl's VML declares its prefixes on
  // each element: ns0:shape, ns2:ClientData …).
  await python(
    `
import json, sys, openpyxl
from openpyxl.comments import Comment
for name, notes in (("plain", False), ("notes", True)):
    wb = openpyxl.Workbook()
    a = wb.active
    a.title = "台帳"
    b = wb.create_sheet("委託先")
    for ws in (a, b):
        for r in range(1, 31):
            for c in range(1, 11):
                ws.cell(r, c, f"{ws.title}{r}-{c}")
    if notes:
        a["A1"].comment = Comment("supplier note A1", "Supplier")
        a["B2"].comment = Comment("supplier note B2", "Supplier")
        b["C3"].comment = Comment("supplier note C3", "Supplier")
    wb.save(sys.argv[1] + "/" + name + ".xlsx")
print("{}")
`,
    [dir],
  );
});

describe.skipIf(!canRun)('annotated copies add no ooxml-check issue to packages other programs wrote', () => {
  it('notes on two sheets of a package without a vml Default: one Default, not two', async () => {
    const { copy, added } = await annotateAndCompare(join(dir, 'plain.xlsx'), [
      finding('台帳', 'B2'),
      finding('委託先', 'C3'),
    ]);
    expect(added).toEqual([]);
    const ct = strFromU8(unzipSync(new Uint8Array(await readFile(copy)))['[Content_Types].xml']);
    expect(ct.match(/Extension="vml"/g)).toHaveLength(1);
  });

  it("adds to openpyxl's own VML drawing with declared prefixes and no second shape on a cell that has a note", async () => {
    // A1 and C3 already carry the supplier's notes; D4 and E5 do not.
    const { copy, added } = await annotateAndCompare(join(dir, 'notes.xlsx'), [
      finding('台帳', 'A1'),
      finding('台帳', 'D4'),
      finding('委託先', 'C3'),
      finding('委託先', 'E5'),
    ]);
    expect(added).toEqual([]);
    const notes = (await python(
      `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({f"{ws.title}!{c.coordinate}": c.comment.text for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment}, ensure_ascii=False))
`,
      [copy],
    )) as Record<string, string>;
    expect(Object.keys(notes).sort()).toEqual(['台帳!A1', '台帳!B2', '台帳!D4', '委託先!C3', '委託先!E5'].sort());
    expect(notes['台帳!A1']).toMatch(/^Daicho:\n[\s\S]*RULE-FAILED[\s\S]*supplier note A1$/);
    expect(notes['台帳!B2']).toBe('supplier note B2');
  });

  it('keeps workbook.xml well-formed when each <sheet> declares its own relationships prefix (.NET writers)', async () => {
    const input = join(dir, 'dotnet.xlsx');
    await rewrite(join(dir, 'plain.xlsx'), input, (name, xml) => {
      if (name !== 'xl/workbook.xml') return xml;
      const ns = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
      return xml
        .replace(` xmlns:r="${ns}"`, '')
        .replace(
          /<sheet ([^>]*?)r:id="([^"]+)"/g,
          (_m, attrs: string, id: string) => `<sheet ${attrs}d3p1:id="${id}" xmlns:d3p1="${ns}"`,
        );
    });
    expect(strFromU8(unzipSync(new Uint8Array(await readFile(input)))['xl/workbook.xml'])).toContain('d3p1:id=');
    const { copy, added } = await annotateAndCompare(input, [finding('台帳', 'B2')]);
    expect(added).toEqual([]);
    expect(readXlsx(new Uint8Array(await readFile(copy))).sheets.map((s) => s.name)).toEqual([
      '指摘一覧',
      '台帳',
      '委託先',
    ]);
  });

  it('keeps the shape ids of 1,500 notes per sheet inside each drawing’s o:idmap blocks', async () => {
    const { added } = await annotateAndCompare(join(dir, 'plain.xlsx'), [
      ...manyCells('台帳', 1500),
      ...manyCells('委託先', 1500),
    ]);
    expect(added).toEqual([]);
  }, 120_000);

  it('adds 1,500 notes to drawings that already have notes without leaving their idmap blocks', async () => {
    const input = join(dir, 'notes-big.xlsx');
    await rewrite(join(dir, 'notes.xlsx'), input, (_n, xml) => xml);
    const { added } = await annotateAndCompare(input, [...manyCells('台帳', 1500), ...manyCells('委託先', 1500)]);
    expect(added).toEqual([]);
  }, 120_000);

  it('gives the notes of a sheet whose comments had no drawing their shapes', async () => {
    const input = join(dir, 'no-drawing.xlsx');
    // The comments stay, the <legacyDrawing> goes (some writers leave notes that way).
    await rewrite(join(dir, 'notes.xlsx'), input, (name, xml) =>
      /worksheets\/sheet\d\.xml$/.test(name) ? xml.replace(/<legacyDrawing [^>]*\/>/, '') : xml,
    );
    const { added } = await annotateAndCompare(input, [finding('台帳', 'D4'), finding('委託先', 'C3')]);
    expect(added).toEqual([]);
  });
});

// What a real return looks like: our samples after a supplier's LibreOffice or openpyxl saved them, with and without
// notes of their own, and a ledger with thousands of findings on two sheets; annotated by the CLI as a user would.
describe.skipIf(!canRun)('annotated copies of re-saved samples and of a ledger with thousands of findings', () => {
  const sets: Record<string, string> = {};
  let report: JsonReport;

  beforeAll(async () => {
    await ensureBuilt();
    const at = (p: string) => join(dir, 'returns', p);
    const samples = await writeSamples(at('samples'));
    await mkdir(at('openpyxl'), { recursive: true });
    await python(
      `
import json, os, sys, openpyxl
for f in sys.argv[2:]:
    openpyxl.load_workbook(f).save(os.path.join(sys.argv[1], os.path.basename(f)))
print("{}")
`,
      [at('openpyxl'), ...samples],
    );
    sets.openpyxl = at('openpyxl');
    // The supplier's own notes: on the first flagged cell of each flagged sheet, and on A1 of every visible sheet.
    const json = at('openpyxl.json');
    await daicho(['check', at('openpyxl'), '--json', json, '--as-of', SAMPLE_AS_OF]);
    await mkdir(at('openpyxl-notes'), { recursive: true });
    await python(
      `
import json, os, sys, openpyxl
from openpyxl.comments import Comment
for r in json.load(open(sys.argv[1]))["files"]:
    wb = openpyxl.load_workbook(r["path"])
    seen = set()
    for i in r["issues"]:
        if i["sheet"] in wb.sheetnames and i["cell"] and i["sheet"] not in seen:
            seen.add(i["sheet"])
            wb[i["sheet"]][i["cell"]].comment = Comment("supplier note", "Supplier")
    for ws in wb.worksheets:
        if ws.sheet_state == "visible" and ws["A1"].comment is None:
            ws["A1"].comment = Comment("sheet note", "Supplier")
    wb.save(os.path.join(sys.argv[2], os.path.basename(r["path"])))
print("{}")
`,
      [json, at('openpyxl-notes')],
    );
    sets['openpyxl-notes'] = at('openpyxl-notes');
    if (hasLibreOffice()) {
      const notes = (await readdir(at('openpyxl-notes'))).map((n) => join(at('openpyxl-notes'), n));
      for (const [name, files] of [
        ['libreoffice', samples],
        ['libreoffice-notes', notes],
      ] as const) {
        await run(
          'soffice',
          [
            `-env:UserInstallation=file://${dir}/lo-profile`,
            '--headless',
            '--norestore',
            '--convert-to',
            'xlsx:Calc MS Excel 2007 XML',
            '--outdir',
            at(name),
            ...files,
          ],
          { timeout: 240_000 },
        );
        sets[name] = at(name);
      }
    }
    // A ledger with 300 rows that hold only a 管理番号 and 600 risk rows with a 管理番号 and a 局面 not in its list:
    // 7,500 + 2,400 findings, each on a cell. A file lists at most 1,000 of one rule, sheet and severity
    // (FINDINGS-OMITTED counts the rest), so the risk sheet's 局面 is wrong too: 600 V-ENUM beside 1,000 V-REQUIRED.
    await daicho(['template', 'pi-ledger', '-o', at('template')]);
    await mkdir(at('big'));
    await python(
      `
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
for i in range(300):
    wb["台帳"].cell(3 + i, 1, f"A-{i + 1:05d}")
for i in range(600):
    wb["リスク分析"].cell(3 + i, 1, f"A-{i % 300 + 1:05d}")
    wb["リスク分析"].cell(3 + i, 2, "不明")
wb.save(sys.argv[2])
print("{}")
`,
      [at('template/pi-ledger.xlsx'), at('big/big-ledger.xlsx')],
    );
    sets.big = at('big');
    for (const [name, input] of Object.entries(sets)) {
      const r = await daicho(
        [
          'check',
          input,
          '--annotate',
          at(`annotated-${name}`),
          '--json',
          at(`${name}-report.json`),
          '--as-of',
          SAMPLE_AS_OF,
        ],
        { timeoutMs: 300_000 },
      );
      expect(r.code, `${name}: ${r.stderr}`).toBe(1);
    }
    report = JSON.parse(await readFile(at('big-report.json'), 'utf8')) as JsonReport;
  }, 600_000);

  it('add no ooxml-check error or warning their input lacked', async () => {
    expect(Object.keys(sets)).toEqual(
      expect.arrayContaining([
        'openpyxl',
        'openpyxl-notes',
        'big',
        ...(hasLibreOffice() ? ['libreoffice', 'libreoffice-notes'] : []),
      ]),
    );
    const pairs: [string, string][] = [];
    for (const [name, input] of Object.entries(sets)) {
      const files = (await readdir(input)).filter((n) => n.endsWith('.xlsx'));
      expect(files.length, name).toBeGreaterThan(0);
      for (const n of files) pairs.push([join(input, n), join(dir, 'returns', `annotated-${name}`, n)]);
    }
    const checked = await ooxmlCheck(pairs.flat());
    const added = pairs.flatMap(([input, copy]) =>
      addedIssues(checked.get(input)!, checked.get(copy)!).map(
        (i) => `${copy.slice(dir.length + 1)}: ${describeIssue(i)}`,
      ),
    );
    expect(added).toEqual([]);
  }, 600_000);

  it('give each of the big ledger’s thousands of flagged cells its note', async () => {
    const flagged = new Set(report.files[0].issues.filter((i) => i.cell).map((i) => `${i.sheet}!${i.cell}`));
    const bySheet = (s: string) => [...flagged].filter((f) => f.startsWith(`${s}!`)).length;
    expect(bySheet('台帳')).toBeGreaterThan(1023);
    expect(bySheet('リスク分析')).toBeGreaterThan(1023);
    const notes = (await python(
      `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps([f"{ws.title}!{c.coordinate}" for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment and c.comment.text.startswith("[")], ensure_ascii=False))
`,
      [join(dir, 'returns', 'annotated-big', 'big-ledger.xlsx')],
    )) as string[];
    expect(new Set(notes)).toEqual(flagged);
  }, 120_000);
});
