// Template versions: a workbook made with an earlier version is read and judged against that version, with one info
// that an upgrade exists; a newer one is refused. Proven on the ledger's version 2 (Amendment 8).
import { describe, expect, it } from 'vitest';
import type { CellValue, Grid } from '../../templates/model/grid.js';
import { layoutWorkbook, MARKER_SHEET } from '../../templates/model/layout.js';
import { contractorEvaluation } from '../../templates/contractor-evaluation/index.js';
import { templates } from '../../templates/index.js';
import type { Issue } from '../../templates/model/types.js';
import { samples as contractorSamples } from '../../scripts/samples/contractor-evaluation.js';
import { identifyAmong, validate, validateAmong } from '../../templates/model/validate.js';
import { atVersion } from '../../templates/model/versions.js';
import { piLedger } from '../../templates/pi-ledger/index.js';
import { ledgerSheet, riskSheet } from '../../templates/pi-ledger/sheets.js';
import published from './published.json' with { type: 'json' };
import { ledgerRow, riskRows, type Row } from '../scripts/merge/fixtures.js';

const ledgerV2 = piLedger;
const v1 = atVersion(piLedger, 1);
const asOf = '2026-11-20';
const cells = (r: Row): Record<string, CellValue> =>
  Object.fromEntries(
    Object.entries(r).map(([k, v]) => [k, typeof v === 'string' && v.startsWith('date:') ? v.slice(5) : v]),
  );

// One clean row, one with a vague purpose and a transfer abroad with neither its country nor (version 2) its basis,
// and (version 2) without the country where its data is held.
const ledger = [
  ledgerRow('GA-001', '総務部'),
  ledgerRow('GA-002', '総務部', {
    利用目的: '業務のため',
    委託: 'はい',
    委託先: 'Sample Inc.',
    外国第三者提供: 'はい',
    データの所在国: null,
  }),
].map(cells);
const risks = ['GA-001', 'GA-002'].flatMap((id) => riskRows(id)).map(cells);

function workbook(version: number, marker = true): Grid {
  return layoutWorkbook(atVersion(ledgerV2, version), {
    tables: { [ledgerSheet.name]: ledger, [riskSheet.name]: risks },
    marker,
  });
}
const sig = (i: Issue) => `${i.rule}/${i.severity}@${i.sheet ?? ''}!${i.cell ?? ''}`;

describe('template versions', () => {
  it('keeps version 1 as the definition without the fields and rules added since', () => {
    expect(v1.version).toBe(1);
    expect(v1.sheets.map((s) => s.fields.map((f) => f.key))).toEqual(Object.values(published['pi-ledger']['1']));
    expect(v1.sheets.flatMap((s) => s.fields).every((f) => (f.since ?? 1) === 1)).toBe(true);
    expect(v1.rules.map((r) => r.id)).toEqual(piLedger.rules.filter((r) => (r.since ?? 1) === 1).map((r) => r.id));
    expect(v1.rules.length).toBeLessThan(piLedger.rules.length);
    expect(atVersion(ledgerV2, 1)).toBe(v1);
    expect(atVersion(ledgerV2, 2)).toBe(ledgerV2);
  });

  it('checks a version 1 workbook against version 1: its own findings, no COLUMN-MISSING, one upgrade info', () => {
    const v = validateAmong(workbook(1), [ledgerV2], { asOf });
    expect(v.template).toEqual({ id: 'pi-ledger', version: 1 });
    const asV1 = validate(v1, workbook(1), { asOf });
    expect(asV1.issues.some((i) => i.rule === 'PL-VAGUE')).toBe(true);
    // Version 1's own judgment of the transfer abroad; nothing about version 2's columns.
    expect(asV1.issues.map((i) => `${i.rule}/${i.field}`)).toEqual(
      expect.arrayContaining(['PL-FOREIGN/提供先国', 'PL-FOREIGN/同意']),
    );
    const v2Keys = new Set(
      piLedger.sheets.flatMap((s) => s.fields.filter((f) => (f.since ?? 1) > 1).map((f) => f.key)),
    );
    expect(v.issues.filter((i) => i.field && v2Keys.has(i.field))).toEqual([]);
    const notes = v.issues.filter((i) => i.rule === 'TEMPLATE-VERSION');
    expect(notes.map(sig)).toEqual(['TEMPLATE-VERSION/info@!']);
    expect(notes[0].message.ja).toContain('第1版の項目で確認しました');
    expect(notes[0].message.ja).toContain('外国提供の根拠');
    expect(notes[0].message.ja).toContain('daicho upgrade');
    expect(notes[0].message.en).toContain('checked against version 1');
    expect(v.issues.filter((i) => i.rule !== 'TEMPLATE-VERSION').map(sig)).toEqual(asV1.issues.map(sig));
  });

  it('checks a version 2 workbook with the new columns and the new rule', () => {
    const v = validateAmong(workbook(2), [ledgerV2], { asOf });
    expect(v.template).toEqual({ id: 'pi-ledger', version: 2 });
    const rules = v.issues.map((i) => `${i.rule}/${i.field ?? ''}`);
    expect(rules).toContain('V-REQUIRED/データの所在国');
    expect(rules).toContain('PL-FOREIGN/外国提供の根拠');
    expect(rules).not.toContain('PL-FOREIGN/同意');
    expect(rules.filter((r) => r.startsWith('TEMPLATE-') || r.startsWith('COLUMN-'))).toEqual([]);
  });

  it('tells a version 1 workbook without its marker by its headers, and a version 2 one by its new columns', () => {
    const v1 = validateAmong(workbook(1, false), [ledgerV2], { asOf });
    expect(v1.template).toEqual({ id: 'pi-ledger', version: 1 });
    expect(v1.issues.filter((i) => i.sheet === null).map(sig)).toEqual([
      'TEMPLATE-MARKER/warning@!',
      'TEMPLATE-VERSION/info@!',
    ]);
    expect(v1.issues.some((i) => i.rule === 'COLUMN-MISSING')).toBe(false);
    const v2 = validateAmong(workbook(2, false), [ledgerV2], { asOf });
    expect(v2.template).toEqual({ id: 'pi-ledger', version: 2 });
    expect(v2.issues.filter((i) => i.sheet === null).map(sig)).toEqual(['TEMPLATE-MARKER/warning@!']);
  });

  it('takes a user column where version 2 put a new one as an extra column of version 1, not a renamed one', () => {
    const g = workbook(1);
    const sheet = g.sheets.find((s) => s.name === ledgerSheet.name)!;
    const at = ledgerV2.sheets[0].fields.findIndex((f) => f.key === '取得元');
    for (const row of sheet.rows.slice(1)) row.push(null);
    // Move every column from `at` one to the right and put the user's column there.
    for (const [r, row] of sheet.rows.entries())
      if (r >= 1) row.splice(at, 0, r === 1 ? '社内メモ' : r === 2 ? '確認中' : null);
    const v = validateAmong(g, [ledgerV2], { asOf });
    expect(v.issues.filter((i) => i.rule.startsWith('COLUMN-')).map((i) => `${i.rule}/${i.value}`)).toEqual([
      'COLUMN-EXTRA/社内メモ',
    ]);
  });

  it('refuses a workbook of a newer version than this program knows, saying so', () => {
    const g = workbook(2);
    g.sheets.find((s) => s.name === MARKER_SHEET)!.rows[1][1] = 3;
    const id = identifyAmong(g, [ledgerV2]);
    expect(id.refuse).toBe(true);
    const v = validateAmong(g, [ledgerV2], { asOf });
    expect(v.issues.map(sig)).toEqual(['TEMPLATE-VERSION/error@!']);
    expect(v.issues[0].message.ja).toContain('新しい版のテンプレート（pi-ledger 第3版）');
    expect(v.issues[0].message.en).toContain('this version knows version 2');
    expect(v.data).toBeUndefined();
  });
});

// A form template: the contractor evaluation's version 2 adds three fields (データの所在国, 委託開始日, 特定個人情報の
// 再委託許諾) in the middle of 評価票, and three rules on them.
const contractorV1 = atVersion(contractorEvaluation, 1);

describe('template versions of a form template', () => {
  const sample = contractorSamples[0].input;
  const form = (version: number, marker = true) =>
    layoutWorkbook(atVersion(contractorEvaluation, version), { ...sample, marker });

  it('keeps version 1 of the contractor evaluation: its 17 form fields and 7 rules', () => {
    expect(contractorV1.sheets[0].fields.map((f) => f.key)).not.toContain('データの所在国');
    expect(contractorV1.sheets[0].fields).toHaveLength(17);
    expect(contractorV1.rules.map((r) => r.id)).toEqual([
      'CE-ANSWER',
      'CE-CONTRACT',
      'CE-MANDATORY',
      'CE-SCORE',
      'CE-NEXT',
      'CE-CERT',
      'CE-SUBCONTRACT',
    ]);
  });

  it('checks a version 1 form against version 1: its own findings, no COLUMN-MISSING for the added fields', () => {
    const v = validateAmong(form(1), [contractorEvaluation], { asOf });
    const asV1 = validateAmong(form(1), [contractorV1], { asOf });
    expect(v.template).toEqual({ id: 'contractor-evaluation', version: 1 });
    expect(v.issues.filter((i) => i.rule !== 'TEMPLATE-VERSION').map(sig)).toEqual(asV1.issues.map(sig));
    expect(v.issues.filter((i) => i.rule === 'TEMPLATE-VERSION').map(sig)).toEqual(['TEMPLATE-VERSION/info@!']);
    expect(v.score).toEqual(asV1.score);
  });

  it('tells the version of a form without its marker by its labels', () => {
    expect(validateAmong(form(1, false), [contractorEvaluation], { asOf }).template).toEqual({
      id: 'contractor-evaluation',
      version: 1,
    });
    const v2 = validateAmong(form(2, false), [contractorEvaluation], { asOf });
    expect(v2.template).toEqual({ id: 'contractor-evaluation', version: 2 });
  });
});

// A definition keeps every published version: each version of each template reads the fields it was published with
// (published.json, added to when a version is published). A field added later must say `since`, or the workbooks
// people already filled in would get COLUMN-MISSING for it.
describe('published versions', () => {
  it('keeps the field keys of every published version of every template', () => {
    const got: Record<string, Record<string, Record<string, string[]>>> = {};
    for (const [id, versions] of Object.entries(published)) {
      const t = templates.find((x) => x.id === id)!;
      got[id] = {};
      for (const v of Object.keys(versions)) {
        got[id][v] = Object.fromEntries(
          atVersion(t, Number(v)).sheets.map((s) => [s.name, s.fields.map((f) => f.key)]),
        );
      }
    }
    expect(got).toEqual(published);
    expect(Object.keys(published).sort()).toEqual(templates.map((t) => t.id).sort());
    for (const t of templates)
      expect(Object.keys(published[t.id as keyof typeof published]).map(Number), t.id).toContain(t.version);
  });
});
