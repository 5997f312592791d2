// `daicho check` end to end: the real CLI, spawned after a build (the worker pool runs compiled code).
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { collectFiles } from '../../../scripts/collect.js';
import { SAMPLE_AS_OF, writeSamples } from '../../../scripts/samples/write.js';
import { daicho, ensureBuilt, ROOT, type JsonReport } from './cli-helpers.js';

let dir: string;
let samples: string[];
const sample = (name: string) => samples.find((p) => p.includes(name))!;

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-check-'));
  samples = await writeSamples(join(dir, 'samples'));
}, 180_000);

async function jsonOf(args: string[]): Promise<{ report: JsonReport; run: Awaited<ReturnType<typeof daicho>> }> {
  const json = join(await mkdtemp(join(dir, 'json-')), 'report.json');
  const run = await daicho(['check', ...args, '--json', json, '--as-of', SAMPLE_AS_OF]);
  return { report: JSON.parse(await readFile(json, 'utf8')) as JsonReport, run };
}

/** A big but valid workbook (rows × 30 numbers): slow enough to read to trip a tiny time bound. */
function bigWorkbook(rows: number): Uint8Array {
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const parts: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < 26; c++)
      row += `<c r="${String.fromCharCode(65 + c)}${r}"><v>${(r * 31 + c * 7) % 100003}</v></c>`;
    parts.push(row + '</row>');
  }
  return zipSync({
    '[Content_Types].xml': strToU8(
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    ),
    '_rels/.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<workbook xmlns="${NS}" xmlns:r="${R}"><sheets><sheet name="S" sheetId="1" r:id="r1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="${R}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet xmlns="${NS}"><sheetData>${parts.join('')}</sheetData></worksheet>`,
    ),
  });
}

describe('usage and exit codes', () => {
  it.each([
    [[]],
    [['--lang', 'fr', 'x.xlsx']],
    [['--as-of', '2026-13-01', 'x.xlsx']],
    [['--summary', 'out.pdf', 'x.xlsx']],
    [['--timeout', '0', 'x.xlsx']],
    [['--bogus', 'x.xlsx']],
    [['/no/such/file.xlsx']],
  ])('exit 2 for %j', async (args) => {
    const r = await daicho(['check', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/daicho:/);
  });

  it('exit 0 when every file is clean, 1 when one has errors', async () => {
    const clean = [sample('sc-01'), sample('pl-04')];
    expect((await daicho(['check', ...clean, '--as-of', SAMPLE_AS_OF])).code).toBe(0);
    const r = await daicho(['check', ...clean, sample('sc-03'), '--as-of', SAMPLE_AS_OF]);
    expect(r.code).toBe(1);
  });
});

describe('reports', () => {
  it('writes the JSON report exactly in the spec shape, in input order', async () => {
    const { report, run } = await jsonOf([join(dir, 'samples')]);
    expect(run.code).toBe(1);
    expect(Object.keys(report)).toEqual(['format', 'formatVersion', 'tool', 'asOf', 'files', 'totals']);
    expect(report.asOf).toBe(SAMPLE_AS_OF);
    expect(report.files.map((f) => f.path)).toEqual(await collectFiles([join(dir, 'samples')]));
    expect(report.files).toHaveLength(samples.length);
    for (const f of report.files) {
      expect(Object.keys(f).filter((k) => k !== 'score')).toEqual(['path', 'status', 'template', 'subject', 'issues']);
      expect(['ok', 'invalid', 'unreadable']).toContain(f.status);
      for (const i of f.issues)
        expect(Object.keys(i)).toEqual(['rule', 'severity', 'sheet', 'cell', 'field', 'value', 'message']);
    }
    const sc = report.files.find((f) => f.path.includes('sc-04'))!;
    // Amendment 5: red flags cap the band at C and need action; an incomplete return has no rate, only a provisional one.
    expect(sc.score).toMatchObject({ band: 'C', redFlags: ['II-5', 'V-9'], actionNeeded: true, complete: true });
    const partial = report.files.find((f) => f.path.includes('sc-03'))!;
    expect(partial.score).toMatchObject({ rate: null, provisionalRate: 1, answered: 22, total: 37, complete: false });
    expect(partial.score?.band).toBeUndefined();
    const t = report.totals;
    expect(Object.keys(t)).toEqual(['files', 'ok', 'invalid', 'notTemplate', 'unreadable', 'errors', 'warnings']);
    expect(t.files).toBe(samples.length);
    expect(t.ok + t.invalid + t.notTemplate + t.unreadable).toBe(t.files);
    expect(t.errors).toBe(report.files.flatMap((f) => f.issues).filter((i) => i.severity === 'error').length);
    // The terminal: one line per file in the same order, findings by file, totals last.
    const lines = run.stdout.split('\n');
    report.files.forEach((f, k) => expect(lines[k]).toContain(f.path));
    expect(run.stdout).toMatch(/チェックリスト!E25 +SC-ANSWER/);
    expect(lines.find((l) => l.includes('sc-04'))).toMatch(/^要対応 .*得点率 +94\.6% C +重大: II-5, V-9$/);
    expect(lines.find((l) => l.includes('sc-03'))).toMatch(/回答 22\/37 暫定 +100%$/);
    expect(run.stdout).toContain(`合計 ${t.files} ファイル`);
  });

  it('speaks English with --lang en and aligns columns by display width', async () => {
    const rel = (p: string) => p.slice(dir.length + 1);
    const r = await daicho(
      [
        'check',
        rel(sample('sc-03')),
        rel(sample('sc-04')),
        rel(sample('pl-01')),
        '--as-of',
        SAMPLE_AS_OF,
        '--lang',
        'en',
      ],
      { cwd: dir },
    );
    const lines = r.stdout.split('\n').slice(0, 3);
    expect(lines[0]).toMatch(/^invalid +/);
    expect(lines[1]).toMatch(/^follow-up +/); // valid, but red flags (Amendment 5)
    // The counts column starts at the same display column on every line, whatever the company name's width.
    const col = (l: string) => {
      const i = l.search(/ errors/);
      return [...l.slice(0, i)].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0);
    };
    expect(new Set(lines.map(col)).size).toBe(1);
    expect(r.stdout).toContain('3 files: 1 ok, 2 invalid');
    expect(r.stdout).not.toContain('\u001b['); // no colour when stdout is not a terminal
  });

  it('refuses to overwrite the JSON report without --force', async () => {
    const json = join(dir, 'exists.json');
    await writeFile(json, '{}');
    const r = await daicho(['check', sample('sc-01'), '--json', json, '--as-of', SAMPLE_AS_OF]);
    expect(r.code).toBe(2);
    expect(await readFile(json, 'utf8')).toBe('{}');
    expect((await daicho(['check', sample('sc-01'), '--json', json, '--force', '--as-of', SAMPLE_AS_OF])).code).toBe(0);
    expect(JSON.parse(await readFile(json, 'utf8')).totals.files).toBe(1);
  });

  it('names an output path that cannot be written, in both languages, without a stack trace (exit 2)', async () => {
    const file = join(dir, 'a-file');
    await writeFile(file, 'x');
    const cases = [
      ['check', sample('sc-01'), '--json', join(file, 'report.json')],
      ['check', sample('sc-01'), '--annotate', join(file, 'copies')],
      ['check', sample('sc-01'), '--summary', join(file, 'summary.xlsx')],
      ['merge', sample('sc-01'), '-o', join(file, 'sub', 'out.xlsx')],
      ['audit', join(dir, 'samples'), '-o', join(file, 'audit') + '/'],
    ];
    for (const args of cases) {
      const r = await daicho([...args, '--as-of', SAMPLE_AS_OF]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(
        /に書き込めません（.+、(ENOTDIR|EEXIST)）\n.*cannot write .*a-file.*(ENOTDIR|EEXIST)/,
      );
      expect(r.stderr).not.toMatch(/internal error|\bat .*\.js:\d+/);
      // Refused before any file is checked, not after the run.
      if (args[0] === 'check') expect(r.stdout, args.join(' ')).toBe('');
    }
    await mkdir(join(dir, 'folder.xlsx'));
    const folder = await daicho([
      'check',
      sample('sc-01'),
      '--summary',
      join(dir, 'folder.xlsx'),
      '--force',
      '--as-of',
      SAMPLE_AS_OF,
    ]);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/に書き込めません（.+、EISDIR）\n.*cannot write .*EISDIR/);
    expect(folder.stdout).toBe('');
    expect(await readFile(file, 'utf8')).toBe('x');
  });
});

// Node's colour depth also reads CI, NODE_DISABLE_COLORS and TMUX (a CI runner sets CI, which means 2 colours): the
// terminal here is a plain xterm.
const onTerminal = (term: string) => ({
  ...process.env,
  NO_COLOR: undefined,
  FORCE_COLOR: undefined,
  NODE_DISABLE_COLORS: undefined,
  CI: undefined,
  TMUX: undefined,
  TERM: term,
});

describe.skipIf(!existsSync('/usr/bin/script'))('on a terminal', () => {
  it('colours the statuses and draws a progress bar for a long run', async () => {
    const d = join(dir, 'many');
    await mkdir(d);
    for (let i = 0; i < 30; i++)
      await copyFile(sample(i % 2 ? 'sc-01' : 'sc-03'), join(d, `r${String(i).padStart(2, '0')}.xlsx`));
    // script(1) gives the command a pseudo-terminal for stdout and stderr alike.
    const { stdout } = await promisify(execFile)(
      '/usr/bin/script',
      ['-qfc', `node bin/daicho.js check '${d}' --as-of ${SAMPLE_AS_OF}`, '/dev/null'],
      {
        cwd: ROOT,
        env: onTerminal('xterm-256color'),
      },
    );
    expect(stdout).toContain('\u001b[31m要修正');
    expect(stdout).toContain('\u001b[32mOK');
    expect(stdout).toMatch(/\r\[[█░]{24}\] +\d+% {2}\d+\/30/);
    expect(stdout).toContain('30/30');
  });

  it('TERM=dumb: no colour and no progress bar on a terminal', async () => {
    const d = join(dir, 'many');
    const { stdout } = await promisify(execFile)(
      '/usr/bin/script',
      ['-qfc', `node bin/daicho.js check '${d}' --as-of ${SAMPLE_AS_OF}`, '/dev/null'],
      {
        cwd: ROOT,
        env: onTerminal('dumb'),
      },
    );
    expect(stdout).toContain('要修正');
    expect(stdout).not.toContain('\u001b[');
    expect(stdout).not.toContain('░');
  });
});

describe('a reader that goes away', () => {
  it('finishes the run and its outputs quietly when stdout is closed early (| head)', async () => {
    const json = join(dir, 'piped.json');
    const { stdout, stderr } = await promisify(execFile)(
      'sh',
      [
        '-c',
        `node bin/daicho.js check '${join(dir, 'samples')}' --json '${json}' --as-of ${SAMPLE_AS_OF} | head -1; echo "exit=\${PIPESTATUS:-}"`,
      ],
      { cwd: ROOT },
    );
    expect(stdout.split('\n')[0]).toMatch(/^(OK|要修正) /);
    expect(stderr).toBe('');
    expect((JSON.parse(await readFile(json, 'utf8')) as JsonReport).totals.files).toBe(samples.length);
  });
});

describe('files that are not what they seem', () => {
  it('skips lock files and hidden files, and names the cause for everything else in a folder', async () => {
    const d = join(dir, 'mixed');
    await mkdir(join(d, 'sub', 'deeper'), { recursive: true });
    await copyFile(sample('sc-01'), join(d, 'ok.xlsx'));
    await copyFile(sample('sc-01'), join(d, '~$ok.xlsx')); // Excel's lock file
    await writeFile(join(d, '.hidden.xlsx'), 'x');
    await writeFile(join(d, 'notes.txt'), 'not a workbook');
    await writeFile(join(d, 'sub', 'renamed.xlsx'), '会社名,回答\nA社,はい\n');
    await writeFile(
      join(d, 'sub', 'random.xlsx'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    );
    await writeFile(join(d, 'sub', 'empty.xlsm'), '');
    await writeFile(join(d, 'sub', 'deeper', 'truncated.xlsx'), (await readFile(sample('sc-02'))).subarray(0, 3000));
    await copyFile(sample('pl-01'), join(d, 'sub', 'deeper', 'ledger.xlsx'));
    const { report, run } = await jsonOf([d]);
    expect(run.code).toBe(1);
    const by = Object.fromEntries(report.files.map((f) => [f.path.slice(d.length + 1), f]));
    expect(Object.keys(by).sort()).toEqual([
      'ok.xlsx',
      'sub/deeper/ledger.xlsx',
      'sub/deeper/truncated.xlsx',
      'sub/empty.xlsm',
      'sub/random.xlsx',
      'sub/renamed.xlsx',
    ]);
    const cause = (k: string) => by[k].issues[0].value;
    expect(by['ok.xlsx'].status).toBe('ok');
    expect(cause('sub/renamed.xlsx')).toBe('csv');
    expect(cause('sub/random.xlsx')).toBe('not-spreadsheet');
    expect(cause('sub/empty.xlsm')).toBe('empty');
    expect(cause('sub/deeper/truncated.xlsx')).toBe('damaged-zip');
    for (const k of ['sub/renamed.xlsx', 'sub/random.xlsx', 'sub/empty.xlsm', 'sub/deeper/truncated.xlsx']) {
      expect(by[k].status).toBe('unreadable');
      expect(by[k].issues[0].rule).toBe('FILE-UNREADABLE');
    }
    expect(run.stdout).toMatch(/読込不可 +\S*renamed\.xlsx +CSV/);
  });

  it('gives a file that disappears during the run a result of its own, and goes on', async () => {
    const d = join(dir, 'vanishing');
    await mkdir(d);
    const files: string[] = [];
    for (let i = 0; i < 120; i++) {
      const p = join(d, `r${String(i).padStart(3, '0')}.xlsx`);
      await copyFile(sample('sc-0' + ((i % 9) + 1)), p);
      files.push(p);
    }
    const json = join(dir, 'vanishing.json');
    const running = daicho(['check', d, '--json', json, '--as-of', SAMPLE_AS_OF], {
      // Delete the second half as soon as the process has started: the folder was (or is being) listed already.
      onSpawn: () => setTimeout(() => void Promise.all(files.slice(60).map((f) => rm(f, { force: true }))), 150),
    });
    const r = await running;
    expect([0, 1]).toContain(r.code);
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    for (const f of report.files) {
      if (f.status === 'unreadable') expect(f.issues[0].value).toBe('not-found');
    }
    expect(report.totals.files).toBe(report.files.length);
  });

  it('bounds the time per file: a slow file times out, its worker is replaced, the rest are checked', async () => {
    const big = join(dir, 'big.xlsx');
    await writeFile(big, bigWorkbook(60_000));
    const { report, run } = await jsonOf([
      sample('sc-01'),
      big,
      sample('sc-02'),
      sample('sc-03'),
      '--timeout',
      '0.3',
      '--jobs',
      '1',
    ]);
    expect(run.code).toBe(1);
    expect(report.files.map((f) => f.status)).toEqual(['ok', 'unreadable', 'ok', 'invalid']);
    const slow = report.files[1].issues[0];
    expect(slow.value).toBe('timeout');
    expect(slow.message.en).toMatch(/time limit 0\.3 s/);
  });

  it('bounds the size per file and says the size and the limit', async () => {
    const { report } = await jsonOf([sample('sc-01'), '--max-size', '0.001']);
    const i = report.files[0].issues[0];
    expect(i.value).toBe('too-large');
    expect(i.message.ja).toMatch(/上限 0\.0 MB|上限/);
    expect(i.message.en).toMatch(/file size .* MB, limit/);
  });

  it('never modifies its inputs', async () => {
    const hash = async (p: string) =>
      createHash('sha256')
        .update(await readFile(p))
        .digest('hex');
    const before = await Promise.all(samples.map(hash));
    await daicho(['check', join(dir, 'samples'), '--as-of', SAMPLE_AS_OF]);
    expect(await Promise.all(samples.map(hash))).toEqual(before);
  });
});
