// The supplier list goes where the other list templates go: `daicho check` (findings at their cells, exit code),
// `--annotate` (a marked copy that passes ooxml-check), `merge` (one master of several lists, keyed by 取引先コード),
// and the same findings when openpyxl filled it or LibreOffice re-saved it.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { samples } from '../../../scripts/samples/supplier-list.js';
import { readXlsxFile } from '../../../scripts/io/read-xlsx.js';
import { templateBuffer } from '../../../scripts/xlsx/template-writer.js';
import { validateWorkbook } from '../../../templates/index.js';
import { SUPPLIERS, supplierList } from '../../../templates/supplier-list/index.js';
import type { Issue } from '../../../templates/model/types.js';
import { describeIssue, hasOoxmlCheck, ooxmlCheck } from '../../helpers/ooxml.js';
import { fillWithOpenpyxl, hasLibreOffice, hasOpenpyxl, resaveWithLibreOffice } from '../../helpers/producers.js';
import { daicho, ensureBuilt } from '../check/cli-helpers.js';

const asOf = '2026-11-20';
let dir: string;
let clean: string;
let mistakes: string;

const at = (issues: readonly Issue[]) => issues.map((i) => `${i.rule}@${i.sheet}!${i.cell}`);
const check = async (path: string) => validateWorkbook(await readXlsxFile(path), { asOf });

// The mistakes sample's findings, row by row (header in row 2, so its rows are 3–7).
const MISTAKES = [
  `V-CORPNO@${SUPPLIERS}!C3`,
  `V-EMAIL@${SUPPLIERS}!E4`,
  `V-UNIQUE@${SUPPLIERS}!A5`,
  `SL-CORPNO@${SUPPLIERS}!C5`,
  `V-ENUM@${SUPPLIERS}!H6`,
  `V-REQUIRED@${SUPPLIERS}!H7`,
];

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-supplier-list-'));
  clean = join(dir, 'in', samples[0].file);
  mistakes = join(dir, 'in', samples[1].file);
  await mkdir(join(dir, 'in'));
  await writeFile(clean, await templateBuffer(supplierList, samples[0].input));
  await writeFile(mistakes, await templateBuffer(supplierList, samples[1].input));
}, 120_000);

describe('the supplier list through the commands', () => {
  it('check: the clean list is OK, the other has its findings at their cells and exit code 1', async () => {
    expect((await check(clean)).issues).toEqual([]);
    expect(at((await check(mistakes)).issues)).toEqual(MISTAKES);
    const r = await daicho(['check', join(dir, 'in'), '--as-of', asOf, '--json', join(dir, 'report.json')]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('supplier-list v1');
    expect(r.stdout).toContain(`${SUPPLIERS}!C3`);
  });

  it('annotate and merge write workbooks that pass ooxml-check; the master has every supplier once', async () => {
    const a = await daicho(['check', join(dir, 'in'), '--as-of', asOf, '--annotate', join(dir, 'annotated')]);
    expect(a.code, a.stderr).toBe(1);
    const other = join(dir, 'more', 'list-b.xlsx');
    await mkdir(join(dir, 'more'));
    const rows = (samples[0].input.tables![SUPPLIERS] as Record<string, unknown>[]).slice(0, 3).map((r, i) => ({
      ...r,
      取引先コード: `T-${i + 1}`,
      法人番号: null,
      所在国: 'Singapore',
    }));
    await writeFile(other, await templateBuffer(supplierList, { tables: { [SUPPLIERS]: rows as never } }));
    const master = join(dir, 'master.xlsx');
    const m = await daicho(['merge', clean, other, '-o', master, '--as-of', asOf]);
    expect(m.code, m.stderr).toBe(0);
    const merged = await check(master);
    expect(merged.template?.id).toBe('supplier-list');
    expect(merged.data!.sheets[SUPPLIERS].map((r) => r.values['取引先コード'])).toEqual([
      ...(samples[0].input.tables![SUPPLIERS] as Record<string, unknown>[]).map((r) => r['取引先コード']),
      'T-1',
      'T-2',
      'T-3',
    ]);
    if (!hasOoxmlCheck()) return;
    const files = [join(dir, 'annotated', samples[0].file), join(dir, 'annotated', samples[1].file), master, clean];
    const checked = await ooxmlCheck(files);
    expect(files.flatMap((f) => checked.get(f)!.map(describeIssue))).toEqual([]);
  }, 120_000);
});

describe.skipIf(!hasOpenpyxl())('the supplier list from other producers', () => {
  it('filled by openpyxl (numbers as numbers, full-width text), it checks with exactly the expected findings', async () => {
    const blank = join(dir, 'blank.xlsx');
    await writeFile(blank, await templateBuffer(supplierList));
    const filled = join(dir, 'openpyxl.xlsx');
    await fillWithOpenpyxl(blank, filled, {
      [SUPPLIERS]: {
        A3: 'S-1',
        B3: '見本精機株式会社',
        C3: 9111111111111,
        E3: 'csr@mihon-seiki.example.jp',
        F3: '日本',
        G3: 'メーカー',
        H3: '日本語',
        A4: 'S-2',
        B4: 'Example Ltd.',
        E4: 'ｊａｎｅ＠ｅｘａｍｐｌｅ.com',
        F4: 'UK',
        H4: 'English',
        A5: 'Ｓ－２',
        B5: '重複株式会社',
        C5: '9111111111111',
        E5: 'x@example.jp',
        F5: '日本',
        H5: 'ja',
      },
    });
    const v = await check(filled);
    expect(v.template).toEqual({ id: 'supplier-list', version: 1 });
    expect(at(v.issues)).toEqual([`V-UNIQUE@${SUPPLIERS}!A5`, `V-UNIQUE@${SUPPLIERS}!C5`]);
    const rows = v.data!.sheets[SUPPLIERS];
    expect(rows.map((r) => [r.values['法人番号'], r.values['区分'], r.values['送付言語']])).toEqual([
      ['9111111111111', '製造', 'ja'],
      [null, null, 'en'],
      ['9111111111111', null, 'ja'],
    ]);
    if (!hasLibreOffice()) return;
    const resaved = await check(await resaveWithLibreOffice(filled));
    expect(resaved.template).toEqual(v.template);
    expect(at(resaved.issues)).toEqual(at(v.issues));
  }, 120_000);

  it.skipIf(!hasLibreOffice())(
    're-saved by LibreOffice, the mistakes sample keeps its marker and findings',
    async () => {
      const v = await check(await resaveWithLibreOffice(mistakes));
      expect(v.template).toEqual({ id: 'supplier-list', version: 1 });
      expect(at(v.issues)).toEqual(MISTAKES);
    },
    120_000,
  );
});
