// Moving references when rows are inserted (scripts/upgrade/rows.ts): what moves and what must not.
import { describe, expect, it } from 'vitest';
import {
  shiftCalcChain,
  shiftDefinedNames,
  shiftFormula,
  shiftRefList,
  shiftVml,
} from '../../../scripts/upgrade/rows.js';

// Two rows inserted before row 6 (0-based 5): rows 6 and below move down by 2.
const map = (r: number) => (r >= 5 ? r + 2 : r);

describe('row insertion: references', () => {
  it('moves cells and ranges at or below the insertion, not above', () => {
    expect(shiftRefList('B3 B5:B7 $C$6 A10', map)).toBe('B3 B5:B9 $C$8 A12');
  });

  it('moves references to the sheet in formulas: qualified ones anywhere, unqualified ones on the sheet itself', () => {
    expect(shiftFormula("'評価票'!B17&評価票!$B$6+SUM(評価票!B3:B9)", '評価票', false, map)).toBe(
      "'評価票'!B19&評価票!$B$8+SUM(評価票!B3:B11)",
    );
    expect(shiftFormula('B17+判定!B17', '評価票', true, map)).toBe('B19+判定!B17');
    expect(shiftFormula('B17+判定!B17', '評価票', false, map)).toBe('B17+判定!B17');
    expect(shiftFormula("'It''s'!B9", "It's", false, map)).toBe("'It''s'!B11");
  });

  it('leaves text, function names and columns alone; moves whole-row ranges', () => {
    expect(shiftFormula('IF(B9="B9",LOG10(B9),"")', '評価票', true, map)).toBe('IF(B11="B9",LOG10(B11),"")');
    expect(shiftFormula("'評価票'!$6:$8", '評価票', false, map)).toBe("'評価票'!$8:$10");
    expect(shiftFormula('SUM(評価票!A:A)', '評価票', false, map)).toBe('SUM(評価票!A:A)');
  });

  it('moves defined names, the calculation chain of the sheet only, and the notes drawing anchors', () => {
    expect(shiftDefinedNames('<definedName name="x">\'評価票\'!$A$1:$C$9</definedName>', '評価票', map)).toBe(
      '<definedName name="x">\'評価票\'!$A$1:$C$11</definedName>',
    );
    expect(shiftCalcChain('<calcChain><c r="B9" i="1"/><c r="B10"/><c r="B9" i="2"/></calcChain>', '1', map)).toBe(
      '<calcChain><c r="B11" i="1"/><c r="B12"/><c r="B9" i="2"/></calcChain>',
    );
    expect(shiftVml('<x:Anchor>2, 15, 8, 10, 4, 15, 12, 4</x:Anchor><x:Row>8</x:Row>', map)).toBe(
      '<x:Anchor>2, 15, 10, 10, 4, 15, 14, 4</x:Anchor><x:Row>10</x:Row>',
    );
  });
});
