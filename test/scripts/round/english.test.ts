// A supplier whose 送付言語 is en gets the checklist in English — titles, labels, hints, the locked question texts and
// the choices — and check, merge and status read it as they read the Japanese one: the reader compares the locked
// texts against either language (SC-TAMPER still catches a changed one) and takes English answers.
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readXlsxFile } from '../../../scripts/io/read-xlsx.js';
import { validateWorkbook } from '../../../templates/index.js';
import { cellText } from '../../../templates/model/normalise.js';
import type { QuestionSheetDef } from '../../../templates/model/types.js';
import { CHECKLIST, RESPONDENT, supplierChecklist } from '../../../templates/supplier-checklist/index.js';
import { fillWithOpenpyxl, hasLibreOffice, hasOpenpyxl, resaveWithLibreOffice } from '../../helpers/producers.js';
import { daicho, ensureBuilt } from '../check/cli-helpers.js';
import {
  answerCell,
  answers,
  distribute,
  DUE,
  formCell,
  ROUND,
  sentFile,
  supplierRows,
  writeList,
} from './fixtures.js';

const AS_OF = '2027-01-20';
const checklist = supplierChecklist.sheets[1] as QuestionSheetDef;
const ii1 = checklist.questions.find((q) => q.id === 'II-1')!;

let dir: string;
let list: string;
let outbox: string;

/** Clean answers as an English-speaking supplier gives them: Yes / Partly, 責任者確認 Yes. */
function englishAnswers() {
  const fill = answers({ 責任者確認: 'Yes', '所在国・地域': 'Singapore' });
  for (const [cell, v] of Object.entries(fill[CHECKLIST])) if (v === 'はい') fill[CHECKLIST][cell] = 'Yes';
  Object.assign(fill[CHECKLIST], {
    [answerCell('IV-2', '回答')]: 'Partly',
    [answerCell('IV-2', '改善予定日')]: 'date:2027-06-30',
    [answerCell('IV-2', 'コメント')]: 'Energy audit planned for the second quarter',
  });
  return fill;
}

const issuesOf = async (path: string) =>
  validateWorkbook(await readXlsxFile(path), { asOf: AS_OF }).issues.map((i) => `${i.rule}@${i.sheet}!${i.cell}`);

describe('the checklist sent to a supplier in English', () => {
  beforeAll(async () => {
    await ensureBuilt();
    dir = await mkdtemp(join(tmpdir(), 'daicho-english-'));
    list = await writeList(join(dir, '取引先一覧.xlsx'), supplierRows(5));
    outbox = await distribute(list, join(dir, 'outbox'));
  }, 300_000);

  it('has English titles, headers, labels, hints, question texts and choices; the Japanese one keeps Japanese', async () => {
    const en = new ExcelJS.Workbook();
    await en.xlsx.readFile(await sentFile(outbox, 'S-0005'));
    const ja = new ExcelJS.Workbook();
    await ja.xlsx.readFile(await sentFile(outbox, 'S-0001'));
    const header = (wb: ExcelJS.Workbook) =>
      (wb.getWorksheet(CHECKLIST)!.getRow(2).values as unknown[]).slice(1, 6).map((v) => String(v).replace('※', ''));
    expect(header(en)).toEqual(['No.', 'Section', 'Item', 'Question', 'Answer']);
    expect(header(ja)).toEqual(['項番', '分類', '項目', '質問', '回答']);
    const row = 3 + checklist.questions.indexOf(ii1);
    expect(en.getWorksheet(CHECKLIST)!.getCell(row, 4).value).toBe(ii1.question.en);
    expect(en.getWorksheet(CHECKLIST)!.getCell(row, 3).value).toBe(ii1.title.en);
    expect(ja.getWorksheet(CHECKLIST)!.getCell(row, 4).value).toBe(ii1.question.ja);
    const title = en.getWorksheet(CHECKLIST)!.getCell('A1').value as ExcelJS.CellRichTextValue;
    expect(title.richText.map((t) => t.text).join('')).toContain('Self-assessment against');
    const respondent = en.getWorksheet(RESPONDENT)!;
    expect(String(respondent.getCell(formCell('会社名').replace('B', 'A')).value)).toMatch(/^Company/);
    expect(String(respondent.getCell(formCell('責任者確認').replace('B', 'C')).value)).toMatch(
      /^Yes once a responsible/,
    );
    const grid = await readXlsxFile(await sentFile(outbox, 'S-0005'));
    const lists = grid.sheets.find((s) => s.name === '_lists')!;
    const choices = lists.rows.flat().map((v) => cellText(v ?? null));
    expect(choices).toEqual(expect.arrayContaining(['Yes', 'Partly', 'No', 'Not applicable']));
    expect(choices).not.toContain('はい');
  });

  it('checks clean as distributed: no SC-TAMPER for the English texts', async () => {
    const v = validateWorkbook(await readXlsxFile(await sentFile(outbox, 'S-0005')), { asOf: AS_OF });
    expect(v.template).toEqual({ id: 'supplier-checklist', version: 1 });
    expect(v.issues.filter((i) => i.rule === 'SC-TAMPER')).toEqual([]);
    expect(v.data!.marker!.distribution).toMatchObject({ supplier: 'S-0005', lang: 'en' });
  });

  describe.skipIf(!hasOpenpyxl())('answered by openpyxl', () => {
    let returns: string;
    beforeAll(async () => {
      returns = join(dir, 'returns');
      await mkdir(returns);
      await fillWithOpenpyxl(await sentFile(outbox, 'S-0005'), join(returns, 'answers-S5.xlsx'), englishAnswers());
      await fillWithOpenpyxl(await sentFile(outbox, 'S-0001'), join(returns, 'ご回答_見本1.xlsx'), answers());
    }, 120_000);

    it('reads English answers as the Japanese choices, and so does a LibreOffice re-save', async () => {
      const path = join(returns, 'answers-S5.xlsx');
      const files = [path, ...(hasLibreOffice() ? [await resaveWithLibreOffice(path)] : [])];
      for (const f of files) {
        const v = validateWorkbook(await readXlsxFile(f), { asOf: AS_OF });
        expect(
          v.issues.map((i) => `${i.rule}@${i.sheet}!${i.cell}`),
          f,
        ).toEqual([]);
        const rows = v.data!.sheets[CHECKLIST];
        expect(rows.find((r) => r.id === 'IV-2')!.values['回答']).toBe('一部実施');
        expect(rows.find((r) => r.id === 'I')!.values['回答']).toBe('はい');
        expect(v.data!.sheets[RESPONDENT][0].values['責任者確認']).toBe('はい');
        expect(v.score).toMatchObject({ complete: true });
      }
    }, 120_000);

    it('check, merge and status take it with the Japanese return', async () => {
      const c = await daicho(['check', returns, '--as-of', AS_OF]);
      expect(c.code, c.stdout + c.stderr).toBe(0);
      const master = join(dir, 'suppliers.xlsx');
      const m = await daicho(['merge', returns, '-o', master, '--as-of', AS_OF]);
      expect(m.code, m.stderr).toBe(0);
      const grid = await readXlsxFile(master);
      const text = grid.sheets[0].rows.flat().map((v) => cellText(v ?? null));
      expect(text).toEqual(expect.arrayContaining(['見本1工業株式会社', '見本5工業株式会社']));
      const s = await daicho(['status', list, returns, '-o', join(dir, 'status'), '--round', ROUND, '--due', DUE]);
      expect(s.code, s.stderr).toBe(0);
      expect(s.stdout).toContain('完了 2');
    }, 300_000);

    it('a changed English question text is still SC-TAMPER; the Japanese text in its place is accepted', async () => {
      const cell = `D${3 + checklist.questions.indexOf(ii1)}`;
      const changed = join(dir, 'changed.xlsx');
      await fillWithOpenpyxl(join(returns, 'answers-S5.xlsx'), changed, {
        [CHECKLIST]: { [cell]: 'Do you treat your employees well?' },
      });
      expect(await issuesOf(changed)).toEqual([`SC-TAMPER@${CHECKLIST}!${cell}`]);
      const japanese = join(dir, 'japanese.xlsx');
      await fillWithOpenpyxl(join(returns, 'answers-S5.xlsx'), japanese, { [CHECKLIST]: { [cell]: ii1.question.ja } });
      expect(await issuesOf(japanese)).toEqual([]);
    }, 120_000);
  });
});
