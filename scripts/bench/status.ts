// npm run bench:status — `daicho status` over a round of 5,000 returns against `daicho check` on the same files, in
// the same run (issue 14: within 1.5×). Each scenario is the CLI in a child process of its own (loading included),
// run --repeat times alternately, the fastest kept, with its process tree's peak RSS (rss.ts).
//
//   node dist/scripts/bench/status.js [--returns 5000] [--repeat 3] [--jobs N]
//
// Inputs are generated once into .tmp/bench/round-N/ (gitignored): a supplier list of N suppliers, and N returns made
// from 40 variants of a distributed checklist (the template writer, with the round's marker) whose supplier code is
// then set per file in the marker. One variant in ten has errors (a respondent field empty, a question unanswered),
// so status writes an annotated copy with its cover sheet for a tenth of the suppliers; a few have a red flag.
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { CellValue } from '../../templates/model/grid.js';
import { corpNoCheckDigit } from '../../templates/model/normalise.js';
import { CHECKLIST, QUESTIONS, RESPONDENT, supplierChecklist } from '../../templates/supplier-checklist/index.js';
import { SUPPLIERS, supplierList } from '../../templates/supplier-list/index.js';
import { rewriteZip } from '../annotate/zip-rewrite.js';
import { templateBuffer } from '../xlsx/template-writer.js';
import { runMeasured } from './rss.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const CACHE = join(ROOT, '.tmp', 'bench');
const CLI = join(ROOT, 'bin', 'daicho.js');
const ROUND = '2027上期';
const DUE = '2027-01-31';
const AS_OF = '2027-02-10';
const VARIANTS = 40;
/** Stands for the supplier code in the variants' marker; as long as the codes it becomes. */
const PLACEHOLDER = 'S-#####';

const code = (i: number) => `S-${String(i + 1).padStart(5, '0')}`;
const corpNo = (i: number) => {
  const base = String(300000000000 + i * 7919).padStart(12, '0');
  return `${corpNoCheckDigit(base)}${base}`;
};

function variant(v: number): Parameters<typeof templateBuffer>[1] {
  const broken = v % 10 === 3;
  const answers: Record<string, Record<string, CellValue>> = {};
  QUESTIONS.forEach((q, k) => {
    const no = v % 8 === 5 && k === 4;
    answers[q.id] = {
      回答: broken && k === 7 ? null : no ? 'いいえ' : k % 6 === v % 6 ? '一部実施' : 'はい',
      '取組内容・根拠資料': `社内規程 第${k + 1}条、記録簿 ${q.id}`,
      改善予定日: no || k % 6 === v % 6 ? '2027/6/30' : null,
      コメント: no || k % 6 === v % 6 ? '来期に対応予定' : null,
    };
  });
  return {
    forms: {
      [RESPONDENT]: {
        会社名: `ベンチ工業株式会社 第${v + 1}工場`,
        法人番号: null,
        '所在国・地域': '日本',
        従業員数: 50 + v * 13,
        回答者氏名: broken ? null : `試験 太郎${v}`,
        部署: 'サステナビリティ推進室',
        メール: `bench${v}@example.co.jp`,
        回答日: `2027/1/${(v % 28) + 1}`,
        責任者確認: 'はい',
      },
    },
    answers: { [CHECKLIST]: answers },
    distribution: { round: ROUND, supplier: PLACEHOLDER, due: DUE, lang: 'ja' },
  };
}

/** The round's list and returns (generated once). */
async function round(n: number): Promise<{ list: string; returns: string }> {
  const dir = join(CACHE, `round-${n}`);
  const list = join(dir, '取引先一覧.xlsx');
  const returns = join(dir, 'returns');
  if (existsSync(join(dir, '.complete'))) return { list, returns };
  await rm(dir, { recursive: true, force: true });
  await mkdir(returns, { recursive: true });
  const rows = Array.from({ length: n }, (_, i) => ({
    取引先コード: code(i),
    会社名: `ベンチ${i + 1}工業株式会社`,
    法人番号: corpNo(i),
    '担当部署・担当者': `品質保証部 試験 ${i + 1} 様`,
    メール: `s${i + 1}@bench${i + 1}.example.jp`,
    所在国: '日本',
    区分: '製造',
    送付言語: 'ja',
  }));
  await writeFile(list, await templateBuffer(supplierList, { tables: { [SUPPLIERS]: rows } }));
  const variants: { bytes: Uint8Array; part: string; xml: string }[] = [];
  for (let v = 0; v < VARIANTS; v++) {
    const bytes = new Uint8Array(await templateBuffer(supplierChecklist, variant(v)));
    const parts = unzipSync(bytes, { filter: (f) => f.name.endsWith('.xml') });
    const part = Object.keys(parts).find((p) => strFromU8(parts[p]).includes(PLACEHOLDER));
    if (!part) throw new Error('the variant has no supplier code placeholder');
    variants.push({ bytes, part, xml: strFromU8(parts[part]) });
  }
  // 100 files a folder, as returns are often filed by month.
  for (let i = 0; i < n; i++) {
    const sub = join(returns, `batch-${String(Math.floor(i / 100)).padStart(3, '0')}`);
    if (i % 100 === 0) await mkdir(sub, { recursive: true });
    const v = variants[i % VARIANTS];
    const data = rewriteZip(v.bytes, new Map([[v.part, strToU8(v.xml.replace(PLACEHOLDER, code(i)))]]));
    await writeFile(join(sub, `ご回答_${String(i + 1).padStart(5, '0')}.xlsx`), data);
  }
  await writeFile(join(dir, '.complete'), '');
  return { list, returns };
}

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const n = flag('returns', 5000);
  const repeat = flag('repeat', 3);
  const jobs = flag('jobs', 0);
  const t0 = performance.now();
  const { list, returns } = await round(n);
  console.log(`inputs: ${n} returns in ${((performance.now() - t0) / 1000).toFixed(1)} s (cached after the first run)`);
  const out = join(CACHE, `round-${n}-status`);
  const j = jobs ? ['--jobs', String(jobs)] : [];
  const scenarios = {
    check: ['check', returns, '--as-of', AS_OF, ...j],
    status: ['status', list, returns, '-o', out, '--round', ROUND, '--due', DUE, '--as-of', AS_OF, '--force', ...j],
  };
  const best: Record<string, { seconds: number; mb: number; stdout: string }> = {};
  // CPU time (the process tree's, from /proc) moves far less with the host's load than wall time: the least of each.
  const cpu: Record<string, number> = {};
  // On a shared host the load moves within minutes: each pair of runs (check, then status) gives a ratio of its own.
  const pairs: number[] = [];
  for (let k = 0; k < repeat; k++) {
    const pair: Record<string, number> = {};
    for (const [name, args] of Object.entries(scenarios)) {
      const r = await runMeasured(process.execPath, [CLI, ...args], { keepOutput: name === 'status' });
      if (r.code !== 0 && r.code !== 1) throw new Error(`${name} exited ${r.code}: ${r.stderr}`);
      const seconds = r.wallMs / 1000;
      pair[name] = seconds;
      const cpuSeconds = r.cpuMs / 1000;
      cpu[name] = Math.min(cpu[name] ?? Infinity, cpuSeconds);
      console.log(
        `  ${name} run ${k + 1}: ${seconds.toFixed(2)} s, CPU ${cpuSeconds.toFixed(2)} s, ${Math.round(r.peakRssKb / 1024)} MB`,
      );
      if (!best[name] || seconds < best[name].seconds)
        best[name] = { seconds, mb: Math.round(r.peakRssKb / 1024), stdout: r.stdout };
    }
    pairs.push(pair.status / pair.check);
  }
  const copies = best.status.stdout.match(/コピー (\d+) 件/)?.[1] ?? '?';
  console.log(`\n${best.status.stdout.trim()}\n`);
  console.log(`cores: ${availableParallelism()}`);
  console.log(
    `daicho check : ${best.check.seconds.toFixed(2)} s, ${(n / best.check.seconds).toFixed(0)} files/s, ${best.check.mb} MB`,
  );
  console.log(
    `daicho status: ${best.status.seconds.toFixed(2)} s, ${(n / best.status.seconds).toFixed(0)} files/s, ${best.status.mb} MB (${copies} annotated copies)`,
  );
  const ratio = best.status.seconds / best.check.seconds;
  console.log(`status / check, each pair: ${pairs.map((x) => `${x.toFixed(2)}×`).join(', ')}`);
  console.log(
    `CPU time, least of each: check ${cpu.check.toFixed(2)} s, status ${cpu.status.toFixed(2)} s, ${(cpu.status / cpu.check).toFixed(2)}×`,
  );
  console.log(
    `status / check, fastest of each: ${ratio.toFixed(2)}× (target within 1.5×: ${ratio <= 1.5 ? 'met' : 'MISSED'})`,
  );
  await writeFile(
    join(CACHE, 'status-results.json'),
    JSON.stringify({ date: new Date().toISOString(), node: process.version, n, best, ratio, pairs, cpu }, null, 2),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
