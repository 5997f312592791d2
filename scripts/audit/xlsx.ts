// The audit as a workbook: a summary (counts by rule and by department/area), every finding with its file and cell,
// the contractors' evaluation status, the suppliers' scores, and the files read. Plain tables with filters, for
// sorting and assigning follow-ups.
import ExcelJS from 'exceljs';
import type { Lang } from '../../templates/model/types.js';
import { SECTIONS } from '../../templates/supplier-checklist/questions.js';
import type { AuditReport, ContractorStatus } from './audit.js';
import { ruleTitle } from './titles.js';

const FONT = 'Yu Gothic';
const HEAD = 'FF1F4E78';
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
    totals: ['ファイル', 'OK', '要修正', '読込不可', 'エラー', '警告'],
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
    status: { ok: 'OK', invalid: '要修正', unreadable: '読込不可' },
    cstatus: { ok: '評価済み', missing: '評価なし', failed: '不合格', stale: '評価が12か月超', overdue: '次回評価期限切れ' } satisfies Record<ContractorStatus, string>,
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
    totals: ['Files', 'OK', 'Invalid', 'Unreadable', 'Errors', 'Warnings'],
    rule: 'Rule',
    title: 'Title',
    errors: 'Errors',
    warnings: 'Warnings',
    area: 'Department / area',
    f: ['File', 'Department / area', 'Sheet', 'Cell', 'Severity', 'Rule', 'Rule title', 'Cross-check', 'Field', 'Value', 'Finding'],
    c: ['Contractor', 'Status', 'Decision', 'Evaluated', 'Next due', 'Ledger rows entrusting data', 'Evaluation'],
    s: ['File', 'Company', 'Answered', 'Score', 'Band', 'Red flags'],
    fl: ['File', 'Template', 'Version', 'Company / department', 'Status', 'Errors', 'Warnings'],
    severity: { error: 'error', warning: 'warning', info: 'info' },
    status: { ok: 'ok', invalid: 'invalid', unreadable: 'unreadable' },
    cstatus: { ok: 'evaluated', missing: 'no evaluation', failed: 'failed', stale: 'older than 12 months', overdue: 'next evaluation overdue' } satisfies Record<ContractorStatus, string>,
    yes: 'yes',
  },
} as const;

function sheet(wb: ExcelJS.Workbook, name: string, header: readonly string[], widths: number[], rows: ExcelJS.CellValue[][], at = 1): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name) ?? wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: at }] });
  const h = ws.getRow(at);
  header.forEach((label, c) => {
    const cell = h.getCell(c + 1);
    cell.value = label;
    cell.font = { name: FONT, bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEAD } };
    cell.alignment = { vertical: 'middle', wrapText: true };
    ws.getColumn(c + 1).width = Math.max(ws.getColumn(c + 1).width ?? 0, widths[c] ?? 12);
  });
  rows.forEach((values, i) => {
    const row = ws.getRow(at + 1 + i);
    values.forEach((v, c) => {
      const cell = row.getCell(c + 1);
      cell.value = v;
      cell.font = { name: FONT };
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  });
  ws.autoFilter = { from: { row: at, column: 1 }, to: { row: at + Math.max(1, rows.length), column: header.length } };
  return ws;
}

export async function auditWorkbook(r: AuditReport, lang: Lang): Promise<Buffer> {
  const t = L[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Daicho';

  // Summary: the totals, then counts by rule and by department/area.
  const ws = wb.addWorksheet(t.summary);
  ws.getCell('A1').value = lang === 'ja' ? '監査前点検' : 'Pre-audit review';
  ws.getCell('A1').font = { name: FONT, bold: true, size: 14 };
  ws.getCell('A2').value = `${t.folder}: ${r.root}`;
  ws.getCell('A3').value = `${t.asOf}: ${r.asOf}`;
  const tot = r.totals;
  const totals = [tot.files, tot.ok, tot.invalid, tot.unreadable, tot.errors, tot.warnings];
  t.totals.forEach((label, c) => {
    ws.getCell(5, c + 1).value = label;
    ws.getCell(5, c + 1).font = { name: FONT, bold: true };
    ws.getCell(6, c + 1).value = totals[c];
    ws.getCell(6, c + 1).font = { name: FONT, size: 14, bold: true, color: { argb: c === 4 && totals[c] ? 'FFC00000' : 'FF111827' } };
  });
  const byRule = new Map<string, { error: number; warning: number }>();
  const byArea = new Map<string, { error: number; warning: number }>();
  for (const f of r.findings) {
    if (f.issue.severity === 'info') continue;
    for (const [m, k] of [
      [byRule, f.issue.rule],
      [byArea, f.area[lang]],
    ] as const) {
      const g = m.get(k) ?? { error: 0, warning: 0 };
      g[f.issue.severity]++;
      m.set(k, g);
    }
  }
  const sorted = (m: Map<string, { error: number; warning: number }>) => [...m.entries()].sort((a, b) => b[1].error + b[1].warning - (a[1].error + a[1].warning));
  const ruleRows = sorted(byRule).map(([k, g]) => [k, ruleTitle(k, lang), g.error, g.warning]);
  sheet(wb, t.summary, [t.rule, t.title, t.errors, t.warnings], [14, 44, 9, 9], ruleRows, 8);
  const areaStart = 8 + ruleRows.length + 3;
  const areaHeader = ws.getRow(areaStart);
  [t.area, '', t.errors, t.warnings].forEach((label, c) => {
    const cell = areaHeader.getCell(c + 1);
    cell.value = label || null;
    cell.font = { name: FONT, bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEAD } };
  });
  sorted(byArea).forEach(([k, g], i) => {
    const row = ws.getRow(areaStart + 1 + i);
    row.getCell(1).value = k;
    row.getCell(3).value = g.error;
    row.getCell(4).value = g.warning;
  });

  const fws = sheet(
    wb,
    t.findings,
    t.f,
    [30, 16, 14, 8, 8, 14, 28, 8, 16, 20, 80],
    r.findings.map((f) => [
      f.file,
      f.area[lang],
      f.issue.sheet,
      f.issue.cell,
      t.severity[f.issue.severity],
      f.issue.rule,
      ruleTitle(f.issue.rule, lang),
      f.cross ? t.yes : null,
      f.issue.field,
      f.issue.value,
      f.issue.message[lang],
    ]),
  );
  r.findings.forEach((f, i) => {
    const fill = FILL[f.issue.severity];
    if (fill) fws.getRow(i + 2).getCell(5).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  });

  const cws = sheet(
    wb,
    t.contractors,
    t.c,
    [30, 18, 12, 12, 12, 40, 34],
    r.contractors.map((c) => [
      c.name,
      t.cstatus[c.status],
      c.evaluation?.verdict ?? null,
      c.evaluation?.evaluatedOn ?? null,
      c.evaluation?.nextDue ?? null,
      c.usedBy.map((u) => `${u.file} ${u.id ?? ''}`.trim()).join('\n') || null,
      c.evaluation?.file ?? null,
    ]),
  );
  r.contractors.forEach((c, i) => {
    const fill = c.status === 'ok' ? FILL.ok : c.status === 'overdue' ? FILL.warning : FILL.error;
    cws.getRow(i + 2).getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  });

  const sws = sheet(
    wb,
    t.suppliers,
    [...t.s, ...SECTIONS.map((s) => `${s.key} ${s.title[lang]}`)],
    [30, 26, 9, 9, 7, 16, ...SECTIONS.map(() => 11)],
    r.suppliers.map((s) => [
      s.file,
      s.company,
      `${s.score.answered}/${s.score.total}`,
      s.score.rate,
      s.score.band ?? null,
      s.score.redFlags.join(', ') || null,
      ...SECTIONS.map((sec) => s.score.sections.find((x) => x.key === sec.key)?.rate ?? null),
    ]),
  );
  for (let c = 0; c < 7; c++) sws.getColumn(7 + c).numFmt = '0.0%';
  sws.getColumn(4).numFmt = '0.0%';

  sheet(
    wb,
    t.files,
    t.fl,
    [40, 20, 6, 26, 10, 8, 8],
    r.files.map((f) => {
      const e = f.result.issues.filter((i) => i.severity === 'error').length;
      const w = f.result.issues.filter((i) => i.severity === 'warning').length;
      return [f.shown, f.result.template?.id ?? null, f.result.template?.version ?? null, f.result.subject ?? null, t.status[f.result.status], e, w];
    }),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
