// The `daicho` command line: check, template, samples, demo.
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { templateById, templates } from '../templates/index.js';
import { isValidIso } from '../templates/model/dates.js';
import type { Lang } from '../templates/model/types.js';
import { checkFile, type FileResult } from './check-file.js';
import { collectFiles, MissingPathError } from './collect.js';
import { OutputExistsError, writeFileAtomic } from './io/atomic.js';
import { styleFor, textReport, totalsOf } from './report/text.js';
import { SAMPLE_AS_OF, writeSamples } from './samples/write.js';
import { templateBuffer } from './xlsx/template-writer.js';

export class UsageError extends Error {}

const HELP = `daicho — 個人情報管理台帳・法的要求事項・委託先評価・サプライヤーチェックリストの検証
Daicho — validate Privacy Mark and supplier compliance workbooks

Usage:
  daicho check <files|folders…> [--json FILE] [--as-of YYYY-MM-DD] [--lang ja|en]
  daicho template <id|all> -o DIR [--force]      ids: ${templates.map((t) => t.id).join(', ')}
  daicho samples -o DIR [--force]                 sample workbooks with realistic mistakes
  daicho demo [-o DIR]                            write templates + samples to DIR (default out/demo) and check them

Exit codes: 0 no errors, 1 some file has errors or is unreadable, 2 bad usage.
`;

/** Today's date where the user is (local time), as ISO. */
export function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: 'string' },
        'as-of': { type: 'string' },
        lang: { type: 'string' },
        out: { type: 'string', short: 'o' },
        force: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

type Parsed = ReturnType<typeof parse>;

function langOf(v: string | undefined): Lang {
  if (v === undefined || v === 'ja' || v === 'en') return v ?? 'ja';
  throw new UsageError(`--lang must be ja or en (got "${v}")`);
}

function asOfOf(v: string | undefined): string {
  if (v === undefined) return localToday();
  if (!isValidIso(v)) throw new UsageError(`--as-of must be a date YYYY-MM-DD (got "${v}")`);
  return v;
}

function out(line = ''): void {
  process.stdout.write(line + '\n');
}

async function runCheck(files: string[], opts: { asOf: string; lang: Lang; json?: string; force?: boolean }): Promise<number> {
  const results: FileResult[] = [];
  for (const f of files) results.push(await checkFile(f, opts));
  for (const line of textReport(results, opts.lang, styleFor(Boolean(process.stdout.isTTY)))) out(line);
  if (opts.json) {
    const report = { asOf: opts.asOf, files: results, totals: totalsOf(results) };
    await writeFileAtomic(opts.json, JSON.stringify(report, null, 2) + '\n', { force: true });
  }
  return results.some((r) => r.status !== 'ok') ? 1 : 0;
}

async function cmdCheck(a: Parsed): Promise<number> {
  if (!a.positionals.length) throw new UsageError('check needs at least one file or folder');
  const files = await collectFiles(a.positionals);
  return runCheck(files, { asOf: asOfOf(a.values['as-of']), lang: langOf(a.values.lang), json: a.values.json });
}

async function writeTemplates(ids: readonly string[], dir: string, force: boolean): Promise<string[]> {
  const written: string[] = [];
  for (const id of ids) {
    const def = templateById(id)!;
    const path = join(dir, `${def.id}.xlsx`);
    await writeFileAtomic(path, await templateBuffer(def), { force });
    written.push(path);
  }
  return written;
}

async function cmdTemplate(a: Parsed): Promise<number> {
  const [which] = a.positionals;
  const dir = a.values.out;
  if (!which || !dir) throw new UsageError('template needs an id (or all) and -o DIR');
  const ids = which === 'all' ? templates.map((t) => t.id) : [which];
  for (const id of ids) if (!templateById(id)) throw new UsageError(`unknown template "${id}"`);
  for (const p of await writeTemplates(ids, dir, Boolean(a.values.force))) out(p);
  return 0;
}

async function cmdSamples(a: Parsed): Promise<number> {
  const dir = a.values.out;
  if (!dir) throw new UsageError('samples needs -o DIR');
  for (const p of await writeSamples(dir, { force: Boolean(a.values.force) })) out(p);
  return 0;
}

async function cmdDemo(a: Parsed): Promise<number> {
  const dir = a.values.out ?? join('out', 'demo');
  const lang = langOf(a.values.lang);
  await mkdir(dir, { recursive: true });
  const tdir = join(dir, 'templates');
  const sdir = join(dir, 'samples');
  const written = await writeTemplates(
    templates.map((t) => t.id),
    tdir,
    true,
  );
  const samples = await writeSamples(sdir, { force: true });
  out(lang === 'ja' ? `テンプレート ${written.length} 件を ${tdir} に作成しました。` : `Wrote ${written.length} templates to ${tdir}.`);
  out(lang === 'ja' ? `サンプル ${samples.length} 件を ${sdir} に作成し、検証します。` : `Wrote ${samples.length} samples to ${sdir}; checking them.`);
  out();
  const shown = samples.map((p) => (relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p)));
  // The samples are dated for this as-of date, so the demo shows the same findings whenever it runs.
  await runCheck(shown, { asOf: asOfOf(a.values['as-of'] ?? SAMPLE_AS_OF), lang, json: join(dir, 'report.json') });
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  try {
    const a = parse(argv);
    const [cmd, ...rest] = a.positionals;
    a.positionals = rest;
    if (a.values.help || !cmd) {
      out(HELP);
      return cmd || a.values.help ? 0 : 2;
    }
    switch (cmd) {
      case 'check':
        return await cmdCheck(a);
      case 'template':
        return await cmdTemplate(a);
      case 'samples':
        return await cmdSamples(a);
      case 'demo':
        return await cmdDemo(a);
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (err) {
    if (err instanceof UsageError || err instanceof MissingPathError) {
      process.stderr.write(`daicho: ${err.message}\n\n${HELP}`);
      return 2;
    }
    if (err instanceof OutputExistsError) {
      process.stderr.write(`daicho: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
