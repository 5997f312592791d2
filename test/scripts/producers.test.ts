// Files we did not write: our templates inspected and filled by openpyxl, and re-saved by LibreOffice Calc,
// then read back with our reader and validated.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { templates, validateWorkbook } from '../../templates/index.js';
import { columnLetter } from '../../templates/model/grid.js';
import { FIRST_DATA_ROW, QUESTION_FIXED } from '../../templates/model/layout.js';
import type { FormSheetDef, Issue, QuestionSheetDef, TemplateDef } from '../../templates/model/types.js';
import { supplierChecklist } from '../../templates/supplier-checklist/index.js';
import { readXlsxFile } from '../../scripts/io/read-xlsx.js';
import { templateBuffer } from '../../scripts/xlsx/template-writer.js';
import {
  fillWithOpenpyxl,
  hasLibreOffice,
  hasOpenpyxl,
  resaveWithLibreOffice,
  type CellFill,
} from '../helpers/producers.js';

const asOf = '2026-11-20';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daicho-producers-'));
});

async function writeBlank(def: TemplateDef): Promise<string> {
  const path = join(dir, `${def.id}.xlsx`);
  await writeFile(path, await templateBuffer(def));
  return path;
}

const summary = (issues: Issue[]) => issues.map((i) => `${i.rule}@${i.sheet ?? ''}!${i.cell ?? ''}`);

async function check(path: string) {
  return validateWorkbook(await readXlsxFile(path), { asOf });
}

describe.skipIf(!hasOpenpyxl())('openpyxl reads our templates', () => {
  it.each(templates.map((t) => [t.id, t] as const))(
    '%s has dropdowns, protection, print setup and the marker',
    async (_, def) => {
      const path = await writeBlank(def);
      const view = await fillWithOpenpyxl(path, join(dir, `${def.id}-copy.xlsx`), {});
      expect(view.sheets['_daicho']).toBe('veryHidden');
      expect(view.names).toContain('_daicho');
      for (const sheet of def.sheets) {
        expect(view.protected[sheet.name], `${sheet.name} protected`).toBe(true);
        expect(view.paper[sheet.name], `${sheet.name} on A4`).toBe(9);
        expect(view.unlocked[sheet.name], `${sheet.name} has answer cells`).toBeGreaterThan(0);
        const lists = view.validations[sheet.name].filter((v) => v.type === 'list');
        const choiceFields = sheet.fields.filter((f) => f.type.kind === 'enum' || f.type.kind === 'yesno');
        // Each choice field's cells are covered by a list validation pointing into the hidden lists sheet.
        for (const f of choiceFields) {
          const i = sheet.fields.indexOf(f);
          const target =
            sheet.kind === 'form'
              ? `B${FIRST_DATA_ROW + 1 + i}`
              : `${columnLetter((sheet.kind === 'questions' ? QUESTION_FIXED : 0) + i)}${FIRST_DATA_ROW + 1}`;
          const covering = lists.filter((v) => sqrefCovers(v.sqref, target));
          expect(covering.length, `${sheet.name}!${target} (${f.key}) has a dropdown`).toBe(1);
          expect(covering[0].formula1).toMatch(/_lists/);
        }
        if (sheet.kind !== 'form') expect(view.freeze[sheet.name]).toBe('B3');
      }
    },
  );
  it.each(templates.map((t) => [t.id, t] as const))(
    '%s gives no cell two validations, which Excel refuses',
    async (_, def) => {
      const path = await writeBlank(def);
      const view = await fillWithOpenpyxl(path, join(dir, `${def.id}-dv.xlsx`), {});
      for (const sheet of def.sheets) {
        const seen = new Map<string, string>();
        for (const v of view.validations[sheet.name]) {
          for (const a1 of sqrefCells(v.sqref)) {
            expect(seen.get(a1), `${sheet.name}!${a1} in ${seen.get(a1)} and ${v.sqref}`).toBeUndefined();
            seen.set(a1, v.sqref);
          }
        }
        if (sheet.kind === 'table') {
          // every column of every template row keeps its validation, the last row too
          const last = FIRST_DATA_ROW + (sheet.templateRows ?? 0);
          for (let c = 0; c < sheet.fields.length; c++)
            if (!sheet.fields[c].computed && sheet.templateRows)
              expect(seen.has(`${columnLetter(c)}${last}`), `${sheet.name} ${columnLetter(c)}${last}`).toBe(true);
        }
      }
    },
  );
});

function sqrefCells(sqref: string): string[] {
  const n = (s: string) => [...s].reduce((acc, ch) => acc * 26 + ch.charCodeAt(0) - 64, 0);
  return sqref.split(/\s+/).flatMap((range) => {
    const [from, to = from] = range.split(':');
    const [, c0, r0] = /^([A-Z]+)(\d+)$/.exec(from)!;
    const [, c1, r1] = /^([A-Z]+)(\d+)$/.exec(to)!;
    const cells: string[] = [];
    for (let c = n(c0); c <= n(c1); c++)
      for (let r = Number(r0); r <= Number(r1); r++) cells.push(`${columnLetter(c - 1)}${r}`);
    return cells;
  });
}

function sqrefCovers(sqref: string, a1: string): boolean {
  const [, col, row] = /^([A-Z]+)(\d+)$/.exec(a1)!;
  return sqref.split(/\s+/).some((range) => {
    const [from, to = from] = range.split(':');
    const f = /^([A-Z]+)(\d+)$/.exec(from)!;
    const t = /^([A-Z]+)(\d+)$/.exec(to)!;
    const n = (s: string) => [...s].reduce((acc, ch) => acc * 26 + ch.charCodeAt(0) - 64, 0);
    return n(f[1]) <= n(col) && n(col) <= n(t[1]) && Number(f[2]) <= Number(row) && Number(row) <= Number(t[2]);
  });
}

/** Cell addresses of a form field and of a question's answer field, from the layout. */
function formCell(sheet: FormSheetDef, key: string): string {
  return `B${FIRST_DATA_ROW + 1 + sheet.fields.findIndex((f) => f.key === key)}`;
}
function answerCell(sheet: QuestionSheetDef, id: string, key: string): string {
  const row = FIRST_DATA_ROW + 1 + sheet.questions.findIndex((q) => q.id === id);
  return `${columnLetter(QUESTION_FIXED + sheet.fields.findIndex((f) => f.key === key))}${row}`;
}

const respondent = supplierChecklist.sheets[0] as FormSheetDef;
const checklist = supplierChecklist.sheets[1] as QuestionSheetDef;

/** A supplier's return as openpyxl would write it: real date cells, ○ and full-width digits, a few mistakes. */
function supplierReturn(): CellFill {
  const r = respondent.name;
  const q = checklist.name;
  const fill: CellFill = {
    [r]: {
      [formCell(respondent, '会社名')]: '検証用テスト株式会社',
      [formCell(respondent, '法人番号')]: '7000012050003', // wrong check digit
      [formCell(respondent, '所在国・地域')]: '日本',
      [formCell(respondent, '従業員数')]: '１２０',
      [formCell(respondent, '回答者氏名')]: '試験 太郎',
      [formCell(respondent, 'メール')]: 'taro@example.co.jp',
      [formCell(respondent, '回答日')]: 'date:2026-11-01',
      [formCell(respondent, '責任者確認')]: '○',
    },
    [q]: {},
  };
  for (const question of checklist.questions) {
    fill[q][answerCell(checklist, question.id, '回答')] = 'はい';
    fill[q][answerCell(checklist, question.id, '取組内容・根拠資料')] = '規程第3条、年次教育記録';
  }
  fill[q][answerCell(checklist, 'III-2', '回答')] = '○';
  fill[q][answerCell(checklist, 'II-3', '回答')] = 'いいえ'; // a gap with no plan and no comment
  fill[q][answerCell(checklist, 'II-4', '回答')] = '一部実施';
  fill[q][answerCell(checklist, 'II-4', '改善予定日')] = '令和9年3月31日';
  fill[q][answerCell(checklist, 'II-4', 'コメント')] = '賃金台帳の電子化を来年度に実施予定';
  fill[q][answerCell(checklist, 'IV-1', '回答')] = '該当なし'; // needs a reason
  fill[q][answerCell(checklist, 'V-1', '取組内容・根拠資料')] = null; // critical はい without evidence
  return fill;
}

const expectedSupplierIssues = [
  `V-CORPNO@回答者情報!${formCell(respondent, '法人番号')}`,
  `SC-GAP@チェックリスト!${answerCell(checklist, 'II-3', '改善予定日')}`,
  `SC-NA@チェックリスト!${answerCell(checklist, 'IV-1', 'コメント')}`,
  `SC-EVIDENCE@チェックリスト!${answerCell(checklist, 'V-1', '取組内容・根拠資料')}`,
];

describe.skipIf(!hasOpenpyxl())('a supplier return filled by openpyxl', () => {
  it('reads back with exactly the expected findings', async () => {
    const blank = await writeBlank(supplierChecklist);
    const filled = join(dir, 'supplier-openpyxl.xlsx');
    await fillWithOpenpyxl(blank, filled, supplierReturn());
    const v = await check(filled);
    expect(v.template).toEqual({ id: 'supplier-checklist', version: 1 });
    expect(summary(v.issues)).toEqual(expectedSupplierIssues);
    expect(v.score).toMatchObject({ answered: 37, total: 37, redFlags: [] });
    const values = v.data!.sheets['回答者情報'][0].values;
    expect(values['回答日']).toBe('2026-11-01');
    expect(values['従業員数']).toBe(120);
    expect(values['責任者確認']).toBe('はい');
    const ii4 = v.data!.sheets['チェックリスト'].find((r) => r.id === 'II-4')!;
    expect(ii4.values['改善予定日']).toBe('2027-03-31');
  });
});

describe.skipIf(!hasLibreOffice() || !hasOpenpyxl())('LibreOffice Calc', () => {
  it.each(templates.map((t) => [t.id, t] as const))(
    'opens the blank %s template and re-saves it with the same findings',
    async (_, def) => {
      const ours = await writeBlank(def);
      const resaved = await resaveWithLibreOffice(ours);
      const before = await check(ours);
      const after = await check(resaved);
      expect(after.template).toEqual(before.template);
      expect(summary(after.issues)).toEqual(summary(before.issues));
    },
    120_000,
  );

  it('re-saves the openpyxl-filled return with the same findings', async () => {
    const blank = join(dir, 'lo-blank.xlsx');
    await writeFile(blank, await templateBuffer(supplierChecklist));
    const filled = join(dir, 'lo-supplier.xlsx');
    await fillWithOpenpyxl(blank, filled, supplierReturn());
    const v = await check(await resaveWithLibreOffice(filled));
    expect(summary(v.issues)).toEqual(expectedSupplierIssues);
  }, 120_000);
});
