// Turn the command line's files and folders into the list of workbook files to process.
import { readdir, stat } from 'node:fs/promises';
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

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (ignored(e.name)) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && SPREADSHEET_EXT.has(extname(e.name).toLowerCase())) out.push(p);
  }
}

/** Files named explicitly are always included; folders are walked recursively for spreadsheet files. */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch {
      throw new MissingPathError(p);
    }
    if (s.isDirectory()) await walk(p, out);
    else out.push(p);
  }
  const seen = new Set<string>();
  return out.filter((p) => {
    const key = resolve(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
