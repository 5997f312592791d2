// A short title for every rule id a report can show: the templates' own rules, the audit's cross-workbook rules,
// and the engine's value and structure rules.
import { templates } from '../../templates/index.js';
import { AUDIT_RULES } from '../../templates/audit/rules.js';
import type { Lang, Text } from '../../templates/model/types.js';

const ENGINE: Record<string, Text> = {
  'V-REQUIRED': { ja: '必須項目の未入力', en: 'Required field empty' },
  'V-ENUM': { ja: '選択肢にない値', en: 'Value not in the list' },
  'V-DATE': { ja: '日付・期間として読めない値', en: 'Not a date or period' },
  'V-NUMBER': { ja: '数値として読めない値', en: 'Not a valid number' },
  'V-EMAIL': { ja: 'メールアドレスの形式', en: 'E-mail address format' },
  'V-URL': { ja: 'URLの形式', en: 'URL format' },
  'V-CORPNO': { ja: '法人番号のチェックディジット', en: 'Corporate number check digit' },
  'V-UNIQUE': { ja: '重複した値', en: 'Duplicate value' },
  'V-FORMULA': { ja: '外部参照・エラー値の数式', en: 'External link or error formula' },
  'FILE-UNREADABLE': { ja: '読み込めないファイル', en: 'Unreadable file' },
  'TEMPLATE-UNKNOWN': { ja: 'テンプレート以外のブック', en: 'Not a template' },
  'TEMPLATE-VERSION': { ja: 'テンプレートの版', en: 'Template version' },
  'TEMPLATE-MARKER': { ja: '識別用シートの欠落', en: 'Marker sheet missing' },
  'TEMPLATE-TAMPER': { ja: '固定行の改変', en: 'Fixed rows changed' },
  'SHEET-MISSING': { ja: 'シートの欠落', en: 'Sheet missing' },
  'COLUMN-MISSING': { ja: '列の欠落', en: 'Column missing' },
  'COLUMN-RENAMED': { ja: '見出しの変更', en: 'Column renamed' },
  'COLUMN-EXTRA': { ja: 'テンプレートにない列', en: 'Extra column' },
  'RULE-FAILED': { ja: 'チェックの実行失敗', en: 'Check failed to run' },
  'FINDINGS-OMITTED': { ja: '記載を省略した指摘', en: 'Findings left out' },
  // One id, two halves: the ledger names a contractor (per file) and the contractor is evaluated (audit).
  'PL-OUTSOURCE': { ja: '委託先の記入と評価', en: 'Contractor named and evaluated' },
};

const TITLES = new Map<string, Text>(Object.entries(ENGINE));
for (const t of templates) for (const r of t.rules) if (!TITLES.has(r.id)) TITLES.set(r.id, r.title);
// The audit's PL-OUTSOURCE is the cross-workbook half of the ledger's rule of the same id: one title for both.
for (const [id, r] of Object.entries(AUDIT_RULES)) if (!TITLES.has(id)) TITLES.set(id, r.title);

export function ruleTitle(id: string, lang: Lang): string {
  return TITLES.get(id)?.[lang] ?? id;
}
