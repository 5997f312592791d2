// daicho merge: one master of a table template, or one summary of a form template, from many workbooks.
import type { Lang } from '../../templates/model/types.js';
import { expandInputs } from '../collect.js';
import { namingOutput } from '../io/atomic.js';
import { namedFiles, refuseInputsAsOutputs, refuseSpecialTarget, refuseWalkedInput } from '../io/paths.js';
import { mergeFiles, MergeRefused, type MergeResult } from '../merge/merge.js';
import { location, terminalLine } from '../report/text.js';
import { reportHead, type MergeReport } from '../report/json.js';
import {
  asOfOf,
  checkJsonTarget,
  inputFiles,
  jobsOf,
  langOf,
  needInputs,
  textOut,
  UsageError,
  writeJsonReport,
  type Command,
} from './common.js';
import { hasSheets } from './earlier-output.js';
import { previousFiles } from './previous.js';
import type { YearOverYear } from '../round/compare.js';
import { comparisonLine } from '../round/compare-sheet.js';
import type { Return } from '../round/status.js';
import { readReturns, roundPool } from '../round/return-job.js';
import { defaultPoolSize } from '../pool/pool.js';
import { DEFAULT_MAX_FILE_BYTES } from '../file-result.js';

/** --previous: the last round's returns, read as status reads them; none of them is an output. */
async function previousRound(
  dir: string | undefined,
  files: readonly string[],
  outputs: readonly (string | undefined)[],
  asOf: string,
  jobs: number | undefined,
): Promise<Return[] | null> {
  const prev = await previousFiles(dir, files);
  if (!prev) return null;
  refuseInputsAsOutputs(outputs, prev);
  // In the workers, as status reads them: in parallel, and a hostile file costs its own result, not the merge.
  const pool = roundPool(jobs ?? defaultPoolSize(prev.length));
  try {
    return await readReturns(pool, prev, { asOf, maxFileBytes: DEFAULT_MAX_FILE_BYTES, answers: true });
  } finally {
    await pool.close();
  }
}

const NOT_COMPARED: Record<Lang, string> = {
  ja: '  --previous は取引先のセルフチェックの集計にだけ使います（この集計では比較していません）',
  en: '  --previous applies to supplier self-assessments only (nothing was compared in this merge)',
};

function report(r: MergeResult, lang: Lang): string[] {
  const lines: string[] = [];
  const n = r.inputs.length;
  if (r.kind === 'form' && r.forms) {
    const f = r.forms;
    lines.push(
      lang === 'ja'
        ? `集計しました: ${r.out}（${r.template.id} 第${r.template.version}版、${f.read} ファイル）`
        : `Summarised ${f.read} files (${r.template.id} v${r.template.version}) into ${r.out}`,
      lang === 'ja'
        ? `  一覧 ${f.latest} 件（最新の回答・評価のみ）、差し替え済み ${f.superseded} 件${f.followUps ? `、フォローアップ ${f.followUps} 件` : ''}`
        : `  ${f.latest} rows (latest per subject), ${f.superseded} superseded${f.followUps ? `, ${f.followUps} answers to follow up` : ''}`,
    );
  } else {
    lines.push(
      lang === 'ja'
        ? `統合しました: ${r.out}（${r.template.id} 第${r.template.version}版、${n} ファイル）`
        : `Merged ${n} files (${r.template.id} v${r.template.version}) into ${r.out}`,
    );
    for (const s of r.sheets) {
      lines.push(
        lang === 'ja'
          ? `  ${s.name}: ${s.kept} 行（読込 ${s.read} 行、同一内容の重複 ${s.duplicates} 行を統合、競合 ${s.conflictGroups} 件 ${s.conflictRows} 行）`
          : `  ${s.name}: ${s.kept} rows (${s.read} read, ${s.duplicates} exact duplicates folded, ${s.conflictGroups} conflicts over ${s.conflictRows} rows)`,
      );
    }
    if (r.sheets.some((s) => s.conflictGroups)) {
      lines.push(
        lang === 'ja'
          ? '  競合する行は「統合メモ」で色分けし、シート「競合」に一覧にしました。どの版が正しいか確認してください。'
          : '  Conflicting rows are highlighted in the merge-note column and listed on the Conflicts sheet: decide which version is right.',
      );
    }
  }
  for (const i of r.inputs) {
    for (const w of i.warnings)
      lines.push(`  ${lang === 'ja' ? '注意' : 'note'}  ${i.shown}  ${w.rule}  ${w.message[lang]}`);
  }
  return lines;
}

function refused(err: MergeRefused, lang: Lang): string[] {
  const lines = [
    lang === 'ja'
      ? `統合できません（${err.problems.length} ファイルに問題があります）。出力ファイルは作成していません。`
      : `Cannot merge: ${err.problems.length} input(s) have problems. No output was written.`,
  ];
  for (const p of err.problems) {
    lines.push(`  ${p.path}: ${p.problem.message[lang]}`);
    for (const i of p.problem.issues ?? []) lines.push(`    ${i.rule}  ${location(i)}  ${i.message[lang]}`);
  }
  return lines;
}

function mergeJson(r: MergeResult, asOf: string): MergeReport {
  return {
    ...reportHead('daicho-merge', asOf),
    result: 'merged',
    out: r.out,
    kind: r.kind,
    template: { id: r.template.id, version: r.template.version },
    inputs: r.inputs.map((i) => ({ path: i.path, shown: i.shown, subjects: i.subjects, warnings: i.warnings })),
    sheets: r.sheets.map((s) => ({
      name: s.name,
      read: s.read,
      kept: s.kept,
      duplicates: s.duplicates,
      conflictGroups: s.conflictGroups,
      conflictRows: s.conflictRows,
    })),
    ...(r.forms ? { forms: r.forms } : {}),
  };
}

function refusedJson(err: MergeRefused, outPath: string, asOf: string): MergeReport {
  return {
    ...reportHead('daicho-merge', asOf),
    result: 'refused',
    out: outPath,
    inputs: [],
    problems: err.problems.map((p) => ({
      path: p.path,
      code: p.problem.code,
      message: p.problem.message,
      issues: p.problem.issues ?? [],
    })),
  };
}

export const merge: Command<'merge'> = {
  async run(a) {
    needInputs('merge', a.positionals);
    if (!a.values.out)
      throw new UsageError({ ja: 'merge には -o OUT.xlsx を指定してください', en: 'merge needs -o OUT.xlsx' });
    if (!/\.xlsx$/i.test(a.values.out)) {
      throw new UsageError({
        ja: `-o には .xlsx のファイル名を指定してください（指定: "${a.values.out}"）`,
        en: `-o must name an .xlsx file (got "${a.values.out}")`,
      });
    }
    const lang = langOf(a.values.lang);
    const jobs = jobsOf(a.values.jobs);
    const asOf = asOfOf(a.values['as-of']);
    const force = Boolean(a.values.force);
    const json = a.values.json;
    const jsonFile = json === '-' ? undefined : json;
    for (const o of [a.values.out, jsonFile]) if (o !== undefined) refuseSpecialTarget(o, 'file');
    await checkJsonTarget(json, force);
    const files = await inputFiles(a.positionals);
    // Never write over an input, whatever --force says, however the paths are spelled.
    refuseInputsAsOutputs([a.values.out, jsonFile], namedFiles(await expandInputs(a.positionals)));
    // An earlier master (取込元 sheet) or summary (旧回答 sheet) in an input folder is replaced; any other workbook there is an input.
    refuseWalkedInput(files, a.values.out, (f) => hasSheets(f, [['取込元'], ['Sources'], ['旧回答'], ['Superseded']]));
    if (jsonFile !== undefined) refuseInputsAsOutputs([jsonFile], files);
    const previous = await previousRound(a.values.previous, files, [a.values.out, jsonFile], asOf, jobs);
    const say = textOut(json);
    try {
      let compared: readonly YearOverYear[] | null = null;
      const r = await mergeFiles(files, {
        out: a.values.out,
        force,
        asOf,
        lang,
        jobs,
        ...(previous ? { previous: { returns: previous, report: (c) => void (compared = c) } } : {}),
      });
      for (const line of report(r, lang)) say(line);
      if (previous) say(compared ? comparisonLine(compared, lang) : NOT_COMPARED[lang]);
      await writeJsonReport(json, mergeJson(r, asOf), force);
      return 0;
    } catch (err) {
      if (err instanceof MergeRefused) {
        for (const line of refused(err, lang)) process.stderr.write(`${terminalLine(line, false)}\n`);
        await writeJsonReport(json, refusedJson(err, a.values.out, asOf), force);
        return 1;
      }
      throw namingOutput(err, a.values.out);
    }
  },
};
