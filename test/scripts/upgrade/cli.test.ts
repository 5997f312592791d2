// `daicho upgrade` as users run it (compiled CLI): a version 1 ledger becomes version 2, a version 1 contractor
// evaluation too; a reason for each file it does not upgrade, in the chosen language; an input never written; outputs
// never replaced without --force (test/scripts/upgrade/upgrade.test.ts and form.test.ts hold the upgrade itself).
import { mkdir, mkdtemp, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { daicho, ensureBuilt, type JsonReport } from '../check/cli-helpers.js';
import { samples } from '../../../scripts/samples/pi-ledger.js';
import { templateBuffer } from '../../../scripts/xlsx/template-writer.js';
import { contractorEvaluation } from '../../../templates/contractor-evaluation/index.js';
import { atVersion } from '../../../templates/model/versions.js';
import { piLedger } from '../../../templates/pi-ledger/index.js';
import { supplierChecklist } from '../../../templates/supplier-checklist/index.js';

let dir: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-upgrade-cli-'));
  expect((await daicho(['template', 'pi-ledger', '-o', join(dir, 'in')])).code).toBe(0);
  await writeFile(join(dir, 'in', 'broken.xlsx'), 'not a workbook');
}, 180_000);

describe('daicho upgrade (CLI)', () => {
  it('upgrades a version 1 ledger to version 2, which check then reads as version 2 (exit 0), leaving the input as it was', async () => {
    const input = join(dir, 'v1', '営業部.xlsx');
    await mkdir(join(dir, 'v1'), { recursive: true });
    await writeFile(input, await templateBuffer(atVersion(piLedger, 1), samples[2].input));
    const before = await readFile(input);
    const r = await daicho(['upgrade', join(dir, 'v1'), '-o', join(dir, 'v2')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('（pi-ledger 第1版 → 第2版。追加した項目: 台帳!AH: 取得元、');
    expect(await readFile(input)).toEqual(before);
    const json = join(dir, 'v2.json');
    await daicho(['check', join(dir, 'v2', '営業部.xlsx'), '--json', json, '--as-of', '2026-11-20']);
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    expect(report.files[0].template).toEqual({ id: 'pi-ledger', version: 2 });
    expect(report.files[0].issues.some((i) => i.rule === 'TEMPLATE-VERSION')).toBe(false);
  });

  it('gives each file it does not upgrade its reason (exit 1), writing nothing for it', async () => {
    const r = await daicho(['upgrade', join(dir, 'in'), '-o', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain(
      `更新不要: ${join(dir, 'in', 'pi-ledger.xlsx')}: すでに最新版のテンプレート（第2版）です。`,
    );
    expect(r.stdout).toMatch(/更新できません: .*broken\.xlsx: /);
    const en = await daicho(['upgrade', join(dir, 'in', 'pi-ledger.xlsx'), '-o', join(dir, 'out'), '--lang', 'en']);
    expect(en.stdout).toContain('Already the latest template version (2); nothing to upgrade.');
    await expect(stat(join(dir, 'out', 'pi-ledger.xlsx'))).rejects.toThrow();
  });

  it('never writes an input, even with --force, nor through a symlinked folder (exit 2, nothing done)', async () => {
    const input = join(dir, 'in', 'pi-ledger.xlsx');
    const before = await readFile(input);
    await symlink(join(dir, 'in'), join(dir, 'link-to-in'));
    for (const target of [join(dir, 'in'), join(dir, 'link-to-in')]) {
      const r = await daicho(['upgrade', input, '-o', target, '--force']);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('入力ファイルは --force を付けても上書きしません');
      expect(r.stderr).toContain('inputs are never overwritten');
    }
    expect(await readFile(input)).toEqual(before);
  });

  it('refuses an existing output without --force (exit 2) before doing anything', async () => {
    await mkdir(join(dir, 'taken'), { recursive: true });
    await writeFile(join(dir, 'taken', 'pi-ledger.xlsx'), 'keep me');
    const r = await daicho(['upgrade', join(dir, 'in', 'pi-ledger.xlsx'), '-o', join(dir, 'taken')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('already exists (use --force to overwrite)');
    expect(await readFile(join(dir, 'taken', 'pi-ledger.xlsx'), 'utf8')).toBe('keep me');
  });

  it('upgrades a version 1 contractor evaluation, saying what it added where; a current workbook is not a failure', async () => {
    await mkdir(join(dir, 'ce-v1'), { recursive: true });
    await writeFile(join(dir, 'ce-v1', 'ce.xlsx'), await templateBuffer(atVersion(contractorEvaluation, 1)));
    await writeFile(join(dir, 'ce-v1', 'sc.xlsx'), await templateBuffer(supplierChecklist));
    const r = await daicho(['upgrade', join(dir, 'ce-v1'), '-o', join(dir, 'v1-out')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(
      '（contractor-evaluation 第1版 → 第2版。追加した項目: 評価票!6行目: データの所在国、評価票!11行目: 委託開始日、評価票!15行目: 特定個人情報の再委託許諾）',
    );
    expect(r.stdout).toContain(`更新不要: ${join(dir, 'ce-v1', 'sc.xlsx')}: すでに最新版のテンプレート（第1版）です。`);
    await stat(join(dir, 'v1-out', 'ce.xlsx'));
    await expect(stat(join(dir, 'v1-out', 'sc.xlsx'))).rejects.toThrow();
  });

  it('has usage errors and help like every command', async () => {
    expect((await daicho(['upgrade', join(dir, 'in')])).code).toBe(2);
    const h = await daicho(['upgrade', '--help', '--lang', 'en']);
    expect(h.stdout).toContain('daicho upgrade <files|folders…> -o DIR');
  });
});
