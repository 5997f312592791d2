// The command line's manners: help and version, usage errors in both languages, parsing by the option table.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCommand } from '../../../scripts/commands/common.js';
import { COMMAND_SPECS, type CommandName } from '../../../scripts/commands/spec.js';
import { UsageError } from '../../../scripts/errors.js';
import { daicho, ensureBuilt, ROOT } from '../check/cli-helpers.js';

const NAMES = Object.keys(COMMAND_SPECS) as CommandName[];
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;
let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-manners-'));
}, 180_000);

/** A usage error as the CLI prints it: a Japanese line, an English line, then where to find help. */
function expectBilingual(stderr: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines.length, stderr).toBeGreaterThanOrEqual(2);
  expect(lines[0], stderr).toMatch(/^daicho: /);
  expect(lines[0], stderr).toMatch(JAPANESE);
  expect(lines[1], stderr).toMatch(/^daicho: [\x20-\x7e…–]*$/u);
  expect(stderr).not.toMatch(/\bat .*\.js:\d+|internal error|ERR_PARSE_ARGS/);
}

describe('help and version', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V', 'version']) {
      const r = await daicho([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${pkg.version}\n`);
    }
  });

  it.each(NAMES)(
    'daicho %s --help lists every option of the table, in Japanese and in English, exit 0',
    async (name) => {
      const ja = await daicho([name, '--help']);
      expect(ja.code, ja.stderr).toBe(0);
      expect(ja.stderr).toBe('');
      const en = await daicho([name, '-h', '--lang', 'en']);
      expect(en.code).toBe(0);
      for (const [opt, o] of Object.entries(COMMAND_SPECS[name].options)) {
        expect(ja.stdout).toContain(`--${opt}`);
        expect(ja.stdout).toContain(o.help.ja);
        expect(en.stdout).toContain(o.help.en);
      }
      expect(ja.stdout).toMatch(/^使い方: daicho /);
      expect(en.stdout).toMatch(/^Usage: daicho /);
      expect((await daicho(['help', name])).stdout).toBe(ja.stdout);
    },
  );

  it('daicho --help names every command; no arguments prints it to stderr with exit 2', async () => {
    const r = await daicho(['--help']);
    expect(r.code).toBe(0);
    for (const n of NAMES) expect(r.stdout).toContain(`  ${n} `);
    const none = await daicho([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('daicho <command> --help');
  });
});

describe('usage errors: two lines, Japanese and English, exit 2', () => {
  it.each([
    [['chek', 'x']],
    [['check']],
    [['check', 'x.xlsx', '--anotate', 'd']],
    [['check', 'x.xlsx', '--json']],
    [['check', 'x.xlsx', '--force=yes']],
    [['check', 'x.xlsx', '--timeout', '-1']],
    [['check', 'x.xlsx', '--lang', 'fr']],
    [['check', 'x.xlsx', '--as-of', '2026/12/01']],
    [['check', 'x.xlsx', '--jobs', 'abc']],
    [['check', 'x.xlsx', '--fail-on', 'info']],
    [['check', 'x.xlsx', '--summary', 'out.pdf']],
    [['check', '/no/such/file.xlsx']],
    [['merge', 'x']],
    [['merge', 'x', '-o', 'out.csv']],
    [['audit']],
    [['template', 'ledger', '-o', 'd']],
    [['template']],
    [['samples']],
  ])('%j', async (args) => {
    const r = await daicho(args, { cwd: dir });
    expect(r.code, r.stderr).toBe(2);
    expectBilingual(r.stderr);
  });

  it('suggests the option or command that was meant', async () => {
    expect((await daicho(['check', 'x', '--anotate', 'd'])).stderr).toContain('did you mean --annotate?');
    expect((await daicho(['chek'])).stderr).toContain('（check のことですか？）');
  });

  it('an output that exists is refused in both languages', async () => {
    const json = join(dir, 'exists.json');
    await writeFile(json, '{}');
    const r = await daicho(['template', 'all', '-o', dir]);
    expect(r.code).toBe(0);
    const again = await daicho(['template', 'all', '-o', dir]);
    expect(again.code).toBe(2);
    expectBilingual(again.stderr);
    expect(again.stderr).toMatch(
      /は既にあります。上書きするには --force を付けてください\n.*already exists \(use --force to overwrite\)/,
    );
  });
});

describe('parseCommand', () => {
  it('reads long, short, inline and separated values, flags and -- by the table', () => {
    const a = parseCommand('check', ['a.xlsx', '--json=-', '--annotate', 'out', '--force', '--', '--odd.xlsx']);
    expect(a.positionals).toEqual(['a.xlsx', '--odd.xlsx']);
    expect(a.values).toEqual({ json: '-', annotate: 'out', force: true });
    expect(parseCommand('merge', ['-o', 'm.xlsx', 'x']).values.out).toBe('m.xlsx');
    expect(parseCommand('merge', ['-om.xlsx']).values.out).toBe('m.xlsx');
    expect(parseCommand('check', ['--json', '-', 'x']).values.json).toBe('-');
  });

  it('refuses what the table does not allow', () => {
    expect(() => parseCommand('template', ['all', '--jobs', '2'])).toThrow(UsageError);
    expect(() => parseCommand('check', ['--summary', '--force'])).toThrow(/--summary needs a value/);
    expect(() => parseCommand('check', ['--force=1'])).toThrow(/takes no value/);
  });
});
