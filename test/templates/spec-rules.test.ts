// The value rules (V-*) each break and pass on a real template. (The spec's rule ids: catalogue.test.ts.)
import { describe, expect, it } from 'vitest';
import { validateWorkbook } from '../../templates/index.js';
import type { CellValue } from '../../templates/model/grid.js';
import { layoutWorkbook, type WorkbookInput } from '../../templates/model/layout.js';
import { legalRegister } from '../../templates/legal-register/index.js';
import { piLedger } from '../../templates/pi-ledger/index.js';
import { supplierChecklist } from '../../templates/supplier-checklist/index.js';
import { samples as ledgerSamples } from '../../scripts/samples/pi-ledger.js';
import { samples as registerSamples } from '../../scripts/samples/legal-register.js';
import { samples as checklistSamples } from '../../scripts/samples/supplier-checklist.js';
import type { TemplateDef } from '../../templates/model/types.js';

const asOf = '2026-11-20';

/** Take a clean sample, change one field of its first record, and validate. */
function withValue(def: TemplateDef, input: WorkbookInput, sheet: string, key: string, value: CellValue) {
  const copy: WorkbookInput = structuredClone(input);
  if (copy.tables?.[sheet]) copy.tables[sheet][0][key] = value;
  else copy.forms![sheet][key] = value;
  return validateWorkbook(layoutWorkbook(def, copy), { asOf }).issues.filter((i) => i.rule.startsWith('V-'));
}

const cleanLedger = ledgerSamples.find((s) => s.expect.length === 0)!.input;
const cleanRegister = registerSamples.find((s) => s.expect.length === 0)!.input;
const cleanReturn = checklistSamples.find((s) => s.expect.length === 0)!.input;

const cases: [
  rule: string,
  def: TemplateDef,
  input: WorkbookInput,
  sheet: string,
  key: string,
  bad: CellValue,
  good: CellValue,
][] = [
  ['V-REQUIRED', piLedger, cleanLedger, '台帳', '業務名', null, '給与計算'],
  ['V-ENUM', piLedger, cleanLedger, '台帳', '媒体', 'クラウド', '電子データ'],
  ['V-DATE', piLedger, cleanLedger, '台帳', '最終確認日', '令和8年13月1日', 'R8.4.1'],
  ['V-NUMBER', piLedger, cleanLedger, '台帳', '件数', '約100', '１，２００'],
  ['V-EMAIL', supplierChecklist, cleanReturn, '回答者情報', 'メール', 'tanaka@', 'tanaka＠example.co.jp'],
  ['V-URL', legalRegister, cleanRegister, '法的要求事項', 'URL', 'www.ppc.go.jp', 'https://www.ppc.go.jp/'],
  ['V-CORPNO', supplierChecklist, cleanReturn, '回答者情報', '法人番号', '7000012050003', '7000-0120-50002'],
  ['V-FORMULA', piLedger, cleanLedger, '台帳', '件数', { error: '#REF!' }, 12],
];

describe.each(cases)('%s', (rule, def, input, sheet, key, bad, good) => {
  it(`breaks on ${JSON.stringify(bad)} in ${def.id} ${sheet}/${key}`, () => {
    const issues = withValue(def, input, sheet, key, bad);
    expect(issues.map((i) => `${i.rule}:${i.sheet}:${i.field}`)).toEqual([`${rule}:${sheet}:${key}`]);
    expect(issues[0].cell).toMatch(/^[A-Z]+\d+$/);
    expect(issues[0].message.ja.length).toBeGreaterThan(5);
    expect(issues[0].message.en.length).toBeGreaterThan(5);
  });
  it(`passes on ${JSON.stringify(good)}`, () => {
    expect(withValue(def, input, sheet, key, good)).toEqual([]);
  });
});

describe('V-UNIQUE', () => {
  it('breaks on a duplicated 管理番号, even written in full width, and passes when distinct', () => {
    const input: WorkbookInput = structuredClone(cleanLedger);
    const rows = input.tables!['台帳'];
    const first = String(rows[0]['管理番号']);
    rows[1]['管理番号'] = first
      .normalize('NFKC')
      .replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const issues = validateWorkbook(layoutWorkbook(piLedger, input), { asOf }).issues.filter(
      (i) => i.rule === 'V-UNIQUE',
    );
    expect(issues.map((i) => `${i.sheet}!${i.cell}`)).toEqual(['台帳!A4']);
    expect(
      validateWorkbook(layoutWorkbook(piLedger, cleanLedger), { asOf }).issues.filter((i) => i.rule === 'V-UNIQUE'),
    ).toEqual([]);
  });
});
