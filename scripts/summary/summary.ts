// The --summary workbook: one row per file (file, template, company/department, status, counts, score, band, red
// flags) and one row per finding, each as a real Excel table with filters and a frozen header.
import { bandLabel, statusLabel } from '../../templates/model/score.js';
import ExcelJS from 'exceljs';
import type { Lang } from '../../templates/model/types.js';
import type { FileResult } from '../check-file.js';
import { writeFileAtomic } from '../io/atomic.js';
import { excelText } from '../xlsx/cell-text.js';
import { reportStatus } from '../report/json.js';
import { applyPrint, planPrint, rowHeight } from '../xlsx/print.js';
import { styleHeaderCell } from '../xlsx/table-sheet.js';

const FONT = 'Yu Gothic';

export const SUMMARY_TEXT = {
  filesSheet: { ja: 'ファイル一覧', en: 'Files' },
  findingsSheet: { ja: '指摘一覧', en: 'Findings' },
  files: {
    file: { ja: 'ファイル', en: 'File' },
    template: { ja: 'テンプレート', en: 'Template' },
    version: { ja: '版', en: 'Version' },
    subject: { ja: '会社名・部門', en: 'Company / department' },
    status: { ja: '状態', en: 'Status' },
    errors: { ja: 'エラー', en: 'Errors' },
    warnings: { ja: '警告', en: 'Warnings' },
    infos: { ja: '情報', en: 'Info' },
    score: { ja: '得点率', en: 'Score' },
    band: { ja: '評価', en: 'Band' },
    redFlags: { ja: '重大指摘', en: 'Red flags' },
    cause: { ja: '主な指摘', en: 'Main finding' },
  },
  findings: {
    file: { ja: 'ファイル', en: 'File' },
    subject: { ja: '会社名・部門', en: 'Company / department' },
    sheet: { ja: 'シート', en: 'Sheet' },
    cell: { ja: 'セル', en: 'Cell' },
    severity: { ja: '重要度', en: 'Severity' },
    rule: { ja: 'ルール', en: 'Rule' },
    field: { ja: '項目', en: 'Field' },
    value: { ja: '値', en: 'Value' },
    message: { ja: '内容', en: 'Message' },
  },
  status: {
    ok: { ja: 'OK', en: 'ok' },
    invalid: { ja: '要修正', en: 'invalid' },
    'not-template': { ja: '対象外', en: 'not a template' },
    unreadable: { ja: '読込不可', en: 'unreadable' },
  },
  severity: {
    error: { ja: 'エラー', en: 'error' },
    warning: { ja: '警告', en: 'warning' },
    info: { ja: '情報', en: 'info' },
  },
} as const;

type Column = { key: string; header: string; width: number; numFmt?: string };

function addTable(
  wb: ExcelJS.Workbook,
  sheetName: string,
  tableName: string,
  columns: Column[],
  rows: ExcelJS.CellValue[][],
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1, activeCell: 'A2' }] });
  ws.addTable({
    name: tableName,
    ref: 'A1',
    headerRow: true,
    totalsRow: false,
    style: { theme: 'TableStyleMedium2', showRowStripes: true },
    columns: columns.map((c) => ({ name: c.header, filterButton: true })),
    // A table needs at least one data row.
    rows: rows.length ? rows : [columns.map(() => null)],
  });
  const widths = columns.map((c) => c.width);
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.numFmt) col.numFmt = c.numFmt;
    col.alignment = { vertical: 'top', wrapText: true };
    col.font = { name: FONT };
    // The header's own fill and font: the table style's (white text on its fill) is Excel's alone.
    styleHeaderCell(ws.getCell(1, i + 1));
  });
  ws.getRow(1).height = Math.max(20, rowHeight(columns.map((c) => c.header), widths));
  rows.forEach((row, i) => {
    const ht = rowHeight(row.map((v) => (typeof v === 'string' ? v : null)), widths);
    if (ht) ws.getRow(i + 2).height = ht;
  });
  applyPrint(ws, planPrint(widths), '1:1');
  return ws;
}

/** The files table's columns (the .xlsx summary's first sheet and the .csv summary). */
export function fileColumns(lang: Lang): Column[] {
  const t = SUMMARY_TEXT;
  return [
    { key: 'file', header: t.files.file[lang], width: 30 },
    { key: 'template', header: t.files.template[lang], width: 18 },
    { key: 'version', header: t.files.version[lang], width: 6 },
    { key: 'subject', header: t.files.subject[lang], width: 22 },
    { key: 'status', header: t.files.status[lang], width: 10 },
    { key: 'errors', header: t.files.errors[lang], width: 8 },
    { key: 'warnings', header: t.files.warnings[lang], width: 8 },
    { key: 'infos', header: t.files.infos[lang], width: 8 },
    { key: 'score', header: t.files.score[lang], width: 9, numFmt: '0.0%' },
    { key: 'band', header: t.files.band[lang], width: 12 },
    { key: 'redFlags', header: t.files.redFlags[lang], width: 22 },
    { key: 'cause', header: t.files.cause[lang], width: 42 },
  ];
}

/** A file's row of the files table, in fileColumns' order (texts cut to what an Excel cell holds, the .csv's too). */
export function fileRow(r: FileResult, lang: Lang): (string | number | null)[] {
  const t = SUMMARY_TEXT;
  const count = (s: string) => r.issues.filter((i) => i.severity === s).length;
  const first = r.issues.find((i) => i.severity === 'error') ?? r.issues.find((i) => i.severity === 'warning');
  return [
    r.path,
    r.template?.id ?? null,
    r.template?.version ?? null,
    r.subject ? excelText(r.subject) : null,
    statusLabel(reportStatus(r), r.score, t.status, lang),
    count('error'),
    count('warning'),
    count('info'),
    r.score?.rate ?? null,
    bandLabel(r.score, lang),
    r.score?.redFlags.length ? r.score.redFlags.join(', ') : null,
    first ? excelText(`${first.rule}: ${first.message[lang]}`) : null,
  ];
}

export function summaryWorkbook(results: readonly FileResult[], opts: { lang: Lang; asOf: string }): ExcelJS.Workbook {
  const { lang } = opts;
  const t = SUMMARY_TEXT;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Daicho';
  wb.title = lang === 'ja' ? `daicho check 集計（${opts.asOf} 時点）` : `daicho check summary (as of ${opts.asOf})`;

  addTable(wb, t.filesSheet[lang], 'DaichoFiles', fileColumns(lang), results.map((r) => fileRow(r, lang)));

  const findingCols: Column[] = [
    { key: 'file', header: t.findings.file[lang], width: 30 },
    { key: 'subject', header: t.findings.subject[lang], width: 18 },
    { key: 'sheet', header: t.findings.sheet[lang], width: 16 },
    { key: 'cell', header: t.findings.cell[lang], width: 8 },
    { key: 'severity', header: t.findings.severity[lang], width: 9 },
    { key: 'rule', header: t.findings.rule[lang], width: 16 },
    { key: 'field', header: t.findings.field[lang], width: 20 },
    { key: 'value', header: t.findings.value[lang], width: 20 },
    { key: 'message', header: t.findings.message[lang], width: 60 },
  ];
  const findingRows: ExcelJS.CellValue[][] = [];
  for (const r of results) {
    for (const i of r.issues) {
      findingRows.push([
        // Values and messages quoting them can exceed what a cell holds: cut, with a marker that says so.
        r.path,
        r.subject ? excelText(r.subject) : null,
        i.sheet,
        i.cell ? `${i.cell}` : null,
        t.severity[i.severity][lang],
        i.rule,
        i.field,
        i.value === null ? null : excelText(i.value),
        excelText(i.message[lang]),
      ]);
    }
  }
  addTable(wb, t.findingsSheet[lang], 'DaichoFindings', findingCols, findingRows);
  return wb;
}

export async function writeSummary(
  path: string,
  results: readonly FileResult[],
  opts: { lang: Lang; asOf: string; force: boolean },
): Promise<void> {
  const wb = summaryWorkbook(results, opts);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  await writeFileAtomic(path, buf, { force: opts.force });
}
