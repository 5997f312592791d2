// Issue 14 item 5 end to end: the production pane in Chromium over the fake Excel holding a checklist written by
// `daicho distribute` (scripts/round/distribute.ts checklistFor) and filled in but for one question. The pane names
// the round and due date; 「送信前チェック」 says it cannot be sent and lists the question; a click goes to its answer
// cell; answering it in the pane turns the verdict to 送信できます.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checklistFor } from '../../scripts/round/distribute.js';
import { supplierChecklist } from '../../templates/supplier-checklist/index.js';
import { columnLetter } from '../../templates/model/grid.js';
import { FIRST_DATA_ROW, QUESTION_FIXED } from '../../templates/model/layout.js';
import type { QuestionSheetDef } from '../../templates/model/types.js';
import { SAMPLE_SUPPLIER, sampleAnswerCells } from '../helpers/sample-return.js';
import { dist, haveChromium, openPane, shot, useHarness } from './harness.js';

const harness = useHarness();
const qsheet = supplierChecklist.sheets.find((s) => s.kind === 'questions') as QuestionSheetDef;
const LEFT = 'II-4';

let dir: string;
let workbook: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daicho-e2e-return-'));
  const file = join(dir, 'S-0001_見本精機株式会社.xlsx');
  writeFileSync(file, await checklistFor(SAMPLE_SUPPLIER, { round: '2027上期', due: '2027-01-31' }));
  workbook = relative(dist, file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!haveChromium)('task pane in Chromium: a distributed checklist before it is sent back', () => {
  it('shows the round and due date; 「送信前チェック」 lists what is left, goes to it, and says 送信できます once done', async () => {
    const { ctx, page, errors } = await openPane(harness(), { workbook });
    try {
      const round = page.getByTestId('round');
      await round.waitFor();
      expect(await round.textContent()).toContain('調査「2027上期」のご回答用ファイルです');
      expect(await round.textContent()).toContain('回答期限は2027年1月31日です。');
      await page.evaluate(
        (cells) => {
          for (const [sheet, r, c, v] of cells) window.__wb.getCell(window.__wb.sheetByName(sheet)!, r, c).value = v;
        },
        sampleAnswerCells([LEFT]),
      );

      await page.getByRole('button', { name: '送信前チェック' }).click();
      const verdict = page.getByTestId('send-verdict');
      await expect.poll(() => verdict.textContent()).toContain('まだ送信できません');
      expect(await verdict.textContent()).toContain('回答済み 36 / 37 問です。未回答の質問が 1 問あります。');
      const chip = page.getByTestId('send-unanswered').locator('button[data-cell]');
      expect(await chip.allTextContents()).toEqual([LEFT]);
      const [sheet, cell] = (await chip.getAttribute('data-cell'))!.split('!');
      const row = FIRST_DATA_ROW + 1 + qsheet.questions.findIndex((q) => q.id === LEFT);
      const answerCol = columnLetter(QUESTION_FIXED + qsheet.fields.findIndex((f) => f.key === '回答'));
      expect([sheet, cell]).toEqual([qsheet.name, `${answerCol}${row}`]);
      await chip.click();
      await expect.poll(() => page.evaluate(() => window.__wb.selection)).toEqual({ sheet, address: cell });
      await shot(page, 'send-check');

      // Answering in the pane writes the cell; the verdict follows the workbook.
      await page.locator(`[data-question="${LEFT}"]`).getByRole('radio', { name: 'はい' }).check();
      await expect.poll(() => page.evaluate(([s, a]) => window.__wb.value(s, a), [sheet, cell] as const)).toBe('はい');
      await expect.poll(() => verdict.textContent()).toContain('送信できます');
      expect(await verdict.textContent()).toContain('37問すべてに回答済みで、修正が必要な点はありません。');
      expect(await page.getByTestId('send-unanswered').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
