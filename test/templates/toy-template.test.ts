// The toy fifth template (test/helpers/toy-template.ts) through check, annotate, merge and audit: everything it gets
// comes from its definition, registered by the one line below. (The pane: test/addin/toy-template.test.tsx.)
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTemplate } from '../../templates/index.js';
import type { WorkbookInput } from '../../templates/model/layout.js';
import { cellText } from '../../templates/model/normalise.js';
import { annotateFile } from '../../scripts/annotate/annotate.js';
import { runAudit, type AuditReport } from '../../scripts/audit/audit.js';
import { auditHtml } from '../../scripts/audit/html.js';
import { auditWorkbook } from '../../scripts/audit/xlsx.js';
import { checkFile } from '../../scripts/check-file.js';
import { type FileResult } from '../../scripts/file-result.js';
import { readXlsx, readXlsxFile } from '../../scripts/io/read-xlsx.js';
import { mergeFiles } from '../../scripts/merge/merge.js';
import { templateBuffer } from '../../scripts/xlsx/template-writer.js';
import { hasOoxmlCheck, issuesAdded } from '../helpers/ooxml.js';
import { FORM, ITEMS, toy } from '../helpers/toy-template.js';

registerTemplate(toy);

const AS_OF = '2026-11-20';
let dir: string;
const files: Record<string, string> = {};

const inspection = (
  store: string,
  on: string,
  by: string | null,
  answers: Record<string, { 結果: string; 是正予定日?: string; メモ?: string }>,
): WorkbookInput => ({
  forms: { [FORM]: { 店舗名: store, 点検日: on, 点検者: by } },
  answers: { [ITEMS]: answers },
});

const good = { 結果: '良' };

async function rows(path: string, sheet: string): Promise<(string | null)[][]> {
  const g = await readXlsxFile(path);
  const s = g.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}; have ${g.sheets.map((x) => x.name).join(', ')}`);
  return s.rows.map((r) => Array.from(r ?? [], (v) => cellText(v ?? null)));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daicho-toy-'));
  await mkdir(join(dir, 'returns'));
  const inputs: Record<string, WorkbookInput> = {
    // 渋谷店 twice: the October inspection is superseded by November's.
    'shibuya-10.xlsx': inspection('渋谷店', '2026-10-01', '佐藤', {
      'T-1': { 結果: '否', 是正予定日: '2026-10-15' },
      'T-2': good,
      'T-3': good,
    }),
    'shibuya-11.xlsx': inspection('渋谷店', '2026-11-10', '佐藤', { 'T-1': good, 'T-2': good, 'T-3': good }),
    'shinjuku.xlsx': inspection('新宿店', '2026-11-05', '鈴木', {
      'T-1': good,
      'T-2': { 結果: '否', 是正予定日: '2026-12-20', メモ: '段ボールを撤去する' },
      'T-3': good,
    }),
    // No 点検者: an error.
    'ikebukuro.xlsx': inspection('池袋店', '2026-11-12', null, { 'T-1': { 結果: '否' }, 'T-2': good, 'T-3': good }),
  };
  for (const [name, input] of Object.entries(inputs)) {
    files[name] = join(dir, 'returns', name);
    await writeFile(files[name], await templateBuffer(toy, input));
  }
}, 60_000);

describe('a template defined in a test only', () => {
  let ikebukuro: FileResult;

  it('check: identified by its marker, validated by the engine, named by its subject field, scored', async () => {
    ikebukuro = await checkFile(files['ikebukuro.xlsx'], { asOf: AS_OF });
    expect(ikebukuro.template).toEqual({ id: 'toy-inspection', version: 1 });
    expect(ikebukuro.subject).toBe('池袋店');
    expect(ikebukuro.status).toBe('invalid');
    expect(ikebukuro.issues.map((i) => [i.rule, i.sheet, i.field])).toEqual([['V-REQUIRED', FORM, '点検者']]);
    const shinjuku = await checkFile(files['shinjuku.xlsx'], { asOf: AS_OF });
    expect(shinjuku).toMatchObject({ status: 'ok', subject: '新宿店', issues: [] });
    expect(shinjuku.score).toMatchObject({ answered: 3, total: 3, points: 2 });
  });

  it('annotate: a copy with the finding on its cell and a 指摘一覧 sheet, Excel-valid', async () => {
    const out = join(dir, 'annotated', 'ikebukuro.xlsx');
    await mkdir(join(dir, 'annotated'));
    await annotateFile(files['ikebukuro.xlsx'], ikebukuro, out, { lang: 'ja' });
    const g = readXlsx(new Uint8Array(await readFile(out)));
    expect(g.sheets[0].name).toBe('指摘一覧');
    expect(g.sheets.map((s) => s.name)).toEqual(expect.arrayContaining([FORM, ITEMS]));
    expect(JSON.stringify(g.sheets[0].rows)).toContain('点検者');
    if (hasOoxmlCheck()) expect(await issuesAdded(out, files['ikebukuro.xlsx'])).toEqual([]);
  });

  it('merge: its own summary (stores, corrections of the latest inspections, the superseded one)', async () => {
    const out = join(dir, '店舗点検_集計.xlsx');
    const result = await mergeFiles(Object.values(files), { out, asOf: AS_OF, lang: 'ja', jobs: 0 });
    expect(result.forms).toEqual({ read: 4, latest: 3, superseded: 1, followUps: 2 });
    const stores = await rows(out, '店舗一覧');
    expect(stores[0]).toEqual(['店舗名', '点検日', '点検者', '得点率', '否の数', '状態', 'エラー', '警告', 'ファイル']);
    const byName = new Map(stores.slice(1).map((r) => [r[0], r]));
    expect([...byName.keys()].sort()).toEqual(['新宿店', '池袋店', '渋谷店'].sort());
    expect(byName.get('渋谷店')!.slice(4, 8)).toEqual(['0', 'OK', '0', '0']);
    expect(byName.get('池袋店')!.slice(4, 8)).toEqual(['1', '要修正', '1', '0']);
    const fixes = await rows(out, '是正一覧');
    expect(fixes[0]).toEqual(['店舗名', '項番', '結果', '是正予定日', 'ファイル', 'セル']);
    expect(fixes.slice(1).map((r) => r.slice(0, 4))).toEqual(
      expect.arrayContaining([
        ['新宿店', 'T-2', '否', '2026-12-20'],
        ['池袋店', 'T-1', '否', null],
      ]),
    );
    expect(fixes).toHaveLength(3);
    const superseded = await rows(out, '旧回答');
    expect(superseded[0].slice(0, 2)).toEqual(['名称', '点検日']);
    expect(superseded[1][0]).toBe('渋谷店');
  });

  it("merge of a form template without a summary of its own: a row per file, never another template's sheets", async () => {
    const plain = { ...toy, id: 'toy-plain', summary: undefined };
    const unregister = registerTemplate(plain);
    try {
      const paths = [join(dir, 'plain-1.xlsx'), join(dir, 'plain-2.xlsx')];
      for (const p of paths)
        await writeFile(p, await templateBuffer(plain, inspection('渋谷店', '2026-11-10', '佐藤', { 'T-1': good })));
      const out = join(dir, 'plain.xlsx');
      const result = await mergeFiles(paths, { out, asOf: AS_OF, lang: 'en', jobs: 0 });
      expect(result.forms).toEqual({ read: 2, latest: 2, superseded: 0, followUps: 0 });
      const files = await rows(out, 'Files');
      expect(files.map((r) => r.slice(0, 4))).toEqual([
        ['Status', 'Errors', 'Warnings', 'File'],
        ['OK', '0', '0', 'plain-1.xlsx'],
        ['OK', '0', '0', 'plain-2.xlsx'],
      ]);
      expect((await readXlsxFile(out)).sheets.map((x) => x.name)).toEqual(['Files', 'Superseded']);
    } finally {
      unregister();
    }
  });

  describe('audit', () => {
    let report: AuditReport;
    beforeAll(async () => {
      report = await runAudit(Object.values(files), { asOf: AS_OF, root: join(dir, 'returns'), jobs: 0 });
    });

    it('files its findings under its area and names it by its short title', async () => {
      const mine = report.findings.filter((f) => f.file === 'ikebukuro.xlsx');
      expect(mine.map((f) => [f.template, f.area.ja, f.issue.rule])).toEqual([
        ['toy-inspection', '店舗', 'V-REQUIRED'],
      ]);
      expect(report.totals).toMatchObject({ files: 4, ok: 3, invalid: 1, errors: 1 });
      const html = auditHtml(report, 'en');
      expect(html).toContain('ikebukuro.xlsx<span class="c">Store inspection · 池袋店 — ');
      const wb = readXlsx(new Uint8Array(await auditWorkbook(report, 'ja')));
      expect(JSON.stringify(wb.sheets.map((s) => s.rows))).toContain('"店舗"');
    });
  });
});
