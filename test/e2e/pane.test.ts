// The pane end to end: the production taskpane.html in headless Chromium, office.js loaded (outside a host), the
// fake Excel holding a real workbook (our template and sample files). Screenshots go to test/e2e/screenshots/.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { columnLetter } from '../../templates/model/grid.js';
import { isoToSerial } from '../../templates/model/dates.js';
import { QUESTION_FIXED } from '../../templates/model/layout.js';
import { templateById } from '../../templates/index.js';
import type { QuestionSheetDef, TableSheetDef } from '../../templates/model/types.js';
import { haveChromium, isolatedContext, openPane, shot, useHarness } from './harness.js';

const harness = useHarness();

const checklist = templateById('supplier-checklist')!;
const qsheet = checklist.sheets.find((s) => s.kind === 'questions') as QuestionSheetDef;
const qcol = (key: string) => columnLetter(QUESTION_FIXED + qsheet.fields.findIndex((f) => f.key === key));
const ledger = templateById('pi-ledger')!;
const lsheet = ledger.sheets[0] as TableSheetDef;
const lcol = (key: string) => columnLetter(lsheet.fields.findIndex((f) => f.key === key));

const value = (page: Page, sheet: string, a1: string) =>
  page.evaluate(([s, a]) => window.__wb.value(s, a), [sheet, a1] as const);
const fills = (page: Page) =>
  page.evaluate(() =>
    window.__wb.sheets.map((s) => ({
      sheet: s.name,
      fills: [...s.cells].filter(([, c]) => c.fill).map(([k, c]) => [k, JSON.stringify(c.fill)]),
    })),
  );

describe.skipIf(!haveChromium)('task pane in Chromium (fake Excel, no network)', () => {
  it('questionnaire: answering writes the cells; a gap brings up 改善予定日, which takes a 和暦 date; progress and score follow', async () => {
    const { ctx, page, errors } = await openPane(harness(), { workbook: 'templates/supplier-checklist.xlsx' });
    try {
      await page.getByTestId('questionnaire').waitFor();
      await expect.poll(() => page.getByTestId('progress').textContent()).toBe('回答済み 0 / 37');

      const q1 = page.locator('[data-question="I"]');
      await q1.getByRole('radio', { name: 'はい' }).check();
      await expect.poll(() => value(page, qsheet.name, `${qcol('回答')}3`)).toBe('はい');
      await expect.poll(() => page.getByTestId('progress').textContent()).toBe('回答済み 1 / 37');

      const q2 = page.locator('[data-question="II-1"]');
      await expect(q2.getByRole('textbox', { name: /改善予定日/ }).count()).resolves.toBe(0);
      await q2.getByRole('radio', { name: 'いいえ' }).check();
      await expect.poll(() => value(page, qsheet.name, `${qcol('回答')}4`)).toBe('いいえ');
      // SC-GAP asks for a target date: the field appears under the question, with the rule's message.
      const plan = q2.getByRole('textbox', { name: /改善予定日/ });
      await plan.waitFor();
      await plan.fill('令和8年3月31日');
      await expect(q2.getByText('→ 2026-03-31').count()).resolves.toBe(1);
      await plan.press('Enter');
      await expect.poll(() => value(page, qsheet.name, `${qcol('改善予定日')}4`)).toBe(isoToSerial('2026-03-31'));
      await expect.poll(() => page.getByTestId('rate').textContent()).toBe('50%');
      await expect.poll(() => page.getByTestId('red-flags').count()).toBe(1);
      await q2.scrollIntoViewIfNeeded();
      await shot(page, 'questionnaire');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('check: findings grouped by severity and sheet; clicking one selects its cell', async () => {
    const { ctx, page, errors } = await openPane(harness(), {
      workbook: 'samples/supplier-checklist/sc-03-sakura-konpo-incomplete.xlsx',
    });
    try {
      await page.getByRole('tab', { name: /チェック/ }).click();
      const panel = page.getByTestId('check-panel');
      await panel.waitFor();
      // Run Check: the workbook is read again and the list replaced (a new revision of the findings).
      const revision = await panel.getAttribute('data-revision');
      await page.getByRole('button', { name: 'ブックをチェック' }).click();
      await expect.poll(() => panel.getAttribute('data-revision')).not.toBe(revision);
      const groups = await panel
        .locator('[data-severity]')
        .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-severity')}:${e.getAttribute('data-sheet')}`));
      expect(groups.length).toBeGreaterThan(0);
      expect(groups[0].startsWith('error:')).toBe(true);
      const target = panel.locator('button[data-cell]').nth(2);
      const ref = (await target.getAttribute('data-cell'))!;
      const [sheet, cell] = ref.split('!');
      await target.click();
      await expect.poll(() => page.evaluate(() => window.__wb.selection)).toEqual({ sheet, address: cell });
      await shot(page, 'check-findings');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('mark problems colours the problem cells; clear restores every original fill exactly', async () => {
    const { ctx, page, errors } = await openPane(harness(), {
      workbook: 'samples/supplier-checklist/sc-03-sakura-konpo-incomplete.xlsx',
    });
    try {
      await page.getByRole('tab', { name: /チェック/ }).click();
      await page.getByTestId('check-panel').waitFor();
      const problems = await page
        .locator('button[data-cell]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')!.split('!')));
      // Give one problem cell a fill of the user's own — a pattern with a tint — before marking.
      const [ps, pc] = problems[problems.length - 1];
      await page.evaluate(
        ([s, a]) => {
          const cell = window.__wb.cell(s, a)!;
          cell.fill = { color: '#92D050', pattern: 'LightUp', patternColor: '#7030A0', tintAndShade: -0.25 };
        },
        [ps, pc] as const,
      );
      const before = await fills(page);
      const fillOf = (s: string, a: string) =>
        page.evaluate(([s, a]) => window.__wb.cell(s, a)?.fill ?? null, [s, a] as const);
      const originals = await Promise.all(problems.map(([s, a]) => fillOf(s, a)));
      // The problem cells include cells with No Fill and cells with a fill of their own, so Clear has both to restore.
      expect(originals.some((f) => f === null)).toBe(true);
      expect(originals.some((f) => f !== null)).toBe(true);
      const first = problems[0];
      await page.getByRole('button', { name: '問題のセルに色付け' }).click();
      await page.getByText(/個のセルに色を付けました/).waitFor();
      expect(await page.evaluate(([s, a]) => window.__wb.fillColor(s, a), first as [string, string])).toBe('#FFC7CE');
      expect(await fills(page)).not.toEqual(before);
      // The sheet stays protected as it was.
      expect(
        await page.evaluate(() => window.__wb.sheets.filter((s) => s.protection.protected).length),
      ).toBeGreaterThan(0);
      await expect.poll(() => page.getByRole('button', { name: '色付けを解除' }).isEnabled()).toBe(true);
      await shot(page, 'marked');
      await page.getByRole('button', { name: '色付けを解除' }).click();
      await page.getByText(/個のセルを元の色に戻しました/).waitFor();
      expect(await fills(page)).toEqual(before);
      expect(await Promise.all(problems.map(([s, a]) => fillOf(s, a)))).toEqual(originals);
      expect(await fillOf(ps, pc)).toEqual({
        color: '#92D050',
        pattern: 'LightUp',
        patternColor: '#7030A0',
        tintAndShade: -0.25,
      });
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('ledger: the record under the selection; a 和暦 date saved as a date; next; add a record', async () => {
    const { ctx, page, errors } = await openPane(harness(), { workbook: 'samples/pi-ledger/pl-04-johosys-clean.xlsx' });
    try {
      await page.getByTestId('record-form').waitFor();
      await page.evaluate((c) => window.__wb.userSelect('台帳', `${c}3`), lcol('部門'));
      await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('3行目');
      const reviewed = page.getByRole('textbox', { name: /最終確認日/ });
      await reviewed.fill('令和6年4月1日');
      await page.getByText('→ 2024-04-01').waitFor();
      await page.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => value(page, '台帳', `${lcol('最終確認日')}3`)).toBe(isoToSerial('2024-04-01'));
      await page.getByText('保存しました').waitFor();
      await page.getByTestId('record-title').scrollIntoViewIfNeeded();
      await shot(page, 'ledger-record');

      await page.getByRole('button', { name: '次へ' }).click();
      await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('4行目');
      await expect.poll(() => page.evaluate(() => window.__wb.selection.address)).toBe('A4');

      await page.getByRole('button', { name: '行を追加' }).click();
      await expect.poll(() => page.getByTestId('record-title').textContent()).toMatch(/行目（新規）$/);
      const row = Number((await page.getByTestId('record-title').textContent())!.match(/\d+/)![0]);
      await page.getByRole('textbox', { name: /^管理番号/ }).fill('JS-099');
      await page.getByRole('textbox', { name: /最終確認日/ }).fill('R7.4.1');
      // Inline validation as you type: a bad number is explained before saving.
      await page.getByRole('textbox', { name: /件数/ }).fill('約100');
      await page
        .getByText(/整数|whole number|integer/)
        .first()
        .waitFor();
      await page.getByRole('textbox', { name: /件数/ }).fill('1,200');
      await page.getByRole('textbox', { name: /最終確認日/ }).scrollIntoViewIfNeeded();
      await shot(page, 'ledger-new-record');
      await page.getByRole('button', { name: '保存' }).click();
      await expect.poll(() => value(page, '台帳', `${lcol('管理番号')}${row}`)).toBe('JS-099');
      expect(await value(page, '台帳', `${lcol('最終確認日')}${row}`)).toBe(isoToSerial('2025-04-01'));
      expect(await value(page, '台帳', `${lcol('件数')}${row}`)).toBe(1200);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('edits typed in the grid are re-validated (only the changed cell is read again)', async () => {
    const { ctx, page } = await openPane(harness(), { workbook: 'templates/supplier-checklist.xlsx' });
    try {
      await page.getByTestId('questionnaire').waitFor();
      const syncs = await page.evaluate(() => window.__wb.syncs);
      await page.evaluate((a1) => window.__wb.userEdit('チェックリスト', a1, '○'), `${qcol('回答')}3`);
      await expect.poll(() => page.getByTestId('progress').textContent()).toBe('回答済み 1 / 37');
      // The synonym ○ shows as はい in the pane.
      expect(await page.locator('[data-question="I"]').getByRole('radio', { name: 'はい' }).isChecked()).toBe(true);
      expect((await page.evaluate(() => window.__wb.syncs)) - syncs).toBeLessThanOrEqual(2);
    } finally {
      await ctx.close();
    }
  });

  it('English when Office is English', async () => {
    const { ctx, page } = await openPane(harness(), {
      workbook: 'samples/pi-ledger/pl-01-jinji-overdue-and-contractor.xlsx',
      locale: 'en-US',
    });
    try {
      await page.getByRole('tab', { name: 'Fill in' }).waitFor();
      await page.evaluate(() => window.__wb.userSelect('台帳', 'B3'));
      await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('Row 3');
      await page.getByRole('button', { name: 'Save' }).waitFor();
      await shot(page, 'english-record');
      await page.getByRole('tab', { name: /Check/ }).click();
      await page.getByRole('button', { name: 'Check workbook' }).waitFor();
      await shot(page, 'english-check');
    } finally {
      await ctx.close();
    }
  });

  it('a complete checklist shows its score and band', async () => {
    const { ctx, page } = await openPane(harness(), {
      workbook: 'samples/supplier-checklist/sc-01-mihon-seiki-a-band.xlsx',
    });
    try {
      await expect.poll(() => page.getByTestId('progress').textContent()).toBe('回答済み 37 / 37');
      await expect.poll(() => page.getByTestId('band').textContent()).toBe('A');
      await shot(page, 'score-band');
    } finally {
      await ctx.close();
    }
  });

  it('outside Excel (office.js, no host, no Excel): a plain notice, no crash', async () => {
    const { ctx, page, errors } = await openPane(harness(), { workbook: null, fake: false });
    try {
      await page.getByText('Excel の外で開かれています').waitFor();
      await shot(page, 'outside-excel');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('preview page: the pane beside a grid view; a template inserted into an empty workbook', async () => {
    const ctx = await isolatedContext(harness(), { width: 1400, officeJs: false });
    const page = await ctx.newPage();
    try {
      await page.goto(`${harness().url}preview.html?wb=blank`);
      await page.getByTestId('template-picker').waitFor();
      await page.getByRole('button', { name: /挿入: 個人情報管理台帳/ }).click();
      await page.getByTestId('record-form').waitFor();
      await expect
        .poll(() => page.evaluate(() => window.__wb.sheets.map((s) => s.name)))
        .toEqual(expect.arrayContaining(['Sheet1', '台帳', '_daicho']));
      await page.locator('[data-testid="grid-view"] td[data-cell="B3"]').click();
      // The blank template has no records yet: row 3 is a new one.
      await expect.poll(() => page.getByTestId('record-title').textContent()).toBe('3行目（新規）');
      await shot(page, 'preview');
    } finally {
      await ctx.close();
    }
  });

  it('preview page: marks show in the grid view and clear away', async () => {
    const ctx = await isolatedContext(harness(), { width: 1400, officeJs: false });
    const page = await ctx.newPage();
    try {
      await page.goto(
        `${harness().url}preview.html?wb=${encodeURIComponent('samples/supplier-checklist/sc-06-test-denshi-gaps.xlsx')}`,
      );
      await page
        .getByTestId('pane')
        .getByRole('tab', { name: /^チェック/ })
        .click();
      await page.getByRole('button', { name: '問題のセルに色付け' }).click();
      await page.getByText(/個のセルに色を付けました/).waitFor();
      const first = (await page.locator('button[data-cell]').first().getAttribute('data-cell'))!.split('!');
      await page.locator('button[data-cell]').first().click();
      await expect.poll(() => page.getByTestId('name-box').inputValue()).toBe(first[1]);
      const td = page.locator(`[data-testid="grid-view"] td[data-cell="${first[1]}"]`);
      await expect.poll(() => td.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 199, 206)');
      await shot(page, 'preview-marked');
      await page.getByRole('button', { name: '色付けを解除' }).click();
      await expect.poll(() => td.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe('rgb(255, 199, 206)');
    } finally {
      await ctx.close();
    }
  });

  it('serves every file manifest.xml points at (same paths on the dev server and in dist/addin)', async () => {
    const manifest = await (await fetch(`${harness().url}manifest.xml`)).text();
    const paths = [...new Set([...manifest.matchAll(/https:\/\/localhost:3000(\/[^"<]*)/g)].map((m) => m[1]))];
    expect(paths).toEqual(expect.arrayContaining(['/taskpane.html', '/help.html', '/assets/icon-32.png']));
    for (const p of paths) expect((await fetch(`${harness().url}${p.slice(1)}`)).status, p).toBe(200);
  });

  it('made no network request beyond 127.0.0.1', () => {
    expect(harness().blocked).toEqual([]);
  });
});
