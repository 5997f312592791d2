// daicho audit: one company's PMS records, read as an auditor would; writes audit.xlsx and audit.html.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Lang } from '../../templates/model/types.js';
import { commonRoot, runAudit, type AuditReport } from '../audit/audit.js';
import { auditHtml } from '../audit/html.js';
import { auditWorkbook } from '../audit/xlsx.js';
import { ruleTitle } from '../audit/titles.js';
import { collectFiles } from '../collect.js';
import { exists, OutputExistsError, writeFilesAtomic } from '../io/atomic.js';
import { namedFiles, refuseInputsAsOutputs, refuseSpecialTarget, refuseWalkedInput, withoutOutput } from '../io/paths.js';
import { location } from '../report/text.js';
import { asOfOf, jobsOf, langOf, out, parseCommand, REPORT_OPTIONS, UsageError, type Command } from './common.js';
import { hasSheets } from './earlier-output.js';
import { USAGE } from './usage.js';

/** -o DIR → DIR/audit.xlsx and DIR/audit.html; -o NAME.xlsx / NAME.html / NAME → NAME.xlsx and NAME.html. */
export async function outputsFor(o: string | undefined): Promise<{ xlsx: string; html: string }> {
  if (o === undefined) return { xlsx: resolve('audit.xlsx'), html: resolve('audit.html') };
  const isDir = o.endsWith('/') || o.endsWith('\\') || (await stat(o).then((s) => s.isDirectory()).catch(() => false));
  if (isDir) return { xlsx: join(o, 'audit.xlsx'), html: join(o, 'audit.html') };
  const base = o.replace(/\.(xlsx|html?)$/i, '');
  return { xlsx: `${base}.xlsx`, html: `${base}.html` };
}

function lines(r: AuditReport, lang: Lang, paths: { xlsx: string; html: string }): string[] {
  const t = r.totals;
  const outL = [
    lang === 'ja'
      ? `監査前点検: ${t.files} ファイル（OK ${t.ok}、要修正 ${t.invalid}、読込不可 ${t.unreadable}）、エラー ${t.errors}、警告 ${t.warnings}（基準日 ${r.asOf}）`
      : `Audit: ${t.files} files (${t.ok} ok, ${t.invalid} invalid, ${t.unreadable} unreadable), ${t.errors} errors, ${t.warnings} warnings (as of ${r.asOf})`,
  ];
  const cross = r.findings.filter((f) => f.cross);
  if (cross.length) {
    outL.push(lang === 'ja' ? '  ファイルをまたぐ指摘:' : '  Cross-workbook findings:');
    for (const f of cross) outL.push(`    ${f.issue.rule}  ${f.file}  ${location(f.issue)}  ${f.issue.message[lang]}`);
  }
  const byRule = new Map<string, number>();
  for (const f of r.findings) if (f.issue.severity !== 'info') byRule.set(f.issue.rule, (byRule.get(f.issue.rule) ?? 0) + 1);
  const top = [...byRule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  if (top.length) {
    outL.push(lang === 'ja' ? '  多い指摘:' : '  Most frequent:');
    for (const [rule, n] of top) outL.push(`    ${String(n).padStart(4)}  ${rule}  ${ruleTitle(rule, lang)}`);
  }
  outL.push(lang === 'ja' ? `  レポート: ${paths.html}` : `  Report: ${paths.html}`, lang === 'ja' ? `  一覧: ${paths.xlsx}` : `  Workbook: ${paths.xlsx}`);
  return outL;
}

export const audit: Command = {
  usage: USAGE.audit,
  async run(argv) {
    const a = parseCommand(argv, REPORT_OPTIONS);
    if (!a.positionals.length) throw new UsageError('audit needs a folder (or files)');
    const lang = langOf(a.values.lang);
    const asOf = asOfOf(a.values['as-of']);
    const force = Boolean(a.values.force);
    const paths = await outputsFor(a.values.out);
    for (const p of [paths.xlsx, paths.html]) refuseSpecialTarget(p, 'file');
    refuseInputsAsOutputs([paths.xlsx, paths.html], namedFiles(a.positionals));
    if (!force) for (const p of [paths.xlsx, paths.html]) if (await exists(p)) throw new OutputExistsError(p);
    const jobs = jobsOf(a.values.jobs);
    // Our own earlier report in the audited folder is not a record of the company.
    const collected = await collectFiles(a.positionals);
    refuseWalkedInput(collected, paths.xlsx, (f) => hasSheets(f, [['概要', 'ファイル'], ['Summary', 'Files']]));
    const files = withoutOutput(collected, paths.xlsx);
    const root = a.positionals.length === 1 && (await stat(a.positionals[0])).isDirectory() ? resolve(a.positionals[0]) : commonRoot(files);
    const report = await runAudit(files, { asOf, root, jobs });
    // Both or neither: a full disk while writing the second must not leave the first without it.
    await writeFilesAtomic(
      [
        { path: paths.xlsx, data: await auditWorkbook(report, lang) },
        { path: paths.html, data: auditHtml(report, lang) },
      ],
      { force },
    );
    for (const l of lines(report, lang, paths)) out(l);
    return report.totals.errors > 0 ? 1 : 0;
  },
};
