// Peak memory of a command and every process it starts: the pool's workers are child processes, whose memory the
// command's own maxRSS (getrusage) does not include. The resident sets of the whole process tree are summed from
// /proc every 50 ms; the peak of that sum is the figure (a sample can miss a spike shorter than 50 ms).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface TreeRun {
  code: number | null;
  wallMs: number;
  /** Peak of the summed resident set of the process and its descendants, in KB. */
  peakRssKb: number;
  stdout: string;
  stderr: string;
}

/** Summed resident set of a process and its descendants, in KB. */
export function treeRssKb(root: number): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'latin1');
      parent.set(pid, Number(/\nPPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
      rss.set(pid, Number(/\nVmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const [pid, kb] of rss) {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = parent.get(p) ?? 0, hops++) {
      if (p === root) {
        total += kb;
        break;
      }
    }
  }
  return total;
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
    let peak = 0;
    const sample = (): void => {
      if (child.pid !== undefined) peak = Math.max(peak, treeRssKb(child.pid));
    };
    const timer = setInterval(sample, 50);
    child.on('error', fail);
    child.on('close', (code) => {
      clearInterval(timer);
      done({ code, wallMs: performance.now() - t0, peakRssKb: peak, stdout, stderr });
    });
  });
}

// node dist/scripts/bench/rss.js COMMAND ARGS… — one measured run, for a quick before/after.
if (process.argv[1]?.endsWith('/bench/rss.js') && process.argv.length > 2) {
  const [command, ...args] = process.argv.slice(2);
  void runMeasured(command, args).then((r) => {
    process.stdout.write(
      `exit ${r.code}  ${(r.wallMs / 1000).toFixed(1)} s  peak RSS (process tree) ${Math.round(r.peakRssKb / 1024)} MB\n`,
    );
    if (r.code !== 0 && r.code !== 1) process.stderr.write(r.stderr);
  });
}
