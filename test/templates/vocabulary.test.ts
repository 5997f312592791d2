// The domain's small vocabulary, defined once and shared by the pane and the command line.
import { describe, expect, it } from 'vitest';
import { MARK_COLOURS as PANE_COLOURS } from '../../addin/excel/index.js';
import { MARK_COLOURS as COPY_COLOURS } from '../../scripts/annotate/annotate.js';
import {
  cellAddress,
  columnIndex,
  columnLetter,
  parseAddress,
  quoteSheet,
  tryParseAddress,
} from '../../templates/model/grid.js';
import { SEVERITIES, severityRank, worseSeverity } from '../../templates/model/severity.js';

describe('severity', () => {
  it('one order, worst first', () => {
    expect(SEVERITIES.map(severityRank)).toEqual([0, 1, 2]);
    expect(worseSeverity('info', 'warning')).toBe('warning');
    expect(worseSeverity('error', 'warning')).toBe('error');
  });
  it('a marked cell has the same colour in Excel (the pane) and in the annotated copy', () => {
    for (const s of SEVERITIES) expect(COPY_COLOURS[s]).toBe(`FF${PANE_COLOURS[s].slice(1)}`);
  });
});

describe('A1 addresses', () => {
  it('letters and indexes round-trip', () => {
    for (const i of [0, 25, 26, 701, 702, 16383]) expect(columnIndex(columnLetter(i))).toBe(i);
    expect(['A', 'z', 'AA', 'xfd'].map(columnIndex)).toEqual([0, 25, 26, 16383]);
    expect(parseAddress(cellAddress(9, 27))).toEqual({ row: 9, col: 27 });
    expect(parseAddress('$b$7')).toEqual({ row: 6, col: 1 });
    expect(['B', '7', 'ABCD1', 'A1:B2', ''].map(tryParseAddress)).toEqual([null, null, null, null, null]);
  });
  it('quoteSheet quotes as Excel does: only what could not stand alone or reads as a cell', () => {
    const table: [string, string][] = [
      ['台帳', '台帳'],
      ['リスク分析', 'リスク分析'],
      ['Sheet1', 'Sheet1'],
      ['ABCD1', 'ABCD1'],
      ['指摘一覧', '指摘一覧'],
      ['My sheet', "'My sheet'"],
      ["it's", "'it''s'"],
      ['台帳・2', "'台帳・2'"],
      ['2024', "'2024'"],
      ['A1', "'A1'"],
      ['xfd9', "'xfd9'"],
      ['R1C1', "'R1C1'"],
      ['RC', "'RC'"],
      ['R', "'R'"],
      ['c12', "'c12'"],
    ];
    expect(table.map(([n]) => [n, quoteSheet(n)])).toEqual(table);
    expect(['台帳', "it's"].map((n) => quoteSheet(n, { always: true }))).toEqual(["'台帳'", "'it''s'"]);
  });
});
