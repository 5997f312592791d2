// `daicho merge` as users run it (compiled CLI, worker processes): output, refusals and exit codes, and the round trip
// merge → check on the bundled department ledgers: the master shows exactly the inputs' findings.
import { mkdir, mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { daicho, ensureBuilt, type JsonReport } from '../check/cli-helpers.js';

let dir: string;
let samples: string;

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-merge-cli-'));
  samples = join(dir, 'samples');
  const r = await daicho(['samples', '-o', samples]);
  expect(r.code).toBe(0);
}, 180_000);

const findings = (r: JsonReport) =>
  r.files
    .flatMap((f) => f.issues)
    .map((i) => `${i.rule} ${i.message.ja}`)
    .sort();

describe('daicho merge (CLI)', () => {
  it('merges the department ledgers; checking the master finds exactly what checking the inputs found', async () => {
    const out = join(dir, 'master.xlsx');
    const m = await daicho(['merge', join(samples, 'pi-ledger'), '-o', out, '--as-of', '2026-11-20']);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toContain('統合しました');
    expect(m.stdout).toMatch(/台帳: 36 行（読込 36 行、同一内容の重複 0 行を統合、競合 0 件 0 行）/);
    const inputs = join(dir, 'inputs.json');
    const master = join(dir, 'master.json');
    await daicho(['check', join(samples, 'pi-ledger'), '--as-of', '2026-11-20', '--json', inputs]);
    const c = await daicho(['check', out, '--as-of', '2026-11-20', '--json', master]);
    expect(c.code).toBe(1); // the samples have errors, and so does the master: the same ones
    const a = JSON.parse(await readFile(inputs, 'utf8')) as JsonReport;
    const b = JSON.parse(await readFile(master, 'utf8')) as JsonReport;
    expect(findings(b)).toEqual(findings(a));
    expect(b.files[0].template).toEqual({ id: 'pi-ledger', version: 2 });
  });

  it('refuses to overwrite without --force (exit 2) and overwrites with it', async () => {
    const out = join(dir, 'twice.xlsx');
    expect((await daicho(['merge', join(samples, 'pi-ledger'), '-o', out])).code).toBe(0);
    const before = (await stat(out)).mtimeMs;
    const again = await daicho(['merge', join(samples, 'pi-ledger'), '-o', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists (use --force to overwrite)');
    expect((await stat(out)).mtimeMs).toBe(before);
    const forced = await daicho(['merge', join(samples, 'pi-ledger'), '-o', out, '--force', '--lang', 'en']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Merged 4 files (pi-ledger v2)');
  });

  it('refuses a mix of templates with a message naming the file (exit 1), writing nothing', async () => {
    const out = join(dir, 'mixed', 'master.xlsx');
    await mkdir(join(dir, 'mixed'));
    const r = await daicho([
      'merge',
      join(samples, 'pi-ledger'),
      join(samples, 'legal-register'),
      '-o',
      out,
      '--lang',
      'en',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Cannot merge: 2 input(s) have problems. No output was written.');
    expect(r.stderr).toMatch(
      /法的要求事項確認書_2026年度\.xlsx: Its template differs from the other inputs \(legal-register version 1/,
    );
    expect(await readdir(join(dir, 'mixed'))).toEqual([]);
  });

  it('summarises form templates', async () => {
    const out = join(dir, 'suppliers.xlsx');
    const r = await daicho(['merge', join(samples, 'supplier-checklist'), '-o', out, '--as-of', '2026-11-20']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/集計しました: .*suppliers\.xlsx（supplier-checklist 第1版、11 ファイル）/);
  });

  it('says what is wrong with the command line (exit 2)', async () => {
    expect((await daicho(['merge', join(samples, 'pi-ledger')])).stderr).toContain('merge needs -o OUT.xlsx');
    expect((await daicho(['merge', '-o', join(dir, 'x.xlsx')])).code).toBe(2);
    expect((await daicho(['merge', join(samples, 'pi-ledger'), '-o', join(dir, 'x.csv')])).stderr).toContain(
      '-o must name an .xlsx file',
    );
  });
});
