// `daicho status`, the library: which supplier each return is from (the marker's round and code, then 法人番号, then
// the folded company name), and where each supplier of the round stands: 未回収 (overdue or not yet), 要修正 (errors),
// 要対応 (a red flag), 完了. A return from another round, from nobody on the list, or a second return of a supplier
// is listed as such.
import { basename } from 'node:path';
import { addDays, compareIso } from '../../templates/model/dates.js';
import { foldCompany, foldCorpNo } from '../../templates/model/fold.js';
import type { Issue, Lang, Marker, Score } from '../../templates/model/types.js';
import { RESPONDENT } from '../../templates/supplier-checklist/index.js';
import type { FileResult } from '../check-file.js';
import type { Answers } from './compare.js';
import type { Planned } from './distribute.js';
import { longDate, type Addressee, type Mail, type RoundInfo } from './texts.js';

/** What status needs of one return: its check and what its marker and respondent sheet say. */
export interface Return {
  path: string;
  result: FileResult;
  marker?: Marker;
  corpNo: string | null;
  company: string | null;
  /** 回答日 (ISO), for telling which of two returns is the later. */
  answeredOn: string | null;
  mtimeMs: number;
  /** The checklist's answers, for comparing with another round. */
  answers?: Answers;
}

export type MatchedBy = 'marker' | 'corpno' | 'name';
/** Why a return counts for nobody: another round, no supplier on the list, a supplier's earlier return, not a checklist. */
export type Unmatched = 'other-round' | 'unknown' | 'superseded' | 'not-checklist';

export interface ReturnRow {
  ret: Return;
  supplier: Planned | null;
  by: MatchedBy | null;
  why: Unmatched | null;
}

export type State = 'overdue' | 'pending' | 'fix' | 'action' | 'done';

export interface SupplierRow {
  planned: Planned;
  state: State;
  ret: Return | null;
  by: MatchedBy | null;
  /** Returns of this supplier that were set aside for a later one. */
  others: number;
  errors: Issue[];
  score: Score | null;
}

/** Who a return says it is from: the supplier code in its marker, its 法人番号 and its company name. */
export interface Identity {
  code: string | null;
  corpNo: string | null;
  company: string | null;
}

/**
 * Finds the subject a return is from: by the marker's supplier code, then 法人番号, then the folded company name (a
 * name two subjects share matches neither). Used for this round's returns and, year over year, for the last round's.
 */
export function matcher<T>(
  subjects: readonly T[],
  id: (s: T) => Identity,
): (r: Identity) => { subject: T; by: MatchedBy } | null {
  const byCode = new Map<string, T>();
  const byCorpNo = new Map<string, T>();
  const byName = new Map<string, T | null>();
  for (const s of subjects) {
    const { code, corpNo, company } = id(s);
    if (code) byCode.set(code, s);
    const c = foldCorpNo(corpNo);
    if (c) byCorpNo.set(c, s);
    if (!company) continue;
    const k = foldCompany(company);
    // Two subjects of one folded name: a name alone cannot tell them apart.
    byName.set(k, byName.has(k) ? null : s);
  }
  return (r) => {
    const viaCode = r.code ? byCode.get(r.code) : undefined;
    if (viaCode) return { subject: viaCode, by: 'marker' };
    const corpNo = foldCorpNo(r.corpNo);
    const viaCorpNo = corpNo ? byCorpNo.get(corpNo) : undefined;
    if (viaCorpNo) return { subject: viaCorpNo, by: 'corpno' };
    const viaName = r.company ? byName.get(foldCompany(r.company)) : undefined;
    return viaName ? { subject: viaName, by: 'name' } : null;
  };
}

/** Which of two returns of one supplier counts: the later 回答日, then the later file time. */
export const later = (a: Return, b: Return): boolean =>
  compareIso(a.answeredOn ?? '', b.answeredOn ?? '') > 0 || (a.answeredOn === b.answeredOn && a.mtimeMs > b.mtimeMs);

/** `round` null takes returns of any round (the last round's returns, for year over year). */
export function matchReturns(
  planned: readonly Planned[],
  returns: readonly Return[],
  round: string | null,
): { rows: ReturnRow[]; suppliers: SupplierRow[] } {
  const match = matcher(planned, (p) => p.supplier);
  const rows: ReturnRow[] = returns.map((ret) => {
    if (ret.result.template?.id !== 'supplier-checklist')
      return { ret, supplier: null, by: null, why: 'not-checklist' };
    const d = ret.marker?.distribution;
    if (d && round !== null && d.round !== round) return { ret, supplier: null, by: null, why: 'other-round' };
    const m = match({ code: d?.supplier ?? null, corpNo: ret.corpNo, company: ret.company });
    return m ? { ret, supplier: m.subject, by: m.by, why: null } : { ret, supplier: null, by: null, why: 'unknown' };
  });
  // A supplier's latest return counts (回答日, then the file's time); the earlier ones are set aside.
  const latest = new Map<Planned, ReturnRow>();
  for (const row of rows) {
    if (!row.supplier) continue;
    const had = latest.get(row.supplier);
    if (!had || later(row.ret, had.ret)) latest.set(row.supplier, row);
  }
  const others = new Map<Planned, number>();
  for (const row of rows) {
    if (row.supplier && latest.get(row.supplier) !== row) {
      others.set(row.supplier, (others.get(row.supplier) ?? 0) + 1);
      row.why = 'superseded';
    }
  }
  return { rows, suppliers: planned.map((p) => supplierRow(p, latest.get(p) ?? null, others.get(p) ?? 0)) };
}

function supplierRow(planned: Planned, row: ReturnRow | null, others: number): SupplierRow {
  if (!row) return { planned, state: 'pending', ret: null, by: null, others, errors: [], score: null };
  const errors = row.ret.result.issues.filter((i) => i.severity === 'error');
  const score = row.ret.result.score ?? null;
  const state: State = errors.length ? 'fix' : score?.actionNeeded ? 'action' : 'done';
  return { planned, state, ret: row.ret, by: row.by, others, errors, score };
}

/** 未回収 is overdue once the due date has passed. */
export function withDue(rows: SupplierRow[], due: string | null, asOf: string): SupplierRow[] {
  for (const r of rows) if (r.state === 'pending' && due && compareIso(asOf, due) > 0) r.state = 'overdue';
  return rows;
}

export const STATE_TEXT: Record<State, { ja: string; en: string }> = {
  overdue: { ja: '未回収（期限超過）', en: 'Not returned (overdue)' },
  pending: { ja: '未回収', en: 'Not returned yet' },
  fix: { ja: '要修正', en: 'Needs correcting' },
  action: { ja: '要対応', en: 'Action needed' },
  done: { ja: '完了', en: 'Done' },
};

export const BY_TEXT: Record<MatchedBy | Unmatched, { ja: string; en: string }> = {
  marker: { ja: '識別情報', en: 'Marker' },
  corpno: { ja: '法人番号', en: 'Corporate number' },
  name: { ja: '会社名', en: 'Company name' },
  'other-round': { ja: '別の調査回', en: 'Another round' },
  unknown: { ja: '一覧にない取引先', en: 'Not on the list' },
  superseded: { ja: '重複（新しい返送を採用）', en: 'Duplicate (a later return counts)' },
  'not-checklist': { ja: 'チェックリスト以外・読込不可', en: 'Not a checklist, or unreadable' },
};

/** The reminder to a supplier who has not returned the checklist. */
export function reminder(to: Addressee, r: RoundInfo, file: string, lang: Lang): Mail {
  const due = longDate(r.due, lang);
  if (lang === 'ja') {
    return {
      subject: `【ご確認のお願い】サステナブル調達 セルフチェック（${r.round}）のご回答について`,
      body: [
        to.company,
        ...(to.contact ? [to.contact] : []),
        '',
        'いつもお世話になっております。',
        `${due}を期限としてお願いしておりましたセルフチェックのご回答を、まだ確認できておりません。`,
        `お手数ですが、お送りしたファイル「${file}」にご記入のうえ、本メールへの返信でご返送ください。`,
        '既にご返送いただいている場合は、行き違いとなりましたことをご容赦ください。',
      ].join('\n'),
    };
  }
  return {
    subject: `Reminder: sustainable procurement self-assessment (${r.round})`,
    body: [
      to.contact ? `Dear ${to.contact},` : `Dear ${to.company},`,
      '',
      `We asked for your self-assessment by ${due} and have not received it yet.`,
      `Please fill in the file "${file}" we sent you and return it as a reply to this e-mail.`,
      'If you have already sent it, please accept our apologies and disregard this reminder.',
    ].join('\n'),
  };
}

/** How many findings a correction request lists by cell (the annotated copy holds them all). */
const LISTED = 10;

/** The request to correct a return, with what to fix (cell and message) and by when. */
export function correction(to: Addressee, r: RoundInfo, row: SupplierRow, asOf: string, lang: Lang): Mail {
  const by = longDate(addDays(asOf, 14), lang);
  const file = row.ret ? basename(row.ret.path) : '';
  const lines = row.errors
    .slice(0, LISTED)
    .map((i) => `・${i.sheet ?? ''}${i.cell ? `!${i.cell}` : ''} ${i.message[lang]}`);
  const more = row.errors.length - LISTED;
  if (lang === 'ja') {
    return {
      subject: `【ご回答内容のご確認のお願い】サステナブル調達 セルフチェック（${r.round}）`,
      body: [
        to.company,
        ...(to.contact ? [to.contact] : []),
        '',
        'いつもお世話になっております。セルフチェックをご返送いただき、ありがとうございました。',
        `ご回答のファイル「${file}」に、ご確認をお願いしたい箇所が ${row.errors.length} 件ありました。`,
        ...lines,
        ...(more > 0 ? [`ほか ${more} 件`] : []),
        `お手数ですが、修正のうえ${by}までに本メールへの返信でご返送ください。`,
      ].join('\n'),
    };
  }
  return {
    subject: `Please check your answers: sustainable procurement self-assessment (${r.round})`,
    body: [
      to.contact ? `Dear ${to.contact},` : `Dear ${to.company},`,
      '',
      'Thank you for returning your self-assessment.',
      `Your file "${file}" has ${row.errors.length} point(s) we would ask you to check:`,
      ...lines,
      ...(more > 0 ? [`and ${more} more`] : []),
      `Please correct them and send the file back by ${by}, as a reply to this e-mail.`,
    ].join('\n'),
  };
}

/** The respondent sheet's 会社名, 法人番号 and 回答日 of a checked checklist. */
export function respondentOf(
  sheets: Record<string, { values: Record<string, unknown> }[]> | undefined,
): Pick<Return, 'corpNo' | 'company' | 'answeredOn'> {
  const v = sheets?.[RESPONDENT]?.[0]?.values ?? {};
  const s = (k: string) => (typeof v[k] === 'string' && (v[k] as string).trim() ? (v[k] as string).trim() : null);
  return { corpNo: s('法人番号'), company: s('会社名'), answeredOn: s('回答日') };
}
