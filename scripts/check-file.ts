// Check one workbook file: bound its size, sniff and read it, identify and validate it. Every failure becomes a
// per-file result; nothing here throws for a bad file. Runs inside a pool worker (scripts/pool/), so everything it
// returns is structured-clone-able (plain objects, no Dates or Maps).
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { RuleId } from '../templates/catalogue.js';
import type { Issue } from '../templates/model/types.js';
import { validateWorkbook } from '../templates/index.js';
import type { WorkbookValidation } from '../templates/model/validate.js';
import { NotRegularFileError, readRegularFileSync } from './io/paths.js';
import { readXlsx, UnreadableError } from './io/read-xlsx.js';
import {
  batchFailure,
  capIssues,
  DEFAULT_MAX_FILE_BYTES,
  megabytes,
  statusOf,
  unreadable,
  type CheckOptions,
  type FileResult,
} from './file-result.js';

/** Why an unreadable file is unreadable, in the sender's terms, plus the specifics (size vs limit) when we have them. */
function fromUnreadableError(path: string, err: UnreadableError, size: number, limit: number): FileResult {
  if (err.code === 'too-large' && size > limit) {
    return unreadable(path, err.code, err.messageText, {
      ja: `ファイルサイズ ${megabytes(size)}、上限 ${megabytes(limit)}`,
      en: `file size ${megabytes(size)}, limit ${megabytes(limit)}`,
    });
  }
  if (err.code === 'too-large' && err.detail) {
    return unreadable(path, err.code, err.messageText, {
      ja: `展開後 ${err.detail}`,
      en: `uncompressed ${err.detail}`,
    });
  }
  return unreadable(path, err.code, err.messageText);
}

/** A folder among the inputs is one a folder walk could not read (see collect.ts); anything else is a special file. */
function folderOrSpecial(path: string): FileResult {
  try {
    readdirSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return batchFailure(path, 'unreadable-folder');
    if (code !== 'ENOTDIR') return batchFailure(path, 'io', { ja: String(code), en: String(code) });
  }
  return batchFailure(path, 'not-a-file');
}

/** Checks one file (synchronous I/O inside; meant for a pool worker). */
/**
 * What checkFile can hand back beside its result: the bytes it checked, the rule each FINDINGS-OMITTED finding counts,
 * and the records it read (so that a caller needing them does not read the file again).
 */
export interface Checked {
  bytes?: Uint8Array;
  omitted?: Map<Issue, RuleId>;
  data?: WorkbookValidation['data'];
}

export async function checkFile(path: string, opts: CheckOptions, checked?: Checked): Promise<FileResult> {
  const limit = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let size = 0;
  let grid;
  try {
    // Synchronous on purpose: this runs in a pool worker, one file at a time, where a promise round trip through
    // libuv's thread pool per call would leave the thread idle for a third of the time on small files.
    const { bytes, stats } = readRegularFileSync(path, limit);
    size = stats.size;
    if (!bytes) throw new UnreadableError('too-large', { detail: `${size} bytes` });
    if (checked) checked.bytes = bytes;
    grid = readXlsx(bytes, { maxFileBytes: limit, fileName: basename(path) });
  } catch (err) {
    if (err instanceof UnreadableError) return fromUnreadableError(path, err, size, limit);
    if (err instanceof NotRegularFileError) return folderOrSpecial(path);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      return lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()
        ? batchFailure(path, 'broken-link')
        : batchFailure(path, 'not-found');
    if (
      code === 'EISDIR' ||
      ((code === 'EACCES' || code === 'EPERM') && statSync(path, { throwIfNoEntry: false })?.isDirectory())
    )
      return folderOrSpecial(path);
    const reason = err instanceof Error ? err.message : String(err as unknown);
    if (code) return batchFailure(path, 'io', { ja: reason, en: reason });
    return batchFailure(path, 'internal-error', { ja: reason, en: reason });
  }
  // The reader refuses a package without worksheets; never let an empty grid through as "not a template".
  if (!grid.sheets.length) {
    const e = new UnreadableError('no-sheets');
    return unreadable(path, e.code, e.messageText);
  }
  const result = validateWorkbook(grid, { asOf: opts.asOf });
  if (checked) {
    checked.omitted = new Map();
    checked.data = result.data;
  }
  const issues = capIssues(result.issues, opts.maxFindingsPerRule, checked?.omitted);
  // What the file is about: the first value of its template's subject field (会社名, 委託先名, 部門).
  const key = result.def?.subject;
  let subject: string | undefined;
  if (key) for (const rows of Object.values(result.data?.sheets ?? {})) subject ||= rows[0]?.raw[key] || undefined;
  return {
    path,
    status: statusOf(issues),
    template: result.template,
    issues,
    ...(result.score ? { score: result.score } : {}),
    ...(subject ? { subject } : {}),
    sheets: grid.sheets.map((s) => s.name),
  };
}
