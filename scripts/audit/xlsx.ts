// The audit as a workbook: a summary (counts by rule and by department/area), every finding with its file and cell,
// the contractors' evaluation status, the suppliers' scores, and the files read. Plain tables with filters, for
// sorting and assigning follow-ups.
import { bandLabel } from '../../templates/model/score.js';
import ExcelJS from 'exceljs';
import { verdictText } from '../../templates/audit/rules.js';
import type { Lang } from '../../templates/model/types.js';
import { applyPrint, planPrint, rowHeight } from '../xlsx/print.js';
import { addTableSheet, TABLE_FONT, writeTable, type TableColumn } from '../xlsx/table-sheet.js';
import {
  supplierSections,
  type AuditReport,
  type ContractorRow,
  type ContractorStatus,
  type Finding,
  type SupplierRow,
} from './audit.js';
import { ruleTitle, type RuleId } from '../../templates/catalogue.js';
import { issueCount } from '../file-result.js';
import { reportStatus } from '../report/json.js';

const PCT = '0.0%';
const FILL: Record<string, string> = { error: 'FFFEE2E2', warning: 'FFFEF3C7', ok: 'FFDCFCE7' };

const L = {
  ja: {
    summary: '概要',
    findings: '指摘一覧',
    contractors: '委託先',
    suppliers: '調達先',
    files: 'ファイル',
    asOf: '基準日',
    folder: '対象フォルダ',
    totals: ['ファイル', 'OK', '要修正', '対象外', '読込不可', 'エラー', '警告'],
    rule: 'ルール',
    title: '内容',
    errors: 'エラー',
    warnings: '警告',
    area: '部門・領域',
    f: ['ファイル', '部門・領域', 'シート', 'セル', '重要度', 'ルール', 'ルール名', '横断', '項目', '値', '内容'],
    c: ['委託先', '状態', '判定', '評価日', '次回評価期限', '委託している台帳の行', '評価票'],
    s: ['ファイル', '会社名', '回答数', '得点率', 'ランク', '重大リスク'],
    fl: ['ファイル', 'テンプレート', '版', '会社名・部門', '状態', 'エラー', '警告'],
    severity: { error: 'エラー', warning: '警告', info: '情報' },
    status: { ok: 'OK', invalid: '要修正', 'not-template': '対象外', unreadable: '読込不可' },
    cstatus: {
      ok: '評価済み',
      missing: '評価なし',
      failed: '不合格',
      stale: '評価が12か月超',
      overdue: '次回評価期限切れ',
    } satisfies Record<ContractorStatus, string>,
    yes: '○',
  },
  en: {
    summary: 'Summary',
    findings: 'Findings',
    contractors: 'Contractors',
    suppliers: 'Suppliers',
    files: 'Files',
    asOf: 'As of',
    folder: 'Folder',
    totals: ['Files', 'OK', 'Invalid', 'Not a template', 'Unreadable', 'Errors', 'Warnings'],
    rule: 'Rule',
    title: 'Title',
    errors: 'Errors',
    warnings: 'Warnings',
    area: 'Department / area',
    f: [
      'File',
      'Department / area',
      'Sheet',
      'Cell',
      'Severity',
      'Rule',
      'Rule title',
      'Cross-check',
      'Field',
      'Value',
      'Finding',
    ],
    c: ['Contractor', 'Status', 'Decision', 'Evaluated', 'Next due', 'Ledger rows entrusting data', 'Evaluation'],
    s: ['File', 'Company', 'Answered', 'Score', 'Band', 'Red flags'],
    fl: ['File', 'Template', 'Version', 'Company / department', 'Status', 'Errors', 'Warnings'],
    severity: { error: 'error', warning: 'warning', info: 'info' },
    status: { ok: 'ok', invalid: 'invalid', 'not-template': 'not a template', unreadable: 'unreadable' },
    cstatus: {
      ok: 'evaluated',
      missing: 'no evaluation',
      failed: 'failed',
      stale: 'older than 12 months',
      overdue: 'next evaluation overdue',
    } satisfies Record<ContractorStatus, string>,
    yes: 'yes',
  },
} as const;

type Counts = { error: number; warning: number };

/** Columns from their headers and widths, in order, each with how to read its value from a row. */
function columns<T>(
  headers: readonly string[],
  widths: readonly number[],
  specs: Omit<TableColumn<T>, 'header' | 'width'>[],
): TableColumn<T>[] {
  return specs.map((spec, k) => ({ header: headers[k] ?? '', width: widths[k] ?? 12, ...spec }));
}

export async function auditWorkbook(r: AuditReport, lang: Lang): Promise<Buffer> {
  const t = L[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Daicho';

  // Summary: the totals, then counts by rule and by department/area.
  const ws = wb.addWorksheet(t.summary);
  ws.getCell('A1').value = lang === 'ja' ? '監査前点検' : 'Pre-audit review';
  ws.getCell('A1').font = { name: TABLE_FONT, bold: true, size: 14 };
  const widths = [20, 44, 9, 9, 9, 9, 9];
  widths.forEach((w, c) => (ws.getColumn(c + 1).width = w));
  // The folder path may be long: it wraps across the table's width rather than running off the page.
  ws.mergeCells(2, 1, 2, widths.length);
  ws.getCell('A2').value = `${t.folder}: ${r.root}`;
  ws.getCell('A2').alignment = { vertical: 'top', wrapText: true };
  const folderHeight = rowHeight([String(ws.getCell('A2').value)], [widths.reduce((a, b) => a + b, 0)]);
  if (folderHeight) ws.getRow(2).height = folderHeight;
  ws.getCell('A3').value = `${t.asOf}: ${r.asOf}`;
  const tot = r.totals;
  const totals = [tot.files, tot.ok, tot.invalid, tot.notTemplate, tot.unreadable, tot.errors, tot.warnings];
  t.totals.forEach((label, c) => {
    ws.getCell(5, c + 1).value = label;
    ws.getCell(5, c + 1).font = { name: TABLE_FONT, bold: true };
    ws.getCell(6, c + 1).value = totals[c];
    ws.getCell(6, c + 1).font = {
      name: TABLE_FONT,
      size: 14,
      bold: true,
      color: { argb: c === 5 && totals[c] ? 'FFC00000' : 'FF111827' },
    };
  });
  ws.getRow(6).height = 24;
  const byRule = new Map<string, Counts>();
  const byArea = new Map<string, Counts>();
  for (const f of r.findings) {
    if (f.issue.severity === 'info') continue;
    for (const [m, k] of [
      [byRule, f.tally.rule],
      [byArea, f.area[lang]],
    ] as const) {
      const g = m.get(k) ?? { error: 0, warning: 0 };
      g[f.issue.severity] += f.tally.n;
      m.set(k, g);
    }
  }
  const sorted = (m: Map<string, Counts>) =>
    [...m.entries()].sort((a, b) => b[1].error + b[1].warning - (a[1].error + a[1].warning));
  const ruleRows = sorted(byRule);
  const countColumns = (headers: readonly string[], title: (k: string) => string | null) =>
    columns<[string, Counts]>(headers, widths, [
      { value: ([k]) => k },
      { value: ([k]) => title(k) },
      { value: ([, g]) => g.error },
      { value: ([, g]) => g.warning },
    ]);
  writeTable(
    ws,
    countColumns([t.rule, t.title, t.errors, t.warnings], (k) => ruleTitle(k as RuleId, lang)),
    ruleRows,
    { at: 8 },
  );
  writeTable(
    ws,
    countColumns([t.area, '', t.errors, t.warnings], () => null),
    sorted(byArea),
    { at: 8 + ruleRows.length + 3, filter: false },
  );
  // The rules' header repeats when the summary runs over a page (many rules, or many departments).
  applyPrint(ws, planPrint(widths, { orientation: 'portrait' }), '8:8');

  addTableSheet(
    wb,
    t.findings,
    columns<Finding>(
      t.f,
      [22, 16, 14, 8, 8, 16, 22, 8, 14, 16, 52],
      [
        { value: (f) => f.file },
        { value: (f) => f.area[lang] },
        { value: (f) => f.issue.sheet },
        { value: (f) => f.issue.cell },
        { value: (f) => t.severity[f.issue.severity], fill: (f) => FILL[f.issue.severity] ?? null },
        { value: (f) => f.issue.rule },
        { value: (f) => ruleTitle(f.issue.rule, lang) },
        { value: (f) => (f.cross ? t.yes : null) },
        { value: (f) => f.issue.field },
        { value: (f) => f.issue.value },
        { value: (f) => f.issue.message[lang] },
      ],
    ),
    r.findings,
  );

  addTableSheet(
    wb,
    t.contractors,
    columns<ContractorRow>(
      t.c,
      [30, 18, 12, 12, 12, 40, 34],
      [
        { value: (c) => c.name },
        {
          value: (c) => t.cstatus[c.status],
          fill: (c) => (c.status === 'ok' ? FILL.ok : c.status === 'overdue' ? FILL.warning : FILL.error),
        },
        { value: (c) => (c.evaluation ? (verdictText(c.evaluation)?.[lang] ?? null) : null) },
        { value: (c) => c.evaluation?.evaluatedOn ?? null },
        { value: (c) => c.evaluation?.nextDue ?? null },
        { value: (c) => c.usedBy.map((u) => `${u.file} ${u.id ?? ''}`.trim()).join('\n') || null },
        { value: (c) => c.evaluation?.file ?? null },
      ],
    ),
    r.contractors,
  );

  const sections = supplierSections();
  addTableSheet(
    wb,
    t.suppliers,
    columns<SupplierRow>(
      [...t.s, ...sections.map((s) => `${s.key} ${s.title[lang]}`)],
      [28, 26, 9, 9, 20, 16, ...sections.map(() => 11)],
      [
        { value: (s) => s.file },
        { value: (s) => s.company },
        { value: (s) => `${s.score.answered}/${s.score.total}` },
        { value: (s) => s.score.rate, fmt: PCT },
        { value: (s) => bandLabel(s.score, lang) },
        { value: (s) => s.score.redFlags.join(', ') || null },
        ...sections.map((sec) => ({
          value: (s: SupplierRow) => s.score.sections.find((x) => x.key === sec.key)?.rate ?? null,
          fmt: PCT,
        })),
      ],
    ),
    r.suppliers,
  );

  const count = (f: AuditReport['files'][number], severity: string) =>
    f.result.issues.reduce((n, i) => n + (i.severity === severity ? issueCount(i) : 0), 0);
  addTableSheet(
    wb,
    t.files,
    columns<AuditReport['files'][number]>(
      t.fl,
      [40, 20, 6, 26, 10, 8, 8],
      [
        { value: (f) => f.shown },
        { value: (f) => f.result.template?.id ?? null },
        { value: (f) => f.result.template?.version ?? null },
        { value: (f) => f.result.subject ?? null },
        { value: (f) => t.status[reportStatus(f.result)] },
        { value: (f) => count(f, 'error') },
        { value: (f) => count(f, 'warning') },
      ],
    ),
    r.files,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
