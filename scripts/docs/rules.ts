// docs/rules.md, rendered from the rule catalogue (templates/catalogue.ts). `npm run docs:rules` writes it;
// test/templates/catalogue.test.ts fails when the checked-in file is not what this renders.
import { RULE_IDS, RULES, type RuleId, type RuleScope } from '../../templates/catalogue.js';
import { templates } from '../../templates/index.js';
import type { Text } from '../../templates/model/types.js';

const SEVERITY: Record<string, string> = { error: 'error エラー', warning: 'warning 警告', info: 'info 情報' };

function section(scope: RuleScope): { heading: string; intro: string } {
  if (scope === 'engine') {
    return {
      heading: 'Engine: any template / 全テンプレート共通',
      intro: 'Raised while reading any workbook: whether it can be read, which template it is, its sheets and columns, and each value.',
    };
  }
  if (scope === 'audit') {
    return {
      heading: 'Audit: across workbooks / 監査（ブック間の照合）',
      intro: '`daicho audit` reads a company’s ledgers and contractor evaluations together; these rules compare them.',
    };
  }
  const def = templates.find((t) => t.id === scope)!;
  return { heading: `\`${def.id}\`: ${def.title.en} / ${def.title.ja}`, intro: `Clause of the template: ${def.clause}.` };
}

const cell = (s: string) => s.replace(/\|/g, '\\|');
const both = (t: Text) => `${cell(t.ja)}<br>${cell(t.en)}`;

export function rulesMarkdown(): string {
  // Each rule is listed under the first place that raises it; the table says where else.
  const byScope = new Map<RuleScope, RuleId[]>();
  for (const id of RULE_IDS) {
    const scope = RULES[id].raisedBy[0];
    byScope.set(scope, [...(byScope.get(scope) ?? []), id]);
  }
  const out = [
    '# Rules / ルール一覧',
    '',
    '<!-- Generated from templates/catalogue.ts by `npm run docs:rules`. Do not edit by hand. -->',
    '',
    'Every finding (in the task pane, `daicho check`, the JSON report, the annotated copies and the audit) names one of these',
    'rules. The severity is the rule’s usual one; where a finding differs (an optional sheet or column missing, a gap that',
    'is explained but not dated …), its message says why. Clauses are those of the PMS manual (§, JIS Q 15001:2017) and of',
    'the sustainable procurement guideline (I–VII, 2024-11-01 第1版).',
    '',
  ];
  for (const [scope, ids] of byScope) {
    const { heading, intro } = section(scope);
    out.push(`## ${heading}`, '', intro, '', '| Rule | Severity | Title / 内容 | Clause | Raised by |', '|---|---|---|---|---|');
    for (const id of ids) {
      const r = RULES[id];
      const clause = 'clause' in r ? cell(r.clause) : '—';
      out.push(`| \`${id}\` | ${SEVERITY[r.severity]} | ${both(r.title)} | ${clause} | ${r.raisedBy.join(', ')} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
