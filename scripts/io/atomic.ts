// Outputs are written atomically: to a temporary file beside the target, then renamed over it. Nothing existing
// is overwritten unless the caller says so (--force).
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { UserError } from '../errors.js';

export class OutputExistsError extends UserError {
  constructor(readonly path: string) {
    super({
      ja: `${path} は既にあります。上書きするには --force を付けてください`,
      en: `${path} already exists (use --force to overwrite)`,
    });
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Write `data` to `path` atomically; refuse to replace an existing file unless `force`. */
export async function writeFileAtomic(path: string, data: Uint8Array | string, opts: { force?: boolean } = {}): Promise<void> {
  if (!opts.force && (await exists(path))) throw new OutputExistsError(path);
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Fails now, with the file system's own error (ENOTDIR, EACCES, EISDIR …), where writing `path` at the end of a long
 * run would fail: its folder is made and a temporary file created and removed beside it.
 */
export async function probeWritable(path: string): Promise<void> {
  const s = await stat(path).catch(() => null);
  if (s?.isDirectory()) {
    throw Object.assign(new Error(`EISDIR: ${path} is a folder`), { code: 'EISDIR', syscall: 'open', path });
  }
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempPathFor(path);
  await (await open(tmp, 'wx')).close();
  await rm(tmp, { force: true });
}
