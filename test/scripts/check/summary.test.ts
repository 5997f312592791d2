// --summary: one row per file and one row per finding, each an Excel table with filters, read back with openpyxl.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_AS_OF, writeSamples } from '../../../scripts/samples/write.js';
import { hasOpenpyxl, SYSTEM_PYTHON } from '../../helpers/producers.js';
import { daicho, ensureBuilt, type JsonReport } from './cli-helpers.js';

const run = promisify(execFile);
let dir: string;

const READ_TABLES = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "tables": {}}
for ws in wb.worksheets:
    for name in list(ws.tables.keys()):
        t = ws.tables[name]
        rows = [[c.value for c in r] for r in ws[t.ref]]
        out["tables"][name] = {"sheet": ws.title, "ref": t.ref, "filter": t.autoFilter is not None, "rows": rows,
                               "freeze": ws.freeze_panes, "formats": [ws.cell(2, i + 1).number_format for i in range(len(rows[0]))]}
print(json.dumps(out, ensure_ascii=False, default=str))
`;

interface Tables {
  sheets: string[];
  tables: Record<
    string,
    { sheet: string; ref: string; filter: boolean; rows: unknown[][]; freeze: string | null; formats: string[] }
  >;
}

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-summary-'));
  await writeSamples(join(dir, 'samples'));
  await writeFile(join(dir, 'samples', 'old.xls'), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}, 180_000);

describe.skipIf(!hasOpenpyxl())('the summary workbook', () => {
  it('has a files table and a findings table, with filters, frozen headers and the score as a percentage', async () => {
    const out = join(dir, 'summary.xlsx');
    const json = join(dir, 'summary.json');
    const r = await daicho(['check', join(dir, 'samples'), '--summary', out, '--json', json, '--as-of', SAMPLE_AS_OF]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`集計ブックを ${out} に作成しました。`);
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    const { stdout } = await run(SYSTEM_PYTHON, ['-c', READ_TABLES, out], { maxBuffer: 64 << 20 });
    const v = JSON.parse(stdout) as Tables;
    expect(v.sheets).toEqual(['ファイル一覧', '指摘一覧']);
    const files = v.tables.DaichoFiles;
    expect(files.filter).toBe(true);
    expect(files.freeze).toBe('A2');
    expect(files.rows[0]).toEqual([
      'ファイル',
      'テンプレート',
      '版',
      '会社名・部門',
      '状態',
      'エラー',
      '警告',
      '情報',
      '得点率',
      '評価',
      '重大指摘',
      '主な指摘',
    ]);
    expect(files.rows.slice(1).map((row) => row[0])).toEqual(report.files.map((f) => f.path));
    expect(files.formats[8]).toBe('0.0%');
    const sc4 = files.rows.find((row) => String(row[0]).includes('sc-04'))!;
    // Red flags: status 要対応 and the band capped at C (Amendment 5), though the rate is A-level.
    expect(sc4.slice(1, 11)).toEqual([
      'supplier-checklist',
      1,
      'ダミー化成株式会社',
      '要対応',
      0,
      0,
      0,
      report.files.find((f) => f.path.includes('sc-04'))!.score!.rate,
      'C',
      'II-5, V-9',
    ]);
    const sc3 = files.rows.find((row) => String(row[0]).includes('sc-03'))!;
    expect([sc3[8], sc3[9]]).toEqual([null, '未完了（回答 22/37、暫定 100%）']);
    const old = files.rows.find((row) => String(row[0]).endsWith('old.xls'))!;
    expect(old[4]).toBe('読込不可');
    expect(String(old[11])).toMatch(/^FILE-UNREADABLE: /);
    const findings = v.tables.DaichoFindings;
    expect(findings.sheet).toBe('指摘一覧');
    expect(findings.filter).toBe(true);
    expect(findings.rows[0]).toEqual([
      'ファイル',
      '会社名・部門',
      'シート',
      'セル',
      '重要度',
      'ルール',
      '項目',
      '値',
      '内容',
    ]);
    expect(findings.rows.length - 1).toBe(report.files.reduce((n, f) => n + f.issues.length, 0));
    expect(findings.rows).toContainEqual(expect.arrayContaining(['チェックリスト', 'E25', 'エラー', 'SC-ANSWER']));
  });

  it('is in English with --lang en, and is never overwritten without --force', async () => {
    const out = join(dir, 'summary-en.xlsx');
    await daicho([
      'check',
      join(dir, 'samples', 'supplier-checklist'),
      '--summary',
      out,
      '--lang',
      'en',
      '--as-of',
      SAMPLE_AS_OF,
    ]);
    const { stdout } = await run(SYSTEM_PYTHON, ['-c', READ_TABLES, out]);
    const v = JSON.parse(stdout) as Tables;
    expect(v.sheets).toEqual(['Files', 'Findings']);
    expect(v.tables.DaichoFiles.rows[0][0]).toBe('File');
    const before = await readFile(out);
    const again = await daicho([
      'check',
      join(dir, 'samples', 'supplier-checklist'),
      '--summary',
      out,
      '--as-of',
      SAMPLE_AS_OF,
    ]);
    expect(again.code).toBe(2);
    expect(await readFile(out)).toEqual(before);
    expect(
      (
        await daicho([
          'check',
          join(dir, 'samples', 'supplier-checklist'),
          '--summary',
          out,
          '--force',
          '--as-of',
          SAMPLE_AS_OF,
        ])
      ).code,
    ).toBe(1);
  });
});
