// A pool of worker processes for per-file jobs: parallel across the machine's cores, results handed back in input
// order, every job bounded in time (its worker's CPU time: see child.ts) and in memory (a V8 heap limit per worker:
// an out-of-memory ends only that worker). A worker that dies never takes the batch with it: its job gets a failure
// result built by the caller and the jobs queued behind it go to a fresh worker. check, audit and merge (through
// lane.ts) all run their files here.
//
// Small files are many: jobs go to a worker in chunks and results come back in batches (a message per file cost a
// third of a millisecond each, mostly waiting on the other side on a busy 2-core machine). The job at the head of a
// worker's queue is the one it runs, give or take a batch still on its way back; so when a worker with several jobs
// queued times out or dies, which of them did it is not known, and each of those jobs runs again alone in a fresh
// worker, where the blame is exact.
//
// Jobs are { kind, path, options }. A kind names a module and an export (an async function job → result) that the
// worker imports as it starts.
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Child, type FailureCause } from './child.js';

export type { FailureCause } from './child.js';

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
   * SLICE_ITEMS ahead of the rest of the result, one message each, by structured clone: a long result is then never
   * one huge string on either side, and the pool takes it in as it arrives.
   */
  split?: readonly string[];
}

/** Items per message of a split array (a few MB of JSON). */
export const SLICE_ITEMS = 4096;

export interface PoolOptions<R> {
  kinds: Record<string, JobKind>;
  /** Result for a job its worker could not finish. Must not throw. */
  failure(job: Job, cause: FailureCause, detail: string): R;
  /** Workers (default: available parallelism, at most 8). */
  size?: number;
  /** Per-job bound on the worker's CPU time in ms (default 30 s). */
  timeoutMs?: number;
  /** V8 old-generation limit per worker in MB (default 1024). */
  maxHeapMb?: number;
  /** V8 semi-space per worker in MB (default V8's). */
  semiSpaceMb?: number;
  /** How far ahead of the oldest unfinished job work may run: bounds the results held back for ordering. */
  window?: number;
  /**
   * Keep the workers from one run to the next, until close(): a command that runs batches one after the other (status:
   * the returns, then their annotated copies) starts its workers, and loads and warms their code, once. Default: each
   * run ends its workers.
   */
  keepWorkers?: boolean;
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

export const WORKER_SCRIPT = compiledUrl('./worker.js', import.meta.url);

interface InFlight {
  index: number;
  job: Job;
  /** Run alone in its worker: it was queued in a worker that died, and may be the job that killed it. */
  solo?: boolean;
}

interface Slot {
  child: Child;
  /** Jobs sent to this worker without a result yet, in the order sent (= the order it runs them). */
  queue: InFlight[];
  /** The worker has loaded its code: its clock may run. */
  ready: boolean;
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
  /** The active run's callbacks (set while run() is active). */
  private finish: (index: number, result: R) => void = () => undefined;
  private pump: () => void = () => undefined;
  /** Jobs taken back from a worker that died: dispatched before any new one. */
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
          emitting = emitting
            .then(() => onResult(r, i))
            .catch((err: unknown) => {
              failed ??= err;
            });
        }
        if (emit === jobs.length) {
          void emitting.then(() => {
            if (this.opts.keepWorkers) this.pause();
            else void this.close();
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
            if (slot.queue[0]?.solo) break;
            if (this.retry[0]?.solo) {
              // A suspect runs alone: only in an idle worker, with nothing sent behind it.
              if (slot.queue.length) break;
              this.send(slot, [this.retry.shift()!]);
              break;
            }
            const remaining = jobs.length - next + this.retry.length;
            const chunk = Math.max(1, Math.min(CHUNK, Math.floor(remaining / (this.size * 4))));
            if (slot.queue.length > chunk) break;
            const batch: InFlight[] = [];
            while (batch.length < chunk && !this.retry[0]?.solo) {
              const item =
                this.retry.shift() ??
                (next < jobs.length && next < emit + window ? { index: next, job: jobs[next++] } : undefined);
              if (!item) break;
              batch.push(item);
            }
            if (!batch.length) break;
            this.send(slot, batch);
          }
        }
      };

      this.start(Math.min(this.size, jobs.length));
      const tick = Math.max(20, Math.min(250, this.timeoutMs / 4));
      this.watchdog = setInterval(() => this.checkTimes(), tick);
      this.pump();
    });
  }

  /**
   * Starts up to `count` workers ahead of the first run, so that they load their code while the caller prepares the
   * jobs (a run starts whatever it lacks).
   */
  start(count = this.size): void {
    const wanted = Math.min(this.size, count);
    while (this.slots.length < wanted) this.slots.push(this.spawn());
  }

  /** Between runs: no run's callbacks, no watchdog (a worker holds no job). */
  private pause(): void {
    this.pump = () => undefined;
    this.finish = () => undefined;
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
  }

  /** Ends every worker. */
  async close(): Promise<void> {
    this.pause();
    for (const s of this.slots.splice(0)) {
      s.dead = true;
      s.child.kill();
    }
  }

  private send(slot: Slot, batch: InFlight[]): void {
    const idle = slot.queue.length === 0;
    slot.queue.push(...batch);
    if (idle && slot.ready) slot.child.startClock();
    slot.child.send(batch.map((b) => ({ id: b.index, job: b.job })));
  }

  /** The time bound: a worker whose current job has used more than the bound is stopped. */
  private checkTimes(): void {
    for (const slot of [...this.slots]) {
      if (!slot.dead && slot.queue.length && slot.child.overTime(this.timeoutMs))
        this.fail(slot, 'timeout', `${this.timeoutMs} ms`);
    }
  }

  private spawn(): Slot {
    const child = new Child({
      script: WORKER_SCRIPT,
      init: { kinds: this.opts.kinds },
      maxHeapMb: this.maxHeapMb,
      ...(this.opts.semiSpaceMb ? { semiSpaceMb: this.opts.semiSpaceMb } : {}),
    });
    const slot: Slot = { child, queue: [], ready: false, dead: false, parts: new Map() };
    child.proc.on('message', (msg: Outcome[] | { ready: true }) => {
      if (slot.dead) return;
      if (!Array.isArray(msg)) {
        slot.ready = true;
        if (slot.queue.length) child.startClock();
        return;
      }
      let moved = false;
      for (const m of msg) {
        if ('part' in m) {
          const items = slot.parts.get(m.id) ?? [];
          for (const item of m.part) items.push(item);
          slot.parts.set(m.id, items);
          continue;
        }
        const at = slot.queue.findIndex((q) => q.index === m.id);
        if (at < 0) continue;
        const [{ index, job }] = slot.queue.splice(at, 1);
        moved = true;
        const parts = slot.parts.get(m.id);
        slot.parts.delete(m.id);
        this.finish(index, m.ok ? this.resultOf(job, m, parts) : this.opts.failure(job, 'crash', m.error));
      }
      // The next job in the queue is now the one on the clock.
      if (moved) {
        if (slot.queue.length) child.startClock();
        else child.stopClock();
      }
      this.pump();
    });
    child.proc.on('exit', (code, signal) => {
      const { cause, detail } = child.causeOf(code, signal);
      this.fail(slot, cause, detail);
    });
    return slot;
  }

  private resultOf(job: Job, msg: { result?: unknown; json?: string }, parts: unknown[] | undefined): R {
    if (msg.json === undefined) return msg.result as R;
    const value = JSON.parse(msg.json) as unknown;
    const split = this.opts.kinds[job.kind]?.split;
    // The worker sent the split array's items ahead and an empty array in its place.
    if (parts && split)
      (valueAt(value, split.slice(0, -1)) as Record<string, unknown>)[split[split.length - 1]] = parts;
    return value as R;
  }

  /**
   * The slot's worker timed out or died: end it and put a fresh worker in its place. A job that ran alone gets the
   * failure result; jobs queued together run again, each alone, since any of them may be the one.
   */
  private fail(slot: Slot, cause: FailureCause, detail: string): void {
    if (slot.dead) return;
    slot.dead = true;
    slot.child.kill();
    const queue = slot.queue;
    slot.queue = [];
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = this.spawn();
    if (queue.length === 1) this.finish(queue[0].index, this.opts.failure(queue[0].job, cause, detail));
    else this.retry.unshift(...queue.map((q) => ({ ...q, solo: true })));
    this.pump();
  }
}
