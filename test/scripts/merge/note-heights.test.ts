// The master's 統合メモ is decided after its rows are written (a note can name a later duplicate or conflict), yet
// its row must be tall enough for it: LibreOffice prints a taller note over the next rows (issue 13 §6). Merging the
// two sample legal registers gives 23 conflicts and 11 folded duplicates, each with a note of several lines.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeFiles } from '../../../scripts/merge/merge.js';
import { PROVENANCE_ORDER } from '../../../scripts/merge/master-xml.js';
import { SAMPLE_AS_OF, writeSamples } from '../../../scripts/samples/write.js';
import { heightOf, lineCount } from '../../../scripts/xlsx/print.js';

let master: Record<string, Uint8Array>;

const unescape = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'daicho-notes-'));
  const samples = (await writeSamples(join(dir, 'samples'))).filter((p) => p.includes('legal-register'));
  expect(samples).toHaveLength(2);
  const out = join(dir, 'master.xlsx');
  await mergeFiles(samples, { out, asOf: SAMPLE_AS_OF, lang: 'ja', jobs: 0 });
  master = unzipSync(new Uint8Array(await readFile(out)));
}, 120_000);

describe('the master’s 統合メモ rows', () => {
  it('are each tall enough for their note', () => {
    const sst = [...strFromU8(master['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
      unescape([...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join('')),
    );
    const width = PROVENANCE_ORDER[2].width;
    const short: string[] = [];
    let notes = 0;
    for (const [name, bytes] of Object.entries(master)) {
      if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(name)) continue;
      const xml = strFromU8(bytes);
      const rows = [...xml.matchAll(/<row r="(\d+)"([^>]*)>([\s\S]*?)<\/row>/g)];
      const text = (cell: string): string | null =>
        /t="s"/.test(cell)
          ? sst[Number(/<v>(\d+)<\/v>/.exec(cell)?.[1])]
          : /t="inlineStr"/.test(cell)
            ? unescape(/<t[^>]*>([^<]*)<\/t>/.exec(cell)?.[1] ?? '')
            : null;
      // The 統合メモ column: its header cell.
      let column: string | null = null;
      for (const [, , , cells] of rows.slice(0, 5)) {
        for (const c of cells.matchAll(/<c r="([A-Z]+)\d+"[^>]*>[\s\S]*?<\/c>/g))
          if (text(c[0]) === '統合メモ') column = c[1];
      }
      if (!column) continue;
      for (const [, r, attrs, cells] of rows) {
        const cell = [...cells.matchAll(/<c r="([A-Z]+)\d+"[^>]*>[\s\S]*?<\/c>/g)].find((c) => c[1] === column);
        const note = cell ? text(cell[0]) : null;
        if (!note || note === '統合メモ') continue;
        notes++;
        const ht = Number(/ ht="([\d.]+)"/.exec(attrs)?.[1] ?? 0);
        const need = heightOf(lineCount(note, width));
        if (ht < need) short.push(`${name} row ${r}: ${ht} pt < ${need} pt for "${note}"`);
      }
    }
    expect(notes).toBeGreaterThan(40);
    expect(short).toEqual([]);
  });
});
