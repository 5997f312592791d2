// The JSON reports of check, merge and audit, as other tools read them: their TypeScript types, and how a file's
// result becomes a report entry. docs/report.schema.json describes the same shapes (test/scripts/cli/report.test.ts
// validates real output against it). Keys are English throughout; values stay as the workbooks hold them.
// Change a shape → raise REPORT_FORMAT_VERSION and the schema's const with it.
import type { Issue, Score, Text } from '../../templates/model/types.js';
import type { FileResult } from '../file-result.js';
import { isNotTemplate, type Totals } from './text.js';
import { version } from '../version.js';

export const REPORT_FORMAT_VERSION = 1;

export interface ReportTool {
  name: 'daicho';
  version: string;
}

interface ReportHead<F extends string> {
  format: F;
  formatVersion: typeof REPORT_FORMAT_VERSION;
  tool: ReportTool;
  /** The date deadlines and reviews were judged against (YYYY-MM-DD). */
  asOf: string;
}

/** `not-template`: a readable workbook that is no Daicho template (対象外 in the terminal). */
export type ReportStatus = 'ok' | 'invalid' | 'not-template' | 'unreadable';

export interface ReportSection {
  key: string;
  title: Text;
  points: number;
  max: number;
  rate: number | null;
}

/** A checklist's or evaluation's score. Templates may add fields (always with English keys). */
export interface ReportScore {
  rate: number | null;
  points: number;
  max: number;
  answered: number;
  total: number;
  sections: ReportSection[];
  band?: string;
  redFlags: string[];
  /** Supplier checklist: every question answered (no rate or band before that, only provisionalRate), the answers
   * by kind, and whether a red flag needs the buyer's follow-up. */
  complete?: boolean;
  provisionalRate?: number | null;
  actionNeeded?: boolean;
  answerCounts?: { yes: number; partly: number; no: number; notApplicable: number };
  /** Contractor evaluation: the verdict the score calls for (合格 / 条件付合格 / 不合格), why, and its inputs. */
  expectedVerdict?: string | null;
  verdictReason?: Text;
  passMark?: number;
  criticalPartlyMet?: string[];
  contractGaps?: string[];
  [extra: string]: unknown;
}

export interface ReportFile {
  path: string;
  status: ReportStatus;
  template: { id: string; version: number } | null;
  /** The company, contractor or department the workbook is about, as written in it. */
  subject: string | null;
  issues: Issue[];
  score?: ReportScore;
}

export type ReportTotals = Totals;

export interface CheckReport extends ReportHead<'daicho-check'> {
  files: ReportFile[];
  totals: ReportTotals;
}

export function tool(): ReportTool {
  return { name: 'daicho', version: version() };
}

export function reportHead<F extends string>(format: F, asOf: string): ReportHead<F> {
  return { format, formatVersion: REPORT_FORMAT_VERSION, tool: tool(), asOf };
}

export function reportStatus(file: FileResult): ReportStatus {
  return isNotTemplate(file) ? 'not-template' : file.status;
}

/** English keys for the template-specific score fields that are written in Japanese in the templates. */
const SCORE_KEYS: Record<string, string> = {
  判定: 'expectedVerdict',
  判定理由: 'verdictReason',
  合格基準: 'passMark',
  必須一部適合: 'criticalPartlyMet',
  契約規定なし: 'contractGaps',
};

/** The supplier checklist counts its answers by the answer's text. */
const ANSWER_KEYS: Record<string, string> = {
  はい: 'yes',
  一部実施: 'partly',
  いいえ: 'no',
  該当なし: 'notApplicable',
};

export function reportScore(score: Score): ReportScore {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(score)) {
    if (k === 'counts' && v && typeof v === 'object') {
      out.answerCounts = Object.fromEntries(Object.entries(v).map(([answer, n]) => [ANSWER_KEYS[answer] ?? answer, n]));
    } else out[SCORE_KEYS[k] ?? k] = v;
  }
  return out as ReportScore;
}

/** A file's entry without its issues (they are streamed in slices): the fields that come before and after them. */
export function entryParts(file: FileResult): { head: Omit<ReportFile, 'issues' | 'score'>; score?: ReportScore } {
  return {
    head: { path: file.path, status: reportStatus(file), template: file.template, subject: file.subject ?? null },
    ...(file.score ? { score: reportScore(file.score) } : {}),
  };
}

export function reportFile(file: FileResult, path = file.path): ReportFile {
  const { head, score } = entryParts(file);
  return { ...head, path, issues: file.issues, ...(score ? { score } : {}) };
}

/** Issues per piece of a JSON report entry: one string for 90,000 issues would be 70 MB, beside the issues. */
const JSON_SLICE = 4096;

/** A file's entry in the JSON report, as JSON.stringify writes it, in pieces of at most JSON_SLICE issues. */
export function* jsonEntry(file: FileResult): Generator<string> {
  const { head, score } = entryParts(file);
  yield `${JSON.stringify(head).slice(0, -1)},"issues":[`;
  for (let i = 0; i < file.issues.length; i += JSON_SLICE) {
    yield `${i ? ',' : ''}${JSON.stringify(file.issues.slice(i, i + JSON_SLICE)).slice(1, -1)}`;
  }
  yield score ? `],"score":${JSON.stringify(score)}}` : ']}';
}

/** Where a report streams to: a file written atomically (io/atomic-stream.ts), or stdout. */
export interface TextSink {
  write(text: string): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * A CheckReport written as the files are checked: its head, each file's entry (jsonEntry), then the totals, laid out
 * as JSON.stringify(report, null, 2) would lay out the top level (the entries on one line each).
 */
export class CheckReportWriter {
  private first = true;

  constructor(private readonly sink: TextSink) {}

  async begin(asOf: string): Promise<void> {
    const head: Omit<CheckReport, 'files' | 'totals'> = reportHead('daicho-check', asOf);
    const lines = Object.entries(head).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},\n`);
    await this.sink.write(`{\n${lines.join('')}  "files": [`);
  }

  async add(file: FileResult): Promise<void> {
    await this.sink.write(`${this.first ? '' : ','}\n    `);
    for (const piece of jsonEntry(file)) await this.sink.write(piece);
    this.first = false;
  }

  async end(totals: CheckReport['totals']): Promise<void> {
    await this.sink.write(`\n  ],\n  "totals": ${JSON.stringify(totals)}\n}\n`);
    await this.sink.commit();
  }

  async abort(): Promise<void> {
    await this.sink.abort();
  }
}

// ---- merge ---------------------------------------------------------------------------------------------------

export interface MergeReport extends ReportHead<'daicho-merge'> {
  /** merged: OUT was written; refused: nothing was written, `problems` says why. */
  result: 'merged' | 'refused';
  out: string;
  kind?: 'table' | 'form';
  template?: { id: string; version: number };
  inputs: { path: string; shown: string; subjects: string[]; warnings: Issue[] }[];
  sheets?: {
    name: string;
    read: number;
    kept: number;
    duplicates: number;
    conflictGroups: number;
    conflictRows: number;
  }[];
  forms?: { read: number; latest: number; superseded: number; followUps: number };
  problems?: { path: string; code: string; message: Text; issues: Issue[] }[];
}

// ---- audit ---------------------------------------------------------------------------------------------------

export interface AuditReportJson extends ReportHead<'daicho-audit'> {
  files: ReportFile[];
  contractors: {
    name: string;
    status: 'ok' | 'missing' | 'failed' | 'stale' | 'overdue';
    evaluation: { file: string; verdict: string | null; evaluatedOn: string | null; nextDue: string | null } | null;
    usedBy: { file: string; id: string | null; department: string | null }[];
  }[];
  totals: Totals & { infos: number };
}

export type Report = CheckReport | MergeReport | AuditReportJson;
