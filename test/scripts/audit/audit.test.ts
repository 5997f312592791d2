// `daicho audit` on the bundled samples as one company's folder: every finding of check plus the cross-workbook ones,
// a workbook and a self-contained HTML page with charts; the CLI's outputs and exit codes.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cellText } from '../../../templates/model/normalise.js';
import { runAudit, type AuditReport } from '../../../scripts/audit/audit.js';
import { auditHtml } from '../../../scripts/audit/html.js';
import { collectFiles } from '../../../scripts/collect.js';
import { readXlsxFile } from '../../../scripts/io/read-xlsx.js';
import { SAMPLE_AS_OF, writeSamples } from '../../../scripts/samples/write.js';
import { daicho, ensureBuilt, type JsonReport } from '../check/cli-helpers.js';

let dir: string;
let folder: string;
let report: AuditReport;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daicho-audit-'));
  folder = join(dir, 'pms-2026');
  await writeSamples(folder);
  report = await runAudit(await collectFiles([folder]), { asOf: SAMPLE_AS_OF, root: folder, jobs: 0 });
}, 60_000);

describe('the audit report', () => {
  it('has every finding check has, plus the cross-workbook ones', async () => {
    await ensureBuilt();
    const json = join(dir, 'check.json');
    await daicho(['check', folder, '--as-of', SAMPLE_AS_OF, '--json', json]);
    const check = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    const key = (
      file: string,
      i: { rule: string; sheet: string | null; cell: string | null; message: { ja: string } },
    ) => `${file}|${i.rule}|${i.sheet}|${i.cell}|${i.message.ja}`;
    const fromCheck = check.files.flatMap((f) => f.issues.map((i) => key(f.path.slice(folder.length + 1), i))).sort();
    const fromAudit = report.findings
      .filter((f) => !f.cross)
      .map((f) => key(f.file, f.issue))
      .sort();
    expect(fromAudit).toEqual(fromCheck);
    expect(
      report.findings.filter((f) => f.cross).map((f) => `${f.issue.rule} ${f.file} ${f.issue.sheet}!${f.issue.cell}`),
    ).toEqual([
      'CE-RETENTION contractor-evaluation/ce-02-souko-keiyaku-fubi.xlsx 判定!B8',
      'PL-OUTSOURCE pi-ledger/pl-01-jinji-overdue-and-contractor.xlsx 台帳!Z6',
      'PL-OUTSOURCE pi-ledger/pl-03-eigyo-vague-and-risk-gap.xlsx 台帳!Z6',
      'PL-OUTSOURCE pi-ledger/pl-03-eigyo-vague-and-risk-gap.xlsx 台帳!Z8',
      'PL-OUTSOURCE pi-ledger/pl-03-eigyo-vague-and-risk-gap.xlsx 台帳!Z9',
    ]);
    expect(report.totals.errors).toBe(check.totals.errors + 4);
    expect(report.totals.warnings).toBe(check.totals.warnings + 1);
  }, 120_000);

  it('names the department of ledger findings and the area of the others', () => {
    const areas = (rule: string) =>
      [...new Set(report.findings.filter((f) => f.issue.rule === rule).map((f) => f.area.ja))].sort();
    expect(areas('PL-REVIEW')).toEqual(['人事部']);
    expect(areas('PL-OUTSOURCE')).toEqual(['人事部', '営業部']);
    expect(areas('PL-MYNUMBER')).toEqual(['総務部']);
    expect(areas('LR-APRIL')).toEqual(['法的要求事項']);
    expect(areas('CE-NEXT')).toEqual(['委託先管理']);
    expect(areas('SC-ANSWER')).toEqual(['調達先']);
  });

  it('lists contractors: those without a current passing evaluation first', () => {
    const order = { missing: 0, failed: 1, stale: 2, overdue: 3, ok: 4 } as const;
    const statuses = report.contractors.map((c) => order[c.status]);
    expect(statuses).toEqual([...statuses].sort((a, b) => a - b));
    expect(report.contractors.map((c) => [c.name, c.status, c.usedBy.map((u) => u.id).join(',')]).sort()).toEqual(
      [
        ['株式会社サンプル名刺管理', 'missing', 'SL-004'],
        ['株式会社サンプル配信サービス', 'missing', 'SL-006'],
        ['株式会社見本印刷', 'failed', 'SL-007'],
        ['株式会社サンプル給与サービス', 'ok', 'HR-005'],
        ['株式会社ダミー文書サービス', 'ok', 'HR-002'],
        ['株式会社テスト倉庫', 'ok', 'SL-002,IS-004'],
        ['株式会社モデルクラウド', 'ok', 'SL-001,IS-007'],
        ['株式会社架空リクルート', 'failed', 'HR-004'],
      ].sort(),
    );
  });

  it('is one self-contained HTML page with the charts a manager reads, in Japanese or English', () => {
    const ja = auditHtml(report, 'ja', new Date(2026, 10, 20));
    expect(ja).toMatch(/^<!doctype html>/);
    expect(ja).not.toMatch(/<script|<link|<img|@import|url\(/i);
    expect(ja).not.toMatch(/(?:src|href)=["']?(?:https?:)?\/\//i);
    expect(ja).toContain("default-src 'none'");
    expect(ja.match(/<svg /g)).toHaveLength(4);
    for (const s of [
      '監査前点検レポート',
      '指摘の内訳（ルール別）',
      '指摘の内訳（部門・領域別）',
      '調達先のランク',
      '調達先の分類別得点率',
      '委託先の評価状況',
      'ファイル別の指摘',
    ])
      expect(ja).toContain(s);
    expect(ja).toContain('委託先評価がない・不合格・期限切れの委託先が 4 社あり');
    expect(ja).toContain('契約書の保存期限が、委託した個人情報の保管期限より短い委託先が 1 社あります');
    const en = auditHtml(report, 'en', new Date(2026, 10, 20));
    expect(en).toContain('<html lang="en">');
    for (const s of ['Pre-audit review', 'Findings by rule', 'Supplier bands', 'Contractor evaluations'])
      expect(en).toContain(s);
    expect(en).toContain('4 contractor(s) have no passing, current evaluation');
  });
});

describe('daicho audit (CLI)', () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 180_000);

  it('writes audit.xlsx and audit.html into a folder, exits 1 when there are errors', async () => {
    const out = join(dir, 'report');
    const r = await daicho(['audit', folder, '-o', `${out}/`, '--as-of', SAMPLE_AS_OF]);
    expect(r.code, r.stderr).toBe(1);
    // 25: the samples hold the supplier lists (sl-01, sl-02) since `daicho samples` writes them.
    expect(r.stdout).toMatch(/^監査前点検: 25 ファイル/);
    expect(r.stdout).toContain('ファイルをまたぐ指摘:');
    expect(r.stdout).toContain(join(out, 'audit.html'));
    const html = await readFile(join(out, 'audit.html'), 'utf8');
    expect(html).toContain('監査前点検レポート');
    const g = await readXlsxFile(join(out, 'audit.xlsx'));
    expect(g.sheets.map((s) => s.name)).toEqual(['概要', '指摘一覧', '委託先', '調達先', 'ファイル']);
    const findings = g.sheets[1].rows.slice(1).map((row) => (row ?? []).map((v) => cellText(v ?? null)));
    expect(findings).toHaveLength(report.findings.length);
    expect(findings.filter((f) => f[7] === '○').map((f) => f[5])).toEqual([
      'CE-RETENTION',
      'PL-OUTSOURCE',
      'PL-OUTSOURCE',
      'PL-OUTSOURCE',
      'PL-OUTSOURCE',
    ]);
    const contractors = g.sheets[2].rows.slice(1).map((row) => cellText(row?.[1] ?? null));
    expect(contractors.slice(0, 4)).toEqual(['評価なし', '評価なし', '不合格', '不合格']);
  }, 120_000);

  it('takes a base name, refuses to overwrite without --force, and speaks English', async () => {
    const base = join(dir, 'pms-audit');
    expect((await daicho(['audit', folder, '-o', `${base}.html`, '--as-of', SAMPLE_AS_OF, '--lang', 'en'])).code).toBe(
      1,
    );
    const again = await daicho(['audit', folder, '-o', base, '--as-of', SAMPLE_AS_OF]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
    const forced = await daicho(['audit', folder, '-o', base, '--as-of', SAMPLE_AS_OF, '--lang', 'en', '--force']);
    expect(forced.stdout).toMatch(/^Audit: 25 files/);
    expect(await readFile(`${base}.html`, 'utf8')).toContain('Pre-audit review');
  }, 120_000);

  it('a folder of clean records exits 0', async () => {
    const clean = join(dir, 'clean');
    const { mkdir, copyFile } = await import('node:fs/promises');
    await mkdir(clean);
    await copyFile(join(folder, 'pi-ledger', 'pl-02-somu-wareki-mynumber.xlsx'), join(clean, 'ledger.xlsx'));
    await writeFile(join(clean, 'notes.txt'), 'not a workbook, not picked up');
    const r = await daicho(['audit', clean, '-o', join(dir, 'clean-report'), '--as-of', SAMPLE_AS_OF]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('エラー 0、警告 1');
  }, 120_000);
});
