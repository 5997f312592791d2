// Form templates merge into a summary workbook: supplier checklists (one row per supplier, latest return, scores,
// band, red flags, follow-up list) and contractor evaluations (委託先一覧 with 判定, 評価日, 次回評価期限).
import { mkdtemp, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { templateById } from '../../../templates/index.js';
import { atVersion } from '../../../templates/model/versions.js';
import type { WorkbookInput } from '../../../templates/model/layout.js';
import { cellText } from '../../../templates/model/normalise.js';
import { cellAddress } from '../../../templates/model/grid.js';
import { serialToIso } from '../../../templates/model/dates.js';
import { readXlsxFile } from '../../../scripts/io/read-xlsx.js';
import { mergeFiles } from '../../../scripts/merge/merge.js';
import { allSamples, SAMPLE_AS_OF } from '../../../scripts/samples/write.js';
import { templateBuffer } from '../../../scripts/xlsx/template-writer.js';

let dir: string;
const suppliers: string[] = [];
const contractors: string[] = [];
let earlier: string;

async function writeSample(id: string, file: string, input: WorkbookInput): Promise<string> {
  const path = join(dir, id, file.endsWith('.xlsx') ? file : `${file}.xlsx`);
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(dir, id), { recursive: true });
  await writeFile(path, await templateBuffer(templateById(id)!, input));
  return path;
}

async function sheetRows(path: string, name: string): Promise<(string | null)[][]> {
  const g = await readXlsxFile(path);
  const s = g.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}; have ${g.sheets.map((x) => x.name).join(', ')}`);
  // Date cells as the ISO date they show.
  return s.rows.map((r, i) =>
    (r ?? []).map((v, c) =>
      typeof v === 'number' && s.dateCells?.has(cellAddress(i, c)) ? serialToIso(v) : cellText(v ?? null),
    ),
  );
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'daicho-forms-'));
  for (const s of allSamples.find((x) => x.id === 'supplier-checklist')!.samples)
    suppliers.push(await writeSample('supplier-checklist', s.file, s.input));
  for (const s of allSamples.find((x) => x.id === 'contractor-evaluation')!.samples)
    contractors.push(await writeSample('contractor-evaluation', s.file, s.input));
  // 見本精機 answered once before: an earlier return with a gap it has since closed (same 法人番号, older 回答日),
  // written later than the current one so that the file time would pick the wrong one.
  const first = allSamples.find((x) => x.id === 'supplier-checklist')!.samples[0];
  const older: WorkbookInput = JSON.parse(JSON.stringify(first.input)) as WorkbookInput;
  older.forms!['回答者情報']['回答日'] = '2026-05-10';
  older.answers!['チェックリスト']['II-3'] = { 回答: 'いいえ', 改善予定日: '2026-09-30', コメント: '36協定の見直し中' };
  earlier = await writeSample('supplier-checklist', 'sc-00-mihon-seiki-previous.xlsx', older);
  const later = new Date(Date.now() + 60_000);
  await utimes(earlier, later, later);
});

describe('supplier checklist summary', () => {
  it('lists one row per supplier (the latest return), with scores, band, red flags and a follow-up sheet', async () => {
    const out = join(dir, 'suppliers.xlsx');
    const r = await mergeFiles([earlier, ...suppliers], { out, asOf: SAMPLE_AS_OF, lang: 'ja', jobs: 0 });
    expect(r.kind).toBe('form');
    expect(r.forms).toMatchObject({ read: 12, latest: 11, superseded: 1 });
    const rows = await sheetRows(out, '取引先一覧');
    const header = rows[0];
    expect(header.slice(0, 10)).toEqual([
      '会社名',
      '法人番号',
      '回答日',
      '回答者',
      'メール',
      '回答数',
      '完了率',
      '得点率',
      'ランク',
      '重大リスク',
    ]);
    expect(header).toContain('II 人権・労働');
    const byName = new Map(rows.slice(1).map((row) => [row[0], row]));
    expect(byName.size).toBe(11); // sc-11 has no company name: listed without one
    expect(rows).toHaveLength(12);
    const mihon = byName.get('見本精機株式会社')!;
    expect(mihon[header.indexOf('ファイル')]).toBe('sc-01-mihon-seiki-a-band.xlsx');
    expect(mihon[header.indexOf('ランク')]).toBe('A');
    const kasei = byName.get('ダミー化成株式会社')!;
    expect(kasei[header.indexOf('重大リスク')]).toBe('II-5, V-9');
    expect(Number(kasei[header.indexOf('得点率')])).toBeCloseTo(0.946, 3);
    // Red flags cap the band at C and make the status 要対応 (Amendment 5; review finding 8).
    expect(kasei[header.indexOf('ランク')]).toBe('C');
    expect(kasei[header.indexOf('状態')]).toBe('要対応');
    const incomplete = byName.get('有限会社さくら見本梱包')!;
    // No final score before all 37 are answered: completion and a provisional score instead.
    expect(incomplete[header.indexOf('ランク')]).toBe('未完了（回答 22/37、暫定 100%）');
    expect(incomplete[header.indexOf('得点率')] ?? null).toBeNull();
    expect(incomplete[header.indexOf('状態')]).toBe('要修正');

    const superseded = await sheetRows(out, '旧回答');
    expect(superseded.slice(1).map((s) => [s[0], s[2], s[3]])).toEqual([
      [
        '見本精機株式会社',
        'supplier-checklist/sc-00-mihon-seiki-previous.xlsx',
        'supplier-checklist/sc-01-mihon-seiki-a-band.xlsx',
      ].map((x, i) => (i ? x.split('/').pop()! : x)),
    ]);

    // Every いいえ / 一部実施 answer of the latest returns, with its comment and target date; none of the superseded one.
    const follow = await sheetRows(out, 'フォローアップ');
    const fh = follow[0];
    expect(fh.slice(0, 10)).toEqual([
      '会社名',
      '項番',
      '分類',
      '項目',
      '重大',
      '回答',
      '取組内容・根拠資料',
      '改善予定日',
      '期限超過',
      'コメント',
    ]);
    const mine = follow.slice(1).filter((f) => f[0] === '見本精機株式会社');
    expect(mine.map((f) => [f[1], f[5], f[7], f[9]])).toEqual([
      ['III-5', '一部実施', '2027-03-31', '組立ラインの補助具を2027年3月までに導入予定'],
    ]);
    expect(follow.slice(1).every((f) => ['いいえ', '一部実施', '該当なし'].includes(f[5]!))).toBe(true);
    expect(
      follow
        .slice(1)
        .filter((f) => f[0] === 'ダミー化成株式会社')
        .map((f) => [f[1], f[4]]),
    ).toEqual(
      expect.arrayContaining([
        ['II-5', '●'],
        ['V-9', '●'],
      ]),
    );
    expect(r.forms!.followUps).toBe(follow.length - 1);
  });
});

describe('contractor evaluation summary', () => {
  it('lists the 委託先一覧 with 判定, 評価日 and 次回評価期限', async () => {
    const out = join(dir, 'contractors.xlsx');
    const r = await mergeFiles(contractors, { out, asOf: SAMPLE_AS_OF, lang: 'ja', jobs: 0 });
    expect(r.forms).toMatchObject({ read: 6, latest: 6, superseded: 0 });
    const rows = await sheetRows(out, '委託先一覧');
    const h = rows[0];
    const pick = (row: (string | null)[]) => [
      row[0],
      row[h.indexOf('判定')],
      row[h.indexOf('評価日')],
      row[h.indexOf('次回評価期限')],
      row[h.indexOf('期限')],
    ];
    expect(rows.slice(1).map(pick)).toEqual([
      ['株式会社サンプル給与サービス', '合格', '2026-10-05', '2027-09-30', '有効'],
      ['株式会社ダミー文書サービス', '合格', '2026-05-20', '2027-11-30', '有効'],
      ['株式会社テスト倉庫', '合格', '2026-07-15', '2027-07-14', '有効'],
      ['株式会社モデルクラウド', '条件付合格', '2026-09-01', '2027-08-31', '有効'],
      ['株式会社架空リクルート', '合格', '2026-08-20', '2027-08-19', '有効'],
      ['株式会社見本印刷', '合格', '2025-06-10', '2026-06-09', '期限切れ'],
    ]);
    const recruit = rows.find((x) => x[0] === '株式会社架空リクルート')!;
    expect(recruit[h.indexOf('判定（得点から）')]).toBe('不合格');
    const printing = rows.find((x) => x[0] === '株式会社見本印刷')!;
    expect(printing[h.indexOf('必須項目の不適合')]).toBe('C-05');
    const cloud = rows.find((x) => x[0] === '株式会社モデルクラウド')!;
    expect([cloud[h.indexOf('データの所在国')], cloud[h.indexOf('委託開始日')]]).toEqual([
      '日本、シンガポール（バックアップ）',
      '2026-10-01',
    ]);
  });

  it('takes version 1 and version 2 evaluations together: a version 1 one has the new columns empty', async () => {
    const def = templateById('contractor-evaluation')!;
    const v1Input = JSON.parse(
      JSON.stringify(allSamples.find((x) => x.id === 'contractor-evaluation')!.samples[0].input),
    ) as WorkbookInput;
    Object.assign(v1Input.forms!['評価票'], { 委託先名: '株式会社旧版サービス', 法人番号: null });
    const v1File = join(dir, 'contractor-evaluation-v1.xlsx');
    await writeFile(v1File, await templateBuffer(atVersion(def, 1), v1Input));
    const out = join(dir, 'contractors-v1-v2.xlsx');
    const r = await mergeFiles([v1File, ...contractors], { out, asOf: SAMPLE_AS_OF, lang: 'ja', jobs: 0 });
    expect(r.forms).toMatchObject({ read: 7, latest: 7 });
    const rows = await sheetRows(out, '委託先一覧');
    const h = rows[0];
    const old = rows.find((x) => x[0] === '株式会社旧版サービス')!;
    expect([old[h.indexOf('データの所在国')] ?? null, old[h.indexOf('判定')], old[h.indexOf('状態')]]).toEqual([
      null,
      '合格',
      'OK',
    ]);
  });
});
