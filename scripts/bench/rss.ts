// Peak memory of a command and every process it starts: the pool's workers are child processes, whose memory the
// command's own maxRSS (getrusage) does not include. The resident sets of the whole process tree are summed from
// /proc every 50 ms; the peak of that sum is the figure (a sample can miss a spike shorter than 50 ms). CPU time is
// summed the same way: each process's last sampled utime + stime (a process's last 50 ms can be missed), since the
// workers are not always reaped by a wait that would count them in the command's own rusage.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface TreeRun {
  code: number | null;
  wallMs: number;
  /** Peak of the summed resident set of the process and its descendants, in KB. */
  peakRssKb: number;
  /** CPU time (user + system) of the process and its descendants, in ms. */
  cpuMs: number;
  stdout: string;
  stderr: string;
}

/** Summed resident set of a process and its descendants, in KB. */
export function treeRssKb(root: number): number {
  let total = 0;
  for (const p of treeStats(root)) total += p.rssKb;
  return total;
}

/** Resident set (KB) and CPU time so far (ms) of a process and each of its descendants. */
export function treeStats(root: number): { pid: number; rssKb: number; cpuMs: number }[] {
  const parent = new Map<number, number>();
  const stats = new Map<number, { pid: number; rssKb: number; cpuMs: number }>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'latin1');
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(pid, Number(/\nPPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
      // utime + stime, in clock ticks of 10 ms (USER_HZ).
      const cpuMs = (Number(f[11]) + Number(f[12])) * 10;
      stats.set(pid, { pid, rssKb: Number(/\nVmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0), cpuMs });
    } catch {
      // gone meanwhile
    }
  }
  const out: { pid: number; rssKb: number; cpuMs: number }[] = [];
  for (const [pid, s] of stats) {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) {
      if (p === root) {
        out.push(s);
        break;
      }
    }
  }
  return out;
}

/** Samples a process tree: the peak of its summed resident sets, and the CPU time of every process seen. */
export class TreeSampler {
  peakRssKb = 0;
  private readonly cpu = new Map<number, number>();

  sample(root: number | undefined): void {
    if (root === undefined) return;
    let rss = 0;
    for (const p of treeStats(root)) {
      rss += p.rssKb;
      this.cpu.set(p.pid, Math.max(this.cpu.get(p.pid) ?? 0, p.cpuMs));
    }
    this.peakRssKb = Math.max(this.peakRssKb, rss);
  }

  get cpuMs(): number {
    let total = 0;
    for (const ms of this.cpu.values()) total += ms;
    return total;
  }
}

/** Runs `command args` and measures its wall time and the peak RSS of its process tree. */
export function runMeasured(
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; keepOutput?: boolean } = {},
): Promise<TreeRun> {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (opts.keepOutput) stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr = (stderr + d).slice(-8192);
    });
    const tree = new TreeSampler();
    const timer = setInterval(() => tree.sample(child.pid), 50);
    child.on('error', fail);
    child.on('close', (code) => {
      clearInterval(timer);
      done({ code, wallMs: performance.now() - t0, peakRssKb: tree.peakRssKb, cpuMs: tree.cpuMs, stdout, stderr });
    });
  });
}

// node dist/scripts/bench/rss.js COMMAND ARGS… — one measured run, for a quick before/after.
if (process.argv[1]?.endsWith('/bench/rss.js') && process.argv.length > 2) {
  const [command, ...args] = process.argv.slice(2);
  void runMeasured(command, args).then((r) => {
    process.stdout.write(
      `exit ${r.code}  ${(r.wallMs / 1000).toFixed(1)} s  peak RSS (process tree) ${Math.round(r.peakRssKb / 1024)} MB  CPU (process tree) ${(r.cpuMs / 1000).toFixed(2)} s\n`,
    );
    if (r.code !== 0 && r.code !== 1) process.stderr.write(r.stderr);
  });
}
