// The worker side of the pool: imports each job kind's module on first use and runs one job at a time.
import { parentPort, workerData } from 'node:worker_threads';
import type { Job, JobKind } from './pool.js';

type Handler = (job: Job) => Promise<unknown>;

const kinds = (workerData as { kinds: Record<string, JobKind> }).kinds;
const loaded = new Map<string, Handler>();

async function handler(kind: string): Promise<Handler> {
  let h = loaded.get(kind);
  if (h) return h;
  const spec = kinds[kind];
  if (!spec) throw new Error(`unknown job kind "${kind}"`);
  const mod = (await import(spec.module)) as Record<string, unknown>;
  const fn = mod[spec.export];
  if (typeof fn !== 'function') throw new Error(`${spec.module} has no function "${spec.export}"`);
  h = fn as Handler;
  loaded.set(kind, h);
  return h;
}

// One job at a time, in the order sent: the pool sends the next job ahead and times each from its start.
let chain: Promise<void> = Promise.resolve();
parentPort!.on('message', (msg: { id: number; job: Job }) => {
  chain = chain.then(() =>
    handler(msg.job.kind)
      .then((h) => h(msg.job))
      .then(
        (result) =>
          parentPort!.postMessage(
            kinds[msg.job.kind]?.transfer === 'json' ? { id: msg.id, ok: true, json: JSON.stringify(result) } : { id: msg.id, ok: true, result },
          ),
        (err: unknown) => parentPort!.postMessage({ id: msg.id, ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
      ),
  );
});
