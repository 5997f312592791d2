// The reports other tools read: the JSON of check, merge and audit validated against docs/report.schema.json (real
// output of the real CLI), English keys throughout, --json - on stdout, the CSV summary; and the run-level manners
// that go with them: empty inputs, the 対象外 total, --fail-on warning, colour by the stream's capabilities.
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_AS_OF, writeSamples } from '../../../scripts/samples/write.js';
import type { AuditReportJson, CheckReport, MergeReport } from '../../../scripts/report/json.js';
import { daicho, ensureBuilt, ROOT } from '../check/cli-helpers.js';

let dir: string;
let samples: string[];
let validate: ValidateFunction;
const sample = (name: string) => samples.find((p) => p.includes(name))!;
const version = async () =>
  (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** Every key of every object in the report, anywhere. */
function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) keysOf(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysOf(x, out);
    }
  }
  return out;
}

function expectValid(report: unknown): void {
  expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3), null, 1)).toBe(true);
  const keys = [...keysOf(report)];
  expect(keys.filter((k) => !/^[A-Za-z][A-Za-z0-9]*$/.test(k))).toEqual([]);
}

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-report-'));
  samples = await writeSamples(join(dir, 'samples'));
  validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
    JSON.parse(await readFile(join(ROOT, 'docs/report.schema.json'), 'utf8')) as object,
  );
  // A folder with one of each status: ok, invalid, not a template, unreadable.
  const mixed = join(dir, 'mixed');
  await mkdir(mixed);
  await copyFile(sample('sc-01'), join(mixed, 'a-ok.xlsx'));
  await copyFile(sample('sc-03'), join(mixed, 'b-invalid.xlsx'));
  await copyFile(sample('ce-01'), join(mixed, 'c-contractor.xlsx'));
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('売上').addRow(['月', '売上']);
  await wb.xlsx.writeFile(join(mixed, 'd-sales.xlsx'));
  await writeFile(join(mixed, 'e-broken.xlsx'), 'not a zip');
}, 180_000);

describe('daicho check --json', () => {
  it('validates against the schema, with the format version, the tool, subjects and English keys only', async () => {
    const json = join(dir, 'check.json');
    const r = await daicho([
      'check',
      join(dir, 'samples'),
      join(dir, 'mixed'),
      '--json',
      json,
      '--as-of',
      SAMPLE_AS_OF,
    ]);
    expect(r.code).toBe(1);
    const report = JSON.parse(await readFile(json, 'utf8')) as CheckReport;
    expectValid(report);
    expect(Object.keys(report)).toEqual(['format', 'formatVersion', 'tool', 'asOf', 'files', 'totals']);
    expect(report).toMatchObject({
      format: 'daicho-check',
      formatVersion: 1,
      tool: { name: 'daicho', version: await version() },
      asOf: SAMPLE_AS_OF,
    });
    const byName = (n: string) => report.files.find((f) => f.path.endsWith(n))!;
    expect(byName('a-ok.xlsx')).toMatchObject({ status: 'ok', subject: expect.any(String) as string });
    expect(byName('b-invalid.xlsx').status).toBe('invalid');
    expect(byName('d-sales.xlsx')).toMatchObject({ status: 'not-template', template: null, subject: null });
    expect(byName('e-broken.xlsx').status).toBe('unreadable');
    // Each file names its company or department, as the terminal line does (a legal register has none; sc-11 leaves
    // its company name empty).
    const subjects = report.files.filter(
      (x) => x.template && x.template.id !== 'legal-register' && !x.path.includes('sc-11'),
    );
    for (const f of subjects) expect(f.subject, f.path).toMatch(/\S/);
    expect(r.stdout).toContain(byName('a-ok.xlsx').subject!);
    // The contractor evaluation's score extras, in English.
    const ce = byName('c-contractor.xlsx').score!;
    expect(ce).toHaveProperty('expectedVerdict');
    expect(ce).toHaveProperty('passMark', 0.8);
    expect(ce.verdictReason).toEqual({
      ja: expect.stringContaining('合格基準') as string,
      en: expect.stringContaining('pass mark') as string,
    });
    const t = report.totals;
    expect(t.ok + t.invalid + t.notTemplate + t.unreadable).toBe(t.files);
    expect(t.notTemplate).toBe(1);
  });

  it('--json - writes the report to stdout and the text report to stderr', async () => {
    const r = await daicho(['check', join(dir, 'mixed'), '--json', '-', '--as-of', SAMPLE_AS_OF]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as CheckReport;
    expectValid(report);
    expect(report.files).toHaveLength(5);
    expect(r.stderr).toContain('合計 5 ファイル');
  });

  it('counts 対象外 apart from 要修正 in the totals line', async () => {
    const r = await daicho(['check', join(dir, 'mixed'), '--as-of', SAMPLE_AS_OF]);
    expect(r.stdout).toMatch(/合計 5 ファイル: OK \d+、要修正 \d+、対象外 1、読込不可 1（/);
    const en = await daicho(['check', join(dir, 'mixed'), '--as-of', SAMPLE_AS_OF, '--lang', 'en']);
    expect(en.stdout).toMatch(/5 files: \d+ ok, \d+ invalid, 1 not a template, 1 unreadable/);
  });

  it('audit counts 対象外 apart from 要修正 too: terminal line, JSON and audit.xlsx agree with check', async () => {
    const check = JSON.parse(
      (await daicho(['check', join(dir, 'mixed'), '--json', '-', '--as-of', SAMPLE_AS_OF])).stdout,
    ) as CheckReport;
    const out = join(dir, 'audit-mixed') + '/';
    const r = await daicho([
      'audit',
      join(dir, 'mixed'),
      '-o',
      out,
      '--json',
      join(dir, 'audit-mixed.json'),
      '--as-of',
      SAMPLE_AS_OF,
    ]);
    const c = check.totals;
    expect(r.stdout).toContain(`5 ファイル（OK ${c.ok}、要修正 ${c.invalid}、対象外 1、読込不可 1）`);
    const report = JSON.parse(await readFile(join(dir, 'audit-mixed.json'), 'utf8')) as AuditReportJson;
    expect(report.totals).toMatchObject({ ok: c.ok, invalid: c.invalid, notTemplate: 1, unreadable: 1 });
    const en = await daicho([
      'audit',
      join(dir, 'mixed'),
      '-o',
      join(dir, 'audit-mixed-en') + '/',
      '--lang',
      'en',
      '--as-of',
      SAMPLE_AS_OF,
    ]);
    expect(en.stdout).toContain(`5 files (${c.ok} ok, ${c.invalid} invalid, 1 not a template, 1 unreadable)`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'audit.xlsx'));
    const summary = wb.getWorksheet('概要')!;
    const totals = new Map<string, unknown>();
    summary.getRow(5).eachCell((cell, col) => totals.set(String(cell.value), summary.getCell(6, col).value));
    expect(Object.fromEntries(totals)).toMatchObject({
      ファイル: 5,
      OK: c.ok,
      要修正: c.invalid,
      対象外: 1,
      読込不可: 1,
    });
    const files = wb.getWorksheet('ファイル')!;
    const statusOf = (name: string) => files.getColumn(1).values.findIndex((v) => String(v).endsWith(name));
    expect(files.getCell(statusOf('d-sales.xlsx'), 5).value).toBe('対象外');
  });
});

describe('daicho merge --json and audit --json', () => {
  it('merge: the merged report and the refused one both validate', async () => {
    const ok = await daicho([
      'merge',
      join(dir, 'samples', 'pi-ledger'),
      '-o',
      join(dir, 'master.xlsx'),
      '--json',
      join(dir, 'merge.json'),
      '--as-of',
      SAMPLE_AS_OF,
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const merged = JSON.parse(await readFile(join(dir, 'merge.json'), 'utf8')) as MergeReport;
    expectValid(merged);
    expect(merged).toMatchObject({
      format: 'daicho-merge',
      result: 'merged',
      kind: 'table',
      template: { id: 'pi-ledger' },
    });
    expect(merged.sheets!.length).toBeGreaterThan(0);
    const refused = await daicho([
      'merge',
      join(dir, 'mixed'),
      '-o',
      join(dir, 'never.xlsx'),
      '--json',
      '-',
      '--as-of',
      SAMPLE_AS_OF,
    ]);
    expect(refused.code).toBe(1);
    const report = JSON.parse(refused.stdout) as MergeReport;
    expectValid(report);
    expect(report.result).toBe('refused');
    expect(report.problems!.length).toBeGreaterThan(0);
  });

  it('audit: validates, with contractors and the cross-workbook findings in the files', async () => {
    const r = await daicho([
      'audit',
      join(dir, 'samples'),
      '-o',
      join(dir, 'audit') + '/',
      '--json',
      join(dir, 'audit.json'),
      '--as-of',
      SAMPLE_AS_OF,
    ]);
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(await readFile(join(dir, 'audit.json'), 'utf8')) as AuditReportJson;
    expectValid(report);
    expect(report.format).toBe('daicho-audit');
    expect(report.contractors.some((c) => c.status === 'missing')).toBe(true);
    expect(report.files.flatMap((f) => f.issues).some((i) => i.rule === 'PL-OUTSOURCE')).toBe(true);
  });
});

/** RFC 4180 records of a CSV file (after its byte-order mark). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  expect(row.length === 0 && cell === '', 'the last record ends with CRLF').toBe(true);
  return rows;
}

async function readCsv(path: string): Promise<string[][]> {
  const bytes = await readFile(path);
  expect([...bytes.subarray(0, 3)], `${path}: byte-order mark`).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes.toString('utf8').slice(1));
}

describe('the summary as CSV', () => {
  it('writes the files table as UTF-8 with a BOM, CRLF, quoted where needed', async () => {
    const csv = join(dir, '集計.csv');
    const r = await daicho(['check', join(dir, 'mixed'), '--summary', csv, '--as-of', SAMPLE_AS_OF]);
    expect(r.code, r.stderr).toBe(1);
    const bytes = await readFile(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('ファイル,テンプレート,版,会社名・部門,状態,エラー,警告,情報,得点率,評価,重大指摘,主な指摘');
    expect(lines).toHaveLength(5 + 2); // header, 5 files, the empty string after the last CRLF
    expect(lines.find((l) => l.includes('d-sales.xlsx'))).toContain(',対象外,');
    expect(lines.find((l) => l.includes('a-ok.xlsx'))).toMatch(/,\d+(\.\d)?%,/);
  });

  it('writes the findings beside it (集計_指摘一覧.csv), a row per finding as in the JSON report, and refuses to replace it', async () => {
    const csv = join(dir, 'f', '集計.csv');
    const r = await daicho([
      'check',
      join(dir, 'samples'),
      '--summary',
      csv,
      '--json',
      join(dir, 'f.json'),
      '--as-of',
      SAMPLE_AS_OF,
    ]);
    expect(r.code, r.stderr).toBe(1);
    const findings = join(dir, 'f', '集計_指摘一覧.csv');
    expect(r.stdout).toContain(`集計（CSV）を ${csv}、${findings} に作成しました。`);
    const rows = await readCsv(findings);
    expect(rows[0]).toEqual(['ファイル', '会社名・部門', 'シート', 'セル', '重要度', 'ルール', '項目', '値', '内容']);
    const report = JSON.parse(await readFile(join(dir, 'f.json'), 'utf8')) as CheckReport;
    const expected = report.files.flatMap((f) =>
      f.issues.map((i) => [f.path, f.subject ?? '', i.sheet ?? '', i.cell ?? '', i.rule, i.message.ja]),
    );
    expect(rows.slice(1).map((x) => [x[0], x[1], x[2], x[3], x[5], x[8]])).toEqual(expected);
    expect(rows.slice(1).every((x) => ['エラー', '警告', '情報'].includes(x[4]))).toBe(true);
    // Both files are outputs: neither is replaced without --force.
    await writeFile(join(dir, 'g.csv'), 'x');
    await writeFile(join(dir, 'g_findings.csv'), 'mine');
    const again = await daicho([
      'check',
      join(dir, 'mixed'),
      '--summary',
      join(dir, 'g.csv'),
      '--lang',
      'en',
      '--force',
      '--as-of',
      SAMPLE_AS_OF,
    ]);
    expect(again.code, again.stderr).toBe(1);
    expect((await readCsv(join(dir, 'g_findings.csv')))[0][0]).toBe('File');
    await writeFile(join(dir, 'h_findings.csv'), 'mine');
    const refused = await daicho([
      'check',
      join(dir, 'mixed'),
      '--summary',
      join(dir, 'h.csv'),
      '--lang',
      'en',
      '--as-of',
      SAMPLE_AS_OF,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('h_findings.csv');
    expect(await readFile(join(dir, 'h_findings.csv'), 'utf8')).toBe('mine');
  });

  it('keeps a cell Excel would read as a formula as text (CSV injection): a leading apostrophe', async () => {
    // A department ledger whose cells start with = + - @, as anyone filling it in can type them.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sample('pl-04'));
    const ws = wb.getWorksheet('台帳')!;
    const formulas = ['=HYPERLINK("https://example.com/x","開く")', '@SUM(A1:A9)', '-2+3', '+81-3-1234'];
    for (let r = 3; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value) ws.getCell(r, 2).value = formulas[0]; // 部門: the file's subject
    ws.getCell('AE3').value = formulas[1]; // 最終確認日: not a date
    ws.getCell('I3').value = formulas[2]; // 媒体: not an option
    ws.getCell('J3').value = formulas[3]; // 取得形態: not an option
    await mkdir(join(dir, 'inject'), { recursive: true });
    await wb.xlsx.writeFile(join(dir, 'inject', 'ledger.xlsx'));
    const csv = join(dir, 'inject.csv');
    const r = await daicho(['check', join(dir, 'inject'), '--summary', csv, '--as-of', SAMPLE_AS_OF]);
    expect(r.code, r.stderr).toBe(1);
    const cells = [...(await readCsv(csv)), ...(await readCsv(join(dir, 'inject_指摘一覧.csv')))].flat();
    // Each typed text appears, and only ever behind an apostrophe.
    for (const f of formulas) expect(cells, f).toContain(`'${f}`);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });
});

describe('run-level manners', () => {
  it('an input with no workbooks is a clear message and exit 2, for check, merge and audit', async () => {
    const empty = join(dir, 'empty');
    await mkdir(join(empty, 'sub'), { recursive: true });
    await writeFile(join(empty, 'notes.txt'), 'x');
    for (const args of [
      ['check', empty],
      ['merge', empty, '-o', join(dir, 'm.xlsx')],
      ['audit', empty, '-o', join(dir, 'a') + '/'],
    ]) {
      const r = await daicho(args);
      expect(r.code, args[0]).toBe(2);
      expect(r.stderr).toMatch(/ブック（.xlsx など）が見つかりません: .*empty/);
      expect(r.stderr).toMatch(/no workbooks .* found in: .*empty/);
      expect(r.stdout).toBe('');
    }
  });

  it('--fail-on warning fails a run whose files have warnings but no errors', async () => {
    // sc-01 has no errors; the demo's clean ledger pl-04 neither. Find one with warnings only.
    const json = join(dir, 'warn.json');
    await daicho(['check', join(dir, 'samples'), '--json', json, '--as-of', SAMPLE_AS_OF]);
    const report = JSON.parse(await readFile(json, 'utf8')) as CheckReport;
    const warned = report.files.find((f) => f.status === 'ok' && f.issues.some((i) => i.severity === 'warning'))!;
    expect(warned, 'a sample with warnings only').toBeDefined();
    expect((await daicho(['check', warned.path, '--as-of', SAMPLE_AS_OF])).code).toBe(0);
    expect((await daicho(['check', warned.path, '--as-of', SAMPLE_AS_OF, '--fail-on', 'warning'])).code).toBe(1);
    expect((await daicho(['check', sample('sc-01'), '--as-of', SAMPLE_AS_OF, '--fail-on', 'warning'])).code).toBe(
      report.files.find((f) => f.path === sample('sc-01'))!.issues.some((i) => i.severity !== 'info') ? 1 : 0,
    );
  });

  it('colour: FORCE_COLOR through a pipe turns it on, NO_COLOR and the default pipe keep it off', async () => {
    const args = ['check', sample('sc-03'), '--as-of', SAMPLE_AS_OF];
    const env = (e: NodeJS.ProcessEnv) => ({ env: { NO_COLOR: undefined, FORCE_COLOR: undefined, ...e } });
    expect((await daicho(args, env({ FORCE_COLOR: '1' }))).stdout).toContain('\u001b[31m要修正');
    expect((await daicho(args, env({}))).stdout).not.toContain('\u001b[');
    expect((await daicho(args, env({ FORCE_COLOR: '0' }))).stdout).not.toContain('\u001b[');
  });

  it('expands * and ? in arguments the shell passed through (as cmd.exe does)', async () => {
    const r = await daicho(['check', join(dir, 'mixed', '?-*.xlsx'), '--json', '-', '--as-of', SAMPLE_AS_OF]);
    const report = JSON.parse(r.stdout) as CheckReport;
    expect(report.files.map((f) => f.path.slice(dir.length + 7))).toEqual([
      'a-ok.xlsx',
      'b-invalid.xlsx',
      'c-contractor.xlsx',
      'd-sales.xlsx',
      'e-broken.xlsx',
    ]);
    const folders = await daicho(['check', join(dir, 'samples', 'pi-*'), '--json', '-', '--as-of', SAMPLE_AS_OF]);
    expect((JSON.parse(folders.stdout) as CheckReport).files.every((f) => f.path.includes('pi-ledger'))).toBe(true);
    const none = await daicho(['check', join(dir, 'mixed', 'zz*.xlsx')]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/ファイルまたはフォルダがありません: .*zz\*\.xlsx/);
  });
});
