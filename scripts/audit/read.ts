// One file of an audit: everything `check` reports for it, plus what the cross-workbook rules and the charts need —
// a ledger's outsourced rows and the department of each finding, an evaluation's facts, a supplier's score. Runs in
// a pool worker (job kind "audit"); everything returned is structured-clone-able.
import { basename } from 'node:path';
import { templateById } from '../../templates/index.js';
import { atVersion } from '../../templates/model/versions.js';
import type { EvaluationFact, OutsourcedRow } from '../../templates/audit/rules.js';
import { readRecords } from '../../templates/model/read.js';
import { ruleContext } from '../../templates/model/validate.js';
import type { Score } from '../../templates/model/types.js';
import type { RuleId } from '../../templates/catalogue.js';
import { checkFile, type Checked } from '../check-file.js';
import { batchFailure, type FileResult } from '../file-result.js';
import { readXlsx } from '../io/read-xlsx.js';
import { compiledUrl, type FailureCause, type Job, type JobKind } from '../pool/pool.js';

export interface AuditOptions {
  asOf: string;
  /** How the report names the file (relative to the audited folder). */
  shown: string;
}

export interface AuditFile {
  path: string;
  shown: string;
  result: FileResult;
  /** Department (部門) of each finding of a ledger, aligned with result.issues. */
  departments: (string | null)[];
  /** The rule a FINDINGS-OMITTED finding counts for, aligned with result.issues (null for every other finding). */
  omittedRules: (RuleId | null)[];
  outsourced: OutsourcedRow[];
  evaluation: EvaluationFact | null;
  supplier: { company: string | null; score: Score } | null;
}

/**
 * Findings an audit lists per file, rule, sheet and severity; the rest are counted in one FINDINGS-OMITTED finding
 * (as check does past 1,000). An audit holds every file's listed findings until it writes its workbook and page, so
 * this bounds its memory by the number of files, not by what a broken or hostile file raises; no auditor reads more
 * than the first hundred of one mistake in one file, and every count stays exact.
 */
export const AUDIT_FINDINGS_PER_RULE = 100;

/** Reads one file for the audit (synchronous I/O inside, as the check job; meant for a pool worker). */
export async function auditFile(path: string, opts: AuditOptions): Promise<AuditFile> {
  const checked: Checked = {};
  const result = await checkFile(path, { asOf: opts.asOf, maxFindingsPerRule: AUDIT_FINDINGS_PER_RULE }, checked);
  const omittedRules = result.issues.map((i) => checked.omitted?.get(i) ?? null);
  const out: AuditFile = {
    path,
    shown: opts.shown,
    result,
    departments: result.issues.map(() => null),
    omittedRules,
    outsourced: [],
    evaluation: null,
    supplier: null,
  };
  const def = result.template ? templateById(result.template.id) : undefined;
  if (result.status === 'unreadable' || !def) return out;
  if (def.audit?.supplierScore && result.score) {
    out.supplier = { company: result.subject ?? null, score: result.score };
    return out;
  }
  if (!def.audit?.facts) return out;
  // The records themselves (check reports findings only): read again from the bytes checked, without the rules.
  try {
    const grid = readXlsx(checked.bytes!, { fileName: basename(path) });
    const read = atVersion(def, result.template!.version);
    const facts = def.audit.facts(opts.shown, ruleContext(read, readRecords(read, grid), opts.asOf), result.issues);
    if (facts.outsourced) out.outsourced = facts.outsourced;
    if (facts.departments) out.departments = facts.departments;
    if (facts.evaluation) out.evaluation = facts.evaluation;
  } catch {
    // check read it a moment ago; if it cannot be read now, the audit goes on with its findings only
  }
  return out;
}

export const AUDIT_KIND: Record<'audit', JobKind> = {
  audit: { module: compiledUrl('./read.js', import.meta.url).href, export: 'auditJob' },
};

export function auditJob(job: Job<AuditOptions>): Promise<AuditFile> {
  return auditFile(job.path, job.options);
}

/** What a file whose worker never came back means for the audit. */
export function auditJobFailure(job: Job, cause: FailureCause, detail: string): AuditFile {
  const o = job.options as AuditOptions;
  const code = cause === 'timeout' ? 'timeout' : cause === 'out-of-memory' ? 'out-of-memory' : 'internal-error';
  const result = batchFailure(job.path, code, { ja: detail.split('\n', 1)[0], en: detail.split('\n', 1)[0] });
  return {
    path: job.path,
    shown: o.shown,
    result,
    departments: [null],
    omittedRules: [null],
    outsourced: [],
    evaluation: null,
    supplier: null,
  };
}
