// 委託先評価 (§4.4.3.4): one contractor per workbook — the contractor's details, the selection criteria answered
// 適合 / 一部適合 / 不適合 / 該当なし, the eight contract items of §4.4.3.4 and the result (得点率, 判定, next review).
import { textField } from '../model/fields.js';
import { columnLetter } from '../model/grid.js';
import { FIRST_DATA_ROW, QUESTION_FIXED } from '../model/layout.js';
import type { EnumOption, FieldKey, FormSheetDef, QuestionSheetDef, TemplateDef } from '../model/types.js';
import { CONTRACT_ITEMS, CONTRACT_SECTIONS, CRITERIA, CRITERIA_SECTIONS } from './criteria.js';
import { rules, score } from './rules.js';
import { evaluationSummary } from './summary.js';
import { evaluationFact } from '../audit/rules.js';

export { CONTRACT_ITEMS, CRITERIA, CRITERIA_SECTIONS } from './criteria.js';
export { DEFAULT_PASS_MARK, evaluate } from './rules.js';

export const SHEET = {
  form: '評価票',
  criteria: '評価項目',
  contract: '契約内容',
  result: '判定',
} as const;

const text = textField;

const CERTIFICATIONS: readonly EnumOption[] = [
  {
    value: 'Pマーク',
    en: 'PrivacyMark',
    synonyms: ['プライバシーマーク', 'Privacy Mark', 'Pマーク認証', 'JIS Q 15001'],
  },
  {
    value: 'ISMS',
    en: 'ISMS (ISO/IEC 27001)',
    synonyms: [
      'ISO27001',
      'ISO 27001',
      'ISO/IEC 27001',
      'ISO/IEC27001',
      'JIS Q 27001',
      'ISMS認証',
      'ISMS (ISO/IEC 27001)',
    ],
  },
  { value: 'なし', en: 'None', synonyms: ['無', '無し', '未取得', 'ない'] },
  { value: 'その他', en: 'Other', synonyms: ['他'] },
];

const MY_NUMBER_CONSENT: readonly EnumOption[] = [
  {
    value: '許諾済み',
    en: 'Consented',
    synonyms: ['許諾あり', '許諾', '承諾済み', '承諾あり', 'あり', '有', 'はい', '済', 'Yes'],
  },
  { value: '未許諾', en: 'Not consented', synonyms: ['許諾なし', '未承諾', '承諾なし', 'なし', '無', 'いいえ', 'No'] },
  {
    value: '該当なし',
    en: 'Not applicable',
    synonyms: ['対象外', '非該当', '再委託なし', '特定個人情報なし', '-', '―', 'N/A', 'NA'],
  },
];

const EVALUATION_KINDS: readonly EnumOption[] = [
  { value: '新規', en: 'Initial', synonyms: ['初回', '新規委託'] },
  { value: '定期', en: 'Periodic', synonyms: ['年次', '定期評価', '更新'] },
  { value: '臨時', en: 'Ad hoc', synonyms: ['随時', '臨時評価', '特別'] },
];

export const RATINGS: readonly EnumOption[] = [
  { value: '適合', en: 'Compliant', synonyms: ['○', '◯', '〇', '可'] },
  { value: '一部適合', en: 'Partly', synonyms: ['△', '▲', '一部', 'Partly compliant', 'Partial'] },
  { value: '不適合', en: 'Non-compliant', synonyms: ['×', '✕', '✗', '不可'] },
  { value: '該当なし', en: 'Not applicable', synonyms: ['-', '―', '対象外', 'N/A', 'NA', '非該当'] },
];

const PROVISIONS: readonly EnumOption[] = [
  { value: '規定あり', en: 'Provided', synonyms: ['あり', '有', '有り', '○', '◯', '〇', 'はい', 'Yes'] },
  { value: '規定なし', en: 'Missing', synonyms: ['なし', '無', '無し', '×', '✕', 'いいえ', 'No', 'Not provided'] },
];

const VERDICTS: readonly EnumOption[] = [
  { value: '合格', en: 'Pass', synonyms: ['適格', '可', '承認'] },
  { value: '条件付合格', en: 'Conditional pass', synonyms: ['条件付き合格', '条件付', '条件付き', '条件付承認'] },
  { value: '不合格', en: 'Fail', synonyms: ['不適格', '否', '不可'] },
];

const formSheet = {
  name: SHEET.form,
  kind: 'form',
  title: { ja: '委託先評価票', en: 'Contractor evaluation' },
  synonyms: ['委託先評価票', '委託先情報', 'Contractor'],
  fields: [
    text('委託先名', 'Contractor', { required: true, synonyms: ['委託先', '委託先名称', '会社名'], width: 36 }),
    {
      key: '法人番号',
      label: { ja: '法人番号', en: 'Corporate number' },
      type: { kind: 'corpno' },
      hint: { ja: '13桁（国税庁法人番号公表サイトで確認）', en: '13 digits (see the NTA corporate number site)' },
    },
    text('所在地', 'Address', { required: true, synonyms: ['住所', '本社所在地'] }),
    text('データの所在国', 'Country where the data is kept', {
      since: 2,
      synonyms: ['データ所在国', 'データの保管国', 'データの保存場所（国）'],
      hint: {
        ja: '委託先が個人データを保管・取り扱う国（クラウドのサーバの所在国を含む）。複数あればすべて（例: 日本、米国）',
        en: 'Every country where the contractor keeps or handles the data, cloud servers included (e.g. 日本、米国)',
      },
    }),
    text('担当者', 'Contact person', {
      required: true,
      synonyms: ['委託先担当者', '窓口担当者'],
      hint: { ja: '委託先の窓口となる方の部署・氏名', en: "Department and name of the contractor's contact" },
    }),
    {
      key: 'メール',
      label: { ja: 'メール', en: 'Email' },
      type: { kind: 'email' },
      synonyms: ['メールアドレス', 'E-mail'],
    },
    text('委託業務の内容', 'Outsourced work', {
      required: true,
      type: { kind: 'text', multiline: true },
      synonyms: ['委託業務', '委託内容'],
    }),
    text('委託する個人情報', 'Personal information entrusted', {
      required: true,
      type: { kind: 'text', multiline: true },
      synonyms: ['委託する個人情報の内容', '委託個人情報'],
      hint: {
        ja: '個人情報の名称と項目。個人情報管理台帳の管理番号も書いてください（例: P-003, P-004）',
        en: 'What is entrusted; add the personal-information ledger numbers (e.g. P-003, P-004)',
      },
    }),
    {
      key: '委託開始日',
      label: { ja: '委託開始日', en: 'Outsourcing starts' },
      type: { kind: 'date' },
      since: 2,
      synonyms: ['委託開始日（予定）', '委託開始予定日'],
      hint: {
        ja: '委託を始めた日（予定日）。新規の評価は委託を始める前に行います',
        en: 'When the outsourcing started (or will); an initial evaluation comes before it',
      },
    },
    {
      key: '要配慮・特定個人情報を含む',
      label: { ja: '要配慮・特定個人情報を含む', en: 'Includes sensitive data or My Number' },
      type: { kind: 'yesno' },
      synonyms: ['要配慮個人情報・特定個人情報'],
    },
    {
      key: '再委託',
      label: { ja: '再委託', en: 'Subcontracting' },
      type: { kind: 'yesno' },
      synonyms: ['再委託の有無'],
    },
    text('再委託先', 'Subcontractor', {
      hint: {
        ja: '再委託が「はい」のとき、再委託先の名称と委託する業務',
        en: 'When subcontracting: the subcontractor and what it does',
      },
    }),
    {
      key: '特定個人情報の再委託許諾',
      label: { ja: '特定個人情報の再委託許諾', en: 'Consent to subcontract My Number data' },
      type: { kind: 'enum', options: MY_NUMBER_CONSENT },
      since: 2,
      synonyms: ['再委託の許諾（特定個人情報）', '特定個人情報の再委託の許諾'],
      hint: {
        ja: '特定個人情報（マイナンバー）を扱う業務を再委託させるとき、当社が許諾したか（番号法第10条）。特定個人情報を再委託しないときは該当なし',
        en: 'Whether we consented to the contractor subcontracting work on My Number data (My Number Act Art. 10); 該当なし when it does not',
      },
    },
    {
      key: '第三者認証',
      label: { ja: '第三者認証', en: 'Certification' },
      type: { kind: 'enum', options: CERTIFICATIONS },
      synonyms: ['認証', '取得認証'],
    },
    text('認証番号', 'Certificate number', { synonyms: ['登録番号'] }),
    {
      key: '認証有効期限',
      label: { ja: '認証有効期限', en: 'Certificate valid until' },
      type: { kind: 'date' },
      synonyms: ['有効期限', '有効期間'],
    },
    {
      key: '評価区分',
      label: { ja: '評価区分', en: 'Kind of evaluation' },
      type: { kind: 'enum', options: EVALUATION_KINDS },
    },
    {
      key: '評価日',
      label: { ja: '評価日', en: 'Evaluation date' },
      type: { kind: 'date' },
      required: true,
      synonyms: ['評価実施日'],
    },
    text('評価者', 'Evaluated by', { required: true, synonyms: ['評価担当者'] }),
    // Optional on purpose (review §5.2): §4.4.3.4 asks for selection criteria and an evaluation, not for an approval;
    // the approval step, if any, is the company's outsourcing procedure's (YPM-P230), which differs between companies.
    text('承認者', 'Approved by', {
      hint: {
        ja: '個人情報保護管理者など。§4.4.3.4は評価の承認までは求めていないため任意です。社内の委託手順で承認を定めている場合は、承認した人を記入してください。',
        en: 'e.g. the personal information protection manager. Optional: §4.4.3.4 does not require the evaluation to be approved; where your outsourcing procedure does, enter who approved it.',
      },
    }),
  ],
} as const satisfies FormSheetDef;

const criteriaSheet = {
  name: SHEET.criteria,
  kind: 'questions',
  title: { ja: '委託先の評価項目', en: 'Evaluation criteria' },
  synonyms: ['評価基準', 'Criteria'],
  tamperRule: 'TEMPLATE-TAMPER',
  criticalLabel: { ja: '必須', en: 'mandatory' },
  sections: CRITERIA_SECTIONS,
  questions: CRITERIA,
  fields: [
    {
      key: '評価',
      label: { ja: '評価', en: 'Rating' },
      type: { kind: 'enum', options: RATINGS },
      required: true,
      synonyms: ['評価結果', '判定結果'],
      hint: { ja: '適合・一部適合・不適合・該当なし', en: 'Compliant, Partly, Non-compliant or Not applicable' },
      width: 12,
    },
    text('根拠', 'Evidence', {
      type: { kind: 'text', multiline: true },
      synonyms: ['確認方法・根拠', '確認資料', '根拠・確認資料'],
      hint: {
        ja: '確認した資料・方法（例: 誓約書の写し、現地確認）',
        en: 'What was checked and how (e.g. copy of undertaking, site visit)',
      },
      width: 40,
    }),
  ],
} as const satisfies QuestionSheetDef;

const contractSheet = {
  name: SHEET.contract,
  kind: 'questions',
  title: { ja: '契約で定める事項（§4.4.3.4）', en: 'Contract terms (§4.4.3.4)' },
  synonyms: ['契約事項', '契約書', 'Contract'],
  tamperRule: 'TEMPLATE-TAMPER',
  sections: CONTRACT_SECTIONS,
  questions: CONTRACT_ITEMS,
  fields: [
    {
      key: '規定',
      label: { ja: '規定', en: 'Provision' },
      type: { kind: 'enum', options: PROVISIONS },
      required: true,
      synonyms: ['規定の有無'],
      width: 12,
    },
    text('条項', 'Clause', {
      synonyms: ['該当条項', '契約条項'],
      hint: { ja: '例: 業務委託契約書 第5条、覚書 第2条', en: 'e.g. Article 5 of the service agreement' },
      width: 28,
    }),
  ],
} as const satisfies QuestionSheetDef;

/**
 * The 得点率 formula the blank template holds (適合 2, 一部適合 1, 不適合 0, 該当なし left out); empty until
 * something is rated. It assumes the template layout: 評価 is the first answer column of 評価項目.
 */
export const SCORE_FORMULA = (() => {
  const col = columnLetter(QUESTION_FIXED);
  const range = `'${SHEET.criteria}'!$${col}$${FIRST_DATA_ROW + 1}:$${col}$${FIRST_DATA_ROW + CRITERIA.length}`;
  const count = (v: string) => `COUNTIF(${range},"${v}")`;
  return `IFERROR((2*${count('適合')}+${count('一部適合')})/(2*(${count('適合')}+${count('一部適合')}+${count('不適合')})),"")`;
})();

const resultSheet = {
  name: SHEET.result,
  kind: 'form',
  title: { ja: '評価結果', en: 'Result' },
  synonyms: ['評価結果', 'Result'],
  fields: [
    {
      key: '得点率',
      label: { ja: '得点率', en: 'Score' },
      type: { kind: 'number', percent: true, min: 0, max: 1 },
      computed: true,
      formula: SCORE_FORMULA,
      hint: {
        ja: '評価項目から自動計算（適合2・一部適合1・不適合0、該当なしは除外）',
        en: 'Computed from the criteria (2/1/0, N/A left out)',
      },
    },
    {
      key: '合格基準',
      label: { ja: '合格基準', en: 'Pass mark' },
      type: { kind: 'number', percent: true, min: 0, max: 1 },
      hint: { ja: '既定は80%', en: 'Default 80%' },
    },
    {
      key: '判定',
      label: { ja: '判定', en: 'Decision' },
      type: { kind: 'enum', options: VERDICTS },
      required: true,
      synonyms: ['評価判定', '総合判定'],
      hint: {
        ja: '合格基準未満か必須項目に不適合があれば不合格。必須項目の一部適合や契約の不備があれば条件付合格（条件と期限を条件・所見に記入）。それ以外は合格',
        en: 'Fail below the pass mark or with a must-have non-compliant; conditional pass if a must-have is partly met or the contract lacks an item (write the condition and deadline under 条件・所見); otherwise pass',
      },
    },
    text('条件・所見', 'Conditions and remarks', {
      type: { kind: 'text', multiline: true },
      synonyms: ['条件', '所見', '備考'],
      hint: {
        ja: '条件付合格の条件と期限、判定の理由',
        en: 'Conditions and deadlines of a conditional pass; reasons for the decision',
      },
    }),
    {
      key: '次回評価期限',
      label: { ja: '次回評価期限', en: 'Next evaluation due' },
      type: { kind: 'date' },
      synonyms: ['次回評価日', '次回評価予定日'],
      hint: { ja: '評価日から12か月以内', en: 'Within 12 months of the evaluation date' },
    },
    {
      key: '契約書保存期限',
      label: { ja: '契約書保存期限', en: 'Keep contract until' },
      type: { kind: 'period' },
      synonyms: ['契約書の保存期限', '契約書保存期間'],
      hint: {
        ja: '委託した個人情報の保管期限以上（例: 契約終了後5年）',
        en: 'At least as long as the entrusted data is kept (e.g. 契約終了後5年)',
      },
    },
  ],
} as const satisfies FormSheetDef;

/** The evaluation's field keys per sheet (every version's): rules read records as RecordRow<FormKey> and so on. */
export type FormKey = FieldKey<typeof formSheet>;
export type CriterionKey = FieldKey<typeof criteriaSheet>;
export type ContractKey = FieldKey<typeof contractSheet>;
export type ResultKey = FieldKey<typeof resultSheet>;

export const contractorEvaluation: TemplateDef = {
  id: 'contractor-evaluation',
  version: 2,
  changes: {
    2: {
      ja: '評価票に「データの所在国」「委託開始日」「特定個人情報の再委託許諾」を追加しました。',
      en: 'The form gained データの所在国 (country where the data is kept), 委託開始日 (outsourcing start) and 特定個人情報の再委託許諾 (consent to subcontract My Number data).',
    },
  },
  title: { ja: '委託先評価', en: 'Contractor evaluation' },
  shape: 'form',
  clause: '§4.4.3.4',
  sheets: [formSheet, criteriaSheet, contractSheet, resultSheet],
  rules,
  score,
  shortTitle: { ja: '委託先評価', en: 'Contractor evaluation' },
  subject: '委託先名',
  summary: evaluationSummary,
  audit: {
    area: { ja: '委託先管理', en: 'Contractors' },
    facts: (file, ctx) => ({ evaluation: evaluationFact(file, ctx) }),
  },
};
