// One hostile file must not sink a batch: a 98 KB ledger whose 10,000 rows hold only a 管理番号 raises 260,000
// findings. Its findings are capped per rule, sheet and severity (with one finding that counts the rest), and the
// main process keeps no file's findings, so a dozen such files go through check with every output on a small heap.
import { copyFile, mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { piLedger } from '../../../templates/pi-ledger/index.js';
import { ledgerSheet } from '../../../templates/pi-ledger/sheets.js';
import type { RuleId } from '../../../templates/catalogue.js';
import type { Issue } from '../../../templates/model/types.js';
import { AUDIT_FINDINGS_PER_RULE } from '../../../scripts/audit/read.js';
import { capIssues, issueCount, MAX_FINDINGS_PER_RULE, OMITTED_RULE } from '../../../scripts/file-result.js';
import { writeTableWorkbook } from '../../../scripts/merge/write-table.js';
import { daicho, ensureBuilt, type JsonReport } from './cli-helpers.js';

let dir: string;
let hostile: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-hostile-'));
  hostile = join(dir, 'hostile.xlsx');
  const rows = Array.from({ length: 10_000 }, (_, i) =>
    ledgerSheet.fields.map((f) => (f.key === '管理番号' ? `H-${i + 1}` : null)),
  );
  await writeTableWorkbook(piLedger, { 台帳: rows }, hostile);
}, 180_000);

function issue(rule: RuleId, sheet: string | null, severity: Issue['severity'], n: number): Issue {
  return {
    rule,
    severity,
    sheet,
    cell: sheet ? `A${n + 3}` : null,
    field: null,
    value: null,
    message: { ja: `${rule} ${n}`, en: `${rule} ${n}` },
  };
}

describe('capIssues', () => {
  it('keeps the first findings of each rule, sheet and severity and counts the rest in one finding where they began', () => {
    const issues = [
      issue('TEMPLATE-MARKER', null, 'warning', 0),
      ...Array.from({ length: 2500 }, (_, n) => [
        issue('V-REQUIRED', '台帳', 'error', n),
        ...(n < 1200 ? [issue('PL-RISK', '台帳', 'error', n)] : []),
      ]).flat(),
      ...Array.from({ length: 1001 }, (_, n) => issue('V-REQUIRED', 'リスク分析', 'error', n)),
      issue('V-REQUIRED', '台帳', 'warning', 0),
    ];
    const out = capIssues(issues);
    const notes = out.filter((i) => i.rule === OMITTED_RULE);
    expect(notes.map((i) => [i.sheet, i.severity, i.value])).toEqual([
      ['台帳', 'error', '1500'],
      ['台帳', 'error', '200'],
      ['リスク分析', 'error', '1'],
    ]);
    expect(out.filter((i) => i.rule === 'V-REQUIRED' && i.sheet === '台帳' && i.severity === 'error')).toHaveLength(
      MAX_FINDINGS_PER_RULE,
    );
    // Nothing is lost from the counts, and the kept findings stay in their order.
    expect(out.reduce((n, i) => n + issueCount(i), 0)).toBe(issues.length);
    const kept = out.filter((i) => i.rule !== OMITTED_RULE);
    expect(kept).toEqual(issues.filter((i) => kept.includes(i)));
    // The note sits where the first finding it stands for was.
    const firstOmitted = issues.filter((i) => i.rule === 'V-REQUIRED' && i.sheet === '台帳' && i.severity === 'error')[
      MAX_FINDINGS_PER_RULE
    ];
    const before = issues.slice(0, issues.indexOf(firstOmitted)).filter((i) => kept.includes(i)).length;
    expect(out[before + 0]).toBe(notes[0]);
    expect(notes[0].message.ja).toContain('残りの 1,500 件は省略しました');
    expect(notes[0].message.en).toContain('1,500 more were left out');
    expect(capIssues(issues.slice(0, 50))).toEqual(issues.slice(0, 50));
  });
});

describe('a hostile ledger (10,000 rows holding only a 管理番号)', () => {
  it('is checked and annotated with its findings capped, and the report still counts them all', async () => {
    const json = join(dir, 'one.json');
    const r = await daicho(
      ['check', hostile, '--annotate', join(dir, 'annotated'), '--json', json, '--as-of', '2026-11-20'],
      { timeoutMs: 300_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^要修正\s+\S*hostile\.xlsx/m);
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    const f = report.files[0];
    expect(f.issues.length).toBeLessThan(10_000);
    expect(f.issues.filter((i) => i.rule === OMITTED_RULE).length).toBeGreaterThan(0);
    expect(report.totals.errors).toBeGreaterThan(200_000);
    expect(await readdir(join(dir, 'annotated'))).toEqual(['hostile.xlsx']);
  }, 300_000);

  it('a dozen of them go through check with --json and --summary while the main process has a 200 MB heap', async () => {
    const many = join(dir, 'many');
    await mkdir(many, { recursive: true });
    for (let i = 0; i < 12; i++) await copyFile(hostile, join(many, `ledger-${String(i).padStart(2, '0')}.xlsx`));
    const json = join(dir, 'many.json');
    const r = await daicho(
      ['check', many, '--json', json, '--summary', join(dir, 'many.xlsx'), '--as-of', '2026-11-20'],
      {
        timeoutMs: 600_000,
        env: { NODE_OPTIONS: '--max-old-space-size=200' },
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    expect(report.files.map((f) => f.status)).toEqual(Array.from({ length: 12 }, () => 'invalid'));
    // Each row: V-REQUIRED for every required field but 管理番号, and PL-RISK (26 × 10,000 since the ledger's version 2).
    const perRow = ledgerSheet.fields.filter((f) => f.required && f.key !== '管理番号').length + 1;
    expect(report.totals.errors).toBe(12 * 10_000 * perRow);
  }, 600_000);

  it('a dozen of them go through audit while the main process has a 120 MB heap, every finding counted', async () => {
    // The audit holds every file's listed findings until it writes audit.xlsx and audit.html: it lists at most
    // AUDIT_FINDINGS_PER_RULE of one rule, sheet and severity per file (a 120 MB heap ran out with check's 1,000).
    const many = join(dir, 'audited');
    await mkdir(many, { recursive: true });
    for (let i = 0; i < 12; i++) await copyFile(hostile, join(many, `ledger-${String(i).padStart(2, '0')}.xlsx`));
    const out = join(dir, 'audit-out');
    const json = join(dir, 'audit.json');
    const r = await daicho(['audit', many, '-o', `${out}/`, '--json', json, '--as-of', '2026-11-20'], {
      timeoutMs: 600_000,
      env: { NODE_OPTIONS: '--max-old-space-size=120' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    // V-REQUIRED for every required field but 管理番号, and PL-RISK, on each of 10,000 rows.
    const required = ledgerSheet.fields.filter((f) => f.required && f.key !== '管理番号').length;
    const perFile = 10_000 * (required + 1);
    expect(report.totals.errors).toBe(12 * perFile);
    const listed = report.files[0].issues;
    const byRule = new Map<string, number>();
    for (const i of listed)
      byRule.set(`${i.rule} ${i.sheet} ${i.severity}`, (byRule.get(`${i.rule} ${i.sheet} ${i.severity}`) ?? 0) + 1);
    expect(Math.max(...byRule.values())).toBeLessThanOrEqual(AUDIT_FINDINGS_PER_RULE);
    expect(listed.filter((i) => i.rule === OMITTED_RULE).reduce((n, i) => n + Number(i.value), 0)).toBe(
      perFile - listed.filter((i) => i.rule !== OMITTED_RULE).length,
    );
    // The page and the workbook count what was left out under the rule it was left out of.
    const html = await readFile(join(out, 'audit.html'), 'utf8');
    expect(html).toContain(`<div class="n">${12 * perFile}</div>`);
    expect(r.stdout).toMatch(new RegExp(`^\\s+${12 * 10_000 * required}\\s+V-REQUIRED`, 'm'));
  }, 600_000);
});
