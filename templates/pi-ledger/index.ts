// 個人情報管理台帳 (pi-ledger): one row per kind of personal information per medium (§4.3.3), with a risk analysis
// of every lifecycle stage per row (§4.3.5), checked against the acquisition, use and provision clauses (§4.4.2).
import type { TemplateDef } from '../model/types.js';
import { rules } from './rules.js';
import { ledgerSheet, riskSheet } from './sheets.js';

export const piLedger: TemplateDef = {
  id: 'pi-ledger',
  version: 1,
  title: { ja: '個人情報管理台帳', en: 'Personal information ledger' },
  shape: 'table',
  clause: '§4.3.3',
  sheets: [ledgerSheet, riskSheet],
  rules,
};
