// npm run bench:pane — how long "Check workbook" takes in the pane, from the click to the list of findings painted,
// on a 2,000-row ledger (the built pane in headless Chromium over the fake Excel, as the end-to-end tests run it).
// Baselines in the same run: the same Check on a 200-row ledger, and the raw read of the workbook's cells through
// the fake Excel (no grid, no validation, no rendering). Median of several runs each; also the longest main-thread
// task during a Check (how long the pane stops answering).
//
// With DAICHO_BENCH=1 it measures (7 runs, 200 and 2,000 rows) and writes .tmp/bench/pane.json; without it, in the
// normal test run, it does one quick pass on 200 rows, so the benchmark's own code stays working.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { haveChromium, openPane, repo, shot, useHarness } from './harness.js';

const BENCH = process.env.DAICHO_BENCH === '1';
const SIZES = BENCH ? [200, 2000] : [200];
const RUNS = BENCH ? 7 : 1;
const SAMPLE = 'samples/pi-ledger/pl-01-jinji-overdue-and-contractor.xlsx';

const harness = useHarness();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

interface CheckRun {
  ms: number;
  longestTaskMs: number;
  findings: number;
  listed: number;
}

/** Clicks "Check workbook" and waits for the list of a new revision to be painted (measured in the page). */
function checkOnce(page: Page): Promise<CheckRun> {
  return page.evaluate(async () => {
    const panel = () => document.querySelector<HTMLElement>('[data-testid="check-panel"]')!;
    const before = panel().dataset.revision;
    const button = [...panel().querySelectorAll('button')].find((b) => b.textContent === 'ブックをチェック')!;
    const tasks: number[] = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration)));
    observer.observe({ type: 'longtask' });
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    const t0 = performance.now();
    button.click();
    while (panel().dataset.revision === before || !panel().querySelector('button[data-cell]')) await frame();
    // The frame after the commit is the one that shows the list.
    await frame();
    const ms = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
    observer.disconnect();
    const counts = (panel().querySelector('[data-testid="counts"]')!.textContent!.match(/\d+/g) ?? []).map(Number);
    return {
      ms,
      longestTaskMs: Math.max(0, ...tasks),
      // errors + warnings + infos; the list shows errors and warnings open (info collapsed).
      findings: counts.slice(0, 3).reduce((a, b) => a + b, 0),
      listed: panel().querySelectorAll('button[data-cell]').length,
    };
  });
}

/**
 * Types a value into a cell of the grid (as a user would, an onChanged event) and waits for the pane to show the
 * re-validated findings. Returns the time (debounce included) and the syncs the pane made for it.
 */
function editOnce(page: Page, i: number): Promise<{ ms: number; syncs: number }> {
  return page.evaluate(async (i) => {
    const panel = () => document.querySelector<HTMLElement>('[data-testid="check-panel"]')!;
    const before = panel().dataset.revision;
    const syncs = window.__wb.syncs;
    const t0 = performance.now();
    window.__wb.userEdit('台帳', `B${3 + i}`, i % 2 ? '' : `部門${i}`);
    while (panel().dataset.revision === before) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => requestAnimationFrame(r));
    return { ms: performance.now() - t0, syncs: window.__wb.syncs - syncs };
  }, i);
}

/** Clicks a button of the check panel and waits for the note it ends with; the time in the page. */
function actOnce(page: Page, label: string, done: RegExp): Promise<number> {
  return page.evaluate(
    async ({ label, done }) => {
      const panel = document.querySelector<HTMLElement>('[data-testid="check-panel"]')!;
      const button = [...panel.querySelectorAll('button')].find((b) => b.textContent === label)!;
      const t0 = performance.now();
      button.click();
      while (!new RegExp(done).test(panel.textContent ?? '')) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - t0;
    },
    { label, done: done.source },
  );
}

/** Reads every sheet's used range (values, formulas, number formats, value types) through the fake Excel, raw. */
function rawReadOnce(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const t0 = performance.now();
    await Excel.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await ctx.sync();
      const ranges = sheets.items.map((ws) => {
        const r = ws.getUsedRangeOrNullObject(true);
        r.load('values,formulas,numberFormat,valueTypes');
        return r;
      });
      await ctx.sync();
      return ranges.length;
    });
    return performance.now() - t0;
  });
}

interface Result {
  rows: number;
  findings: number;
  listed: number;
  checkMs: number[];
  longestTaskMs: number[];
  rawReadMs: number[];
  editMs: number[];
  editSyncs: number;
  markMs: number;
  clearMs: number;
}

describe.skipIf(!haveChromium)('pane benchmark: Check → list', () => {
  const results: Result[] = [];

  it.each(SIZES)(
    '%i-row ledger',
    async (rows) => {
      const { ctx, page, errors } = await openPane(harness(), {
        workbook: SAMPLE,
        grow: { sheet: '台帳', headerRow: 2, records: rows },
      });
      try {
        await page.getByRole('tab', { name: /チェック/ }).click();
        await page.locator('[data-testid="check-panel"] button[data-cell]').first().waitFor({ timeout: 60_000 });
        const r: Result = {
          rows,
          findings: 0,
          listed: 0,
          checkMs: [],
          longestTaskMs: [],
          rawReadMs: [],
          editMs: [],
          editSyncs: 0,
          markMs: 0,
          clearMs: 0,
        };
        // One warm-up run (JIT, fonts), then the measured ones.
        await checkOnce(page);
        for (let i = 0; i < RUNS; i++) {
          const run = await checkOnce(page);
          r.checkMs.push(run.ms);
          r.longestTaskMs.push(run.longestTaskMs);
          r.findings = run.findings;
          r.listed = run.listed;
          r.rawReadMs.push(await rawReadOnce(page));
        }
        for (let i = 0; i < RUNS; i++) {
          const edit = await editOnce(page, i);
          r.editMs.push(edit.ms);
          r.editSyncs = Math.max(r.editSyncs, edit.syncs);
        }
        // An edit in the grid reads back only the changed cell: one sync, not a read of the sheet.
        expect(r.editSyncs).toBe(1);
        // Mark problems and Clear, once each (every finding's cell coloured, then every original fill restored).
        r.markMs = await actOnce(page, '問題のセルに色付け', /個のセルに色を付けました/);
        r.clearMs = await actOnce(page, '色付けを解除', /個のセルを元の色に戻しました/);
        // The workbook really has the rows: the ledger's records are all read.
        const records = await page.evaluate(() => window.__wb.sheetByName('台帳')!.cells.size);
        expect(records).toBeGreaterThan(rows * 10);
        expect(r.listed).toBeGreaterThan(0);
        expect(r.findings).toBeGreaterThanOrEqual(r.listed);
        expect(errors).toEqual([]);
        if (BENCH) await shot(page, `bench-${rows}`);
        results.push(r);
      } finally {
        await ctx.close();
      }
    },
    600_000,
  );

  afterAll(() => {
    if (!results.length) return;
    const lines = results.map(
      (r) =>
        `${String(r.rows).padStart(5)} rows  ${String(r.findings).padStart(5)} findings (${r.listed} listed open)  Check→list median ${median(r.checkMs).toFixed(0)} ms ` +
        `(min ${Math.min(...r.checkMs).toFixed(0)}, max ${Math.max(...r.checkMs).toFixed(0)})  longest task ${median(r.longestTaskMs).toFixed(0)} ms  ` +
        `raw fake read ${median(r.rawReadMs).toFixed(0)} ms  edit in grid→list ${median(r.editMs).toFixed(0)} ms (${r.editSyncs} sync, debounce 150 ms incl.)  ` +
        `mark ${r.markMs.toFixed(0)} ms, clear ${r.clearMs.toFixed(0)} ms (once)`,
    );
    const [small, large] = results;
    if (large) {
      lines.push(
        `2,000 vs 200 rows: ${(median(large.checkMs) / median(small.checkMs)).toFixed(2)}× the time for ${(large.rows / small.rows).toFixed(0)}× the rows; ` +
          `Check is ${(median(large.checkMs) / median(large.rawReadMs)).toFixed(1)}× the raw read of the same workbook`,
      );
    }
    console.log(
      `\npane benchmark (${RUNS} runs after a warm-up, headless Chromium, fake Excel)\n${lines.join('\n')}\n`,
    );
    if (BENCH) {
      const dir = join(repo, '.tmp', 'bench');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'pane.json'),
        JSON.stringify({ date: new Date().toISOString(), runs: RUNS, results }, null, 1) + '\n',
      );
    }
  });
});
