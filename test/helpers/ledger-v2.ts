// A test-only version 2 of the ledger: two columns added after 取得形態 (one required) and a rule on them. It proves
// the version mechanism (model/versions.ts) without waiting for the real version 2. Imports no registry module, so a
// test can put it in the registry with vi.mock.
import { ledgerSheet } from '../../templates/pi-ledger/sheets.js';
import type { FieldDef, TableSheetDef, TemplateDef } from '../../templates/model/types.js';

export const ADDED: readonly FieldDef[] = [
  {
    key: '試験取得元',
    label: { ja: '試験取得元', en: 'Test source' },
    type: { kind: 'text' },
    required: true,
    since: 2,
    hint: { ja: '本人、委託元など', en: 'The person, the principal …' },
  },
  { key: '試験所在国', label: { ja: '試験所在国', en: 'Test data country' }, type: { kind: 'text' }, since: 2 },
];

const at = ledgerSheet.fields.findIndex((f) => f.key === '取得形態') + 1;
const ledgerV2Sheet: TableSheetDef = { ...ledgerSheet, fields: [...ledgerSheet.fields.slice(0, at), ...ADDED, ...ledgerSheet.fields.slice(at)] };

/** Version 2 of the ledger `base` (the real one; taken as an argument so a test can mock the registry with it). */
export const ledgerVersion2 = (base: TemplateDef): TemplateDef => ({
  ...base,
  version: 2,
  changes: { 2: { ja: '列「試験取得元」「試験所在国」を追加しました。', en: 'Added the columns 試験取得元 and 試験所在国.' } },
  sheets: base.sheets.map((s) => (s.name === ledgerSheet.name ? ledgerV2Sheet : s)),
  rules: [
    ...base.rules,
    {
      // A rule of version 2 needs a catalogue id; PL-FOREIGN stands in (its finding names the added field).
      id: 'PL-FOREIGN',
      since: 2,
      check: (ctx) =>
        ctx
          .rows(ledgerSheet.name)
          .filter((r) => r.values['外国第三者提供'] === 'はい' && !r.values['試験所在国'])
          .map((r) => ({ record: r, field: '試験所在国', message: { ja: '所在国がありません。', en: 'No data country.' } })),
    },
  ],
});
