// daicho upgrade on version 1 ledgers filled by openpyxl (with a note and a column of the user's own): the version 2
// copy keeps every value by field and every cell of the input byte for byte, passes ooxml-check, and checking it finds
// the version 1 findings (at the same cells) plus only those of version 2's new fields and rules. The registry's
// ledger is the test-only version 2 (test/helpers), passed in as the definitions.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { templates } from '../../../templates/index.js';
import type { Issue } from '../../../templates/model/types.js';
import { validateAmong } from '../../../templates/model/validate.js';
import { atVersion } from '../../../templates/model/versions.js';
import { piLedger } from '../../../templates/pi-ledger/index.js';
import { ledgerSheet } from '../../../templates/pi-ledger/sheets.js';
import { readXlsx } from '../../../scripts/io/read-xlsx.js';
import { readZip, inflateEntry } from '../../../scripts/io/zip.js';
import { upgradeXlsx } from '../../../scripts/upgrade/upgrade.js';
import { templateBuffer } from '../../../scripts/xlsx/template-writer.js';
import { ledgerVersion2 } from '../../helpers/ledger-v2.js';
import { fillWithOpenpyxl, hasLibreOffice, hasOpenpyxl, resaveWithLibreOffice, SYSTEM_PYTHON } from '../../helpers/producers.js';
import { ROOT } from '../check/cli-helpers.js';
import { AS_OF, ledgerFill, ledgerRow, riskRows } from '../merge/fixtures.js';

const run = promisify(execFile);
const v2 = ledgerVersion2(piLedger);
const defs = [v2, ...templates.filter((t) => t.id !== v2.id)];
const OOXML_CHECK = resolve(ROOT, '../shared/ooxml-check/ooxml_check.py');

async function ooxmlErrors(path: string): Promise<string> {
  try {
    await run(SYSTEM_PYTHON, [OOXML_CHECK, path]);
    return '';
  } catch (err) {
    return String((err as { stdout?: string }).stdout ?? err);
  }
}

const partText = (bytes: Uint8Array, name: string): string => {
  const zip = readZip(bytes);
  const e = zip.entries.find((x) => x.name === name)!;
  return new TextDecoder().decode(inflateEntry(zip, e, 1 << 28));
};
const cellsOf = (xml: string) => xml.match(/<c [^>]*?(?:\/>|>.*?<\/c>)/g) ?? [];
const at = (i: Issue) => `${i.rule}|${i.sheet}|${i.cell}|${i.field}`;

describe.skipIf(!hasOpenpyxl())('daicho upgrade: version 1 ledger → version 2', () => {
  let dir: string;
  let input: string;
  let inputBytes: Buffer;
  const rows = [
    ledgerRow('GA-001', '総務部'),
    ledgerRow('GA-002', '総務部', { 利用目的: '業務のため', 外国第三者提供: 'はい', 提供先国: '米国' }),
    ledgerRow('GA-003', '総務部', { 件数: '約100', 最終確認日: '令和6年4月1日' }),
  ];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'daicho-upgrade-'));
    const blank = join(dir, 'blank-v1.xlsx');
    await writeFile(blank, await templateBuffer(atVersion(v2, 1)));
    const filled = join(dir, 'filled.xlsx');
    const risks = ['GA-001', 'GA-002', 'GA-003'].flatMap((id) => riskRows(id));
    await fillWithOpenpyxl(blank, filled, ledgerFill(rows, risks, [{ label: '社内メモ', values: ['年1回見直し', null, '要確認'] }]));
    input = join(dir, '総務部.xlsx');
    await run(SYSTEM_PYTHON, [join(ROOT, 'test/scripts/check/add_note.py'), filled, input, `${ledgerSheet.name}!K4=目的を具体的に`]);
    inputBytes = await readFile(input);
  }, 120_000);

  it('writes a version 2 copy that keeps every value, cell, note and extra column, and passes ooxml-check', async () => {
    const r = upgradeXlsx(inputBytes, defs);
    if (r.kind !== 'upgraded') throw new Error(r.reason.en);
    expect([r.template, r.from, r.to]).toEqual(['pi-ledger', 1, 2]);
    const out = join(dir, 'out.xlsx');
    await writeFile(out, r.bytes);
    expect(await ooxmlErrors(out)).toBe('');
    expect(await readFile(input)).toEqual(inputBytes);

    const before = validateAmong(readXlsx(inputBytes), defs, { asOf: AS_OF });
    const after = validateAmong(readXlsx(r.bytes), defs, { asOf: AS_OF });
    expect(before.template).toEqual({ id: 'pi-ledger', version: 1 });
    expect(after.template).toEqual({ id: 'pi-ledger', version: 2 });
    // Every value by field, and the user's column.
    const recs = (v: typeof before) => v.data!.sheets[ledgerSheet.name];
    expect(recs(after).map((x) => x.raw['管理番号'])).toEqual(['GA-001', 'GA-002', 'GA-003']);
    recs(before).forEach((b, k) => {
      for (const [key, raw] of Object.entries(b.raw)) expect(recs(after)[k].raw[key], key).toEqual(raw);
      expect(recs(after)[k].extra).toEqual(b.extra);
      expect(recs(after)[k].raw['試験取得元']).toBeNull();
    });
    // Every cell of the input's sheets is in the copy byte for byte (values, formats); the note part is untouched.
    const sheetPart = 'xl/worksheets/sheet1.xml';
    const outCells = new Set(cellsOf(partText(r.bytes, sheetPart)));
    for (const c of cellsOf(partText(inputBytes, sheetPart))) expect(outCells.has(c), c).toBe(true);
    const comments = readZip(inputBytes).entries.filter((e) => /comments/i.test(e.name)).map((e) => e.name);
    expect(comments.length).toBeGreaterThan(0);
    for (const c of comments) expect(partText(r.bytes, c)).toBe(partText(inputBytes, c));

    // The findings: version 1's, at the same cells, plus only those of the new field and rule.
    const old = new Set(before.issues.filter((i) => i.rule !== 'TEMPLATE-VERSION').map(at));
    const added = after.issues.filter((i) => !old.has(at(i)));
    expect(added.map((i) => `${i.rule}/${i.field}`).sort()).toEqual([
      'PL-FOREIGN/試験所在国',
      'V-REQUIRED/試験取得元',
      'V-REQUIRED/試験取得元',
      'V-REQUIRED/試験取得元',
    ]);
    expect(after.issues.filter((i) => old.has(at(i))).length).toBe(old.size);
    // The new columns come after the user's own (nothing moves), headed as the template heads them.
    const header = readXlsx(r.bytes).sheets.find((s) => s.name === ledgerSheet.name)!.rows[1].map(String);
    expect(header.slice(-3)).toEqual(['社内メモ', '試験取得元', '試験所在国']);
    const view = await fillWithOpenpyxl(out, join(dir, 'view.xlsx'), {});
    expect(view.validations[ledgerSheet.name].filter((d) => d.sqref.startsWith('AI'))).toEqual([
      { type: null, sqref: 'AI3:AI102', formula1: null, prompt: '本人、委託元など' },
    ]);
    expect(r.added).toEqual([`${ledgerSheet.name}!AI: 試験取得元`, `${ledgerSheet.name}!AJ: 試験所在国`]);
  });

  it.skipIf(!hasLibreOffice())('upgrades a version 1 ledger LibreOffice saved: every value, nothing ooxml-check did not already find', async () => {
    const saved = await resaveWithLibreOffice(input);
    const bytes = await readFile(saved);
    const r = upgradeXlsx(bytes, defs);
    if (r.kind !== 'upgraded') throw new Error(r.reason.en);
    const out = join(dir, 'lo-out.xlsx');
    await writeFile(out, r.bytes);
    const strip = (s: string, p: string) => s.split(p).join('FILE').split('\n').filter((l) => /error|warn/i.test(l) && !/parts=/.test(l)).sort();
    expect(strip(await ooxmlErrors(out), out)).toEqual(strip(await ooxmlErrors(saved), saved));
    const before = validateAmong(readXlsx(bytes), defs, { asOf: AS_OF });
    const after = validateAmong(readXlsx(r.bytes), defs, { asOf: AS_OF });
    expect(after.template).toEqual({ id: 'pi-ledger', version: 2 });
    const recs = (v: typeof before) => v.data!.sheets[ledgerSheet.name];
    expect(recs(after).length).toBe(3);
    recs(before).forEach((b, k) => {
      for (const [key, raw] of Object.entries(b.raw)) expect(recs(after)[k].raw[key], key).toEqual(raw);
      expect(recs(after)[k].extra).toEqual(b.extra);
    });
  }, 120_000);

  it('refuses, with a reason in Japanese and English, what it cannot or need not upgrade', async () => {
    const current = upgradeXlsx(await templateBuffer(v2), defs);
    expect(current).toMatchObject({ kind: 'refused', reason: { ja: expect.stringContaining('すでに最新版') } });
    const newer = upgradeXlsx(await templateBuffer({ ...v2, version: 3 }), defs);
    expect(newer).toMatchObject({ kind: 'refused', reason: { en: expect.stringContaining('newer template') } });
    const unmarked = upgradeXlsx(await templateBuffer(atVersion(v2, 1), { marker: false }), defs);
    expect(unmarked).toMatchObject({ kind: 'refused', reason: { ja: expect.stringContaining('隠しシート') } });
    const other = upgradeXlsx(await templateBuffer(atVersion(v2, 1)), templates.filter((t) => t.id !== 'pi-ledger'));
    expect(other.kind).toBe('refused');
  });
});
