// Lanes that run InputReader calls: pool lanes (worker processes with the pool's time and memory bounds) when the
// compiled code is there, otherwise the same code on the main thread (tests that import the TypeScript sources;
// `--jobs 0`). A lane serves one call at a time and keeps its InputReader's state between calls, which the merge
// relies on (read an input, then write its rows).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Lane as PoolLane } from '../pool/lane.js';
import { DEFAULT_TIMEOUT_MS, type JobKind } from '../pool/pool.js';
import { templateById } from '../../templates/index.js';
import type { TableSheetDef } from '../../templates/model/types.js';
import { InputReader } from './input.js';
import type { Shell } from './shell.js';

export type Method = 'read' | 'build' | 'extract' | 'shell';

export interface Lane {
  call<T>(method: Method, payload: unknown): Promise<T>;
  close(): Promise<void>;
}

const WORKER_URL = new URL('./worker.js', import.meta.url);
// A larger young generation: a lane allocates short-lived strings by the million (cells, row XML), and with V8's
// default semi-space a third of its time went to scavenges (measured: 230 → 175 ms per 2,000-row ledger). 16 MB
// was faster still (about 15% less CPU than 8 MB), but each lane then holds 20 MB more: the 400,000-row merge's
// peak was 396 MB against 375 MB, too close to its 400 MB bound.
const SEMI_SPACE_MB = 8;

export function workersAvailable(): boolean {
  return WORKER_URL.protocol === 'file:' && existsSync(fileURLToPath(WORKER_URL));
}

class InlineLane implements Lane {
  private readonly reader = new InputReader();
  async call<T>(method: Method, payload: unknown): Promise<T> {
    if (method === 'shell') return (await shellOf(payload as string)) as T;
    return (await (this.reader[method] as (p: unknown) => Promise<unknown>).call(this.reader, payload)) as T;
  }
  async close(): Promise<void> {}
}

const KINDS: Record<Method, JobKind> = {
  read: { module: WORKER_URL.href, export: 'read' },
  build: { module: WORKER_URL.href, export: 'build' },
  extract: { module: WORKER_URL.href, export: 'extract' },
  shell: { module: WORKER_URL.href, export: 'shell' },
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

/** The shell as it crosses to another process: without the template's definition (it holds functions). */
export type ShellData = Omit<Shell, 'def' | 'tables'> & { tables: Omit<Shell['tables'][number], 'sd'>[] };

/** Build a template's master shell (exceljs, in the process that calls it) as ShellData. */
export async function shellOf(id: string): Promise<ShellData> {
  const { buildShell } = await import('./shell.js');
  const { def: _def, tables, ...rest } = await buildShell(templateById(id)!);
  return { ...rest, tables: tables.map(({ sd: _sd, ...t }) => t) };
}

/**
 * The master's template shell, built in a worker process of its own that ends at once: building it loads exceljs and
 * grows a heap by some 70 MB that the merge's main process would otherwise keep to the end.
 */
export async function isolatedShell(def: { id: string; sheets: readonly { kind: string }[] }): Promise<Shell> {
  const [lane] = openLanes(1);
  let data: ShellData;
  try {
    data = await lane.call<ShellData>('shell', def.id);
  } finally {
    await lane.close();
  }
  const full = templateById(def.id)!;
  const sheets = full.sheets.filter((x): x is TableSheetDef => x.kind === 'table');
  return { ...data, def: full, tables: data.tables.map((t, k) => ({ ...t, sd: sheets[k] })) };
}
