// @vitest-environment jsdom
// Issue 14 item 5 in the pane, over the fake Excel holding a checklist exactly as `daicho distribute` writes it (the
// request sheet first, 会社名 and 法人番号 locked, round/supplier/due in the hidden marker): the pane names the round
// and the due date, and 「送信前チェック」 tells the supplier whether the return can be sent, listing what is left —
// unanswered questions and errors, each selecting its cell — in Japanese and in English.
import { describe, expect, it } from 'vitest';
import { checklistFor } from '../../scripts/round/distribute.js';
import { samples } from '../../scripts/samples/supplier-checklist.js';
import { supplierChecklist } from '../../templates/supplier-checklist/index.js';
import { columnLetter } from '../../templates/model/grid.js';
import { FIRST_DATA_ROW, formFieldRow, layoutWorkbook, QUESTION_FIXED } from '../../templates/model/layout.js';
import { readiness } from '../../templates/model/readiness.js';
import type { FormSheetDef, QuestionSheetDef } from '../../templates/model/types.js';
import { FakeWorkbook, installFake } from '../../addin/fake/fake-excel.js';
import { decodeXlsx } from '../../addin/fake/xlsx.js';
import { App } from '../../addin/taskpane/App.js';
import { WorkbookSession } from '../../addin/taskpane/session.js';
import { SAMPLE_SUPPLIER, sampleAnswerCells } from '../helpers/sample-return.js';
import { allByRole, byRole, byTestId, click, renderWithTheme, usePaneTestHost, waitFor } from './render.js';

usePaneTestHost();

const form = supplierChecklist.sheets.find((s) => s.kind === 'form') as FormSheetDef;
const qsheet = supplierChecklist.sheets.find((s) => s.kind === 'questions') as QuestionSheetDef;
const sample = samples.find((s) => s.file.startsWith('sc-01'))!;

/** The distributed checklist in the fake, as the supplier opens it. */
async function distributed(due = '2027-01-31'): Promise<FakeWorkbook> {
  const wb = new FakeWorkbook(decodeXlsx(await checklistFor(SAMPLE_SUPPLIER, { round: '2027上期', due })));
  installFake(globalThis, wb);
  return wb;
}

/** The supplier fills in sc-01's answers and respondent fields (what openpyxl or a person would type). */
function fillIn(wb: FakeWorkbook, skip: readonly string[] = []): void {
  for (const [sheet, r, c, v] of sampleAnswerCells(skip)) wb.getCell(wb.sheetByName(sheet)!, r, c).value = v;
}

async function open(lang = 'ja-JP', asOf = '2026-12-06') {
  const session = new WorkbookSession(undefined, { asOf, debounceMs: 10 });
  const r = await renderWithTheme(<App session={session} />, { lang });
  await waitFor(() => expect(session.getState().status).toBe('ready'));
  return { ...r, session };
}

const answerCell = (id: string) =>
  `${columnLetter(QUESTION_FIXED + qsheet.fields.findIndex((f) => f.key === '回答'))}${
    FIRST_DATA_ROW + 1 + qsheet.questions.findIndex((q) => q.id === id)
  }`;

describe('pane: a distributed checklist, its round and due date, and 「送信前チェック」', () => {
  it('names the round, the due date and the supplier code from the marker', async () => {
    await distributed();
    const { container } = await open();
    const round = byTestId(container, 'round');
    expect(round.textContent).toContain('調査「2027上期」のご回答用ファイルです');
    expect(round.textContent).toContain('回答期限は2027年1月31日です。');
    expect(round.textContent).toContain('取引先コード: S-0001');
  });

  it('says when the due date has passed', async () => {
    await distributed('2026-11-30');
    const { container } = await open();
    expect(byTestId(container, 'round').textContent).toContain('回答期限（2026年11月30日）を過ぎています');
  });

  it('a blank return: not ready, 0 of 37, every question listed; a click selects the answer cell', async () => {
    const wb = await distributed();
    const { container } = await open();
    await click(byRole(container, 'button', '送信前チェック'));
    const verdict = await waitFor(() => byTestId(container, 'send-verdict'));
    expect(verdict.textContent).toContain('まだ送信できません');
    expect(verdict.textContent).toContain('回答済み 0 / 37 問です。未回答の質問が 37 問、修正が必要な点が');
    const chips = byTestId(container, 'send-unanswered').querySelectorAll('button[data-cell]');
    expect([...chips].map((b) => b.textContent)).toEqual(qsheet.questions.map((q) => q.id));
    // 回答者氏名, メール, 回答日 and 責任者確認 are required: errors, listed with their cells (会社名, 法人番号 and
    // 所在国・地域 came filled in from the supplier list).
    const errors = [...byTestId(container, 'send-errors').querySelectorAll('button[data-cell]')].map((b) =>
      b.getAttribute('data-cell'),
    );
    const required = form.fields.filter((f) => f.required && !['会社名', '法人番号', '所在国・地域'].includes(f.key));
    expect(errors).toEqual(required.map((f) => `${form.name}!B${formFieldRow(form, f) + 1}`));
    await click(chips[4]);
    await waitFor(() => expect(wb.selection).toEqual({ sheet: qsheet.name, address: answerCell('II-4') }));
  });

  it('two questions and 責任者確認 left: lists exactly them; once filled in, ready to send', async () => {
    const wb = await distributed();
    fillIn(wb, ['III-2', 'VII-2']);
    const approval = formFieldRow(
      form,
      form.fields.find((f) => f.key === '責任者確認')!,
    );
    wb.getCell(wb.sheetByName(form.name)!, approval, 1).value = null;
    const { container, session } = await open();
    await click(byRole(container, 'button', '送信前チェック'));
    const verdict = await waitFor(() => byTestId(container, 'send-verdict'));
    expect(verdict.textContent).toContain(
      '回答済み 35 / 37 問です。未回答の質問が 2 問、修正が必要な点が 1 件あります。',
    );
    expect(
      [...byTestId(container, 'send-unanswered').querySelectorAll('button')].map((b) => b.getAttribute('data-cell')),
    ).toEqual([`${qsheet.name}!${answerCell('III-2')}`, `${qsheet.name}!${answerCell('VII-2')}`]);
    expect(byTestId(container, 'send-errors').textContent).toContain('責任者確認');

    fillIn(wb);
    await click(byRole(container, 'button', '送信前チェック'));
    await waitFor(() => expect(byTestId(container, 'send-verdict').textContent).toContain('送信できます'));
    expect(byTestId(container, 'send-verdict').textContent).toContain(
      '37問すべてに回答済みで、修正が必要な点はありません。',
    );
    expect(container.querySelector('[data-testid="send-unanswered"]')).toBeNull();
    expect(container.querySelector('[data-testid="send-errors"]')).toBeNull();
    // The same judgment as the model's (and as `daicho status`, which calls any error 要修正).
    expect(readiness(session.getState().issues, session.getState().validation?.score).ready).toBe(true);
  });

  it('in English: the round, the due date and the verdict', async () => {
    await distributed();
    const { container } = await open('en-US');
    expect(byTestId(container, 'round').textContent).toContain('Your answers for survey round 2027上期');
    expect(byTestId(container, 'round').textContent).toContain(
      'Please send them back by 2027-01-31. (supplier code: S-0001)',
    );
    await click(byRole(container, 'button', 'Check before sending'));
    const verdict = await waitFor(() => byTestId(container, 'send-verdict'));
    expect(verdict.textContent).toContain('Not ready to send yet');
    expect(verdict.textContent).toContain('0 of 37 questions answered. Left: 37 unanswered questions and');
  });

  it('a checklist that was not distributed shows no round, and still offers 「送信前チェック」', async () => {
    const wb = FakeWorkbook.fromGrid(layoutWorkbook(supplierChecklist, sample.input));
    installFake(globalThis, wb);
    const { container } = await open();
    expect(container.querySelector('[data-testid="round"]')).toBeNull();
    expect(allByRole(container, 'button', '送信前チェック')).toHaveLength(1);
  });
});
