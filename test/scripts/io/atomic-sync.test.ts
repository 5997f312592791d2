// writeFileAtomicSync, the pool jobs' atomic write (annotated copies): the same promises as writeFileAtomic — a
// missing folder is made, an existing file is replaced only with force, a failure names the output and leaves no
// temporary file.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputExistsError, writeFileAtomicSync } from '../../../scripts/io/atomic.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daicho-atomic-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const bytes = (s: string) => new TextEncoder().encode(s);

describe('writeFileAtomicSync', () => {
  it('makes the missing folders and leaves only the output', () => {
    const out = join(dir, 'a', 'b', 'copy.xlsx');
    writeFileAtomicSync(out, bytes('one'));
    expect(readFileSync(out, 'utf8')).toBe('one');
    expect(readdirSync(join(dir, 'a', 'b'))).toEqual(['copy.xlsx']);
  });

  it('replaces an existing file only with force', () => {
    const out = join(dir, 'copy.xlsx');
    writeFileSync(out, 'old');
    expect(() => writeFileAtomicSync(out, bytes('new'))).toThrow(OutputExistsError);
    expect(readFileSync(out, 'utf8')).toBe('old');
    writeFileAtomicSync(out, bytes('new'), { force: true });
    expect(readFileSync(out, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['copy.xlsx']);
  });

  it('names the output, not its temporary file, when a file stands where a folder should be', () => {
    writeFileSync(join(dir, 'a-file'), 'x');
    const out = join(dir, 'a-file', 'copy.xlsx');
    let err: NodeJS.ErrnoException | undefined;
    try {
      writeFileAtomicSync(out, bytes('one'));
    } catch (e) {
      err = e as NodeJS.ErrnoException;
    }
    expect(err?.code).toMatch(/^(ENOTDIR|EEXIST)$/);
    expect(err?.message).toContain('a-file');
    expect(err?.message).not.toMatch(/\.tmp/);
    expect(readdirSync(dir)).toEqual(['a-file']);
  });

  it('leaves no temporary file when the output is a folder', () => {
    // A folder where the output goes: the rename fails, the temporary file is removed.
    const out = join(dir, 'copy.xlsx');
    mkdirSync(out);
    expect(() => writeFileAtomicSync(out, bytes('one'), { force: true })).toThrow(/copy\.xlsx/);
    expect(readdirSync(dir)).toEqual(['copy.xlsx']);
  });
});
