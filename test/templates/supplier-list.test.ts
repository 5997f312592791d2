// The supplier list (取引先一覧): the suppliers a survey round goes to. Its definition, each value rule on it
// (V-CORPNO with the check digit, V-EMAIL, V-UNIQUE on 取引先コード and 法人番号, required fields, the language list)
// and SL-CORPNO, at their cells; the samples.
import { describe, expect, it } from 'vitest';
import { samples } from '../../scripts/samples/supplier-list.js';
import { identify, templateById } from '../../templates/index.js';
import type { CellValue } from '../../templates/model/grid.js';
import { layoutWorkbook } from '../../templates/model/layout.js';
import type { Issue, TableSheetDef } from '../../templates/model/types.js';
import { validate } from '../../templates/model/validate.js';
import { SUPPLIERS, supplierList } from '../../templates/supplier-list/index.js';
import { isJapan } from '../../templates/model/places.js';

const asOf = '2026-11-20';
const sheet = supplierList.sheets[0] as TableSheetDef;
const col = (key: string) => String.fromCharCode(65 + sheet.fields.findIndex((f) => f.key === key));

type Row = Record<string, CellValue>;

function row(code: string, values: Row = {}): Row {
  return {
    取引先コード: code,
    会社名: `テスト${code}株式会社`,
    法人番号: null,
    '担当部署・担当者': '購買部 試験 様',
    メール: `${code.toLowerCase()}@example.jp`,
    所在国: 'シンガポール',
    区分: '製造',
    送付言語: 'en',
    ...values,
  };
}

function check(rows: Row[]): Issue[] {
  return validate(supplierList, layoutWorkbook(supplierList, { tables: { [SUPPLIERS]: rows } }), { asOf }).issues;
}

const at = (issues: Issue[]) => issues.map((i) => `${i.rule}@${i.cell}`);

describe('supplier-list definition', () => {
  it('is registered, has the fields of a round in order, and is told by its marker', () => {
    expect(templateById('supplier-list')).toBe(supplierList);
    expect(sheet.fields.map((f) => f.key)).toEqual([
      '取引先コード',
      '会社名',
      '法人番号',
      '担当部署・担当者',
      'メール',
      '所在国',
      '区分',
      '送付言語',
    ]);
    expect(sheet.fields.filter((f) => f.required).map((f) => f.key)).toEqual([
      '取引先コード',
      '会社名',
      'メール',
      '所在国',
      '送付言語',
    ]);
    expect(sheet.fields.filter((f) => f.unique).map((f) => f.key)).toEqual(['取引先コード', '法人番号']);
    expect(identify(layoutWorkbook(supplierList)).def?.id).toBe('supplier-list');
  });

  it('tells Japan by the ways people write it', () => {
    for (const c of ['日本', '日本国', 'Japan', 'ＪＡＰＡＮ', ' JP ']) expect(isJapan(c), c).toBe(true);
    for (const c of ['シンガポール', 'Japan Airlines', '']) expect(isJapan(c), c).toBe(false);
  });
});

describe('supplier-list values', () => {
  it('a clean list has no finding; 日本語 and English read as ja and en', () => {
    const rows = [
      row('S-1'),
      row('S-2', { 送付言語: '日本語', 所在国: '日本', 法人番号: '9111111111111' }),
      row('S-3', { 送付言語: 'English' }),
    ];
    const grid = layoutWorkbook(supplierList, { tables: { [SUPPLIERS]: rows } });
    const v = validate(supplierList, grid, { asOf });
    expect(v.issues).toEqual([]);
    expect(v.data.sheets[SUPPLIERS].map((r) => r.values['送付言語'])).toEqual(['en', 'ja', 'en']);
  });

  it('checks the 法人番号 check digit, the e-mail, the language and the required fields at their cells', () => {
    const issues = check([
      row('S-1', { 法人番号: '9111111111112', 所在国: '日本' }),
      row('S-2', { メール: 'someone@example' }),
      row('S-3', { 送付言語: '中国語' }),
      row('S-4', { 会社名: null, 送付言語: null }),
    ]);
    expect(at(issues)).toEqual([
      `V-CORPNO@${col('法人番号')}3`,
      `V-EMAIL@${col('メール')}4`,
      `V-ENUM@${col('送付言語')}5`,
      `V-REQUIRED@${col('会社名')}6`,
      `V-REQUIRED@${col('送付言語')}6`,
    ]);
    expect(issues.every((i) => i.severity === 'error' && i.sheet === SUPPLIERS)).toBe(true);
  });

  it('a 取引先コード or a 法人番号 used twice is V-UNIQUE at the second, whatever its width or case', () => {
    const issues = check([
      row('S-1', { 法人番号: '9111111111111', 所在国: '日本' }),
      row('s-1'),
      row('S-3', { 法人番号: '９１１１１１１１１１１１１', 所在国: '日本' }),
    ]);
    expect(at(issues)).toEqual([`V-UNIQUE@${col('取引先コード')}4`, `V-UNIQUE@${col('法人番号')}5`]);
  });

  it('SL-CORPNO: a supplier in Japan without a 法人番号 is a warning; one abroad or with a wrong one is not', () => {
    const issues = check([
      row('S-1', { 所在国: '日本' }),
      row('S-2', { 所在国: 'Japan', 法人番号: '123' }),
      row('S-3'),
    ]);
    expect(issues.map((i) => `${i.rule}/${i.severity}@${i.cell}`)).toEqual([
      `SL-CORPNO/warning@${col('法人番号')}3`,
      `V-CORPNO/error@${col('法人番号')}4`,
    ]);
    expect(issues[0].message.ja).toContain('テストS-1株式会社');
  });
});

describe('samples', () => {
  for (const s of samples) {
    it(`${s.file} raises exactly ${s.expect.join(', ') || 'nothing'}`, () => {
      const { issues } = validate(supplierList, layoutWorkbook(supplierList, s.input), { asOf });
      expect([...new Set(issues.map((i) => i.rule))].sort()).toEqual([...s.expect].sort());
    });
  }
});
