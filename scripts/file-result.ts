// What checking a file gives: its result, the failures the batch adds to the reader's own, and the cap on findings.
// Apart from the checking itself (check-file.ts), so that a process that only reports results (check's main process,
// the reports, audit) does not load the reader and the validators.
import type { RuleId } from '../templates/catalogue.js';
import type { Issue, Score } from '../templates/model/types.js';

export type FileStatus = 'ok' | 'invalid' | 'unreadable';

export interface FileResult {
  path: string;
  status: FileStatus;
  template: { id: string; version: number } | null;
  issues: Issue[];
  score?: Score;
  /** A one-line label for the file: company, contractor or department when the template has one. */
  subject?: string;
  /** Worksheets the reader found (for the annotated copy: which issue sheets exist). */
  sheets?: string[];
}

export interface CheckOptions {
  asOf: string;
  /** Files larger than this are refused unread (default DEFAULT_MAX_FILE_BYTES). */
  maxFileBytes?: number;
  /** Findings listed per rule, sheet and severity (default MAX_FINDINGS_PER_RULE; see capIssues). */
  maxFindingsPerRule?: number;
}

/** Supplier workbooks are tens of kilobytes; a 100,000-row ledger is about 15 MB. Past this we refuse and say why. */
export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

/** Causes the batch adds to the reader's own (scripts/io/unreadable.ts): the file vanished, took too long, crashed. */
export const BATCH_MESSAGES = {
  'not-found': {
    ja: 'ファイルが見つかりません（チェック中に移動・削除された可能性があります）。',
    en: 'The file was not found (it may have been moved or deleted during the check).',
  },
  'not-a-file': {
    ja: '通常のファイルではありません（フォルダーや特殊ファイル）。',
    en: 'This is not a regular file (a folder or a special file).',
  },
  'broken-link': {
    ja: 'リンク（シンボリックリンク）の指す先のファイルがありません。',
    en: 'This is a symbolic link whose target does not exist.',
  },
  'unreadable-folder': {
    ja: 'フォルダの中を読めません（アクセス権がありません）。このフォルダのファイルはチェックしていません。',
    en: 'The folder cannot be read (permission denied). The files in it were not checked.',
  },
  io: {
    ja: 'ファイルを読み込めません（アクセス権やディスクの問題）。',
    en: 'The file cannot be read (permissions or a disk problem).',
  },
  timeout: {
    ja: '制限時間内に読み込めませんでした（ブックが大きすぎるか、構造が異常です）。不要な行・シート・画像を削除するか分割し、Excelで保存し直して再送してください。',
    en: 'The workbook could not be read within the time limit (too large or abnormally structured). Remove unneeded rows, sheets or images, or split it, re-save it in Excel and send it again.',
  },
  'out-of-memory': {
    ja: 'ブックを読み込むためのメモリが上限を超えました（大きすぎるため）。不要な行やシートを削除するか、分割して再送してください。',
    en: 'Reading the workbook exceeded the memory limit (it is too large). Remove unneeded rows or sheets, or split it, and send it again.',
  },
  'internal-error': {
    ja: 'このファイルの処理中に内部エラーが発生しました。ファイルを開発元に提供していただけると調査できます。',
    en: 'An internal error occurred while checking this file. Please share the file with the developers so it can be investigated.',
  },
} as const satisfies Record<string, Issue['message']>;

export type BatchCode = keyof typeof BATCH_MESSAGES;

export function unreadable(
  path: string,
  code: string,
  message: Issue['message'],
  detail?: Issue['message'],
): FileResult {
  const text = detail ? { ja: `${message.ja}（${detail.ja}）`, en: `${message.en} (${detail.en})` } : message;
  return {
    path,
    status: 'unreadable',
    template: null,
    issues: [
      { rule: 'FILE-UNREADABLE', severity: 'error', sheet: null, cell: null, field: null, value: code, message: text },
    ],
  };
}

export function batchFailure(path: string, code: BatchCode, detail?: Issue['message']): FileResult {
  return unreadable(path, code, BATCH_MESSAGES[code], detail);
}

/**
 * Findings listed per rule, sheet and severity of one file. A hostile or badly broken workbook (10,000 rows that hold
 * only a 管理番号: 250,000 findings) would otherwise cost gigabytes in every report and annotated copy, and no reader
 * acts on more than the first thousand of one kind: the rest are counted in one FINDINGS-OMITTED finding.
 */
export const MAX_FINDINGS_PER_RULE = 1000;
export const OMITTED_RULE: RuleId = 'FINDINGS-OMITTED';

/** How many findings an issue stands for: its own one, or the count a FINDINGS-OMITTED finding holds. */
export function issueCount(i: Issue): number {
  return i.rule === OMITTED_RULE ? Number(i.value) || 0 : 1;
}

function omittedMessage(rule: string, sheet: string | null, n: number, max: number): Issue['message'] {
  const ja = n.toLocaleString('ja-JP');
  const en = n.toLocaleString('en-US');
  const maxJa = max.toLocaleString('ja-JP');
  const maxEn = max.toLocaleString('en-US');
  return {
    ja: `${sheet === null ? 'ブック全体' : `シート「${sheet}」`}のチェック ${rule} の指摘は最初の ${maxJa} 件だけを記載し、残りの ${ja} 件は省略しました。同じ誤りが繰り返されている可能性が高いため、記載された箇所を参考にまとめて修正し、もう一度チェックしてください。`,
    en: `Only the first ${maxEn} findings of check ${rule} ${sheet === null ? 'on the workbook' : `on sheet "${sheet}"`} are listed; ${en} more were left out. The same mistake is probably repeated: fix the pattern shown, then check again.`,
  };
}

/**
 * At most `max` findings per rule, sheet and severity, in their order; past that, one FINDINGS-OMITTED finding (same
 * sheet and severity, where the first left-out finding was) whose value is how many were left out.
 */
export function capIssues(issues: Issue[], max = MAX_FINDINGS_PER_RULE, omitted?: Map<Issue, RuleId>): Issue[] {
  const seen = new Map<string, number>();
  const notes = new Map<string, Issue>();
  let out: Issue[] | null = null;
  for (let k = 0; k < issues.length; k++) {
    const i = issues[k];
    const key = `${i.rule}\u0000${i.sheet ?? ''}\u0000${i.sheet === null ? 0 : 1}\u0000${i.severity}`;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    if (n <= max) {
      out?.push(i);
      continue;
    }
    out ??= issues.slice(0, k);
    let note = notes.get(key);
    if (!note) {
      note = {
        rule: OMITTED_RULE,
        severity: i.severity,
        sheet: i.sheet,
        cell: null,
        field: null,
        value: '0',
        message: { ja: '', en: '' },
      };
      notes.set(key, note);
      out.push(note);
    }
    note.value = String(n - max);
  }
  if (!out) return issues;
  for (const [key, note] of notes) {
    const rule = key.split('\u0000', 1)[0];
    note.message = omittedMessage(rule, note.sheet, Number(note.value), max);
    omitted?.set(note, rule as RuleId);
  }
  return out;
}

export function statusOf(issues: Issue[]): FileStatus {
  if (issues.some((i) => i.rule === 'FILE-UNREADABLE')) return 'unreadable';
  return issues.some((i) => i.severity === 'error') ? 'invalid' : 'ok';
}

export function megabytes(bytes: number): string {
  return bytes >= 10 * 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
