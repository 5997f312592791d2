// A pool of worker threads for per-file jobs: parallel across the machine's cores, results handed back in input
// order, every job bounded in time (the worker is terminated and replaced) and in memory (resourceLimits: an
// out-of-memory kills only that worker). A worker that dies never takes the batch with it: its job gets a failure
// result built by the caller and the jobs queued behind it go to a fresh worker.
//
// Small files are many: jobs go to a worker in chunks and results come back in batches (a message per file cost a
// third of a millisecond each, mostly waiting on the other side's lock on a busy 2-core machine). Which job a worker
// is running, and since when, it writes to a few bytes of shared memory; a watchdog reads them to enforce the time
// bound, so bounding a job costs no message at all.
//
// Jobs are { kind, path, options }. A kind names a module and an export (an async function job → result) that the
// worker imports on first use, so other commands (merge, audit) add their own kinds without touching this file:
//   new WorkerPool({ kinds: { 'merge-read': { module: compiledUrl('../merge/read-job.js', import.meta.url).href,
//                                             export: 'readJob' } }, … })
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { trackWorker } from '../io/atomic.js';

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
  /**
   * 'json': the worker sends the result as a JSON string (faster than the structured clone of many small objects,
   * such as thousands of issues; only for results made of plain JSON values). Default: structured clone.
   */
  transfer?: 'json' | 'clone';
  /**
   * With 'json': the path of an array in the result (['file', 'issues']) that, when long, goes back in slices of
   * SLICE_ITEMS ahead of the rest of the result, one message each, by structured clone: a result with 90,000 issues is
   * then never one 70 MB string on either side (nor garbage the worker has yet to collect), and the main thread takes
   * it in as it arrives. Slices of a few thousand clone faster than their JSON travels.
   */
  split?: readonly string[];
}

/** Items per message of a split array (a few MB of JSON). */
export const SLICE_ITEMS = 4096;

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

interface InFlight {
  index: number;
  job: Job;
}

interface Slot {
  worker: Worker;
  /** Jobs sent to this worker without a result yet, in the order sent (= the order it runs them). */
  queue: InFlight[];
  /** [0]: index of the job running now, -1 when none. */
  running: Int32Array;
  /** [0]: when it started (Date.now()). */
  since: Float64Array;
  /** The worker was replaced: ignore whatever it still says. */
  dead: boolean;
  /** Slices of split arrays received for jobs whose outcome has not come yet. */
  parts: Map<number, unknown[]>;
}

/** A job's outcome, or (part) a slice of its split array, sent before the outcome. */
export type Outcome =
  | { id: number; ok: true; result?: unknown; json?: string }
  | { id: number; ok: false; error: string }
  | { id: number; part: unknown[] };

/** The value at `path` in a JSON result (undefined when a step is missing). */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let v = value;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** Most jobs sent to one worker in one message (fewer at the end of a run, so that no worker idles while another
 * holds several files). */
const CHUNK = 8;

export class WorkerPool<R> {
  private readonly size: number;
  private readonly timeoutMs: number;
  private readonly maxHeapMb: number;
  private readonly slots: Slot[] = [];
  private readonly workerUrl = compiledUrl('./worker.js', import.meta.url);
  /** The active run's callbacks (set while run() is active). */
  private finish: (index: number, result: R) => void = () => undefined;
  private pump: () => void = () => undefined;
  /** Jobs taken back from a worker that died before starting them: dispatched before any new one. */
  private retry: InFlight[] = [];
  private watchdog: NodeJS.Timeout | null = null;

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
    let next = 0; // next job never dispatched
    let emit = 0; // next result to hand over
    let emitting: Promise<void> = Promise.resolve();
    let failed: unknown = null;
    this.retry = [];

    return new Promise<void>((resolve, reject) => {
      this.finish = (index: number, result: R): void => {
        if (done.has(index) || index < emit) return;
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
        }
      };

      this.pump = (): void => {
        for (const slot of this.slots) {
          if (slot.dead) continue;
          // Keep two chunks with each worker: one it is running, one waiting, so that it never waits for us.
          for (;;) {
            const remaining = jobs.length - next + this.retry.length;
            const chunk = Math.max(1, Math.min(CHUNK, Math.floor(remaining / (this.size * 4))));
            if (slot.queue.length > chunk) break;
            const batch: InFlight[] = [];
            while (batch.length < chunk) {
              const item = this.retry.shift() ?? (next < jobs.length && next < emit + window ? { index: next, job: jobs[next++] } : undefined);
              if (!item) break;
              batch.push(item);
            }
            if (!batch.length) return;
            slot.queue.push(...batch);
            slot.worker.postMessage(batch.map((b) => ({ id: b.index, job: b.job })));
          }
        }
      };

      const wanted = Math.min(this.size, jobs.length);
      while (this.slots.length < wanted) this.slots.push(this.spawn());
      const tick = Math.max(20, Math.min(250, this.timeoutMs / 4));
      this.watchdog = setInterval(() => this.checkTimes(), tick);
      this.pump();
    });
  }

  /** Terminates every worker. */
  async close(): Promise<void> {
    this.pump = () => undefined;
    this.finish = () => undefined;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    const slots = this.slots.splice(0);
    await Promise.all(
      slots.map((s) => {
        s.dead = true;
        return s.worker.terminate();
      }),
    );
  }

  /** The time bound: a worker whose current job has run longer than the bound is terminated. */
  private checkTimes(): void {
    const now = Date.now();
    for (const slot of [...this.slots]) {
      const index = Atomics.load(slot.running, 0);
      if (index < 0 || slot.dead) continue;
      const since = slot.since[0];
      if (Atomics.load(slot.running, 0) === index && now - since > this.timeoutMs) this.fail(slot, 'timeout', `${this.timeoutMs} ms`);
    }
  }

  private spawn(): Slot {
    const shared = new SharedArrayBuffer(16);
    const running = new Int32Array(shared, 0, 1);
    const since = new Float64Array(shared, 8, 1);
    running[0] = -1;
    const worker = new Worker(this.workerUrl, {
      workerData: { kinds: this.opts.kinds, shared },
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb },
      stdout: false,
      stderr: false,
    });
    // An interrupt stops the workers before it removes temporary files: none is made after the sweep.
    trackWorker(worker);
    const slot: Slot = { worker, queue: [], running, since, dead: false, parts: new Map() };
    worker.on('message', (batch: Outcome[]) => {
      if (slot.dead) return;
      for (const msg of batch) {
        if ('part' in msg) {
          const items = slot.parts.get(msg.id) ?? [];
          for (const item of msg.part) items.push(item);
          slot.parts.set(msg.id, items);
          continue;
        }
        const at = slot.queue.findIndex((q) => q.index === msg.id);
        if (at < 0) continue;
        const [{ index, job }] = slot.queue.splice(at, 1);
        const parts = slot.parts.get(msg.id);
        slot.parts.delete(msg.id);
        this.finish(index, msg.ok ? this.resultOf(job, msg, parts) : this.opts.failure(job, 'crash', msg.error));
      }
      this.pump();
    });
    worker.on('error', (err: Error & { code?: string }) => {
      this.fail(slot, err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out-of-memory' : 'crash', err.message);
    });
    worker.on('exit', (code) => this.fail(slot, 'crash', `worker exited with code ${code}`));
    return slot;
  }

  private resultOf(job: Job, msg: { result?: unknown; json?: string }, parts: unknown[] | undefined): R {
    if (msg.json === undefined) return msg.result as R;
    const value = JSON.parse(msg.json) as unknown;
    const split = this.opts.kinds[job.kind]?.split;
    // The worker sent the split array's items ahead and an empty array in its place.
    if (parts && split) (valueAt(value, split.slice(0, -1)) as Record<string, unknown>)[split[split.length - 1]] = parts;
    return value as R;
  }

  /**
   * The slot's worker timed out or died: kill it, give the job it was running the failure result, hand the jobs it
   * had not started to the next worker, and put a fresh worker in its place.
   */
  private fail(slot: Slot, cause: FailureCause, detail: string): void {
    if (slot.dead) return;
    slot.dead = true;
    void slot.worker.terminate();
    const runningIndex = Atomics.load(slot.running, 0);
    const culprit = slot.queue.find((q) => q.index === runningIndex);
    this.retry.unshift(...slot.queue.filter((q) => q !== culprit));
    slot.queue = [];
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = this.spawn();
    // A worker that died between jobs leaves no culprit: every job it held is simply run again.
    if (culprit) this.finish(culprit.index, this.opts.failure(culprit.job, cause, detail));
    this.pump();
  }
}
