// The worker side of the pool (a child process, see child.ts): imports the job kinds' modules as it starts, says so,
// and runs one job at a time in the order sent. Module state lives as long as the process: a merge lane's reader keeps
// the input it read for the build that follows.
import { getHeapStatistics } from 'node:v8';
import { tempOwnerIs } from '../io/atomic.js';
import { SLICE_ITEMS, valueAt, type Job, type JobKind, type Outcome } from './pool.js';

type Handler = (job: Job) => Promise<unknown>;

const kinds = (JSON.parse(process.argv[2] ?? '{}') as { kinds: Record<string, JobKind> }).kinds;
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

/**
 * Sends and waits until the message has left: a job that runs for a while blocks this process, and what was sent just
 * before it (a batch of results, "ready") must not wait for it in our buffer while the pool's clock runs.
 */
function send(message: unknown): Promise<void> {
  return new Promise((done) => {
    if (!process.connected) return done();
    process.send!(message, undefined, undefined, () => done());
  });
}

// Load every kind's code as the worker starts, then tell the pool, whose clock for the first job starts only then:
// loading the code is not the file's time. A failure to load surfaces at the job.
const ready = Promise.allSettled(Object.keys(kinds).map(handler)).then(() => send({ ready: true }));

// The pool is gone (it ended, or was killed): so is the worker.
process.on('disconnect', () => process.exit(0));

// The command's process handles Ctrl+C, SIGTERM and a closed terminal (which reach the whole process group): it ends
// this worker and then removes the temporary files, ours among them, which carry its process id for that.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => undefined);
tempOwnerIs(process.ppid);

const inbox: { id: number; job: Job }[] = [];
let outbox: Outcome[] = [];
let oldest = 0;
let busy = false;

/**
 * A batch goes back when it is full, when nothing else is waiting, when its oldest result is 50 ms old, or at once
 * after a job that took a while (batching only pays for small files; a result must not wait for a long job).
 */
async function flush(force: boolean): Promise<void> {
  if (!outbox.length) return;
  if (!force && outbox.length < 8 && Date.now() - oldest < 50) return;
  const batch = outbox;
  outbox = [];
  await send(batch);
}

// A large file leaves its reading and validation behind as garbage that V8 collects only well after the pool has
// taken the result in, so the two add up in the peak. Past this much heap, collect before sending (≈ 50 ms there).
const COLLECT_ABOVE_BYTES = 128 * 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** The result as JSON; a long split array goes ahead in slices (see JobKind.split) and an empty one in its place. */
async function toJson(id: number, result: unknown, split: readonly string[] | undefined): Promise<string> {
  const items = split && valueAt(result, split);
  if (!Array.isArray(items) || items.length <= SLICE_ITEMS) return JSON.stringify(result);
  for (let i = 0; i < items.length; i += SLICE_ITEMS) {
    await send([{ id, part: items.slice(i, i + SLICE_ITEMS) }] satisfies Outcome[]);
  }
  return JSON.stringify(result, (_, v: unknown) => (v === items ? [] : v));
}

async function drain(): Promise<void> {
  busy = true;
  await ready;
  while (inbox.length) {
    const { id, job } = inbox.shift()!;
    const started = process.cpuUsage();
    let outcome: Outcome;
    try {
      const h = await handler(job.kind);
      const result = await h(job);
      if (getHeapStatistics().used_heap_size > COLLECT_ABOVE_BYTES) gc();
      outcome =
        kinds[job.kind]?.transfer === 'json'
          ? { id, ok: true, json: await toJson(id, result, kinds[job.kind].split) }
          : { id, ok: true, result };
    } catch (err) {
      outcome = { id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    if (!outbox.length) oldest = Date.now();
    outbox.push(outcome);
    // A job that took a while is its own CPU time, as the pool's clock: on a busy host a small file's wall time is
    // often past 20 ms, and a batch per file then cost more than the file.
    const took = process.cpuUsage(started);
    await flush(inbox.length === 0 || took.user + took.system > 20_000);
  }
  busy = false;
}

process.on('message', (batch: { id: number; job: Job }[]) => {
  inbox.push(...batch);
  if (!busy) void drain();
});
