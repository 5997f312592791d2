// --annotate: a copy of each input with every problem cell filled and explained in a note, and a first sheet
// listing the findings with links — proven through openpyxl and LibreOffice, with the inputs' hashes unchanged.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { MARK_COLOURS } from '../../../scripts/annotate/annotate.js';
import { SAMPLE_AS_OF, writeSamples } from '../../../scripts/samples/write.js';
import { hasLibreOffice, hasOpenpyxl, resaveWithLibreOffice, SYSTEM_PYTHON } from '../../helpers/producers.js';
import { daicho, ensureBuilt, type JsonReport } from './cli-helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);
let dir: string;
let samples: string[];
let report: JsonReport;
const OUT = () => join(dir, 'annotated');

interface View {
  sheets: string[];
  states: Record<string, string>;
  active: string;
  notes: Record<string, string>;
  fills: Record<string, string>;
  findings: (string | null)[][];
  links: Record<string, string>;
  validations: Record<string, [boolean, number]>;
  protection: Record<string, [boolean, boolean]>;
  changed: string[];
  comment_authors: Record<string, string>;
}

async function inspect(original: string, copy: string): Promise<View> {
  const { stdout } = await run(SYSTEM_PYTHON, [join(here, 'inspect_annotated.py'), original, copy], {
    maxBuffer: 64 << 20,
  });
  return JSON.parse(stdout) as View;
}

const sha = async (p: string) =>
  createHash('sha256')
    .update(await readFile(p))
    .digest('hex');
const annotatedOf = (p: string) => join(OUT(), relative(join(dir, 'samples'), p));

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-annotate-'));
  samples = await writeSamples(join(dir, 'samples'));
  await writeFile(join(dir, 'samples', 'broken.xlsx'), 'not a workbook');
  const before = await Promise.all(samples.map(sha));
  const json = join(dir, 'report.json');
  const r = await daicho(['check', join(dir, 'samples'), '--annotate', OUT(), '--json', json, '--as-of', SAMPLE_AS_OF]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`指摘を書き込んだコピー ${samples.length} 件を ${OUT()} に作成しました。`);
  expect(r.stdout).toMatch(/コピーを作成していません:\n {2}\S*broken\.xlsx: 読込不可/);
  // The inputs are only read.
  expect(await Promise.all(samples.map(sha))).toEqual(before);
  report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
}, 180_000);

describe('annotated copies', () => {
  it('are written for every readable input, mirroring the folders, and none for an unreadable one', async () => {
    const written = (await readdir(OUT(), { recursive: true })).filter((f) => f.endsWith('.xlsx')).sort();
    expect(written).toEqual(samples.map((p) => relative(join(dir, 'samples'), p)).sort());
  });

  it('re-check to exactly the same findings (marks change no value)', async () => {
    const json = join(dir, 'recheck.json');
    await daicho(['check', OUT(), '--json', json, '--as-of', SAMPLE_AS_OF]);
    const again = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    const key = (r: JsonReport) =>
      Object.fromEntries(
        r.files
          .filter((f) => f.status !== 'unreadable')
          .map((f) => [
            relative(dirname(f.path.includes('annotated') ? OUT() + '/x' : join(dir, 'samples') + '/x'), f.path),
            f.issues.map((i) => `${i.rule}@${i.sheet}!${i.cell}`),
          ]),
      );
    expect(key(again)).toEqual(key(report));
  });

  describe.skipIf(!hasOpenpyxl())('seen through openpyxl', () => {
    it.each(['sc-03', 'sc-11', 'sc-07', 'pl-01', 'pl-03', 'ce-05', '要修正', 'sc-01'])(
      '%s: fills and notes at the issue addresses, values and dropdowns intact',
      async (name) => {
        const original = samples.find((p) => p.includes(name))!;
        const file = report.files.find((f) => f.path === original)!;
        const v = await inspect(original, annotatedOf(original));
        // The findings sheet comes first and is the one shown on opening.
        expect(v.sheets[0]).toBe('指摘一覧');
        expect(v.active).toBe('指摘一覧');
        expect(v.sheets.slice(1)).toEqual(Object.keys(v.validations));
        // Every cell finding: a note naming its rule, a fill in the colour of its worst severity.
        const cells = new Map<string, string[]>();
        for (const i of file.issues)
          if (i.cell && i.sheet)
            cells.set(`${i.sheet}!${i.cell}`, [...(cells.get(`${i.sheet}!${i.cell}`) ?? []), i.severity]);
        expect(Object.keys(v.notes).sort()).toEqual([...cells.keys()].sort());
        for (const [at, sev] of cells) {
          for (const i of file.issues.filter((x) => `${x.sheet}!${x.cell}` === at)) {
            expect(v.notes[at]).toContain(i.rule);
            expect(v.notes[at]).toContain(i.message.ja);
          }
          const worst = sev.includes('error') ? 'error' : sev.includes('warning') ? 'warning' : 'info';
          expect(v.fills[at], at).toBe(MARK_COLOURS[worst]);
        }
        expect(Object.values(v.comment_authors).every((a) => a === 'Daicho')).toBe(true);
        // Nothing else changed: values, number formats, locking; dropdowns and protection on every sheet.
        expect(v.changed).toEqual([]);
        for (const [sheet, [same, n]] of Object.entries(v.validations)) {
          expect(same, `${sheet} validations`).toBe(true);
          if (!sheet.startsWith('_')) expect(n, `${sheet} has dropdowns`).toBeGreaterThan(0);
        }
        for (const [sheet, [before, after]] of Object.entries(v.protection)) expect(after, sheet).toBe(before);
        expect(v.states._daicho).toBe('veryHidden');
        // The findings list: one row per finding (after the title rows and header), each cell address a link.
        const rows = v.findings.slice(4).filter((r) => r[0] !== null);
        if (!file.issues.length) {
          expect(v.findings[4][0]).toBe('指摘はありません。');
          return;
        }
        expect(rows).toHaveLength(file.issues.length);
        rows.forEach((r, k) => {
          const i = file.issues[k];
          expect(r.slice(0, 5)).toEqual([
            String(k + 1),
            i.sheet,
            i.cell ?? (i.sheet ? 'シートへ' : null),
            { error: 'エラー', warning: '警告', info: '情報' }[i.severity],
            i.rule,
          ]);
          expect(r[7]).toBe(i.message.ja);
          if (i.sheet && i.cell) expect(v.links[`C${k + 5}`]).toBe(`'${i.sheet}'!${i.cell}`);
        });
      },
    );

    it('keeps the notes a workbook already had, adding ours in front on the same cell', async () => {
      const original = samples.find((p) => p.includes('sc-11'))!;
      const noted = join(dir, 'noted', 'sc-11-noted.xlsx');
      await run('mkdir', ['-p', dirname(noted)]);
      // B4 (法人番号) will be flagged; D5 will not.
      await run(SYSTEM_PYTHON, [
        join(here, 'add_note.py'),
        original,
        noted,
        '回答者情報!B4=supplier says: number checked',
        '回答者情報!D5=supplier remark',
      ]);
      const out = join(dir, 'noted-out');
      const json = join(dir, 'noted.json');
      await daicho(['check', noted, '--annotate', out, '--json', json, '--as-of', SAMPLE_AS_OF]);
      const v = await inspect(noted, join(out, 'sc-11-noted.xlsx'));
      expect(v.notes['回答者情報!D5']).toBe('supplier remark');
      expect(v.notes['回答者情報!B4']).toMatch(/^Daicho:\n\[エラー\] V-CORPNO[\s\S]*supplier says: number checked$/);
      expect(v.notes['回答者情報!B3']).toMatch(/V-REQUIRED/);
      expect(v.changed).toEqual([]);
    });

    it('writes English notes and a "Findings" sheet with --lang en', async () => {
      const original = samples.find((p) => p.includes('sc-06'))!;
      const out = join(dir, 'en');
      await daicho(['check', original, '--annotate', out, '--lang', 'en', '--as-of', SAMPLE_AS_OF]);
      const v = await inspect(original, join(out, 'sc-06-test-denshi-gaps.xlsx'));
      expect(v.sheets[0]).toBe('Findings');
      expect(v.findings[3]).toEqual(['No.', 'Sheet', 'Cell', 'Severity', 'Rule', 'Field', 'Value', 'Finding']);
      expect(Object.values(v.notes).every((n) => /^\[(Error|Warning|Info)\] /.test(n))).toBe(true);
    });
  });

  describe.skipIf(!hasLibreOffice())('opened by LibreOffice', () => {
    it('converts without complaint and keeps the findings sheet, marks and notes', async () => {
      const original = samples.find((p) => p.includes('sc-03'))!;
      const resaved = await resaveWithLibreOffice(annotatedOf(original));
      const v = await inspect(original, resaved);
      expect(v.sheets[0]).toBe('指摘一覧');
      const file = report.files.find((f) => f.path === original)!;
      for (const i of file.issues.filter((x) => x.cell)) {
        expect(v.notes[`${i.sheet}!${i.cell}`]).toContain(i.rule);
        expect(v.fills[`${i.sheet}!${i.cell}`]).toBe(MARK_COLOURS[i.severity as 'error']);
      }
    }, 150_000);
  });

  it('never overwrites an annotated copy without --force', async () => {
    const original = samples.find((p) => p.includes('sc-02'))!;
    const out = join(dir, 'again');
    expect((await daicho(['check', original, '--annotate', out, '--as-of', SAMPLE_AS_OF])).code).toBe(0);
    const first = await sha(join(out, 'sc-02-rei-system-service.xlsx'));
    const refused = await daicho(['check', original, '--annotate', out, '--as-of', SAMPLE_AS_OF]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already exists \(use --force to overwrite\)/);
    expect((await daicho(['check', original, '--annotate', out, '--force', '--as-of', SAMPLE_AS_OF])).code).toBe(0);
    expect(await sha(join(out, 'sc-02-rei-system-service.xlsx'))).toBe(first);
  });

  it('refuses an output that is an input, even with --force', async () => {
    const original = samples.find((p) => p.includes('sc-02'))!;
    const copy = join(dir, 'self', 'sc-02.xlsx');
    await run('mkdir', ['-p', dirname(copy)]);
    await copyFile(original, copy);
    const before = await sha(copy);
    const r = await daicho(['check', copy, '--annotate', dirname(copy), '--force', '--as-of', SAMPLE_AS_OF]);
    expect(r.code).toBe(2);
    expect(await sha(copy)).toBe(before);
  });
});
