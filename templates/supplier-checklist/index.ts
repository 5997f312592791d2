// supplier-checklist — サステナブル調達 セルフチェック: one supplier's self-assessment against the sustainable
// procurement guideline (第1版, 2024-11-01), clause by clause (I … VII-2), with scoring, bands and red flags.
import { addMonths, compareIso } from '../model/dates.js';
import { foldCompact } from '../model/fold.js';
import type {
  FieldDef,
  FieldKey,
  FollowUp,
  FormSheetDef,
  QuestionDef,
  QuestionSheetDef,
  ReadResult,
  RecordRow,
  RuleContext,
  RuleDef,
  RuleFinding,
  Score,
  SectionScore,
  TemplateDef,
  Text,
} from '../model/types.js';
import { CRITICAL, NA_ACCEPTED, QUESTIONS, SECTIONS } from './questions.js';
import { checklistSummary } from './summary.js';

export { CRITICAL, NA_ACCEPTED, QUESTIONS, SECTIONS };

export const EDITION = '2024-11-01 第1版';
export const RESPONDENT = '回答者情報';
export const CHECKLIST = 'チェックリスト';

// Answer field keys (= Japanese labels).
const ANSWER = '回答';
const EVIDENCE = '取組内容・根拠資料';
const PLAN = '改善予定日';
const COMMENT = 'コメント';
const ANSWERED_ON = '回答日';

export const YES = 'はい';
export const PARTLY = '一部実施';
export const NO = 'いいえ';
export const NA = '該当なし';

/** Points per answer; 該当なし is left out of the denominator. */
export const POINTS: Readonly<Record<string, number>> = { [YES]: 2, [PARTLY]: 1, [NO]: 0 };
const MAX_POINTS = 2;

/** Bands by minimum overall rate, best first. Pass your own list to scoreChecklist to change the thresholds. */
export const BANDS: readonly { band: string; min: number }[] = [
  { band: 'A', min: 0.9 },
  { band: 'B', min: 0.75 },
  { band: 'C', min: 0.6 },
  { band: 'D', min: 0 },
];

const respondentFields = [
  {
    key: '会社名',
    label: { ja: '会社名', en: 'Company name' },
    synonyms: ['貴社名', '企業名', '社名', 'Company'],
    type: { kind: 'text' },
    required: true,
    hint: { ja: '登記上の正式名称（例: 株式会社〇〇）', en: 'Registered legal name' },
    width: 40,
  },
  {
    key: '法人番号',
    label: { ja: '法人番号', en: 'Corporate number' },
    synonyms: ['Corporate No.'],
    type: { kind: 'corpno' },
    hint: {
      ja: '国税庁が指定する13桁の番号（日本法人のみ）',
      en: '13-digit number assigned by the National Tax Agency (Japanese companies only)',
    },
    width: 20,
  },
  {
    key: '所在国・地域',
    label: { ja: '所在国・地域', en: 'Country/region' },
    synonyms: ['所在国', '国・地域', '国/地域', 'Country', 'Country or region'],
    type: { kind: 'text' },
    required: true,
    hint: { ja: '本社の所在国・地域（例: 日本）', en: 'Country or region of the head office (e.g. Japan)' },
  },
  {
    key: '対象拠点',
    label: { ja: '対象拠点', en: 'Sites covered' },
    synonyms: ['拠点', '対象事業所', '回答対象拠点', 'Sites', 'Site'],
    type: { kind: 'text', multiline: true },
    hint: {
      ja: 'この回答が対象とする工場・事業所（全社の場合は「全社」）',
      en: 'Factories or offices this answer covers ("all sites" if company-wide)',
    },
    width: 40,
  },
  {
    key: '従業員数',
    label: { ja: '従業員数', en: 'Number of employees' },
    synonyms: ['従業員', '社員数', 'Employees'],
    type: { kind: 'integer', min: 0 },
    hint: { ja: '対象拠点の従業員数（人、整数）', en: 'Employees at the sites covered (whole number)' },
  },
  {
    key: '回答者氏名',
    label: { ja: '回答者氏名', en: 'Respondent name' },
    synonyms: ['回答者', '回答者名', '記入者', '氏名', 'Respondent', 'Name'],
    type: { kind: 'text' },
    required: true,
    hint: { ja: '記入した方の氏名', en: 'Name of the person filling in this form' },
  },
  {
    key: '部署',
    label: { ja: '部署', en: 'Department' },
    synonyms: ['部署名', '所属', 'Division'],
    type: { kind: 'text' },
    hint: { ja: '回答者の所属部署', en: 'Respondent’s department' },
  },
  {
    key: '役職',
    label: { ja: '役職', en: 'Job title' },
    synonyms: ['役職名', 'Title', 'Position'],
    type: { kind: 'text' },
    hint: { ja: '回答者の役職', en: 'Respondent’s job title' },
  },
  {
    key: 'メール',
    label: { ja: 'メール', en: 'E-mail' },
    synonyms: ['メールアドレス', 'Eメール', 'Email', 'E-mail address', 'Mail'],
    type: { kind: 'email' },
    required: true,
    hint: { ja: '確認のご連絡先（例: sustainability@example.co.jp）', en: 'Where we can reach you about this answer' },
    width: 32,
  },
  {
    key: '電話',
    label: { ja: '電話', en: 'Phone' },
    synonyms: ['電話番号', 'TEL', 'Telephone'],
    type: { kind: 'text' },
    hint: { ja: '代表または部署の電話番号', en: 'Main or department phone number' },
  },
  {
    key: ANSWERED_ON,
    label: { ja: '回答日', en: 'Date of response' },
    synonyms: ['記入日', '回答年月日', 'Response date', 'Date'],
    type: { kind: 'date' },
    required: true,
    hint: { ja: '回答を確定した日（例: 2025/4/1、令和7年4月1日）', en: 'The day the answers were finalised' },
  },
  {
    key: '責任者確認',
    label: { ja: '責任者確認', en: 'Approved by management' },
    synonyms: ['責任者承認', '責任者の確認', 'Management approval', 'Approved'],
    type: { kind: 'yesno' },
    required: true,
    hint: {
      ja: '回答内容を責任者（役員・部門長など）が確認したら「はい」。確認してから提出してください',
      en: 'Yes once a responsible manager (an officer or head of department) has reviewed the answers; have them reviewed before you submit',
    },
  },
] as const satisfies readonly FieldDef[];

const answerFields = [
  {
    key: ANSWER,
    label: { ja: '回答', en: 'Answer' },
    synonyms: ['回答欄', '実施状況', 'Response'],
    type: {
      kind: 'enum',
      options: [
        // Not あり/なし: questions such as II-1 ask whether something is absent, so なし would read both ways.
        { value: YES, en: 'Yes', synonyms: ['○', '〇', '◯', 'Yes', 'Y', '実施', '実施済', '実施済み'] },
        {
          value: PARTLY,
          en: 'Partly',
          synonyms: ['△', '一部', '一部対応', '部分的に実施', 'Partly', 'Partial', 'Partially'],
        },
        { value: NO, en: 'No', synonyms: ['×', '✕', '✗', 'No', 'N', '未実施'] },
        { value: NA, en: 'Not applicable', synonyms: ['N/A', 'NA', '対象外', '非該当', '該当無し', 'Not applicable'] },
      ],
    },
    hint: {
      ja: 'はい／一部実施／いいえ／該当なし から選択（○△× でも可）。重大項目は「該当なし」不可（V-9 は製品を製造していない場合のみ可）',
      en: 'Choose Yes / Partly / No / Not applicable (○ △ × accepted). Critical items cannot be Not applicable (V-9 only if you manufacture no products)',
    },
    width: 12,
  },
  {
    key: EVIDENCE,
    label: { ja: '取組内容・根拠資料', en: 'Actions and evidence' },
    synonyms: ['取組内容', '取り組み内容', '根拠資料', '取組内容・根拠', 'Evidence', 'Actions'],
    type: { kind: 'text', multiline: true },
    hint: {
      ja: '実施している取組と、それを示す規程・記録の名称（重大項目で「はい」の場合は記入してください）',
      en: 'What you do and the policy or record that shows it (fill in for every critical item answered Yes)',
    },
    width: 40,
  },
  {
    key: PLAN,
    label: { ja: '改善予定日', en: 'Target date for improvement' },
    synonyms: ['改善予定', '是正予定日', '改善完了予定日', 'Target date', 'Improvement date'],
    type: { kind: 'date' },
    hint: {
      ja: '「いいえ」「一部実施」の場合、改善を終える予定日（回答日以降）',
      en: 'For No or Partly: the date by which you expect to close the gap (on or after the response date)',
    },
    width: 14,
  },
  {
    key: COMMENT,
    label: { ja: 'コメント', en: 'Comment' },
    synonyms: ['備考', '補足', 'Comments', 'Remarks'],
    type: { kind: 'text', multiline: true },
    hint: {
      ja: '「該当なし」の理由、「いいえ」「一部実施」の事情や改善の内容',
      en: 'Why an item is Not applicable; for No or Partly, the circumstances and what you will change',
    },
    width: 40,
  },
] as const satisfies readonly FieldDef[];

const respondentSheet: FormSheetDef = {
  name: RESPONDENT,
  title: { ja: '回答者情報', en: 'Respondent' },
  synonyms: ['回答者', 'Respondent', 'Respondent information'],
  kind: 'form',
  fields: respondentFields,
};

const checklistSheet: QuestionSheetDef = {
  name: CHECKLIST,
  title: {
    ja: 'セガサミーグループ サステナブル調達ガイドライン（第1版、2024-11-01）に基づくセルフチェック',
    en: 'Self-assessment against the SEGA SAMMY Group Sustainable Procurement Guideline (edition 1, 2024-11-01)',
  },
  synonyms: ['セルフチェック', 'チェックシート', 'Checklist', 'Self-assessment'],
  kind: 'questions',
  sections: SECTIONS,
  questions: QUESTIONS,
  fields: answerFields,
  tamperRule: 'SC-TAMPER',
  criticalLabel: { ja: '重大', en: 'critical' },
};

// ---- helpers ----

/** The respondent form's and the checklist's field keys: rules read records as RecordRow<RespondentKey> and so on. */
export type RespondentKey = FieldKey<{ fields: typeof respondentFields }>;
export type AnswerKey = FieldKey<{ fields: typeof answerFields }>;
/** The sheets' records, typed by their field keys: a misspelt key fails to compile. */
const respondent = (ctx: RuleContext) => ctx.form(RESPONDENT) as RecordRow<RespondentKey> | undefined;
const answerRows = (ctx: RuleContext) => ctx.rows(CHECKLIST) as RecordRow<AnswerKey>[];

type Presence = 'empty' | 'invalid' | 'ok';

/** Whether a field holds a usable value, is empty, or held something invalid that a V-* rule already reported. */
function presence<K extends string>(rec: RecordRow<K>, key: NoInfer<K>): Presence {
  const v = rec.values[key];
  if (v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '')) return 'ok';
  const raw = rec.raw[key];
  return raw !== null && raw !== undefined && raw.trim() !== '' ? 'invalid' : 'empty';
}

const questionById = new Map(QUESTIONS.map((q) => [q.id, q]));

/** Question rows with their definition (rows whose 項番 is unknown were already reported as SC-TAMPER). */
function questionRows(ctx: RuleContext): { rec: RecordRow<AnswerKey>; q: QuestionDef; answer: string | null }[] {
  return answerRows(ctx).flatMap((rec) => {
    const q = rec.id ? questionById.get(rec.id) : undefined;
    if (!q) return [];
    const v = rec.values[ANSWER];
    return [{ rec, q, answer: typeof v === 'string' ? v : null }];
  });
}

function finding<K extends string>(
  record: RecordRow<K>,
  field: NoInfer<K>,
  message: Text,
  severity?: RuleFinding['severity'],
): RuleFinding {
  return { record, field, message, ...(severity ? { severity } : {}) };
}

function isoOf<K extends string>(rec: RecordRow<K> | undefined, key: NoInfer<K>): string | null {
  const v = rec?.values[key];
  return typeof v === 'string' ? v : null;
}

/**
 * How an answer scores: 該当なし on a critical clause that does not accept it scores (and flags) as いいえ, so an
 * evasive answer cannot raise the rate or hide a red flag.
 */
export function scoredAnswer(q: QuestionDef, answer: string): string {
  return q.critical && answer === NA && !NA_ACCEPTED.includes(q.id) ? NO : answer;
}

/** Answers to follow up: いいえ and 一部実施 as scored (so also 該当なし where a critical clause bars it). */
function followUps(data: ReadResult): FollowUp[] {
  const out: FollowUp[] = [];
  for (const rec of (data.sheets[CHECKLIST] ?? []) as RecordRow<AnswerKey>[]) {
    const q = QUESTIONS.find((x) => x.id === rec.id);
    const answer = rec.values[ANSWER];
    if (!q || typeof answer !== 'string') continue;
    const scored = scoredAnswer(q, answer);
    if (scored !== NO && scored !== PARTLY) continue;
    const plan = rec.values[PLAN];
    out.push({
      id: q.id,
      sheet: rec.sheet,
      cell: rec.cells[ANSWER] ?? null,
      critical: q.critical === true,
      answer,
      evidence: rec.raw[EVIDENCE] ?? null,
      plan: rec.raw[PLAN] ?? null,
      planIso: typeof plan === 'string' ? plan : null,
      comment: rec.raw[COMMENT] ?? null,
    });
  }
  return out;
}

// ---- rules ----

const scAnswer: RuleDef = {
  id: 'SC-ANSWER',
  check: (ctx) =>
    questionRows(ctx)
      .filter(({ rec }) => presence(rec, ANSWER) === 'empty')
      .map(({ rec, q }) =>
        finding(rec, ANSWER, {
          ja: `${q.id}「${q.title.ja}」が未回答です。得点とランクは37問すべてに回答した時点で確定します。はい／一部実施／いいえ／該当なし のいずれかを選んでください。`,
          en: `${q.id} "${q.title.en}" has no answer. The score and band are final only once all 37 questions are answered. Choose Yes, Partly, No or Not applicable.`,
        }),
      ),
};

const NA_EXAMPLE: Record<string, Text> = {
  'V-9': { ja: '製品を製造していない', en: 'we manufacture no products' },
  'VI-1': { ja: '自社で製品設計を行っていない', en: 'we design no products ourselves' },
};

const scNa: RuleDef = {
  id: 'SC-NA',
  check: (ctx) =>
    questionRows(ctx)
      .filter(({ answer }) => answer === NA)
      .flatMap(({ rec, q }): RuleFinding[] => {
        if (q.critical && !NA_ACCEPTED.includes(q.id)) {
          return [
            finding(rec, ANSWER, {
              ja: `${q.id}「${q.title.ja}」は重大項目で、ガイドラインがすべてのお取引先に求める事項のため「該当なし」は選べません（「該当なし」のままでは「いいえ」として採点します）。はい／一部実施／いいえ で回答し、状況をコメントに記入してください。`,
              en: `${q.id} "${q.title.en}" is a critical item that the guideline asks of every supplier, so it cannot be Not applicable (left so, it is scored as No). Answer Yes, Partly or No and explain in the comment.`,
            }),
          ];
        }
        if (presence(rec, COMMENT) !== 'empty') return [];
        const example = NA_EXAMPLE[q.id] ?? { ja: '該当する設備・工程がない', en: 'no such equipment or process' };
        return [
          finding(rec, COMMENT, {
            ja: `${q.id}「${q.title.ja}」が「該当なし」ですが、理由がありません。理由がないと、該当しないのか確認していないのかを判断できません。該当しない理由（例: ${example.ja}）をコメントに記入してください。`,
            en: `${q.id} "${q.title.en}" is Not applicable but gives no reason, so it cannot be told apart from an item nobody checked. Say in the comment why it does not apply (e.g. ${example.en}).`,
          }),
        ];
      }),
};

// A gap is acceptable for submission when it is either dated or explained; a procurement officer follows gaps up by
// date, so an explained gap without a date is still flagged, as a warning.
const scGap: RuleDef = {
  id: 'SC-GAP',
  check: (ctx) =>
    questionRows(ctx)
      .filter(({ answer }) => answer === NO || answer === PARTLY)
      .flatMap(({ rec, q, answer }): RuleFinding[] => {
        const plan = presence(rec, PLAN);
        if (plan !== 'empty') return [];
        const en = answer === NO ? 'No' : 'Partly';
        if (presence(rec, COMMENT) === 'empty') {
          return [
            finding(rec, PLAN, {
              ja: `${q.id}「${q.title.ja}」が「${answer}」ですが、改善予定日もコメントもありません。ガイドラインの事項を満たしていない点は、改善の計画とあわせて確認します。改善予定日を記入し、現状と改善の内容をコメントに記入してください。`,
              en: `${q.id} "${q.title.en}" is answered ${en} with neither a target date nor a comment. A guideline item that is not met is reviewed together with the plan to meet it: enter the date you expect to close the gap, and describe the situation and the planned action in the comment.`,
            }),
          ];
        }
        return [
          finding(
            rec,
            PLAN,
            {
              ja: `${q.id}「${q.title.ja}」が「${answer}」ですが、改善予定日がありません。改善状況は予定日をもとに確認しますので、改善を終える予定日を記入してください。`,
              en: `${q.id} "${q.title.en}" is answered ${en} without a target date. Gaps are followed up by date: enter the date you expect to close it.`,
            },
            'warning',
          ),
        ];
      }),
};

/** Non-critical clauses where a はい without evidence is noted (info): working time, wages, safety, emergencies, data. */
const EVIDENCE_NOTED: readonly string[] = ['II-3', 'II-4', 'III-1', 'III-2', 'VII-2'];

const scEvidence: RuleDef = {
  id: 'SC-EVIDENCE',
  check: (ctx) =>
    questionRows(ctx)
      .filter(
        ({ rec, q, answer }) =>
          (q.critical || EVIDENCE_NOTED.includes(q.id)) && answer === YES && presence(rec, EVIDENCE) === 'empty',
      )
      .map(({ rec, q }) =>
        q.critical
          ? finding(rec, EVIDENCE, {
              ja: `重大項目 ${q.id}「${q.title.ja}」が「はい」ですが、取組内容・根拠資料が空欄です。重大項目は根拠を確かめたうえで評価します。取組の内容と、それを示す規程・記録の名称を記入してください。`,
              en: `Critical item ${q.id} "${q.title.en}" is answered Yes but gives no actions or evidence. Critical items are judged on their evidence: describe what you do and name the policy or record that shows it.`,
            })
          : finding(
              rec,
              EVIDENCE,
              {
                ja: `${q.id}「${q.title.ja}」が「はい」ですが、取組内容・根拠資料が空欄です。この項目は根拠の提示を求められることが多いため、取組の内容と規程・記録の名称を記入しておくことをお勧めします。`,
                en: `${q.id} "${q.title.en}" is answered Yes without actions or evidence. Buyers often ask for evidence on this item: consider naming what you do and the policy or record that shows it.`,
              },
              'info',
            ),
      ),
};

const scApproval: RuleDef = {
  id: 'SC-APPROVAL',
  check: (ctx) => {
    const form = respondent(ctx);
    if (!form || form.values['責任者確認'] !== NO) return [];
    return [
      finding(form, '責任者確認', {
        ja: '責任者確認が「いいえ」です。ガイドラインは会社としての遵守をお願いしており（はじめに）、回答は責任者（役員・部門長など）が内容を確認したうえでご提出いただく必要があります。責任者の確認を受けてから「はい」にして提出してください。',
        en: 'Management approval is "No". The guideline asks for compliance by the company as a whole (introduction), so a responsible manager (an officer or head of department) must review the answers before they are submitted. Have them reviewed, then set this to Yes and submit.',
      }),
    ];
  },
};

const scDate: RuleDef = {
  id: 'SC-DATE',
  check: (ctx) => {
    const out: RuleFinding[] = [];
    const form = respondent(ctx);
    const on = isoOf(form, ANSWERED_ON);
    if (form && on) {
      const oldest = addMonths(ctx.asOf, -12);
      if (compareIso(on, ctx.asOf) > 0) {
        out.push(
          finding(form, ANSWERED_ON, {
            ja: `回答日 ${on} が基準日 ${ctx.asOf} より後（未来）になっています。回答を確定した日を記入してください。`,
            en: `The response date ${on} is after the check date ${ctx.asOf}. Enter the day the answers were finalised.`,
          }),
        );
      } else if (compareIso(on, oldest) < 0) {
        out.push(
          finding(form, ANSWERED_ON, {
            ja: `回答日 ${on} は基準日 ${ctx.asOf} の12か月以上前です。12か月以上前の回答は現在の取組を表していない可能性があるため、最新の状況で回答し直してください。`,
            en: `The response date ${on} is more than 12 months before the check date ${ctx.asOf}. An answer that old may no longer show what you do today: please answer again with the current situation.`,
          }),
        );
      }
    }
    if (!on) return out;
    for (const { rec, q } of questionRows(ctx)) {
      const plan = isoOf(rec, PLAN);
      if (plan && compareIso(plan, on) < 0) {
        out.push(
          finding(rec, PLAN, {
            ja: `${q.id} の改善予定日 ${plan} が回答日 ${on} より前です。改善予定日はこれから改善を終える日なので、回答日以降の日付を記入してください。`,
            en: `The target date ${plan} for ${q.id} is before the response date ${on}. The target date is when the gap will be closed, so enter a date on or after the response date.`,
          }),
        );
      }
    }
    return out;
  },
};

const scEdition: RuleDef = {
  id: 'SC-EDITION',
  check: (ctx) => {
    const marker = ctx.data.marker;
    const want = ctx.def.edition ?? EDITION;
    // Without a marker the engine already warns that the workbook was recognised by its headers only.
    if (!marker || marker.id !== ctx.def.id) return [];
    if (marker.edition === undefined) {
      return [
        {
          record: null,
          sheet: CHECKLIST,
          field: null,
          severity: 'warning',
          message: {
            ja: `このブックにはガイドラインの版が記録されていません。ガイドライン ${want} 用のテンプレートで回答してもらってください。`,
            en: `This workbook does not record which guideline edition it implements. Ask for the answers in the template for edition ${want}.`,
          },
        },
      ];
    }
    if (foldCompact(marker.edition) === foldCompact(want)) return [];
    return [
      {
        record: null,
        sheet: CHECKLIST,
        field: null,
        message: {
          ja: `このブックはガイドライン ${marker.edition} 版のチェックリストです。現在の確認対象は ${want} です。最新版のテンプレートで回答し直してもらってください。`,
          en: `This workbook is the checklist for guideline edition ${marker.edition}, but answers are being checked against edition ${want}. Ask for the answers in the current template.`,
        },
      },
    ];
  },
};

// ---- score ----

/** The best band a checklist with a red flag can get (spec, Amendment 5). */
export const RED_FLAG_CAP = 'C';

/**
 * 得点率 per section and overall, band and red flags. Only a complete form (all 37 answered) has a rate and a band;
 * until then the score carries provisionalRate (over the answers so far) and section rates only for the sections
 * already complete, so a half-filled form cannot show an A. A red flag caps the band at RED_FLAG_CAP and sets
 * actionNeeded: one いいえ costs under 3 points of 100, and an A must not hide a critical gap.
 */
export function scoreChecklist(
  ctx: RuleContext,
  bands: readonly { band: string; min: number }[] = BANDS,
  cap: string = RED_FLAG_CAP,
): Score {
  const rows = questionRows(ctx);
  const byId = new Map(rows.map((r) => [r.q.id, r.answer]));
  const counts: Record<string, number> = { [YES]: 0, [PARTLY]: 0, [NO]: 0, [NA]: 0 };
  const sections: SectionScore[] = SECTIONS.map((s) => ({ key: s.key, title: s.title, points: 0, max: 0, rate: null }));
  const openSections = new Set<string>();
  const redFlags: string[] = [];
  for (const q of QUESTIONS) {
    const a = byId.get(q.id);
    if (!a) {
      openSections.add(q.section);
      continue;
    }
    counts[a] = (counts[a] ?? 0) + 1;
    const scored = scoredAnswer(q, a);
    if (q.critical && (scored === NO || scored === PARTLY)) redFlags.push(q.id);
    if (!(scored in POINTS)) continue;
    const sec = sections.find((s) => s.key === q.section)!;
    sec.points += POINTS[scored];
    sec.max += MAX_POINTS;
  }
  for (const s of sections) s.rate = s.max && !openSections.has(s.key) ? s.points / s.max : null;
  const points = sections.reduce((n, s) => n + s.points, 0);
  const max = sections.reduce((n, s) => n + s.max, 0);
  const rate = max ? points / max : null;
  const answeredCount = Object.values(counts).reduce((n, c) => n + c, 0);
  const complete = answeredCount === QUESTIONS.length;
  // A tiny epsilon so that 0.9 computed as 0.8999999 still reaches A.
  const found = complete && rate !== null ? bands.findIndex((b) => rate >= b.min - 1e-9) : -1;
  const capAt = bands.findIndex((b) => b.band === cap);
  const band = found < 0 ? undefined : bands[redFlags.length && capAt > found ? capAt : found].band;
  return {
    rate: complete ? rate : null,
    points,
    max,
    answered: answeredCount,
    total: QUESTIONS.length,
    sections,
    ...(band ? { band } : {}),
    redFlags,
    complete,
    ...(complete ? {} : { provisionalRate: rate }),
    actionNeeded: redFlags.length > 0,
    counts,
  };
}

export const supplierChecklist: TemplateDef = {
  id: 'supplier-checklist',
  version: 1,
  edition: EDITION,
  title: { ja: 'サステナブル調達 セルフチェック', en: 'Sustainable procurement self-assessment' },
  shape: 'form',
  clause: 'ガイドライン 2024-11-01 第1版 I–VII',
  sheets: [respondentSheet, checklistSheet],
  rules: [scAnswer, scNa, scGap, scEvidence, scApproval, scDate, scEdition],
  score: (ctx) => scoreChecklist(ctx),
  shortTitle: { ja: 'サステナブル調達チェック', en: 'Supplier self-assessment' },
  subject: '会社名',
  followUps,
  summary: checklistSummary,
  audit: { area: { ja: '調達先', en: 'Suppliers' }, supplierScore: true },
};
