// @vitest-environment jsdom
// Pane components in jsdom, over the fake Excel holding workbooks laid out by the templates themselves.
import { describe, expect, it, vi } from 'vitest';
import { templateById, templates } from '../../templates/index.js';
import { isoToSerial } from '../../templates/model/dates.js';
import { columnLetter, type Grid } from '../../templates/model/grid.js';
import { layoutWorkbook, QUESTION_FIXED, type WorkbookInput } from '../../templates/model/layout.js';
import type { FieldDef, QuestionSheetDef, TableSheetDef } from '../../templates/model/types.js';
import * as excel from '../../addin/excel/index.js';
import { FakeWorkbook, installFake, type FakeOptions } from '../../addin/fake/fake-excel.js';
import { App, OutsideExcel } from '../../addin/taskpane/App.js';
import { FieldControl } from '../../addin/taskpane/components/FieldControl.js';
import { langFor } from '../../addin/taskpane/i18n.js';
import { WorkbookSession } from '../../addin/taskpane/session.js';
import {
  allByRole,
  blur,
  byRole,
  byTestId,
  byText,
  cleanup,
  click,
  renderWithTheme,
  type,
  waitFor,
  usePaneTestHost,
  decodedTemplate,
} from './render.js';

usePaneTestHost();

const AS_OF = '2025-06-30';

function fakeFrom(grid: Grid, opts: FakeOptions = {}): FakeWorkbook {
  const wb = FakeWorkbook.fromGrid(grid, opts);
  installFake(globalThis, wb);
  return wb;
}

async function renderApp(
  wb: FakeWorkbook,
  lang = 'ja-JP',
  session = new WorkbookSession(undefined, { asOf: AS_OF, debounceMs: 10 }),
) {
  const r = await renderWithTheme(<App session={session} />, { lang });
  await waitFor(() => expect(session.getState().status).toBe('ready'));
  return { ...r, session, wb };
}

const checklist = templateById('supplier-checklist')!;
const qsheet = checklist.sheets.find((s) => s.kind === 'questions') as QuestionSheetDef;
const qcol = (key: string) => columnLetter(QUESTION_FIXED + qsheet.fields.findIndex((f) => f.key === key));
const ledger = templateById('pi-ledger')!;
const lsheet = ledger.sheets[0] as TableSheetDef;
const lcol = (key: string) => columnLetter(lsheet.fields.findIndex((f) => f.key === key));

describe('langFor', () => {
  it('Japanese by default, English when Office is English', () => {
    expect(langFor('ja-JP')).toBe('ja');
    expect(langFor('en-US')).toBe('en');
    expect(langFor('en-GB')).toBe('en');
    expect(langFor('fr-FR')).toBe('ja');
    expect(langFor(undefined)).toBe('ja');
  });
});

describe('FieldControl', () => {
  const field = (type: FieldDef['type'], extra: Partial<FieldDef> = {}): FieldDef => ({
    key: '項目',
    label: { ja: '項目', en: 'Item' },
    type,
    ...extra,
  });

  async function control(f: FieldDef, value: string, onChange = vi.fn(), lang = 'ja-JP') {
    const r = await renderWithTheme(<FieldControl field={f} value={value} grid={null} onChange={onChange} />, { lang });
    return { ...r, onChange };
  }

  it('a date input accepts 和暦 and says what it reads', async () => {
    const { container } = await control(field({ kind: 'date' }), '令和6年4月1日');
    expect(byText(container, '→ 2024-04-01')).toHaveLength(1);
  });

  it('explains a bad value as you type (an integer field given 約100)', async () => {
    const { container } = await control(field({ kind: 'integer', min: 0 }), '約100');
    expect(
      container.querySelector('[role="alert"], [id*="validationMessage"]')?.textContent ?? container.textContent,
    ).toMatch(/約|整数/);
  });

  it('yes/no is a pair of radios; a choice calls onChange with the canonical value', async () => {
    const { container, onChange } = await control(field({ kind: 'yesno' }), '');
    const radios = allByRole(container, 'radio');
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual(['はい', 'いいえ']);
    await click(byRole(container, 'radio', 'はい'));
    expect(onChange).toHaveBeenCalledWith('はい');
  });

  it('a stored synonym (○) shows as its option', async () => {
    const f = field({
      kind: 'enum',
      options: [
        { value: 'はい', en: 'Yes', synonyms: ['○'] },
        { value: 'いいえ', en: 'No' },
      ],
    });
    const { container } = await control(f, '○');
    expect((byRole(container, 'radio', 'はい') as HTMLInputElement).checked).toBe(true);
  });

  it('long option lists are a select; English labels when English', async () => {
    const options = ['紙', '電子', 'その他', '不明', '混在'].map((v, i) => ({ value: v, en: `opt${i}` }));
    const { container } = await control(field({ kind: 'enum', options }), '', vi.fn(), 'en-US');
    const select = byRole(container, 'combobox') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['—', 'opt0', 'opt1', 'opt2', 'opt3', 'opt4']);
  });
});

describe('App', () => {
  it('outside Excel: a notice pointing to the preview', async () => {
    const { container } = await renderWithTheme(<OutsideExcel />);
    expect(container.textContent).toContain('Excel の外で開かれています');
    expect(container.querySelector('a[href="preview.html"]')).not.toBeNull();
  });

  it('a workbook that is no template: offers every template and inserts one', async () => {
    const decode = vi.fn(() => decodedTemplate(checklist));
    const wb = fakeFrom({ sheets: [{ name: 'Sheet1', rows: [['メモ']] }] }, { decodeWorkbook: decode });
    const source = vi.fn(async () => 'QUJD');
    const session = new WorkbookSession(undefined, { asOf: AS_OF, debounceMs: 10, templateSource: source });
    const { container } = await renderApp(wb, 'ja-JP', session);
    const picker = byTestId(container, 'template-picker');
    expect(picker.querySelectorAll('[data-template]')).toHaveLength(templates.length);
    await click(byRole(container, 'button', /挿入: サステナブル調達/));
    await waitFor(() => expect(byTestId(container, 'template-title').textContent).toMatch(/サステナブル調達/));
    expect(source).toHaveBeenCalledWith('supplier-checklist');
    expect(wb.sheetByName('_daicho')?.visibility).toBe('VeryHidden');
  });

  it('below ExcelApi 1.13 a template opens as a new workbook, and the pane says so', async () => {
    const wb = fakeFrom({ sheets: [{ name: 'Sheet1', rows: [['メモ']] }] }, { apiVersion: '1.12' });
    const session = new WorkbookSession(undefined, { asOf: AS_OF, debounceMs: 10, templateSource: async () => 'QUJD' });
    const { container } = await renderApp(wb, 'ja-JP', session);
    await click(byRole(container, 'button', /挿入: 個人情報管理台帳/));
    await waitFor(() => expect(byText(container, '新しいブックとして開きました').length).toBeGreaterThan(0));
    expect(wb.createdWorkbooks).toEqual(['QUJD']);
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1']);
  });

  it('questionnaire: an answer writes its cell; progress counts it; a gap asks for 改善予定日 and takes a 和暦 date', async () => {
    const wb = fakeFrom(layoutWorkbook(checklist));
    const { container } = await renderApp(wb);
    await waitFor(() => expect(byTestId(container, 'progress').textContent).toBe('回答済み 0 / 37'));
    const q = container.querySelector<HTMLElement>('[data-question="II-1"]')!;
    expect(allByRole(q, 'textbox', /改善予定日/)).toHaveLength(0);
    await click(byRole(q, 'radio', 'いいえ'));
    await waitFor(() => expect(wb.value(qsheet.name, `${qcol('回答')}4`)).toBe('いいえ'));
    await waitFor(() => expect(byTestId(container, 'progress').textContent).toBe('回答済み 1 / 37'));
    const plan = await waitFor(() => byRole(q, 'textbox', /改善予定日/));
    await type(plan, 'R8.3.31');
    expect(byText(q, '→ 2026-03-31').length).toBeGreaterThan(0);
    await blur(plan);
    await waitFor(() => expect(wb.value(qsheet.name, `${qcol('改善予定日')}4`)).toBe(isoToSerial('2026-03-31')));
    expect(byTestId(container, 'red-flags').textContent).toContain('II-1');
  });

  it('score card: a provisional score and no band until all 37 are answered; then the band, capped at C with 要対応 for a red flag (Amendment 5)', async () => {
    const answers = (last: string | null): WorkbookInput => ({
      forms: {
        回答者情報: {
          会社名: '見本精機株式会社',
          所在国・地域: '日本',
          回答者氏名: '見本 太郎',
          メール: 'a@example.jp',
          回答日: '2025-06-01',
          責任者確認: 'はい',
        },
      },
      answers: {
        [qsheet.name]: Object.fromEntries(
          qsheet.questions.map((q, i) => [
            q.id,
            {
              回答: i === qsheet.questions.length - 1 ? last : q.id === 'II-5' ? '一部実施' : 'はい',
              改善予定日: '2025-12-31',
            },
          ]),
        ),
      },
    });
    const partial = await renderApp(fakeFrom(layoutWorkbook(checklist, answers(null))));
    await waitFor(() => expect(byTestId(partial.container, 'progress').textContent).toBe('回答済み 36 / 37'));
    expect(byTestId(partial.container, 'score').textContent).toContain('暫定得点率');
    expect(partial.container.querySelector('[data-testid="band"]')).toBeNull();
    expect(byTestId(partial.container, 'action-needed').textContent).toBe('要対応');
    await cleanup();
    const full = await renderApp(fakeFrom(layoutWorkbook(checklist, answers('はい'))));
    await waitFor(() => expect(byTestId(full.container, 'progress').textContent).toBe('回答済み 37 / 37'));
    expect(byTestId(full.container, 'score').textContent).not.toContain('暫定');
    expect(byTestId(full.container, 'rate').textContent).toBe('98.6%'); // as daicho check prints it (formatRate)
    expect(byTestId(full.container, 'band').textContent).toBe('C');
  });

  it('questionnaire: after いいえ the comment the finding asks for is shown too, not hidden behind “more fields”', async () => {
    const wb = fakeFrom(layoutWorkbook(checklist));
    const { container } = await renderApp(wb);
    const q = await waitFor(() => container.querySelector<HTMLElement>('[data-question="V-2"]')!);
    await click(byRole(q, 'radio', 'いいえ'));
    // SC-GAP (on 改善予定日) asks for a date and a comment: both fields are there without a click.
    await waitFor(() => byRole(q, 'textbox', /改善予定日/));
    const message = byText(q, /コメントに記入してください/);
    expect(message.length).toBeGreaterThan(0);
    expect(allByRole(q, 'textbox', /^コメント/)).toHaveLength(1);
    // Fields no finding names stay behind the link.
    expect(allByRole(q, 'textbox', /取組内容・根拠資料/)).toHaveLength(0);
    expect(byText(q, 'ほかの欄を表示').length).toBe(1);
  });

  it('table: the form follows the selection; Save writes the changed cells; next moves the selection', async () => {
    const input: WorkbookInput = {
      tables: {
        台帳: [
          { 管理番号: 'PI-001', 部門: '総務部', 最終確認日: '2024-04-01' },
          { 管理番号: 'PI-002', 部門: '人事部' },
        ],
      },
    };
    const wb = fakeFrom(layoutWorkbook(ledger, input));
    const { container } = await renderApp(wb);
    await waitFor(() => byTestId(container, 'record-form'));
    wb.userSelect('台帳', `${lcol('部門')}4`);
    await waitFor(() => expect(byTestId(container, 'record-title').textContent).toBe('4行目'));
    expect((byRole(container, 'textbox', /^管理番号/) as HTMLInputElement).value).toBe('PI-002');
    await type(byRole(container, 'textbox', /^部門/), '経理部');
    await type(byRole(container, 'textbox', /最終確認日/), '平成31年4月30日');
    await waitFor(() => expect(byText(container, '未保存の変更があります').length).toBeGreaterThan(0));
    await click(byRole(container, 'button', '保存'));
    await waitFor(() => expect(wb.value('台帳', `${lcol('部門')}4`)).toBe('経理部'));
    expect(wb.value('台帳', `${lcol('最終確認日')}4`)).toBe(isoToSerial('2019-04-30'));
    await click(byRole(container, 'button', '前へ'));
    await waitFor(() => expect(byTestId(container, 'record-title').textContent).toBe('3行目'));
    expect(wb.selection.address).toBe('A3');
  });

  it('table: an unsaved edit stays with its row while moving away and back; Revert drops it; the sheet list selects the other sheet', async () => {
    const input: WorkbookInput = {
      tables: {
        台帳: [
          { 管理番号: 'PI-001', 部門: '総務部' },
          { 管理番号: 'PI-002', 部門: '人事部' },
        ],
      },
    };
    const wb = fakeFrom(layoutWorkbook(ledger, input));
    const { container } = await renderApp(wb);
    await waitFor(() => byTestId(container, 'record-form'));
    wb.userSelect('台帳', `${lcol('部門')}3`);
    await waitFor(() => expect(byTestId(container, 'record-title').textContent).toBe('3行目'));
    await type(byRole(container, 'textbox', /^部門/), '経理部');
    await waitFor(() => expect(byText(container, '未保存の変更があります').length).toBeGreaterThan(0));
    await click(byRole(container, 'button', '次へ'));
    await waitFor(() => expect(byTestId(container, 'record-title').textContent).toBe('4行目'));
    expect((byRole(container, 'textbox', /^部門/) as HTMLInputElement).value).toBe('人事部');
    expect(byText(container, '未保存の変更があります')).toHaveLength(0);
    await click(byRole(container, 'button', '前へ'));
    await waitFor(() => expect((byRole(container, 'textbox', /^部門/) as HTMLInputElement).value).toBe('経理部'));
    await click(byRole(container, 'button', '元に戻す'));
    await waitFor(() => expect((byRole(container, 'textbox', /^部門/) as HTMLInputElement).value).toBe('総務部'));
    expect(byText(container, '未保存の変更があります')).toHaveLength(0);
    expect(wb.value('台帳', `${lcol('部門')}3`)).toBe('総務部');
    const sheets = byRole(container, 'combobox', 'シート') as HTMLSelectElement;
    await type(sheets, 'リスク分析');
    await waitFor(() => expect(wb.selection.sheet).toBe('リスク分析'));
  });

  // Amendment 8: the derived "may have to be reported if leaked" flag shows with the record, with its reason.
  it('table: a record whose leak may have to be reported says so, and why, above its fields', async () => {
    const input: WorkbookInput = {
      tables: {
        台帳: [
          { 管理番号: 'HR-008', 部門: '人事部', 個人情報の名称: '定期健康診断結果', 要配慮個人情報: 'はい', 件数: 320 },
        ],
      },
    };
    const wb = fakeFrom(layoutWorkbook(ledger, input));
    const { container } = await renderApp(wb);
    await waitFor(() => byTestId(container, 'record-form'));
    wb.userSelect('台帳', `${lcol('部門')}3`);
    const notes = await waitFor(() => byTestId(container, 'record-findings'));
    expect(notes.textContent).toContain('報告と本人への通知が必要となり得ます');
    expect(notes.textContent).toContain('要配慮個人情報を含む（施行規則第7条第1号）');
  });

  it('check: findings by severity and sheet; a click selects the cell; mark and clear restore fills', async () => {
    const wb = fakeFrom(layoutWorkbook(checklist));
    const cellFill = wb.cell(qsheet.name, `${qcol('回答')}3`)?.fill ?? null;
    const { container } = await renderApp(wb);
    await click(byRole(container, 'tab', /チェック/));
    const panel = await waitFor(() => byTestId(container, 'check-panel'));
    expect(panel.querySelector('[data-severity="error"]')).not.toBeNull();
    // The rule id shows its title from the catalogue (templates/catalogue.ts) on hover.
    expect([...panel.querySelectorAll('[title="未回答の質問"]')].map((e) => e.textContent)).toContain('SC-ANSWER');
    const item = panel.querySelector<HTMLButtonElement>('button[data-cell]')!;
    const [sheet, cell] = item.dataset.cell!.split('!');
    await click(item);
    await waitFor(() => expect(wb.selection).toEqual({ sheet, address: cell }));
    await click(byRole(container, 'button', '問題のセルに色付け'));
    await waitFor(() => expect(wb.fillColor(sheet, cell)).toBe('#FFC7CE'));
    await waitFor(() =>
      expect((byRole(container, 'button', '色付けを解除') as HTMLButtonElement).disabled).toBe(false),
    );
    await click(byRole(container, 'button', '色付けを解除'));
    await waitFor(() => expect(wb.cell(sheet, cell)?.fill ?? null).toEqual(cellFill));
  });

  it('an edit in the grid is re-read and re-validated without reading the workbook again', async () => {
    const wb = fakeFrom(layoutWorkbook(checklist));
    const port = { ...excel, readGrid: vi.fn(excel.readGrid), readSheetRanges: vi.fn(excel.readSheetRanges) };
    const { container, session } = await renderApp(
      wb,
      'ja-JP',
      new WorkbookSession(port, { asOf: AS_OF, debounceMs: 10 }),
    );
    expect(port.readGrid).toHaveBeenCalledTimes(1);
    wb.userEdit(qsheet.name, `${qcol('回答')}3`, '○');
    await session.settled();
    await waitFor(() => expect(byTestId(container, 'progress').textContent).toBe('回答済み 1 / 37'));
    expect(port.readGrid).toHaveBeenCalledTimes(1);
    expect(port.readSheetRanges).toHaveBeenCalledWith([
      expect.objectContaining({ sheet: qsheet.name, address: `${qcol('回答')}3` }),
    ]);
    // Edits in quick succession are read back together, in one batch, and only they are read.
    port.readSheetRanges.mockClear();
    wb.userEdit(qsheet.name, `${qcol('回答')}4`, '×');
    wb.userEdit(qsheet.name, `${qcol('回答')}5`, 'はい');
    await session.settled();
    await waitFor(() => expect(byTestId(container, 'progress').textContent).toBe('回答済み 3 / 37'));
    expect(port.readSheetRanges).toHaveBeenCalledTimes(1);
    expect(port.readSheetRanges.mock.calls[0][0].map((r) => r.address)).toEqual([
      `${qcol('回答')}4`,
      `${qcol('回答')}5`,
    ]);
    expect(port.readGrid).toHaveBeenCalledTimes(1);
  });

  it('a workbook that lost its marker is recognised by its headers, with a warning', async () => {
    const wb = fakeFrom(layoutWorkbook(ledger, { marker: false }));
    const { container, session } = await renderApp(wb);
    expect(session.getState().identified?.via).toBe('signature');
    expect(byTestId(container, 'template-title').textContent).toBe(ledger.title.ja);
    expect(byText(container, '見出しから推定').length).toBeGreaterThan(0);
    expect(container.querySelectorAll('.fui-MessageBar').length).toBeGreaterThan(0);
  });

  it('English when Office is English', async () => {
    const wb = fakeFrom(layoutWorkbook(ledger));
    const { container } = await renderApp(wb, 'en-US');
    // (Fluent renders an unselected tab's text twice: once hidden, to reserve the bold width.)
    expect(allByRole(container, 'tab').map((t) => t.textContent)).toEqual([
      expect.stringMatching(/^(Fill in)+$/),
      expect.stringMatching(/^(Check)+$/),
    ]);
  });
});
