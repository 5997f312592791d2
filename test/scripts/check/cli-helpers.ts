// Helpers for tests that run the real CLI (`node bin/daicho.js`): the worker pool loads compiled JavaScript, so
// dist/ must be current. `npm run test:all` builds before vitest; run alone, the first test file rebuilds when a
// source is newer than its output (serialised by a lock folder so parallel test files do not race).
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/** The real-world corpus sits beside the repository (../shared/xlsx-corpus), wherever the repository is. */
export const CORPUS = resolve(ROOT, '../shared/xlsx-corpus');
const run = promisify(execFile);

function newest(dir: string, ext: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, ext));
    else if (e.name.endsWith(ext)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

function stale(): boolean {
  try {
    const src = Math.max(newest(join(ROOT, 'scripts'), '.ts'), newest(join(ROOT, 'templates'), '.ts'));
    const out = Math.min(
      statSync(join(ROOT, 'dist/scripts/commands/check.js')).mtimeMs,
      statSync(join(ROOT, 'dist/scripts/pool/worker.js')).mtimeMs,
    );
    return src > out;
  } catch {
    return true;
  }
}

export async function ensureBuilt(): Promise<void> {
  if (!stale()) return;
  const lock = join(ROOT, '.tmp/build.lock');
  mkdirSync(join(ROOT, '.tmp'), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (i > 600) throw new Error('build lock held for 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    // tsc emits even when some other module has type errors (work in progress elsewhere); what matters here is that
    // the modules the CLI runs are current.
    if (stale()) await run('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT }).catch(() => undefined);
    if (stale()) throw new Error('dist/ is still older than the sources after tsc -p tsconfig.build.json');
  } finally {
    rmdirSync(lock);
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `daicho …` and resolves when it exits (killed after `timeoutMs`). */
export function daicho(
  args: string[],
  opts: { timeoutMs?: number; cwd?: string; env?: NodeJS.ProcessEnv; onSpawn?: () => void } = {},
): Promise<CliRun> {
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(ROOT, 'bin/daicho.js'), ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    opts.onSpawn?.();
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/** The check command's JSON report (scripts/report/json.ts). */
export type { CheckReport as JsonReport } from '../../../scripts/report/json.js';

/** Python (Debian's python3-openpyxl) run on a script given as text; prints JSON. */
export async function python(script: string, args: string[]): Promise<unknown> {
  const { stdout } = await run('/usr/bin/python3', ['-c', script, ...args], { maxBuffer: 64 << 20 });
  return JSON.parse(stdout);
}
