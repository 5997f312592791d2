// The package as a user gets it: `npm pack` (which builds through `prepack`) in a copy of the repository, the
// tarball installed into an empty folder with `npm ci --offline` (from the npm cache the repository's `npm ci`
// filled), then `daicho` run from there, as `npx daicho` would: --version, --help, template, samples, check, merge,
// audit. The JSON report it writes is validated against the schema shipped in the package.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../check/cli-helpers.js';
import { installLock } from './install-lock.js';

const run = promisify(execFile);
/** What the package needs to build; the rest of the repository (tests, the add-in, CI) must not matter. */
const SOURCES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  '.npmrc',
  'LICENSE',
  'README.md',
  'bin',
  'scripts',
  'templates',
  'docs',
];

let work: string;
let app: string;
let files: string[];
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  bin: Record<string, string>;
  engines: { node: string };
  license: string;
};

function daichoIn(args: string[]) {
  return run(process.execPath, [join(app, 'node_modules/daicho/bin/daicho.js'), ...args], {
    cwd: app,
    env: { ...process.env, NO_COLOR: '1' },
  }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'daicho-pack-'));
  const src = join(work, 'src');
  mkdirSync(src);
  for (const f of SOURCES) if (existsSync(join(ROOT, f))) cpSync(join(ROOT, f), join(src, f), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(src, 'node_modules'));
  const packed = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: src, maxBuffer: 16 << 20 });
  const info = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {
    filename: string;
    files: { path: string }[];
  }[];
  files = info[0].files.map((f) => f.path);
  const tarball = info[0].filename;
  app = join(work, 'app');
  mkdirSync(app);
  cpSync(join(work, tarball), join(app, tarball));
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'daicho-install-test', private: true, dependencies: { daicho: `file:${tarball}` } }),
  );
  writeFileSync(
    join(app, 'package-lock.json'),
    JSON.stringify(installLock(join(ROOT, 'package-lock.json'), pkg, join(app, tarball), tarball), null, 2),
  );
  await run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: app,
    maxBuffer: 16 << 20,
  });
}, 600_000);

describe('npm pack → npm ci --offline → daicho', () => {
  it('ships the built CLI, the schema and the licence, and nothing of the repository besides', () => {
    expect(files).toContain('bin/daicho.js');
    expect(files).toContain('dist/scripts/cli.js');
    expect(files).toContain('dist/scripts/pool/worker.js');
    expect(files).toContain('dist/templates/index.js');
    expect(files).toContain('docs/report.schema.json');
    expect(files).toContain('LICENSE');
    expect(
      files.filter((f) => /^(test|\.ci|addin|assets)\/|\.ts$|\.map$|^dist\/scripts\/bench\/|^dist\/addin\//.test(f)),
    ).toEqual([]);
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('runs --version and --help from the installed package, and npx finds it', async () => {
    const v = await daichoIn(['--version']);
    expect(v.stdout).toBe(`${pkg.version}\n`);
    const h = await daichoIn(['--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('daicho <command> --help');
    const npx = await run('npx', ['--offline', '--no-install', 'daicho', 'check', '--help', '--lang', 'en'], {
      cwd: app,
    });
    expect(npx.stdout).toMatch(/^Usage: daicho check /);
  });

  it('writes templates and samples, checks, merges and audits them', async () => {
    const t = await daichoIn(['template', 'all', '-o', 'templates']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout.trim().split('\n')).toHaveLength(5); // one per template
    const s = await daichoIn(['samples', '-o', 'samples']);
    expect(s.code, s.stderr).toBe(0);
    const c = await daichoIn([
      'check',
      'samples',
      '--json',
      'report.json',
      '--summary',
      'summary.xlsx',
      '--as-of',
      '2026-11-20',
    ]);
    expect(c.code, c.stderr).toBe(1); // the samples have realistic mistakes
    expect(c.stdout).toMatch(/合計 \d+ ファイル/);
    const report = JSON.parse(readFileSync(join(app, 'report.json'), 'utf8')) as unknown;
    const schema = JSON.parse(readFileSync(join(app, 'node_modules/daicho/docs/report.schema.json'), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const m = await daichoIn(['merge', 'samples/pi-ledger', '-o', 'master.xlsx', '--as-of', '2026-11-20']);
    expect(m.code, m.stderr).toBe(0);
    expect(existsSync(join(app, 'master.xlsx'))).toBe(true);
    const a = await daichoIn(['audit', 'samples', '-o', 'audit/', '--as-of', '2026-11-20']);
    expect(a.code, a.stderr).toBe(1);
    expect(existsSync(join(app, 'audit/audit.html'))).toBe(true);
    expect(existsSync(join(app, 'audit/audit.xlsx'))).toBe(true);
  });
});
