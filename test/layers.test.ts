// The layers are enforced, not only followed: a planted breach fails lint (eslint.config.js, no-restricted-imports
// per folder) and, for Node or DOM globals in templates/, the compiler (tsconfig.templates.json, part of typecheck).
// The planted files exist only in memory.
import { ESLint } from 'eslint';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = resolve(fileURLToPath(import.meta.url), '../..');

describe('lint: which folder may import which', () => {
  const eslint = new ESLint({ cwd: repo });
  const restricted = async (file: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath: resolve(repo, file) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
  };

  it.each([
    [
      'templates/model/planted.ts',
      "import { collectFiles } from '../../scripts/collect.js';",
      /templates\/ is the domain/,
    ],
    ['templates/planted.ts', "import type { ExcelApi } from '../addin/excel/api.js';", /templates\/ is the domain/],
    ['templates/model/planted.ts', "export { readFileSync } from 'node:fs';", /no Node modules/],
    ['templates/pi-ledger/planted.ts', "import { join } from 'path';", /no Node modules/],
    ['templates/model/planted.ts', "import { posix } from 'path/posix';", /no Node modules/],
    [
      'addin/taskpane/components/Planted.tsx',
      "import { statusOf } from '../../../scripts/file-result.js';",
      /addin\/ does not import scripts\//,
    ],
    [
      'scripts/audit/planted.ts',
      "import { splitAddress } from '../../addin/excel/address.js';",
      /scripts\/ does not import addin\//,
    ],
  ])('%s: %s fails', async (file, code, message) => {
    const found = await restricted(file, `${code}\nexport const planted = 1;\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it.each([
    ['templates/model/planted.ts', "import { foldLabel } from './fold.js';"],
    [
      'scripts/planted.ts',
      "import { templates } from '../templates/index.js';\nimport { readFileSync } from 'node:fs';",
    ],
    ['addin/taskpane/planted.ts', "import { templates } from '../../templates/index.js';"],
  ])('%s: %s passes', async (file, code) => {
    expect(await restricted(file, `${code}\nexport const planted = 1;\n`)).toEqual([]);
  });
});

describe('tsc: templates/ without the DOM and Node types', () => {
  /** Diagnostics of one in-memory file under templates/ (by default a new one), checked with the given tsconfig. */
  function compile(tsconfig: string, code: string, file = 'templates/planted.ts'): string[] {
    const parsed = ts.getParsedCommandLineOfConfigFile(
      resolve(repo, tsconfig),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const planted = resolve(repo, file);
    const host = ts.createCompilerHost(parsed.options);
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (name, lang, ...rest) =>
      resolve(name) === planted ? ts.createSourceFile(name, code, lang) : getSourceFile.call(host, name, lang, ...rest);
    host.fileExists = (name) => resolve(name) === planted || fileExists.call(host, name);
    host.readFile = (name) => (resolve(name) === planted ? code : readFile.call(host, name));
    // The planted file plus the declaration files the config itself includes (types/url.d.ts for templates/).
    const roots = [planted, ...parsed.fileNames.filter((f) => f.endsWith('.d.ts'))];
    const program = ts.createProgram(roots, parsed.options, host);
    return ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && resolve(d.file.fileName) === planted)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  const breach = [
    "import { readFileSync } from 'node:fs';",
    'export const size = Buffer.byteLength(String(readFileSync));',
    'export const pid = process.pid;',
    'export const title = document.title;',
  ].join('\n');

  it('a Buffer, process, document or node:fs in templates/ fails to compile', () => {
    const errors = compile('tsconfig.templates.json', breach);
    expect(
      errors.some((e) => /'node:fs'/.test(e)),
      errors.join('\n'),
    ).toBe(true);
    for (const name of ['Buffer', 'process', 'document'])
      expect(
        errors.some((e) => e.includes(`'${name}'`)),
        name,
      ).toBe(true);
  });

  it('the same file compiles under the project-wide tsconfig (so it is the templates/ config that catches it)', () => {
    expect(compile('tsconfig.json', breach)).toEqual([]);
  });

  it('a rule reading a misspelt field key fails to compile (legal-register: RecordRow<RegisterKey>)', () => {
    const rule = (key: string) =>
      [
        "import type { RegisterKey } from './legal-register/index.js';",
        "import type { RecordRow } from './model/types.js';",
        `export const read = (rec: RecordRow<RegisterKey>) => rec.values['${key}'];`,
      ].join('\n');
    expect(compile('tsconfig.templates.json', rule('名称'))).toEqual([]);
    const errors = compile('tsconfig.templates.json', rule('名稱'));
    expect(
      errors.some((e) => e.includes("'名稱'")),
      errors.join('\n'),
    ).toBe(true);
  });

  // Each template's own rules, with one field key misspelt where a rule reads it: the planted copy stands in for the
  // real file, so this holds for the rules as they are, not for a sample written for the test.
  it.each([
    ['templates/pi-ledger/rules.ts', "isYes(rec, '開示対象')", "isYes(rec, '開示対像')"],
    ['templates/contractor-evaluation/rules.ts', "rec.values['次回評価期限']", "rec.values['次回評価機限']"],
    ['templates/supplier-checklist/index.ts', "form.values['責任者確認']", "form.values['責任者確忍']"],
    ['templates/supplier-list/index.ts', 'rec.raw[CORPNO]', "rec.raw['法人番合']"],
    ['templates/audit/rules.ts', "rec.values['委託']", "rec.values['委詫']"],
  ])('%s: a rule reading %s as %s fails to compile', (file, key, typo) => {
    const source = readFileSync(resolve(repo, file), 'utf8');
    expect(source).toContain(key);
    expect(compile('tsconfig.templates.json', source, file)).toEqual([]);
    const errors = compile('tsconfig.templates.json', source.replace(key, typo), file);
    const misspelt = /'([^']+)'/.exec(typo)![1];
    expect(
      errors.some((e) => e.includes(misspelt)),
      errors.join('\n'),
    ).toBe(true);
  });

  it('what templates/ uses of its host, the URL class, compiles', () => {
    expect(
      compile('tsconfig.templates.json', "export const host = new URL('https://www.ppc.go.jp/').hostname;"),
    ).toEqual([]);
  });
});

describe('the shared material is found beside the repository, wherever it is', () => {
  it('no source, test or script names an absolute path to ../shared', () => {
    const tracked = execFileSync('git', ['ls-files', '-z', 'scripts', 'templates', 'addin', 'test', '.ci'], {
      cwd: repo,
      encoding: 'utf8',
    })
      .split('\0')
      .filter((f) => /\.(ts|tsx|js|mjs|py|sh)$|^\.ci\//.test(f));
    const absolute = /["'`]\/[^"'`\s]*\/shared\/(xlsx-corpus|ooxml-check|seeds|spec|reviews)/;
    const offenders = tracked.filter((f) => absolute.test(readFileSync(resolve(repo, f), 'utf8')));
    expect(tracked.length).toBeGreaterThan(100);
    expect(offenders).toEqual([]);
  });
});
