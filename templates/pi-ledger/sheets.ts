// The two sheets of the personal-information ledger: 台帳 (§4.3.3) and リスク分析 (§4.3.5).
// Field keys are the spec's Japanese labels; synonyms are the headers and values staff commonly write instead.
import type { EnumOption, FieldDef, FieldKey, FieldType, TableSheetDef } from '../model/types.js';

export const LEDGER = '台帳';
export const RISK = 'リスク分析';

const text: FieldType = { kind: 'text' };
const longText: FieldType = { kind: 'text', multiline: true };
const yesno: FieldType = { kind: 'yesno' };
const period: FieldType = { kind: 'period' };
const enumOf = (options: readonly EnumOption[]): FieldType => ({ kind: 'enum', options });

export const SUBJECTS: readonly EnumOption[] = [
  { value: '顧客', en: 'Customers', synonyms: ['お客様', '顧客(個人)', '会員', '個人顧客'] },
  { value: '見込客', en: 'Prospects', synonyms: ['見込み客', '見込顧客', '見込み顧客', '潜在顧客'] },
  {
    value: '取引先担当者',
    en: 'Business contacts',
    synonyms: ['取引先', '取引先社員', '取引先の担当者', '取引先担当'],
  },
  { value: '従業者', en: 'Employees', synonyms: ['従業員', '社員', '役職員', '役員・従業員', '役員'] },
  { value: '退職者', en: 'Former employees', synonyms: ['元従業員', '退職社員', '退職従業員'] },
  { value: '採用応募者', en: 'Job applicants', synonyms: ['応募者', '採用候補者', '求職者', '採用応募'] },
  {
    value: '従業者の家族',
    en: "Employees' family members",
    synonyms: ['家族', '扶養親族', '扶養家族', '被扶養者', '従業員の家族', '家族(扶養親族)'],
  },
  { value: '株主', en: 'Shareholders', synonyms: ['株主等', '株主・投資家'] },
  { value: 'その他', en: 'Other', synonyms: ['他'] },
];

export const MEDIA: readonly EnumOption[] = [
  { value: '紙', en: 'Paper', synonyms: ['紙媒体', '書面', '書類', '紙面', '紙資料'] },
  { value: '電子', en: 'Electronic', synonyms: ['電子データ', '電子媒体', '電子ファイル', 'データ', '電磁的記録'] },
];

export const DIRECT_WRITTEN = '本人から直接書面で取得';
export const ENTRUSTED = '受託';
export const RECEIVED = '第三者提供を受領';
export const ACQUISITION: readonly EnumOption[] = [
  {
    value: DIRECT_WRITTEN,
    en: 'Directly from the person, in writing',
    synonyms: ['直接書面', '本人から書面で取得', '書面で直接取得', '本人から直接書面'],
  },
  {
    value: '本人から直接(書面以外)',
    en: 'Directly from the person, not in writing',
    synonyms: [
      '直接(書面以外)',
      '本人から直接(口頭)',
      '直接(口頭)',
      '口頭',
      '本人から口頭で取得',
      '本人から直接書面以外',
    ],
  },
  {
    value: '本人以外から間接取得',
    en: 'Indirectly, not from the person',
    synonyms: ['間接取得', '間接', '本人以外から取得', '間接的に取得'],
  },
  {
    value: ENTRUSTED,
    en: 'Entrusted to us by a client',
    synonyms: ['受託業務', '業務受託', '委託元から受領', '委託を受けて取得'],
  },
  {
    value: RECEIVED,
    en: 'Received from a third party',
    synonyms: ['第三者提供を受けた', '第三者から提供', '第三者から受領', '第三者からの提供'],
  },
];

export const CONSENT_WRITTEN = '書面で取得済';
export const CONSENT_ELECTRONIC = '電磁的方法で取得済';
export const CONSENT_NONE = '未取得';
export const CONSENT_EXEMPT = '不要(ただし書き適用)';
export const CONSENT: readonly EnumOption[] = [
  {
    value: CONSENT_WRITTEN,
    en: 'Obtained in writing',
    synonyms: ['書面', '書面同意', '同意書', '書面で取得', '書面にて取得済'],
  },
  {
    value: CONSENT_ELECTRONIC,
    en: 'Obtained electronically',
    synonyms: ['電磁的方法', '電磁的方法で取得', '電子', '電子同意', 'Web同意', 'オンライン同意'],
  },
  { value: CONSENT_NONE, en: 'Not obtained', synonyms: ['未', 'なし', '無', '同意なし', '取得していない'] },
  {
    value: CONSENT_EXEMPT,
    en: 'Not needed (exception applies)',
    synonyms: ['不要', '同意不要', '不要(ただし書き)', 'ただし書き適用', 'ただし書き', '適用除外'],
  },
];

/** The bases of a provision abroad (個人情報保護法第28条第1項; §4.4.2.8.1). */
export const BASIS_CONSENT = '本人同意';
export const BASIS_ADEQUACY = '十分性認定国(EU・英国)';
export const BASIS_SYSTEM = '基準適合体制';
export const BASIS_LAW = '法令に基づく等';
export const FOREIGN_BASES: readonly EnumOption[] = [
  {
    value: BASIS_CONSENT,
    en: "The person's consent to the transfer abroad",
    synonyms: ['本人の同意', '同意', '外国提供の同意', '本人同意取得済', '同意取得済'],
  },
  {
    value: BASIS_ADEQUACY,
    en: 'Recipient in the EU or the UK (adequacy)',
    synonyms: ['十分性認定国', '十分性認定', 'EU・英国', 'EU', '英国', 'EU/英国', '十分性認定(EU・英国)'],
  },
  {
    value: BASIS_SYSTEM,
    en: "Recipient with a system meeting the PPC's standards",
    synonyms: ['基準に適合する体制', '基準適合体制の整備', '相当措置', '体制整備'],
  },
  {
    value: BASIS_LAW,
    en: 'Required by law or another exception of art. 27(1)',
    synonyms: ['法令に基づく', '法令に基づく提供', '法令', 'ただし書き', '不要(ただし書き適用)'],
  },
];

export const DISPOSAL: readonly EnumOption[] = [
  { value: 'シュレッダー', en: 'Shredding', synonyms: ['シュレッダ', 'シュレッダー処理', '裁断', '細断'] },
  { value: '溶解', en: 'Pulping', synonyms: ['溶解処理', '溶解処分', '機密文書溶解'] },
  { value: 'データ消去', en: 'Data erasure', synonyms: ['消去', 'データ削除', '削除', '完全消去', '物理破壊'] },
  { value: '返却', en: 'Returned', synonyms: ['返還', '委託元へ返却'] },
  { value: 'その他', en: 'Other', synonyms: ['他'] },
];

/** The five lifecycle stages of §4.3.5, in order. */
export const STAGES: readonly EnumOption[] = [
  { value: '取得・入力', en: 'Collection / input', synonyms: ['取得', '入力', '取得/入力', '取得及び入力', '収集'] },
  {
    value: '移送・送信',
    en: 'Transfer / transmission',
    synonyms: ['移送', '送信', '移送/送信', '移送及び送信', '運搬'],
  },
  { value: '利用・加工', en: 'Use / processing', synonyms: ['利用', '加工', '利用/加工', '利用及び加工'] },
  {
    value: '保管・バックアップ',
    en: 'Storage / backup',
    synonyms: ['保管', 'バックアップ', '保管/バックアップ', '保管及びバックアップ', '保存'],
  },
  { value: '消去・廃棄', en: 'Erasure / disposal', synonyms: ['消去', '廃棄', '消去/廃棄', '消去及び廃棄'] },
];

export const RESIDUAL: readonly EnumOption[] = [
  { value: '高', en: 'High', synonyms: ['大', 'H'] },
  { value: '中', en: 'Medium', synonyms: ['M'] },
  { value: '低', en: 'Low', synonyms: ['小', 'L'] },
];

/** The kinds of risk §4.3.5 names. */
export const RISK_CATEGORIES: readonly EnumOption[] = [
  { value: '漏えい', en: 'Leak', synonyms: ['漏洩', '情報漏えい', '紛失・漏えい'] },
  { value: '滅失・き損', en: 'Loss or damage', synonyms: ['滅失', 'き損', '毀損', '滅失・毀損', '滅失又はき損'] },
  {
    value: '法令・規範違反',
    en: 'Breach of laws or codes',
    synonyms: ['法令違反', '規範違反', '目的外利用', '法令等違反'],
  },
  {
    value: '経済的不利益・信用失墜',
    en: 'Financial loss or loss of trust',
    synonyms: ['経済的不利益', '信用失墜', '信用の失墜'],
  },
  { value: '本人への影響', en: 'Harm to the person', synonyms: ['本人への影響等', '本人被害'] },
];

const ledgerFields = [
  {
    key: '管理番号',
    label: { ja: '管理番号', en: 'Control no.' },
    synonyms: ['No.', 'No', '番号', '管理No.', '管理No', '台帳番号', '管理ID'],
    type: text,
    required: true,
    unique: true,
    width: 12,
    hint: {
      ja: 'ブック内で重複しない番号。部門の略号を付けると統合時に見分けやすくなります。例: GA-001',
      en: 'A number unique within this workbook; a department prefix keeps it distinct after merging. e.g. GA-001',
    },
  },
  {
    key: '部門',
    label: { ja: '部門', en: 'Department' },
    synonyms: ['部署', '部署名', '所属', '担当部門', '部門名', '管理部門'],
    type: text,
    required: true,
    width: 14,
    hint: {
      ja: 'この個人情報を管理する部門名。例: 総務部',
      en: 'The department that manages this information. e.g. 総務部 (General Affairs)',
    },
  },
  {
    key: '管理責任者',
    label: { ja: '管理責任者', en: 'Responsible manager' },
    synonyms: ['責任者', '管理者', '担当責任者', '情報管理責任者'],
    type: text,
    required: true,
    width: 14,
    hint: {
      ja: '管理に責任を持つ人の氏名（役職でも可）。例: 総務部長 山田 太郎',
      en: 'Name (or post) of the person accountable. e.g. 総務部長 山田 太郎',
    },
  },
  {
    key: '業務名',
    label: { ja: '業務名', en: 'Business process' },
    synonyms: ['業務', '業務内容', '業務プロセス', '利用業務'],
    type: text,
    required: true,
    width: 18,
    hint: {
      ja: 'この個人情報を使う業務。例: 給与計算',
      en: 'The business process that uses it. e.g. 給与計算 (payroll)',
    },
  },
  {
    key: '個人情報の名称',
    label: { ja: '個人情報の名称', en: 'Name of the personal information' },
    synonyms: ['名称', '個人情報名', '個人情報の種類', '情報名', '帳票名', '個人情報'],
    type: text,
    required: true,
    width: 20,
    hint: {
      ja: '書類・ファイル・データの名前。例: 顧客名簿',
      en: 'Name of the document, file or dataset. e.g. 顧客名簿 (customer list)',
    },
  },
  {
    key: '個人情報の項目',
    label: { ja: '個人情報の項目', en: 'Data items' },
    synonyms: ['項目', '個人情報項目', '記載項目', '含まれる項目', 'データ項目'],
    type: longText,
    required: true,
    width: 28,
    hint: {
      ja: '含まれる項目を「、」区切りで。例: 氏名、住所、電話番号、メールアドレス',
      en: 'The items it holds, separated by 、. e.g. 氏名、住所、電話番号',
    },
  },
  {
    key: '本人区分',
    label: { ja: '本人区分', en: 'Data subjects' },
    synonyms: ['本人の区分', '対象者', '対象者区分', '本人'],
    type: enumOf(SUBJECTS),
    required: true,
    width: 14,
    hint: {
      ja: '誰の個人情報か、一覧から選択。例: 顧客',
      en: 'Whose information it is; pick from the list. e.g. 顧客 (customers)',
    },
  },
  {
    key: '件数',
    label: { ja: '件数', en: 'Number of records' },
    synonyms: ['概数', '人数', '件数(概数)', 'おおよその件数', 'レコード数'],
    type: { kind: 'integer', min: 0 },
    width: 10,
    hint: {
      ja: 'おおよその件数を整数で（「約」は付けない）。例: 1200',
      en: 'Approximate count as a whole number (no 約). e.g. 1200',
    },
  },
  {
    key: '媒体',
    label: { ja: '媒体', en: 'Medium' },
    synonyms: ['媒体区分', '保管媒体', '記録媒体'],
    type: enumOf(MEDIA),
    required: true,
    width: 8,
    hint: {
      ja: '紙 か 電子。両方ある場合は行を分けて記入します。例: 電子',
      en: 'Paper or electronic; if both exist, use one row for each. e.g. 電子',
    },
  },
  {
    key: '取得形態',
    label: { ja: '取得形態', en: 'How obtained' },
    synonyms: ['取得方法', '取得経路', '入手方法', '取得区分'],
    type: enumOf(ACQUISITION),
    required: true,
    width: 22,
    hint: {
      ja: 'どのように取得したか、一覧から選択（§4.4.2.4／§4.4.2.5）。Webフォーム・メール・アプリでの入力も「書面」に含まれます（§4.4.2.4）。例: 本人から直接書面で取得',
      en: 'How it was obtained; pick from the list (§4.4.2.4 / §4.4.2.5). Web forms, e-mail and app input count as "in writing" (§4.4.2.4). e.g. 本人から直接書面で取得',
    },
  },
  {
    key: '取得元',
    label: { ja: '取得元', en: 'Obtained from' },
    synonyms: ['取得元・入手経路', '入手経路', '入手元', '提供元', '取得先'],
    type: text,
    width: 18,
    since: 2,
    hint: {
      ja: '誰から取得したか。本人から直接取得する場合は「本人」、それ以外は取得元の名称（委託元・提供元の会社名など）。例: 株式会社サンプル商事（委託元）',
      en: 'Who it comes from: 本人 (the person) when collected directly, otherwise the source (the client or the provider). e.g. 株式会社サンプル商事 (client)',
    },
  },
  {
    key: '明示・通知・公表の方法',
    label: { ja: '明示・通知・公表の方法', en: 'How the purpose was stated, notified or published' },
    synonyms: ['明示・通知・公表', '明示の方法', '通知・公表の方法', '明示文書', '同意書様式', '利用目的の通知方法'],
    type: longText,
    width: 24,
    since: 2,
    hint: {
      ja: '利用目的などを本人に明示・通知・公表した方法と、その書面・画面の名称（§4.4.2.4／§4.4.2.5）。取得の状況から利用目的が明らかな場合はその旨。受託の場合は委託元が行うため空欄で可。例: 応募フォームの「個人情報の取扱いについて」（同意画面）',
      en: 'How the purpose etc. was stated to, notified to or published for the person, and the name of that document or screen (§4.4.2.4 / §4.4.2.5); or that the purpose is evident from the circumstances. May be empty for entrusted data (the client does it). e.g. the privacy notice on the application form',
    },
  },
  {
    key: '利用目的',
    label: { ja: '利用目的', en: 'Purpose of use' },
    synonyms: ['目的', '利用の目的', '使用目的'],
    type: longText,
    required: true,
    width: 30,
    hint: {
      ja: 'できる限り具体的に（§4.4.2.1）。「業務のため」は不可。例: 給与の計算・支払及び源泉徴収事務',
      en: 'As specific as possible (§4.4.2.1); not "for business". e.g. calculating and paying salaries, withholding tax',
    },
  },
  {
    key: '要配慮個人情報',
    label: { ja: '要配慮個人情報', en: 'Special-care information' },
    synonyms: ['要配慮', '要配慮情報', '要配慮個人情報の有無'],
    type: yesno,
    required: true,
    width: 10,
    hint: {
      ja: '病歴・健康診断結果・信条・犯罪歴などを含むか。はい／いいえ（§4.4.2.3）',
      en: 'Does it include medical history, health checks, creed, criminal record…? はい/いいえ (§4.4.2.3)',
    },
  },
  {
    key: '特定個人情報',
    label: { ja: '特定個人情報', en: 'My Number data' },
    synonyms: ['個人番号', 'マイナンバー', '個人番号の有無', 'マイナンバーの有無', '特定個人情報の有無'],
    type: yesno,
    required: true,
    width: 10,
    hint: {
      ja: '個人番号（マイナンバー）を含むか。はい／いいえ',
      en: 'Does it contain an individual number (My Number)? はい/いいえ',
    },
  },
  {
    key: '開示対象',
    label: { ja: '開示対象', en: 'Subject to disclosure requests' },
    synonyms: ['開示対象個人情報', '保有個人データ', '開示対象の有無'],
    type: yesno,
    required: true,
    width: 10,
    hint: {
      ja: '本人からの開示等の求めに当社が応じる権限を持つ情報か（§4.4.4.1）。受託した情報は通常「いいえ」',
      en: "Can the company itself answer the person's disclosure requests (§4.4.4.1)? Entrusted data is usually いいえ",
    },
  },
  {
    key: '同意',
    label: { ja: '同意', en: 'Consent' },
    synonyms: ['同意の有無', '本人同意', '同意取得', '同意状況'],
    type: enumOf(CONSENT),
    width: 18,
    hint: {
      ja: '取得時（要配慮個人情報はその取得）についての本人の同意の取得状況を一覧から選択（§4.4.2.3／§4.4.2.4）。第三者提供・外国への提供の同意は別の欄に記入。ただし書きを適用する場合は「不要(ただし書き適用)」と理由を記入',
      en: 'Consent at collection (for special-care information, to its collection): pick from the list (§4.4.2.3 / §4.4.2.4). Consent to provision and the basis of a transfer abroad have their own columns. If an exception applies, choose 不要(ただし書き適用) and give the reason',
    },
  },
  {
    key: 'ただし書き・理由',
    label: { ja: 'ただし書き・理由', en: 'Exception and reason' },
    synonyms: ['ただし書き', 'ただし書き適用理由', '適用理由', '同意不要の理由', '理由'],
    type: longText,
    width: 24,
    hint: {
      ja: '同意を得ない場合、適用するただし書きの項番と理由。例: §4.4.2.3(1) 労働安全衛生法に基づく健康診断',
      en: 'When consent is not obtained: the exception clause and why. e.g. §4.4.2.3(1) health checks required by law',
    },
  },
  {
    key: '保管場所',
    label: { ja: '保管場所', en: 'Storage location' },
    synonyms: ['保存場所', '保管先', '格納場所', '保管場所(サーバ名等)'],
    type: text,
    required: true,
    width: 18,
    hint: {
      ja: '具体的な場所。例: 本社3F 総務部 施錠キャビネットA／ファイルサーバ \\\\fs01\\soumu',
      en: 'Where exactly. e.g. locked cabinet A, HQ 3F / file server \\\\fs01\\soumu',
    },
  },
  {
    key: '保管方法',
    label: { ja: '保管方法', en: 'Storage method' },
    synonyms: ['保存方法', '管理方法', '保管形態'],
    type: text,
    required: true,
    width: 18,
    hint: {
      ja: '保護の方法。例: 施錠保管／アクセス制御付きフォルダ',
      en: 'How it is protected. e.g. locked storage / access-controlled folder',
    },
  },
  {
    key: 'アクセス権者',
    label: { ja: 'アクセス権者', en: 'Who has access' },
    synonyms: ['アクセス権を有する者', 'アクセス権', 'アクセス可能者', '取扱者', '取扱権限者'],
    type: text,
    required: true,
    width: 18,
    hint: {
      ja: '利用できる人の範囲。例: 人事部員（課長以上）',
      en: 'Who may use it. e.g. HR staff (manager grade and above)',
    },
  },
  {
    key: '利用期限',
    label: { ja: '利用期限', en: 'Use until' },
    synonyms: ['利用期間', '使用期限'],
    type: period,
    required: true,
    width: 14,
    hint: {
      ja: '日付、または「退職後3年」「契約終了後5年」「永年」のような期間。保管期限より後にはしない',
      en: 'A date, or a period such as 退職後3年 / 契約終了後5年 / 永年; not later than the retention limit',
    },
  },
  {
    key: '保管期限',
    label: { ja: '保管期限', en: 'Keep until' },
    synonyms: ['保存期間', '保存期限', '保管期間'],
    type: period,
    required: true,
    width: 14,
    hint: {
      ja: '日付、または「退職後7年」「最終取引後5年」「永年」のような期間',
      en: 'A date, or a period such as 退職後7年 / 最終取引後5年 / 永年',
    },
  },
  {
    key: '廃棄方法',
    label: { ja: '廃棄方法', en: 'Disposal method' },
    synonyms: ['廃棄・消去方法', '消去方法', '廃棄方法・消去方法', '廃棄手段'],
    type: enumOf(DISPOSAL),
    required: true,
    width: 12,
    hint: {
      ja: '一覧から選択。紙はシュレッダー／溶解、電子はデータ消去が一般的',
      en: 'Pick from the list: paper is usually shredded or pulped, electronic data erased',
    },
  },
  {
    key: '委託',
    label: { ja: '委託', en: 'Outsourced' },
    synonyms: ['委託の有無', '外部委託', '委託有無'],
    type: yesno,
    required: true,
    width: 8,
    hint: {
      ja: '取扱いを外部に委託しているか。はい の場合は委託先を記入（§4.4.3.4）',
      en: 'Is handling outsourced? If はい, name the contractor (§4.4.3.4)',
    },
  },
  {
    key: '委託先',
    label: { ja: '委託先', en: 'Contractor' },
    synonyms: ['委託先名', '委託先名称', '委託業者'],
    type: text,
    width: 20,
    hint: {
      ja: '委託先の会社名（委託先評価と同じ名称）。例: 株式会社架空給与サービス',
      en: "Contractor's company name, as in its evaluation. e.g. 株式会社架空給与サービス",
    },
  },
  {
    key: '第三者提供',
    label: { ja: '第三者提供', en: 'Provided to third parties' },
    synonyms: ['第三者提供の有無', '第三者への提供'],
    type: yesno,
    required: true,
    width: 8,
    hint: {
      ja: '第三者に提供するか。はい の場合は提供先を記入（§4.4.2.8）',
      en: 'Is it given to third parties? If はい, name the recipient (§4.4.2.8)',
    },
  },
  {
    key: '提供先',
    label: { ja: '提供先', en: 'Third-party recipient' },
    synonyms: ['第三者提供先', '提供先名'],
    type: text,
    width: 18,
    hint: { ja: '提供先の名称。例: 年金事務所', en: 'Who receives it. e.g. the pension office' },
  },
  {
    key: '第三者提供の同意',
    label: { ja: '第三者提供の同意', en: 'Consent to third-party provision' },
    synonyms: ['提供の同意', '第三者提供同意', '第三者提供に関する同意'],
    type: enumOf(CONSENT),
    width: 18,
    since: 2,
    hint: {
      ja: '第三者提供が「はい」の場合、提供についての本人の同意の取得状況を一覧から選択（§4.4.2.8。オプトアウトは用いない）。法令に基づく提供などは「不要(ただし書き適用)」とし、理由を「ただし書き・理由」に記入',
      en: 'When provided to third parties: the person\'s consent to the provision; pick from the list (§4.4.2.8; no opt-out). For provision required by law etc. choose 不要(ただし書き適用) and give the reason under "Exception and reason"',
    },
  },
  {
    key: '提供・受領の記録',
    label: { ja: '提供・受領の記録', en: 'Record of provision or receipt' },
    synonyms: ['提供記録', '受領記録', '第三者提供記録', '確認記録', '提供・受領記録', '確認・記録'],
    type: longText,
    width: 22,
    since: 2,
    hint: {
      ja: '第三者に提供した／第三者から受領したときに作成する記録の様式と保管場所（§4.4.2.8.2／§4.4.2.8.3、個人情報保護法第29条・第30条）。記録が不要な場合はその理由。例: 第三者提供記録簿（営業部 共有フォルダ）',
      en: 'Where the record of a provision to, or receipt from, a third party is kept and in what form (§4.4.2.8.2 / §4.4.2.8.3; APPI arts. 29–30); or why none is needed. e.g. provision log in the sales shared folder',
    },
  },
  {
    key: '共同利用',
    label: { ja: '共同利用', en: 'Joint use' },
    synonyms: ['共同利用の有無'],
    type: yesno,
    required: true,
    width: 8,
    hint: {
      ja: '特定の者と共同利用するか。はい の場合は範囲と管理責任者を記入（§4.4.2.8(6)）',
      en: 'Is it used jointly with named parties? If はい, give the scope and the responsible party (§4.4.2.8(6))',
    },
  },
  {
    key: '共同利用の範囲・管理責任者',
    label: { ja: '共同利用の範囲・管理責任者', en: 'Joint-use scope and responsible party' },
    synonyms: ['共同利用の範囲', '共同利用者', '共同利用の範囲及び管理責任者'],
    type: longText,
    width: 24,
    hint: {
      ja: '共同利用する者の範囲と、管理に責任を持つ者。例: 当社グループ各社／管理責任者 当社総務部',
      en: 'Who shares it and who is responsible. e.g. group companies / responsible: our 総務部',
    },
  },
  {
    key: '外国第三者提供',
    label: { ja: '外国第三者提供', en: 'Provided to a party abroad' },
    synonyms: ['外国にある第三者への提供', '外国への提供', '海外提供', '海外への提供'],
    type: yesno,
    required: true,
    width: 8,
    hint: {
      ja: '外国にある第三者（海外の委託先・クラウド事業者・グループ会社を含む）に提供するか。はい の場合は提供先国を記入し、本人の同意、又はEU・英国にある提供先・基準に適合する体制を整備した提供先・法令に基づく提供などの根拠が必要（§4.4.2.8.1、個人情報保護法第28条）',
      en: "Is it given to a party abroad (a foreign contractor, cloud provider or group company included)? If はい, name the country; it needs the person's consent or another basis: a recipient in the EU or the UK, a recipient with a system meeting the PPC's standards, provision required by law … (§4.4.2.8.1; APPI art. 28)",
    },
  },
  {
    key: '提供先国',
    label: { ja: '提供先国', en: 'Recipient country' },
    synonyms: ['提供先の国', '提供先国名', '移転先国'],
    type: text,
    width: 12,
    hint: { ja: '提供先の国・地域名。例: シンガポール', en: 'Country or region of the recipient. e.g. Singapore' },
  },
  {
    key: '外国提供の根拠',
    label: { ja: '外国提供の根拠', en: 'Basis of the transfer abroad' },
    synonyms: ['外国第三者提供の根拠', '越境移転の根拠', '外国提供根拠', '移転の根拠'],
    type: enumOf(FOREIGN_BASES),
    width: 18,
    since: 2,
    hint: {
      ja: '外国第三者提供が「はい」の場合、その根拠を一覧から選択（§4.4.2.8.1、個人情報保護法第28条）。本人同意は、提供先の国名・その国の個人情報保護制度・提供先が講じる措置を本人に情報提供したうえで得た同意。基準適合体制は、提供先の措置の実施状況を定期的に確認する必要があります',
      en: "When provided abroad: the basis, from the list (§4.4.2.8.1; APPI art. 28). 本人同意 is consent given after the person was told the country, its data-protection regime and the recipient's safeguards; 基準適合体制 needs the recipient's measures checked periodically",
    },
  },
  {
    key: 'データの所在国',
    label: { ja: 'データの所在国', en: 'Country where the data is held' },
    synonyms: ['所在国', '保管国', 'データ所在国', '保存先の国', '保管場所の国'],
    type: text,
    required: true,
    width: 12,
    since: 2,
    hint: {
      ja: 'データを保管・処理している国（外国のクラウドサービスのサーバの所在国を含む）。外国の場合は、その国の個人情報保護制度を把握して安全管理措置を講じます（外的環境の把握）。例: 日本',
      en: "The country where the data is stored or processed (including a foreign cloud provider's servers). If abroad, learn that country's data-protection regime and reflect it in your safeguards. e.g. 日本 (Japan)",
    },
  },
  {
    key: '最終確認日',
    label: { ja: '最終確認日', en: 'Last reviewed' },
    synonyms: ['確認日', '最終見直し日', '見直し日', '最終更新日', '更新日'],
    type: { kind: 'date' },
    required: true,
    width: 12,
    hint: {
      ja: 'この行を最後に確認した日（少なくとも年1回、§4.3.3）。例: 2026/4/1',
      en: 'When this row was last reviewed (at least yearly, §4.3.3). e.g. 2026-04-01',
    },
  },
  {
    key: '確認者',
    label: { ja: '確認者', en: 'Reviewed by' },
    synonyms: ['確認担当者', '見直し者', '確認者名'],
    type: text,
    required: true,
    width: 12,
    hint: { ja: '確認した人の氏名。例: 佐藤 花子', en: 'Who reviewed it. e.g. 佐藤 花子' },
  },
  {
    key: '備考',
    label: { ja: '備考', en: 'Notes' },
    synonyms: ['メモ', '補足', '特記事項'],
    type: longText,
    width: 24,
    hint: { ja: '補足事項があれば記入', en: 'Anything else worth noting' },
  },
] as const satisfies readonly FieldDef[];

const riskFields = [
  {
    key: '管理番号',
    label: { ja: '管理番号', en: 'Control no.' },
    synonyms: ['No.', 'No', '番号', '管理No.', '管理No', '台帳番号', '管理ID'],
    type: text,
    required: true,
    width: 12,
    hint: { ja: '台帳シートの管理番号と同じ値。例: GA-001', en: 'The control no. of the ledger row. e.g. GA-001' },
  },
  {
    key: '局面',
    label: { ja: '局面', en: 'Lifecycle stage' },
    synonyms: ['ライフサイクル', '取扱局面', '取扱いの局面', 'ライフサイクル局面'],
    type: enumOf(STAGES),
    required: true,
    width: 16,
    hint: {
      ja: '一覧から選択。1つの管理番号につき5つの局面すべてを分析します（§4.3.5）。取扱いのない局面は、想定されるリスクに「該当なし」と理由を、対策にその局面が生じないようにしている管理（例: 録画装置から持ち出さない）を記入します',
      en: 'Pick from the list; every control no. needs all five stages analysed (§4.3.5). For a stage that does not occur, write 該当なし and why under Risk, and under Countermeasures what keeps it from occurring (e.g. recordings never leave the recorder)',
    },
  },
  {
    key: 'リスク区分',
    label: { ja: 'リスク区分', en: 'Risk category' },
    synonyms: ['リスクの種類', 'リスク分類', 'リスク種別'],
    type: enumOf(RISK_CATEGORIES),
    required: true,
    width: 16,
    since: 2,
    hint: {
      ja: 'リスクの種類を一覧から選択（§4.3.5: 漏えい、滅失・き損、法令・規範違反、経済的不利益・信用失墜、本人への影響）',
      en: 'The kind of risk, from the list (§4.3.5: leak, loss or damage, breach of laws or codes, financial loss or loss of trust, harm to the person)',
    },
  },
  {
    key: '想定されるリスク',
    label: { ja: '想定されるリスク', en: 'Risk' },
    synonyms: ['リスク', '想定リスク', 'リスク内容', '想定されるリスク(漏えい・滅失・き損等)'],
    type: longText,
    required: true,
    width: 32,
    hint: {
      ja: '対策をしないと起こり得ること。例: 郵送中の紛失による漏えい',
      en: 'What could go wrong without safeguards. e.g. leak through loss in the post',
    },
  },
  {
    key: '固有リスク',
    label: { ja: '固有リスク', en: 'Inherent risk' },
    synonyms: ['固有リスク評価', '対策前リスク', '対策前のリスク'],
    type: enumOf(RESIDUAL),
    required: true,
    width: 10,
    since: 2,
    hint: {
      ja: '対策を講じる前のリスクを、発生可能性と影響度から 高／中／低 で評価（§4.3.5）。例: 発生可能性 中 × 影響度 高 → 高',
      en: 'The risk before safeguards, from likelihood and impact: 高/中/低 (§4.3.5). e.g. likelihood medium × impact high → 高',
    },
  },
  {
    key: '対策',
    label: { ja: '対策', en: 'Countermeasures' },
    synonyms: ['安全対策', '対応策', '管理策', 'リスク対策'],
    type: longText,
    required: true,
    width: 32,
    hint: {
      ja: '講じている対策。例: 簡易書留で送付し、到着を電話で確認',
      en: 'The safeguards in place. e.g. send by registered mail and confirm receipt',
    },
  },
  {
    key: '残留リスク',
    label: { ja: '残留リスク', en: 'Residual risk' },
    synonyms: ['残存リスク', '残留リスク評価', 'リスク評価'],
    type: enumOf(RESIDUAL),
    required: true,
    width: 10,
    hint: {
      ja: '対策後に残るリスクを 高／中／低 で評価',
      en: 'Risk left after the safeguards: 高/中/低 (high/medium/low)',
    },
  },
  {
    key: '残留リスクの承認者',
    label: { ja: '残留リスクの承認者', en: 'Residual risk accepted by' },
    synonyms: ['承認者', 'リスク受容の承認者', '受容承認者'],
    type: text,
    width: 14,
    since: 2,
    hint: {
      ja: '残留リスクが「高」の場合、そのリスクを受け入れることを承認した人（個人情報保護管理者など）の氏名（§4.3.5）',
      en: 'When the residual risk is 高: who approved accepting it (e.g. the personal information protection manager) (§4.3.5)',
    },
  },
  {
    key: '承認日',
    label: { ja: '承認日', en: 'Approved on' },
    synonyms: ['受容承認日', 'リスク受容日'],
    type: { kind: 'date' },
    width: 12,
    since: 2,
    hint: {
      ja: '残留リスク「高」を承認した日。例: 2026/4/15',
      en: 'When the 高 residual risk was approved. e.g. 2026-04-15',
    },
  },
  {
    key: '見直し期限',
    label: { ja: '見直し期限', en: 'Review by' },
    synonyms: ['対応期限', '再評価期限', '見直し予定日'],
    type: { kind: 'date' },
    width: 12,
    since: 2,
    hint: {
      ja: '残留リスク「高」の対策を見直す期限（承認から1年以内が目安）。例: 2027/3/31',
      en: 'When the measures for a 高 residual risk are to be reviewed again (within a year of approval, as a rule of thumb). e.g. 2027-03-31',
    },
  },
] as const satisfies readonly FieldDef[];

export const ledgerSheet: TableSheetDef = {
  kind: 'table',
  name: LEDGER,
  title: { ja: '個人情報管理台帳', en: 'Personal information ledger' },
  synonyms: ['個人情報管理台帳', '管理台帳', 'Ledger'],
  fields: ledgerFields,
  key: ['部門', '管理番号'],
  templateRows: 100,
};

export const riskSheet: TableSheetDef = {
  kind: 'table',
  name: RISK,
  title: { ja: 'リスク分析（取扱いの局面ごと）', en: 'Risk analysis by lifecycle stage' },
  synonyms: ['リスク分析表', 'リスク分析・対策', 'リスクアセスメント', 'Risk analysis'],
  fields: riskFields,
  templateRows: 500,
};

/** The ledger's and the risk analysis's field keys (every version's): rules read records as RecordRow<LedgerKey>. */
export type LedgerKey = FieldKey<{ fields: typeof ledgerFields }>;
export type RiskKey = FieldKey<{ fields: typeof riskFields }>;
