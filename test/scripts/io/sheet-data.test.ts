// readSheetData (sheetData read straight from the bytes) must give exactly the cells the general scanner gives, or
// not take the part: on the real-world corpus, on hand-written cells of every kind, and on randomly damaged sheets.
import { readdirSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readXlsx, UnreadableError } from '../../../scripts/io/read-xlsx.js';
import { readSheetData } from '../../../scripts/io/sheet-data.js';
import { buildPackage, NS, stylesXml } from './fixtures.js';
import { damage, rng } from '../../helpers/random.js';
import { CORPUS } from '../check/cli-helpers.js';

/** The grid both ways, or the error code both ways. */
function bothWays(bytes: Uint8Array): { fromBytes: unknown; general: unknown } {
  const read = (sheetDataFromBytes: boolean): unknown => {
    try {
      return readXlsx(bytes, { sheetDataFromBytes, fileName: 'f.xlsx' });
    } catch (err) {
      if (err instanceof UnreadableError) return { error: err.code, detail: err.detail };
      throw err;
    }
  };
  return { fromBytes: read(true), general: read(false) };
}

const enc = (s: string) => new TextEncoder().encode(s);
const worksheet = (content: string, after = '') =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS}"><dimension ref="A1"/><sheetData>${content}</sheetData>${after}</worksheet>`;
const takes = (xml: string) =>
  readSheetData(enc(xml), { sst: ['a', 'b'], dateXf: [false, true], budget: { cells: 1000 }, part: 'x' }) !== null;

const CELLS = [
  '<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45123.5</v></c><c r="C1" s="1"/><c r="D1" t="s"><v>007</v></c><c r="E1" t="s"><v>9</v></c></row>',
  "<row r='2'>\n  <c r='A2' t='inlineStr'><is><t xml:space='preserve'> a &amp; b &lt;&gt; </t></is></c>\n  <c r='B2' t='inlineStr'><is><t>x</t><t>_x0041_y</t></is></c><c r='C2' t='inlineStr'><is/></c>\n</row>",
  '<row r="3"><c r="A3" t="str"><f>IF(A1&gt;0,"&gt;","x")</f><v>&gt;</v></c><c r="B3"><f t="shared" ref="B3:B9" si="0">A3*2</f><v>4</v></c><c r="C3"><f t="shared" si="0"/><v>6</v></c><c r="D3"><f/></c></row>',
  '<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="b"><v>TRUE</v></c><c r="C4" t="e"><v>#N/A</v></c><c r="D4" t="d"><v>2021-01-01T10:10:10</v></c><c r="E4" t="d"><v>10:10</v></c><c r="F4" t="d"><v>soon</v></c></row>',
  '<row r="5"><c r="A5" t="str"><v xml:space="preserve">漢字 𠮷</v></c><c r="B5"><v>1e3</v></c><c r="C5"><v>abc</v></c><c r="D5" t="n"><v></v></c><c r="E5"><v/></c><c r="F5" t="x"><v>1</v></c></row>',
  '<row><c><v>1</v></c><c><v>2</v></c></row><row r="9"><c r="a9"><v>3</v></c><c r="$B$9"><v>4</v></c><c r="C09" s="1"><v>5</v></c><c r="?"><v>6</v></c><c r="E9" s="1.0"><v>7</v></c></row>',
  '<row r="10"/><row r="11" ht="20" customHeight="1"></row><row r="12"><c r="A12" s="" t="s"><v>1</v></c><c r="B12" t="s"><v> 1</v></c><c r="C12" t="s"><v>1234567890</v></c></row>',
];

describe('readSheetData', () => {
  it('gives the general reader’s grid for every file of the real-world corpus, and takes most of its sheets', () => {
    let taken = 0;
    let sheets = 0;
    for (const name of readdirSync(CORPUS).filter((f) => /\.xls[xm]$/i.test(f))) {
      const bytes = readFileSync(`${CORPUS}/${name}`);
      const { fromBytes, general } = bothWays(bytes);
      expect(isDeepStrictEqual(fromBytes, general), name).toBe(true);
      let parts: Record<string, Uint8Array>;
      try {
        parts = unzipSync(bytes);
      } catch {
        continue;
      }
      for (const [part, data] of Object.entries(parts)) {
        if (
          !/^xl\/worksheets\/[^/]+\.xml$/.test(part) ||
          !/<sheetData[ >]/.test(new TextDecoder().decode(data.subarray(0, 65536)))
        )
          continue;
        sheets++;
        if (readSheetData(data, { sst: [], dateXf: [], budget: { cells: 5e6 }, part })) taken++;
      }
    }
    // Not taken today: prefixed names (<x:c>), CR in text, rich inline strings, fuzzed content.
    expect(sheets).toBeGreaterThan(200);
    expect(taken / sheets).toBeGreaterThan(0.9);
  });

  it('reads every kind of cell as the general reader does', () => {
    const spec = {
      sharedStrings: ['氏名', 'b'],
      styles: stylesXml({ 164: 'yyyy/mm/dd' }, [0, 164]),
      sheets: [{ name: 'S', data: CELLS.join('\n') }],
    };
    const bytes = buildPackage(spec);
    const { fromBytes, general } = bothWays(bytes);
    expect(fromBytes).toEqual(general);
    const sheet = (
      fromBytes as { sheets: { rows: unknown[][]; formulas: Record<string, string>; dateCells: Set<string> }[] }
    ).sheets[0];
    // C1 has no value; D1 and E1 point past the shared strings.
    expect(sheet.rows[0]).toEqual(['氏名', 45123.5]);
    expect(sheet.formulas).toEqual({ A3: 'IF(A1>0,">","x")', B3: 'A3*2', C3: 'A3*2', D3: '' });
    expect([...sheet.dateCells].sort()).toEqual(['B1', 'C09', 'E9']);
    for (const cells of CELLS) expect(takes(worksheet(cells)), cells).toBe(true);
  });

  it('leaves to the general reader what it does not take', () => {
    for (const content of [
      '<!-- c --><row r="1"/>',
      '<row r="1"><c r="A1" t="inlineStr"><is><r><t>x</t></r></is></c></row>',
      '<row r="1"><c r="A1" t="str"><v>a\r\nb</v></c></row>',
      '<row r="1"><c r="A1" note="a&amp;b"><v>1</v></c></row>',
      '<row r="1"><c r="A1" r="B1"><v>1</v></c></row>',
      '<row r="1"><c r="A1"><v>1</v><v>2</v></c></row>',
      '<row r="1"><c r="A1"><extLst/></c></row>',
      '<c r="A1"><v>1</v></c>',
      '<row r="x"/>',
      '<row r="1"><c r="A1"><v>1</v></c ></row>',
    ]) {
      expect(takes(worksheet(content)), content).toBe(false);
    }
    expect(
      takes(
        worksheet('<row r="1"/>')
          .replace(/sheetData/g, 'x:sheetData')
          .replace('<worksheet', `<worksheet xmlns:x="${NS}"`),
      ),
    ).toBe(false);
    expect(takes(worksheet('<row r="1"/>', '<!-- after -->'))).toBe(false);
    expect(takes(worksheet('<row r="1"/>', '<sheetData/>'))).toBe(false);
  });

  it('refuses what the general reader refuses, with the same verdict', () => {
    for (const [content, code] of [
      ['<row r="1"><c r="XFE1"><v>1</v></c></row>', 'malformed-xml'],
      ['<row r="1048577"/>', 'malformed-xml'],
      [`<row r="1">${'<c><v>1</v></c>'.repeat(20)}</row>`, 'too-many-cells'],
    ] as const) {
      const bytes = buildPackage({ sheets: [{ name: 'S', data: content }] });
      const read = (fromBytes: boolean) => {
        try {
          readXlsx(bytes, { sheetDataFromBytes: fromBytes, maxCells: 10 });
          return 'grid';
        } catch (err) {
          return (err as UnreadableError).code;
        }
      };
      expect(read(true), content).toBe(code);
      expect(read(false), content).toBe(code);
    }
  });

  it('gives the same grid or the same verdict as the general reader on randomly damaged sheets', () => {
    const rand = rng(11);
    const good = CELLS.join('');
    const alphabet = '<>/="\' &;#x0Avcfrist:_\r\n\t';
    let grids = 0;
    for (let i = 0; i < 400; i++) {
      const damaged = damage(good, rand, alphabet);
      const bytes = buildPackage({ sharedStrings: ['a', 'b'], sheets: [{ name: 'S', data: damaged }] });
      const { fromBytes, general } = bothWays(bytes);
      expect(fromBytes, damaged).toEqual(general);
      if (!('error' in (general as object))) grids++;
    }
    // Most damage still leaves a readable sheet (the test would prove nothing if every case were an error).
    expect(grids).toBeGreaterThan(60);
  });
});
