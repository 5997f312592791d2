// 「このブックを最新版に更新」 end to end: the production pane in Chromium over the fake Excel holding a version 1
// personal-information ledger (the template file version 1 wrote, with a sample department's rows in it). One click:
// the marker says 2, the new columns carry version 2's headers, every value the user typed is where it was, and the
// pane then reads the workbook as version 2 (the offer is gone). test/addin/upgrade.test.tsx proves the plan itself
// (the same as the CLI's) on a form template; this proves the button in a browser.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { samples } from '../../scripts/samples/pi-ledger.js';
import { templateBuffer } from '../../scripts/xlsx/template-writer.js';
import { piLedger } from '../../templates/pi-ledger/index.js';
import { LEDGER } from '../../templates/pi-ledger/sheets.js';
import { atVersion } from '../../templates/model/versions.js';
import { dist, haveChromium, openPane, shot, useHarness } from './harness.js';

const harness = useHarness();
const v1 = atVersion(piLedger, 1);
const added = piLedger.sheets[0].fields.filter((f) => (f.since ?? 1) > 1).map((f) => f.label.ja);

let dir: string;
let workbook: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daicho-e2e-upgrade-'));
  const file = join(dir, 'pl-v1.xlsx');
  writeFileSync(file, await templateBuffer(v1, samples.find((s) => s.file.startsWith('pl-03'))!.input));
  workbook = relative(dist, file);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every cell of a sheet that holds a value, by its fake key (row,column). */
const values = (page: Page, sheet: string) =>
  page.evaluate((name) => {
    const s = window.__wb.sheets.find((x) => x.name === name)!;
    const out: Record<string, unknown> = {};
    for (const [key, c] of s.cells) if (c.value !== null && c.value !== '') out[key] = c.value;
    return out;
  }, sheet);

describe.skipIf(!haveChromium)('task pane in Chromium: update a version 1 workbook', () => {
  it('「このブックを最新版に更新」 makes a version 1 ledger version 2 in place, keeping every value', async () => {
    const { ctx, page, errors } = await openPane(harness(), { workbook });
    try {
      const offer = page.getByTestId('upgrade-offer');
      await offer.waitFor();
      expect(await offer.textContent()).toContain('旧版のテンプレート（第1版）');
      expect(await page.evaluate(() => window.__wb.value('_daicho', 'B2'))).toBe(1);
      const before = await values(page, LEDGER);
      expect(Object.keys(before).length).toBeGreaterThan(100);

      await page.getByRole('button', { name: 'このブックを最新版に更新' }).click();
      const result = page.getByTestId('upgrade-result');
      await result.waitFor();
      await expect.poll(() => result.textContent()).toContain('第1版から第2版に更新しました');
      for (const label of added) expect(await result.textContent()).toContain(label);
      await expect.poll(() => page.getByTestId('upgrade-offer').count()).toBe(0);

      expect(await page.evaluate(() => window.__wb.value('_daicho', 'B2'))).toBe(2);
      const after = await values(page, LEDGER);
      // Every value the user had is in its cell (the new columns go to the right of the old ones) …
      for (const [key, v] of Object.entries(before)) expect(after[key], key).toEqual(v);
      // … and the only new values are version 2's headers.
      const extra = Object.entries(after).filter(([key]) => !(key in before));
      expect(extra.map(([, v]) => v).sort()).toEqual([...added].sort());
      // The sheet is protected again as the template had it.
      expect(
        await page.evaluate((n) => window.__wb.sheets.find((s) => s.name === n)!.protection.protected, LEDGER),
      ).toBe(true);
      await shot(page, 'upgraded');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });
});
