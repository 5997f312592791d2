// The contractor evaluation's own checks (CE-*) and its score. Values arrive normalised: enum and yes/no fields hold
// the canonical text, percents are 0..1, dates are ISO strings; null means empty or already reported as invalid.
import { addMonths, compareIso } from '../model/dates.js';
import { placesAbroad } from '../model/places.js';
import { formatRate } from '../model/score.js';
import type {
  NormValue,
  RecordRow,
  RuleContext,
  RuleDef,
  RuleFinding,
  Score,
  SectionScore,
  Severity,
  Text,
} from '../model/types.js';
import { CONTRACT_ITEMS, CRITERIA, CRITERIA_SECTIONS, SUBCONTRACT_ITEM } from './criteria.js';
import type { ContractKey, CriterionKey, FormKey, ResultKey } from './index.js';

// Sheet names repeated here (index.ts imports this module, so importing SHEET back would be circular).
const FORM = '評価票';
const CRITERIA_SHEET = '評価項目';
const CONTRACT_SHEET = '契約内容';
const RESULT = '判定';

/** 合格基準 when the cell is empty. */
export const DEFAULT_PASS_MARK = 0.8;
/** A recorded 得点率 within this of the recomputed rate agrees (a hand-typed 72% for 72.2% is fine). */
const RATE_TOLERANCE = 0.005;
const POINTS: Record<string, number> = { 適合: 2, 一部適合: 1, 不適合: 0 };

export type Verdict = '合格' | '条件付合格' | '不合格';

const str = (v: NormValue | null | undefined): string | null => (typeof v === 'string' ? v : null);
const num = (v: NormValue | null | undefined): number | null => (typeof v === 'number' ? v : null);
const pct = formatRate;
const isEmpty = <K extends string>(rec: RecordRow<K>, field: NoInfer<K>): boolean =>
  rec.raw[field] === null || rec.raw[field] === undefined;

/** Each sheet's records, typed by its field keys: a misspelt key fails to compile. */
const formRecord = (ctx: RuleContext) => ctx.form(FORM) as RecordRow<FormKey> | undefined;
const resultRecord = (ctx: RuleContext) => ctx.form(RESULT) as RecordRow<ResultKey> | undefined;
const criteriaRows = (ctx: RuleContext) => ctx.rows(CRITERIA_SHEET) as RecordRow<CriterionKey>[];
const contractRows = (ctx: RuleContext) => ctx.rows(CONTRACT_SHEET) as RecordRow<ContractKey>[];

function byId<K extends string>(rows: RecordRow<K>[]): Map<string, RecordRow<K>> {
  return new Map(rows.filter((r) => r.id).map((r) => [r.id!, r]));
}

/** Everything the rules and the score need, computed once from the records. */
export interface Evaluation {
  score: Score;
  passMark: number;
  /** The 判定 the answers call for (null when nothing could be scored). See `expectedVerdict`. */
  expected: Verdict | null;
  /** 必須 criteria rated 不適合 / 一部適合, and contract items 規定なし (ids). */
  criticalFails: string[];
  criticalPartial: string[];
  contractGaps: string[];
}

/**
 * The 判定 an evaluator is expected to reach:
 * - 不合格 when 得点率 < 合格基準, or any 必須 criterion is 不適合 (a must-have is missing: the work cannot be entrusted);
 * - 条件付合格 when the score passes but a 必須 criterion is only 一部適合, or a contract item of §4.4.3.4 is
 *   規定なし (entrust on condition that the gap is closed by a set date, recorded in 条件・所見);
 * - 合格 otherwise. Null when no criterion could be scored (all 該当なし or unanswered).
 */
export function expectedVerdict(
  rate: number | null,
  passMark: number,
  criticalFails: number,
  conditions: number,
): Verdict | null {
  if (rate === null) return null;
  if (rate < passMark || criticalFails > 0) return '不合格';
  return conditions > 0 ? '条件付合格' : '合格';
}

export function evaluate(ctx: RuleContext): Evaluation {
  const answers = byId(criteriaRows(ctx));
  const sections: SectionScore[] = CRITERIA_SECTIONS.map((s) => ({
    key: s.key,
    title: s.title,
    points: 0,
    max: 0,
    rate: null,
  }));
  let answered = 0;
  const criticalFails: string[] = [];
  const criticalPartial: string[] = [];
  for (const q of CRITERIA) {
    const rating = str(answers.get(q.id)?.values['評価']);
    if (rating === null) continue;
    answered++;
    if (q.critical && rating === '不適合') criticalFails.push(q.id);
    if (q.critical && rating === '一部適合') criticalPartial.push(q.id);
    const points = POINTS[rating];
    if (points === undefined) continue; // 該当なし: out of the denominator
    const section = sections.find((s) => s.key === q.section)!;
    section.points += points;
    section.max += 2;
  }
  for (const s of sections) s.rate = s.max > 0 ? s.points / s.max : null;
  const points = sections.reduce((a, s) => a + s.points, 0);
  const max = sections.reduce((a, s) => a + s.max, 0);
  const rate = max > 0 ? points / max : null;

  const contract = byId(contractRows(ctx));
  const contractGaps = CONTRACT_ITEMS.filter((k) => str(contract.get(k.id)?.values['規定']) === '規定なし').map(
    (k) => k.id,
  );
  const passMark = num(resultRecord(ctx)?.values['合格基準']) ?? DEFAULT_PASS_MARK;
  const expected = expectedVerdict(rate, passMark, criticalFails.length, criticalPartial.length + contractGaps.length);

  const score: Score = {
    rate,
    points,
    max,
    answered,
    total: CRITERIA.length,
    sections,
    redFlags: criticalFails,
    判定: expected,
    判定理由: verdictReason(expected, rate, passMark, criticalFails, criticalPartial, contractGaps),
    合格基準: passMark,
    必須一部適合: criticalPartial,
    契約規定なし: contractGaps,
  };
  return { score, passMark, expected, criticalFails, criticalPartial, contractGaps };
}

function verdictReason(
  expected: Verdict | null,
  rate: number | null,
  passMark: number,
  fails: string[],
  partial: string[],
  gaps: string[],
): Text {
  if (expected === null || rate === null) {
    return { ja: '採点できる評価項目がありません。', en: 'No criterion could be scored.' };
  }
  const ja = [`得点率 ${pct(rate)}（合格基準 ${pct(passMark)}）`];
  const en = [`score ${pct(rate)} (pass mark ${pct(passMark)})`];
  if (fails.length) {
    ja.push(`必須項目の不適合: ${fails.join(', ')}`);
    en.push(`must-have criteria non-compliant: ${fails.join(', ')}`);
  }
  if (partial.length) {
    ja.push(`必須項目の一部適合: ${partial.join(', ')}`);
    en.push(`must-have criteria partly met: ${partial.join(', ')}`);
  }
  if (gaps.length) {
    ja.push(`契約に規定のない事項: ${gaps.join(', ')}`);
    en.push(`contract items missing: ${gaps.join(', ')}`);
  }
  return { ja: `${ja.join('、')} → ${expected}`, en: `${en.join('; ')} → ${VERDICT_EN[expected]}` };
}

const VERDICT_EN: Record<Verdict, string> = { 合格: 'pass', 条件付合格: 'conditional pass', 不合格: 'fail' };

export function score(ctx: RuleContext): Score {
  return evaluate(ctx).score;
}

function finding<K extends string>(
  record: RecordRow<K>,
  field: NoInfer<K> | null,
  ja: string,
  en: string,
  severity?: Severity,
): RuleFinding {
  return { record, field, message: { ja, en }, ...(severity ? { severity } : {}) };
}

// ---- rules -------------------------------------------------------------------------------------------------------

/** Every criterion and contract item needs an answer (the engine leaves question answers to the template). */
function checkAnswered(ctx: RuleContext): RuleFinding[] {
  return [
    ...unanswered(
      criteriaRows(ctx),
      '評価',
      '適合・一部適合・不適合・該当なしのいずれかで評価してください',
      'rate it Compliant, Partly, Non-compliant or Not applicable',
    ),
    ...unanswered(
      contractRows(ctx),
      '規定',
      '契約書を確認し、規定あり・規定なしを記入してください',
      'check the contract and enter 規定あり or 規定なし',
    ),
  ];
}

function unanswered<K extends string>(rows: RecordRow<K>[], field: NoInfer<K>, ja: string, en: string): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const rec of rows) {
    if (!isEmpty(rec, field) || rec.cells[field] === undefined) continue;
    out.push(finding(rec, field, `項番 ${rec.id} が未回答です。${ja}。`, `Item ${rec.id} has no answer: ${en}.`));
  }
  return out;
}

// The derived verdict (expectedVerdict) caps the recorded one: a recorded 判定 better than it is an error. Each rule
// names its cause — CE-CONTRACT a contract item 規定なし, CE-MANDATORY a 必須 criterion, CE-SCORE the pass mark — so a
// 判定 better than the answers allow always raises at least one of them. A stricter 判定 than derived is allowed.
const RANK: Record<Verdict, number> = { 不合格: 0, 条件付合格: 1, 合格: 2 };

/** The worse of two verdicts (null counts as unknown and yields the other). */
export function worseVerdict(a: Verdict | null, b: Verdict | null): Verdict | null {
  if (a === null) return b;
  if (b === null) return a;
  return RANK[a] <= RANK[b] ? a : b;
}

export function isVerdict(v: unknown): v is Verdict {
  return v === '合格' || v === '条件付合格' || v === '不合格';
}

const recordedVerdict = (ctx: RuleContext): Verdict | null => {
  const v = resultRecord(ctx)?.values['判定'];
  return isVerdict(v) ? v : null;
};

function checkContract(ctx: RuleContext): RuleFinding[] {
  if (recordedVerdict(ctx) !== '合格') return [];
  const out: RuleFinding[] = [];
  for (const rec of contractRows(ctx)) {
    if (str(rec.values['規定']) !== '規定なし') continue;
    const item = CONTRACT_ITEMS.find((k) => k.id === rec.id)!;
    out.push(
      finding(
        rec,
        '規定',
        `判定が「合格」ですが、契約内容 ${item.id}「${item.title.ja}」が「規定なし」です。マニュアル${item.clause}は、この事項を契約で定めることを求めています。契約書（覚書）で定めてから合格とするか、契約の改定を条件に「条件付合格」とし、条件と期限を「条件・所見」に記入してください。`,
        `The decision is "pass" but contract item ${item.id} (${item.title.en}) is missing from the contract, and manual ${item.clause} requires the contract to lay it down. Add it to the contract (or a memorandum) first, or record a conditional pass that requires the amendment and write the condition and deadline under 条件・所見 (remarks).`,
      ),
    );
  }
  return out;
}

function checkMandatory(ctx: RuleContext): RuleFinding[] {
  const verdict = recordedVerdict(ctx);
  if (verdict !== '合格' && verdict !== '条件付合格') return [];
  const out: RuleFinding[] = [];
  for (const rec of criteriaRows(ctx)) {
    const q = CRITERIA.find((c) => c.id === rec.id);
    const rating = str(rec.values['評価']);
    if (!q?.critical) continue;
    if (rating === '不適合') {
      out.push(
        finding(
          rec,
          '評価',
          `必須項目 ${q.id}「${q.title.ja}」が「不適合」なのに、判定が「${verdict}」です。必須項目を満たさない委託先は、十分な保護水準を満たす委託先を選ぶという選定基準（マニュアル§4.4.3.4、個人情報保護法第25条）に合わないため、条件付でも合格にできません。是正を確認してから評価し直すか、判定を「不合格」にしてください。`,
          `Must-have criterion ${q.id} (${q.title.en}) is non-compliant, yet the decision is "${VERDICT_EN[verdict]}". A contractor that misses a must-have does not meet the selection criteria (manual §4.4.3.4; APPI Art. 25), not even on conditions. Confirm the fix and re-evaluate, or record a fail.`,
        ),
      );
    } else if (rating === '一部適合' && verdict === '合格') {
      out.push(
        finding(
          rec,
          '評価',
          `必須項目 ${q.id}「${q.title.ja}」が「一部適合」なのに、判定が「合格」です。必須項目が一部しか満たされていない委託先は、不足を是正することを条件とした「条件付合格」までです（マニュアル§4.4.3.4）。判定を「条件付合格」にして是正の内容と期限を「条件・所見」に記入するか、是正を確認してから評価し直してください。`,
          `Must-have criterion ${q.id} (${q.title.en}) is only partly met, yet the decision is "pass". With a must-have partly met, the best decision is a conditional pass that requires the gap to be closed (manual §4.4.3.4). Record a conditional pass with the fix and its deadline under 条件・所見 (remarks), or confirm the fix and re-evaluate.`,
        ),
      );
    }
  }
  return out;
}

function checkScore(ctx: RuleContext): RuleFinding[] {
  const rec = resultRecord(ctx);
  if (!rec) return [];
  const ev = evaluate(ctx);
  const rate = ev.score.rate;
  const verdict = recordedVerdict(ctx);
  const out: RuleFinding[] = [];
  if (verdict === '条件付合格' && isEmpty(rec, '条件・所見')) {
    out.push(
      finding(
        rec,
        '条件・所見',
        '判定が「条件付合格」ですが、「条件・所見」が空欄です。何を、いつまでに是正すれば委託を続けられるのかが記録されていないと、条件が満たされたかを確認できません（マニュアル§4.4.3.4 委託先の監督）。条件と期限を記入してください。',
        'The decision is "conditional pass" but 条件・所見 (conditions and remarks) is empty. Without the condition and its deadline, nobody can check that it was met (manual §4.4.3.4, supervision of contractors). Write what must be fixed and by when.',
        'warning',
      ),
    );
  }
  if (rate === null) return out;
  const recorded = num(rec.values['得点率']);
  if (recorded !== null && Math.abs(recorded - rate) > RATE_TOLERANCE) {
    out.push(
      finding(
        rec,
        '得点率',
        `得点率が ${pct(recorded)} と記録されていますが、評価項目から計算すると ${pct(rate)} です。得点率のセルには計算式を残し、手で上書きしないでください。`,
        `The recorded score is ${pct(recorded)}, but the criteria give ${pct(rate)}. Keep the formula in the score cell; do not overwrite it by hand.`,
      ),
    );
  }
  if ((verdict === '合格' || verdict === '条件付合格') && rate < ev.passMark) {
    out.push(
      finding(
        rec,
        '判定',
        `得点率 ${pct(rate)} が合格基準 ${pct(ev.passMark)} に届いていないのに、判定が「${verdict}」です。合格基準は委託先の選定基準（マニュアル§4.4.3.4）の一部で、届かない委託先は条件付でも合格にできません。判定を「不合格」にするか、評価項目を見直してください。`,
        `The score of ${pct(rate)} is below the pass mark of ${pct(ev.passMark)}, yet the decision is "${VERDICT_EN[verdict]}". The pass mark is part of the selection criteria (manual §4.4.3.4): a contractor below it cannot pass, not even on conditions. Record a fail or review the ratings.`,
      ),
    );
  }
  if (verdict === '不合格' && ev.expected === '合格' && isEmpty(rec, '条件・所見')) {
    out.push(
      finding(
        rec,
        '判定',
        `得点率 ${pct(rate)} は合格基準 ${pct(ev.passMark)} 以上で、必須項目の不備も契約の不備もないのに、判定が「不合格」です。不合格とした理由を「条件・所見」に書くか、判定を見直してください。`,
        `The score of ${pct(rate)} meets the pass mark of ${pct(ev.passMark)} with no must-have or contract gaps, yet the decision is "fail". Write the reason under 条件・所見 (remarks) or review the decision.`,
        'warning',
      ),
    );
  }
  return out;
}

function checkNext(ctx: RuleContext): RuleFinding[] {
  const form = formRecord(ctx);
  const rec = resultRecord(ctx);
  if (!rec) return [];
  const evaluated = str(form?.values['評価日']);
  const next = str(rec.values['次回評価期限']);
  const out: RuleFinding[] = [];
  if (evaluated && next) {
    const limit = addMonths(evaluated, 12);
    if (compareIso(next, limit) > 0) {
      out.push(
        finding(
          rec,
          '次回評価期限',
          `次回評価期限 ${next} は評価日 ${evaluated} から12か月を超えています。マニュアル§4.4.3.4は委託先の継続的な監督を求めており、プライバシーマークの審査では少なくとも年1回の再評価が求められます。${limit} までの日付にしてください。`,
          `The next evaluation (${next}) is more than 12 months after this one (${evaluated}). Manual §4.4.3.4 requires ongoing supervision of contractors, and PrivacyMark assessments expect a re-evaluation at least once a year. Set a date no later than ${limit}.`,
        ),
      );
    }
  }
  // With no 次回評価期限, the yearly re-evaluation is still due 12 months after 評価日.
  const due = next ?? (evaluated && isEmpty(rec, '次回評価期限') ? addMonths(evaluated, 12) : null);
  if (due && compareIso(due, ctx.asOf) < 0) {
    const overdueJa = `評価日 ${evaluated} から12か月が過ぎ、再評価の時期（${due}）を過ぎています（基準日 ${ctx.asOf}）。プライバシーマークの審査では少なくとも年1回の再評価が求められます（マニュアル§4.4.3.4 委託先の監督）。委託先を再評価してください。`;
    const overdueEn = `More than 12 months have passed since the evaluation on ${evaluated}; re-evaluation was due on ${due} (as of ${ctx.asOf}). PrivacyMark assessments expect a re-evaluation at least once a year (manual §4.4.3.4, supervision of contractors). Re-evaluate the contractor.`;
    out.push(
      next
        ? finding(
            rec,
            '次回評価期限',
            `次回評価期限 ${due} を過ぎています（基準日 ${ctx.asOf}）。委託先の監督（マニュアル§4.4.3.4）として、委託先を再評価し、新しい評価票を作成してください。`,
            `The next evaluation was due on ${due} (as of ${ctx.asOf}). As part of supervising the contractor (manual §4.4.3.4), re-evaluate it and make a new evaluation form.`,
            'warning',
          )
        : form
          ? finding(form, '評価日', overdueJa, overdueEn, 'warning')
          : finding(rec, '次回評価期限', overdueJa, overdueEn, 'warning'),
    );
  }
  return out;
}

function checkCert(ctx: RuleContext): RuleFinding[] {
  const rec = formRecord(ctx);
  if (!rec) return [];
  const cert = str(rec.values['第三者認証']);
  const expiry = str(rec.values['認証有効期限']);
  const evaluated = str(rec.values['評価日']);
  if (!cert || cert === 'なし') return [];
  if (!expiry) {
    if (!isEmpty(rec, '認証有効期限')) return []; // invalid date: V-DATE already said so
    return [
      finding(
        rec,
        '認証有効期限',
        `第三者認証「${cert}」の有効期限が記入されていません。登録証で認証番号と有効期限を確認し、記入してください。`,
        `No expiry date for the ${cert} certification. Check the certificate and enter its number and expiry date.`,
        'info',
      ),
    ];
  }
  if (evaluated && compareIso(expiry, evaluated) < 0) {
    return [
      finding(
        rec,
        '認証有効期限',
        `第三者認証「${cert}」の有効期限 ${expiry} は評価日 ${evaluated} より前に切れています。更新後の登録証を確認するか、認証なしとして評価し直してください。`,
        `The ${cert} certification expired on ${expiry}, before the evaluation on ${evaluated}. Check the renewed certificate, or evaluate the contractor as uncertified.`,
      ),
    ];
  }
  if (compareIso(expiry, ctx.asOf) < 0) {
    return [
      finding(
        rec,
        '認証有効期限',
        `第三者認証「${cert}」の有効期限 ${expiry} が過ぎています（基準日 ${ctx.asOf}）。更新されたか委託先に確認してください。`,
        `The ${cert} certification expired on ${expiry} (as of ${ctx.asOf}). Ask the contractor whether it was renewed.`,
      ),
    ];
  }
  return [];
}

function checkSubcontract(ctx: RuleContext): RuleFinding[] {
  const rec = formRecord(ctx);
  if (!rec || str(rec.values['再委託']) !== 'はい') return [];
  const out: RuleFinding[] = [];
  if (isEmpty(rec, '再委託先')) {
    out.push(
      finding(
        rec,
        '再委託先',
        '再委託が「はい」ですが、再委託先が記入されていません。再委託先の名称と委託する業務を記入し、再委託先の管理状況も確認してください（§4.4.3.4(3)）。',
        'Subcontracting is "yes" but no subcontractor is named. Enter the subcontractor and the work it does, and check how it is supervised (§4.4.3.4(3)).',
      ),
    );
  }
  const item = byId(contractRows(ctx)).get(SUBCONTRACT_ITEM);
  if (item && str(item.values['規定']) === '規定なし') {
    out.push(
      finding(
        item,
        '規定',
        `再委託が「はい」ですが、契約に再委託に関する事項（${SUBCONTRACT_ITEM}）が定められていません。再委託の承諾手続と再委託先の義務を契約に定めてください（§4.4.3.4(3)）。`,
        `Subcontracting is "yes" but the contract has no subcontracting terms (${SUBCONTRACT_ITEM}). Add the consent procedure and the subcontractor's obligations to the contract (§4.4.3.4(3)).`,
      ),
    );
  }
  return out;
}

// ---- version 2: where the data is, when the outsourcing starts, My Number subcontracting -----------------------------

function checkLocation(ctx: RuleContext): RuleFinding[] {
  const rec = formRecord(ctx);
  if (!rec || rec.cells['データの所在国'] === undefined) return [];
  const text = str(rec.values['データの所在国']);
  if (!text) {
    return [
      finding(
        rec,
        'データの所在国',
        '「データの所在国」が空欄です。委託先が個人データを保管・取り扱う国（クラウドのサーバの所在国を含む）を記入してください。外国で個人データを取り扱う場合は、その国の個人情報の保護に関する制度を把握した上で安全管理措置を講じる必要があり（外的環境の把握：個人情報保護法ガイドライン（通則編）10-7）、委託先の選定でも確認が必要です（マニュアル§4.4.3.4）。',
        "データの所在国 (country where the data is kept) is empty. Enter every country where the contractor keeps or handles the personal data, cloud servers included. Where personal data is handled abroad, the safeguards must take that country's privacy regime into account (understanding the external environment: PPC General Guidelines 10-7), and selecting the contractor must check it (manual §4.4.3.4).",
      ),
    ];
  }
  const foreign = placesAbroad(text);
  if (!foreign.length) return [];
  const places = foreign.join('、');
  return [
    finding(
      rec,
      'データの所在国',
      `委託先は日本以外（${places}）で個人データを保管・取り扱います。次の2点を確認し、結果を「条件・所見」に記録してください。(1) その国の個人情報の保護に関する制度を把握した上で安全管理措置を講じ（外的環境の把握：個人情報保護法ガイドライン（通則編）10-7）、保有個人データの安全管理措置として本人の知り得る状態に置くこと（法第32条第1項第4号、施行令第10条第1号）。(2) 委託先自体が外国にある事業者であれば、委託であっても外国にある第三者への提供（法第28条）に当たるため、本人の同意、基準適合体制の整備（同条第1項・第3項）、十分性認定国（EU・英国）のいずれかが必要です。`,
      `The contractor keeps or handles the personal data outside Japan (${foreign.join(', ')}). Check two things and record the outcome under 条件・所見 (remarks): (1) the safeguards take that country's privacy regime into account (understanding the external environment: PPC General Guidelines 10-7), and this is made known to the people concerned as part of the safeguards for retained personal data (APPI Art. 32(1)(iv), Cabinet Order Art. 10(i)); (2) if the contractor itself is a business abroad, outsourcing to it is still a provision to a third party in a foreign country (APPI Art. 28) and needs the person's consent, an equivalent-standard system (Art. 28(1), (3)) or an adequacy country (EU, UK).`,
      'info',
    ),
  ];
}

function checkStart(ctx: RuleContext): RuleFinding[] {
  const rec = formRecord(ctx);
  if (!rec || str(rec.values['評価区分']) !== '新規') return [];
  const start = str(rec.values['委託開始日']);
  const evaluated = str(rec.values['評価日']);
  if (!start || !evaluated || compareIso(evaluated, start) <= 0) return [];
  return [
    finding(
      rec,
      '委託開始日',
      `新規の評価ですが、評価日 ${evaluated} が委託開始日 ${start} より後です。委託先は、個人情報の取扱いを委託する前に選定基準に照らして評価し、選ぶ必要があります（マニュアル§4.4.3.4、個人情報保護法第25条）。委託を始める前に評価を終えてください。すでに委託を始めている場合は、評価が遅れた理由と再発防止策を「条件・所見」に記録してください。`,
      `This is an initial evaluation, but it is dated ${evaluated}, after the outsourcing started on ${start}. A contractor is evaluated against the selection criteria before personal information is entrusted to it (manual §4.4.3.4; APPI Art. 25). Finish the evaluation before the outsourcing starts; where it has already started, record why the evaluation came late and what prevents it under 条件・所見 (remarks).`,
    ),
  ];
}

function checkMyNumberSubcontract(ctx: RuleContext): RuleFinding[] {
  const rec = formRecord(ctx);
  if (!rec || str(rec.values['再委託']) !== 'はい' || rec.cells['特定個人情報の再委託許諾'] === undefined) return [];
  const consent = str(rec.values['特定個人情報の再委託許諾']);
  if (consent === '未許諾') {
    return [
      finding(
        rec,
        '特定個人情報の再委託許諾',
        '再委託が「はい」で、特定個人情報の再委託を許諾していません。特定個人情報（個人番号を含む個人情報）を扱う業務は、委託者である当社の許諾を得た場合に限り再委託できます（番号法第10条第1項）。再委託先と再委託する業務を確認した上で許諾するか、特定個人情報を再委託させないよう委託先に求めてください。特定個人情報を含まない業務だけを再委託するのであれば「該当なし」にしてください。',
        'Subcontracting is "yes" and we have not consented to subcontracting My Number data. Work on specific personal information (personal information with an Individual Number) may be subcontracted only with the consent of the entrusting party, us (My Number Act Art. 10(1)). Check the subcontractor and the work, then consent, or require the contractor not to subcontract My Number data. If only work without My Number data is subcontracted, choose 該当なし.',
        'error',
      ),
    ];
  }
  if (consent || !isEmpty(rec, '特定個人情報の再委託許諾') || str(rec.values['要配慮・特定個人情報を含む']) !== 'はい')
    return [];
  return [
    finding(
      rec,
      '特定個人情報の再委託許諾',
      '再委託があり、要配慮個人情報または特定個人情報を含む委託ですが、「特定個人情報の再委託許諾」が空欄です。特定個人情報（個人番号を含む個人情報）を扱う業務の再委託には、委託者である当社の許諾が必要です（番号法第10条第1項）。許諾したかを記入してください（特定個人情報を再委託しないときは「該当なし」）。',
      'Subcontracting is "yes" and the work includes sensitive or My Number data, but 特定個人情報の再委託許諾 (consent to subcontract My Number data) is empty. Subcontracting work on specific personal information (with an Individual Number) needs the consent of the entrusting party, us (My Number Act Art. 10(1)). Record whether we consented (該当なし when no My Number data is subcontracted).',
      'warning',
    ),
  ];
}

export const rules: readonly RuleDef[] = [
  { id: 'CE-ANSWER', check: checkAnswered },
  { id: 'CE-CONTRACT', check: checkContract },
  { id: 'CE-MANDATORY', check: checkMandatory },
  { id: 'CE-SCORE', check: checkScore },
  { id: 'CE-NEXT', check: checkNext },
  { id: 'CE-CERT', check: checkCert },
  { id: 'CE-SUBCONTRACT', check: checkSubcontract },
  { id: 'CE-LOCATION', since: 2, check: checkLocation },
  { id: 'CE-START', since: 2, check: checkStart },
  { id: 'CE-MYNUMBER', since: 2, check: checkMyNumberSubcontract },
];
