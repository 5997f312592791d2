// daicho merge: one master of a table template, or one summary of a form template, from many workbooks.
import type { Lang } from '../../templates/model/types.js';
import { collectFiles } from '../collect.js';
import { namingOutput } from '../io/atomic.js';
import { namedFiles, refuseInputsAsOutputs, refuseSpecialTarget, refuseWalkedInput } from '../io/paths.js';
import { mergeFiles, MergeRefused, type MergeResult } from '../merge/merge.js';
import { location, terminalLine } from '../report/text.js';
import { asOfOf, jobsOf, langOf, out, parseCommand, REPORT_OPTIONS, UsageError, type Command } from './common.js';
import { hasSheets } from './earlier-output.js';
import { USAGE } from './usage.js';

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
    for (const w of i.warnings) lines.push(`  ${lang === 'ja' ? '注意' : 'note'}  ${i.shown}  ${w.rule}  ${w.message[lang]}`);
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

export const merge: Command = {
  usage: USAGE.merge,
  async run(argv) {
    const a = parseCommand(argv, REPORT_OPTIONS);
    if (!a.positionals.length) throw new UsageError('merge needs at least one file or folder');
    if (!a.values.out) throw new UsageError('merge needs -o OUT.xlsx');
    if (!/\.xlsx$/i.test(a.values.out)) throw new UsageError(`-o must name an .xlsx file (got "${a.values.out}")`);
    const lang = langOf(a.values.lang);
    const jobs = jobsOf(a.values.jobs);
    refuseSpecialTarget(a.values.out, 'file');
    const files = await collectFiles(a.positionals);
    refuseInputsAsOutputs([a.values.out], namedFiles(a.positionals));
    // An earlier master (取込元 sheet) or summary (旧回答 sheet) in an input folder is replaced; any other workbook there is an input.
    refuseWalkedInput(files, a.values.out, (f) => hasSheets(f, [['取込元'], ['Sources'], ['旧回答'], ['Superseded']]));
    try {
      const r = await mergeFiles(files, {
        out: a.values.out,
        force: Boolean(a.values.force),
        asOf: asOfOf(a.values['as-of']),
        lang,
        jobs,
      });
      for (const line of report(r, lang)) out(line);
      return 0;
    } catch (err) {
      if (err instanceof MergeRefused) {
        for (const line of refused(err, lang)) process.stderr.write(`${terminalLine(line, false)}\n`);
        return 1;
      }
      throw namingOutput(err, a.values.out);
    }
  },
};
