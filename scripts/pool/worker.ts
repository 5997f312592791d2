// The worker side of the pool: imports the job kinds' modules as it starts and runs one job at a time.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { SLICE_ITEMS, valueAt, type Job, type JobKind, type Outcome } from './pool.js';

type Handler = (job: Job) => Promise<unknown>;

const kinds = (workerData as { kinds: Record<string, JobKind> }).kinds;
const loaded = new Map<string, Promise<Handler>>();

async function load(kind: string): Promise<Handler> {
  const spec = kinds[kind];
  if (!spec) throw new Error(`unknown job kind "${kind}"`);
  const mod = (await import(spec.module)) as Record<string, unknown>;
  const fn = mod[spec.export];
  if (typeof fn !== 'function') throw new Error(`${spec.module} has no function "${spec.export}"`);
  return fn as Handler;
}

function handler(kind: string): Promise<Handler> {
  let h = loaded.get(kind);
  if (!h) loaded.set(kind, (h = load(kind)));
  return h;
}

// Load every kind's code as the worker starts, while the first jobs are on their way; a failure surfaces at the job.
for (const kind of Object.keys(kinds)) handler(kind).catch(() => undefined);

// One job at a time, in the order sent. The job running now and its start time go to shared memory (the pool's
// watchdog enforces the time bound from there); results go back in batches.
const shared = (workerData as { shared: SharedArrayBuffer }).shared;
const running = new Int32Array(shared, 0, 1);
const since = new Float64Array(shared, 8, 1);

const inbox: { id: number; job: Job }[] = [];
let outbox: Outcome[] = [];
let oldest = 0;
let busy = false;

/**
 * A batch goes back when it is full, when nothing else is waiting, when its oldest result is 50 ms old, or at once
 * after a job that took a while (batching only pays for small files; a result must not wait for a long job).
 */
function flush(force: boolean): void {
  if (!outbox.length) return;
  if (!force && outbox.length < 8 && Date.now() - oldest < 50) return;
  parentPort!.postMessage(outbox);
  outbox = [];
}

// A large file leaves its reading and validation behind as garbage (the 100,000-row ledger: 200 MB of grid and
// records beside 60 MB of issues) that V8 collects only well after the main thread has taken the result in, so the
// two add up in the peak. Past this much heap, collect before sending (≈ 50 ms there). gc() is got as
// jest-leak-detector gets it: --expose-gc cannot be given to a worker alone, and applies to contexts made after it.
const COLLECT_ABOVE_BYTES = 128 * 1024 * 1024;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** The result as JSON; a long split array goes ahead in slices (see JobKind.split) and an empty one in its place. */
function toJson(id: number, result: unknown, split: readonly string[] | undefined): string {
  const items = split && valueAt(result, split);
  if (!Array.isArray(items) || items.length <= SLICE_ITEMS) return JSON.stringify(result);
  for (let i = 0; i < items.length; i += SLICE_ITEMS) {
    parentPort!.postMessage([{ id, part: items.slice(i, i + SLICE_ITEMS) }] satisfies Outcome[]);
  }
  return JSON.stringify(result, (_, v: unknown) => (v === items ? [] : v));
}

async function drain(): Promise<void> {
  busy = true;
  while (inbox.length) {
    const { id, job } = inbox.shift()!;
    let started = Date.now();
    let outcome: Outcome;
    try {
      // Loading the code is not the file's time: the time bound starts with the job itself.
      const h = await handler(job.kind);
      started = Date.now();
      since[0] = started;
      Atomics.store(running, 0, id);
      const result = await h(job);
      if (getHeapStatistics().used_heap_size > COLLECT_ABOVE_BYTES) gc();
      outcome = kinds[job.kind]?.transfer === 'json' ? { id, ok: true, json: toJson(id, result, kinds[job.kind].split) } : { id, ok: true, result };
    } catch (err) {
      outcome = { id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    Atomics.store(running, 0, -1);
    if (!outbox.length) oldest = Date.now();
    outbox.push(outcome);
    flush(inbox.length === 0 || Date.now() - started > 20);
  }
  busy = false;
}

parentPort!.on('message', (batch: { id: number; job: Job }[]) => {
  inbox.push(...batch);
  if (!busy) void drain();
});
