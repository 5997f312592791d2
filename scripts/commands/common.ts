// What every command shares: argument parsing, usage errors, --lang and --as-of, output.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isValidIso } from '../../templates/model/dates.js';
import type { Lang } from '../../templates/model/types.js';
import { terminalLine } from '../report/text.js';

/** Bad usage: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

export interface Command {
  /** One line per form of the command, for `daicho --help`. */
  usage: string;
  run(argv: string[]): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommand<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
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
  throw new UsageError(`--lang must be ja or en (got "${v}")`);
}

export function asOfOf(v: string | undefined): string {
  if (v === undefined) return localToday();
  if (!isValidIso(v)) throw new UsageError(`--as-of must be a date YYYY-MM-DD (got "${v}")`);
  return v;
}

/** The options merge and audit share: -o, --force, --as-of, --lang, --jobs. */
export const REPORT_OPTIONS = {
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean' },
  'as-of': { type: 'string' },
  lang: { type: 'string' },
  jobs: { type: 'string' },
} as const satisfies Options;

/** --jobs of merge and audit: worker threads, 0 for the main thread only. */
export function jobsOf(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const jobs = Number(v);
  if (!Number.isInteger(jobs) || jobs < 0 || jobs > 64) throw new UsageError(`--jobs must be a whole number 0–64 (got "${v}")`);
  return jobs;
}

/** A line to stdout, every control character in it escaped (names and values come from the files). */
export function out(line = ''): void {
  process.stdout.write(terminalLine(line, false) + '\n');
}
