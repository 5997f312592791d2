// The pane at Excel's default task-pane width (about 320 px) and a wider one (450 px): question numbers and the
// 重大 badge stay whole on one line, nothing is clipped or scrolls sideways; the score reads as `daicho check`
// prints it. Screenshots go to test/e2e/screenshots/ (layout-*).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { dist, haveChromium, openPane, repo, shot, useHarness } from './harness.js';

const harness = useHarness();

/** Per question card: is its number on one line, is the badge whole, does anything stick out of the card? */
function measureCards(page: Page) {
  return page.locator('[data-question]').evaluateAll((cards) =>
    cards.map((card) => {
      const head = card.firstElementChild as HTMLElement;
      const id = head.firstElementChild as HTMLElement;
      const badge = head.querySelector<HTMLElement>('.fui-Badge');
      const box = card.getBoundingClientRect();
      const lineHeight = parseFloat(getComputedStyle(id).lineHeight);
      const out = [...card.querySelectorAll<HTMLElement>('*')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5);
      });
      return {
        q: card.getAttribute('data-question')!,
        idLines: Math.round(id.getBoundingClientRect().height / lineHeight),
        badgeClipped: badge
          ? badge.scrollWidth > badge.clientWidth + 1 || badge.scrollHeight > badge.clientHeight + 1
          : false,
        badgeText: badge?.textContent ?? null,
        badgeHeight: badge ? badge.getBoundingClientRect().height : null,
        sticksOut: out.length,
      };
    }),
  );
}

describe.skipIf(!haveChromium)('pane layout at task-pane widths', () => {
  for (const [width, locale] of [
    [320, 'ja-JP'],
    [450, 'ja-JP'],
    [320, 'en-US'],
  ] as const) {
    it(`supplier checklist at ${width} px (${locale}): numbers and 重大 badges on one line, nothing clipped`, async () => {
      const { ctx, page, errors } = await openPane(harness(), {
        workbook: 'templates/supplier-checklist.xlsx',
        width,
        locale,
      });
      try {
        await page.getByTestId('questionnaire').waitFor();
        const cards = await measureCards(page);
        expect(cards).toHaveLength(37);
        const wrapped = cards.filter((c) => c.idLines !== 1).map((c) => c.q);
        expect(wrapped, 'question numbers on more than one line').toEqual([]);
        const critical = cards.filter((c) => c.badgeText !== null);
        expect(critical.length).toBeGreaterThan(5);
        const clipped = critical.filter((c) => c.badgeClipped || c.badgeHeight! > 24).map((c) => c.q);
        expect(clipped, '重大 badges wrapped or clipped').toEqual([]);
        expect(
          cards.filter((c) => c.sticksOut > 0).map((c) => c.q),
          'content wider than its card',
        ).toEqual([]);
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
        ).toBeLessThanOrEqual(0);
        // The cards the review saw break (long titles), as screenshots to look at.
        for (const q of ['II-2', 'IV-3', 'V-2']) {
          const card = page.locator(`[data-question="${q}"]`);
          await card.scrollIntoViewIfNeeded();
          await card.screenshot({
            path: join(repo, 'test', 'e2e', 'screenshots', `layout-${width}-${locale}-${q}.png`),
          });
        }
        expect(errors).toEqual([]);
      } finally {
        await ctx.close();
      }
    });
  }

  for (const width of [320, 450]) {
    it(`after いいえ at ${width} px: the date and the comment the message asks for are both there`, async () => {
      const { ctx, page, errors } = await openPane(harness(), { workbook: 'templates/supplier-checklist.xlsx', width });
      try {
        const card = page.locator('[data-question="V-2"]');
        await card.getByRole('radio', { name: 'いいえ' }).check();
        await card.getByRole('textbox', { name: /改善予定日/ }).waitFor();
        await card.getByRole('textbox', { name: /^コメント/ }).waitFor();
        // Placeholders fit their inputs (measured in the input's own font).
        const cut = await card.locator('input[placeholder]').evaluateAll((inputs) =>
          (inputs as HTMLInputElement[])
            .filter((el) => {
              const cs = getComputedStyle(el);
              const ctx = document.createElement('canvas').getContext('2d')!;
              ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
              const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
              return ctx.measureText(el.placeholder).width > room;
            })
            .map((el) => el.placeholder),
        );
        expect(cut, 'placeholders cut off').toEqual([]);
        await card.scrollIntoViewIfNeeded();
        await card.screenshot({ path: join(repo, 'test', 'e2e', 'screenshots', `layout-${width}-V-2-iie.png`) });
        await shot(page, `layout-${width}-after-iie`);
        expect(errors).toEqual([]);
      } finally {
        await ctx.close();
      }
    });

    it(`the score at ${width} px reads as daicho check prints it (sc-04: 94.6%, not 95%)`, async () => {
      const file = 'samples/supplier-checklist/sc-04-dummy-kasei-red-flags.xlsx';
      const cli = spawnSync(process.execPath, [join(repo, 'bin', 'daicho.js'), 'check', join(dist, file)], {
        encoding: 'utf8',
      });
      const printed = /得点率\s+(\d+(?:\.\d)?%)/.exec(cli.stdout)?.[1];
      expect(printed, cli.stdout + cli.stderr).toBe('94.6%');
      const { ctx, page } = await openPane(harness(), { workbook: file, width });
      try {
        await expect.poll(() => page.getByTestId('rate').textContent()).toBe(printed);
        const scoreCard = page.getByTestId('score');
        const overflow = await scoreCard.evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await scoreCard.screenshot({ path: join(repo, 'test', 'e2e', 'screenshots', `layout-${width}-score.png`) });
      } finally {
        await ctx.close();
      }
    });
  }
});
