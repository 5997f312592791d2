// Shared setup of the round tests (distribute, status, year over year): a supplier list, its distribution, and
// returns filled in by openpyxl the way a supplier would.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { templateBuffer } from '../../../scripts/xlsx/template-writer.js';
import { columnLetter, type CellValue } from '../../../templates/model/grid.js';
import { FIRST_DATA_ROW, QUESTION_FIXED } from '../../../templates/model/layout.js';
import { corpNoCheckDigit } from '../../../templates/model/normalise.js';
import type { FormSheetDef, QuestionSheetDef } from '../../../templates/model/types.js';
import { CHECKLIST, RESPONDENT, supplierChecklist } from '../../../templates/supplier-checklist/index.js';
import { SUPPLIERS, supplierList } from '../../../templates/supplier-list/index.js';
import type { CellFill } from '../../helpers/producers.js';
import { daicho } from '../check/cli-helpers.js';

export const ROUND = '2027上期';
export const DUE = '2027-01-31';

/** A valid 法人番号 (check digit right), distinct for each n. */
export const corpNo = (n: number): string => {
  const base = String(100000000000 + n * 7919).padStart(12, '0');
  return `${corpNoCheckDigit(base)}${base}`;
};

export type SupplierRow = Record<string, CellValue>;

/** Supplier i (0-based) as a row of the list: S-0001…, 見本1工業株式会社…; abroad ones have no 法人番号 and get English. */
export function supplierRow(i: number, abroad = false): SupplierRow {
  return {
    取引先コード: `S-${String(i + 1).padStart(4, '0')}`,
    会社名: `見本${i + 1}工業株式会社`,
    法人番号: abroad ? null : corpNo(i + 1),
    '担当部署・担当者': abroad ? `Ms Example ${i + 1}` : `品質保証部 見本 ${i + 1} 様`,
    メール: `s${i + 1}@supplier${i + 1}.example.jp`,
    所在国: abroad ? 'Singapore' : '日本',
    区分: '製造',
    送付言語: abroad ? 'en' : 'ja',
  };
}

/** n suppliers, every fifth abroad (i % 5 === 4); `over` replaces fields of some of them. */
export function supplierRows(n: number, over: Record<number, SupplierRow> = {}): SupplierRow[] {
  return Array.from({ length: n }, (_, i) => ({ ...supplierRow(i, i % 5 === 4), ...over[i] }));
}

export async function writeList(path: string, rows: readonly SupplierRow[]): Promise<string> {
  await writeFile(path, await templateBuffer(supplierList, { tables: { [SUPPLIERS]: [...rows] } }));
  return path;
}

/** The blank checklist (no round in its marker), as a supplier might have downloaded it. */
export async function writeBlankChecklist(path: string): Promise<string> {
  await writeFile(path, await templateBuffer(supplierChecklist));
  return path;
}

/** `daicho distribute` of a list into outbox; fails the test when it does not succeed. */
export async function distribute(list: string, outbox: string, round = ROUND, due = DUE): Promise<string> {
  const r = await daicho(['distribute', list, '-o', outbox, '--round', round, '--due', due], { timeoutMs: 300_000 });
  expect(r.code, r.stderr).toBe(0);
  return outbox;
}

/** The checklist distribute wrote for a supplier code (named `${code}_${company}.xlsx`). */
export async function sentFile(outbox: string, code: string): Promise<string> {
  const f = (await readdir(outbox)).find((n) => n.startsWith(`${code}_`));
  if (!f) throw new Error(`no checklist for ${code} in ${outbox}`);
  return join(outbox, f);
}

const respondent = supplierChecklist.sheets[0] as FormSheetDef;
const checklist = supplierChecklist.sheets[1] as QuestionSheetDef;

/** The respondent sheet's cell of a field, e.g. formCell('回答者氏名') → 'B6'. */
export const formCell = (key: string): string =>
  `B${FIRST_DATA_ROW + 1 + respondent.fields.findIndex((f) => f.key === key)}`;

/** The checklist's cell of a question's field, e.g. answerCell('IV-2', '回答'). */
export const answerCell = (id: string, key: string): string =>
  `${columnLetter(QUESTION_FIXED + checklist.fields.findIndex((f) => f.key === key))}${FIRST_DATA_ROW + 1 + checklist.questions.findIndex((q) => q.id === id)}`;

export const questionIds = (): string[] => checklist.questions.map((q) => q.id);

/**
 * A supplier's complete, clean answers, as openpyxl writes them (a real date cell); `form` adds to (or, null, clears)
 * the respondent sheet, `more` to the checklist (by cell, see answerCell).
 */
export function answers(form: Record<string, string | null> = {}, more: Record<string, string | null> = {}): CellFill {
  const fill: CellFill = {
    [RESPONDENT]: {
      [formCell('回答者氏名')]: '見本 一郎',
      [formCell('メール')]: 'ichiro@example.jp',
      [formCell('所在国・地域')]: '日本',
      [formCell('回答日')]: 'date:2027-01-10',
      [formCell('責任者確認')]: 'はい',
    },
    [CHECKLIST]: {},
  };
  for (const [k, v] of Object.entries(form)) fill[RESPONDENT][formCell(k)] = v;
  for (const q of checklist.questions) {
    fill[CHECKLIST][answerCell(q.id, '回答')] = 'はい';
    fill[CHECKLIST][answerCell(q.id, '取組内容・根拠資料')] = '規程第3条、年次教育記録';
  }
  Object.assign(fill[CHECKLIST], more);
  return fill;
}
