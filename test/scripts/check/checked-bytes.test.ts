// A file replaced between its check and its annotation (issue 10 §3): the copy is made from the bytes that were
// checked, so it carries that file's content and that file's marks — never one file's marks on another's cells.
import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { checkJob } from '../../../scripts/pool/check-job.js';
import { readXlsx } from '../../../scripts/io/read-xlsx.js';
import { SAMPLE_AS_OF, writeSamples } from '../../../scripts/samples/write.js';

const hooks = vi.hoisted(() => ({ afterCheck: null as null | (() => Promise<void>) }));

vi.mock('../../../scripts/check-file.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../scripts/check-file.js')>();
  return {
    ...real,
    checkFile: async (...args: Parameters<typeof real.checkFile>) => {
      const result = await real.checkFile(...args);
      await hooks.afterCheck?.();
      return result;
    },
  };
});

let dir: string;
let samples: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daicho-checked-bytes-'));
  samples = await writeSamples(join(dir, 'samples'));
}, 60_000);

function texts(bytes: Uint8Array): string[] {
  return readXlsx(bytes).sheets.flatMap((s) => s.rows.flatMap((r) => r.map((v) => (typeof v === 'string' ? v : ''))));
}

describe('a file replaced between its check and its annotation', () => {
  it('annotates the bytes that were checked, not the file that replaced them', async () => {
    const input = join(dir, 'return.xlsx');
    await copyFile(
      samples.find((p) => p.includes('sc-03'))!,
      input,
    );
    const replacement = samples.find((p) => p.includes('sc-01'))!;
    hooks.afterCheck = () => copyFile(replacement, input);
    const out = join(dir, 'copies', 'return.xlsx');
    const r = await checkJob({
      kind: 'check',
      path: input,
      options: { asOf: SAMPLE_AS_OF, annotate: { out, lang: 'ja', force: false } },
    });
    hooks.afterCheck = null;
    expect(r.annotateError).toBeUndefined();
    expect(r.annotated).toBe(out);
    expect(r.file.status).toBe('invalid');
    const copy = texts(await readFile(out));
    // The copy is the checked return (さくら見本梱包, with its findings), not the replacement (見本精機).
    expect(copy).toContain('有限会社さくら見本梱包');
    expect(copy).not.toContain('見本精機株式会社');
    // And the input on disk is what replaced it, untouched by the run.
    expect(await readFile(input)).toEqual(await readFile(replacement));
  });
});
