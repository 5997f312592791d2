// readSharedStringsFromBytes (the shared strings read straight from the bytes) must give exactly the strings the
// general reader gives, or not take the part: on the real-world corpus, on hand-written items of every kind, on our
// checklists as LibreOffice saves them, and on randomly damaged parts.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { supplierChecklist } from '../../../templates/supplier-checklist/index.js';
import { readSharedStrings, readXlsx } from '../../../scripts/io/read-xlsx.js';
import { templateBuffer } from '../../../scripts/xlsx/template-writer.js';
import { hasLibreOffice, resaveWithLibreOffice } from '../../helpers/producers.js';
import { readSharedStringsFromBytes } from '../../../scripts/io/shared-strings.js';
import { UnreadableError } from '../../../scripts/io/unreadable.js';
import { NS } from './fixtures.js';
import { damage, rng } from '../../helpers/random.js';
import { corpusParts } from '../../helpers/corpus.js';

const enc = (s: string) => new TextEncoder().encode(s);
const sst = (items: string, attrs = ` count="9" uniqueCount="9"`) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${NS}"${attrs}>${items}</sst>`;

/** The general reader's strings, or its verdict. */
function general(data: Uint8Array): string[] | { error: string } {
  try {
    return readSharedStrings(data, 'xl/sharedStrings.xml', 7);
  } catch (err) {
    if (err instanceof UnreadableError) return { error: err.code };
    throw err;
  }
}

/** Taken (and then the general reader's strings) or not taken. */
function compare(data: Uint8Array, label: string): boolean {
  const fast = readSharedStringsFromBytes(data, 'xl/sharedStrings.xml');
  if (fast === null) return false;
  expect(fast, label).toEqual(general(data));
  return true;
}

// What Excel, LibreOffice and others write: plain, rich runs, furigana, phonetic properties, entities, escapes.
const ITEMS = [
  '<si><t>氏名</t></si>',
  '<si><t xml:space="preserve"> a &amp; b &lt;&gt; &quot;&apos; &#12475;&#x1F600; </t></si>',
  '<si><r><rPr><sz val="11"/><rFont val="DejaVu Sans"/><family val="2"/></rPr><t xml:space="preserve">株式会社 第</t></r><r><rPr><b/><sz val="11"/><color rgb="FF595959"/><rFont val="Yu Gothic"/><charset val="1"/></rPr><t xml:space="preserve">2</t></r><r><t>工場</t></r></si>',
  '<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>',
  '<si><r><t>漢</t></r><rPh sb="0" eb="1"><t>カン</t></rPh><r><t>字</t></r></si>',
  '<si><t>_x000D__x000A_line_x005F_x0041_</t></si>',
  '<si/>',
  '<si><t/></si>',
  "<si>\n  <t xml:space='preserve'>tab\tand\nline</t>\n</si>",
  '<si><t>𠮷 ﾃｽﾄ</t></si>',
];

describe('readSharedStringsFromBytes', () => {
  it('gives the general reader’s strings for every shared strings part of the real-world corpus', () => {
    let parts = 0;
    let taken = 0;
    for (const [name, part, data] of corpusParts((p) => /sharedStrings[^/]*\.xml$/i.test(p))) {
      parts++;
      if (compare(data, `${name} ${part}`)) taken++;
    }
    expect(parts).toBeGreaterThan(50);
    expect(taken / parts).toBeGreaterThan(0.8);
  });

  it('reads plain, rich and phonetic items, entities and escapes as the general reader does', () => {
    expect(compare(enc(sst(ITEMS.join(''))), 'all')).toBe(true);
    for (const item of ITEMS) expect(compare(enc(sst(item)), item)).toBe(true);
    expect(readSharedStringsFromBytes(enc(sst(ITEMS.join('\n'))), 'x')).toEqual([
      '氏名',
      ' a & b <> "\' セ😀 ',
      '株式会社 第2工場',
      '東京',
      '漢字',
      '\r\nline_x0041_',
      '',
      '',
      'tab\tand\nline',
      '𠮷 ﾃｽﾄ',
    ]);
    // A byte-order mark, an empty part, attributes in any quotes and order.
    expect(compare(new Uint8Array([0xef, 0xbb, 0xbf, ...enc(sst(ITEMS[0]))]), 'BOM')).toBe(true);
    expect(compare(enc(sst('', '')), 'empty')).toBe(true);
  });

  it('leaves to the general reader what it does not take, which gives the same strings or verdict', () => {
    for (const items of [
      '<si><t>a\r\nb</t></si>', // CR: saxes makes it LF
      '\r\n<si><t>a</t></si>',
      '<si>x<t>a</t></si>', // text outside <t>
      '<!-- c --><si><t>a</t></si>',
      '<si><t><![CDATA[a]]></t></si>',
      '<x:si xmlns:x="urn:x"><x:t>a</x:t></x:si>',
      '<si><t>a<b/>c</t></si>',
      '<si><rPh><rPh/><t>a</t></rPh></si>',
      '<si><si/></si>',
      '<si><r><rPr><b><i><u/></i></b></rPr><t>a</t></r></si>',
      '<si><t>a</t></si><extLst/>',
      '<t>a</t><si><t>b</t></si>',
      '<si><t>&nbsp;</t></si>',
      '<si><t>&constructor;</t></si>',
      '<si><t a="1" a="2">a</t></si>',
      '<si><t val="a&amp;b">a</t></si>',
      '<si><t>a</t ></si>',
      '<si><t>a</si>',
      '<si><t>a</t></si></sst><sst>',
    ]) {
      expect(compare(enc(sst(items)), items), items).toBe(false);
    }
    for (const doc of [
      sst('<si><t>a</t></si>').replace('<sst', '<!-- c --><sst'),
      sst('<si><t>a</t></si>') + '<!-- after -->',
      `<sst xmlns="${NS}"/>`,
      `<x:sst xmlns:x="${NS}"><x:si><x:t>a</x:t></x:si></x:sst>`,
      `<root><si><t>a</t></si><sst xmlns="${NS}"><si><t>b</t></si></sst></root>`,
    ]) {
      expect(compare(enc(doc), doc), doc).toBe(false);
    }
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...sst('')].map((c) => c.charCodeAt(0))).buffer),
    ]);
    expect(compare(utf16, 'UTF-16')).toBe(false);
  });

  it('gives the same strings, or leaves the part, on randomly damaged parts', () => {
    const rand = rng(7);
    const good = sst(ITEMS.join(''));
    const alphabet = '<>/="\' &;#x0Atsi:rPh_\r\n\t';
    let taken = 0;
    let readable = 0;
    for (let i = 0; i < 600; i++) {
      const damaged = damage(good, rand, alphabet);
      const data = enc(damaged);
      if (compare(data, damaged)) taken++;
      if (Array.isArray(general(data))) readable++;
    }
    // Most damage leaves a readable part, and the reader still takes most of those (else it would prove nothing).
    expect(readable).toBeGreaterThan(200);
    expect(taken).toBeGreaterThan(150);
  });

  it.skipIf(!hasLibreOffice())(
    'takes the rich runs of a checklist LibreOffice saved, and the whole file reads the same both ways',
    async () => {
      const ours = join(await mkdtemp(join(tmpdir(), 'daicho-sst-')), 'checklist.xlsx');
      await writeFile(ours, await templateBuffer(supplierChecklist));
      const bytes = readFileSync(await resaveWithLibreOffice(ours));
      const part = unzipSync(bytes)['xl/sharedStrings.xml'];
      expect(new TextDecoder().decode(part)).toContain('<r><rPr>');
      expect(compare(part, 'LibreOffice')).toBe(true);
      expect(readXlsx(bytes, { sheetDataFromBytes: true })).toEqual(readXlsx(bytes, { sheetDataFromBytes: false }));
    },
    120_000,
  );
});
