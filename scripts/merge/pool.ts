// Lanes that run InputReader calls: pool lanes (worker processes with the pool's time and memory bounds) when the
// compiled code is there, otherwise the same code on the main thread (tests that import the TypeScript sources;
// `--jobs 0`). A lane serves one call at a time and keeps its InputReader's state between calls, which the merge
// relies on (read an input, then write its rows).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Lane as PoolLane } from '../pool/lane.js';
import { DEFAULT_TIMEOUT_MS, type JobKind } from '../pool/pool.js';
import { InputReader } from './input.js';

export type Method = 'read' | 'build' | 'extract';

export interface Lane {
  call<T>(method: Method, payload: unknown): Promise<T>;
  close(): Promise<void>;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);
// A larger young generation: a lane allocates short-lived strings by the million (cells, row XML), and with V8's
// default semi-space a third of its time went to scavenges (measured: 230 → 175 ms per 2,000-row ledger).
const SEMI_SPACE_MB = 16;

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

const KINDS: Record<Method, JobKind> = {
  read: { module: WORKER_URL.href, export: 'read' },
  build: { module: WORKER_URL.href, export: 'build' },
  extract: { module: WORKER_URL.href, export: 'extract' },
};

class WorkerLane implements Lane {
  private readonly lane: PoolLane;
  constructor(timeoutMs: number) {
    this.lane = new PoolLane({ kinds: KINDS, timeoutMs, semiSpaceMb: SEMI_SPACE_MB });
  }
  call<T>(method: Method, payload: unknown): Promise<T> {
    return this.lane.run<T>(method, payload);
  }
  close(): Promise<void> {
    return this.lane.close();
  }
}

/** `n` lanes; worker processes when available and n > 0, else one inline lane. */
export function openLanes(n: number, timeoutMs = DEFAULT_TIMEOUT_MS): Lane[] {
  if (n <= 0 || !workersAvailable()) return [new InlineLane()];
  return Array.from({ length: n }, () => new WorkerLane(timeoutMs));
}
