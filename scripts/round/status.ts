// `daicho status`, the library: which supplier each return is from (the marker's round and code, then 法人番号, then
// the folded company name), and where each supplier of the round stands: 未回収 (overdue or not yet), 要修正 (errors),
// 要対応 (a red flag), 完了. A return from another round, from nobody on the list, or a second return of a supplier
// is listed as such.
import { basename } from 'node:path';
import { compareIso } from '../../templates/model/dates.js';
import { foldCompany, foldCorpNo } from '../../templates/model/fold.js';
import { readiness } from '../../templates/model/readiness.js';
import type { Issue, Lang, Marker, Score } from '../../templates/model/types.js';
import { RESPONDENT } from '../../templates/supplier-checklist/index.js';
import type { CoverLetter } from '../annotate/cover-sheet.js';
import type { FileResult } from '../file-result.js';
import type { Answers } from './compare.js';
import type { Planned } from './plan.js';
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
  /** Digest of the bytes read (none when unreadable): the correction copy is made from these very bytes. */
  sha256?: string;
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
  // The line the pane's 送信前チェック draws too: a return that is not ready to send needs correcting.
  const state: State = !readiness(row.ret.result.issues, score).ready ? 'fix' : score?.actionNeeded ? 'action' : 'done';
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

/** When a correction is due back unless --reply-by says: two weeks after the status date. */
export const REPLY_DAYS = 14;

const where = (i: Issue) => `${i.sheet ?? ''}${i.cell ? `!${i.cell}` : ''}`;

/**
 * The request to correct a return, with what to fix (cell and message) and by when. `copy`: the name of the annotated
 * copy that goes with it.
 */
export function correction(
  to: Addressee,
  r: RoundInfo,
  row: SupplierRow,
  replyBy: string,
  copy: string,
  lang: Lang,
): Mail {
  const by = longDate(replyBy, lang);
  const file = row.ret ? basename(row.ret.path) : '';
  const lines = row.errors.slice(0, LISTED).map((i) => `・${where(i)} ${i.message[lang]}`);
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
        `該当の箇所に印を付けたファイル「${copy}」を添付いたします（最初のシートに修正していただきたい内容をまとめています）。`,
        `お手数ですが、修正のうえ${by}までに本メールへの返信でご返送ください。`,
      ].join('\n'),
    };
  }
  return {
    subject: `Please review your answers: sustainable procurement self-assessment (${r.round})`,
    body: [
      to.contact ? `Dear ${to.contact},` : `Dear ${to.company},`,
      '',
      'Thank you for returning your self-assessment.',
      `Your file "${file}" has ${row.errors.length} point(s) we would ask you to check:`,
      ...lines,
      ...(more > 0 ? [`and ${more} more`] : []),
      `The attached file "${copy}" marks them in place; its first sheet lists what to correct.`,
      `Please correct them and send the file back by ${by}, as a reply to this e-mail.`,
    ].join('\n'),
  };
}

/** The first sheet of the annotated copy sent back with a correction request: who, which round, what to fix, by when. */
export function correctionCover(
  to: Addressee,
  r: RoundInfo,
  row: SupplierRow,
  replyBy: string,
  lang: Lang,
): CoverLetter {
  const by = longDate(replyBy, lang);
  const file = row.ret ? basename(row.ret.path) : '';
  const addressee = [to.company, to.contact].filter(Boolean).join('\n');
  const items = row.errors.map((i) => ({ sheet: i.sheet, cell: i.cell, message: i.message[lang] }));
  if (lang === 'ja') {
    return {
      sheet: 'ご確認のお願い',
      title: 'ご回答内容のご確認のお願い',
      facts: [
        { label: '宛先', value: addressee },
        { label: '調査回', value: `サステナブル調達 セルフチェック（${r.round}）` },
        { label: '取引先コード', value: to.code },
        { label: 'ご返送のファイル', value: file },
        { label: '修正のご返送期限', value: by, strong: true },
      ],
      lead: `セルフチェックをご返送いただき、ありがとうございました。ご回答の内容に、ご確認をお願いしたい箇所が ${items.length} 件ありました。お手数ですが、下記の箇所を修正のうえ、${by}までにご返送くださいますようお願いいたします。`,
      headers: ['No.', 'シート', 'セル', '修正していただきたい内容'],
      items,
      notes: [
        '該当のセルには色を付け、メモに内容を記載しています。セル番地をクリックすると、そのセルへ移動します。',
        '「指摘一覧」シートには、修正をお願いする箇所のほか、ご参考までにご確認いただきたい点も記載しています。',
        '修正後は Excel 形式（.xlsx）のまま保存し、修正依頼のメールへの返信に添付してご返送ください。このシートと「指摘一覧」シートは削除していただいて構いません。',
        'ご不明な点は、修正依頼のメールの差出人までお問い合わせください。',
      ],
    };
  }
  return {
    sheet: 'Please review',
    title: 'Please review your answers',
    facts: [
      { label: 'To', value: addressee },
      { label: 'Survey round', value: `Sustainable procurement self-assessment (${r.round})` },
      { label: 'Supplier code', value: to.code },
      { label: 'Your file', value: file },
      { label: 'Please reply by', value: by, strong: true },
    ],
    lead: `Thank you for returning your self-assessment. We would ask you to check ${items.length} point(s) in your answers: please correct them as listed below and send the file back by ${by}.`,
    headers: ['No.', 'Sheet', 'Cell', 'What to correct'],
    items,
    notes: [
      'Each of these cells is coloured and carries a note. Click a cell address to go to it.',
      'The sheet "Findings" lists these points and, for your information, a few more you may wish to look at.',
      'Save the corrected file as an Excel workbook (.xlsx) and send it as a reply to the e-mail that asked for the correction. You may delete this sheet and the sheet "Findings".',
      'If anything is unclear, please ask the sender of the e-mail.',
    ],
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
