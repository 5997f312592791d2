// daicho upgrade on version 1 ledgers filled by openpyxl (with a note and a column of the user's own): the version 2
// copy keeps every value by field and every cell of the input byte for byte, passes ooxml-check, and checking it finds
// the version 1 findings (at the same cells) plus only those of version 2's new fields and rules (Amendment 8).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { templates } from '../../../templates/index.js';
import type { Issue } from '../../../templates/model/types.js';
import { validateAmong } from '../../../templates/model/validate.js';
import { atVersion } from '../../../templates/model/versions.js';
import { piLedger } from '../../../templates/pi-ledger/index.js';
import { ledgerSheet, riskSheet } from '../../../templates/pi-ledger/sheets.js';
import { readXlsx } from '../../../scripts/io/read-xlsx.js';
import { readZip, inflateEntry } from '../../../scripts/io/zip.js';
import { upgradeXlsx } from '../../../scripts/upgrade/upgrade.js';
import { templateBuffer } from '../../../scripts/xlsx/template-writer.js';
import {
  fillWithOpenpyxl,
  hasLibreOffice,
  hasOpenpyxl,
  resaveWithLibreOffice,
  SYSTEM_PYTHON,
} from '../../helpers/producers.js';
import { ROOT } from '../check/cli-helpers.js';
import { issuesAdded } from '../../helpers/ooxml.js';
import { AS_OF, ledgerFill, ledgerRow, riskRows } from '../merge/fixtures.js';

const run = promisify(execFile);
const v2 = piLedger;
const defs = templates;
/** Rules version 2 added (their findings are the only new ones an upgrade may bring, with the new fields' V-*). */
const newRules = new Set(v2.rules.filter((r) => (r.since ?? 1) > 1).map((r) => r.id));
const newFields = new Set(v2.sheets.flatMap((s) => s.fields.filter((f) => (f.since ?? 1) > 1).map((f) => f.key)));

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
  // GA-002: a transfer abroad on the consent given at collection (version 1 asks to confirm it; version 2 wants its
  // basis); GA-004: data received from a third party (version 2 wants its source and the record of receipt).
  const rows = [
    ledgerRow('GA-001', '総務部'),
    ledgerRow('GA-002', '総務部', {
      利用目的: '業務のため',
      委託: 'はい',
      委託先: 'Sample Inc.',
      外国第三者提供: 'はい',
      提供先国: '米国',
    }),
    ledgerRow('GA-003', '総務部', { 件数: '約100', 最終確認日: '令和6年4月1日' }),
    ledgerRow('GA-004', '総務部', {
      取得形態: '第三者提供を受領',
      同意: '書面で取得済',
      件数: 2400,
      要配慮個人情報: 'はい',
    }),
  ];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'daicho-upgrade-'));
    const blank = join(dir, 'blank-v1.xlsx');
    await writeFile(blank, await templateBuffer(atVersion(v2, 1)));
    const filled = join(dir, 'filled.xlsx');
    const risks = ['GA-001', 'GA-002', 'GA-003', 'GA-004'].flatMap((id) => riskRows(id));
    await fillWithOpenpyxl(
      blank,
      filled,
      ledgerFill(rows, risks, [{ label: '社内メモ', values: ['年1回見直し', null, '要確認', null] }], atVersion(v2, 1)),
    );
    input = join(dir, '総務部.xlsx');
    await run(SYSTEM_PYTHON, [
      join(ROOT, 'test/scripts/check/add_note.py'),
      filled,
      input,
      `${ledgerSheet.name}!K4=目的を具体的に`,
    ]);
    inputBytes = await readFile(input);
  }, 120_000);

  it('writes a version 2 copy that keeps every value, cell, note and extra column, and passes ooxml-check', async () => {
    const r = upgradeXlsx(inputBytes, defs);
    if (r.kind !== 'upgraded') throw new Error(JSON.stringify(r));
    expect([r.template, r.from, r.to]).toEqual(['pi-ledger', 1, 2]);
    const out = join(dir, 'out.xlsx');
    await writeFile(out, r.bytes);
    expect(await issuesAdded(out)).toEqual([]);
    expect(await readFile(input)).toEqual(inputBytes);

    const before = validateAmong(readXlsx(inputBytes), defs, { asOf: AS_OF });
    const after = validateAmong(readXlsx(r.bytes), defs, { asOf: AS_OF });
    expect(before.template).toEqual({ id: 'pi-ledger', version: 1 });
    expect(after.template).toEqual({ id: 'pi-ledger', version: 2 });
    // Every value by field, and the user's column.
    const recs = (v: typeof before) => v.data!.sheets[ledgerSheet.name];
    expect(recs(after).map((x) => x.raw['管理番号'])).toEqual(['GA-001', 'GA-002', 'GA-003', 'GA-004']);
    recs(before).forEach((b, k) => {
      for (const [key, raw] of Object.entries(b.raw)) expect(recs(after)[k].raw[key], key).toEqual(raw);
      expect(recs(after)[k].extra).toEqual(b.extra);
      for (const key of newFields) if (key in recs(after)[k].raw) expect(recs(after)[k].raw[key], key).toBeNull();
    });
    const risksOf = (v: typeof before) => v.data!.sheets[riskSheet.name];
    expect(risksOf(after).length).toBe(20);
    risksOf(before).forEach((b, k) => {
      for (const [key, raw] of Object.entries(b.raw)) expect(risksOf(after)[k].raw[key], key).toEqual(raw);
    });
    // Every cell of the input's sheets is in the copy byte for byte (values, formats); the note part is untouched.
    const sheetPart = 'xl/worksheets/sheet1.xml';
    const outCells = new Set(cellsOf(partText(r.bytes, sheetPart)));
    for (const c of cellsOf(partText(inputBytes, sheetPart))) expect(outCells.has(c), c).toBe(true);
    const comments = readZip(inputBytes)
      .entries.filter((e) => /comments/i.test(e.name))
      .map((e) => e.name);
    expect(comments.length).toBeGreaterThan(0);
    for (const c of comments) expect(partText(r.bytes, c)).toBe(partText(inputBytes, c));

    // The findings: version 1's, at the same cells, except the one version 1 judgment version 2 replaces (the
    // consent at collection asked to cover the transfer abroad), plus only those of the new fields and rules.
    const replaced = (i: Issue) => i.rule === 'PL-FOREIGN' && i.field === '同意';
    const old = new Set(before.issues.filter((i) => i.rule !== 'TEMPLATE-VERSION' && !replaced(i)).map(at));
    expect(before.issues.filter(replaced)).toHaveLength(1);
    expect(before.issues.some((i) => i.rule === 'PL-LEAK')).toBe(true);
    const added = after.issues.filter((i) => !old.has(at(i)));
    for (const i of added)
      expect(newRules.has(i.rule) || (i.field !== null && newFields.has(i.field)), `${i.rule}/${i.field}`).toBe(true);
    expect(
      added
        .filter((i) => i.sheet === ledgerSheet.name)
        .map((i) => `${i.rule}/${i.field}/${recs(after).find((x) => x.cells[i.field!] === i.cell)?.raw['管理番号']}`)
        .sort(),
    ).toEqual([
      'PL-FOREIGN/外国提供の根拠/GA-002',
      'PL-NOTICE/取得元/GA-004',
      'PL-NOTICE/明示・通知・公表の方法/GA-001',
      'PL-NOTICE/明示・通知・公表の方法/GA-002',
      'PL-NOTICE/明示・通知・公表の方法/GA-003',
      'PL-NOTICE/明示・通知・公表の方法/GA-004',
      'PL-RECORD/提供・受領の記録/GA-004',
      'V-REQUIRED/データの所在国/GA-001',
      'V-REQUIRED/データの所在国/GA-002',
      'V-REQUIRED/データの所在国/GA-003',
      'V-REQUIRED/データの所在国/GA-004',
    ]);
    expect(
      added
        .filter((i) => i.sheet === riskSheet.name)
        .map((i) => `${i.rule}/${i.field}`)
        .sort(),
    ).toEqual(
      Array.from({ length: 20 }, () => ['V-REQUIRED/リスク区分', 'V-REQUIRED/固有リスク'])
        .flat()
        .sort(),
    );
    expect(after.issues.filter((i) => old.has(at(i))).length).toBe(old.size);
    // The new columns come after the user's own (nothing moves), headed as the template heads them.
    const header = readXlsx(r.bytes)
      .sheets.find((s) => s.name === ledgerSheet.name)!
      .rows[1].map(String);
    expect(header.slice(-7)).toEqual([
      '社内メモ',
      '取得元',
      '明示・通知・公表の方法',
      '第三者提供の同意',
      '提供・受領の記録',
      '外国提供の根拠',
      'データの所在国',
    ]);
    const riskHeader = readXlsx(r.bytes)
      .sheets.find((s) => s.name === riskSheet.name)!
      .rows[1].map(String);
    expect(riskHeader.slice(-5)).toEqual(['リスク区分', '固有リスク', '残留リスクの承認者', '承認日', '見直し期限']);
    // Each new column with its dropdown and hint from the one definition (外国提供の根拠 is column AM).
    const view = await fillWithOpenpyxl(out, join(dir, 'view.xlsx'), {});
    const basis = view.validations[ledgerSheet.name].find((d) => d.sqref.startsWith('AM'))!;
    expect(basis).toMatchObject({ type: 'list', sqref: 'AM3:AM102' });
    expect(basis.prompt).toContain('第28条');
    expect(r.added).toEqual([
      ...[
        'AI: 取得元',
        'AJ: 明示・通知・公表の方法',
        'AK: 第三者提供の同意',
        'AL: 提供・受領の記録',
        'AM: 外国提供の根拠',
        'AN: データの所在国',
      ].map((c) => `${ledgerSheet.name}!${c}`),
      ...['F: リスク区分', 'G: 固有リスク', 'H: 残留リスクの承認者', 'I: 承認日', 'J: 見直し期限'].map(
        (c) => `${riskSheet.name}!${c}`,
      ),
    ]);
  });

  it.skipIf(!hasLibreOffice())(
    'upgrades a version 1 ledger LibreOffice saved: every value, nothing ooxml-check did not already find',
    async () => {
      const saved = await resaveWithLibreOffice(input);
      const bytes = await readFile(saved);
      const r = upgradeXlsx(bytes, defs);
      if (r.kind !== 'upgraded') throw new Error(JSON.stringify(r));
      const out = join(dir, 'lo-out.xlsx');
      await writeFile(out, r.bytes);
      expect(await issuesAdded(out, saved)).toEqual([]);
      const before = validateAmong(readXlsx(bytes), defs, { asOf: AS_OF });
      const after = validateAmong(readXlsx(r.bytes), defs, { asOf: AS_OF });
      expect(after.template).toEqual({ id: 'pi-ledger', version: 2 });
      const recs = (v: typeof before) => v.data!.sheets[ledgerSheet.name];
      expect(recs(after).length).toBe(4);
      recs(before).forEach((b, k) => {
        for (const [key, raw] of Object.entries(b.raw)) expect(recs(after)[k].raw[key], key).toEqual(raw);
        expect(recs(after)[k].extra).toEqual(b.extra);
      });
    },
    120_000,
  );

  it('refuses, with a reason in Japanese and English, what it cannot or need not upgrade', async () => {
    const current = upgradeXlsx(await templateBuffer(v2), defs);
    expect(current).toMatchObject({ kind: 'current', message: { ja: expect.stringContaining('すでに最新版') } });
    const newer = upgradeXlsx(await templateBuffer({ ...v2, version: 3 }), defs);
    expect(newer).toMatchObject({ kind: 'refused', reason: { en: expect.stringContaining('newer template') } });
    const unmarked = upgradeXlsx(await templateBuffer(atVersion(v2, 1), { marker: false }), defs);
    expect(unmarked).toMatchObject({ kind: 'refused', reason: { ja: expect.stringContaining('隠しシート') } });
    const other = upgradeXlsx(
      await templateBuffer(atVersion(v2, 1)),
      templates.filter((t) => t.id !== 'pi-ledger'),
    );
    expect(other.kind).toBe('refused');
  });
});
