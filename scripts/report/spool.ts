// Text that must wait (the findings, printed after every file's line) without staying in memory: kept in memory up to
// a few MB, then appended to a temporary file, and read back in order at the end. The file is one of this process's
// temporary files (tempPathFor), so an interrupt removes it too.
import { createReadStream } from 'node:fs';
import { appendFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempPathFor } from '../io/atomic.js';

const KEEP_CHARS = 4 << 20;

export class Spool {
  private parts: string[] = [];
  private size = 0;
  private file: string | null = null;

  /** Appends lines (each ends with a line feed). */
  async lines(lines: Iterable<string>): Promise<void> {
    for (const l of lines) {
      this.parts.push(l, '\n');
      this.size += l.length + 1;
    }
    if (this.size >= KEEP_CHARS) await this.spill();
  }

  private async spill(): Promise<void> {
    this.file ??= tempPathFor(join(tmpdir(), 'daicho-findings.txt'));
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    await appendFile(this.file, text, 'utf8');
  }

  /** Everything, in order, in chunks of text; then the spool is empty and its file gone. */
  async *drain(): AsyncGenerator<string> {
    if (this.file) {
      await this.spill();
      for await (const chunk of createReadStream(this.file, { encoding: 'utf8', highWaterMark: 1 << 20 }))
        yield chunk as string;
    } else if (this.parts.length) {
      yield this.parts.join('');
    }
    this.parts = [];
    this.size = 0;
    await this.close();
  }

  async close(): Promise<void> {
    if (this.file) await rm(this.file, { force: true });
    this.file = null;
  }
}
