// @vitest-environment jsdom
// The toy fifth template (test/helpers/toy-template.ts) in the pane over the fake Excel: offered by the template
// picker, its form and questions shown and written, its score and findings — from its definition, registered by the
// one line below. (check, annotate, merge and audit: test/templates/toy-template.test.ts.)
import { describe, expect, it, vi } from 'vitest';
import { registerTemplate } from '../../templates/index.js';
import { columnLetter, type Grid } from '../../templates/model/grid.js';
import { layoutWorkbook, QUESTION_FIXED } from '../../templates/model/layout.js';
import { FakeWorkbook, installFake, type FakeOptions } from '../../addin/fake/fake-excel.js';
import { App } from '../../addin/taskpane/App.js';
import { WorkbookSession } from '../../addin/taskpane/session.js';
import { byRole, decodedTemplate, byTestId, click, renderWithTheme, usePaneTestHost, waitFor } from './render.js';
import { FORM, ITEMS, toy } from '../helpers/toy-template.js';

registerTemplate(toy);

usePaneTestHost();

const AS_OF = '2026-11-20';

function fakeFrom(grid: Grid, opts: FakeOptions = {}): FakeWorkbook {
  const wb = FakeWorkbook.fromGrid(grid, opts);
  installFake(globalThis, wb);
  return wb;
}

async function renderApp(wb: FakeWorkbook, session = new WorkbookSession(undefined, { asOf: AS_OF, debounceMs: 10 })) {
  const r = await renderWithTheme(<App session={session} />, { lang: 'ja-JP' });
  await waitFor(() => expect(session.getState().status).toBe('ready'));
  return { ...r, session, wb };
}

// Column of the 結果 answers (after the fixed 項番 / 分類 / 項目 / 質問 columns); T-1 is on row 3.
const RESULT_COL = columnLetter(QUESTION_FIXED);

describe('a template defined in a test only, in the pane', () => {
  it('a workbook of it: title, questions by its sections, an answer written to its cell, progress and findings', async () => {
    const wb = fakeFrom(
      layoutWorkbook(toy, {
        forms: { [FORM]: { 店舗名: '池袋店', 点検日: '2026-11-12', 点検者: null } },
        answers: { [ITEMS]: { 'T-1': { 結果: '否' }, 'T-2': { 結果: '良' } } },
      }),
    );
    const { container } = await renderApp(wb);
    expect(byTestId(container, 'template-title').textContent).toContain('店舗点検票');
    await waitFor(() => expect(byTestId(container, 'progress').textContent).toBe('回答済み 2 / 3'));
    const q = container.querySelector<HTMLElement>('[data-question="T-3"]')!;
    expect(q.textContent).toContain('手洗い設備');
    await click(byRole(q, 'radio', '良'));
    await waitFor(() => expect(wb.value(ITEMS, `${RESULT_COL}5`)).toBe('良'));
    await waitFor(() => expect(byTestId(container, 'progress').textContent).toBe('回答済み 3 / 3'));
    await click(byRole(container, 'tab', /チェック/));
    const panel = await waitFor(() => byTestId(container, 'check-panel'));
    expect([...panel.querySelectorAll('[title="必須項目の未入力"]')].map((e) => e.textContent)).toContain('V-REQUIRED');
  });

  it('a workbook that is no template: the picker offers it and inserts it', async () => {
    const decode = vi.fn(() => decodedTemplate(toy));
    const wb = fakeFrom({ sheets: [{ name: 'Sheet1', rows: [['メモ']] }] }, { decodeWorkbook: decode });
    const source = vi.fn(async () => 'QUJD');
    const session = new WorkbookSession(undefined, { asOf: AS_OF, debounceMs: 10, templateSource: source });
    const { container } = await renderApp(wb, session);
    expect(byTestId(container, 'template-picker').querySelector('[data-template="toy-inspection"]')).not.toBeNull();
    await click(byRole(container, 'button', /挿入: 店舗点検票/));
    await waitFor(() => expect(byTestId(container, 'template-title').textContent).toMatch(/店舗点検票/));
    expect(source).toHaveBeenCalledWith('toy-inspection');
  });
});
