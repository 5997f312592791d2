// status's two job kinds, run in the worker pool like check's (per-file time and memory bounds):
// - 'status-return': one return checked as `check` checks it, with what its marker and respondent sheet say and a
//   digest of the bytes read. The findings of a return without errors do not come back (status needs none of them),
//   so that thousands of clean returns never sit in memory with their warnings; a return with errors brings them all,
//   for its annotated copy.
// - 'status-correction': the annotated copy of a return that needs correcting, with its cover letter first, made
//   from the very bytes that were checked (a file replaced since is refused, not annotated with another's findings).
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { validateWorkbook } from '../../templates/index.js';
import { readMarker } from '../../templates/model/validate.js';
import type { CoverLetter } from '../annotate/cover-sheet.js';
import { checkFile } from '../check-file.js';
import { capIssues, DEFAULT_MAX_FILE_BYTES, statusOf, type CheckOptions, type FileResult } from '../file-result.js';
import { readRegularFileSync } from '../io/paths.js';
import { readXlsx } from '../io/read-xlsx.js';
import { compiledUrl, WorkerPool, type JobKind, type Job, type FailureCause } from '../pool/pool.js';
import { checkJobFailure } from '../pool/check-job.js';
import type { Lang } from '../../templates/model/types.js';
import { CHECKLIST } from '../../templates/supplier-checklist/index.js';
import { answerFacts } from './compare.js';
import { respondentOf, type Return } from './status.js';

export const STATUS_KINDS: Record<'status-return' | 'status-correction', JobKind> = {
  'status-return': {
    module: compiledUrl('./return-job.js', import.meta.url).href,
    export: 'statusReturnJob',
    transfer: 'json',
    split: ['result', 'issues'],
  },
  'status-correction': {
    module: compiledUrl('./return-job.js', import.meta.url).href,
    export: 'correctionJob',
    transfer: 'json',
  },
};

const digest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export interface ReturnOptions extends CheckOptions {
  /** Bring back the facts of every answer too (for the year-over-year comparison; 2 KB a return). */
  answers?: boolean;
}

/** One return, read once: its check (errors only), marker, respondent fields, time and digest. */
export async function statusReturnJob(job: Job<ReturnOptions>): Promise<Return> {
  const path = job.path;
  const limit = job.options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let bytes: Uint8Array | null = null;
  let mtimeMs = 0;
  let grid;
  try {
    const read = readRegularFileSync(path, limit);
    bytes = read.bytes;
    mtimeMs = read.stats.mtimeMs;
    if (bytes) grid = readXlsx(bytes, { maxFileBytes: limit, fileName: basename(path) });
  } catch {
    grid = undefined;
  }
  // Unreadable for any reason: check says why, in its words.
  if (!grid?.sheets.length) {
    const result = await checkFile(path, job.options);
    return { path, result, corpNo: null, company: null, answeredOn: null, mtimeMs };
  }
  const v = validateWorkbook(grid, { asOf: job.options.asOf });
  const issues = capIssues(v.issues, job.options.maxFindingsPerRule);
  const result: FileResult = {
    path,
    status: statusOf(issues),
    template: v.template,
    issues: issues.some((i) => i.severity === 'error') ? issues : [],
    // Rate, band and red flags are what a round uses; the sections' scores stay behind (0.7 KB a return).
    ...(v.score ? { score: { ...v.score, sections: [] } } : {}),
  };
  return {
    path,
    result,
    marker: readMarker(grid),
    ...respondentOf(v.data?.sheets),
    mtimeMs,
    sha256: digest(bytes!),
    ...(job.options.answers ? { answers: answerFacts(v.data?.sheets[CHECKLIST]) } : {}),
  };
}

/** The pool of a round's jobs (status; merge --previous), `keepWorkers` for one that runs several batches. */
export function roundPool(size: number, keepWorkers = false): WorkerPool<Return | CorrectionResult> {
  return new WorkerPool<Return | CorrectionResult>({
    kinds: STATUS_KINDS,
    failure: statusJobFailure,
    size,
    keepWorkers,
  });
}

/** Returns read in the pool's workers (each within the pool's time and memory bounds), in the order given. */
export async function readReturns(
  pool: WorkerPool<Return | CorrectionResult>,
  paths: readonly string[],
  options: ReturnOptions,
): Promise<Return[]> {
  const returns: Return[] = [];
  await pool.run(
    paths.map((path) => ({ kind: 'status-return', path, options })),
    (r) => void returns.push(r as Return),
  );
  return returns;
}

/** What a return job that never came back means: check's failure for the file. */
export function statusJobFailure(job: Job, cause: FailureCause, detail: string): Return | CorrectionResult {
  if (job.kind === 'status-correction') return { error: cause === 'timeout' ? 'timeout' : firstLine(detail) };
  const result = checkJobFailure(job, cause, detail).file;
  return { path: job.path, result, corpNo: null, company: null, answeredOn: null, mtimeMs: 0 };
}

export interface CorrectionOptions extends CheckOptions {
  out: string;
  lang: Lang;
  force: boolean;
  cover: CoverLetter;
  /** The return's check (all its findings) and the digest of the bytes it was made from. */
  result: FileResult;
  sha256: string;
}

export type CorrectionResult = { written: string } | { error: 'changed' | 'timeout' | string };

export async function correctionJob(job: Job<CorrectionOptions>): Promise<CorrectionResult> {
  const o = job.options;
  let bytes: Uint8Array | null;
  try {
    bytes = readRegularFileSync(job.path, o.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES).bytes;
  } catch {
    bytes = null;
  }
  if (!bytes || digest(bytes) !== o.sha256) return { error: 'changed' };
  try {
    const { annotateFile } = await import('../annotate/annotate.js');
    await annotateFile(job.path, o.result, o.out, { lang: o.lang, force: o.force, cover: o.cover }, bytes);
    return { written: o.out };
  } catch (err) {
    return { error: firstLine(err instanceof Error ? err.message : String(err)) };
  }
}

function firstLine(s: string): string {
  return s.split('\n', 1)[0].slice(0, 200);
}
