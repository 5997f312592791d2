// `daicho distribute`, the library: from the rows of a supplier list (取引先一覧), one supplier checklist per supplier
// — 会社名 and 法人番号 filled in and locked, the round and the supplier's code in the hidden marker, a first sheet
// with the due date and how to return it in the supplier's language — plus the send list (送付一覧.xlsx) and the
// mail-merge CSV. Nothing is sent.
import ExcelJS from 'exceljs';
import { formFieldRow } from '../../templates/model/layout.js';
import type { FormSheetDef, Lang } from '../../templates/model/types.js';
import { RESPONDENT, supplierChecklist } from '../../templates/supplier-checklist/index.js';
import { CODE, COMPANY, CONTACT, CORPNO, EMAIL, LANGUAGE } from '../../templates/supplier-list/index.js';
import { csvField } from '../summary/csv.js';
import { applyPrint, planPrint, rowHeight } from '../xlsx/print.js';
import { addTableSheet, TABLE_FONT, type TableColumn } from '../xlsx/table-sheet.js';
import { buildTemplateWorkbook } from '../xlsx/template-writer.js';
import type { Planned, Supplier } from './plan.js';
import { cover, COVER_SHEET, PREFILLED_HINT, type RoundInfo } from './texts.js';

const respondent = supplierChecklist.sheets.find((s) => s.name === RESPONDENT) as FormSheetDef;

function addCover(wb: ExcelJS.Workbook, s: Supplier, r: RoundInfo): void {
  const c = cover(s, r, s.lang);
  const ws = wb.addWorksheet(COVER_SHEET[s.lang], { properties: { tabColor: { argb: 'FFC00000' } } });
  // First among the sheets: exceljs orders them by orderNo when it writes the workbook (not in its typings).
  (ws as unknown as { orderNo: number }).orderNo = 0;
  const widths = [18, 72];
  widths.forEach((w, k) => (ws.getColumn(k + 1).width = w));
  const font = { name: TABLE_FONT };
  ws.getCell('A1').value = c.title;
  ws.getCell('A1').font = { ...font, bold: true, size: 14 };
  ws.mergeCells('A1:B1');
  ws.getRow(1).height = 26;
  let row = 3;
  for (const [label, value] of c.facts) {
    const l = ws.getCell(row, 1);
    const v = ws.getCell(row, 2);
    l.value = label;
    v.value = value;
    l.font = { ...font, bold: true };
    v.font = {
      ...font,
      bold: label === c.facts[2][0],
      color: label === c.facts[2][0] ? { argb: 'FFC00000' } : undefined,
    };
    for (const cell of [l, v]) cell.alignment = { vertical: 'top', wrapText: true };
    ws.getRow(row).height = Math.max(18, rowHeight([label, value], widths));
    row++;
  }
  row++;
  ws.getCell(row, 1).value = c.heading;
  ws.getCell(row, 1).font = { ...font, bold: true, size: 12 };
  row++;
  c.steps.forEach((step, k) => {
    const n = ws.getCell(row, 1);
    const t = ws.getCell(row, 2);
    n.value = `${k + 1}.`;
    t.value = step;
    n.font = font;
    t.font = font;
    n.alignment = { vertical: 'top', horizontal: 'right' };
    t.alignment = { vertical: 'top', wrapText: true };
    ws.getRow(row).height = rowHeight([null, step], widths);
    row++;
  });
  row++;
  ws.getCell(row, 2).value = c.note;
  ws.getCell(row, 2).font = { ...font, size: 9 };
  ws.getCell(row, 2).alignment = { wrapText: true };
  applyPrint(ws, planPrint(widths, { orientation: 'portrait' }));
}

function lockPrefilled(wb: ExcelJS.Workbook, keys: readonly string[], lang: Lang): void {
  const ws = wb.getWorksheet(RESPONDENT)!;
  for (const key of keys) {
    const row =
      formFieldRow(
        respondent,
        respondent.fields.find((f) => f.key === key)!,
      ) + 1;
    const cell = ws.getCell(row, 2);
    cell.protection = { locked: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    ws.getCell(row, 3).value = PREFILLED_HINT[lang];
  }
}

/**
 * One supplier's checklist in the supplier's language (titles, labels, hints, questions, choices): the template with
 * what the buyer knows filled in and locked, the round in the marker.
 */
export async function checklistFor(s: Supplier, r: RoundInfo): Promise<Buffer> {
  const known: Record<string, string> = { 会社名: s.company };
  if (s.corpNo) known['法人番号'] = s.corpNo;
  const wb = await buildTemplateWorkbook(supplierChecklist, {
    forms: { [RESPONDENT]: { ...known, ...(s.country ? { '所在国・地域': s.country } : {}) } },
    distribution: { round: r.round, supplier: s.code, due: r.due, lang: s.lang },
    lang: s.lang,
  });
  lockPrefilled(wb, Object.keys(known), s.lang);
  addCover(wb, s, r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const HEAD = {
  ja: {
    code: CODE,
    company: COMPANY,
    corpNo: CORPNO,
    contact: CONTACT,
    email: EMAIL,
    lang: LANGUAGE,
    file: 'ファイル名',
    round: '調査回',
    due: '回答期限',
    subject: '件名',
    to: '宛先',
    body: '本文',
    attach: '添付ファイル',
  },
  en: {
    code: 'Supplier code',
    company: 'Company',
    corpNo: 'Corporate number',
    contact: 'Contact',
    email: 'E-mail',
    lang: 'Language',
    file: 'File',
    round: 'Round',
    due: 'Due',
    subject: 'Subject',
    to: 'To',
    body: 'Body',
    attach: 'Attachment',
  },
} as const;

/** 送付一覧.xlsx: a row per supplier with the file it gets and the mail's subject. */
export async function sendList(planned: readonly Planned[], r: RoundInfo, lang: Lang): Promise<Buffer> {
  const h = HEAD[lang];
  const [y, m, d] = r.due.split('-').map(Number);
  const due = new Date(Date.UTC(y, m - 1, d));
  const columns: TableColumn<Planned>[] = [
    { header: h.code, width: 12, value: (p) => p.supplier.code },
    { header: h.company, width: 28, value: (p) => p.supplier.company },
    { header: h.corpNo, width: 15, value: (p) => p.supplier.corpNo },
    { header: h.contact, width: 22, value: (p) => p.supplier.contact },
    { header: h.email, width: 28, value: (p) => p.supplier.email },
    { header: h.lang, width: 8, value: (p) => p.supplier.lang },
    { header: h.file, width: 30, value: (p) => p.file },
    { header: h.round, width: 10, value: () => r.round },
    { header: h.due, width: 11, value: () => due, fmt: 'yyyy/mm/dd' },
  ];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Daicho';
  wb.title = lang === 'ja' ? `送付一覧（${r.round}）` : `Send list (${r.round})`;
  addTableSheet(wb, lang === 'ja' ? '送付一覧' : 'Send list', columns, planned);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The mail-merge CSV: 宛先, 件名, 本文 (with the due date), the file to attach; UTF-8 with BOM, CRLF, formulas defused. */
export function mailCsv(planned: readonly Planned[], lang: Lang): string {
  const h = HEAD[lang];
  const lines: string[][] = [[h.to, h.subject, h.body, h.attach, h.code, h.company, h.lang]];
  for (const p of planned)
    lines.push([
      p.supplier.email,
      p.mail.subject,
      p.mail.body.replace(/\n/g, '\r\n'),
      p.file,
      p.supplier.code,
      p.supplier.company,
      p.supplier.lang,
    ]);
  return '\uFEFF' + lines.map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n';
}
