// `daicho check` over the whole real-world corpus (Excel, LibreOffice, Google Sheets, Numbers, fuzzers, XML bombs,
// the 50,000-merge file): every file gets a result with a specific cause, the process exits normally, in bounded time.
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS, daicho, ensureBuilt, type JsonReport } from './cli-helpers.js';

/** Causes a file of the corpus may be given; "internal-error", "io" or a crash would be a bug. */
const SPECIFIC = new Set([
  'encrypted',
  'legacy-xls',
  'xlsb',
  'ods',
  'numbers',
  'csv',
  'html',
  'xml-spreadsheet-2003',
  'not-spreadsheet',
  'damaged-zip',
  'zip-bomb',
  'xml-doctype',
  'malformed-xml',
  'missing-part',
  'no-sheets',
  'empty',
  'too-large',
  'too-many-cells',
]);

let files: string[];
let manifest: Map<string, { ext: string; container: string }>;

beforeAll(async () => {
  await ensureBuilt();
  files = (await readdir(CORPUS)).filter((f) => !/\.(md|tsv)$/i.test(f)).sort();
  manifest = new Map();
  for (const line of (await readFile(join(CORPUS, 'MANIFEST.tsv'), 'utf8')).trim().split('\n').slice(1)) {
    const c = line.split('\t');
    manifest.set(c[0], { ext: c[6], container: c[7] });
  }
}, 180_000);

describe('daicho check over the corpus', () => {
  it('gives every file a result with a specific cause, exits normally, in bounded time', async () => {
    const json = join(await mkdtemp(join(tmpdir(), 'daicho-corpus-')), 'corpus.json');
    // Every file by name (what `daicho check corpus/*` passes).
    const run = await daicho(['check', ...files.map((f) => join(CORPUS, f)), '--json', json, '--as-of', '2026-11-20'], {
      timeoutMs: 170_000,
    });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.ms).toBeLessThan(120_000);
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    expect(report.files.map((f) => f.path)).toEqual(files.map((f) => join(CORPUS, f)));
    const causes = new Map<string, string>();
    for (const f of report.files) {
      const name = f.path.slice(CORPUS.length + 1);
      expect(f.issues.length, name).toBeGreaterThan(0);
      if (f.status === 'unreadable') {
        const cause = f.issues[0].value ?? '';
        expect(f.issues[0].rule).toBe('FILE-UNREADABLE');
        expect(SPECIFIC.has(cause), `${name}: ${cause}`).toBe(true);
        causes.set(name, cause);
      } else {
        // No corpus file is a Daicho template: a readable workbook is "not a template", never a crash.
        expect(f.status, name).toBe('not-template');
        expect(f.template).toBeNull();
        expect(f.issues.map((i) => i.rule)).toEqual(['TEMPLATE-UNKNOWN']);
        causes.set(name, 'TEMPLATE-UNKNOWN');
      }
    }
    // The causes the corpus's MANIFEST implies.
    for (const [name, m] of manifest) {
      if (!causes.has(name)) continue;
      const got = causes.get(name);
      if (m.container.startsWith('cfb(encrypted')) expect(got, name).toBe('encrypted');
      else if (m.container.startsWith('cfb(BIFF')) expect(got, name).toBe('legacy-xls');
      else if (m.ext === 'xlsb' && m.container === 'zip') expect(got, name).toBe('xlsb');
      else if (m.ext === 'numbers') expect(got, name).toBe('numbers');
      else if (m.ext === 'ods' || m.ext === 'fods') expect(got, name).toBe('ods');
    }
    // Files exceljs spun on or resolved with zero sheets are read (and are simply not templates).
    expect(causes.get('poi__57893-many-merges.xlsx')).toBe('TEMPLATE-UNKNOWN');
    expect(causes.get('calamine__minimal_package.xlsx')).toBe('TEMPLATE-UNKNOWN');
    expect(causes.get('excelize__BadWorkbook.xlsx')).toBe('no-sheets');
    expect(causes.get('poi__poc-xmlbomb.xlsx')).toBe('xml-doctype');
    const t = report.totals;
    expect(t.files).toBe(files.length);
    expect(t.unreadable).toBe([...causes.values()].filter((c) => c !== 'TEMPLATE-UNKNOWN').length);
    console.log(
      `corpus: ${files.length} files in ${Math.round(run.ms)} ms; ${t.unreadable} unreadable, ${t.invalid} not templates`,
    );
  }, 180_000);

  it('walks the corpus folder too (lock files, *.md and *.tsv are not workbooks)', async () => {
    const run = await daicho(['check', CORPUS, '--as-of', '2026-11-20', '--lang', 'en'], { timeoutMs: 170_000 });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(/MANIFEST\.tsv|README\.md/);
    expect(run.stdout).toMatch(/^unreadable +\S*excelize__encryptAES\.xlsx +The workbook is password-protected/m);
    expect(run.stdout).toMatch(/^unknown +\S*poi__57893-many-merges\.xlsx +Not a Daicho template/m);
    // every spreadsheet of the folder is reported, flat OpenDocument (.fods) and Numbers included
    for (const f of files) expect(run.stdout, f).toContain(f);
  }, 180_000);
});
