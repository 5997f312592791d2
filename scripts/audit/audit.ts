// `daicho audit`: a folder as one company's PMS records, read as an auditor would — every finding of `check`, plus
// the cross-workbook rules (templates/audit), gathered into one report model that the workbook and the HTML page show.
import { dirname, relative, resolve, sep } from 'node:path';
import {
  auditRules,
  auditVerdict,
  isPassing,
  latestEvaluations,
  type EvaluationFact,
} from '../../templates/audit/rules.js';
import { foldCompany } from '../../templates/model/fold.js';
import { addMonths, compareIso } from '../../templates/model/dates.js';
import type { RuleId } from '../../templates/catalogue.js';
import type { Issue, Lang, Score, SectionDef, Text } from '../../templates/model/types.js';
import { sortIssues } from '../../templates/model/validate.js';
import { templateById, templates } from '../../templates/index.js';
import { issueCount, statusOf } from '../file-result.js';
import { defaultPoolSize, WorkerPool, type Job } from '../pool/pool.js';
import { isNotTemplate, type Totals } from '../report/text.js';
import { AUDIT_KIND, auditFile, auditJobFailure, type AuditFile, type AuditOptions } from './read.js';

export interface RunOptions {
  asOf: string;
  /** The audited folder (files are named relative to it). */
  root: string;
  /** Worker threads (default one per core); 0 reads on the main thread. */
  jobs?: number;
}

export interface Finding {
  /** File as the report names it. */
  file: string;
  template: string | null;
  /** Department (ledger findings) or the area of the PMS a finding is about. */
  area: Text;
  issue: Issue;
  /** Raised by a cross-workbook rule. */
  cross: boolean;
  /** What the finding counts: its own rule once, or for a FINDINGS-OMITTED finding the rule and number it stands for. */
  tally: { rule: RuleId; n: number };
}

export type ContractorStatus = 'ok' | 'missing' | 'failed' | 'stale' | 'overdue';

export interface ContractorRow {
  name: string;
  evaluation: EvaluationFact | null;
  status: ContractorStatus;
  /** Ledger rows that entrust data to it: file and 管理番号. */
  usedBy: { file: string; id: string | null; dept: string | null }[];
}

export interface SupplierRow {
  file: string;
  company: string | null;
  score: Score;
}

export interface AuditReport {
  asOf: string;
  root: string;
  files: AuditFile[];
  findings: Finding[];
  contractors: ContractorRow[];
  suppliers: SupplierRow[];
  /** `invalid` counts templates with errors; a readable workbook that is no template counts under `notTemplate` (対象外). */
  totals: Totals & { infos: number };
}

/** The area of findings not about a department's ledger row, in a file whose template names none (its audit.area). */
const OTHER_AREA: Text = { ja: 'その他のファイル', en: 'Other files' };

/** The sections of a supplier's score: those of the templates whose score is a supplier's (audit.supplierScore). */
export function supplierSections(): SectionDef[] {
  return templates
    .filter((t) => t.audit?.supplierScore)
    .flatMap((t) => t.sheets.flatMap((s) => (s.kind === 'questions' ? (s.sections ?? []) : [])));
}

function shownOf(root: string, path: string): string {
  const r = relative(resolve(root), resolve(path));
  return (r.startsWith('..') ? path : r).split(sep).join('/');
}

async function readAll(files: readonly string[], opts: RunOptions): Promise<AuditFile[]> {
  const o = (path: string): AuditOptions => ({ asOf: opts.asOf, shown: shownOf(opts.root, path) });
  if (opts.jobs === 0) {
    const out: AuditFile[] = [];
    for (const f of files) out.push(await auditFile(f, o(f)));
    return out;
  }
  const pool = new WorkerPool<AuditFile>({
    kinds: AUDIT_KIND,
    failure: auditJobFailure,
    size: opts.jobs ?? defaultPoolSize(files.length),
  });
  const out: AuditFile[] = new Array(files.length);
  const jobs: Job<AuditOptions>[] = files.map((path) => ({ kind: 'audit', path, options: o(path) }));
  try {
    await pool.run(jobs, (r, i) => {
      out[i] = r;
    });
  } finally {
    await pool.close();
  }
  return out;
}

function contractorTable(files: readonly AuditFile[], asOf: string): ContractorRow[] {
  const evaluations = files.flatMap((f) => (f.evaluation ? [f.evaluation] : []));
  const latest = latestEvaluations(evaluations);
  const rows = new Map<string, ContractorRow>();
  const oldest = addMonths(asOf, -12);
  for (const [key, e] of latest) {
    let status: ContractorStatus = 'ok';
    if (!isPassing(auditVerdict(e))) status = 'failed';
    else if (!e.evaluatedOn || compareIso(e.evaluatedOn, oldest) < 0) status = 'stale';
    else if (e.nextDue && compareIso(e.nextDue, asOf) < 0) status = 'overdue';
    rows.set(key, { name: e.name!, evaluation: e, status, usedBy: [] });
  }
  for (const f of files) {
    for (const r of f.outsourced) {
      for (const name of r.contractors) {
        const key = foldCompany(name);
        let row = rows.get(key);
        if (!row) {
          row = { name, evaluation: null, status: 'missing', usedBy: [] };
          rows.set(key, row);
        }
        row.usedBy.push({ file: r.file, id: r.管理番号, dept: r.部門 });
      }
    }
  }
  const order: Record<ContractorStatus, number> = { missing: 0, failed: 1, stale: 2, overdue: 3, ok: 4 };
  return [...rows.values()].sort((a, b) => order[a.status] - order[b.status] || a.name.localeCompare(b.name, 'ja'));
}

/** Read every file, run the cross-workbook rules, and gather the report. */
export async function runAudit(files: readonly string[], opts: RunOptions): Promise<AuditReport> {
  const read = await readAll(files, opts);
  const cross = auditRules(
    read.flatMap((f) => f.outsourced),
    read.flatMap((f) => (f.evaluation ? [f.evaluation] : [])),
    opts.asOf,
  );
  // Cross findings join their file's findings (the department of a ledger one is its row's).
  const crossIssues = new Set<Issue>();
  for (const c of cross) {
    const f = read.find((x) => x.shown === c.file);
    if (!f) continue;
    const row = f.outsourced.find((r) => r.sheet === c.issue.sheet && r.cell === c.issue.cell);
    f.result.issues.push(c.issue);
    f.departments.push(row?.部門 ?? null);
    f.omittedRules.push(null);
    crossIssues.add(c.issue);
  }
  const findings: Finding[] = [];
  for (const f of read) {
    const def = f.result.template ? templateById(f.result.template.id) : undefined;
    const deptOf = new Map(f.result.issues.map((i, k) => [i, f.departments[k] ?? null]));
    const ruleOf = new Map(f.result.issues.map((i, k) => [i, f.omittedRules[k] ?? null]));
    const order = sortIssues(def ?? null, f.result.issues);
    f.result.issues = order;
    f.departments = order.map((i) => deptOf.get(i) ?? null);
    f.omittedRules = order.map((i) => ruleOf.get(i) ?? null);
    f.result.status = statusOf(order);
    const id = f.result.template?.id;
    order.forEach((issue, k) => {
      const dept = f.departments[k];
      const area: Text = dept ? { ja: dept, en: dept } : (def?.audit?.area ?? OTHER_AREA);
      const tally = { rule: f.omittedRules[k] ?? issue.rule, n: issueCount(issue) };
      findings.push({ file: f.shown, template: id ?? null, area, issue, cross: crossIssues.has(issue), tally });
    });
  }
  const totals = {
    files: read.length,
    ok: 0,
    invalid: 0,
    notTemplate: 0,
    unreadable: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
  };
  for (const f of read) totals[isNotTemplate(f.result) ? 'notTemplate' : f.result.status]++;
  for (const x of findings) {
    if (x.issue.severity === 'error') totals.errors += issueCount(x.issue);
    else if (x.issue.severity === 'warning') totals.warnings += issueCount(x.issue);
    else totals.infos += issueCount(x.issue);
  }
  return {
    asOf: opts.asOf,
    root: opts.root,
    files: read,
    findings,
    contractors: contractorTable(read, opts.asOf),
    suppliers: read.flatMap((f) =>
      f.supplier ? [{ file: f.shown, company: f.supplier.company, score: f.supplier.score }] : [],
    ),
    totals,
  };
}

/** The audited folder of the inputs (their common folder). */
export function commonRoot(paths: readonly string[]): string {
  if (!paths.length) return '.';
  let common = dirname(resolve(paths[0]));
  for (const p of paths.map((x) => resolve(x))) {
    while (common !== dirname(common) && !p.startsWith(common + sep)) common = dirname(common);
  }
  return common;
}

export type { Lang };
