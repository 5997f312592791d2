// Check one workbook file: sniff, read, identify, validate. Every failure becomes a per-file result.
import { stat } from 'node:fs/promises';
import type { Issue, Lang, Score } from '../templates/model/types.js';
import { validateWorkbook } from '../templates/index.js';
import { readXlsxFile, UnreadableError } from './io/read-xlsx.js';

export type FileStatus = 'ok' | 'invalid' | 'unreadable';

export interface FileResult {
  path: string;
  status: FileStatus;
  template: { id: string; version: number } | null;
  issues: Issue[];
  score?: Score;
  /** A one-line label for the file: company or department when the template has one. */
  subject?: string;
}

export interface CheckOptions {
  asOf: string;
  lang?: Lang;
}

export function unreadable(path: string, code: string, message: Issue['message']): FileResult {
  return {
    path,
    status: 'unreadable',
    template: null,
    issues: [{ rule: 'FILE-UNREADABLE', severity: 'error', sheet: null, cell: null, field: null, value: code, message }],
  };
}

export function statusOf(issues: Issue[]): FileStatus {
  if (issues.some((i) => i.rule === 'FILE-UNREADABLE')) return 'unreadable';
  return issues.some((i) => i.severity === 'error') ? 'invalid' : 'ok';
}

const SUBJECT_FIELDS = ['会社名', '委託先名', '部門'];

export async function checkFile(path: string, opts: CheckOptions): Promise<FileResult> {
  let grid;
  try {
    await stat(path);
    grid = await readXlsxFile(path);
  } catch (err) {
    if (err instanceof UnreadableError) return unreadable(path, err.code, err.messageText);
    const reason = err instanceof Error ? err.message : String(err as unknown);
    return unreadable(path, 'io', { ja: `ファイルを読めません（${reason}）。`, en: `Cannot read the file (${reason}).` });
  }
  const result = validateWorkbook(grid, { asOf: opts.asOf });
  let subject: string | undefined;
  for (const rows of Object.values(result.data?.sheets ?? {})) {
    for (const key of SUBJECT_FIELDS) {
      const v = rows[0]?.raw[key];
      if (v && !subject) subject = v;
    }
  }
  return {
    path,
    status: statusOf(result.issues),
    template: result.template,
    issues: result.issues,
    ...(result.score ? { score: result.score } : {}),
    ...(subject ? { subject } : {}),
  };
}
