// @vitest-environment jsdom
// 「このブックを最新版に更新」 in the pane, over the fake Excel holding a version 1 contractor evaluation as the template
// file makes it (formats, locked cells, protected sheets) with an evaluation filled in: Excel inserts the new field rows
// where a version 2 template has them, every value keeps its field and format, the sheet is protected again, and the
// findings are version 1's plus only the new rules'. The plan is the CLI's (templates/model/upgrade-plan.ts).
import { describe, expect, it } from 'vitest';
import { samples } from '../../scripts/samples/contractor-evaluation.js';
import { templateBuffer } from '../../scripts/xlsx/template-writer.js';
import { readXlsx } from '../../scripts/io/read-xlsx.js';
import { contractorEvaluation } from '../../templates/contractor-evaluation/index.js';
import { templates } from '../../templates/index.js';
import { cellAt, type Grid } from '../../templates/model/grid.js';
import { formFieldRow } from '../../templates/model/layout.js';
import type { FormSheetDef, Issue } from '../../templates/model/types.js';
import { validateAmong } from '../../templates/model/validate.js';
import { atVersion } from '../../templates/model/versions.js';
import { FakeWorkbook, installFake, parseRect } from '../../addin/fake/fake-excel.js';
import { decodeXlsx } from '../../addin/fake/xlsx.js';
import { App } from '../../addin/taskpane/App.js';
import { WorkbookSession } from '../../addin/taskpane/session.js';
import { byRole, byTestId, click, renderWithTheme, waitFor, usePaneTestHost } from './render.js';

usePaneTestHost();

const AS_OF = '2026-11-20';
const FORM = '評価票';
const v1 = atVersion(contractorEvaluation, 1);
const v1Form = v1.sheets[0] as FormSheetDef;
const sig = (i: Issue) => `${i.rule}|${i.sheet}|${i.field}|${i.value}|${i.message.en}`;

/** A version 1 template file in the fake, with ce-06's evaluation typed into 評価票 (text as a user types it). */
async function v1Workbook(): Promise<FakeWorkbook> {
  const wb = new FakeWorkbook(decodeXlsx(await templateBuffer(v1)));
  const sheet = wb.sheetByName(FORM)!;
  const values = samples.find((s) => s.file.startsWith('ce-06'))!.input.forms![FORM];
  for (const f of v1Form.fields) {
    const v = values[f.key];
    if (v === undefined || v === null) continue;
    const { r0, c0 } = parseRect(`B${formFieldRow(v1Form, f) + 1}`);
    wb.getCell(sheet, r0, c0).value = v as string;
  }
  installFake(globalThis, wb);
  return wb;
}

const column = (grid: Grid, col: number) => {
  const s = grid.sheets.find((x) => x.name === FORM)!;
  return s.rows.map((_, r) => cellAt(s, r, col));
};

describe('pane: update a version 1 workbook to the latest version', () => {
  it('offers 「このブックを最新版に更新」 and does the same upgrade as the CLI, in place', async () => {
    const wb = await v1Workbook();
    const before = validateAmong(wb.toGrid(), templates, { asOf: AS_OF });
    expect(before.template).toEqual({ id: 'contractor-evaluation', version: 1 });
    const protectedBefore = { ...wb.sheetByName(FORM)!.protection };
    expect(protectedBefore.protected).toBe(true);

    const session = new WorkbookSession(undefined, { asOf: AS_OF, debounceMs: 10 });
    const { container } = await renderWithTheme(<App session={session} />, { lang: 'ja-JP' });
    await waitFor(() => expect(session.getState().status).toBe('ready'));
    expect(byTestId(container, 'upgrade-offer').textContent).toContain('旧版のテンプレート（第1版）');
    expect(byTestId(container, 'upgrade-offer').textContent).toContain('データの所在国');
    await click(byRole(container, 'button', 'このブックを最新版に更新'));
    await waitFor(() =>
      expect(byTestId(container, 'upgrade-result').textContent).toContain('第1版から第2版に更新しました'),
    );
    expect(byTestId(container, 'upgrade-result').textContent).toContain(
      '評価票!6行目: データの所在国、評価票!11行目: 委託開始日、評価票!15行目: 特定個人情報の再委託許諾',
    );
    expect(container.querySelector('[data-testid="upgrade-offer"]')).toBeNull();
    expect(session.getState().identified?.version).toBe(2);

    // Labels and hints row for row as a new version 2 template; the marker says 2; protected again as it was.
    const after = wb.toGrid();
    const fresh = readXlsx(await templateBuffer(contractorEvaluation));
    expect(column(after, 0)).toEqual(column(fresh, 0));
    expect(column(after, 2)).toEqual(column(fresh, 2));
    expect(wb.value('_daicho', 'B2')).toBe(2);
    expect(wb.sheetByName(FORM)!.protection).toEqual(protectedBefore);

    // The new rows are formatted as existing rows of their kind: unlocked inputs, a date format for 委託開始日; the
    // consent field has its dropdown.
    const cell = (a1: string) => wb.cell(FORM, a1)!;
    expect(cell('B11').numberFormat).toBe(cell('B20').numberFormat);
    expect(cell('B11').numberFormat).not.toBe('General');
    for (const a1 of ['B6', 'B11', 'B15']) expect(cell(a1).locked, a1).toBe(false);
    expect(cell('A6').locked).toBe(true);
    expect(cell('B15').validation?.rule).toEqual({
      list: { inCellDropDown: true, source: '許諾済み,未許諾,該当なし' },
    });

    // Every value by field; findings = version 1's + the new rules' only.
    const v = validateAmong(after, templates, { asOf: AS_OF });
    expect(v.template).toEqual({ id: 'contractor-evaluation', version: 2 });
    const b = before.data!.sheets[FORM][0];
    for (const [key, raw] of Object.entries(b.raw)) expect(v.data!.sheets[FORM][0].raw[key], key).toEqual(raw);
    const old = new Set(before.issues.filter((i) => i.rule !== 'TEMPLATE-VERSION').map(sig));
    expect(v.issues.filter((i) => old.has(sig(i))).length).toBe(old.size);
    expect(v.issues.filter((i) => !old.has(sig(i))).map((i) => `${i.rule}/${i.cell}`)).toEqual([
      'CE-LOCATION/B6',
      'CE-MYNUMBER/B15',
    ]);
  });

  it('on a sheet protected with a password: changes nothing and says which sheet', async () => {
    const wb = await v1Workbook();
    wb.sheetByName(FORM)!.protection.password = 'secret';
    const session = new WorkbookSession(undefined, { asOf: AS_OF, debounceMs: 10 });
    const { container } = await renderWithTheme(<App session={session} />, { lang: 'en-US' });
    await waitFor(() => expect(session.getState().status).toBe('ready'));
    const labels = column(wb.toGrid(), 0);
    await click(byRole(container, 'button', 'Update this workbook to the latest version'));
    await waitFor(() =>
      expect(byTestId(container, 'upgrade-result').textContent).toContain(
        `Sheet "${FORM}" is protected with a password`,
      ),
    );
    expect(column(wb.toGrid(), 0)).toEqual(labels);
    expect(wb.value('_daicho', 'B2')).toBe(1);
  });

  it('offers nothing on a workbook already in the latest version (a supplier checklist has one version so far)', async () => {
    for (const def of [contractorEvaluation, templates.find((t) => t.id === 'supplier-checklist')!]) {
      installFake(globalThis, new FakeWorkbook(decodeXlsx(await templateBuffer(def))));
      const session = new WorkbookSession(undefined, { asOf: AS_OF, debounceMs: 10 });
      const { container, unmount } = await renderWithTheme(<App session={session} />, { lang: 'ja-JP' });
      await waitFor(() => expect(session.getState().status).toBe('ready'));
      expect(container.querySelector('[data-testid="upgrade-offer"]'), def.id).toBeNull();
      expect(await session.upgrade()).toEqual({
        kind: 'current',
        message: {
          ja: `すでに最新版のテンプレート（第${def.version}版）です。更新は不要です。`,
          en: `Already the latest template version (${def.version}); nothing to upgrade.`,
        },
      });
      unmount();
    }
  });
});
