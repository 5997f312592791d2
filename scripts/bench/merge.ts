// npm run bench:merge — merge 200 department ledgers of 2,000 rows × the ledger's 33 columns (400,000 records) and
// compare with what a careful user would write with exceljs (streaming reader + streaming writer, all 200 files) and
// with the naive exceljs full load and save (20 of the files). Each scenario runs in its own child process; the
// parent reports wall time and the peak RSS of the child's process tree (its lanes are worker processes: rss.ts).
//
//   node dist/scripts/bench/merge.js [--files N] [--rows N] [--naive N] [--skip-baselines] [--jobs N]
//
// The inputs are generated once into .tmp/bench/merge/ (kanji-heavy text, characters outside the BMP, combining
// marks, compatibility ideographs, literal _xHHHH_ and line breaks; every 100th ledger row is a company-wide row that
// all departments share, a few of them edited differently by five departments).
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { templateById } from '../../templates/index.js';
import type { CellValue } from '../../templates/model/grid.js';
import { ledgerSheet } from '../../templates/pi-ledger/sheets.js';
import { readZip } from '../io/zip.js';
import { mergeFiles } from '../merge/merge.js';
import { writeTableWorkbook } from '../merge/write-table.js';
import { runMeasured } from './rss.js';

const ROOT = join(process.cwd(), '.tmp', 'bench', 'merge');
const SELF = fileURLToPath(import.meta.url);
const AS_OF = '2026-11-20';

// ---- data ---------------------------------------------------------------------------------------------------------

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  '佐藤',
  '鈴木',
  '髙橋',
  '田中',
  '伊藤',
  '渡邊',
  '山本',
  '中村',
  '小林',
  '加藤',
  '吉田',
  '山口',
  '松本',
  '井上',
  '木村',
  '林',
  '斎藤',
  '清水',
  '山﨑',
  '森',
  '𠮷田',
  '池田',
  '橋本',
  '阿部',
  '石川',
  '齋藤',
  '前田',
  '藤田',
  '後藤',
  '長谷川',
];
const GIVEN = [
  '太郎',
  '花子',
  '一郎',
  '美咲',
  '翔太',
  '陽菜',
  '健一',
  '由美',
  '大輔',
  '恵',
  '剛',
  '彩',
  '誠',
  '裕子',
  '𠮷郎',
  '瑶子',
  '凜',
  '隆之介',
  'さくら',
  'かな\u3099',
];
const WORK = [
  '給与計算',
  '人事評価',
  '採用選考',
  '顧客管理',
  '受注処理',
  '請求業務',
  '問合せ対応',
  '健康管理',
  '入退室管理',
  '契約管理',
  '保守サービス',
  '販売促進',
  '債権回収',
  '研修運営',
  '福利厚生',
];
const NAMES = [
  '従業者名簿',
  '顧客名簿',
  '申込書',
  '見積依頼書',
  '健康診断結果',
  '採用応募書類',
  '取引先担当者名刺',
  '契約書控',
  '苦情受付記録',
  '会員データ',
  '配送先リスト',
  '研修受講記録',
];
const ITEMS = [
  '氏名',
  '住所',
  '電話番号',
  'メールアドレス',
  '生年月日',
  '性別',
  '勤務先',
  '役職',
  '購入履歴',
  '口座番号',
  '社員番号',
  '緊急連絡先',
  '扶養家族',
  '健康診断結果',
];
const PLACES = [
  '本社3階 総務部 施錠キャビネット',
  'ファイルサーバ \\\\fs01\\共有\\個人情報',
  '顧客管理システム（クラウド）',
  '大阪支店 書庫',
  '名古屋営業所 耐火金庫',
  '外部保管倉庫（神奈川県）',
];
const PURPOSES = [
  '給与・賞与の計算及び支払、源泉徴収並びに社会保険の手続',
  '商品の発送、請求書の送付及び保守・アフターサービスのご連絡',
  '採用選考及び応募者への選考結果の連絡',
  '契約の締結・履行並びに取引に関する連絡',
  'お問合せへの回答及び資料の送付',
  '労働安全衛生法に基づく健康管理及び就業上の措置の検討',
];
const DEPT_A = ['東日本', '西日本', '首都圏', '関西', '九州', '北海道', '東北', '中部', '中国', '四国'];
const DEPT_B = [
  '第一営業部',
  '第二営業部',
  '法人営業部',
  '人事部',
  '総務部',
  '経理部',
  '情報システム部',
  '品質保証部',
  '購買部',
  '物流管理部',
  '神奈川事業所',
  '研究開発部',
  '顧客サポート部',
  '広報部',
  '法務部',
  '海外事業部',
  '生産管理部',
  '設備管理部',
  '経営企画部',
  '内部監査室',
];
const NOTES = [
  null,
  null,
  null,
  '年1回棚卸しを実施',
  '紙媒体は2027年度に電子化予定\n（稟議済み）',
  '旧システムの _x0041_ 形式のIDを含む',
  '記号<テスト>&確認 "引用" \'単一\'',
  '﨑と神（互換漢字）を含む氏名あり',
  '  前後に空白  ',
  'タブ\t区切りの補足',
];

function pick<T>(r: () => number, a: readonly T[]): T {
  return a[Math.floor(r() * a.length)];
}

function personName(r: () => number): string {
  return `${pick(r, SURNAMES)} ${pick(r, GIVEN)}`;
}

/** One department's ledger rows, in field order. */
export function departmentRows(d: number, rows: number): CellValue[][] {
  const r = prng(1000 + d);
  const dept = `${DEPT_A[d % DEPT_A.length]}${DEPT_B[Math.floor(d / DEPT_A.length) % DEPT_B.length]}${d >= 200 ? d : ''}`;
  const code = `D${String(d + 1).padStart(3, '0')}`;
  const manager = `${dept}長 ${personName(r)}`;
  const out: CellValue[][] = [];
  for (let i = 0; i < rows; i++) {
    const shared = i % 100 === 99;
    // Shared rows: the same content in every department's file, except that five departments edited one of them.
    const rr = shared ? prng(7 + i) : r;
    const edited = shared && i === 99 && d % 40 === 39;
    const v: Record<string, CellValue> = {
      管理番号: shared ? `CMN-${String(i + 1).padStart(5, '0')}` : `${code}-${String(i + 1).padStart(5, '0')}`,
      部門: shared ? '全社共通' : dept,
      管理責任者: shared ? '総務部長 山田 太郎' : manager,
      業務名: pick(rr, WORK),
      個人情報の名称: `${pick(rr, NAMES)}（${pick(rr, WORK)}用）`,
      個人情報の項目: Array.from({ length: 3 + Math.floor(rr() * 6) }, () => pick(rr, ITEMS)).join('、'),
      本人区分: pick(rr, ['顧客', '従業者', '取引先担当者', '採用応募者', '退職者']),
      件数: edited ? 99999 : Math.floor(rr() * 50000),
      媒体: rr() < 0.5 ? '紙' : rr() < 0.5 ? '電子' : '電子データ',
      取得形態: pick(rr, ['本人から直接書面で取得', '本人から直接(書面以外)', '本人以外から間接取得', '受託']),
      利用目的: pick(rr, PURPOSES),
      要配慮個人情報: rr() < 0.1 ? 'はい' : 'いいえ',
      特定個人情報: rr() < 0.05 ? '○' : '×',
      開示対象: rr() < 0.8 ? 'はい' : 'いいえ',
      同意: pick(rr, ['書面で取得済', '電磁的方法で取得済', '不要(ただし書き適用)']),
      'ただし書き・理由': rr() < 0.2 ? '§4.4.2.5(4) 取得の状況から利用目的が明らか' : null,
      保管場所: pick(rr, PLACES),
      保管方法: pick(rr, ['施錠保管', 'アクセス制御・暗号化', 'アクセス制御・多要素認証・操作ログ取得']),
      アクセス権者: `${shared ? '総務部' : dept}員（${pick(rr, ['課長以上', '担当者3名', '全員'])}）`,
      利用期限: pick(rr, ['退職後1年', '契約終了後3年', '最終取引後5年', '選考終了後6か月']),
      保管期限: pick(rr, ['退職後7年', '契約終了後5年', '最終取引後5年', '永年']),
      廃棄方法: pick(rr, ['シュレッダー', '溶解', 'データ消去']),
      委託: rr() < 0.3 ? 'はい' : 'いいえ',
      委託先:
        rr() < 0.3
          ? pick(rr, ['株式会社サンプル給与サービス', '株式会社テスト倉庫', '株式会社モデルクラウド', '㈱見本印刷'])
          : null,
      第三者提供: 'いいえ',
      提供先: null,
      共同利用: 'いいえ',
      共同利用の範囲・管理責任者: null,
      外国第三者提供: 'いいえ',
      提供先国: null,
      最終確認日:
        rr() < 0.9 ? new Date(Date.UTC(2026, Math.floor(rr() * 6), 1 + Math.floor(rr() * 28))) : '令和8年4月1日',
      確認者: personName(rr),
      備考: edited ? `${d}番目の部門で修正` : pick(rr, NOTES),
    };
    out.push(ledgerSheet.fields.map((f) => v[f.key] ?? null));
  }
  return out;
}

async function ensureInputs(files: number, rows: number): Promise<string[]> {
  const dir = join(ROOT, `ledgers-${files}x${rows}`);
  await mkdir(dir, { recursive: true });
  const def = templateById('pi-ledger')!;
  const paths: string[] = [];
  let made = 0;
  const t0 = performance.now();
  for (let d = 0; d < files; d++) {
    const p = join(dir, `ledger-${String(d + 1).padStart(3, '0')}.xlsx`);
    paths.push(p);
    if (existsSync(p)) continue;
    await writeTableWorkbook(def, { 台帳: departmentRows(d, rows) }, `${p}.part`);
    await rm(p, { force: true });
    await rename(`${p}.part`, p);
    made++;
  }
  if (made)
    process.stderr.write(
      `generated ${made} ledgers in ${((performance.now() - t0) / 1000).toFixed(1)} s into ${dir}\n`,
    );
  return paths;
}

/** `files` copies of one ledger of `rows` rows (the first department's). */
async function identicalInputs(files: number, rows: number): Promise<string[]> {
  const dir = join(ROOT, `identical-${files}x${rows}`);
  await mkdir(dir, { recursive: true });
  const first = join(dir, 'ledger-1.xlsx');
  if (!existsSync(first)) {
    await writeTableWorkbook(templateById('pi-ledger')!, { 台帳: departmentRows(0, rows) }, `${first}.part`);
    await rename(`${first}.part`, first);
  }
  const paths = [first];
  for (let i = 2; i <= files; i++) {
    const p = join(dir, `ledger-${i}.xlsx`);
    if (!existsSync(p)) await copyFile(first, p);
    paths.push(p);
  }
  return paths;
}

// ---- scenarios (each in its own process) ---------------------------------------------------------------------------

const HEADER_ROWS = 2;

async function scenarioOurs(files: string[], out: string, jobs?: number): Promise<Record<string, unknown>> {
  const r = await mergeFiles(files, { out, force: true, asOf: AS_OF, lang: 'ja', jobs });
  return { sheets: r.sheets };
}

/** What a careful user writes: exceljs's streaming reader per input, its streaming writer for the master. */
async function scenarioStream(files: string[], out: string): Promise<Record<string, unknown>> {
  const labels = ledgerSheet.fields.map((f) => f.label.ja);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet('台帳');
  ws.addRow([...labels, '取込元ファイル', '取込元行']).commit();
  let rows = 0;
  for (const file of files) {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'cache',
      worksheets: 'emit',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    for await (const sheet of reader) {
      const name = (sheet as unknown as { name: string }).name;
      for await (const row of sheet) {
        if (name !== '台帳' || row.number <= HEADER_ROWS) continue;
        const values = (row.values as ExcelJS.CellValue[]).slice(1);
        ws.addRow([...values, file, row.number]).commit();
        rows++;
      }
    }
  }
  ws.commit();
  await wb.commit();
  return { rows };
}

/** The naive way: load each input fully, copy its rows into one workbook, save it. */
async function scenarioNaive(files: string[], out: string): Promise<Record<string, unknown>> {
  const labels = ledgerSheet.fields.map((f) => f.label.ja);
  const master = new ExcelJS.Workbook();
  const ws = master.addWorksheet('台帳');
  ws.addRow([...labels, '取込元ファイル', '取込元行']);
  let rows = 0;
  for (const file of files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    wb.getWorksheet('台帳')!.eachRow((row, n) => {
      if (n <= HEADER_ROWS) return;
      ws.addRow([...(row.values as ExcelJS.CellValue[]).slice(1), file, n]);
      rows++;
    });
  }
  await master.xlsx.writeFile(out);
  return { rows };
}

/** U+FFFD characters in the output's first worksheet (text the reader or writer corrupted), counted while inflating. */
async function replacementChars(out: string): Promise<number> {
  const bytes = await readFile(out);
  const zip = readZip(bytes);
  const e = zip.entries.find((x) => x.name === 'xl/worksheets/sheet1.xml');
  if (!e || e.method !== 8) return -1;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start =
    e.localHeaderOffset +
    30 +
    dv.getUint16(e.localHeaderOffset + 26, true) +
    dv.getUint16(e.localHeaderOffset + 28, true);
  const inflate = createInflateRaw();
  let n = 0;
  let carry = Buffer.alloc(0);
  inflate.on('data', (chunk: Buffer) => {
    const b = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    for (let i = b.indexOf(0xef); i >= 0 && i < b.length - 2; i = b.indexOf(0xef, i + 1))
      if (b[i + 1] === 0xbf && b[i + 2] === 0xbd) n++;
    carry = Buffer.from(b.subarray(b.length - 2));
  });
  await pipeline(Readable.from([bytes.subarray(start, start + e.compressedSize)]), inflate);
  return n;
}

async function child(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string' },
      out: { type: 'string' },
      list: { type: 'string' },
      jobs: { type: 'string' },
    },
    strict: false,
  });
  const files = JSON.parse(await readFile(String(values.list), 'utf8')) as string[];
  const out = String(values.out);
  const t0 = performance.now();
  const jobs = values.jobs !== undefined ? Number(values.jobs) : undefined;
  const scenario = String(values.scenario);
  const extra = scenario.startsWith('ours')
    ? await scenarioOurs(files, out, jobs)
    : scenario === 'stream'
      ? await scenarioStream(files, out)
      : await scenarioNaive(files, out);
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ ms, maxRssKb: process.resourceUsage().maxRSS, ...extra })}\n`);
}

interface Outcome {
  name: string;
  files: number;
  records: number;
  wallMs: number;
  maxRssKb: number | null;
  ok: boolean;
  note: string;
  outBytes: number | null;
  fffd: number | null;
}

async function run(
  name: string,
  scenario: string,
  files: string[],
  rowsPerFile: number,
  jobs?: string,
): Promise<Outcome> {
  const dir = join(ROOT, 'out');
  await mkdir(dir, { recursive: true });
  const list = join(dir, `${scenario}.files.json`);
  const out = join(dir, `${scenario}.xlsx`);
  await rm(out, { force: true });
  await writeFile(list, JSON.stringify(files));
  const args = [
    SELF,
    '--child',
    '--scenario',
    scenario,
    '--out',
    out,
    '--list',
    list,
    ...(jobs ? ['--jobs', jobs] : []),
  ];
  // The peak is that of the whole process tree: merge's lanes are worker processes (see rss.ts).
  const result = await runMeasured(process.execPath, args, { keepOutput: true });
  const wallMs = result.wallMs;
  const line = result.stdout.trim().split('\n').pop() ?? '';
  let parsed: { maxRssKb?: number } = {};
  try {
    parsed = JSON.parse(line) as { maxRssKb?: number };
    parsed.maxRssKb = result.peakRssKb;
  } catch {
    // the child failed; reported below
  }
  const ok = result.code === 0 && parsed.maxRssKb !== undefined;
  const outBytes = ok ? (await stat(out)).size : null;
  const fffd = ok ? await replacementChars(out) : null;
  return {
    name,
    files: files.length,
    records: files.length * rowsPerFile,
    wallMs,
    maxRssKb: parsed.maxRssKb ?? null,
    ok,
    note: ok ? '' : result.stderr.trim().split('\n').slice(-3).join(' ') || `exit ${result.code}`,
    outBytes,
    fffd,
  };
}

const fmtS = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const fmtMb = (kb: number | null): string => (kb === null ? '—' : `${Math.round(kb / 1024)} MB`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      files: { type: 'string', default: '200' },
      rows: { type: 'string', default: '2000' },
      naive: { type: 'string', default: '20' },
      jobs: { type: 'string' },
      'skip-baselines': { type: 'boolean', default: false },
      identical: { type: 'string', default: '8' },
      'identical-rows': { type: 'string', default: '20000' },
    },
  });
  const nFiles = Number(values.files);
  const nRows = Number(values.rows);
  const paths = await ensureInputs(nFiles, nRows);
  const cpu = (await import('node:os')).cpus();
  process.stdout.write(
    `merge benchmark: ${nFiles} ledgers × ${nRows} rows × ${ledgerSheet.fields.length} columns (${(nFiles * nRows).toLocaleString('en')} records)\n` +
      `node ${process.version}, ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}\n\n`,
  );
  const results: Outcome[] = [];
  const show = (o: Outcome): void => {
    process.stdout.write(
      `  ${o.name.padEnd(46)} ${String(o.files).padStart(4)} files  ${fmtS(o.wallMs).padStart(8)}  peak RSS ${fmtMb(o.maxRssKb).padStart(8)}` +
        `${o.fffd !== null && o.fffd > 0 ? `  ${o.fffd} × U+FFFD in its output` : ''}${o.ok ? '' : `  FAILED: ${o.note}`}\n`,
    );
  };
  const ours = await run('daicho merge (lean reader, workers, own writer)', 'ours', paths, nRows, values.jobs);
  results.push(ours);
  show(ours);
  if (!values['skip-baselines']) {
    const stream = await run('exceljs streaming reader + streaming writer', 'stream', paths, nRows);
    results.push(stream);
    show(stream);
    const naivePaths = paths.slice(0, Number(values.naive));
    const naive = await run('exceljs full load + save (naive)', 'naive', naivePaths, nRows);
    results.push(naive);
    show(naive);
    const oursNaive = await run('daicho merge, same files as naive', 'ours-small', naivePaths, nRows, values.jobs);
    results.push(oursNaive);
    show(oursNaive);
    process.stdout.write('\n');
    if (ours.ok && stream.ok) {
      process.stdout.write(
        `  ours / exceljs streaming: time ${(ours.wallMs / stream.wallMs).toFixed(2)}×, peak RSS ${((ours.maxRssKb ?? 0) / (stream.maxRssKb ?? 1)).toFixed(2)}×  (target ≤ 0.6× time, RSS < 1 GB)\n`,
      );
    }
    if (oursNaive.ok && naive.ok) {
      process.stdout.write(
        `  ours / exceljs naive (${naivePaths.length} files): time ${(oursNaive.wallMs / naive.wallMs).toFixed(2)}×, peak RSS ${((oursNaive.maxRssKb ?? 0) / (naive.maxRssKb ?? 1)).toFixed(2)}×\n`,
      );
    }
  }
  // Copies of one large ledger: every row of every copy after the first is a duplicate to fold.
  const nSame = Number(values.identical);
  const sameRows = Number(values['identical-rows']);
  if (nSame > 0) {
    const same = await identicalInputs(nSame, sameRows);
    const o = await run(
      `daicho merge, ${nSame} identical ledgers of ${sameRows.toLocaleString('en')} rows`,
      'ours-identical',
      same,
      sameRows,
      values.jobs,
    );
    results.push(o);
    process.stdout.write('\n');
    show(o);
    if (o.ok && o.maxRssKb !== null && o.maxRssKb > 1024 * 1024) process.exitCode = 1;
  }
  await writeFile(join(ROOT, 'out', 'results.json'), JSON.stringify(results, null, 2));
  // Targets: the 400,000-row merge under 400 MB, the identical ledgers under 1 GB (peak RSS of the process tree).
  if (ours.ok && ours.maxRssKb !== null && ours.maxRssKb > 400 * 1024) process.exitCode = 1;
}

if (process.argv.includes('--child')) {
  child().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
