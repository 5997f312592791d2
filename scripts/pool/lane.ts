// A lane: one worker of the pool (child.ts, worker.ts) that a caller keeps for a sequence of calls, because the
// worker keeps state between them (merge reads an input, then writes its rows). Each call has the pool's bounds: CPU
// time and heap. A call whose worker times out or dies is rejected with a LaneFailure, and the next call gets a fresh
// worker (without the state).
import { Child, type FailureCause } from './child.js';
import {
  DEFAULT_MAX_HEAP_MB,
  DEFAULT_TIMEOUT_MS,
  WORKER_SCRIPT,
  type Job,
  type JobKind,
  type Outcome,
} from './pool.js';

export class LaneFailure extends Error {
  constructor(
    readonly reason: FailureCause,
    readonly detail: string,
  ) {
    super(reason === 'timeout' ? `time limit ${detail}` : detail);
  }
}

export interface LaneOptions {
  kinds: Record<string, JobKind>;
  timeoutMs?: number;
  maxHeapMb?: number;
  semiSpaceMb?: number;
}

interface Call {
  id: number;
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export class Lane {
  private child: Child | null = null;
  private ready = false;
  private call: Call | null = null;
  private next = 0;
  private watchdog: NodeJS.Timeout | null = null;
  private readonly timeoutMs: number;

  constructor(private readonly opts: LaneOptions) {
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Runs one job in this lane's worker (one call at a time). */
  run<T>(kind: string, options: unknown): Promise<T> {
    if (this.call) return Promise.reject(new Error('lane: one call at a time'));
    const child = (this.child ??= this.spawn());
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.call = { id, resolve: resolve as (v: unknown) => void, reject };
      if (this.ready) child.startClock();
      child.send([{ id, job: { kind, path: '', options } satisfies Job }]);
      this.watchdog ??= setInterval(
        () => {
          if (this.call && this.child?.overTime(this.timeoutMs)) this.fail('timeout', `${this.timeoutMs} ms`);
        },
        Math.max(20, Math.min(250, this.timeoutMs / 4)),
      );
    });
  }

  async close(): Promise<void> {
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    const child = this.child;
    this.child = null;
    child?.kill();
  }

  private spawn(): Child {
    const child = new Child({
      script: WORKER_SCRIPT,
      init: { kinds: this.opts.kinds },
      maxHeapMb: this.opts.maxHeapMb ?? DEFAULT_MAX_HEAP_MB,
      ...(this.opts.semiSpaceMb ? { semiSpaceMb: this.opts.semiSpaceMb } : {}),
    });
    this.ready = false;
    child.proc.on('message', (msg: Outcome[] | { ready: true }) => {
      if (child !== this.child) return;
      if (!Array.isArray(msg)) {
        this.ready = true;
        if (this.call) child.startClock();
        return;
      }
      for (const m of msg) {
        const call = this.call;
        if (!call || 'part' in m || m.id !== call.id) continue;
        this.call = null;
        child.stopClock();
        if (m.ok) call.resolve(m.json === undefined ? m.result : JSON.parse(m.json));
        else call.reject(new Error(m.error));
      }
    });
    child.proc.on('exit', (code, signal) => {
      if (child !== this.child) return;
      const { cause, detail } = child.causeOf(code, signal);
      this.fail(cause, detail);
    });
    return child;
  }

  private fail(cause: FailureCause, detail: string): void {
    this.child?.kill();
    this.child = null;
    const call = this.call;
    this.call = null;
    call?.reject(new LaneFailure(cause, detail));
  }
}
