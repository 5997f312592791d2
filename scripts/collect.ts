// Turn the command line's files and folders into the list of workbook files to process.
import { readdir, realpath, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';

/** Extensions picked up when walking a folder. Non-xlsx spreadsheets are included so they get a clear
 * "unreadable: save as .xlsx" result instead of being skipped silently. */
const SPREADSHEET_EXT = new Set(['.xlsx', '.xlsm', '.xls', '.xlsb', '.ods', '.fods', '.numbers', '.csv']);

/** Excel's lock files (~$Book.xlsx) and hidden files are never workbooks. */
function ignored(name: string): boolean {
  return name.startsWith('~$') || name.startsWith('.');
}

export class MissingPathError extends Error {
  constructor(readonly path: string) {
    super(`no such file or folder: ${path}`);
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

/** Files named explicitly are always included; folders are walked recursively for spreadsheet files. */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
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
