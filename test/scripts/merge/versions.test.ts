// merge takes version 1 and version 2 workbooks of one template together: the master is the current version, version 1
// records map by field, the fields version 1 lacks stay empty, and checking the master finds nothing the inputs did
// not have but the new fields' own findings (the ledger's version 2: Amendment 8).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { piLedger } from '../../../templates/pi-ledger/index.js';
import { ledgerSheet, riskSheet } from '../../../templates/pi-ledger/sheets.js';
import { columnLetter } from '../../../templates/model/grid.js';
import { FIRST_DATA_ROW } from '../../../templates/model/layout.js';
import { readRecords } from '../../../templates/model/read.js';
import type { FieldDef, TableSheetDef } from '../../../templates/model/types.js';
import { atVersion } from '../../../templates/model/versions.js';
import { mergeFiles } from '../../../scripts/merge/merge.js';
import { templateBuffer } from '../../../scripts/xlsx/template-writer.js';
import { fillWithOpenpyxl, hasOpenpyxl, type CellFill } from '../../helpers/producers.js';
import { AS_OF, checkFile, ledgerRow, newFindings, provenance, riskRows, type Row } from './fixtures.js';

/** openpyxl cell values for the given table sheets' records, by the sheets' own column order. */
function fill(sheets: [TableSheetDef, Row[]][]): CellFill {
  const out: CellFill = {};
  for (const [sd, rows] of sheets) {
    out[sd.name] = {};
    rows.forEach((row, i) =>
      sd.fields.forEach((f: FieldDef, c) => {
        const v = row[f.key];
        if (v !== undefined && v !== null) out[sd.name][`${columnLetter(c)}${FIRST_DATA_ROW + 1 + i}`] = v;
      }),
    );
  }
  return out;
}

const tableOf = (def: typeof piLedger, name: string) =>
  def.sheets.find((s): s is TableSheetDef => s.kind === 'table' && s.name === name)!;

describe.skipIf(!hasOpenpyxl())('merging version 1 and version 2 ledgers', () => {
  let dir: string;
  const files: Record<string, string> = {};
  // 総務部 (version 1): a clean row, a vague one and the company-wide row. 人事部 (version 2): a row with the new
  // fields and the same company-wide row with them empty, an exact duplicate of 総務部's.
  const ga = [
    ledgerRow('GA-001', '総務部'),
    ledgerRow('GA-002', '総務部', { 利用目的: '業務のため' }),
    ledgerRow('CMN-001', '全社共通'),
  ];
  const newEmpty: Row = { 取得元: null, '明示・通知・公表の方法': null, データの所在国: null };
  const hr = [
    ledgerRow('HR-001', '人事部', { 取得元: '本人（入社書類）', データの所在国: '日本' }),
    ledgerRow('CMN-001', '全社共通', newEmpty),
  ];

  beforeAll(async () => {
    expect(piLedger.version).toBe(2);
    dir = await mkdtemp(join(tmpdir(), 'daicho-merge-versions-'));
    for (const [name, def, rows] of [
      ['総務部_v1', atVersion(piLedger, 1), ga],
      ['人事部_v2', piLedger, hr],
    ] as const) {
      const blank = join(dir, `${name}-blank.xlsx`);
      await writeFile(blank, await templateBuffer(def));
      files[name] = join(dir, `${name}.xlsx`);
      const risks = rows.flatMap((r) => riskRows(String(r.管理番号)));
      await fillWithOpenpyxl(
        blank,
        files[name],
        fill([
          [tableOf(def, ledgerSheet.name), rows],
          [tableOf(def, riskSheet.name), risks],
        ]),
      );
    }
  }, 120_000);

  it('writes a version 2 master in which every version 1 value sits in its field and the new fields are empty', async () => {
    const inputs = await Promise.all([files['総務部_v1'], files['人事部_v2']].map(checkFile));
    expect(inputs.map((i) => i.v.template)).toEqual([
      { id: 'pi-ledger', version: 1 },
      { id: 'pi-ledger', version: 2 },
    ]);
    const out = join(dir, 'master.xlsx');
    const r = await mergeFiles([files['総務部_v1'], files['人事部_v2']], { out, asOf: AS_OF, lang: 'ja', jobs: 0 });
    expect(r.template).toEqual({ id: 'pi-ledger', version: 2 });
    expect(r.inputs[0].warnings.map((w) => w.rule)).toEqual(['TEMPLATE-VERSION']);
    expect(r.inputs[0].warnings[0].message.ja).toContain('第1版にない項目は空欄です');
    expect(r.sheets.find((s) => s.name === ledgerSheet.name)).toMatchObject({
      read: 5,
      kept: 4,
      duplicates: 1,
      conflictGroups: 0,
    });

    const master = await checkFile(out);
    expect(master.v.template).toEqual({ id: 'pi-ledger', version: 2 });
    const records = readRecords(piLedger, master.grid).sheets[ledgerSheet.name];
    const byId = new Map(records.map((rec) => [rec.raw['管理番号'], rec]));
    expect([...byId.keys()]).toEqual(['GA-001', 'GA-002', 'CMN-001', 'HR-001']);
    const v1Fields = tableOf(atVersion(piLedger, 1), ledgerSheet.name).fields;
    const inputRecords = new Map(
      inputs.flatMap((i) =>
        (i.v.data?.sheets[ledgerSheet.name] ?? []).map((rec) => [`${rec.raw['管理番号']}`, rec] as const),
      ),
    );
    for (const [id, rec] of byId) {
      const src = inputRecords.get(id!)!;
      for (const f of v1Fields) expect(rec.raw[f.key], `${id} ${f.key}`).toEqual(src.raw[f.key]);
    }
    expect([byId.get('GA-001')!.raw['取得元'], byId.get('HR-001')!.raw['取得元']]).toEqual([null, '本人（入社書類）']);
    // The company-wide row of both departments is one record: the empty new fields compare as version 1's absent ones.
    expect(provenance(master.grid, ledgerSheet.name, byId.get('CMN-001')!.row - 1).note).toContain('人事部_v2.xlsx');

    // Checking the master finds what the inputs had, plus only what version 2's new fields ask of version 1 rows.
    const found = new Map(inputs.map((i, k) => [['総務部_v1.xlsx', '人事部_v2.xlsx'][k], i.v.issues]));
    const added = newFindings({ grid: master.grid, issues: master.v.issues }, found);
    const ledgerAdded = added.filter((i) => i.sheet === ledgerSheet.name).map((i) => `${i.rule}/${i.field}@${i.cell}`);
    expect(ledgerAdded.sort()).toEqual(
      ['GA-001', 'GA-002', 'CMN-001']
        .flatMap((id) => [
          `PL-NOTICE/明示・通知・公表の方法@${byId.get(id)!.cells['明示・通知・公表の方法']}`,
          `V-REQUIRED/データの所在国@${byId.get(id)!.cells['データの所在国']}`,
        ])
        .sort(),
    );
    // The version 1 risk rows (five stages of three rows) lack version 2's two required ratings.
    const riskAdded = added.filter((i) => i.sheet === riskSheet.name);
    expect(riskAdded.map((i) => `${i.rule}/${i.field}`).sort()).toEqual(
      Array.from({ length: 15 }, () => ['V-REQUIRED/リスク区分', 'V-REQUIRED/固有リスク'])
        .flat()
        .sort(),
    );
  });
});
