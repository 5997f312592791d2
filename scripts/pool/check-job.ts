// The "check" job kind: one file → its FileResult, and (with --annotate) its annotated copy, both inside a worker so
// that the per-file time and memory bounds cover the annotation too.
import type { Lang } from '../../templates/model/types.js';
import { checkFile } from '../check-file.js';
import { BATCH_MESSAGES, batchFailure, unreadable, type CheckOptions, type FileResult } from '../file-result.js';
import { compiledUrl, type FailureCause, type Job, type JobKind } from './pool.js';

export interface CheckJobOptions extends CheckOptions {
  annotate?: { out: string; lang: Lang; force: boolean };
}

export interface CheckJobResult {
  file: FileResult;
  /** Path of the annotated copy written for this file. */
  annotated?: string;
  /** Why no annotated copy was written (unreadable input, or the copy could not be made). */
  annotateError?: string;
}

export const CHECK_KIND: Record<'check', JobKind> = {
  check: {
    module: compiledUrl('./check-job.js', import.meta.url).href,
    export: 'checkJob',
    transfer: 'json',
    split: ['file', 'issues'],
  },
};

export async function checkJob(job: Job<CheckJobOptions>): Promise<CheckJobResult> {
  const a = job.options.annotate;
  // The copy is made from the very bytes that were checked: a file replaced in between keeps its own findings.
  const checked: { bytes?: Uint8Array } = {};
  const file = await checkFile(job.path, job.options, a ? checked : undefined);
  if (!a) return { file };
  if (file.status === 'unreadable') return { file, annotateError: 'unreadable' };
  try {
    // Loaded on first use: a plain check never pays for the annotation code.
    const { annotateFile } = await import('../annotate/annotate.js');
    await annotateFile(job.path, file, a.out, { lang: a.lang, force: a.force }, checked.bytes);
    return { file, annotated: a.out };
  } catch (err) {
    return { file, annotateError: err instanceof Error ? err.message : String(err) };
  }
}

/** What a job that never came back means for its file. */
export function checkJobFailure(job: Job, cause: FailureCause, detail: string): CheckJobResult {
  const seconds = Number.parseInt(detail, 10) / 1000;
  const file =
    cause === 'timeout'
      ? batchFailure(job.path, 'timeout', { ja: `制限時間 ${seconds} 秒`, en: `time limit ${seconds} s` })
      : cause === 'out-of-memory'
        ? // Spec cause "too large": the worker ran out of its memory bound; the message says which bound.
          unreadable(job.path, 'too-large', BATCH_MESSAGES['out-of-memory'])
        : batchFailure(job.path, 'internal-error', { ja: firstLine(detail), en: firstLine(detail) });
  return { file, ...((job.options as CheckJobOptions).annotate ? { annotateError: 'unreadable' } : {}) };
}

function firstLine(s: string): string {
  return s.split('\n', 1)[0].slice(0, 200);
}
