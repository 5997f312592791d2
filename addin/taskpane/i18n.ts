// Every label of the pane, in Japanese (the default) and English (when Office's display language is English).
// Template texts (field labels, questions, messages) come from the template definitions as { ja, en }.
import { createContext, useContext } from 'react';
import type { Lang, Text } from '../../templates/model/types.js';

/** ja unless Office's display language is English. */
export function langFor(displayLanguage: string | null | undefined): Lang {
  return displayLanguage && /^en\b/i.test(displayLanguage) ? 'en' : 'ja';
}

const ja = {
  appName: 'Daicho 台帳チェック',
  loading: 'ブックを読み込んでいます…',
  loadFailed: 'ブックを読み込めませんでした',
  retry: '再読み込み',
  outsideTitle: 'Excel の外で開かれています',
  outsideBody:
    'この作業ウィンドウは Excel の中で動作します。Excel のホームタブの「台帳チェック」から開いてください。Excel がない場合は、サンプルのブックで試せるプレビューを開けます。',
  openPreview: 'プレビューを開く',
  tabInput: '入力',
  tabCheck: 'チェック',
  viaMarker: 'テンプレート識別済み',
  viaSignature: '見出しから推定',
  version: (v: number) => `テンプレート v${v}`,
  // upgrade to the latest template version
  upgradeTitle: (from: number, to: number) =>
    `このブックは旧版のテンプレート（第${from}版）です。最新版は第${to}版です。`,
  upgradeBody: '入力済みの値・メモ・書式はそのまま残し、新しい項目を最新版と同じ位置に空欄で追加します。',
  upgrade: 'このブックを最新版に更新',
  upgrading: '更新しています…',
  upgraded: (from: number, to: number, added: string) =>
    `第${from}版から第${to}版に更新しました。追加した項目: ${added}`,
  upgradeProtected: (sheet: string) =>
    `シート「${sheet}」はパスワードで保護されているため、更新できませんでした（ブックは変更していません）。シートの保護を解除してから、もう一度お試しください。`,
  upgradeFailed: '更新できませんでした',
  noTemplateTitle: 'このブックはテンプレートではありません',
  noTemplateBody: 'Daicho のテンプレートを挿入して入力を始められます。',
  insert: '挿入',
  inserting: '挿入しています…',
  insertedHere: 'テンプレートのシートをこのブックに挿入しました。',
  openedNew: 'テンプレートを新しいブックとして開きました（このバージョンの Excel はシートの挿入に対応していません）。',
  insertFailed: 'テンプレートを挿入できませんでした',
  // table record form
  sheet: 'シート',
  row: (n: number) => `${n}行目`,
  newRecord: (n: number) => `${n}行目（新規）`,
  selectRowHint: (sheet: string) => `「${sheet}」のデータ行を選択すると、その行をここで編集できます。`,
  save: '保存',
  saving: '保存しています…',
  saved: '保存しました',
  saveFailed: '保存できませんでした',
  previous: '前へ',
  next: '次へ',
  addRecord: '行を追加',
  unsaved: '未保存の変更があります',
  revert: '元に戻す',
  recordIssues: 'この行の指摘',
  computed: '自動計算',
  required: '必須',
  requiredEmpty: '必須項目です。入力してください。',
  clearChoice: '未選択に戻す',
  dateHint: '例: 2024/4/1、R6.4.1',
  periodHint: '日付、または「契約終了後5年」「退職後3年」「永年」など',
  reads: (s: string) => `→ ${s}`,
  yes: 'はい',
  no: 'いいえ',
  // questionnaire
  answered: (a: number, n: number) => `回答済み ${a} / ${n}`,
  score: '得点率',
  provisionalScore: '暫定得点率',
  actionNeeded: '要対応',
  band: '評価',
  redFlags: (n: number) => `重大項目の未達 ${n} 件`,
  critical: '重大',
  moreFields: 'ほかの欄を表示',
  fewerFields: 'ほかの欄を隠す',
  sections: '分類別',
  notScored: '—',
  // a distributed checklist: its round and due date; 送信前チェック
  roundTitle: (round: string) => `調査「${round}」のご回答用ファイルです`,
  roundDue: (due: string) => `回答期限は${due}です。`,
  roundLate: (due: string) => `回答期限（${due}）を過ぎています。お手数ですが、できるだけ早くご返送ください。`,
  roundNoDue: '回答期限は送付時のご案内をご確認ください。',
  roundSupplier: (code: string) => `（取引先コード: ${code}）`,
  sendCheck: '送信前チェック',
  readyTitle: '送信できます',
  readyBody: (total: number | null) =>
    total ? `${total}問すべてに回答済みで、修正が必要な点はありません。` : '修正が必要な点はありません。',
  notReadyTitle: 'まだ送信できません',
  notReadyBody: (answered: number | null, total: number | null, unanswered: number, errors: number) =>
    (total !== null ? `回答済み ${answered} / ${total} 問です。` : '') +
    [unanswered ? `未回答の質問が ${unanswered} 問` : '', errors ? `修正が必要な点が ${errors} 件` : '']
      .filter(Boolean)
      .join('、') +
    'あります。下の一覧から該当のセルに移動できます。',
  warningsLeft: (n: number) => `ほかに、ご確認をおすすめする点が ${n} 件あります（送信はできます）。`,
  unansweredList: '未回答の質問（クリックで回答欄へ移動）',
  errorsList: '修正が必要な点',
  warningsList: 'ご確認をおすすめする点',
  // check
  checkWorkbook: 'ブックをチェック',
  showAll: (n: number) => `すべて表示（${n} 件）`,
  checking: 'チェックしています…',
  markProblems: '問題のセルに色付け',
  clearMarks: '色付けを解除',
  marked: (n: number) => `${n} 個のセルに色を付けました。`,
  cleared: (n: number) => `${n} 個のセルを元の色に戻しました。`,
  clearedLeft: (n: number) => `${n} 個のセルはその後色が変更されていたため、そのままにしました。`,
  skippedProtected: (s: string) => `シート「${s}」は保護されているため色付けできませんでした。`,
  noIssues: '指摘はありません。',
  counts: (e: number, w: number, i: number) => `エラー ${e} 件・警告 ${w} 件・情報 ${i} 件`,
  severity: { error: 'エラー', warning: '警告', info: '情報' } as Record<'error' | 'warning' | 'info', string>,
  workbookLevel: 'ブック全体',
  goToCell: (sheet: string, cell: string) => `${sheet}!${cell} を選択`,
  asOf: (d: string) => `基準日 ${d}`,
  lastChecked: (t: string) => `最終チェック ${t}`,
  language: '表示言語',
};

export type Strings = typeof ja;

const en: Strings = {
  appName: 'Daicho Workbook Checker',
  loading: 'Reading the workbook…',
  loadFailed: 'Could not read the workbook',
  retry: 'Reload',
  outsideTitle: 'Opened outside Excel',
  outsideBody:
    'This task pane runs inside Excel: open it from the Daicho button on Excel’s Home tab. Without Excel, the preview lets you try it on a sample workbook.',
  openPreview: 'Open the preview',
  tabInput: 'Fill in',
  tabCheck: 'Check',
  viaMarker: 'Template recognised',
  viaSignature: 'Recognised by headers',
  version: (v: number) => `template v${v}`,
  // upgrade to the latest template version
  upgradeTitle: (from: number, to: number) =>
    `This workbook uses an earlier template (version ${from}). The latest is version ${to}.`,
  upgradeBody:
    'Your values, notes and formatting stay as they are; the new fields are added, empty, where the latest template has them.',
  upgrade: 'Update this workbook to the latest version',
  upgrading: 'Updating…',
  upgraded: (from: number, to: number, added: string) =>
    `Updated from version ${from} to ${to}. Fields added: ${added}`,
  upgradeProtected: (sheet: string) =>
    `Sheet "${sheet}" is protected with a password, so the workbook was not updated (nothing was changed). Unprotect the sheet and try again.`,
  upgradeFailed: 'Could not update the workbook',
  noTemplateTitle: 'This workbook is not a Daicho template',
  noTemplateBody: 'Insert one of the templates to start filling it in.',
  insert: 'Insert',
  inserting: 'Inserting…',
  insertedHere: 'The template’s sheets were inserted into this workbook.',
  openedNew: 'The template was opened as a new workbook (this version of Excel cannot insert sheets).',
  insertFailed: 'Could not insert the template',
  sheet: 'Sheet',
  row: (n: number) => `Row ${n}`,
  newRecord: (n: number) => `Row ${n} (new)`,
  selectRowHint: (sheet: string) => `Select a data row on “${sheet}” to edit it here.`,
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved',
  saveFailed: 'Could not save',
  previous: 'Previous',
  next: 'Next',
  addRecord: 'Add record',
  unsaved: 'Unsaved changes',
  revert: 'Revert',
  recordIssues: 'Findings on this row',
  computed: 'Computed',
  required: 'Required',
  requiredEmpty: 'This field is required.',
  clearChoice: 'Clear the choice',
  dateHint: 'e.g. 2024/4/1, R6.4.1',
  periodHint: 'A date, or a period such as 契約終了後5年, 退職後3年, 永年',
  reads: (s: string) => `→ ${s}`,
  yes: 'Yes',
  no: 'No',
  answered: (a: number, n: number) => `Answered ${a} of ${n}`,
  score: 'Score',
  provisionalScore: 'Provisional score',
  actionNeeded: 'Action needed',
  band: 'Band',
  redFlags: (n: number) => `${n} critical item(s) not met`,
  critical: 'Critical',
  moreFields: 'Show the other fields',
  fewerFields: 'Hide the other fields',
  sections: 'By section',
  notScored: '—',
  roundTitle: (round: string) => `Your answers for survey round ${round}`,
  roundDue: (due: string) => `Please send them back by ${due}.`,
  roundLate: (due: string) => `The due date (${due}) has passed: please send your answers back as soon as you can.`,
  roundNoDue: 'For the due date, see the request that came with this file.',
  roundSupplier: (code: string) => ` (supplier code: ${code})`,
  sendCheck: 'Check before sending',
  readyTitle: 'Ready to send',
  readyBody: (total: number | null) =>
    total ? `All ${total} questions are answered and nothing needs correcting.` : 'Nothing needs correcting.',
  notReadyTitle: 'Not ready to send yet',
  notReadyBody: (answered: number | null, total: number | null, unanswered: number, errors: number) =>
    (total !== null ? `${answered} of ${total} questions answered. ` : '') +
    'Left: ' +
    [
      unanswered ? `${unanswered} unanswered question${unanswered === 1 ? '' : 's'}` : '',
      errors ? `${errors} point${errors === 1 ? '' : 's'} to correct` : '',
    ]
      .filter(Boolean)
      .join(' and ') +
    '. Click one below to go to its cell.',
  warningsLeft: (n: number) => `${n} more point${n === 1 ? '' : 's'} worth checking (you can still send).`,
  unansweredList: 'Unanswered questions (click to go to the answer cell)',
  errorsList: 'To correct',
  warningsList: 'Worth checking',
  checkWorkbook: 'Check workbook',
  showAll: (n: number) => `Show all ${n}`,
  checking: 'Checking…',
  markProblems: 'Mark problems',
  clearMarks: 'Clear marks',
  marked: (n: number) => `Marked ${n} cell(s).`,
  cleared: (n: number) => `Restored the original fill of ${n} cell(s).`,
  clearedLeft: (n: number) => `${n} cell(s) were recoloured since marking and were left as they are.`,
  skippedProtected: (s: string) => `Sheet “${s}” is protected; its cells could not be marked.`,
  noIssues: 'No findings.',
  counts: (e: number, w: number, i: number) => `${e} error(s), ${w} warning(s), ${i} info`,
  severity: { error: 'Errors', warning: 'Warnings', info: 'Info' },
  workbookLevel: 'Whole workbook',
  goToCell: (sheet: string, cell: string) => `Select ${sheet}!${cell}`,
  asOf: (d: string) => `As of ${d}`,
  lastChecked: (t: string) => `Last checked ${t}`,
  language: 'Language',
};

export const strings: Record<Lang, Strings> = { ja, en };

export interface I18n {
  lang: Lang;
  s: Strings;
  /** A template text in the current language. */
  t: (text: Text | null | undefined) => string;
}

export function i18n(lang: Lang): I18n {
  return { lang, s: strings[lang], t: (text) => (text ? text[lang] : '') };
}

export const I18nContext = createContext<I18n>(i18n('ja'));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
