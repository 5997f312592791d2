// Never a blank pane: the production taskpane.html in Chromium where what Daicho needs is missing. compat.js
// (inline, before office.js's callers and the bundle) shows a message in Japanese and English instead:
// - an old web view: Internet Explorer 11 (Trident) or Edge Legacy (EdgeHTML), told by the user agent Office's web
//   view sends; an engine that cannot parse ES2022 fails the syntax probe (checked with acorn below);
// - a host without the ExcelApi version manifest.xml requires (the fake Excel at ExcelApi 1.7, host Excel).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'acorn';
import type { Page } from 'playwright-core';
import { dist, haveChromium, isolatedContext, repo, shot, useHarness } from './harness.js';

const harness = useHarness();

const IE11 = 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko';
const EDGE_LEGACY =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045';

interface Setup {
  userAgent?: string;
  /** ExcelApi version of the fake host; the fake provides Office too (host Excel) and office.js is not loaded. */
  apiVersion?: string;
  width?: number;
}

/** The built pane over the supplier-checklist template, in the given web view / host. */
async function open({ userAgent, apiVersion, width = 320 }: Setup) {
  const ctx = await isolatedContext(harness(), { userAgent, width });
  const fakeOffice = apiVersion !== undefined;
  // With the fake's own Office (host Excel), office.js must not replace it: answer its URL with an empty script.
  if (fakeOffice)
    await ctx.route('https://appsforoffice.microsoft.com/**', (r) =>
      r.fulfill({ body: '', contentType: 'text/javascript' }),
    );
  await ctx.addInitScript({ content: readFileSync(join(dist, 'fake-excel.js'), 'utf8') });
  const b64 = readFileSync(join(dist, 'templates', 'supplier-checklist.xlsx')).toString('base64');
  await ctx.addInitScript(
    ({ b64, apiVersion, fakeOffice }) => {
      const F = window.DaichoFake;
      const wb = new F.FakeWorkbook(F.decodeXlsxBase64(b64), { apiVersion: apiVersion ?? '1.13' });
      F.installFake(window, wb, { office: fakeOffice });
      window.__wb = wb;
    },
    { b64, apiVersion, fakeOffice },
  );
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${harness().url}taskpane.html`);
  return { ctx, page, errors };
}

async function expectMessage(page: Page, kind: 'browser' | 'api', ja: RegExp, en: RegExp) {
  await expect.poll(() => page.evaluate(() => document.documentElement.getAttribute('data-unsupported'))).toBe(kind);
  const box = page.locator(`#unsupported-${kind}`);
  await box.waitFor({ state: 'visible' });
  const text = (await box.innerText()).replace(/\s+/g, ' ');
  expect(text).toMatch(ja);
  expect(text).toMatch(en);
  // The pane itself stays empty and hidden: the bundle saw the mark and rendered nothing.
  await page.waitForLoadState('networkidle');
  expect(await page.locator('#root').isVisible()).toBe(false);
  expect(await page.locator('#root').innerHTML()).toBe('');
  // Nothing clips at the narrowest pane: the message fits the width.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('compat.js (no browser)', () => {
  const source = readFileSync(join(repo, 'addin', 'taskpane', 'compat.js'), 'utf8');

  it('is ES5, so Internet Explorer 11 runs it', () => {
    expect(() => parse(source, { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
  });

  it('its syntax probe needs ES2022: an engine of ES2021 or older fails it (and shows the message)', () => {
    const probe = /new Function\('([^']+)'\)/.exec(source)![1];
    expect(() => parse(probe, { ecmaVersion: 2022, allowReturnOutsideFunction: true })).not.toThrow();
    expect(() => parse(probe, { ecmaVersion: 2021, allowReturnOutsideFunction: true })).toThrow();
    // That the bundle does need ES2022 (the probe is not stricter than it must be): test/addin/deploy-build.test.ts.
  });
});

describe.skipIf(!haveChromium)('unsupported hosts in Chromium: a message, never a blank pane', () => {
  it('Internet Explorer 11 web view (Trident): the old-browser message in Japanese and English', async () => {
    const { ctx, page } = await open({ userAgent: IE11 });
    try {
      await expectMessage(
        page,
        'browser',
        /この Excel では Daicho を表示できません.*Excel 2021 以降/,
        /Daicho cannot run in this version of Excel.*Excel 2021 or later/,
      );
      await shot(page, 'unsupported-browser-320');
    } finally {
      await ctx.close();
    }
  });

  it('Edge Legacy web view (EdgeHTML): the same message', async () => {
    const { ctx, page } = await open({ userAgent: EDGE_LEGACY });
    try {
      await expectMessage(
        page,
        'browser',
        /Internet Explorer または Edge レガシ版/,
        /Internet Explorer or Edge Legacy/,
      );
    } finally {
      await ctx.close();
    }
  });

  it('Excel with only ExcelApi 1.7: the requirement message, naming ExcelApi 1.8', async () => {
    const { ctx, page, errors } = await open({ apiVersion: '1.7' });
    try {
      await expectMessage(
        page,
        'api',
        /この Excel は Daicho に対応していません.*ExcelApi 1\.8 以降/,
        /This Excel does not support Daicho.*ExcelApi 1\.8 or later/,
      );
      await shot(page, 'unsupported-api-320');
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('Excel with ExcelApi 1.8 (the floor): no message, the pane works', async () => {
    const { ctx, page, errors } = await open({ apiVersion: '1.8' });
    try {
      await page.getByTestId('questionnaire').waitFor();
      expect(await page.evaluate(() => document.documentElement.getAttribute('data-unsupported'))).toBeNull();
      expect(await page.locator('#unsupported-api').isVisible()).toBe(false);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it('made no network request beyond 127.0.0.1', () => {
    expect(harness().blocked).toEqual([]);
  });
});
