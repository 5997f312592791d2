// Every rule id a finding can carry, once: the engine's structure and value rules, each template's rules and the
// audit's cross-workbook rules, with default severity, title and clause. `Issue.rule` is a RuleId, so a misspelt id
// does not compile; the pane, the CLI, the audit and docs/rules.md (npm run docs:rules) take titles from here.
import type { Lang, Severity, TemplateId, Text } from './model/types.js';

/** Where a rule is raised: the engine (any template), a template's own rules, or the audit across workbooks. */
export type RuleScope = 'engine' | TemplateId | 'audit';

export interface RuleMeta {
  /** The severity of its findings unless a finding states another (e.g. SC-GAP: an explained gap is a warning). */
  severity: Severity;
  title: Text;
  /** Clause of the source document the rule enforces: §… of the PMS manual, I–VII of the procurement guideline. */
  clause?: string;
  raisedBy: readonly RuleScope[];
}

const engine = ['engine'] as const;

export const RULES = {
  // ---- structure (any file) ----
  'FILE-UNREADABLE': {
    severity: 'error',
    title: { ja: '読み込めないファイル', en: 'Unreadable file' },
    raisedBy: engine,
  },
  'TEMPLATE-UNKNOWN': {
    severity: 'error',
    title: { ja: 'テンプレート以外のブック', en: 'Not a template' },
    raisedBy: engine,
  },
  // Older: warning (what changed); newer: error; a question sheet of an earlier wording: info.
  'TEMPLATE-VERSION': {
    severity: 'warning',
    title: { ja: 'テンプレートの版', en: 'Template version' },
    raisedBy: engine,
  },
  'TEMPLATE-MARKER': {
    severity: 'warning',
    title: { ja: '識別用シートの欠落', en: 'Marker sheet missing' },
    raisedBy: engine,
  },
  'TEMPLATE-TAMPER': { severity: 'error', title: { ja: '固定行の改変', en: 'Fixed rows changed' }, raisedBy: engine },
  // An optional sheet or field: warning.
  'SHEET-MISSING': { severity: 'error', title: { ja: 'シートの欠落', en: 'Sheet missing' }, raisedBy: engine },
  'COLUMN-MISSING': { severity: 'error', title: { ja: '列の欠落', en: 'Column missing' }, raisedBy: engine },
  'COLUMN-RENAMED': { severity: 'error', title: { ja: '見出しの変更', en: 'Column renamed' }, raisedBy: engine },
  'COLUMN-EXTRA': { severity: 'info', title: { ja: 'テンプレートにない列', en: 'Extra column' }, raisedBy: engine },
  'RULE-FAILED': {
    severity: 'error',
    title: { ja: 'チェックの実行失敗', en: 'Check failed to run' },
    raisedBy: engine,
  },
  // Past 1,000 findings of one rule, sheet and severity in a file, one of these counts the rest (its value), with their severity.
  'FINDINGS-OMITTED': {
    severity: 'warning',
    title: { ja: '記載を省略した指摘', en: 'Findings left out' },
    raisedBy: engine,
  },

  // ---- values (every template) ----
  'V-REQUIRED': { severity: 'error', title: { ja: '必須項目の未入力', en: 'Required field empty' }, raisedBy: engine },
  'V-ENUM': { severity: 'error', title: { ja: '選択肢にない値', en: 'Value not in the list' }, raisedBy: engine },
  'V-DATE': {
    severity: 'error',
    title: { ja: '日付・期間として読めない値', en: 'Not a date or period' },
    raisedBy: engine,
  },
  'V-NUMBER': { severity: 'error', title: { ja: '数値として読めない値', en: 'Not a valid number' }, raisedBy: engine },
  'V-EMAIL': {
    severity: 'error',
    title: { ja: 'メールアドレスの形式', en: 'E-mail address format' },
    raisedBy: engine,
  },
  'V-URL': { severity: 'error', title: { ja: 'URLの形式', en: 'URL format' }, raisedBy: engine },
  'V-CORPNO': {
    severity: 'error',
    title: { ja: '法人番号のチェックディジット', en: 'Corporate number check digit' },
    raisedBy: engine,
  },
  'V-UNIQUE': { severity: 'error', title: { ja: '重複した値', en: 'Duplicate value' }, raisedBy: engine },
  'V-FORMULA': {
    severity: 'error',
    title: { ja: '外部参照・エラー値の数式', en: 'External link or error formula' },
    raisedBy: engine,
  },

  // ---- pi-ledger ----
  'PL-REVIEW': {
    severity: 'warning',
    clause: '§4.3.3',
    title: { ja: '台帳の年1回の確認', en: 'Ledger reviewed at least yearly' },
    raisedBy: ['pi-ledger'],
  },
  'PL-PERIOD': {
    severity: 'error',
    clause: '§4.3.3',
    title: { ja: '利用期限は保管期限以前', en: 'Use limit not later than retention limit' },
    raisedBy: ['pi-ledger'],
  },
  'PL-SENSITIVE': {
    severity: 'error',
    clause: '§4.4.2.3',
    title: { ja: '要配慮個人情報の書面同意', en: 'Written consent for special-care information' },
    raisedBy: ['pi-ledger'],
  },
  'PL-DIRECT': {
    severity: 'error',
    clause: '§4.4.2.4',
    title: { ja: '直接書面取得時の同意', en: 'Consent when collected in writing from the person' },
    raisedBy: ['pi-ledger'],
  },
  'PL-ENTRUSTED': {
    severity: 'warning',
    clause: '§4.4.4.1',
    title: { ja: '受託した個人情報の開示対象区分', en: 'Entrusted data marked as subject to disclosure' },
    raisedBy: ['pi-ledger'],
  },
  // Info: the ledger cannot record the client's consent; the finding asks to confirm it (番号法10条 for My Number data).
  'PL-REENTRUST': {
    severity: 'info',
    clause: '§4.4.3.4(3)',
    title: { ja: '受託した個人情報の再委託と委託元の承諾', en: "Subcontracting entrusted data: the client's consent" },
    raisedBy: ['pi-ledger'],
  },
  // One id, two halves: the ledger names a contractor (per file) and the audit finds it evaluated (across files).
  'PL-OUTSOURCE': {
    severity: 'error',
    clause: '§4.4.3.4',
    title: { ja: '委託先の記入と評価', en: 'Contractor named and evaluated' },
    raisedBy: ['pi-ledger', 'audit'],
  },
  'PL-THIRDPARTY': {
    severity: 'error',
    clause: '§4.4.2.8',
    title: { ja: '第三者提供（提供先・同意）', en: 'Third-party provision: recipient and consent' },
    raisedBy: ['pi-ledger'],
  },
  'PL-JOINT': {
    severity: 'error',
    clause: '§4.4.2.8(6)',
    title: { ja: '共同利用の範囲・管理責任者の記入', en: 'Scope and responsible party named for joint use' },
    raisedBy: ['pi-ledger'],
  },
  'PL-FOREIGN': {
    severity: 'error',
    clause: '§4.4.2.8.1',
    title: { ja: '外国にある第三者への提供（提供先国・根拠）', en: 'Provision abroad: country and lawful basis' },
    raisedBy: ['pi-ledger'],
  },
  'PL-MYNUMBER': {
    severity: 'warning',
    clause: '§4.4.2.1',
    title: { ja: '特定個人情報の利用目的・共同利用・保管期限', en: 'My Number data: purpose, joint use and retention' },
    raisedBy: ['pi-ledger'],
  },
  'PL-VAGUE': {
    severity: 'warning',
    clause: '§4.4.2.1',
    title: { ja: '利用目的の特定', en: 'Purpose of use specified' },
    raisedBy: ['pi-ledger'],
  },
  'PL-RISK': {
    severity: 'error',
    clause: '§4.3.5',
    title: { ja: '全局面のリスク分析', en: 'Risk analysis for every lifecycle stage' },
    raisedBy: ['pi-ledger'],
  },
  // Template version 2 (Amendment 8). PL-LEAK is derived, not a defect: it says why a leak may have to be reported.
  'PL-LEAK': {
    severity: 'info',
    clause: '§4.3.9',
    title: { ja: '漏えい時に報告対象となり得る個人データ', en: 'May have to be reported if leaked' },
    raisedBy: ['pi-ledger'],
  },
  'PL-NOTICE': {
    severity: 'warning',
    clause: '§4.4.2.4, §4.4.2.5',
    title: { ja: '取得元と利用目的の明示・通知・公表', en: 'Source, and how the purpose was stated or published' },
    raisedBy: ['pi-ledger'],
  },
  'PL-RECORD': {
    severity: 'error',
    clause: '§4.4.2.8.2, §4.4.2.8.3',
    title: { ja: '第三者提供・受領の記録', en: 'Record of provision to or receipt from third parties' },
    raisedBy: ['pi-ledger'],
  },
  'PL-LOCATION': {
    severity: 'info',
    clause: '§4.4.3.2',
    title: { ja: 'データの所在国（外的環境の把握）', en: 'Data held abroad (external environment)' },
    raisedBy: ['pi-ledger'],
  },
  'PL-RESIDUAL': {
    severity: 'error',
    clause: '§4.3.5',
    title: { ja: '固有リスクと高い残留リスクの承認', en: 'Inherent risk, and approval of a high residual risk' },
    raisedBy: ['pi-ledger'],
  },

  // ---- legal-register ----
  'LR-DATES': {
    severity: 'error',
    clause: '§4.3.4',
    title: { ja: '公布日・施行日・最終改正日の前後関係', en: 'Promulgation, in-force and amendment dates in order' },
    raisedBy: ['legal-register'],
  },
  'LR-URL': {
    severity: 'warning',
    clause: '§4.3.4(2)',
    title: { ja: 'URL が公式の発行元を指している', en: 'URL points at an official source' },
    raisedBy: ['legal-register'],
  },
  'LR-APRIL': {
    severity: 'warning',
    clause: '§4.3.4(3)',
    title: { ja: '毎年4月の定期見直しで確認済み', en: 'Checked at this year’s April review' },
    raisedBy: ['legal-register'],
  },
  'LR-AMENDED': {
    severity: 'warning',
    clause: '§4.3.4(3)',
    title: { ja: '確認後に改正されていない', en: 'Not amended since last checked' },
    raisedBy: ['legal-register'],
  },
  'LR-BASELINE': {
    severity: 'warning',
    clause: '§4.3.4',
    title: { ja: '個人情報保護法・番号法・JIS Q 15001 の記載', en: 'APPI, My Number Act and JIS Q 15001 listed' },
    raisedBy: ['legal-register'],
  },

  // ---- contractor-evaluation ----
  'CE-ANSWER': {
    severity: 'error',
    clause: '§4.4.3.4',
    title: { ja: '未回答の評価項目・契約事項', en: 'Unanswered criteria or contract items' },
    raisedBy: ['contractor-evaluation'],
  },
  'CE-CONTRACT': {
    severity: 'error',
    clause: '§4.4.3.4',
    title: { ja: '契約に規定のない事項があるのに合格', en: 'Pass with a contract item missing' },
    raisedBy: ['contractor-evaluation'],
  },
  'CE-MANDATORY': {
    severity: 'error',
    clause: '§4.4.3.4',
    title: { ja: '必須項目を満たさないのに合格・条件付合格', en: 'Pass with a must-have criterion not met' },
    raisedBy: ['contractor-evaluation'],
  },
  'CE-SCORE': {
    severity: 'error',
    clause: '§4.4.3.4',
    title: { ja: '得点率・条件と判定の不一致', en: 'Decision disagrees with the score or lacks its conditions' },
    raisedBy: ['contractor-evaluation'],
  },
  'CE-NEXT': {
    severity: 'error',
    clause: '§4.4.3.4',
    title: { ja: '次回評価期限', en: 'Next evaluation date' },
    raisedBy: ['contractor-evaluation'],
  },
  'CE-CERT': {
    severity: 'warning',
    clause: '§4.4.3.4',
    title: { ja: '第三者認証の有効期限切れ', en: 'Certification expired' },
    raisedBy: ['contractor-evaluation'],
  },
  'CE-SUBCONTRACT': {
    severity: 'error',
    clause: '§4.4.3.4(3)',
    title: { ja: '再委託の記載と契約', en: 'Subcontracting details and contract terms' },
    raisedBy: ['contractor-evaluation'],
  },
  // Version 2. A foreign data location is info (what to confirm); an empty one a warning.
  'CE-LOCATION': {
    severity: 'warning',
    clause: '§4.4.3.4',
    title: {
      ja: '委託先のデータの所在国（外的環境の把握）',
      en: 'Where the contractor keeps the data (external environment)',
    },
    raisedBy: ['contractor-evaluation'],
  },
  'CE-START': {
    severity: 'warning',
    clause: '§4.4.3.4',
    title: { ja: '委託開始後の新規評価', en: 'Initial evaluation after the outsourcing started' },
    raisedBy: ['contractor-evaluation'],
  },
  // Unconsented subcontracting of My Number data is an error; an empty consent where it may apply a warning.
  'CE-MYNUMBER': {
    severity: 'error',
    clause: '§4.4.3.4(3)',
    title: {
      ja: '特定個人情報の再委託の許諾（番号法第10条）',
      en: 'Consent to subcontract My Number data (My Number Act Art. 10)',
    },
    raisedBy: ['contractor-evaluation'],
  },
  'CE-RETENTION': {
    severity: 'warning',
    clause: '§4.4.3.4',
    title: { ja: '契約書の保存期限と個人情報の保管期限', en: 'Contract kept as long as the data' },
    raisedBy: ['audit'],
  },

  // ---- supplier-checklist ----
  'SC-ANSWER': {
    severity: 'error',
    clause: 'I–VII',
    title: { ja: '未回答の質問', en: 'Unanswered question' },
    raisedBy: ['supplier-checklist'],
  },
  // The clauses of SC-NA and SC-EVIDENCE are the critical ones (supplier-checklist/questions.ts CRITICAL).
  'SC-NA': {
    severity: 'error',
    clause: 'I, II-1, II-2, II-5, V-1, V-2, V-9',
    title: { ja: '「該当なし」の扱い', en: 'Use of Not applicable' },
    raisedBy: ['supplier-checklist'],
  },
  'SC-GAP': {
    severity: 'error',
    clause: 'I–VII',
    title: { ja: '未実施項目の改善計画', en: 'Plan for gaps' },
    raisedBy: ['supplier-checklist'],
  },
  'SC-EVIDENCE': {
    severity: 'warning',
    clause: 'I, II-1, II-2, II-5, V-1, V-2, V-9',
    title: { ja: '重大項目の根拠資料', en: 'Evidence for critical items' },
    raisedBy: ['supplier-checklist'],
  },
  'SC-APPROVAL': {
    severity: 'error',
    clause: 'はじめに',
    title: { ja: '責任者確認', en: 'Management approval' },
    raisedBy: ['supplier-checklist'],
  },
  'SC-DATE': {
    severity: 'warning',
    title: { ja: '回答日・改善予定日', en: 'Response and target dates' },
    raisedBy: ['supplier-checklist'],
  },
  'SC-EDITION': {
    severity: 'error',
    clause: '2024-11-01 第1版',
    title: { ja: 'ガイドラインの版', en: 'Guideline edition' },
    raisedBy: ['supplier-checklist'],
  },
  // Raised by the engine's question-sheet reader for the checklist (its sheet's tamperRule).
  'SC-TAMPER': {
    severity: 'error',
    title: { ja: '質問の改変', en: 'Changed question rows' },
    raisedBy: ['supplier-checklist'],
  },

  // ---- supplier-list ----
  'SL-CORPNO': {
    severity: 'warning',
    title: { ja: '日本の取引先の法人番号', en: 'Corporate number of a Japanese supplier' },
    raisedBy: ['supplier-list'],
  },
} as const satisfies Record<string, RuleMeta>;

export type RuleId = keyof typeof RULES;

export const RULE_IDS = Object.keys(RULES) as RuleId[];

export function ruleMeta(id: RuleId): RuleMeta {
  return RULES[id];
}

export function ruleTitle(id: RuleId, lang: Lang): string {
  return RULES[id].title[lang];
}
