// daicho audit: one company's PMS records, read as an auditor would; writes audit.xlsx and audit.html.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Lang } from '../../templates/model/types.js';
import { commonRoot, runAudit, type AuditReport } from '../audit/audit.js';
import { auditHtml } from '../audit/html.js';
import { auditWorkbook } from '../audit/xlsx.js';
import { ruleTitle, type RuleId } from '../../templates/catalogue.js';
import { expandInputs } from '../collect.js';
import { exists, OutputExistsError, writeFilesAtomic } from '../io/atomic.js';
import {
  namedFiles,
  refuseInputsAsOutputs,
  refuseSpecialTarget,
  refuseWalkedInput,
  withoutOutput,
} from '../io/paths.js';
import { location } from '../report/text.js';
import { reportFile, reportHead, type AuditReportJson } from '../report/json.js';
import {
  asOfOf,
  checkJsonTarget,
  failOnOf,
  inputFiles,
  jobsOf,
  langOf,
  needInputs,
  noWorkbooks,
  textOut,
  writeJsonReport,
  type Command,
} from './common.js';
import { hasSheets } from './earlier-output.js';

/** -o DIR → DIR/audit.xlsx and DIR/audit.html; -o NAME.xlsx / NAME.html / NAME → NAME.xlsx and NAME.html. */
export async function outputsFor(o: string | undefined): Promise<{ xlsx: string; html: string }> {
  if (o === undefined) return { xlsx: resolve('audit.xlsx'), html: resolve('audit.html') };
  const isDir =
    o.endsWith('/') ||
    o.endsWith('\\') ||
    (await stat(o)
      .then((s) => s.isDirectory())
      .catch(() => false));
  if (isDir) return { xlsx: join(o, 'audit.xlsx'), html: join(o, 'audit.html') };
  const base = o.replace(/\.(xlsx|html?)$/i, '');
  return { xlsx: `${base}.xlsx`, html: `${base}.html` };
}

function lines(r: AuditReport, lang: Lang, paths: { xlsx: string; html: string }): string[] {
  const t = r.totals;
  const outL = [
    lang === 'ja'
      ? `監査前点検: ${t.files} ファイル（OK ${t.ok}、要修正 ${t.invalid}、${t.notTemplate ? `対象外 ${t.notTemplate}、` : ''}読込不可 ${t.unreadable}）、エラー ${t.errors}、警告 ${t.warnings}（基準日 ${r.asOf}）`
      : `Audit: ${t.files} files (${t.ok} ok, ${t.invalid} invalid, ${t.notTemplate ? `${t.notTemplate} not a template, ` : ''}${t.unreadable} unreadable), ${t.errors} errors, ${t.warnings} warnings (as of ${r.asOf})`,
  ];
  const cross = r.findings.filter((f) => f.cross);
  if (cross.length) {
    outL.push(lang === 'ja' ? '  ファイルをまたぐ指摘:' : '  Cross-workbook findings:');
    for (const f of cross) outL.push(`    ${f.issue.rule}  ${f.file}  ${location(f.issue)}  ${f.issue.message[lang]}`);
  }
  const byRule = new Map<RuleId, number>();
  for (const f of r.findings)
    if (f.issue.severity !== 'info') byRule.set(f.tally.rule, (byRule.get(f.tally.rule) ?? 0) + f.tally.n);
  const top = [...byRule.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  if (top.length) {
    outL.push(lang === 'ja' ? '  多い指摘:' : '  Most frequent:');
    for (const [rule, n] of top) outL.push(`    ${String(n).padStart(4)}  ${rule}  ${ruleTitle(rule, lang)}`);
  }
  outL.push(
    lang === 'ja' ? `  レポート: ${paths.html}` : `  Report: ${paths.html}`,
    lang === 'ja' ? `  一覧: ${paths.xlsx}` : `  Workbook: ${paths.xlsx}`,
  );
  return outL;
}

function auditJson(r: AuditReport): AuditReportJson {
  return {
    ...reportHead('daicho-audit', r.asOf),
    files: r.files.map((f) => reportFile(f.result, f.shown)),
    contractors: r.contractors.map((c) => ({
      name: c.name,
      status: c.status,
      evaluation: c.evaluation
        ? {
            file: c.evaluation.file,
            verdict: c.evaluation.verdict,
            evaluatedOn: c.evaluation.evaluatedOn,
            nextDue: c.evaluation.nextDue,
          }
        : null,
      usedBy: c.usedBy.map((u) => ({ file: u.file, id: u.id, department: u.dept })),
    })),
    totals: r.totals,
  };
}

export const audit: Command<'audit'> = {
  async run(a) {
    needInputs('audit', a.positionals);
    const failOn = failOnOf(a.values['fail-on']);
    const lang = langOf(a.values.lang);
    const asOf = asOfOf(a.values['as-of']);
    const force = Boolean(a.values.force);
    const paths = await outputsFor(a.values.out);
    const json = a.values.json;
    const jsonFile = json === '-' ? undefined : json;
    for (const p of [paths.xlsx, paths.html, jsonFile]) if (p !== undefined) refuseSpecialTarget(p, 'file');
    const inputs = await expandInputs(a.positionals);
    // Never write over an input, whatever --force says, however the paths are spelled.
    refuseInputsAsOutputs([paths.xlsx, paths.html, jsonFile], namedFiles(inputs));
    if (!force) for (const p of [paths.xlsx, paths.html]) if (await exists(p)) throw new OutputExistsError(p);
    const jobs = jobsOf(a.values.jobs);
    await checkJsonTarget(json, force);
    // Our own earlier report in the audited folder is not a record of the company.
    const collected = await inputFiles(a.positionals);
    if (jsonFile !== undefined) refuseInputsAsOutputs([jsonFile], collected);
    refuseWalkedInput(collected, paths.xlsx, (f) =>
      hasSheets(f, [
        ['概要', 'ファイル'],
        ['Summary', 'Files'],
      ]),
    );
    const files = withoutOutput(collected, paths.xlsx);
    if (!files.length) throw noWorkbooks(a.positionals);
    const root = inputs.length === 1 && (await stat(inputs[0])).isDirectory() ? resolve(inputs[0]) : commonRoot(files);
    const report = await runAudit(files, { asOf, root, jobs });
    // Both or neither: a full disk while writing the second must not leave the first without it.
    await writeFilesAtomic(
      [
        { path: paths.xlsx, data: await auditWorkbook(report, lang) },
        { path: paths.html, data: auditHtml(report, lang) },
      ],
      { force },
    );
    const say = textOut(json);
    for (const l of lines(report, lang, paths)) say(l);
    await writeJsonReport(json, auditJson(report), force);
    return report.totals.errors > 0 || (failOn === 'warning' && report.totals.warnings > 0) ? 1 : 0;
  },
};
