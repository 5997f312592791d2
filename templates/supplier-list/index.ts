// supplier-list — 取引先一覧: the suppliers a survey round goes to, one row each, with what the buyer already knows
// (code, registered name, 法人番号, contact, country, kind) and the language the checklist is sent in. `daicho
// distribute` makes one checklist per row from it; `daicho status` matches the returns to its rows.
import { textField } from '../model/fields.js';
import { isJapan } from '../model/places.js';
import type {
  EnumOption,
  FieldKey,
  RecordRow,
  RuleContext,
  RuleDef,
  TableSheetDef,
  TemplateDef,
} from '../model/types.js';

export const SUPPLIERS = '取引先一覧';

export const CODE = '取引先コード';
export const COMPANY = '会社名';
export const CORPNO = '法人番号';
export const CONTACT = '担当部署・担当者';
export const EMAIL = 'メール';
export const COUNTRY = '所在国';
export const KIND = '区分';
export const LANGUAGE = '送付言語';

export const KINDS: readonly EnumOption[] = [
  { value: '製造', en: 'Manufacturing', synonyms: ['製造業', 'メーカー', '製造委託', 'Manufacturer'] },
  {
    value: '販売',
    en: 'Sales / distribution',
    synonyms: ['商社', '卸', '卸売', '販売代理店', '小売', 'Distributor', 'Trading'],
  },
  { value: 'サービス', en: 'Services', synonyms: ['役務', 'サービス業', '業務委託', 'Service'] },
  { value: '物流', en: 'Logistics', synonyms: ['運送', '倉庫', '物流業', 'Transport'] },
  { value: 'その他', en: 'Other', synonyms: ['他'] },
];

/** The languages a checklist is sent in: the value is the language code the round's outputs use. */
export const LANGUAGES: readonly EnumOption[] = [
  { value: 'ja', en: 'Japanese', synonyms: ['日本語', 'Japanese', 'JP', 'JPN', '和文', '和'] },
  { value: 'en', en: 'English', synonyms: ['英語', 'English', 'ENG', '英文', '英'] },
];

const suppliersSheet = {
  name: SUPPLIERS,
  kind: 'table',
  title: {
    ja: '取引先一覧（サステナブル調達 セルフチェック送付先）',
    en: 'Supplier list (recipients of the self-assessment)',
  },
  synonyms: ['取引先リスト', '送付先一覧', '仕入先一覧', 'Suppliers', 'Supplier list'],
  key: [CODE],
  templateRows: 300,
  fields: [
    textField(CODE, 'Supplier code', {
      required: true,
      unique: true,
      synonyms: ['取引先番号', '仕入先コード', 'サプライヤーコード', '取引先CD', 'Supplier no.', 'Vendor code'],
      hint: {
        ja: '社内で取引先を識別するコード（重複不可）。配布ファイルの名前と識別情報に使います。例: S-0001',
        en: 'Your code for the supplier (unique); used in the file name and the hidden marker. e.g. S-0001',
      },
      width: 12,
    }),
    textField(COMPANY, 'Company name', {
      required: true,
      synonyms: ['取引先名', '社名', '企業名', '仕入先名', '会社名称', 'Company'],
      hint: {
        ja: '登記上の正式名称（例: 見本精機株式会社）。チェックリストに記入済みで配布します',
        en: 'Registered legal name; filled in on the checklist sent',
      },
      width: 30,
    }),
    {
      key: CORPNO,
      label: { ja: CORPNO, en: 'Corporate number' },
      type: { kind: 'corpno' },
      unique: true,
      synonyms: ['Corporate No.'],
      hint: {
        ja: '国税庁の13桁の法人番号（日本の法人）。返送されたファイルの照合に使います',
        en: '13-digit number from the National Tax Agency (Japanese companies); used to match returns',
      },
      width: 16,
    },
    textField(CONTACT, 'Contact (department, person)', {
      synonyms: ['担当者', 'ご担当者', '担当部署', '担当者名', '連絡先担当者', 'Contact', 'Contact person'],
      hint: {
        ja: '送付先の部署と氏名（例: 品質保証部 山田様）',
        en: 'Department and name of the person the checklist goes to',
      },
      width: 24,
    }),
    {
      key: EMAIL,
      label: { ja: EMAIL, en: 'E-mail' },
      type: { kind: 'email' },
      required: true,
      synonyms: ['メールアドレス', 'Eメール', 'E-mail address', 'Email', 'Mail'],
      hint: {
        ja: '送付先のメールアドレス（差し込み用 CSV の宛先になります）',
        en: 'Where the checklist is sent (the mail-merge address)',
      },
      width: 30,
    },
    textField(COUNTRY, 'Country/region', {
      required: true,
      synonyms: ['所在国・地域', '国・地域', '国/地域', '国', 'Country', 'Country/region'],
      hint: {
        ja: '本社の所在国・地域（例: 日本、シンガポール）',
        en: 'Country or region of the head office (e.g. Japan, Singapore)',
      },
      width: 12,
    }),
    {
      key: KIND,
      label: { ja: KIND, en: 'Kind' },
      type: { kind: 'enum', options: KINDS },
      synonyms: ['取引区分', '業種', '種別', 'Category', 'Type'],
      hint: { ja: '製造／販売／サービス／物流／その他', en: 'Manufacturing, sales, services, logistics or other' },
      width: 10,
    },
    {
      key: LANGUAGE,
      label: { ja: LANGUAGE, en: 'Language' },
      type: { kind: 'enum', options: LANGUAGES },
      required: true,
      synonyms: ['言語', '送付時の言語', 'Language'],
      hint: {
        ja: 'ja（日本語）／en（英語）。依頼文とメール本文をこの言語で作成します',
        en: 'ja (Japanese) or en (English): the language of the request and the e-mail',
      },
      width: 9,
    },
  ],
} as const satisfies TableSheetDef;

/** The supplier list's field keys: rules read records as RecordRow<SupplierKey>. */
export type SupplierKey = FieldKey<typeof suppliersSheet>;

/** The list's rows, typed by its field keys: a misspelt key fails to compile. */
const supplierRows = (ctx: RuleContext) => ctx.rows(SUPPLIERS) as RecordRow<SupplierKey>[];

const slCorpNo: RuleDef = {
  id: 'SL-CORPNO',
  check: (ctx) =>
    supplierRows(ctx)
      .filter(
        (rec) => typeof rec.values[COUNTRY] === 'string' && isJapan(rec.values[COUNTRY]) && rec.raw[CORPNO] === null,
      )
      .map((rec) => ({
        record: rec,
        field: CORPNO,
        message: {
          ja: `日本の取引先「${rec.raw[COMPANY] ?? rec.raw[CODE] ?? ''}」に法人番号がありません。返送されたファイルの識別情報が失われた場合、法人番号がないと会社名だけで照合することになります。国税庁法人番号公表サイトで確認して記入してください（個人事業主など法人番号のない取引先は空欄のままで構いません）。`,
          en: `The Japanese supplier "${rec.raw[COMPANY] ?? rec.raw[CODE] ?? ''}" has no corporate number. If a return loses its hidden marker, it can then only be matched by company name. Look it up on the NTA Corporate Number Publication Site (leave it empty for a sole proprietor, who has none).`,
        },
      })),
};

export const supplierList: TemplateDef = {
  id: 'supplier-list',
  version: 1,
  title: { ja: '取引先一覧', en: 'Supplier list' },
  shape: 'table',
  clause: 'ガイドライン はじめに（遵守状況の確認）',
  sheets: [suppliersSheet],
  rules: [slCorpNo],
  subject: '会社名',
};
