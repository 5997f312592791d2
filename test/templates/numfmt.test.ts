// One date-format detector, one table: the command line's reader (styles.xml codes and built-in ids) and the pane
// (Office.js numberFormat, over the fake) mark the same cells as dates. Before, the reader took any h or s for a
// date (h:mm, [h]:mm:ss, mm:ss) and missed an era-only ggge"年"; the pane did the opposite.
import { afterEach, describe, expect, it } from 'vitest';
import { readGrid } from '../../addin/excel/index.js';
import { FakeWorkbook, installFake } from '../../addin/fake/fake-excel.js';
import { readXlsx } from '../../scripts/io/read-xlsx.js';
import { columnLetter } from '../../templates/model/grid.js';
import { isDateFormat } from '../../templates/model/numfmt.js';
import { buildPackage, stylesXml } from '../scripts/io/fixtures.js';

const CODES: [string, boolean][] = [
  ['yyyy/mm/dd', true],
  ['yyyy/m/d', true],
  ['[$-ja-JP]ggge"年"m"月"d"日"', true],
  ['[$-411]ggge"年"m"月"d"日"', true],
  ['[$-411]ge.m.d', true],
  ['ggge"年"', true],
  ['e/m/d', true],
  ['m/d/yy h:mm', true],
  ['d-mmm-yy', true],
  ['mmm-yy', true],
  ['[$-F800]dddd, mmmm dd, yyyy', true],
  ['yyyy"年"m"月"d"日"', true],
  ['h:mm', false],
  ['h:mm AM/PM', false],
  ['[h]:mm:ss', false],
  ['[mm]:ss', false],
  ['mm:ss', false],
  ['ss.0', false],
  ['h"時"mm"分"', false],
  ['General', false],
  ['@', false],
  ['0.00', false],
  ['#,##0', false],
  ['#,##0;[Red]-#,##0', false],
  ['0.00E+00', false],
  ['_(* #,##0_)', false],
  ['"年"0', false],
  ['"Day" 0', false],
  ['\\d0', false],
  ['[>=100]0;0', false],
];

/** Built-in ids (no code in styles.xml): dates, times and numbers. */
const BUILTINS: [number, boolean][] = [
  [14, true],
  [22, true],
  [27, true],
  [31, true],
  [34, true],
  [58, true],
  [18, false],
  [20, false],
  [21, false],
  [32, false],
  [45, false],
  [46, false],
  [47, false],
  [0, false],
  [49, false],
];

const g = globalThis as { Excel?: unknown; Office?: unknown };
afterEach(() => {
  delete g.Excel;
  delete g.Office;
});

describe('date formats: one table, every reader', () => {
  it('the detector', () => {
    expect(CODES.map(([c]) => [c, isDateFormat(c)])).toEqual(CODES);
  });

  it('the command line reader (custom codes and built-in ids in styles.xml)', () => {
    const custom = Object.fromEntries(CODES.map(([c], i) => [164 + i, c]));
    const xfs = [...CODES.map((_, i) => 164 + i), ...BUILTINS.map(([id]) => id)];
    const cells = xfs.map((_, i) => `<c r="${columnLetter(i)}1" s="${i}"><v>45383</v></c>`).join('');
    const grid = readXlsx(
      buildPackage({ styles: stylesXml(custom, xfs), sheets: [{ name: 'S', data: `<row r="1">${cells}</row>` }] }),
    );
    const dates = grid.sheets[0].dateCells ?? new Set();
    const expected = [...CODES.map(([c, d]) => [c, d]), ...BUILTINS.map(([id, d]) => [id, d])];
    expect(xfs.map((_, i) => [expected[i][0], dates.has(`${columnLetter(i)}1`)])).toEqual(expected);
  });

  it('the pane (Office.js numberFormat)', async () => {
    const cells = Object.fromEntries(CODES.map(([c], i) => [`${columnLetter(i)}1`, { value: 45383, numberFormat: c }]));
    installFake(globalThis, new FakeWorkbook({ sheets: [{ name: 'S', cells }] }));
    const dates = (await readGrid()).sheets[0].dateCells ?? new Set();
    expect(CODES.map(([c], i) => [c, dates.has(`${columnLetter(i)}1`)])).toEqual(CODES);
  });
});
