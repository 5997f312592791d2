import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { cellAt, type Grid, type GridSheet } from '../../../templates/model/grid.js';
import { readSheetNames, readXlsx, readXlsxFile, UnreadableError } from '../../../scripts/io/read-xlsx.js';
import { buildPackage, codeOf, NS, REL_NS, stylesXml, writeWithExcelJS, zipParts } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'daicho-io-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sheet(grid: Grid, name: string): GridSheet {
  const s = grid.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name} in ${grid.sheets.map((x) => x.name).join(', ')}`);
  return s;
}

describe('readXlsxFile on a workbook written by exceljs', () => {
  async function write(date1904: boolean): Promise<string> {
    const bytes = await writeWithExcelJS((wb) => {
      wb.properties.date1904 = date1904;
      const ws = wb.addWorksheet('台帳');
      ws.addRow(['氏名', '取得日', '件数', '有効', '参照', '倍', '外部']);
      ws.addRow([
        '山田 太郎',
        new Date(Date.UTC(2024, 3, 1)),
        2,
        true,
        { error: '#REF!' },
        { formula: 'C2*2', result: 4 },
        { formula: '[1]Sheet1!A1', result: 5 },
      ]);
      ws.addRow([
        '鈴木 花子',
        new Date(Date.UTC(2023, 11, 31)),
        3,
        false,
        null,
        { sharedFormula: 'F2', result: 6 },
        null,
      ]);
      ws.getCell('B2').numFmt = 'yyyy/mm/dd';
      ws.getCell('B3').numFmt = 'yyyy"年"m"月"d"日"';
      ws.getCell('F2').value = {
        formula: 'C2*2',
        result: 4,
        shareType: 'shared',
        ref: 'F2:F3',
      } as ExcelJS.CellFormulaValue;
      ws.getCell('C3').numFmt = '#,##0;[Red]-#,##0';
      const hidden = wb.addWorksheet('メモ');
      hidden.state = 'hidden';
      hidden.getCell('A1').value = 'memo';
      const tag = wb.addWorksheet('_daicho');
      tag.state = 'veryHidden';
      tag.getCell('A1').value = 'pi-ledger@1';
      wb.definedNames.add("'_daicho'!$A$1", '_daicho_template');
    });
    const path = join(tmp, `exceljs-${date1904 ? '1904' : '1900'}.xlsx`);
    writeFileSync(path, bytes);
    return path;
  }

  it('reads strings, numbers, dates as serials, booleans, errors, formulas, states and names', async () => {
    const grid = await readXlsxFile(await write(false));
    expect(grid.sheets.map((s) => [s.name, s.state])).toEqual([
      ['台帳', 'visible'],
      ['メモ', 'hidden'],
      ['_daicho', 'veryHidden'],
    ]);
    expect(grid.date1904).toBe(false);
    const s = sheet(grid, '台帳');
    expect(s.rows[0]).toEqual(['氏名', '取得日', '件数', '有効', '参照', '倍', '外部']);
    expect(cellAt(s, 1, 0)).toBe('山田 太郎');
    expect(cellAt(s, 1, 1)).toBe(45383); // 2024-04-01
    expect(cellAt(s, 2, 1)).toBe(45291); // 2023-12-31
    expect(s.dateCells).toEqual(new Set(['B2', 'B3']));
    expect(cellAt(s, 1, 2)).toBe(2);
    expect(cellAt(s, 1, 3)).toBe(true);
    expect(cellAt(s, 2, 3)).toBe(false);
    expect(cellAt(s, 1, 4)).toEqual({ error: '#REF!' });
    expect(cellAt(s, 1, 5)).toBe(4);
    expect(cellAt(s, 2, 5)).toBe(6);
    expect(s.formulas).toEqual({ F2: 'C2*2', F3: 'C2*2', G2: '[1]Sheet1!A1' });
    expect(cellAt(sheet(grid, '_daicho'), 0, 0)).toBe('pi-ledger@1');
    expect(grid.names?._daicho_template).toMatch(/_daicho'?!\$A\$1$/);
  });

  it('keeps serials in the 1904 system and says so', async () => {
    const grid = await readXlsxFile(await write(true));
    expect(grid.date1904).toBe(true);
    expect(cellAt(sheet(grid, '台帳'), 1, 1)).toBe(45383 - 1462);
  });
});

describe('readXlsx on hand-made packages', () => {
  it('skips furigana (<rPh>) and decodes _xHHHH_ escapes in shared strings', () => {
    const grid = readXlsx(
      buildPackage({
        sharedStrings: [
          '<r><t>山田</t></r><r><rPr><b/></rPr><t>太郎</t></r><rPh sb="0" eb="2"><t>ヤマダ</t></rPh><rPh sb="2" eb="4"><t>タロウ</t></rPh><phoneticPr fontId="1"/>',
          '<t>東京都</t><rPh sb="0" eb="3"><t>トウキョウト</t></rPh><phoneticPr fontId="1" type="noConversion"/>',
          '<t xml:space="preserve">line1_x000D_\nline2 </t>',
          '<t>_x005F_x000D_ stays literal</t>',
          '<t/>',
        ],
        sheets: [
          {
            name: 'S',
            data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>',
          },
        ],
      }),
    );
    expect(grid.sheets[0].rows[0]).toEqual(['山田太郎', '東京都', 'line1\r\nline2 ', '_x000D_ stays literal', '']);
  });

  it('reads inline strings (with runs and furigana), t="str", t="b", t="e", t="d" and numbers', () => {
    const grid = readXlsx(
      buildPackage({
        sheets: [
          {
            name: 'S',
            data:
              '<row r="1">' +
              '<c r="A1" t="inlineStr"><is><t>インライン</t></is></c>' +
              '<c r="B1" t="inlineStr"><is><r><t>株式会社</t></r><r><t>山田</t></r><rPh sb="4" eb="6"><t>ヤマダ</t></rPh></is></c>' +
              '<c r="C1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>' +
              '<c r="D1" t="b"><v>1</v></c><c r="E1" t="b"><v>0</v></c>' +
              '<c r="F1" t="e"><v>#N/A</v></c>' +
              '<c r="G1" t="d"><v>2024-04-01T00:00:00</v></c>' +
              '<c r="H1" t="d"><v>2024-04-01</v></c>' +
              '<c r="I1" t="d"><v>2024-04-01T09:30:00+09:00</v></c>' +
              '<c r="J1"><v>-1.5E-3</v></c><c r="K1" t="n"><v>42</v></c>' +
              '<c r="L1" s="0"/>' +
              '<c r="M1" t="inlineStr"><is><t>a_x000D_b</t></is></c>' +
              '<c r="N1" t="d"><v>10:10:10</v></c>' +
              '</row>',
          },
        ],
      }),
    );
    const row = grid.sheets[0].rows[0];
    expect(row.slice(0, 6)).toEqual(['インライン', '株式会社山田', 'ab', true, false, { error: '#N/A' }]);
    expect(row[6]).toEqual(new Date(Date.UTC(2024, 3, 1)));
    expect(row[7]).toEqual(new Date(Date.UTC(2024, 3, 1)));
    expect(row[8]).toEqual(new Date(Date.UTC(2024, 3, 1, 0, 30)));
    expect(row[9]).toBe(-0.0015);
    expect(row[10]).toBe(42);
    expect(row[11]).toBeUndefined();
    expect(row[12]).toBe('a\rb');
    expect(row[13]).toEqual(new Date(Date.UTC(1899, 11, 30, 10, 10, 10)));
    expect(grid.sheets[0].formulas).toEqual({ C1: '"a"&"b"' });
  });

  it('places cells that have no r attribute (and rows without r) where Excel would', () => {
    const grid = readXlsx(
      buildPackage({
        sheets: [
          {
            name: 'S',
            data:
              '<row><c><v>1</v></c><c><v>2</v></c></row>' +
              '<row r="3"><c><v>3</v></c><c r="D3"><v>4</v></c><c><v>5</v></c></row>' +
              '<row><c t="inlineStr"><is><t>x</t></is></c></row>',
          },
        ],
      }),
    );
    const s = grid.sheets[0];
    expect(s.rows[0]).toEqual([1, 2]);
    expect(s.rows[1]).toBeUndefined();
    expect([cellAt(s, 2, 0), cellAt(s, 2, 3), cellAt(s, 2, 4)]).toEqual([3, 4, 5]);
    expect(cellAt(s, 3, 0)).toBe('x');
  });

  it('marks cells with date formats (built-in and custom) and nothing else', () => {
    const xfs = [0, 14, 164, 165, 166, 167, 168, 169, 49, 31, 170];
    const grid = readXlsx(
      buildPackage({
        styles: stylesXml(
          {
            164: 'yyyy/mm/dd',
            165: '[Red]#,##0',
            166: '"yen "#,##0',
            167: '[$-411]ggge"年"m"月"d"日"',
            168: '[h]:mm:ss',
            169: '0.00_);[Red]\\(0.00\\)',
            170: '#,##0 "days"',
          },
          xfs,
        ),
        sheets: [
          {
            name: 'S',
            data: `<row r="1">${xfs.map((_, i) => `<c r="${String.fromCharCode(65 + i)}1" s="${i}"><v>45383</v></c>`).join('')}<c r="Z1" s="1" t="s"/></row>`,
          },
        ],
      }),
    );
    expect([...(grid.sheets[0].dateCells ?? [])].sort()).toEqual(['B1', 'C1', 'F1', 'J1']); // G1 [h]:mm:ss is elapsed time: test/templates/numfmt.test.ts
    expect(grid.sheets[0].rows[0][1]).toBe(45383);
  });

  it('honours date1904="1" and date1904="true" (which exceljs ignores)', () => {
    const wbWith = (pr: string): boolean | undefined =>
      readXlsx(buildPackage({ workbookPr: pr, sheets: [{ name: 'S', data: '' }] })).date1904;
    expect(wbWith('<workbookPr date1904="1"/>')).toBe(true);
    expect(wbWith('<workbookPr date1904="true"/>')).toBe(true);
    expect(wbWith('<workbookPr date1904="0"/>')).toBe(false);
    expect(wbWith('<workbookPr date1904="false"/>')).toBe(false);
    expect(wbWith('<workbookPr/>')).toBe(false);
  });

  it('records shared formulas with the master text, array formulas, and external links', () => {
    const grid = readXlsx(
      buildPackage({
        sheets: [
          {
            name: 'S',
            data:
              '<row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1*2</f><v>2</v></c><c r="B1"><f>[1]Sheet1!$A$1</f><v>1</v></c></row>' +
              '<row r="2"><c r="A2"><f t="shared" si="0"/><v>4</v></c><c r="B2"><f t="array" ref="B2">SUM(C1:C3)</f><v>0</v></c></row>' +
              '<row r="3"><c r="A3"><f t="shared" si="0"/></c><c r="B3" t="e"><f>#REF!+1</f><v>#REF!</v></c></row>',
            // extLst formulas (<xm:f>) outside sheetData are not cell formulas.
            after:
              '<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:cfRule type="expression" priority="1" id="{1}"><xm:f>Z1</xm:f></x14:cfRule><xm:sqref>A1</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>',
          },
        ],
      }),
    );
    const s = grid.sheets[0];
    expect(s.formulas).toEqual({
      A1: 'B1*2',
      B1: '[1]Sheet1!$A$1',
      A2: 'B1*2',
      B2: 'SUM(C1:C3)',
      A3: 'B1*2',
      B3: '#REF!+1',
    });
    expect(cellAt(s, 2, 0)).toBeNull();
    expect(cellAt(s, 2, 1)).toEqual({ error: '#REF!' });
  });

  it('keeps workbook-scoped names and skips sheet-scoped ones', () => {
    const grid = readXlsx(
      buildPackage({
        sheets: [
          { name: 'Data', data: '' },
          {
            name: '_daicho',
            data: '<row r="1"><c r="A1" t="inlineStr"><is><t>tag</t></is></c></row>',
            state: 'veryHidden',
          },
        ],
        definedNames:
          `<definedName name="_daicho_template" hidden="1">'_daicho'!$A$1</definedName>` +
          '<definedName name="Rate">0.1</definedName>' +
          '<definedName name="_xlnm.Print_Area" localSheetId="0">Data!$A$1:$C$9</definedName>',
      }),
    );
    expect(grid.names).toEqual({ _daicho_template: "'_daicho'!$A$1", Rate: '0.1' });
    expect(grid.sheets[1].state).toBe('veryHidden');
  });

  it('follows relationships to non-standard part paths, absolute or relative, in any letter case', () => {
    const sheets = [
      { name: 'One', data: '<row r="1"><c r="A1"><v>1</v></c></row>', path: 'book/data/first.xml' },
      { name: 'Two', data: '<row r="1"><c r="A1"><v>2</v></c></row>', path: 'book/data/second.xml' },
    ];
    for (const absoluteTargets of [false, true]) {
      const grid = readXlsx(
        buildPackage({ workbookPath: 'book/main.xml', absoluteTargets, sheets, sharedStrings: ['x'] }),
      );
      expect(grid.sheets.map((s) => [s.name, s.rows[0][0]])).toEqual([
        ['One', 1],
        ['Two', 2],
      ]);
    }
    // Relationship says worksheets/sheet1.xml, the zip holds xl/Worksheets/Sheet1.xml.
    const bytes = buildPackage({
      sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>7</v></c></row>', path: 'xl/Worksheets/Sheet1.xml' }],
      extra: {
        'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      },
    });
    expect(readXlsx(bytes).sheets[0].rows[0][0]).toBe(7);
  });

  it('reads parts whose elements carry a namespace prefix (<x:c>)', () => {
    const ws = `<?xml version="1.0"?><x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>p</x:t></x:is></x:c><x:c r="B1"><x:v>3</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const bytes = buildPackage({ sheets: [{ name: 'S', data: '' }], extra: { 'xl/worksheets/sheet1.xml': ws } });
    expect(readXlsx(bytes).sheets[0].rows[0]).toEqual(['p', 3]);
  });

  it('leaves chart sheets out, like Office.js worksheets', () => {
    const bytes = buildPackage({
      sheets: [{ name: 'S', data: '' }],
      extra: {
        'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="Chart1" sheetId="2" r:id="rIdC"/><sheet name="S" sheetId="1" r:id="rIdS1"/></sheets></workbook>`,
        'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rIdC" Type="${REL_NS}/chartsheet" Target="chartsheets/sheet1.xml"/></Relationships>`,
        'xl/chartsheets/sheet1.xml': `<chartsheet xmlns="${NS}"/>`,
      },
    });
    expect(readXlsx(bytes).sheets.map((s) => s.name)).toEqual(['S']);
    expect(readSheetNames(bytes)).toEqual([{ name: 'S', state: 'visible', part: 'xl/worksheets/sheet1.xml' }]);
  });

  it('decodes parts in slices without splitting characters', () => {
    const text = '個人情報の取扱いに関する台帳（第２版）';
    const bytes = buildPackage({
      sharedStrings: [text, 'ｶﾅ'],
      sheets: [
        {
          name: 'S',
          data: `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>${text}</t></is></c><c r="C1" t="s"><v>1</v></c></row>`,
        },
      ],
    });
    for (const chunkBytes of [1, 5, 7, 64]) {
      expect(readXlsx(bytes, { chunkBytes }).sheets[0].rows[0]).toEqual([text, text, 'ｶﾅ']);
    }
  });
});

describe('readXlsx refuses what it should not read', () => {
  const oneSheet = (data: string): Uint8Array => buildPackage({ sheets: [{ name: 'S', data }] });

  it('rejects a DOCTYPE (XML bomb) with xml-doctype', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><sst xmlns="${NS}"><si><t>&lol2;</t></si></sst>`;
    const bytes = buildPackage({
      sharedStrings: ['x'],
      sheets: [{ name: 'S', data: '' }],
      extra: { 'xl/sharedStrings.xml': bomb },
    });
    expect(codeOf(() => readXlsx(bytes))).toBe('xml-doctype');
  });

  it('caps cells and uncompressed size', () => {
    const data = `<row r="1">${Array.from({ length: 20 }, (_, i) => `<c r="${String.fromCharCode(65 + i)}1"><v>${i}</v></c>`).join('')}</row>`;
    expect(codeOf(() => readXlsx(oneSheet(data), { maxCells: 19 }))).toBe('too-many-cells');
    expect(readXlsx(oneSheet(data), { maxCells: 20 }).sheets[0].rows[0]).toHaveLength(20);
    expect(codeOf(() => readXlsx(oneSheet(data), { maxUncompressedBytes: 500 }))).toBe('too-large');
  });

  it('refuses an absurd compression ratio before inflating', () => {
    const huge = `<worksheet xmlns="${NS}"><sheetData/>${' '.repeat(64 * 1024 * 1024)}</worksheet>`;
    const bytes = buildPackage({ sheets: [{ name: 'S', data: '' }], extra: { 'xl/worksheets/sheet1.xml': huge } });
    expect(bytes.length).toBeLessThan(1024 * 1024);
    expect(codeOf(() => readXlsx(bytes))).toBe('zip-bomb');
  });

  it('stops inflating at the size the directory declares', () => {
    const bytes = oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>'.repeat(200));
    // Shrink the declared size of the worksheet in the central directory.
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    for (let p = 0; p < bytes.length - 46; p++) {
      if (
        dv.getUint32(p, true) === 0x02014b50 &&
        Buffer.from(bytes.subarray(p + 46, p + 46 + name.length)).equals(name)
      ) {
        dv.setUint32(p + 24, 100, true);
      }
    }
    expect(codeOf(() => readXlsx(bytes))).toBe('zip-bomb');
  });

  it('names damaged zips, missing parts, malformed XML and workbooks without sheets', () => {
    const good = oneSheet('<row r="1"><c r="A1"><v>1</v></c></row>');
    expect(codeOf(() => readXlsx(good.subarray(0, good.length - 30)))).toBe('damaged-zip');
    expect(codeOf(() => readXlsx(good.subarray(0, 200)))).toBe('damaged-zip');
    const broken = buildPackage({ sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>1</v></row>' }] });
    expect(codeOf(() => readXlsx(broken))).toBe('malformed-xml');
    const noSheets = buildPackage({ sheets: [] });
    expect(codeOf(() => readXlsx(noSheets))).toBe('no-sheets');
    // A worksheet relationship pointing at nothing.
    const parts = {
      '[Content_Types].xml': `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      'xl/workbook.xml': `<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/gone.xml"/></Relationships>`,
    };
    expect(codeOf(() => readXlsx(zipParts(parts)))).toBe('missing-part');
  });

  it('carries the ja/en message and the part on the error', () => {
    const bytes = buildPackage({ sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>1</v></row>' }] });
    try {
      readXlsx(bytes);
      expect.unreachable();
    } catch (e) {
      const err = e as UnreadableError;
      expect(err).toBeInstanceOf(UnreadableError);
      expect(err.part).toBe('xl/worksheets/sheet1.xml');
      expect(err.messageText.ja).toMatch(/壊れて/);
      expect(err.messageText.en).toMatch(/corrupt/);
    }
  });

  it('refuses a file over the size limit before reading it', async () => {
    const path = join(tmp, 'big.xlsx');
    writeFileSync(path, Buffer.alloc(100, 0x41));
    await expect(readXlsxFile(path, { maxFileBytes: 5 })).rejects.toMatchObject({ code: 'too-large' });
  });
});
