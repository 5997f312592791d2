// An output written piece by piece (a JSON report for thousands of files) that still appears atomically: the pieces
// go to a temporary file beside the target, renamed over it by commit(). Nothing existing is replaced without force.
import { open, mkdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exists, OutputExistsError, tempPathFor } from './atomic.js';

export class AtomicTextWriter {
  private constructor(
    readonly path: string,
    private readonly tmp: string,
    private readonly fh: FileHandle,
  ) {}

  static async open(path: string, opts: { force?: boolean } = {}): Promise<AtomicTextWriter> {
    if (!opts.force && (await exists(path))) throw new OutputExistsError(path);
    await mkdir(dirname(path), { recursive: true });
    const tmp = tempPathFor(path);
    return new AtomicTextWriter(path, tmp, await open(tmp, 'wx'));
  }

  async write(text: string): Promise<void> {
    await this.fh.write(text);
  }

  async commit(): Promise<void> {
    try {
      await this.fh.close();
      await rename(this.tmp, this.path);
    } catch (err) {
      await rm(this.tmp, { force: true });
      throw err;
    }
  }

  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }
}
