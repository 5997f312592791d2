// The build IT deploys: DAICHO_ADDIN_URL=https://… webpack --mode production (what `npm run build` runs), into a
// temporary folder. It holds only what is hosted — the pane, help and privacy pages, icons, templates — and a
// manifest for that URL that passes the XSD; no preview page, no fake Excel, no samples, no source maps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';
import { hostedBase, manifestFor } from '../../addin/tools/deploy.mjs';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const URL_ = 'https://addins.example.co.jp/daicho';
const SUPPORT = 'https://intra.example.co.jp/helpdesk';
const schema = resolve(repo, '..', 'shared', 'office-manifest-schemas', 'OfficeAppManifestV1_1.xsd');
const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };

function webpack(out: string, env: Record<string, string>) {
  return spawnSync('npx', ['webpack', '--mode', 'production', '--output-path', out], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, DAICHO_ADDIN_URL: '', DAICHO_SUPPORT_URL: '', DAICHO_PRIVACY_URL: '', ...env },
  });
}

const files = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) =>
      join(e.parentPath, e.name)
        .slice(dir.length + 1)
        .split(sep)
        .join('/'),
    )
    .sort();

describe('deployment build (DAICHO_ADDIN_URL)', () => {
  let tmp = '';
  let out = '';
  beforeAll(() => {
    if (!existsSync(join(repo, 'dist', 'scripts', 'cli.js'))) {
      const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repo, encoding: 'utf8' });
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
    tmp = mkdtempSync(join(tmpdir(), 'daicho-deploy-'));
    out = join(tmp, 'addin');
    const r = webpack(out, { DAICHO_ADDIN_URL: URL_, DAICHO_SUPPORT_URL: SUPPORT });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 600_000);
  afterAll(() => {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('holds only the files to host: pane, help, privacy, icons, templates, manifest', () => {
    const list = files(out);
    const bundle = list.find((f) => /^taskpane\.[0-9a-f]{8}\.js$/.test(f));
    expect(bundle).toBeDefined();
    expect(list.filter((f) => f !== bundle && !f.endsWith('.LICENSE.txt'))).toEqual([
      'assets/icon-128.png',
      'assets/icon-16.png',
      'assets/icon-32.png',
      'assets/icon-64.png',
      'assets/icon-80.png',
      'help.html',
      'manifest.xml',
      'privacy.html',
      'taskpane.html',
      'templates/contractor-evaluation.xlsx',
      'templates/index.json',
      'templates/legal-register.xlsx',
      'templates/pi-ledger.xlsx',
      'templates/supplier-checklist.xlsx',
      'templates/supplier-list.xlsx',
    ]);
  });

  it('the bundle carries no fake Excel (its messages and names are absent)', () => {
    const js = files(out)
      .filter((f) => f.endsWith('.js'))
      .map((f) => readFileSync(join(out, f), 'utf8'))
      .join('\n');
    expect(js.length).toBeGreaterThan(100_000);
    // Strings only the fake has (addin/fake/fake-excel.ts, global.ts), which minification keeps.
    for (const s of ['needs ExcelApi', 'DaichoFake', 'PropertyNotLoaded', 'insertWorksheetsFromBase64 needs'])
      expect(js).not.toContain(s);
    // …while the pane's own strings are there (the search is live).
    expect(js).toContain('_daicho_marks');
  });

  it('manifest.xml is the one for the URL (support URL given), passes the XSD, and every file it names is there', () => {
    const manifest = readFileSync(join(out, 'manifest.xml'), 'utf8');
    const expected = manifestFor(readFileSync(join(repo, 'manifest.xml'), 'utf8'), {
      base: hostedBase(URL_),
      supportUrl: SUPPORT,
      version,
    });
    expect(manifest).toBe(expected);
    expect(manifest).not.toMatch(/localhost/);
    const lint = spawnSync('xmllint', ['--nonet', '--noout', '--schema', schema, join(out, 'manifest.xml')], {
      encoding: 'utf8',
    });
    if (!lint.error) expect(lint.status, lint.stderr).toBe(0);
    const named = [
      ...new Set([...manifest.matchAll(/"https:\/\/addins\.example\.co\.jp\/daicho\/([^"]*)"/g)].map((m) => m[1])),
    ];
    expect(named).toEqual(expect.arrayContaining(['taskpane.html', 'help.html', 'assets/icon-32.png']));
    for (const p of named) expect(existsSync(join(out, p)), p).toBe(true);
  });

  it('taskpane.html runs the compatibility check (ES5) before the bundle; help.html has no preview link', () => {
    const html = readFileSync(join(out, 'taskpane.html'), 'utf8');
    const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
    expect(inline).toHaveLength(1);
    expect(() => parse(inline[0], { ecmaVersion: 5, sourceType: 'script' })).not.toThrow();
    expect(inline[0]).toContain('"ExcelApi","1.8"');
    expect(html.indexOf(inline[0])).toBeLessThan(html.search(/<script[^>]+taskpane\.[0-9a-f]{8}\.js/));
    // The bundle needs ES2022, which the check's syntax probe asks for (test/e2e/unsupported.test.ts): an older
    // engine gets the message rather than a parse error and a blank pane.
    const bundle = readFileSync(join(out, html.match(/taskpane\.[0-9a-f]{8}\.js/)![0]), 'utf8');
    expect(() => parse(bundle, { ecmaVersion: 2021 })).toThrow();
    expect(() => parse(bundle, { ecmaVersion: 2022 })).not.toThrow();
    const help = readFileSync(join(out, 'help.html'), 'utf8');
    expect(help).not.toContain('preview.html');
    expect(help).toContain('privacy.html');
  });

  it('a URL that is not https stops the build with a message in Japanese and English, and writes nothing', () => {
    const bad = join(tmp, 'bad');
    const r = webpack(bad, { DAICHO_ADDIN_URL: 'http://addins.example.co.jp/daicho' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/DAICHO_ADDIN_URL は https にしてください/);
    expect(r.stderr).toMatch(/DAICHO_ADDIN_URL must use https/);
    expect(existsSync(bad)).toBe(false);
  }, 120_000);
});
