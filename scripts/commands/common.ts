// What every command shares: argument parsing (driven by the option table in spec.ts), usage errors, --lang,
// --as-of, --jobs, --fail-on, inputs and output.
import { isValidIso } from '../../templates/model/dates.js';
import type { Lang } from '../../templates/model/types.js';
import { collectFiles } from '../collect.js';
import { UsageError } from '../errors.js';
import { exists, OutputExistsError, writeFileAtomic } from '../io/atomic.js';
import { terminalLine } from '../report/text.js';
import { COMMAND_SPECS, type CommandName, type CommandSpec } from './spec.js';

export { UsageError } from '../errors.js';

type Options<N extends CommandName> = (typeof COMMAND_SPECS)[N]['options'];
type ValueOf<O> = O extends { type: 'boolean' } ? boolean : string;

/** A command line as the option table reads it: option values by name, and the positional arguments. */
export interface Parsed<N extends CommandName> {
  values: { -readonly [K in keyof Options<N>]?: ValueOf<Options<N>[K]> };
  positionals: string[];
}

export interface Command<N extends CommandName> {
  run(args: Parsed<N>): Promise<number>;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** The closest of `names` to a mistyped `word`, when it is close enough to be what was meant. */
export function closest(word: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const n of names) {
    const d = distance(word.toLowerCase(), n);
    if (d < bestD) [best, bestD] = [n, d];
  }
  return best;
}

/**
 * Reads `argv` with the command's option table: `--name value`, `--name=value`, `-o value`, `-ovalue`, flags, `--`
 * (the rest are positionals). A lone `-` is a value or a positional (stdout for --json). Unknown options, missing
 * values and values given to flags are usage errors in both languages.
 */
export function parseCommand<N extends CommandName>(command: N, argv: readonly string[]): Parsed<N> {
  const spec: CommandSpec = COMMAND_SPECS[command];
  const shorts = new Map<string, string>();
  for (const [name, o] of Object.entries(spec.options)) if (o.short) shorts.set(o.short, name);
  const values: Record<string, string | boolean> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.length < 2 || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
    } else {
      name = shorts.get(arg[1]);
      inline = arg.length > 2 ? arg.slice(2) : undefined;
    }
    const o = name === undefined ? undefined : spec.options[name];
    if (name === undefined || o === undefined) {
      const shown = arg.split('=')[0];
      const guess = closest(shown.replace(/^-+/, ''), Object.keys(spec.options));
      throw new UsageError({
        ja: `${command} に ${shown} というオプションはありません${guess ? `（--${guess} のことですか？）` : ''}`,
        en: `${command} has no option ${shown}${guess ? ` (did you mean --${guess}?)` : ''}`,
      });
    }
    if (o.type === 'boolean') {
      if (inline !== undefined)
        throw new UsageError({
          ja: `--${name} に値は指定できません（${arg}）`,
          en: `--${name} takes no value (got ${arg})`,
        });
      values[name] = true;
      continue;
    }
    let v = inline;
    if (v === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new UsageError({
          ja: `--${name} には ${o.value ?? '値'} を指定してください`,
          en: `--${name} needs a value (${o.value ?? 'a value'})`,
        });
      }
      v = next;
      i++;
    }
    values[name] = v;
  }
  return { values, positionals } as Parsed<N>;
}

/** Today's date where the user is (local time), as ISO. */
export function localToday(): string {
  const d = new Date();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export function langOf(v: string | undefined): Lang {
  if (v === undefined) return 'ja';
  if (v === 'ja' || v === 'en') return v;
  throw new UsageError({ ja: `--lang は ja か en です（指定: "${v}"）`, en: `--lang must be ja or en (got "${v}")` });
}

export function asOfOf(v: string | undefined): string {
  if (v === undefined) return localToday();
  if (!isValidIso(v)) {
    throw new UsageError({
      ja: `--as-of は YYYY-MM-DD 形式の日付です（指定: "${v}"）`,
      en: `--as-of must be a date YYYY-MM-DD (got "${v}")`,
    });
  }
  return v;
}

/** More workers than this only add memory (each has its own heap, up to 1 GB). */
export const MAX_JOBS = 32;

/** --jobs, the same for every command: worker processes, a whole number 1–MAX_JOBS. */
export function jobsOf(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const jobs = Number(v);
  if (!/^\d+$/.test(v) || jobs < 1 || jobs > MAX_JOBS) {
    throw new UsageError({
      ja: `--jobs は 1〜${MAX_JOBS} の整数です（指定: "${v}"）`,
      en: `--jobs must be a whole number 1–${MAX_JOBS} (got "${v}")`,
    });
  }
  return jobs;
}

export type FailOn = 'error' | 'warning';

export function failOnOf(v: string | undefined): FailOn {
  if (v === undefined) return 'error';
  if (v === 'error' || v === 'warning') return v;
  throw new UsageError({
    ja: `--fail-on は error か warning です（指定: "${v}"）`,
    en: `--fail-on must be error or warning (got "${v}")`,
  });
}

/** A positive number option (--timeout, --max-size). */
export function positiveNumber(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError({
      ja: `--${name} は正の数です（指定: "${v}"）`,
      en: `--${name} must be a positive number (got "${v}")`,
    });
  return n;
}

/** The command needs at least one input argument. */
export function needInputs(command: string, positionals: readonly string[]): void {
  if (!positionals.length) {
    throw new UsageError({
      ja: `${command} にはファイルかフォルダを 1 つ以上指定してください`,
      en: `${command} needs at least one file or folder`,
    });
  }
}

/** The workbooks the arguments name (folders walked, patterns expanded); none at all is a usage error (exit 2). */
export async function inputFiles(positionals: readonly string[]): Promise<string[]> {
  const files = await collectFiles(positionals);
  if (!files.length) throw noWorkbooks(positionals);
  return files;
}

export function noWorkbooks(positionals: readonly string[]): UsageError {
  const list = positionals.join(', ');
  return new UsageError({
    ja: `ブック（.xlsx など）が見つかりません: ${list}。フォルダやファイル名を確かめてください`,
    en: `no workbooks (.xlsx and the like) found in: ${list}. Check the folder or file names`,
  });
}

/** A line to stdout, every control character in it escaped (names and values come from the files). */
export function out(line = ''): void {
  process.stdout.write(terminalLine(line, false) + '\n');
}

/** `--json -`: the JSON report goes to stdout, so the lines for people go to stderr. */
export function textOut(json: string | undefined): (line?: string) => void {
  return json === '-' ? (line = '') => void process.stderr.write(terminalLine(line, false) + '\n') : out;
}

/** Refuses, before any work, a JSON report path that exists (without --force) or is one of the inputs. */
export async function checkJsonTarget(json: string | undefined, force: boolean): Promise<void> {
  if (json === undefined || json === '-') return;
  if (!force && (await exists(json))) throw new OutputExistsError(json);
}

/** Writes a JSON report (merge, audit) to its file, atomically, or to stdout for `-`. */
export async function writeJsonReport(json: string | undefined, report: object, force: boolean): Promise<void> {
  if (json === undefined) return;
  const text = JSON.stringify(report, null, 2) + '\n';
  if (json === '-') await new Promise<void>((done) => process.stdout.write(text, () => done()));
  else await writeFileAtomic(json, text, { force });
}
