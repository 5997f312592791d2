// An output written piece by piece (a JSON report for thousands of files) that still appears atomically: the pieces
// go to a temporary file beside the target, renamed over it by commit(). Nothing existing is replaced without force.
import { open, mkdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exists, namingOutput, OutputExistsError, tempPathFor } from './atomic.js';

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
    try {
      return new AtomicTextWriter(path, tmp, await open(tmp, 'wx'));
    } catch (err) {
      throw namingOutput(err, path);
    }
  }

  async write(text: string): Promise<void> {
    try {
      await this.fh.write(text);
    } catch (err) {
      await this.abort();
      throw namingOutput(err, this.path);
    }
  }

  async commit(): Promise<void> {
    try {
      await this.fh.close();
      await rename(this.tmp, this.path);
    } catch (err) {
      await rm(this.tmp, { force: true });
      throw namingOutput(err, this.path);
    }
  }

  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    await rm(this.tmp, { force: true });
  }
}
