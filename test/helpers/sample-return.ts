// A supplier's return for the pane tests (jsdom and Chromium): the supplier a checklist is distributed to, and
// sample sc-01's respondent fields and answers as the cells the supplier fills in.
import type { Supplier } from '../../scripts/round/plan.js';
import { samples } from '../../scripts/samples/supplier-checklist.js';
import { cellAt } from '../../templates/model/grid.js';
import { FIRST_DATA_ROW, formFieldRow, layoutWorkbook, QUESTION_FIXED } from '../../templates/model/layout.js';
import type { FormSheetDef, QuestionSheetDef } from '../../templates/model/types.js';
import { supplierChecklist } from '../../templates/supplier-checklist/index.js';

export const SAMPLE_SUPPLIER: Supplier = {
  row: 3,
  code: 'S-0001',
  company: '見本精機株式会社',
  corpNo: '9111111111111',
  contact: null,
  email: 'csr@mihon-seiki.example.jp',
  country: '日本',
  kind: '製造',
  lang: 'ja',
};

/** sc-01's respondent fields and answers as [sheet, row, column, value] (0-based), but for the questions `skip` names. */
export function sampleAnswerCells(skip: readonly string[] = []): [string, number, number, string | number][] {
  const form = supplierChecklist.sheets.find((s) => s.kind === 'form') as FormSheetDef;
  const qsheet = supplierChecklist.sheets.find((s) => s.kind === 'questions') as QuestionSheetDef;
  const grid = layoutWorkbook(supplierChecklist, samples.find((s) => s.file.startsWith('sc-01'))!.input);
  const at = (name: string) => grid.sheets.find((s) => s.name === name)!;
  const out: [string, number, number, string | number][] = [];
  const put = (sheet: string, r: number, c: number) => {
    const v = cellAt(at(sheet), r, c);
    if ((typeof v === 'string' && v !== '') || typeof v === 'number') out.push([sheet, r, c, v]);
  };
  for (const f of form.fields) put(form.name, formFieldRow(form, f), 1);
  qsheet.questions.forEach((q, i) => {
    if (!skip.includes(q.id)) qsheet.fields.forEach((_, j) => put(qsheet.name, FIRST_DATA_ROW + i, QUESTION_FIXED + j));
  });
  return out;
}
