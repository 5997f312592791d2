// End-to-end harness: the built pane (dist/addin) served on 127.0.0.1, Debian's Chromium driven by playwright-core,
// every non-loopback request blocked (office.js's CDN URL is answered from the local @microsoft/office-js copy,
// never fetched), and the fake Excel installed with addInitScript over a real .xlsx workbook.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { serve } from '../../addin/preview/serve.mjs';
import type { DaichoFakeApi } from '../../addin/fake/global.js';
import type { FakeWorkbook } from '../../addin/fake/fake-excel.js';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = join(repo, 'dist', 'addin');
export const screenshots = join(repo, 'test', 'e2e', 'screenshots');
const officeJsDir = join(repo, 'node_modules', '@microsoft', 'office-js', 'dist');
export const CHROMIUM = '/usr/bin/chromium';

export const haveChromium = existsSync(CHROMIUM);

function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    t = Math.max(t, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return t;
}

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: repo, encoding: 'utf8', stdio: 'pipe' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
}

/** Builds the CLI (for the template and sample files) and the pane when missing or older than their sources. */
export function ensureBuilt(): void {
  const cli = join(repo, 'dist', 'scripts', 'cli.js');
  const sources = Math.max(newest(join(repo, 'templates')), newest(join(repo, 'scripts')));
  if (!existsSync(cli) || statSync(cli).mtimeMs < sources) run('npx', ['tsc', '-p', 'tsconfig.build.json']);
  const page = join(dist, 'taskpane.html');
  const inputs = Math.max(sources, newest(join(repo, 'addin')), statSync(join(repo, 'webpack.config.js')).mtimeMs);
  if (!existsSync(page) || statSync(page).mtimeMs < inputs || !existsSync(join(dist, 'samples', 'index.json')))
    run('npx', ['webpack', '--mode', 'production']);
  mkdirSync(screenshots, { recursive: true });
}

export interface Harness {
  url: string;
  browser: Browser;
  /** Requests that were blocked (anything not on 127.0.0.1 and not the office.js CDN). */
  blocked: string[];
  /**
   * office.js's own telemetry frame (telemetryservice.firstpartyapps.oaspapps.com), which office.js opens by itself
   * a few seconds after loading outside a host, whatever the pane does: blocked too, but kept apart from `blocked`.
   */
  officeTelemetry: string[];
  close(): Promise<void>;
}

/** One harness for a test file's tests, when Chromium is there: started before them, closed after them. */
export function useHarness(): () => Harness {
  let h: Harness | undefined;
  beforeAll(async () => {
    if (haveChromium) h = await start();
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });
  return () => {
    if (!h) throw new Error('the e2e harness is not started (no Chromium)');
    return h;
  };
}

export async function start(): Promise<Harness> {
  ensureBuilt();
  const server = await serve(dist);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    url: server.url,
    browser,
    blocked: [],
    officeTelemetry: [],
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * A browser context that reaches nothing but 127.0.0.1 (office.js's CDN path is served from the local copy, unless
 * officeJs is false: the preview page loads no office.js, so a request for it is blocked and recorded).
 */
export async function isolatedContext(
  h: Harness,
  opts: { locale?: string; width?: number; officeJs?: boolean; userAgent?: string } = {},
): Promise<BrowserContext> {
  const ctx = await h.browser.newContext({
    locale: opts.locale ?? 'ja-JP',
    userAgent: opts.userAgent,
    viewport: { width: opts.width ?? 380, height: 900 },
    deviceScaleFactor: 1,
    // Fluent honours it: no half-finished transitions in screenshots.
    reducedMotion: 'reduce',
  });
  await ctx.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') return route.continue();
    if (
      opts.officeJs !== false &&
      url.hostname === 'appsforoffice.microsoft.com' &&
      url.pathname.startsWith('/lib/1/hosted/')
    ) {
      const file = join(officeJsDir, url.pathname.slice('/lib/1/hosted/'.length));
      if (file.startsWith(officeJsDir) && existsSync(file))
        return route.fulfill({ path: file, contentType: 'text/javascript' });
    }
    if (opts.officeJs !== false && url.hostname === 'telemetryservice.firstpartyapps.oaspapps.com')
      h.officeTelemetry.push(url.href);
    else h.blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  return ctx;
}

export interface PaneOptions {
  /** A workbook file under dist/addin (e.g. 'templates/supplier-checklist.xlsx'), or null for an empty workbook. */
  workbook: string | null;
  locale?: string;
  apiVersion?: string;
  /** Pane width in px (Excel's default task pane is about 320). */
  width?: number;
  /** Install the fake Excel (default true); without it the pane is "outside Excel". */
  fake?: boolean;
  /**
   * Grow a table sheet of the workbook to `records` data rows below its header row (1-based `headerRow`) by
   * repeating its rows, with the first column's text made unique per copy (a large ledger out of a sample).
   */
  grow?: { sheet: string; headerRow: number; records: number };
}

declare global {
  interface Window {
    DaichoFake: DaichoFakeApi;
    __wb: FakeWorkbook;
  }
}

/** Opens the production taskpane.html (real office.js, outside a host) with the fake Excel over a workbook. */
export async function openPane(
  h: Harness,
  opts: PaneOptions,
): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await isolatedContext(h, { locale: opts.locale, width: opts.width });
  if (opts.fake !== false) {
    await ctx.addInitScript({ content: readFileSync(join(dist, 'fake-excel.js'), 'utf8') });
    const b64 = opts.workbook ? readFileSync(join(dist, opts.workbook)).toString('base64') : null;
    await ctx.addInitScript(
      ({ b64, apiVersion, grow }) => {
        const F = window.DaichoFake;
        const init = b64 ? F.decodeXlsxBase64(b64) : { sheets: [{ name: 'Sheet1' }] };
        const sheet = grow && init.sheets.find((s) => s.name === grow.sheet);
        if (grow && sheet?.cells) {
          // Rows of the sheet's own records, by row number; copied cyclically below the header.
          const rows = new Map<number, [string, (typeof sheet.cells)[string]][]>();
          for (const [a1, cell] of Object.entries(sheet.cells)) {
            const { r0, c0 } = F.parseRect(a1);
            if (r0 < grow.headerRow) continue;
            if (!rows.has(r0)) rows.set(r0, []);
            rows.get(r0)!.push([F.formatRect({ r0: 0, c0, r1: 0, c1: c0 }).replace(/\d+$/, ''), cell]);
          }
          // Only rows holding a record (the template's styled empty rows below them do not count).
          const hasValue = ([, c]: [string, (typeof sheet.cells)[string]]) =>
            c !== null &&
            c !== '' &&
            (typeof c !== 'object' || (c.value !== null && c.value !== undefined && c.value !== ''));
          const source = [...rows.keys()]
            .sort((a, b) => a - b)
            .map((r) => rows.get(r)!)
            .filter((cells) => cells.some(hasValue));
          for (let i = source.length; i < grow.records; i++) {
            const row = grow.headerRow + 1 + i;
            for (const [col, cell] of source[i % source.length]) {
              const copy = cell !== null && typeof cell === 'object' ? { ...cell } : cell;
              if (col === 'A') {
                const text = (v: unknown) => (typeof v === 'string' ? `${v}-${i}` : v);
                sheet.cells[`A${row}`] =
                  copy !== null && typeof copy === 'object'
                    ? { ...copy, value: text(copy.value) as string }
                    : (text(copy) as string);
              } else sheet.cells[`${col}${row}`] = copy;
            }
          }
        }
        const wb = new F.FakeWorkbook(init, { apiVersion, decodeWorkbook: F.decodeXlsxBase64 });
        // Excel only: office.js (from the CDN URL, answered locally) provides Office, outside a host.
        F.installFake(window, wb, { office: false });
        window.__wb = wb;
      },
      { b64, apiVersion: opts.apiVersion ?? '1.13', grow: opts.grow },
    );
  }
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${h.url}taskpane.html`);
  if (opts.fake !== false) {
    // office.js outside a host has no requirement sets to ask (isSetSupported says no to all): answer as the fake
    // host does for its API version, as Excel would. The pane asks only when it acts (marking, inserting).
    await page.waitForFunction(() => typeof Office !== 'undefined' && typeof Office.onReady === 'function');
    await page.evaluate(async () => {
      await Office.onReady();
      const host = window.__wb.office();
      Object.defineProperty(Office.context, 'requirements', { value: host.context.requirements, configurable: true });
      if (!Office.context.requirements.isSetSupported('ExcelApi', window.__wb.apiVersion))
        throw new Error('requirements not patched');
    });
  }
  return { ctx, page, errors };
}

export function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: false });
}
