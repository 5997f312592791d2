// One rounding of a rate for every output (issue 13 §7: the pane said 95 %, the CLI 94.6 %): templates/model/score.ts
// formatRate. A second copy of the rounding anywhere in the code is how the two drifted apart, so none may exist.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatRate } from '../../templates/model/score.js';

const ROOT = join(import.meta.dirname, '../..');

async function* sources(dir: string): AsyncGenerator<string> {
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (/\.tsx?$/.test(e.name)) yield p;
  }
}

describe('formatRate', () => {
  it('rounds to one decimal without a trailing .0, and shows a missing rate as —', () => {
    expect([0.946, 0.95, 0.9999, 0, 1, null, Number.NaN].map(formatRate)).toEqual([
      '94.6%',
      '95%',
      '100%',
      '0%',
      '100%',
      '—',
      '—',
    ]);
  });

  it('is the only place a rate is rounded for display', async () => {
    const copies: string[] = [];
    for (const top of ['templates', 'scripts', 'addin']) {
      for await (const file of sources(join(ROOT, top))) {
        const text = await readFile(file, 'utf8');
        text.split('\n').forEach((line, i) => {
          // A rate times 1000, rounded, over 10 (or times 100 to a fixed decimal), then a percent sign.
          if (/\*\s*1000\)\s*\/\s*10\b|\*\s*100\)\.toFixed\(/.test(line))
            copies.push(`${relative(ROOT, file)}:${i + 1}`);
        });
      }
    }
    expect(copies.filter((c) => !c.startsWith('templates/model/score.ts:'))).toEqual([]);
    expect(copies).toHaveLength(1);
  });
});
