// Turn the command line's files, folders and patterns into the list of workbook files to process.
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { UsageError } from './errors.js';

/** Extensions picked up when walking a folder. Non-xlsx spreadsheets are included so they get a clear
 * "unreadable: save as .xlsx" result instead of being skipped silently. */
const SPREADSHEET_EXT = new Set(['.xlsx', '.xlsm', '.xls', '.xlsb', '.ods', '.fods', '.numbers', '.csv']);

/** Excel's lock files (~$Book.xlsx) and hidden files are never workbooks. */
function ignored(name: string): boolean {
  return name.startsWith('~$') || name.startsWith('.');
}

export class MissingPathError extends UsageError {
  constructor(readonly path: string) {
    super({ ja: `ファイルまたはフォルダがありません: ${path}`, en: `no such file or folder: ${path}` });
  }
}

/**
 * Walks a folder for spreadsheet files. Nothing in a folder is passed over in silence: a sub-folder that cannot be
 * read, a symlink whose target is missing, a FIFO or other special file named like a spreadsheet are listed too, and
 * each gets a result of its own (check-file.ts says which). Symlinked workbooks are checked; a symlinked folder is
 * walked once (`seen` holds the real paths walked, so a link to a parent ends there).
 */
async function walk(dir: string, out: string[], seen: Set<string>): Promise<void> {
  let real;
  let entries;
  try {
    real = await realpath(dir);
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    out.push(dir);
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (ignored(e.name)) continue;
    const p = join(dir, e.name);
    const named = SPREADSHEET_EXT.has(extname(e.name).toLowerCase());
    if (e.isDirectory()) await walk(p, out, seen);
    else if (e.isSymbolicLink()) {
      const target = await stat(p).catch(() => null);
      if (target?.isDirectory()) await walk(p, out, seen);
      else if (named) out.push(p);
    } else if (named) out.push(p);
  }
}

const WILDCARD = /[*?]/;

/** A pattern segment (`*` any run of characters, `?` one) as a whole-name test; case-insensitive on Windows. */
function segmentMatcher(segment: string): (name: string) => boolean {
  const body = [...segment]
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()|[\]{}]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${body}$`, process.platform === 'win32' ? 'iu' : 'u');
  // Like a shell, `*` does not match hidden files unless the pattern itself starts with a dot.
  return (name) => re.test(name) && (segment.startsWith('.') || !name.startsWith('.'));
}

/**
 * The paths a pattern with `*` or `?` matches, sorted; for shells that pass patterns through (cmd.exe, PowerShell
 * with native commands) and for quoted ones. Any segment may have wildcards, a folder's as well as a file's.
 */
export async function expandPattern(pattern: string): Promise<string[]> {
  const separators = process.platform === 'win32' ? /[\\/]/ : /\//;
  const segments = pattern.split(separators);
  const absolute = segments[0] === '';
  let bases = [''];
  for (const [k, segment] of segments.entries()) {
    if (k === 0 && (absolute || !WILDCARD.test(segment))) {
      // `/…`, `C:\…` or a plain first folder.
      bases = [absolute ? sep : /^[A-Za-z]:$/.test(segment) ? segment + sep : segment];
      continue;
    }
    if (segment === '') continue;
    const next: string[] = [];
    for (const base of bases) {
      if (!WILDCARD.test(segment)) {
        next.push(base ? join(base, segment) : segment);
        continue;
      }
      const entries = await readdir(base || '.', { withFileTypes: true }).catch(() => []);
      const match = segmentMatcher(segment);
      const names = entries
        .map((e) => e.name)
        .filter(match)
        .sort((a, b) => a.localeCompare(b));
      for (const n of names) next.push(base ? join(base, n) : n);
    }
    bases = next;
  }
  const found: string[] = [];
  for (const p of bases)
    if (
      await stat(p).then(
        () => true,
        () => false,
      )
    )
      found.push(p);
  return found;
}

/**
 * The command line's paths as given, where they exist; a path that does not exist but has `*` or `?` is a pattern,
 * expanded here (a file really named `a*.xlsx` on Linux is still taken as it is). Nothing found is MissingPathError.
 */
export async function expandInputs(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    if (
      await stat(p).then(
        () => true,
        () => false,
      )
    )
      out.push(p);
    else if (WILDCARD.test(p)) {
      const found = await expandPattern(p);
      if (!found.length) throw new MissingPathError(p);
      out.push(...found);
    } else throw new MissingPathError(p);
  }
  return out;
}

/** Files named explicitly are always included; folders are walked recursively for spreadsheet files. */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of await expandInputs(paths)) {
    let s;
    try {
      s = await stat(p);
    } catch {
      throw new MissingPathError(p);
    }
    if (s.isDirectory()) await walk(p, out, seen);
    else out.push(p);
  }
  const listed = new Set<string>();
  return out.filter((p) => {
    const key = resolve(p);
    if (listed.has(key)) return false;
    listed.add(key);
    return true;
  });
}
