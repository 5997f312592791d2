// Lanes that run InputReader calls: worker threads when the compiled worker script is there, otherwise the same code
// on the main thread (tests that import the TypeScript sources; `--jobs 0`). A lane serves one call at a time and
// keeps its InputReader's state between calls, which the merge relies on (read an input, then write its rows).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputReader } from './input.js';

export type Method = 'read' | 'build' | 'extract';

export interface Lane {
  call<T>(method: Method, payload: unknown): Promise<T>;
  close(): Promise<void>;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);
const YOUNG_GENERATION_MB = 96;

export function workersAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

class InlineLane implements Lane {
  private readonly reader = new InputReader();
  async call<T>(method: Method, payload: unknown): Promise<T> {
    return (await (this.reader[method] as (p: unknown) => Promise<unknown>).call(this.reader, payload)) as T;
  }
  async close(): Promise<void> {}
}

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

class WorkerLane implements Lane {
  private readonly worker: Worker;
  private next = 0;
  private readonly pending = new Map<number, Pending>();
  private dead: Error | null = null;

  constructor() {
    // A larger young generation: a lane allocates short-lived strings by the million (cells, row XML), and with V8's
    // default semi-space a third of its time went to scavenges (measured: 230 → 175 ms per 2,000-row ledger).
    this.worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    this.worker.on('message', (m: { id: number; result?: unknown; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.result);
    });
    const fail = (err: Error): void => {
      this.dead = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`merge worker exited with code ${code}`));
    });
  }

  call<T>(method: Method, payload: unknown): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, method, payload });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** `n` lanes; threads when available and n > 0, else one inline lane. */
export function openLanes(n: number): Lane[] {
  if (n <= 0 || !workersAvailable()) return [new InlineLane()];
  return Array.from({ length: n }, () => new WorkerLane());
}
