// 個人情報管理台帳 (pi-ledger): one row per kind of personal information per medium (§4.3.3), with a risk analysis
// of every lifecycle stage per row (§4.3.5), checked against the acquisition, use and provision clauses (§4.4.2).
import type { TemplateDef } from '../model/types.js';
import { departmentsOf, outsourcedRows } from '../audit/rules.js';
import { rules } from './rules.js';
import { ledgerSheet, riskSheet } from './sheets.js';

export const piLedger: TemplateDef = {
  id: 'pi-ledger',
  version: 2,
  changes: {
    2: {
      ja: '台帳に「取得元」「明示・通知・公表の方法」「第三者提供の同意」「提供・受領の記録」「外国提供の根拠」「データの所在国」の列を、リスク分析に「リスク区分」「固有リスク」「残留リスクの承認者」「承認日」「見直し期限」の列を追加しました。',
      en: 'The ledger gained the columns 取得元 (source), 明示・通知・公表の方法 (how the purpose was stated), 第三者提供の同意 (consent to provision), 提供・受領の記録 (record of provision or receipt), 外国提供の根拠 (basis of a transfer abroad) and データの所在国 (where the data is held); the risk analysis gained リスク区分 (category), 固有リスク (inherent risk) and the approval of a high residual risk (承認者, 承認日, 見直し期限).',
    },
  },
  title: { ja: '個人情報管理台帳', en: 'Personal information ledger' },
  shape: 'table',
  clause: '§4.3.3',
  sheets: [ledgerSheet, riskSheet],
  rules,
  shortTitle: { ja: '個人情報管理台帳', en: 'Personal information ledger' },
  subject: '部門',
  audit: {
    area: { ja: '個人情報管理台帳', en: 'Ledgers' },
    facts: (file, ctx, issues) => ({
      outsourced: outsourcedRows(file, ctx.data),
      departments: departmentsOf(issues, ctx.data),
    }),
  },
};
