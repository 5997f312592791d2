// The merge's building blocks: XML text escaping, CRC combination, the zip writer, and the duplicate/conflict plan.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, inflateRawSync, constants as zc } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readZip, inflateEntry } from '../../../scripts/io/zip.js';
import { readXlsx } from '../../../scripts/io/read-xlsx.js';
import { crc32Combine } from '../../../scripts/merge/crc.js';
import { digest, SheetPlan, type SheetSummary } from '../../../scripts/merge/plan.js';
import { cellXml, dateSerial, escapeText, rowHeight } from '../../../scripts/merge/xml.js';
import { ZipWriter } from '../../../scripts/merge/zip-writer.js';
import { zipParts } from '../io/fixtures.js';
import { TRICKY } from './fixtures.js';

describe('cell XML', () => {
  const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  /** A one-sheet workbook whose A1.. cells are the given values, read back with our reader. */
  function roundTrip(values: string[]): unknown[] {
    const cells = values
      .map((v, i) => cellXml(`A${i + 1}`, v, 0, 0))
      .map((c, i) => `<row r="${i + 1}">${c}</row>`)
      .join('');
    const bytes = zipParts({
      '[Content_Types].xml': `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      '_rels/.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<?xml version="1.0"?><workbook xmlns="${NS}" xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><sheetData>${cells}</sheetData></worksheet>`,
    });
    return readXlsx(bytes).sheets[0].rows.map((r) => r[0]);
  }

  it('round-trips every tricky text and every control character through our reader', () => {
    const controls = Array.from({ length: 32 }, (_, c) => `制御${String.fromCharCode(c)}文字`);
    const texts = [
      ...TRICKY,
      ...controls,
      '\uFFFE\uFFFF',
      '孤立\uD800サロゲート',
      '_x005F_x0041_',
      '_X0041_ 小文字 _x00e9_',
    ];
    expect(roundTrip(texts)).toEqual(texts);
  });

  it('escapes only what needs escaping', () => {
    expect(escapeText('台帳 GA-001')).toBe('台帳 GA-001');
    expect(escapeText('a<b>&c')).toBe('a&lt;b&gt;&amp;c');
    expect(escapeText('CR\r')).toBe('CR&#13;');
    expect(escapeText('_x0041_')).toBe('_x005F_x0041_');
    expect(escapeText('\u0001')).toBe('_x0001_');
    expect(cellXml('B2', '  前後  ', 3, 5)).toBe(
      '<c r="B2" s="3" t="inlineStr"><is><t xml:space="preserve">  前後  </t></is></c>',
    );
    expect(cellXml('B2', 12.5, 3, 5)).toBe('<c r="B2" s="3"><v>12.5</v></c>');
    expect(cellXml('B2', 46000, 3, 5, true)).toBe('<c r="B2" s="5"><v>46000</v></c>');
    expect(cellXml('B2', true, 3, 5)).toBe('<c r="B2" s="3" t="b"><v>1</v></c>');
    expect(cellXml('B2', { error: '#REF!' }, 3, 5)).toBe('<c r="B2" s="3" t="e"><v>#REF!</v></c>');
    expect(cellXml('B2', null, 3, 5)).toBe('');
  });

  it('turns dates into 1900-system serials without a time zone shift', () => {
    expect(dateSerial(new Date(Date.UTC(2026, 3, 1)))).toBe(46113);
    expect(dateSerial(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
  });

  it('estimates taller rows for wrapped Japanese text', () => {
    expect(rowHeight(['短い'], [10])).toBe(0);
    expect(rowHeight(['全角の文字がたくさん並んだ長い説明文です'], [10])).toBeGreaterThan(30);
    expect(rowHeight(['一\n二\n三'], [30])).toBe(3 * 18.75);
  });
});

describe('crc32Combine', () => {
  it('gives the CRC of the concatenation', () => {
    for (const [a, b] of [
      [0, 0],
      [1, 1],
      [1000, 3],
      [3, 70_000],
      [123_457, 1 << 20],
    ]) {
      const x = randomBytes(a);
      const y = randomBytes(b);
      expect(crc32Combine(crc32(x), crc32(y), y.length)).toBe(crc32(Buffer.concat([x, y])));
    }
  });
});

describe('ZipWriter', () => {
  it('writes a zip our reader and concatenated deflate pieces agree on', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'daicho-zip-'));
    const path = join(dir, 'a.zip');
    const w = await ZipWriter.create(path);
    await w.add('hello.txt', 'こんにちは 𠮷');
    const pieces = ['<a>', '台帳'.repeat(10_000), '</a>'].map((s) => Buffer.from(s));
    const z = pieces.map((p, i) =>
      deflateRawSync(p, { finishFlush: i === pieces.length - 1 ? zc.Z_FINISH : zc.Z_SYNC_FLUSH }),
    );
    let crc = 0;
    for (const p of pieces) crc = crc32Combine(crc, crc32(p), p.length);
    const size = pieces.reduce((n, p) => n + p.length, 0);
    await w.addRaw('joined.xml', {
      crc,
      size,
      compressedSize: z.reduce((n, p) => n + p.length, 0),
      write: async (out) => {
        for (const p of z) await out.append(p);
      },
    });
    await w.finish();
    const zip = readZip(await readFile(path));
    expect(zip.entries.map((e) => e.name)).toEqual(['hello.txt', 'joined.xml']);
    expect(new TextDecoder().decode(inflateEntry(zip, zip.entries[0], 1 << 20))).toBe('こんにちは 𠮷');
    const joined = inflateEntry(zip, zip.entries[1], 1 << 20);
    expect(Buffer.from(joined).equals(Buffer.concat(pieces))).toBe(true);
    expect(inflateRawSync(Buffer.concat(z)).length).toBe(size);
    // Refuses to overwrite.
    await expect(ZipWriter.create(path)).rejects.toThrow();
  });
});

describe('SheetPlan', () => {
  const summary = (rows: [key: string | null, hash: string][], extraLabels: string[] = []): SheetSummary => ({
    name: '台帳',
    keys: rows.map((r) => (r[0] === null ? null : digest(r[0]))),
    hashes: rows.map((r) => digest(r[1])),
    rows: rows.map((_, i) => i + 3),
    origins: null,
    keyTexts: rows.map((r) => r[0]),
    extraLabels,
    notes: null,
  });

  it('folds exact duplicates, keeps and groups conflicting versions, and numbers rows in order', () => {
    let slot = 0;
    const plan = new SheetPlan('台帳', 3, 36);
    const a = plan.admit(
      0,
      'a.xlsx',
      summary(
        [
          ['K1', 'h1'],
          ['K2', 'h2'],
          [null, 'n1'],
        ],
        ['メモ'],
      ),
      () => slot++,
    );
    expect(a).toEqual({ rowOf: [3, 4, 5], slotOf: [0, 1, 2], extraCols: [36], want: [] });
    const b = plan.admit(
      1,
      'b.xlsx',
      summary(
        [
          ['K1', 'h1'], // exact duplicate of a.xlsx row 3
          ['K2', 'h2b'], // conflicts with a.xlsx row 4
          [null, 'n1'], // keyless duplicate
          ['K2', 'h2'], // same as the first version of K2
          ['K3', 'h3'],
        ],
        ['備考2', 'ﾒﾓ'],
      ),
      () => slot++,
    );
    expect(b.rowOf).toEqual([0, 6, 0, 0, 7]);
    expect(b.extraCols).toEqual([37, 36]); // メモ and ﾒﾓ are one column
    expect(b.want).toEqual([1]);
    expect(plan.lastRow).toBe(7);
    expect([...plan.duplicates()].map((d) => [d.kept.masterRow, d.dropped.shownFile, d.dropped.inRow])).toEqual([
      [3, 'b.xlsx', 3],
      [4, 'b.xlsx', 6],
      [5, 'b.xlsx', 5],
    ]);
    expect(plan.conflicts()).toEqual([
      {
        group: 1,
        keyText: 'K2',
        members: [
          { file: 0, inRow: 4, shownFile: 'a.xlsx', shownRow: 4, masterRow: 4 },
          { file: 1, inRow: 4, shownFile: 'b.xlsx', shownRow: 4, masterRow: 6 },
        ],
      },
    ]);
    const notes = plan.notes();
    expect([...notes.keys()].sort()).toEqual([0, 1, 2, 3]);
    expect(notes.get(3)?.conflict?.group).toBe(1);
    expect(notes.get(1)?.duplicates).toHaveLength(1);
  });

  it('decides as a plain map of keys and contents would, over many records (its compact index grows and rehashes)', () => {
    // A reference with a string per key and content: what the plan replaced by digests in typed arrays.
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const plan = new SheetPlan('台帳', 3, 36);
    const byKey = new Map<string, { row: number; content: string }[]>();
    const byContent = new Map<string, number>();
    let next = 3;
    let slot = 0;
    let dups = 0;
    for (let file = 0; file < 12; file++) {
      const recs: [string | null, string][] = [];
      for (let i = 0; i < 3000; i++) {
        const key = rnd(10) === 0 ? null : `K${rnd(20000)}`;
        recs.push([key, `c${rnd(key === null ? 500 : 3)}`]);
      }
      const d = plan.admit(file, `f${file}.xlsx`, summary(recs), () => slot++);
      const want: number[] = [];
      const rowOf = recs.map(([key, content], i) => {
        if (key === null) {
          if (byContent.has(content)) return (dups++, 0);
          byContent.set(content, next);
          return next++;
        }
        const versions = byKey.get(key) ?? [];
        if (versions.some((v) => v.content === content)) return (dups++, 0);
        if (versions.length) want.push(i);
        versions.push({ row: next, content });
        byKey.set(key, versions);
        return next++;
      });
      expect(d.rowOf).toEqual(rowOf);
      expect(d.want).toEqual(want);
    }
    expect(plan.dropped).toBe(dups);
    expect([...plan.duplicates()]).toHaveLength(dups);
    const conflicts = [...byKey.values()].filter((v) => v.length > 1);
    expect(plan.conflicts().map((c) => c.members.map((m) => m.masterRow))).toEqual(
      conflicts.map((v) => v.map((x) => x.row)).sort((a, b) => a[0] - b[0]),
    );
    const kept = [...plan.duplicates()].map((x) => x.kept.masterRow);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
  });
});
