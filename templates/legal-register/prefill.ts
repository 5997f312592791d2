// What the blank legal register starts with: the laws, guidelines and standards the PMS manual cites (§2 引用規格,
// and the clauses that refer to 法令等: §4.4.2.8.1–§4.4.2.9), and the information sources of 解説3. Facts only:
// names, issuers, law numbers, official URLs, and a date only where it is certain. 最終改正日, 当社の対応, 確認日 and
// 確認者 are left for the user, so the blank template's V-REQUIRED findings are exactly the to-do list.
//
// Where the manual cites a document that no longer applies, the current one takes its place and 備考 says so:
//  - the METI sector guideline and the MHLW 雇用管理指針 were folded into the PPC guidelines (通則編 etc.) when the
//    amended Act took full effect on 2017-05-30;
//  - JIPDEC's JIS Q 15001:2006-based guideline → its 構築・運用指針 (the Privacy Mark audit criteria).
// Article numbers are those of the Act as renumbered in 2022.

const EGOV = 'https://laws.e-gov.go.jp/law/';
const PPC_GL = 'https://www.ppc.go.jp/personalinfo/legal/';

export const REGISTER_PREFILL: readonly Record<string, string | number>[] = [
  {
    No: 1,
    区分: '法律',
    名称: '個人情報の保護に関する法律',
    '所管・発行元': '個人情報保護委員会',
    法令番号: '平成十五年法律第五十七号',
    公布日: '2003-05-30',
    施行日: '2005-04-01',
    '関連条項・要求事項':
      '第4章 個人情報取扱事業者等の義務等：利用目的の特定（第17条）、安全管理措置（第23条）、委託先の監督（第25条）、漏えい等の報告（第26条）、第三者提供の制限・記録・確認（第27条〜第30条）、保有個人データの開示等（第32条〜第39条）',
    URL: `${EGOV}415AC0000000057`,
    備考: '施行日は全面施行日。改正が多いため最終改正日は e-Gov 法令検索で確認して記入する。',
  },
  {
    No: 2,
    区分: '政省令・規則',
    名称: '個人情報の保護に関する法律施行令',
    '所管・発行元': '個人情報保護委員会',
    法令番号: '平成十五年政令第五百七号',
    '関連条項・要求事項': '個人識別符号・要配慮個人情報の範囲など、法の定義と義務の細目',
    URL: `${EGOV}415CO0000000507`,
  },
  {
    No: 3,
    区分: '政省令・規則',
    名称: '個人情報の保護に関する法律施行規則',
    '所管・発行元': '個人情報保護委員会',
    法令番号: '平成二十八年個人情報保護委員会規則第三号',
    '関連条項・要求事項':
      '漏えい等の報告の対象・期限（第7条〜第10条）、外国にある第三者への提供時の情報提供、第三者提供の記録・確認の方法',
    URL: `${EGOV}428M60020000003`,
  },
  {
    No: 4,
    区分: '国の指針・ガイドライン',
    名称: '個人情報の保護に関する法律についてのガイドライン（通則編）',
    '所管・発行元': '個人情報保護委員会',
    '関連条項・要求事項':
      '法の各義務の解釈と事例：利用目的、安全管理措置（別添 講ずべき安全管理措置の内容）、委託先の監督、漏えい等の報告、第三者提供、保有個人データの開示等',
    URL: `${PPC_GL}guidelines_tsusoku/`,
    備考: 'マニュアル§2が引用する経済産業分野ガイドライン及び雇用管理指針は、2017年5月30日の改正法全面施行に伴い委員会のガイドラインに一元化された。',
  },
  {
    No: 5,
    区分: '国の指針・ガイドライン',
    名称: '個人情報の保護に関する法律についてのガイドライン（外国にある第三者への提供編）',
    '所管・発行元': '個人情報保護委員会',
    '関連条項・要求事項': '法第28条：外国にある第三者への提供に係る本人の同意、情報提供、基準に適合する体制（マニュアル§4.4.2.8.1）',
    URL: `${PPC_GL}guidelines_offshore/`,
  },
  {
    No: 6,
    区分: '国の指針・ガイドライン',
    名称: '個人情報の保護に関する法律についてのガイドライン（第三者提供時の確認・記録義務編）',
    '所管・発行元': '個人情報保護委員会',
    '関連条項・要求事項': '法第29条・第30条：第三者提供時の記録の作成・保存、提供を受ける際の確認（マニュアル§4.4.2.8.2、§4.4.2.8.3）',
    URL: `${PPC_GL}guidelines_thirdparty/`,
  },
  {
    No: 7,
    区分: '国の指針・ガイドライン',
    名称: '個人情報の保護に関する法律についてのガイドライン（仮名加工情報・匿名加工情報編）',
    '所管・発行元': '個人情報保護委員会',
    '関連条項・要求事項': '仮名加工情報（法第41条・第42条）及び匿名加工情報（法第43条〜第46条）の作成・取扱い（マニュアル§4.4.2.9）',
    URL: `${PPC_GL}guidelines_anonymous/`,
  },
  {
    No: 8,
    区分: '法律',
    名称: '行政手続における特定の個人を識別するための番号の利用等に関する法律',
    '所管・発行元': 'デジタル庁・個人情報保護委員会',
    法令番号: '平成二十五年法律第二十七号',
    公布日: '2013-05-31',
    '関連条項・要求事項':
      '個人番号の利用範囲（第9条）、委託・再委託（第10条・第11条）、安全管理措置（第12条）、提供の求めの制限（第15条）、本人確認（第16条）、提供・収集・保管の制限（第19条・第20条）',
    URL: `${EGOV}425AC0000000027`,
    備考: '段階的に施行（個人番号の利用開始は2016年1月1日）。',
  },
  {
    No: 9,
    区分: '国の指針・ガイドライン',
    名称: '特定個人情報の適正な取扱いに関するガイドライン（事業者編）',
    '所管・発行元': '個人情報保護委員会',
    '関連条項・要求事項': '個人番号の利用・提供等の制限、委託先の監督、別添の特定個人情報に関する安全管理措置',
    URL: 'https://www.ppc.go.jp/legal/policy/my_number_guideline_jigyosha/',
  },
  {
    No: 10,
    区分: '国の指針・ガイドライン',
    名称: '特定個人情報の適正な取扱いに関するガイドライン（行政機関等・地方公共団体等編）',
    '所管・発行元': '個人情報保護委員会',
    '関連条項・要求事項': '行政機関・地方公共団体等を対象とする編。民間事業者の義務は事業者編による（マニュアル§2の引用に合わせて掲載）',
    URL: 'https://www.ppc.go.jp/legal/policy/my_number_guideline_gyosei/',
  },
  {
    No: 11,
    区分: '規格',
    名称: 'JIS Q 15001:2017 個人情報保護マネジメントシステム－要求事項',
    '所管・発行元': '日本産業標準調査会（JISC）',
    公布日: '2017-12-20',
    '関連条項・要求事項': 'PMSの要求事項（本文及び附属書A 管理目的及び管理策）。PMSマニュアルの適用規格',
    URL: 'https://www.jisc.go.jp/',
    備考: '改正版 JIS Q 15001:2023 が発行済み。マニュアル§2は最新版の適用を定めているため、移行時期を確認して版を更新する。',
  },
  {
    No: 12,
    区分: '業界規範',
    名称: 'プライバシーマークにおける個人情報保護マネジメントシステム構築・運用指針',
    '所管・発行元': '一般財団法人日本情報経済社会推進協会（JIPDEC）',
    '関連条項・要求事項': 'プライバシーマーク付与の審査基準。JIS Q 15001 の要求事項と法令・ガイドラインの上乗せ事項',
    URL: 'https://privacymark.jp/guideline/outline.html',
    備考: 'マニュアル§2が引用する JIS Q 15001:2006 ベースの実施ガイドラインに代えて、現行の審査基準を掲載。',
  },
  {
    No: 13,
    区分: '業界規範',
    名称: '情報サービス産業 個人情報保護ガイドライン',
    '所管・発行元': '一般社団法人情報サービス産業協会（JISA）',
    '関連条項・要求事項': '情報サービス業の事業者が個人情報を取り扱う際の業界の指針',
    URL: 'https://www.jisa.or.jp/',
  },
  {
    No: 14,
    区分: '業界規範',
    名称: '特定個人情報の取扱いの対応について',
    '所管・発行元': '一般財団法人日本情報経済社会推進協会（JIPDEC）',
    '関連条項・要求事項': 'プライバシーマーク付与事業者が特定個人情報を取り扱う際の対応事項',
    URL: 'https://privacymark.jp/',
  },
];

/** 解説3 主な情報収集機構, in the manual's order, with current names and https URLs; then two additions. */
export const SOURCES_PREFILL: readonly Record<string, string>[] = [
  { 機関名: '経済産業省', URL: 'https://www.meti.go.jp/' },
  { 機関名: '厚生労働省', URL: 'https://www.mhlw.go.jp/' },
  {
    機関名: '内閣官房 国家サイバー統括室',
    URL: 'https://www.cyber.go.jp/',
    備考: '解説3では「内閣官房情報セキュリティセンター（NISC）」（http://www.nisc.go.jp/itso/）として掲載。',
  },
  {
    機関名: '警察庁 サイバー警察局',
    URL: 'https://www.npa.go.jp/bureau/cyber/',
    備考: '解説3では「@police」（https://www.npa.go.jp/cyberpolice/）として掲載。',
  },
  { 機関名: '一般財団法人日本情報経済社会推進協会（JIPDEC）', URL: 'https://www.jipdec.or.jp/', 備考: 'プライバシーマーク制度: https://privacymark.jp/' },
  { 機関名: '一般社団法人情報サービス産業協会（JISA）', URL: 'https://www.jisa.or.jp/' },
  { 機関名: '独立行政法人情報処理推進機構（IPA）', URL: 'https://www.ipa.go.jp/' },
  { 機関名: '一般社団法人JPCERTコーディネーションセンター（JPCERT/CC）', URL: 'https://www.jpcert.or.jp/' },
  { 機関名: '個人情報保護委員会', URL: 'https://www.ppc.go.jp/' },
  { 機関名: 'e-Gov 法令検索（デジタル庁）', URL: 'https://laws.e-gov.go.jp/', 備考: '解説3にない追加。法令本文の参照先。' },
  { 機関名: '日本産業標準調査会（JISC）', URL: 'https://www.jisc.go.jp/', 備考: '解説3にない追加。JIS の検索・閲覧。' },
];
