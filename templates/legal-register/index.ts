// 法的要求事項確認書 (付録B, §4.3.4): the laws, national guidelines and standards the company has identified, with
// what each requires, how the company responds, where to read it (URL) and when it was last checked. A second sheet
// lists the information sources the register is kept up to date from (解説3 主な情報収集機構).
import { dateField, textField } from '../model/fields.js';
import type { EnumOption, FieldKey, TableSheetDef, TemplateDef } from '../model/types.js';
import { REGISTER_PREFILL, SOURCES_PREFILL } from './prefill.js';
import { rules } from './rules.js';

export { OFFICIAL_HOST_SUFFIXES, isOfficialHost } from './rules.js';
export { REGISTER_PREFILL, SOURCES_PREFILL } from './prefill.js';

export const SHEET = {
  register: '法的要求事項',
  sources: '情報収集先',
} as const;

const text = textField;

const date = dateField;

export const CATEGORIES: readonly EnumOption[] = [
  { value: '法律', en: 'Act', synonyms: ['法', '法令', 'Law'] },
  {
    value: '政省令・規則',
    en: 'Order / regulation',
    synonyms: [
      '政令',
      '省令',
      '政省令',
      '規則',
      '施行令',
      '施行規則',
      '委員会規則',
      '政令・省令',
      'Cabinet Order',
      'Regulation',
    ],
  },
  { value: '条例', en: 'Local ordinance', synonyms: ['Ordinance'] },
  {
    value: '国の指針・ガイドライン',
    en: 'National guideline',
    synonyms: ['指針', 'ガイドライン', '国の指針', '国が定める指針', '告示', '国のガイドライン', 'Guideline'],
  },
  { value: '規格', en: 'Standard', synonyms: ['JIS', 'ISO', '標準', '規格・標準'] },
  {
    value: '業界規範',
    en: 'Industry code',
    synonyms: ['業界ガイドライン', '業界指針', '団体規範', '自主規制', 'その他の規範', 'Code of practice'],
  },
];

const registerSheet = {
  name: SHEET.register,
  kind: 'table',
  title: { ja: '法的要求事項確認書（付録B）', en: 'Legal requirements register (Appendix B)' },
  synonyms: ['法的要求事項確認書', '付録B', '法令一覧', 'Legal requirements'],
  key: ['名称'],
  templateRows: 40,
  prefill: REGISTER_PREFILL,
  fields: [
    {
      key: 'No',
      label: { ja: 'No', en: 'No.' },
      type: { kind: 'integer', min: 1 },
      unique: true,
      synonyms: ['番号', '項番', '通番', '連番', 'NO.', '#'],
      width: 5,
    },
    {
      key: '区分',
      label: { ja: '区分', en: 'Category' },
      type: { kind: 'enum', options: CATEGORIES },
      synonyms: ['種別', '分類', '種類'],
      hint: {
        ja: '法律／政省令・規則／条例／国の指針・ガイドライン／規格／業界規範',
        en: 'Act, order/regulation, local ordinance, national guideline, standard or industry code',
      },
      width: 16,
    },
    text('名称', 'Title', {
      required: true,
      synonyms: ['法令名', '法令等の名称', '法令・規範名', '規範名', '法令・指針等の名称', '規格名'],
      hint: {
        ja: '正式名称（略称は備考へ）。例: 個人情報の保護に関する法律',
        en: 'Full official title (abbreviations go in Notes)',
      },
      width: 40,
    }),
    text('所管・発行元', 'Authority / publisher', {
      required: true,
      synonyms: ['所管', '発行元', '所管省庁', '所管官庁', '発行者', '制定機関'],
      width: 22,
    }),
    text('法令番号', 'Law number', {
      synonyms: ['法令番号・規格番号', '規格番号', '告示番号'],
      hint: {
        ja: '例: 平成十五年法律第五十七号（規格は名称に番号と年を含める）',
        en: 'e.g. 平成十五年法律第五十七号 (for a standard, put number and year in the title)',
      },
      width: 26,
    }),
    date('公布日', 'Promulgated', {
      synonyms: ['交付日', '公布年月日', '発行日', '制定日', '公表日'],
      hint: {
        ja: '法令は公布日、指針・規格は制定・発行日',
        en: 'Promulgation date; for a guideline or standard, its issue date',
      },
    }),
    date('施行日', 'In force from', { synonyms: ['施行年月日', '適用開始日', '適用日'] }),
    date('最終改正日', 'Last amended', {
      synonyms: ['改正日', '最新改正日', '改定日', '最終改定日', '改訂日'],
      hint: {
        ja: '直近の改正（改定）の日。e-Gov 法令検索や発行元のページで確認',
        en: 'Date of the latest amendment; see e-Gov or the publisher',
      },
    }),
    text('関連条項・要求事項', 'Relevant provisions / requirements', {
      required: true,
      type: { kind: 'text', multiline: true },
      synonyms: ['関連条項', '要求事項', '該当条項', '主な要求事項', '関連条文'],
      width: 48,
    }),
    text('当社の対応', 'Our response', {
      required: true,
      type: { kind: 'text', multiline: true },
      synonyms: ['対応', '当社対応', '自社の対応', '対応状況', '対応内容'],
      hint: {
        ja: '要求事項をどの手順・記録で満たしているか。該当しない場合はその理由',
        en: 'Which procedure or record meets the requirement; if it does not apply, why',
      },
      width: 48,
    }),
    text('関連内部規程', 'Related internal rules', {
      synonyms: ['関連規程', '内部規程', '関連手順', '関連文書', '社内規程'],
      hint: { ja: '文書番号。例: YPM-P200', en: 'Document number, e.g. YPM-P200' },
      width: 16,
    }),
    {
      key: 'URL',
      label: { ja: 'URL', en: 'URL' },
      type: { kind: 'url' },
      required: true,
      synonyms: ['参照先', '参照URL', 'リンク', '掲載先'],
      hint: {
        ja: '所管官庁・発行元の公式ページ（e-Gov 法令検索など）',
        en: "The issuer's official page (e.g. e-Gov law search)",
      },
      width: 40,
    },
    date('確認日', 'Checked on', {
      required: true,
      synonyms: ['最終確認日', '見直し日', '確認年月日'],
      hint: {
        ja: '最新版であることを確認した日。毎年4月の定期見直しで更新（§4.3.4）',
        en: 'When it was last confirmed current; update at the April review (§4.3.4)',
      },
    }),
    text('確認者', 'Checked by', { required: true, synonyms: ['確認担当者', '見直し者', '確認責任者'], width: 12 }),
    text('備考', 'Notes', { synonyms: ['メモ', 'コメント'], width: 30 }),
  ],
} as const satisfies TableSheetDef;

const sourcesSheet = {
  name: SHEET.sources,
  kind: 'table',
  title: { ja: '主な情報収集先（解説3）', en: 'Information sources (Commentary 3)' },
  synonyms: ['情報収集機構', '主な情報収集機構', '解説3', 'Information sources'],
  // The register is what §4.3.4(2) requires; the source list backs its maintenance. A returned file without it gets
  // the engine's SHEET-MISSING as a warning, not an error.
  optional: true,
  key: ['機関名'],
  templateRows: 15,
  prefill: SOURCES_PREFILL,
  fields: [
    text('機関名', 'Organisation', {
      required: true,
      synonyms: ['情報収集先', '収集先', '機関', '団体名', '名称'],
      width: 44,
    }),
    {
      key: 'URL',
      label: { ja: 'URL', en: 'URL' },
      type: { kind: 'url' },
      required: true,
      synonyms: ['参照先', 'リンク'],
      width: 40,
    },
    text('備考', 'Notes', { synonyms: ['メモ', 'コメント'], width: 48 }),
  ],
} as const satisfies TableSheetDef;

/** The register's field keys: rules read records as RecordRow<RegisterKey>. */
export type RegisterKey = FieldKey<typeof registerSheet>;

export const legalRegister: TemplateDef = {
  id: 'legal-register',
  version: 1,
  title: { ja: '法的要求事項確認書', en: 'Legal requirements register' },
  shape: 'table',
  clause: '§4.3.4',
  sheets: [registerSheet, sourcesSheet],
  rules,
  shortTitle: { ja: '法的要求事項確認書', en: 'Legal register' },
  audit: { area: { ja: '法的要求事項', en: 'Legal register' } },
};
