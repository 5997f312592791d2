// Marking cells in worksheet XML as producers write it: prefixes, rows and cells without r, self-closing rows and
// sheetData, spans hints, comments and CDATA — existing cells get a new style, missing cells and rows are created in
// order, everything else stays byte for byte.
import { describe, expect, it } from 'vitest';
import { markSheet } from '../../../scripts/annotate/sheet-marks.js';
import { getAttr, removeAttr, scanTags, setAttr } from '../../../scripts/annotate/xml-edit.js';

const mark = (xml: string, cells: Record<number, number[]>, legacy?: string) =>
  markSheet(xml, {
    cells: new Map(Object.entries(cells).map(([r, cs]) => [Number(r), new Set(cs)])),
    styleFor: (_r, _c, s) => 100 + s,
    unselect: true,
    ...(legacy ? { legacyDrawingRid: legacy } : {}),
  });

describe('markSheet', () => {
  it('restyles existing cells and creates missing ones and rows, in order', () => {
    const xml =
      '<worksheet xmlns="m"><sheetViews><sheetView tabSelected="1" workbookViewId="0"/></sheetViews><sheetData>' +
      '<row r="2" spans="1:3"><c r="A2" s="3" t="s"><v>0</v></c><c r="C2"><v>5</v></c></row>' +
      '<row r="5"/>' +
      '</sheetData><pageMargins/><tableParts count="0"/></worksheet>';
    const out = mark(xml, { 0: [1], 1: [0, 1, 3], 4: [2], 9: [0] }, 'rIdN');
    expect(out).toBe(
      '<worksheet xmlns="m"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>' +
        '<row r="1"><c r="B1" s="100"/></row>' +
        '<row r="2"><c r="A2" s="103" t="s"><v>0</v></c><c r="B2" s="100"/><c r="C2"><v>5</v></c><c r="D2" s="100"/></row>' +
        '<row r="5"><c r="C5" s="100"/></row>' +
        '<row r="10"><c r="A10" s="100"/></row>' +
        '</sheetData><pageMargins/>' +
        '<legacyDrawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdN"/>' +
        '<tableParts count="0"/></worksheet>',
    );
  });

  it('follows prefixes, implicit row and column positions, comments and CDATA, and a self-closing sheetData', () => {
    const xml =
      '<x:worksheet xmlns:x="m"><x:sheetData><!-- <c r="A1"/> -->' +
      '<x:row><x:c t="inlineStr"><x:is><x:t><![CDATA[<c r="B1">]]></x:t></x:is></x:c><x:c><x:v>1</x:v></x:c></x:row>' +
      '<x:row><x:c s="2"><x:v>2</x:v></x:c></x:row>' +
      '</x:sheetData></x:worksheet>';
    const out = mark(xml, { 0: [1], 1: [0, 4] });
    expect(out).toBe(
      '<x:worksheet xmlns:x="m"><x:sheetData><!-- <c r="A1"/> -->' +
        '<x:row><x:c t="inlineStr"><x:is><x:t><![CDATA[<c r="B1">]]></x:t></x:is></x:c><x:c s="100"><x:v>1</x:v></x:c></x:row>' +
        '<x:row><x:c s="102"><x:v>2</x:v></x:c><x:c r="E2" s="100"/></x:row>' +
        '</x:sheetData></x:worksheet>',
    );
    expect(mark('<worksheet><sheetData/></worksheet>', { 2: [1] })).toBe(
      '<worksheet><sheetData><row r="3"><c r="B3" s="100"/></row></sheetData></worksheet>',
    );
  });

  it('passes over rows without targets whatever they hold: comments, CDATA and nested elements of the same name', () => {
    const row = (r: number, inner: string) => `<row r="${r}">${inner}</row>`;
    const xml =
      '<worksheet><sheetData>' +
      row(1, '<c r="A1"><v>1</v></c><!-- </row><row r="9"><c r="B9"/></row> --><c r="B1"><v>2</v></c>') +
      row(2, '<c r="A2"><v>1</v></c><extLst><ext><row r="5"></row></ext></extLst><c r="C2"><v>3</v></c>') +
      row(3, '<c r="A3"><v>1</v></c><c r="B3" t="inlineStr"><is><t><![CDATA[</row></sheetData>]]></t></is></c>') +
      row(4, '<c r="A4"><v>1</v></c><c r="C4"><v>1</v></c>') +
      row(6, '<c r="A6"/><?pi </row><c r="B6"/> ?>') +
      '</sheetData><pageMargins/></worksheet>';
    // Rows 1–2 have no targets, row 3 none after A3; targets after each of them, and a row made after row 6.
    const out = mark(xml, { 2: [0], 3: [1], 6: [0] }, 'rIdN');
    expect(out).toBe(
      '<worksheet><sheetData>' +
        row(1, '<c r="A1"><v>1</v></c><!-- </row><row r="9"><c r="B9"/></row> --><c r="B1"><v>2</v></c>') +
        row(2, '<c r="A2"><v>1</v></c><extLst><ext><row r="5"></row></ext></extLst><c r="C2"><v>3</v></c>') +
        row(
          3,
          '<c r="A3" s="100"><v>1</v></c><c r="B3" t="inlineStr"><is><t><![CDATA[</row></sheetData>]]></t></is></c>',
        ) +
        row(4, '<c r="A4"><v>1</v></c><c r="B4" s="100"/><c r="C4"><v>1</v></c>') +
        row(6, '<c r="A6"/><?pi </row><c r="B6"/> ?>') +
        '<row r="7"><c r="A7" s="100"/></row>' +
        '</sheetData><pageMargins/>' +
        '<legacyDrawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdN"/>' +
        '</worksheet>',
    );
    // A target in the first row only: everything after it is passed over and left as it is.
    expect(mark(xml, { 0: [0] })).toBe(xml.replace('<c r="A1">', '<c r="A1" s="100">'));
  });

  it('leaves a sheet it has nothing to do to byte for byte', () => {
    const xml = '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>';
    expect(mark(xml, {})).toBe(xml);
  });

  it('scans tags with quoted ">" in attribute values', () => {
    const tags = [...scanTags('<a b=">" c=\'>\'><d/></a>')].map((t) => `${t.type}:${t.local}`);
    expect(tags).toEqual(['open:a', 'empty:d', 'close:a']);
  });

  it("finds an attribute by its name, not in the text of another attribute's value", () => {
    const tag = `<x:c t='x r="Z9"' xr:r="B2"\n r = "A1" s="1"/>`;
    expect(getAttr(tag, 'r')).toBe('A1');
    expect(getAttr(tag, 'xr:r')).toBe('B2');
    expect(getAttr(tag, 'x')).toBeUndefined();
    expect(getAttr('<c r="&lt;&#65;"/>', 'r')).toBe('<A');
    expect(setAttr(tag, 'r', 'C3')).toBe(`<x:c t='x r="Z9"' xr:r="B2"\n r="C3" s="1"/>`);
    expect(setAttr('<c r="A1" >', 's', '2')).toBe('<c r="A1" s="2">');
    expect(removeAttr(tag, 'r')).toBe(`<x:c t='x r="Z9"' xr:r="B2"\n s="1"/>`);
    expect(removeAttr(tag, 'spans')).toBe(tag);
  });
});
