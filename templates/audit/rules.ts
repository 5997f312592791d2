// The cross-workbook rules of an audit: what only shows when a company's PMS records are read together.
//
// - PL-OUTSOURCE (error, §4.4.3.4): every 委託先 of a ledger row with 委託=はい has a 委託先評価 judged 合格 or
//   条件付合格, dated within 12 months of the as-of date. "Judged" is the worse of the recorded 判定 and the one its
//   answers call for (expectedVerdict): a 合格 recorded against a score below the pass mark does not count. Names match with width, spacing, punctuation and the legal
//   form folded (names.ts), or by 法人番号 written in the ledger cell. The latest evaluation of a contractor counts.
//   A cell naming several contractors (「A社、B社」) is checked name by name.
// - CE-RETENTION (warning, §4.4.3.4): an evaluation's 契約書保存期限 is earlier than the 保管期限 of a ledger row that
//   uses the contractor. Compared only where the two are comparable (as PL-PERIOD compares 利用期限 with 保管期限):
//   two dates; two periods after the same event (契約終了後3年 < 契約終了後5年); a limited contract retention against
//   a ledger row kept 永年. A date against a period, or periods after different events (退職後7年), are not compared.
//
// The rest of what an auditor looks at is already a per-file rule (PL-REVIEW, LR-APRIL, CE-NEXT …): the audit runs
// them as `check` does and adds these. Findings are Issues pointing at a cell, each with the file it is in.
import { RULES } from '../catalogue.js';
import { addMonths, compareIso } from '../model/dates.js';
import { recordCell } from '../model/read.js';
import type { FormKey, ResultKey } from '../contractor-evaluation/index.js';
import { evaluate, isVerdict, worseVerdict, type Verdict } from '../contractor-evaluation/rules.js';
import type { Issue, PeriodValue, ReadResult, RecordRow, RuleContext, Text } from '../model/types.js';
import { useOutlastsRetention } from '../pi-ledger/rules.js';
import { LEDGER, type LedgerKey } from '../pi-ledger/sheets.js';
import { foldCompany, foldCorpNo, foldKey } from '../model/fold.js';

/**
 * The verdict the audit judges a contractor by: the worse of the recorded 判定 and the one the answers call for (a
 * recorded 不合格 stands even when the answers would pass; with no recorded 判定, the derived one alone is not a
 * decision anybody made, so there is none).
 */
export function auditVerdict(e: Pick<EvaluationFact, 'verdict' | 'expected'>): Verdict | null {
  if (!isVerdict(e.verdict)) return null;
  return worseVerdict(e.verdict, e.expected ?? null);
}

export const isPassing = (v: Verdict | null): boolean => v === '合格' || v === '条件付合格';

/** The 判定 as a report shows it: the recorded one, and the derived one when it is worse. */
export function verdictText(e: Pick<EvaluationFact, 'verdict' | 'expected'>): Text | null {
  if (!e.verdict) return null;
  const judged = auditVerdict(e);
  if (!judged || judged === e.verdict) return { ja: e.verdict, en: e.verdict };
  return { ja: `${e.verdict}（評価内容では${judged}）`, en: `${e.verdict} (answers call for ${judged})` };
}

/** A ledger row that outsources handling, as the audit needs it. */
export interface OutsourcedRow {
  file: string;
  sheet: string;
  row: number;
  /** Cell of 委託先 (where a PL-OUTSOURCE finding points). */
  cell: string;
  部門: string | null;
  管理番号: string | null;
  名称: string | null;
  /** 委託先 as written (the whole cell). */
  written: string;
  /** The contractor names in the cell. */
  contractors: string[];
  keep: PeriodValue | null;
  keepText: string | null;
}

/** One contractor evaluation, as the audit needs it. */
export interface EvaluationFact {
  file: string;
  name: string | null;
  corpNo: string | null;
  verdict: string | null;
  /** The 判定 the evaluation's answers call for, and why (null when nothing could be scored). */
  expected: Verdict | null;
  expectedReason: Text | null;
  /** ISO dates. */
  evaluatedOn: string | null;
  nextDue: string | null;
  contractKeep: PeriodValue | null;
  contractKeepText: string | null;
  /** Where 委託先名 and 契約書保存期限 are. */
  nameCell: { sheet: string; cell: string } | null;
  keepCell: { sheet: string; cell: string } | null;
}

export interface AuditIssue {
  file: string;
  issue: Issue;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** Splits a 委託先 cell naming several contractors. Not on ・ (it occurs inside names). */
export function contractorNames(cell: string): string[] {
  return cell
    .split(/[、,，;；/／\n]+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The outsourced rows of a ledger's records. */
export function outsourcedRows(file: string, data: ReadResult): OutsourcedRow[] {
  const out: OutsourcedRow[] = [];
  for (const rec of ledgerRows(data)) {
    if (rec.values['委託'] !== 'はい') continue;
    const written = str(rec.raw['委託先']);
    if (!written) continue; // the per-file PL-OUTSOURCE already says so
    const keep = rec.values['保管期限'];
    out.push({
      file,
      sheet: rec.sheet,
      row: rec.row,
      cell: recordCell(rec, '委託先') ?? recordCell(rec, '管理番号') ?? `A${rec.row}`,
      部門: str(rec.raw['部門']),
      管理番号: str(rec.raw['管理番号']),
      名称: str(rec.raw['個人情報の名称']),
      written,
      contractors: contractorNames(written),
      keep: keep && typeof keep === 'object' ? keep : null,
      keepText: rec.raw['保管期限'] ?? null,
    });
  }
  return out;
}

/** A ledger's rows and an evaluation's forms, typed by their field keys: a misspelt key fails to compile. */
const ledgerRows = (data: ReadResult) => (data.sheets[LEDGER] ?? []) as RecordRow<LedgerKey>[];
const evaluationForms = (ctx: RuleContext) => ({
  form: ctx.form('評価票') as RecordRow<FormKey> | undefined,
  result: ctx.form('判定') as RecordRow<ResultKey> | undefined,
});

function cellOf<K extends string>(
  rec: RecordRow<K> | undefined,
  key: NoInfer<K>,
): { sheet: string; cell: string } | null {
  const cell = rec && recordCell(rec, key);
  return rec && cell ? { sheet: rec.sheet, cell } : null;
}

/** An evaluation's facts from its records (sheets 評価票 and 判定). */
export function evaluationFact(file: string, ctx: RuleContext): EvaluationFact {
  const { form, result } = evaluationForms(ctx);
  const keep = result?.values['契約書保存期限'];
  const { expected, score } = evaluate(ctx);
  return {
    file,
    name: str(form?.raw['委託先名']),
    corpNo: foldCorpNo(str(form?.values['法人番号'])),
    verdict: str(result?.values['判定']),
    expected,
    expectedReason: expected ? (score['判定理由'] as Text) : null,
    evaluatedOn: str(form?.values['評価日']),
    nextDue: str(result?.values['次回評価期限']),
    contractKeep: keep && typeof keep === 'object' ? keep : null,
    contractKeepText: result?.raw['契約書保存期限'] ?? null,
    nameCell: cellOf(form, '委託先名'),
    keepCell: cellOf(result, '契約書保存期限'),
  };
}

/** The latest evaluation of each contractor (by 評価日; an undated one only if there is nothing else). */
export function latestEvaluations(evaluations: readonly EvaluationFact[]): Map<string, EvaluationFact> {
  const out = new Map<string, EvaluationFact>();
  for (const e of evaluations) {
    if (!e.name) continue;
    const k = foldCompany(e.name);
    const prev = out.get(k);
    if (!prev || (e.evaluatedOn && (!prev.evaluatedOn || compareIso(e.evaluatedOn, prev.evaluatedOn) > 0)))
      out.set(k, e);
  }
  return out;
}

function findEvaluation(
  name: string,
  latest: Map<string, EvaluationFact>,
  byCorpNo: Map<string, EvaluationFact>,
): EvaluationFact | undefined {
  const corp = foldCorpNo(name.replace(/[^0-9０-９]/gu, ''));
  return (corp ? byCorpNo.get(corp) : undefined) ?? latest.get(foldCompany(name));
}

const rowName = (r: OutsourcedRow): Text => {
  const no = r.管理番号 ?? `${r.row}行目`;
  return r.名称 ? { ja: `${no}「${r.名称}」`, en: `${no} (${r.名称})` } : { ja: no, en: no };
};

function issue(
  rule: 'PL-OUTSOURCE' | 'CE-RETENTION',
  sheet: string,
  cell: string,
  field: string,
  value: string | null,
  message: Text,
): Issue {
  return { rule, severity: RULES[rule].severity, sheet, cell, field, value, message };
}

/** PL-OUTSOURCE (cross-workbook half) and CE-RETENTION over a company's ledgers and evaluations. */
export function auditRules(
  rows: readonly OutsourcedRow[],
  evaluations: readonly EvaluationFact[],
  asOf: string,
): AuditIssue[] {
  const out: AuditIssue[] = [];
  const latest = latestEvaluations(evaluations);
  const byCorpNo = new Map<string, EvaluationFact>();
  for (const e of latest.values()) if (e.corpNo) byCorpNo.set(e.corpNo, e);
  const oldest = addMonths(asOf, -12);
  const users = new Map<EvaluationFact, OutsourcedRow[]>();

  for (const r of rows) {
    const what = rowName(r);
    for (const name of r.contractors) {
      const e = findEvaluation(name, latest, byCorpNo);
      if (e) users.set(e, [...(users.get(e) ?? []), r]);
      let message: Text | null = null;
      if (!e) {
        message = {
          ja: `${what.ja}の委託先「${name}」の委託先評価がありません。委託する前に委託先を評価し、合格と判定した記録を残してください（§4.4.3.4）。評価済みの場合は、台帳と評価票の委託先名をそろえてください。`,
          en: `${what.en} is outsourced to "${name}", but there is no contractor evaluation for it. Evaluate the contractor and record a passing decision before entrusting data (§4.4.3.4); if it was evaluated, use the same name in the ledger and the evaluation.`,
        };
      } else if (!isPassing(auditVerdict(e))) {
        const judged = auditVerdict(e);
        message =
          judged && judged !== e.verdict && e.expectedReason
            ? {
                ja: `${what.ja}の委託先「${name}」は委託先評価（${e.file}）で「${e.verdict}」と記録されていますが、評価内容からは「${judged}」です（${e.expectedReason.ja}）。選定基準を満たさない委託先には委託できません（マニュアル§4.4.3.4、個人情報保護法第25条）。委託先評価の判定を見直し、是正を確認して評価し直すか、委託を見直してください。`,
                en: `${what.en} is outsourced to "${name}", whose evaluation (${e.file}) records "${e.verdict}", but its answers call for "${judged}" (${e.expectedReason.en}). A contractor that does not meet the selection criteria may not be entrusted with data (manual §4.4.3.4; APPI Art. 25). Review the evaluation's decision, re-evaluate once the gaps are fixed, or stop the outsourcing.`,
              }
            : {
                ja: `${what.ja}の委託先「${name}」は委託先評価（${e.file}）で「${e.verdict ?? '判定なし'}」です。合格・条件付合格と判定されていない委託先には委託できません（マニュアル§4.4.3.4、個人情報保護法第25条）。評価をやり直して判定を記録するか、委託を見直してください。`,
                en: `${what.en} is outsourced to "${name}", whose evaluation (${e.file}) is "${e.verdict ?? 'no decision'}". Only a contractor judged pass or conditional pass may be entrusted with data (manual §4.4.3.4; APPI Art. 25). Complete the evaluation with a decision, or stop the outsourcing.`,
              };
      } else if (!e.evaluatedOn || compareIso(e.evaluatedOn, oldest) < 0) {
        message = {
          ja: `${what.ja}の委託先「${name}」の最新の評価${e.evaluatedOn ? `（${e.evaluatedOn}）` : '（評価日なし）'}は基準日 ${asOf} の12か月以上前です。マニュアル§4.4.3.4は委託先の継続的な監督を求めており、プライバシーマークの審査では少なくとも年1回の再評価が求められます。委託先を評価し直してください。`,
          en: `The latest evaluation of "${name}", contractor of ${what.en}${e.evaluatedOn ? `, is from ${e.evaluatedOn},` : ' has no date and is'} more than 12 months before ${asOf}. Manual §4.4.3.4 requires ongoing supervision of contractors, and PrivacyMark assessments expect a re-evaluation at least once a year: re-evaluate the contractor.`,
        };
      }
      if (message) out.push({ file: r.file, issue: issue('PL-OUTSOURCE', r.sheet, r.cell, '委託先', name, message) });
    }
  }

  for (const [e, used] of users) {
    if (!e.contractKeep || !e.keepCell) continue;
    const shorter = used.filter((r) => r.keep && useOutlastsRetention(r.keep, e.contractKeep!) === true);
    if (!shorter.length) continue;
    const list = shorter.slice(0, 3);
    const more = shorter.length - list.length;
    const ja =
      list.map((r) => `${r.file} ${rowName(r).ja}の保管期限「${r.keepText}」`).join('、') +
      (more ? ` ほか${more}件` : '');
    const en =
      list.map((r) => `${r.file} ${rowName(r).en}, kept until "${r.keepText}"`).join('; ') +
      (more ? `; and ${more} more` : '');
    // Two periods compare by their event's label: 契約終了 (or 最終取引 …) in a ledger row may be the customer's, in the
    // evaluation it is the outsourcing contract's. The message names the label and says the comparison assumes one
    // event.
    const ck = e.contractKeep;
    const event = ck.kind === 'after' && shorter.some((r) => r.keep?.kind === 'after') ? ck.event : null;
    const note: Text = event
      ? {
          ja: `なお、どちらも「${event}」からの期間として比べています。台帳の「${event}」が委託契約とは別のもの（お客様との契約など）を指す場合は、それぞれの実際の日付で比べてください。`,
          en: ` Both are read as periods after the same "${event}"; if the ledger means another one than the outsourcing contract's (the customer contract, for instance), compare the actual dates.`,
        }
      : { ja: '', en: '' };
    out.push({
      file: e.file,
      issue: issue('CE-RETENTION', e.keepCell.sheet, e.keepCell.cell, '契約書保存期限', e.contractKeepText, {
        ja: `契約書保存期限「${e.contractKeepText}」が、この委託先に委託している個人情報の保管期限より短くなっています（${ja}）。マニュアル§4.4.3.4は、委託契約書を少なくとも個人情報の保有期間にわたって保存することを求めています。契約書保存期限を保管期限以上にしてください。${note.ja}`,
        en: `The contract is kept until "${e.contractKeepText}", which is shorter than the retention of data entrusted to this contractor (${en}). Manual §4.4.3.4 requires the contract to be kept at least as long as the personal information is held: extend the contract's retention to match.${note.en}`,
      }),
    });
  }
  return out;
}

/**
 * The department each finding of a ledger belongs to: the 部門 of the row it points at (a risk row: of the ledger row
 * with its 管理番号); null for findings about a sheet or the workbook.
 */
export function departmentsOf(issues: readonly Issue[], data: ReadResult): (string | null)[] {
  const byRow = new Map<string, RecordRow>();
  for (const rows of Object.values(data.sheets)) for (const r of rows) byRow.set(`${r.sheet}\u0000${r.row}`, r);
  const deptOfId = new Map<string, string>();
  for (const l of ledgerRows(data)) {
    const id = str(l.raw['管理番号']);
    const dept = str(l.raw['部門']);
    if (id && dept && !deptOfId.has(foldKey(id))) deptOfId.set(foldKey(id), dept);
  }
  return issues.map((i) => {
    if (!i.cell || !i.sheet) return null;
    const rec = byRow.get(`${i.sheet}\u0000${Number(/\d+$/.exec(i.cell)?.[0] ?? NaN)}`);
    if (!rec) return null;
    // A ledger row, or a risk row (which has a 管理番号 but no 部門).
    const raw: Partial<Record<LedgerKey, string | null>> = rec.raw;
    const dept = str(raw['部門']);
    if (dept) return dept;
    const id = str(raw['管理番号']);
    return id ? (deptOfId.get(foldKey(id)) ?? null) : null;
  });
}
