// Sample 委託先評価 workbooks: fictional contractors, one clean evaluation and the mistakes evaluators really make.
// The 委託先名 values match the 委託先 column of the pi-ledger samples, so the audit can cross-check them: every
// contractor the ledgers name has an evaluation except the business-card service and the mail-delivery service, the
// printer's evaluation has lapsed, and the warehouse keeps its contract for less time than the forms it stores.
import type { CellValue } from '../../templates/model/grid.js';
import type { WorkbookInput } from '../../templates/model/layout.js';

/** The date the samples' `expect` lists assume (CE-NEXT and CE-CERT compare with it). */
export const sampleAsOf = '2026-11-20';

type Rating = '適合' | '一部適合' | '不適合' | '該当なし';

/** What an evaluator typically writes as evidence when a criterion is met. */
const EVIDENCE: Record<string, string> = {
  'C-01': '個人情報保護方針（Webサイト掲載）、個人情報保護管理者の任命書、社内規程一式を確認',
  'C-02': '個人情報管理台帳とリスク分析表の写しを受領',
  'C-03': '事故対応手順書と緊急連絡先一覧を確認（発覚後24時間以内に連絡）',
  'C-04': '前年度の内部監査報告書と是正記録を確認',
  'C-05': '従事者全員分の秘密保持誓約書（退職後の義務を含む）を抜き取り確認',
  'C-06': '年間教育計画と受講記録（受講率100%）を確認',
  'C-07': '就業規則の懲戒条項を確認',
  'C-08': '現地確認：ICカードによる入退室管理と入退室記録',
  'C-09': '現地確認：施錠キャビネット、持出し承認簿',
  'C-10': '溶解処理証明書・データ消去証明書の発行手順を確認',
  'C-11': 'アカウント管理台帳、権限申請書、退職者ID削除記録を確認',
  'C-12': 'ウイルス対策ソフトの導入状況とパッチ適用記録を確認',
  'C-13': '通信のTLS化、保存データの暗号化、ログ点検記録を確認',
  'C-14': 'バックアップ取得記録と復旧テスト報告書を確認',
  'C-15': '再委託なし（契約で禁止）',
  'C-16': 'ヒアリングと回答書：過去3年間の事故・行政処分なし',
  'C-17': '反社会的勢力排除の表明確約書を受領、当社の反社チェック済',
  'C-18': '直近3期の決算書（黒字）を確認',
};

function criteria(overrides: Record<string, [Rating, string]> = {}): Record<string, Record<string, CellValue>> {
  const out: Record<string, Record<string, CellValue>> = {};
  for (const [id, evidence] of Object.entries(EVIDENCE)) {
    const [rating, note] = overrides[id] ?? (['適合', evidence] as [Rating, string]);
    out[id] = { 評価: rating, 根拠: note };
  }
  return out;
}

const ARTICLES: Record<string, string> = {
  'K-1': '業務委託契約書 第3条',
  'K-2': '個人情報取扱特記事項 第2条・第4条',
  'K-3': '個人情報取扱特記事項 第5条',
  'K-4': '個人情報取扱特記事項 第6条',
  'K-5': '個人情報取扱特記事項 第7条',
  'K-6': '業務委託契約書 第15条',
  'K-7': '個人情報取扱特記事項 第8条',
  'K-8': '個人情報取扱特記事項 第9条',
};

function contract(missing: string[] = []): Record<string, Record<string, CellValue>> {
  const out: Record<string, Record<string, CellValue>> = {};
  for (const [id, article] of Object.entries(ARTICLES)) {
    out[id] = missing.includes(id) ? { 規定: '規定なし', 条項: null } : { 規定: '規定あり', 条項: article };
  }
  return out;
}

const EVALUATOR = '総務部 山田 太郎';
const APPROVER = '個人情報保護管理者 田中 一郎';

function evaluation(
  form: Record<string, CellValue>,
  result: Record<string, CellValue>,
  ratings: Record<string, [Rating, string]> = {},
  missing: string[] = [],
): WorkbookInput {
  return {
    forms: { 評価票: { 評価者: EVALUATOR, 承認者: APPROVER, ...form }, 判定: { 合格基準: 0.8, ...result } },
    answers: { 評価項目: criteria(ratings), 契約内容: contract(missing) },
  };
}

export const samples: { file: string; input: WorkbookInput; expect: string[] }[] = [
  {
    // Clean: a certified payroll bureau, a few partial answers, contract complete.
    file: 'ce-01-kyuyo-gokaku',
    expect: [],
    input: evaluation(
      {
        委託先名: '株式会社サンプル給与サービス',
        法人番号: '6999900000011',
        所在地: '東京都千代田区見本町1-2-3 サンプルビル5階',
        データの所在国: '日本',
        担当者: '業務推進部 試験 花子',
        メール: 'h-shiken@kyuyo.example.jp',
        委託業務の内容: '給与計算、賞与計算、年末調整の代行',
        委託する個人情報: '従業者の氏名・住所・給与額・扶養親族・個人番号（台帳 HR-005 給与データ）',
        委託開始日: '2019-04-01',
        要配慮・特定個人情報を含む: 'はい',
        再委託: 'いいえ',
        特定個人情報の再委託許諾: '該当なし',
        第三者認証: 'Pマーク',
        認証番号: '第99990001(04)号',
        認証有効期限: '2027-08-31',
        評価区分: '定期',
        評価日: '2026-10-05',
      },
      { 得点率: 0.9412, 判定: '合格', 次回評価期限: '2027-09-30', 契約書保存期限: '契約終了後7年' },
      {
        'C-04': ['一部適合', '内部監査は実施済みだが、是正処置の完了記録が一部未作成'],
        'C-14': ['一部適合', 'バックアップは日次取得、復旧テストは未実施（来期実施予定）'],
        'C-15': ['該当なし', '再委託なし（契約で禁止）'],
      },
    ),
  },
  {
    // 合格 although the contract does not fix what is reported to us and how often (K-4).
    file: 'ce-02-souko-keiyaku-fubi',
    expect: ['CE-CONTRACT'],
    input: evaluation(
      {
        委託先名: '株式会社テスト倉庫',
        法人番号: '3999900000022',
        所在地: '埼玉県架空市試験町4-5-6',
        データの所在国: '日本',
        担当者: '文書保管課 見本 次郎',
        メール: 'j-mihon@souko.example.jp',
        委託業務の内容: '保存期間中の紙書類（契約書・申込書）の保管、期限到来後の溶解処理',
        委託する個人情報: '顧客の申込書原本、バックアップテープ（台帳 SL-002 申込書、IS-004 バックアップ媒体）',
        委託開始日: '2021-10-01',
        要配慮・特定個人情報を含む: 'いいえ',
        再委託: 'いいえ',
        第三者認証: 'ISMS',
        認証番号: 'IS 999901',
        認証有効期限: '2028-01-31',
        評価区分: '定期',
        評価日: '2026-07-15',
      },
      // The contract is kept 3 years after it ends, the 申込書 it covers 5 years after theirs: CE-RETENTION (audit).
      { 得点率: 0.9412, 判定: '合格', 次回評価期限: '2027-07-14', 契約書保存期限: '契約終了後3年' },
      {
        'C-06': ['一部適合', '教育は実施しているが受講記録が一部欠落'],
        'C-13': ['一部適合', '保管管理システムのログは取得しているが定期点検なし'],
        'C-15': ['該当なし', '再委託なし'],
      },
      ['K-4'],
    ),
  },
  {
    // Subcontracts the data-centre operation but does not say to whom.
    file: 'ce-03-cloud-saiitaku',
    expect: ['CE-SUBCONTRACT'],
    input: evaluation(
      {
        委託先名: '株式会社モデルクラウド',
        法人番号: '9999900000033',
        所在地: '東京都港区例示町7-8-9',
        // Backups in Singapore: CE-LOCATION notes what to confirm (外的環境の把握, 法28条 if the contractor were abroad).
        データの所在国: '日本、シンガポール（バックアップ）',
        担当者: 'カスタマーサクセス部 仮野 三郎',
        メール: 'kano@model-cloud.example.jp',
        委託業務の内容: '顧客管理システム（SaaS）の提供とデータの保管、運用保守',
        委託する個人情報:
          '顧客・見込客の氏名、会社名、連絡先、購入履歴、メール（台帳 SL-001 顧客名簿（CRM）、IS-007 メールアーカイブ）',
        委託開始日: '2026-10-01',
        要配慮・特定個人情報を含む: 'いいえ',
        再委託: 'はい',
        第三者認証: 'ISO/IEC 27001',
        認証番号: 'IS 999902',
        認証有効期限: '2028-03-31',
        評価区分: '新規',
        評価日: '2026-09-01',
      },
      {
        得点率: 0.9722,
        判定: '条件付合格',
        条件・所見: '再委託先（データセンター事業者）の名称と管理状況の報告を2026年12月末までに提出させること',
        次回評価期限: '2027-08-31',
        契約書保存期限: '契約終了後5年',
      },
      { 'C-15': ['一部適合', 'データセンター運用を再委託。事前承諾の手続はあるが再委託先の評価結果は未提出'] },
    ),
  },
  {
    // 合格 although part-time staff have not signed confidentiality undertakings (C-05 is a must-have).
    file: 'ce-04-insatsu-hissu-futekigo',
    expect: ['CE-MANDATORY', 'CE-NEXT'],
    input: evaluation(
      {
        委託先名: '株式会社見本印刷',
        法人番号: '6999900000044',
        所在地: '大阪府大阪市架空区見本通2-3-4',
        データの所在国: '日本',
        担当者: 'DM事業部 例田 四郎',
        メール: 'reita@mihon-insatsu.example.jp',
        委託業務の内容: 'ダイレクトメールの宛名印刷・封入・発送',
        委託する個人情報: '受託会員データの氏名・住所（台帳 SL-007 受託会員データ）',
        委託開始日: '2022-04-01',
        要配慮・特定個人情報を含む: 'いいえ',
        再委託: 'いいえ',
        第三者認証: 'プライバシーマーク',
        認証番号: '第99990002(02)号',
        認証有効期限: '2027-05-31',
        評価区分: '定期',
        // Last evaluated in June 2025 and due again in June 2026: overdue (CE-NEXT), and stale for the audit.
        評価日: '2025-06-10',
      },
      { 得点率: 0.9412, 判定: '合格', 次回評価期限: '2026-06-09', 契約書保存期限: '契約終了後3年' },
      {
        'C-05': ['不適合', '繁忙期のアルバイトから秘密保持誓約書を取得していない'],
        'C-15': ['該当なし', '再委託なし'],
      },
    ),
  },
  {
    // The evaluator overwrote the score formula with 82% and passed a contractor that scores 73.5% and only partly
    // meets the must-have C-03 (incident reporting); the audit treats it as failed (HR-004 is entrusted to it).
    file: 'ce-05-saiyou-tokuten-fuitchi',
    expect: ['CE-MANDATORY', 'CE-SCORE', 'CE-START'],
    input: evaluation(
      {
        委託先名: '株式会社架空リクルート',
        法人番号: '3999900000055',
        所在地: '福岡県福岡市試験区例示1-1-1',
        データの所在国: '日本',
        担当者: '採用支援部 見本 五郎',
        メール: 'goro.mihon@kakuu-recruit.example.jp',
        委託業務の内容: '新卒・中途採用の応募受付、書類選考の一次対応、面接日程の調整',
        委託する個人情報: '応募者の氏名・連絡先・職歴・希望職種（台帳 HR-004 採用応募者データ）',
        // The applications started arriving before the evaluation was done (CE-START).
        委託開始日: '2026-08-01',
        要配慮・特定個人情報を含む: 'いいえ',
        再委託: 'いいえ',
        第三者認証: 'なし',
        評価区分: '新規',
        評価日: '2026-08-20',
      },
      { 得点率: 0.82, 判定: '合格', 次回評価期限: '2027-08-19', 契約書保存期限: '契約終了後3年' },
      {
        'C-02': ['一部適合', '台帳はあるがリスク分析が未実施'],
        'C-03': ['一部適合', '連絡窓口はあるが手順書が未整備'],
        'C-04': ['不適合', '内部監査を実施していない'],
        'C-06': ['一部適合', '入社時教育のみで定期教育なし'],
        'C-08': ['一部適合', '執務室は施錠されるが入退室記録なし'],
        'C-09': ['一部適合', '履歴書は施錠保管、持出しの承認手続なし'],
        'C-13': ['一部適合', '応募フォームはTLS、保存データは暗号化なし'],
        'C-14': ['一部適合', 'バックアップ取得のみ'],
        'C-15': ['該当なし', '再委託なし'],
      },
    ),
  },
  {
    // Certificate lapsed before the evaluation, the next evaluation set 18 months out, and My Number papers passed to a
    // subcontractor without our consent.
    file: 'ce-06-bunsho-kigen',
    expect: ['CE-CERT', 'CE-NEXT', 'CE-MYNUMBER'],
    input: evaluation(
      {
        委託先名: '株式会社ダミー文書サービス',
        法人番号: '9999900000066',
        所在地: '神奈川県横浜市例示区試験町3-3-3',
        データの所在国: '日本',
        担当者: '営業部 試験 六郎',
        メール: 'r-shiken@dummy-bunsho.example.jp',
        委託業務の内容: '機密文書の回収と溶解処理、処理証明書の発行',
        委託する個人情報: '保存期間を過ぎた紙の個人情報全般（台帳 HR-002 人事記録 ほか紙媒体）',
        委託開始日: '2018-06-01',
        要配慮・特定個人情報を含む: 'はい',
        // The shredding plant is a subcontractor, and the papers include 扶養控除等申告書 with My Numbers: re-entrusting
        // them needs our consent (番号法10条), which was never given (CE-MYNUMBER).
        再委託: 'はい',
        再委託先: '有限会社例示リサイクル（溶解処理）',
        特定個人情報の再委託許諾: '未許諾',
        第三者認証: 'Pマーク',
        認証番号: '第99990003(06)号',
        認証有効期限: '2026-03-31',
        評価区分: '定期',
        評価日: '2026-05-20',
      },
      { 得点率: 0.9722, 判定: '合格', 次回評価期限: '2027-11-30', 契約書保存期限: '契約終了後5年' },
      {
        'C-13': ['一部適合', '回収記録システムのログ点検が不定期'],
        'C-15': ['適合', '溶解処理を例示リサイクルに再委託。再委託先の溶解処理証明書と立会記録を確認'],
      },
    ),
  },
];
