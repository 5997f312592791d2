// A pool of worker threads for per-file jobs: parallel across the machine's cores, results handed back in input
// order, every job bounded in time (the worker is terminated and replaced) and in memory (resourceLimits: an
// out-of-memory kills only that worker). A worker that dies never takes the batch with it: its job gets a failure
// result built by the caller and the next job goes to a fresh worker.
//
// Jobs are { kind, path, options }. A kind names a module and an export (an async function job → result) that the
// worker imports on first use, so other commands (merge, audit) add their own kinds without touching this file:
//   new WorkerPool({ kinds: { 'merge-read': { module: compiledUrl('../merge/read-job.js', import.meta.url).href,
//                                             export: 'readJob' } }, … })
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface Job<O = unknown> {
  kind: string;
  path: string;
  options: O;
}

export interface JobKind {
  /** file: URL of the compiled module (see compiledUrl). */
  module: string;
  /** Name of the exported async function (job) => result. */
  export: string;
}

export type FailureCause = 'timeout' | 'out-of-memory' | 'crash';

export interface PoolOptions<R> {
  kinds: Record<string, JobKind>;
  /** Result for a job its worker could not finish. Must not throw. */
  failure(job: Job, cause: FailureCause, detail: string): R;
  /** Workers (default: available parallelism, at most 8). */
  size?: number;
  /** Per-job time bound in ms (default 30 s). */
  timeoutMs?: number;
  /** V8 old-generation limit per worker in MB (default 1024). */
  maxHeapMb?: number;
  /** How far ahead of the oldest unfinished job work may run: bounds the results held back for ordering. */
  window?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_HEAP_MB = 1024;
export const MAX_WORKERS = 8;

export function defaultPoolSize(jobs = Infinity): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS, jobs));
}

/**
 * The compiled .js for a module path relative to `base` (an import.meta.url). From dist/ that is the same path; from
 * the TypeScript sources (vitest) it is the mirror under dist/, since a worker cannot load .ts files — build first.
 */
export function compiledUrl(spec: string, base: string): URL {
  const url = new URL(spec, base);
  if (!base.endsWith('.ts')) return url;
  const path = fileURLToPath(url);
  const i = path.lastIndexOf('/scripts/');
  if (i < 0) return url;
  return pathToFileURL(`${path.slice(0, i)}/dist${path.slice(i)}`);
}

interface Slot {
  worker: Worker;
  busy: { index: number; job: Job; timer: NodeJS.Timeout } | null;
  /** The job already has its result (timeout, crash): ignore whatever this worker still says. */
  dead: boolean;
}

type Message = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export class WorkerPool<R> {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly slots: Slot[] = [];
  private readonly workerUrl = compiledUrl('./worker.js', import.meta.url);
  /** Dispatches waiting jobs to idle workers (set while run() is active). */
  private pump: () => void = () => undefined;

  constructor(private readonly opts: PoolOptions<R>) {
    this.size = Math.max(1, opts.size ?? defaultPoolSize());
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxHeapMb = opts.maxHeapMb ?? DEFAULT_MAX_HEAP_MB;
  }

  /**
   * Runs every job; `onResult` is called once per job, in input order, as soon as that job and all before it are
   * done. Resolves when all results have been handed over (after the last onResult promise settles).
   */
  async run(jobs: readonly Job[], onResult: (result: R, index: number) => void | Promise<void>): Promise<void> {
    if (!jobs.length) return;
    const window = this.opts.window ?? Math.max(64, this.size * 64);
    const done = new Map<number, R>();
    let next = 0; // next job to dispatch
    let emit = 0; // next result to hand over
    let emitting: Promise<void> = Promise.resolve();
    let failed: unknown = null;

    return new Promise<void>((resolve, reject) => {
      const finish = (index: number, result: R): void => {
        done.set(index, result);
        while (done.has(emit)) {
          const r = done.get(emit)!;
          done.delete(emit);
          const i = emit++;
          emitting = emitting.then(() => onResult(r, i)).catch((err: unknown) => {
            failed ??= err;
          });
        }
        if (emit === jobs.length) {
          void emitting.then(() => {
            void this.close();
            if (failed) reject(failed instanceof Error ? failed : new Error(String(failed)));
            else resolve();
          });
          return;
        }
        pump();
      };

      const dispatch = (slot: Slot): void => {
        const index = next++;
        const job = jobs[index];
        const timer = setTimeout(() => {
          if (slot.busy?.index !== index) return;
          this.replace(slot, finish);
          finish(index, this.opts.failure(job, 'timeout', `${this.timeoutMs} ms`));
        }, this.timeoutMs);
        slot.busy = { index, job, timer };
        slot.worker.postMessage({ id: index, job });
      };

      const pump = (this.pump = (): void => {
        for (const slot of this.slots) {
          if (next >= jobs.length || next >= emit + window) return;
          if (!slot.busy) dispatch(slot);
        }
      });

      const wanted = Math.min(this.size, jobs.length);
      while (this.slots.length < wanted) this.slots.push(this.spawn(finish));
      pump();
    });
  }

  /** Terminates every worker. */
  async close(): Promise<void> {
    this.pump = () => undefined;
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map((s) => {
        s.dead = true;
        if (s.busy) clearTimeout(s.busy.timer);
        return s.worker.terminate();
      }),
    );
  }

  private spawn(finish: (index: number, result: R) => void): Slot {
    const worker = new Worker(this.workerUrl, {
      workerData: { kinds: this.opts.kinds },
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb },
      stdout: false,
      stderr: false,
    });
    const slot: Slot = { worker, busy: null, dead: false };
    worker.on('message', (msg: Message) => {
      if (slot.dead || !slot.busy || slot.busy.index !== msg.id) return;
      const { index, job, timer } = slot.busy;
      clearTimeout(timer);
      slot.busy = null;
      finish(index, msg.ok ? (msg.result as R) : this.opts.failure(job, 'crash', msg.error));
    });
    const died = (cause: FailureCause, detail: string): void => {
      if (slot.dead) return;
      const busy = slot.busy;
      this.replace(slot, finish);
      if (busy) finish(busy.index, this.opts.failure(busy.job, cause, detail));
      else this.pump();
    };
    worker.on('error', (err: Error & { code?: string }) => {
      died(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crash', err.message);
    });
    worker.on('exit', (code) => died('crash', `worker exited with code ${code}`));
    return slot;
  }

  /** Kills a worker (timed out or dead) and puts a fresh one in its place. */
  private replace(slot: Slot, finish: (index: number, result: R) => void): void {
    slot.dead = true;
    if (slot.busy) clearTimeout(slot.busy.timer);
    slot.busy = null;
    void slot.worker.terminate();
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = this.spawn(finish);
  }
}
