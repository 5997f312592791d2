// Path safety. An output is never one of the inputs, whatever the flags: compared by device + inode (the file
// itself, whichever symlinked folder or hard link spells it) and by real path. An output never goes to a system
// location (/proc, /sys, /dev: Node's recursive mkdir spins forever under /proc) nor onto a FIFO, socket or device.
// Inputs are opened without blocking (a FIFO named .xlsx must not hang a worker) and only when they are regular files.
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  statfsSync,
  statSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Text } from '../../templates/model/types.js';
import { UserError } from '../errors.js';

/** An output the run refuses to write (exit 2): Japanese and English, naming the path (cli.ts escapes it). */
export class OutputRefusedError extends UserError {
  constructor(
    readonly path: string,
    why: Text,
  ) {
    super({ ja: `${path}: ${why.ja}`, en: `${path}: ${why.en}` });
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/**
 * Throws OutputRefusedError when an output is one of the inputs. Only an output that exists now can be an input;
 * statSync follows symlinks, so a link, a symlinked folder (either way round) or a hard link to an input all match.
 */
export function refuseInputsAsOutputs(outputs: readonly (string | undefined)[], inputs: readonly string[]): void {
  const existing: { path: string; s: Stats }[] = [];
  for (const o of outputs) {
    const s = o === undefined ? null : statOrNull(o);
    if (o !== undefined && s?.isFile()) existing.push({ path: o, s });
  }
  if (!existing.length) return;
  const byId = new Map<string, string>();
  const byReal = new Map<string, string>();
  // An input that exists is known by its device + inode, which its real path could only confirm (resolving 5,000
  // inputs' real paths took 60 ms); the real path speaks for one that cannot be stat'ed now.
  for (const i of inputs) {
    const s = statOrNull(i);
    if (s) byId.set(`${s.dev}:${s.ino}`, i);
    else byReal.set(realOf(i), i);
  }
  for (const { path, s } of existing) {
    const input = byId.get(`${s.dev}:${s.ino}`) ?? byReal.get(realOf(path));
    if (input !== undefined) throw isInput(path, input);
  }
}

function isInput(path: string, input: string): OutputRefusedError {
  return new OutputRefusedError(path, {
    ja: `入力ファイル ${input} と同じファイルです。入力ファイルは --force を付けても上書きしません。別の出力先を指定してください`,
    en: `this is the input file ${input}; inputs are never overwritten, not even with --force. Choose another output`,
  });
}

/**
 * For merge and audit, whose output may sit in the input folder: the file found there under the output's name is
 * left out of the inputs and replaced when it is an earlier output of the command (`earlier` says, from its content);
 * anything else there is an input, and the run is refused.
 */
export function refuseWalkedInput(files: readonly string[], output: string, earlier: (path: string) => boolean): void {
  const key = fileKey(output);
  if (key === null) return;
  for (const f of files) if (fileKey(f) === key && !earlier(f)) throw isInput(output, f);
}

/** The real path of `path`, or of its nearest existing folder followed by the rest. */
export function realOf(path: string): string {
  const rest: string[] = [];
  let p = resolve(path);
  for (;;) {
    try {
      return join(realpathSync.native(p), ...rest);
    } catch {
      if (dirname(p) === p) return resolve(path);
      rest.unshift(basename(p));
      p = dirname(p);
    }
  }
}

/** Kernel file systems that hold no files of ours (statfs f_type): proc, sysfs, devpts, cgroup, cgroup2, debugfs, tracefs, securityfs, bpf. */
const SYSTEM_FS = new Set([
  0x9fa0, 0x62656572, 0x1cd1, 0x27e0eb, 0x63677270, 0x64626720, 0x74726163, 0x73636673, 0xcafe4a11,
]);
const SYSTEM_DIRS = ['/proc', '/sys', '/dev'];

const SYSTEM_PLACE = {
  ja: 'システム用の場所（/proc、/sys、/dev など）には書き込めません。通常のフォルダを指定してください',
  en: 'this is a system location (/proc, /sys, /dev …), not a place for files. Choose an ordinary folder',
};

/**
 * Refuses an output path that is no place for a file, before anything is made: under /proc, /sys or /dev (by real
 * path and by file system type), or an existing FIFO, socket, device or — for a file output — folder.
 */
export function refuseSpecialTarget(path: string, kind: 'file' | 'folder'): void {
  const real = realOf(path);
  // /dev/shm is an ordinary (memory) file system, the one place under /dev where files belong.
  const shm = real === '/dev/shm' || real.startsWith('/dev/shm/');
  if (!shm && SYSTEM_DIRS.some((d) => real === d || real.startsWith(d + '/')))
    throw new OutputRefusedError(path, SYSTEM_PLACE);
  let existing = resolve(path);
  while (!statOrNull(existing) && dirname(existing) !== existing) existing = dirname(existing);
  try {
    if (SYSTEM_FS.has(Number(statfsSync(existing).type))) throw new OutputRefusedError(path, SYSTEM_PLACE);
  } catch (err) {
    if (err instanceof OutputRefusedError) throw err;
  }
  const s = statOrNull(path);
  if (!s) return;
  if (kind === 'folder' ? s.isDirectory() : s.isFile()) return;
  // A folder where a file goes, or a file where a folder goes: the file system's own words (cli.ts prints them).
  if (s.isDirectory() || s.isFile()) {
    const code = s.isDirectory() ? 'EISDIR' : 'ENOTDIR';
    throw Object.assign(new Error(`${code}: ${path}`), { code, syscall: 'open', path });
  }
  throw new OutputRefusedError(path, {
    ja: '通常のファイルではありません（FIFO・ソケット・デバイス）',
    en: 'it is not a regular file (a FIFO, socket or device)',
  });
}

/** An input's bytes were not there to read as a regular file: the cause, for the file's result. */
export class NotRegularFileError extends Error {
  constructor(readonly path: string) {
    super(`${path} is not a regular file`);
  }
}

/**
 * Reads a whole input file. Opened with O_NONBLOCK and checked with fstat before any read, so a FIFO (or a device)
 * named like a workbook is refused at once instead of blocking. Past maxBytes, nothing is read (bytes null).
 */
export function readRegularFileSync(path: string, maxBytes = Infinity): { bytes: Buffer | null; stats: Stats } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new NotRegularFileError(path);
    if (stats.size > maxBytes) return { bytes: null, stats };
    const bytes = Buffer.allocUnsafe(stats.size);
    let at = 0;
    while (at < bytes.length) {
      const n = readSync(fd, bytes, at, bytes.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return { bytes: at === bytes.length ? bytes : bytes.subarray(0, at), stats };
  } finally {
    closeSync(fd);
  }
}

/** Device + inode of the file a path names (following links), or null when there is none. */
export function fileKey(path: string): string | null {
  const s = statOrNull(path);
  return s ? `${s.dev}:${s.ino}` : null;
}

/**
 * The inputs without the file an output names. An earlier output found while walking an input folder (a master, an
 * audit.xlsx) is not an input of the new run, however it is spelled: compared by device + inode and real path.
 */
export function withoutOutput(files: readonly string[], output: string): string[] {
  const key = fileKey(output);
  const real = realOf(output);
  return files.filter((f) => (key === null || fileKey(f) !== key) && realOf(f) !== real);
}

/** The files named on the command line (not the folders): an output may never be one of them. */
export function namedFiles(positionals: readonly string[]): string[] {
  return positionals.filter((p) => !statOrNull(p)?.isDirectory());
}
