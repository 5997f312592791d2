// One worker of the pool: a child process (not a thread) with its own V8 heap limit, and a clock of its own CPU time.
//
// Why a process: V8's per-thread heap limit (Worker resourceLimits) is best-effort. A thread that fills its heap by
// pushing onto one array — what validation does with 250,000 findings — aborts the whole process (exit 134) instead
// of ending the thread (nodejs/node#47224, #65019). A child process that runs out of memory ends alone.
//
// Why CPU time: the time bound is a verdict on the file, so it must not depend on how many other workers (or other
// programs) share the cores. Four files that each need 2 s pass with `--jobs 1` and must pass with `--jobs 4` on two
// busy cores, where each takes 4 s or more of wall time. The child's CPU time (utime + stime from
// /proc/PID/stat) counts only its own work. A wall-clock backstop, WALL_FACTOR times the bound, still ends a worker
// that waits without computing (a hung network drive); where /proc is missing (macOS, Windows) the wall clock is the
// clock.
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { trackWorker } from '../io/atomic.js';

export type FailureCause = 'timeout' | 'out-of-memory' | 'crash';

/** A worker that has used the bound in CPU time, or this many times the bound in wall time, is stopped. */
export const WALL_FACTOR = 10;

/** Clock ticks per second of /proc/PID/stat (USER_HZ: 100 on every Linux that Node supports). */
const TICKS_PER_SECOND = 100;

export interface ChildOptions {
  /** The compiled worker script (a file: URL). */
  script: URL;
  /** JSON given to the worker as its argument. */
  init: unknown;
  /** V8 old-generation limit in MB. */
  maxHeapMb: number;
  /** V8 semi-space in MB (a worker that allocates many short-lived strings spends less time in scavenges). */
  semiSpaceMb?: number;
}

/** CPU time of a process in ms, or null where /proc is not there. */
export function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // The command name (field 2) may hold spaces and parentheses: count fields after its closing parenthesis.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

export class Child {
  readonly proc: ChildProcess;
  /** The last few KB the worker wrote to stderr (V8's out-of-memory report lands there). */
  private stderr = '';
  private clockCpu: number | null = null;
  private clockWall = 0;
  private clockOn = false;

  constructor(opts: ChildOptions) {
    const execArgv = [`--max-old-space-size=${opts.maxHeapMb}`, '--expose-gc'];
    if (opts.semiSpaceMb) execArgv.push(`--max-semi-space-size=${opts.semiSpaceMb}`);
    this.proc = fork(fileURLToPath(opts.script), [JSON.stringify(opts.init)], {
      execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.proc.stderr!.setEncoding('utf8');
    this.proc.stderr!.on('data', (s: string) => {
      this.stderr = (this.stderr + s).slice(-4096);
    });
    // A worker whose parent is gone must not write to a closed channel and die loudly.
    this.proc.on('error', () => undefined);
    // An interrupt ends the workers (and waits for them) before it removes temporary files: none is made after the sweep.
    const untrack = trackWorker({ stop: () => this.stop() });
    this.proc.once('exit', untrack);
  }

  /** Ends the worker and resolves once it has exited. */
  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = once(this.proc, 'exit');
    this.kill();
    await exited;
  }

  send(message: unknown): void {
    if (this.proc.connected) this.proc.send(message as never);
  }

  kill(): void {
    this.proc.kill('SIGKILL');
  }

  /** Start (or restart) the job clock: the job at the head of this worker's queue begins now. */
  startClock(): void {
    this.clockOn = true;
    this.clockCpu = cpuMsOf(this.proc.pid);
    this.clockWall = performance.now();
  }

  stopClock(): void {
    this.clockOn = false;
  }

  /** Whether the job on the clock has used up `timeoutMs`: in CPU time, or WALL_FACTOR × in wall time. */
  overTime(timeoutMs: number): boolean {
    if (!this.clockOn) return false;
    const wall = performance.now() - this.clockWall;
    if (this.clockCpu === null) return wall > timeoutMs;
    const cpu = cpuMsOf(this.proc.pid);
    if (cpu === null) return wall > timeoutMs;
    return cpu - this.clockCpu > timeoutMs || wall > timeoutMs * WALL_FACTOR;
  }

  /** Why the worker ended, from its exit code or signal and what it said last. */
  causeOf(code: number | null, signal: NodeJS.Signals | null): { cause: FailureCause; detail: string } {
    if (/heap out of memory|Allocation failed|out of memory/i.test(this.stderr)) {
      return { cause: 'out-of-memory', detail: 'JavaScript heap out of memory' };
    }
    return { cause: 'crash', detail: signal ? `worker ended by ${signal}` : `worker exited with code ${code}` };
  }
}
