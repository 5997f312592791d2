// The worker pool on its own: results in input order whatever the finishing order, and a job that hangs, exits its
// worker, runs out of memory or throws gets a failure of its own while every other job completes.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { Lane, LaneFailure } from '../../../scripts/pool/lane.js';
import { SLICE_ITEMS, WorkerPool, type FailureCause, type Job } from '../../../scripts/pool/pool.js';
import { ensureBuilt } from './cli-helpers.js';

const module = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'jobs.mjs')).href;
const slowLoad = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'slow-load.mjs')).href;
const kinds = {
  ...Object.fromEntries(
    ['echo', 'spin', 'exit', 'hog', 'fail', 'push', 'work', 'pid'].map((k) => [k, { module, export: k }]),
  ),
  slowLoad: { module: slowLoad, export: 'echo' },
  many: { module, export: 'many', transfer: 'json' as const, split: ['items'] },
};
type Out = {
  path: string;
  value?: unknown;
  failed?: FailureCause;
  detail?: string;
  items?: { i: number }[];
  after?: string;
};

function pool(
  opts: { size?: number; timeoutMs?: number; maxHeapMb?: number; window?: number; keepWorkers?: boolean } = {},
) {
  return new WorkerPool<Out>({
    kinds,
    failure: (job, cause, detail) => ({ path: job.path, failed: cause, detail }),
    ...opts,
  });
}

async function runAll(p: WorkerPool<Out>, jobs: Job[]): Promise<Out[]> {
  const out: Out[] = [];
  const order: number[] = [];
  await p.run(jobs, (r, i) => {
    out.push(r);
    order.push(i);
  });
  expect(order).toEqual(jobs.map((_, i) => i));
  return out;
}

beforeAll(ensureBuilt, 180_000);

describe('WorkerPool', () => {
  it('hands results over in input order while jobs finish out of order', async () => {
    const jobs = Array.from({ length: 40 }, (_, i) => ({
      kind: 'echo',
      path: `f${i}`,
      options: { delay: (i * 37) % 23, value: i },
    }));
    const out = await runAll(pool({ size: 3, window: 8 }), jobs);
    expect(out.map((o) => o.value)).toEqual(jobs.map((_, i) => i));
  });

  it(
    'times out a job that never yields, replaces its worker, and runs the jobs queued behind it',
    { timeout: 120_000 },
    async () => {
      const jobs: Job[] = [
        { kind: 'echo', path: 'a', options: { value: 1 } },
        { kind: 'spin', path: 'stuck', options: { ms: 60_000 } },
        { kind: 'echo', path: 'b', options: { value: 2 } },
        { kind: 'echo', path: 'c', options: { value: 3 } },
      ];
      // The bound is CPU time (child.ts): how long that takes in wall time depends on the machine's load, so only the
      // verdict is asserted (a job that ran on would say "finished").
      const out = await runAll(pool({ size: 1, timeoutMs: 500 }), jobs);
      expect(out).toEqual([
        { path: 'a', value: 1 },
        { path: 'stuck', failed: 'timeout', detail: '500 ms' },
        { path: 'b', value: 2 },
        { path: 'c', value: 3 },
      ]);
    },
  );

  it("does not count loading a job kind's module against the time bound", async () => {
    const jobs: Job[] = [
      { kind: 'slowLoad', path: 'first', options: { value: 1 } },
      { kind: 'spin', path: 'stuck', options: { ms: 60_000 } },
      // the replacement worker loads the module again, again before its clock starts
      { kind: 'slowLoad', path: 'after', options: { value: 2 } },
    ];
    const out = await runAll(pool({ size: 1, timeoutMs: 300 }), jobs);
    expect(out).toEqual([
      { path: 'first', value: 1 },
      { path: 'stuck', failed: 'timeout', detail: '300 ms' },
      { path: 'after', value: 2 },
    ]);
  });

  it('survives a worker that exits, one that runs out of memory and a handler that throws', async () => {
    const jobs: Job[] = [
      { kind: 'exit', path: 'exits', options: {} },
      { kind: 'echo', path: 'x', options: { value: 'x' } },
      { kind: 'hog', path: 'hog', options: {} },
      { kind: 'fail', path: 'throws', options: {} },
      { kind: 'nope', path: 'unknown-kind', options: {} },
      { kind: 'echo', path: 'y', options: { value: 'y' } },
    ];
    const out = await runAll(pool({ size: 2, maxHeapMb: 64, timeoutMs: 30_000 }), jobs);
    expect(out.map((o) => o.failed ?? o.value)).toEqual(['crash', 'x', 'out-of-memory', 'crash', 'crash', 'y']);
    expect(out[0].detail).toMatch(/exited with code 7/);
    expect(out[3].detail).toMatch(/handler threw/);
    expect(out[4].detail).toMatch(/unknown job kind "nope"/);
  }, 60_000);

  it('ends only the worker of a job that fills its heap by pushing onto one array; the other jobs complete', async () => {
    const jobs: Job[] = [
      { kind: 'echo', path: 'before', options: { value: 1 } },
      { kind: 'push', path: 'hostile', options: {} },
      { kind: 'echo', path: 'after', options: { value: 2 } },
    ];
    const out = await runAll(pool({ size: 1, maxHeapMb: 64, timeoutMs: 60_000 }), jobs);
    expect(out.map((o) => o.failed ?? o.value)).toEqual([1, 'out-of-memory', 2]);
  }, 60_000);

  it("times a job by its worker's own CPU time: eight jobs that each pass alone pass together on fewer cores", async () => {
    // The same work alone first, for how long it takes on this machine now.
    const n = 60_000_000;
    const t0 = performance.now();
    const [alone] = await runAll(pool({ size: 1, timeoutMs: 60_000 }), [
      { kind: 'work', path: 'alone', options: { n } },
    ]);
    const ms = performance.now() - t0;
    expect(alone.value).toBe('done');
    // Eight at once on (at most) a few cores take several times as long in wall time, the same in CPU time.
    const jobs: Job[] = Array.from({ length: 8 }, (_, i) => ({ kind: 'work', path: `w${i}`, options: { n } }));
    const out = await runAll(pool({ size: 8, timeoutMs: Math.max(1000, Math.round(ms * 2.5)) }), jobs);
    expect(out.map((o) => o.failed ?? o.value)).toEqual(jobs.map(() => 'done'));
  }, 120_000);

  it('blames exactly: when a worker holding several jobs times out, each runs again alone and only the slow one fails', async () => {
    const jobs: Job[] = [
      ...Array.from({ length: 6 }, (_, i) => ({ kind: 'echo', path: `q${i}`, options: { value: i } })),
      { kind: 'spin', path: 'stuck', options: { ms: 60_000 } },
      ...Array.from({ length: 6 }, (_, i) => ({ kind: 'echo', path: `r${i}`, options: { value: 10 + i } })),
    ];
    const out = await runAll(pool({ size: 1, timeoutMs: 400 }), jobs);
    expect(out.map((o) => o.failed ?? o.value)).toEqual([0, 1, 2, 3, 4, 5, 'timeout', 10, 11, 12, 13, 14, 15]);
  }, 60_000);

  it('an interrupt (SIGINT, SIGTERM) ends the worker processes and removes the temporary files they started', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'daicho-pool-interrupt-'));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const out = join(dir, `${signal}.xlsx`);
      const temps = () => readdirSync(dir).filter((n) => n.startsWith(`.${signal}.xlsx.`));
      const child = spawn(
        process.execPath,
        [join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'interrupt-run.mjs'), out],
        { stdio: 'ignore' },
      );
      const workerPid = await new Promise<number>((done) => {
        const poll = setInterval(() => {
          const t = temps()[0];
          if (!t) return;
          clearInterval(poll);
          done(Number(/\.xlsx\.(\d+)\./.exec(t)![1]));
          child.kill(signal);
        }, 5);
      });
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(code, signal).toBe(signal === 'SIGINT' ? 130 : 143);
      // The worker's temporary file carries the command's process id, and is gone with the worker.
      expect(workerPid).toBe(child.pid);
      expect(temps(), signal).toEqual([]);
      expect(existsSync(out)).toBe(false);
    }
  }, 60_000);

  it('sends a long split array back in slices, every item once and in order, beside short ones sent whole', async () => {
    const sizes = [SLICE_ITEMS * 2 + 7, 3, SLICE_ITEMS, 0, SLICE_ITEMS + 1];
    const jobs = sizes.map((n, i) => ({ kind: 'many', path: `m${i}`, options: { n } }));
    const out = await runAll(pool({ size: 2 }), jobs);
    expect(out.map((o) => o.path)).toEqual(jobs.map((j) => j.path));
    for (const [k, o] of out.entries()) {
      expect(o.after).toBe('kept');
      expect(o.items?.map((x) => x.i)).toEqual(Array.from({ length: sizes[k] }, (_, i) => i));
    }
  });
});

describe('WorkerPool between runs', () => {
  const pids = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({ kind: 'pid', path: `p${from + i}`, options: {} }));
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 100 && !ok(); i++) await new Promise((r) => setTimeout(r, 50));
    return ok();
  };

  it('ends its workers after each run by default: the next run starts new ones', async () => {
    const p = pool({ size: 2 });
    const first = new Set((await runAll(p, pids(8))).map((o) => o.value as number));
    const second = new Set((await runAll(p, pids(8, 8))).map((o) => o.value as number));
    expect([...second].some((pid) => first.has(pid))).toBe(false);
    expect(await until(() => [...first, ...second].every((pid) => !alive(pid)))).toBe(true);
  });

  it('with keepWorkers, started ahead, runs every batch in the same workers and ends them at close()', async () => {
    const p = pool({ size: 2, keepWorkers: true });
    p.start();
    try {
      const first = new Set((await runAll(p, pids(8))).map((o) => o.value as number));
      const second = new Set((await runAll(p, pids(8, 8))).map((o) => o.value as number));
      expect(first.size).toBeGreaterThan(0);
      expect(first.size).toBeLessThanOrEqual(2);
      expect([...second].every((pid) => first.has(pid))).toBe(true);
      expect([...first].every(alive)).toBe(true);
      await p.close();
      expect(await until(() => [...first].every((pid) => !alive(pid)))).toBe(true);
    } finally {
      await p.close();
    }
  });

  it('with keepWorkers, a worker that dies between runs is replaced and the next run completes', async () => {
    const p = pool({ size: 1, keepWorkers: true });
    try {
      const [{ value: before }] = await runAll(p, pids(1));
      process.kill(before as number, 'SIGKILL');
      expect(await until(() => !alive(before as number))).toBe(true);
      const out = await runAll(p, pids(3, 1));
      expect(out.map((o) => o.failed)).toEqual([undefined, undefined, undefined]);
      expect(out.every((o) => o.value !== before)).toBe(true);
    } finally {
      await p.close();
    }
  });
});

describe('Lane (the workers merge keeps for a sequence of calls)', () => {
  it("has the pool's bounds: a call over the CPU-time bound or the heap bound fails alone, and the next call gets a fresh worker", async () => {
    const lane = new Lane({ kinds, timeoutMs: 1_500, maxHeapMb: 64 });
    try {
      expect(await lane.run('echo', { value: 'a' })).toMatchObject({ value: 'a' });
      const slow = await lane.run('spin', { ms: 60_000 }).catch((e: unknown) => e);
      expect(slow).toBeInstanceOf(LaneFailure);
      expect((slow as LaneFailure).reason).toBe('timeout');
      expect(await lane.run('echo', { value: 'b' })).toMatchObject({ value: 'b' });
      const big = await lane.run('push', {}).catch((e: unknown) => e);
      expect(big).toBeInstanceOf(LaneFailure);
      expect((big as LaneFailure).reason).toBe('out-of-memory');
      expect(await lane.run('echo', { value: 'c' })).toMatchObject({ value: 'c' });
    } finally {
      await lane.close();
    }
  }, 120_000);
});
