// Sample supplier returns for the supplier checklist: realistic answers from fictional companies, each with the
// rule ids it should raise when checked as of SAMPLE_AS_OF (the same for any as-of date from 2026-11-12 to 2027-09-29).
import type { CellValue } from '../../templates/model/grid.js';
import type { WorkbookInput } from '../../templates/model/layout.js';
import { CHECKLIST, QUESTIONS, RESPONDENT } from '../../templates/supplier-checklist/index.js';

export const SAMPLE_AS_OF = '2026-11-20';

type Answer = Record<string, CellValue>;

/** What a well-run supplier would cite as evidence for each clause. */
const EVIDENCE: Record<string, string> = {
  I: '法令登録簿（年1回見直し、最終 2026/4）、調達先行動規範',
  'II-1': '就業規則 第5条・第12条、身分証預かり禁止の社内通達',
  'II-2': '採用手順書（住民票記載事項証明書で年齢確認）、年少者名簿',
  'II-3': '勤怠管理システム記録、36協定届',
  'II-4': '賃金規程、賃金台帳、給与明細（電子交付）',
  'II-5': 'ハラスメント防止規程、相談窓口の周知ポスター、調査記録',
  'II-6': '人事評価規程、ダイバーシティ方針',
  'II-7': '労使協議会議事録',
  'III-1': 'リスクアセスメント記録、保護具支給台帳、母性健康管理規程',
  'III-2': '緊急時対応手順書、避難訓練実施記録（年2回）',
  'III-3': '労働災害報告書、是正処置記録、労災保険加入証明',
  'III-4': '作業環境測定結果報告書',
  'III-5': '作業標準書（重量物取扱い）、休憩ルール',
  'III-6': '設備点検表（月次）、保守記録',
  'III-7': '施設点検チェックリスト（月次）',
  'III-8': '定期健康診断実施記録、ストレスチェック実施報告',
  'III-9': '安全衛生教育記録、ヒヤリハット提案制度',
  'IV-1': '許認可・届出一覧、公害防止管理者選任届',
  'IV-2': 'エネルギー・CO2排出量月報、廃棄物マニフェスト',
  'IV-3': '排水水質測定記録',
  'IV-4': 'PRTR届出、化学物質管理台帳',
  'IV-5': '含有化学物質管理規程、chemSHERPA 回答書',
  'V-1': '贈収賄防止規程、接待贈答申請記録、eラーニング受講記録',
  'V-2': '反社会的勢力排除規程、契約書の暴排条項、インサイダー取引防止規程',
  'V-3': '統合報告書、適時開示規程',
  'V-4': '知財調査手順、ソフトウェア資産管理台帳、NDA 雛形',
  'V-5': '取引基本契約書、取適法（旧下請法）遵守チェック記録',
  'V-6': '独占禁止法遵守規程、営業部門研修記録',
  'V-7': 'カタログ・広告表示チェックリスト',
  'V-8': '内部通報規程、社外通報窓口（法律事務所）',
  'V-9': '責任ある鉱物調達方針、CMRT 回収記録（2026年度）',
  'V-10': '輸出管理規程（CP）、該非判定記録',
  'V-11': 'プライバシーポリシー（ウェブ公表）',
  'VI-1': '設計審査記録、PSE 適合確認書',
  'VI-2': 'ISO 9001 認証（登録番号 Q-0000）、品質マニュアル',
  'VII-1': '情報セキュリティ規程、EDR 導入、バックアップ手順、BCP',
  'VII-2': '個人情報保護規程、アクセス権限台帳、内部監査報告書',
};

/** Every clause answered はい with evidence, then the given overrides (a null value blanks that cell). */
function answers(overrides: Record<string, Answer> = {}): Record<string, Answer> {
  const out: Record<string, Answer> = {};
  for (const q of QUESTIONS) out[q.id] = { 回答: 'はい', '取組内容・根拠資料': EVIDENCE[q.id], ...overrides[q.id] };
  return out;
}

function respondent(values: Record<string, CellValue>): Record<string, CellValue> {
  return {
    所在国・地域: '日本',
    対象拠点: '本社・第一工場',
    部署: 'サステナビリティ推進室',
    役職: '課長',
    責任者確認: 'はい',
    ...values,
  };
}

function workbook(form: Record<string, CellValue>, checklist: Record<string, Answer>): WorkbookInput {
  return { forms: { [RESPONDENT]: respondent(form) }, answers: { [CHECKLIST]: checklist } };
}

const NOT_A_MANUFACTURER: Record<string, Answer> = {
  'III-6': { 回答: '該当なし', '取組内容・根拠資料': null, コメント: '事務所のみで機械装置を使用していないため' },
  'IV-3': { 回答: '該当なし', '取組内容・根拠資料': null, コメント: '生活排水のみで、規制対象の排水・排気がないため' },
  'IV-4': { 回答: '該当なし', '取組内容・根拠資料': null, コメント: '製造工程を持たないため' },
  'IV-5': { 回答: '該当なし', '取組内容・根拠資料': null, コメント: '物品を製造・販売していないため' },
  'V-9': {
    回答: '該当なし',
    '取組内容・根拠資料': null,
    コメント: '製品を製造していないため（ソフトウェア開発・保守のみ）',
  },
  'V-10': { 回答: '該当なし', '取組内容・根拠資料': null, コメント: '輸出入取引がないため' },
  'VI-1': { 回答: '該当なし', '取組内容・根拠資料': null, コメント: '自社で製品設計を行わないため' },
};

export const samples: { file: string; input: WorkbookInput; expect: string[] }[] = [
  {
    // A-band: a manufacturer with everything in place and one dated gap.
    file: 'sc-01-mihon-seiki-a-band.xlsx',
    input: workbook(
      {
        会社名: '見本精機株式会社',
        法人番号: '9111111111111',
        従業員数: 420,
        回答者氏名: '見本 太郎',
        メール: 'csr@mihon-seiki.example.jp',
        電話: '03-0000-0001',
        回答日: '2026-10-15',
      },
      answers({
        'III-5': {
          回答: '一部実施',
          改善予定日: '2027-03-31',
          コメント: '組立ラインの補助具を2027年3月までに導入予定',
        },
      }),
    ),
    expect: [],
  },
  {
    // A service company: several clauses rightly 該当なし with reasons (V-9 too: it makes no products); still A.
    file: 'sc-02-rei-system-service.xlsx',
    input: workbook(
      {
        会社名: '株式会社例示システムサービス',
        所在国・地域: '日本',
        対象拠点: '全社',
        従業員数: 85,
        回答者氏名: '例田 花子',
        部署: '総務部',
        役職: '主任',
        メール: 'soumu@rei-system.example.com',
        回答日: '令和8年11月2日',
      },
      answers(NOT_A_MANUFACTURER),
    ),
    expect: [],
  },
  {
    // Started but not finished: section V onwards left blank, not yet reviewed by management. No score or band yet,
    // only the completion and a provisional score.
    file: 'sc-03-sakura-konpo-incomplete.xlsx',
    input: workbook(
      {
        会社名: '有限会社さくら見本梱包',
        従業員数: 23,
        回答者氏名: '試験 一郎',
        メール: 'info@sakura-konpo.example.jp',
        回答日: '2026-11-04',
        責任者確認: null,
      },
      answers(
        Object.fromEntries(
          QUESTIONS.filter((q) => ['V', 'VI', 'VII'].includes(q.section)).map((q) => [
            q.id,
            { 回答: null, '取組内容・根拠資料': null },
          ]),
        ),
      ),
    ),
    expect: ['SC-ANSWER', 'V-REQUIRED'],
  },
  {
    // Honest about a critical gap: valid and 95% answered well, but II-5 and V-9 are red flags for the buyer: the
    // band is capped at C and the status is 要対応.
    file: 'sc-04-dummy-kasei-red-flags.xlsx',
    input: workbook(
      {
        会社名: 'ダミー化成株式会社',
        従業員数: 260,
        回答者氏名: '仮名 次郎',
        メール: 'kanri@dummy-kasei.example.jp',
        回答日: '2026-09-30',
      },
      answers({
        'II-5': {
          回答: '一部実施',
          '取組内容・根拠資料': 'ハラスメント防止規程あり',
          改善予定日: '2027-01-31',
          コメント: '相談窓口が未設置。2027年1月に外部窓口と契約予定',
        },
        'V-9': {
          回答: 'いいえ',
          '取組内容・根拠資料': null,
          改善予定日: '2027-06-30',
          コメント: '調達先への CMRT 調査は未実施。2027年度上期に開始予定',
        },
        'IV-2': { 回答: '一部実施', 改善予定日: '2027-03-31', コメント: 'GHG 排出量の算定範囲を拡大中' },
      }),
    ),
    expect: [],
  },
  {
    // A trading company abroad: V-9 rightly 該当なし (it makes no products), but 該当なし on the critical II-2 (barred:
    // scored and flagged as いいえ), and 該当なし with no reason.
    file: 'sc-05-kakuu-trading-critical-na.xlsx',
    input: workbook(
      {
        会社名: '架空トレーディング株式会社',
        所在国・地域: 'シンガポール',
        対象拠点: 'シンガポール本社',
        従業員数: 40,
        回答者氏名: 'Taro Sample',
        メール: 'taro.sample@kakuu-trading.example.com',
        回答日: '2026-11-10',
      },
      answers({
        'V-9': { 回答: '該当なし', '取組内容・根拠資料': null, コメント: '自社では製品を製造しない商社のため' },
        'II-2': { 回答: '該当なし', '取組内容・根拠資料': null, コメント: '18歳未満の従業員がいないため' },
        'IV-4': { 回答: '該当なし', '取組内容・根拠資料': null },
      }),
    ),
    expect: ['SC-NA'],
  },
  {
    // Gaps left without a plan: two with nothing at all (errors), one explained but undated (warning).
    file: 'sc-06-test-denshi-gaps.xlsx',
    input: workbook(
      {
        会社名: 'テスト電子工業株式会社',
        従業員数: 150,
        回答者氏名: '見本 三郎',
        メール: 'sustain@test-denshi.example.jp',
        回答日: '2026-10-01',
      },
      answers({
        'II-3': { 回答: 'いいえ', '取組内容・根拠資料': null },
        'III-8': { 回答: '一部実施', '取組内容・根拠資料': '定期健康診断は実施' },
        'VII-1': {
          回答: '一部実施',
          '取組内容・根拠資料': 'ウイルス対策ソフト導入済み',
          コメント: 'バックアップ体制は検討中',
        },
      }),
    ),
    expect: ['SC-GAP'],
  },
  {
    // The year typed wrong: 回答日 in the future, so a target date falls before it.
    file: 'sc-07-rei-plastic-future-date.xlsx',
    input: workbook(
      {
        会社名: '例示プラスチック株式会社',
        従業員数: 64,
        回答者氏名: '例田 四郎',
        メール: 'rei4@rei-plastic.example.jp',
        回答日: '2027/10/15',
      },
      answers({
        'IV-3': { 回答: '一部実施', 改善予定日: '2027/3/31', コメント: '排気の測定頻度を年2回に増やす' },
      }),
    ),
    expect: ['SC-DATE'],
  },
  {
    // Typed the way people do: ○△×, Ｎ／Ａ, full-width digits and 和暦. Everything normalises; no issues.
    file: 'sc-08-mihon-kogyo-marks.xlsx',
    input: workbook(
      {
        会社名: '見本工業株式会社',
        法人番号: '７１２３４５６７８９０１２',
        従業員数: '１，２００',
        回答者氏名: '見本 五郎',
        メール: 'ｇｏｒｏ＠ｍｉｈｏｎ－ｋｏｇｙｏ.example.jp',
        電話: '０６－００００－０００５',
        回答日: 'R8.11.5',
        責任者確認: '○',
      },
      answers({
        ...Object.fromEntries(QUESTIONS.map((q) => [q.id, { 回答: '○' }])),
        'II-7': { 回答: '△', 改善予定日: '令和9年3月31日', コメント: '労使協議の場を年1回から四半期ごとへ' },
        'III-7': { 回答: '×', 改善予定日: '２０２７／４／３０', コメント: '寮の防火設備を更新予定' },
        'VI-1': { 回答: 'Ｎ／Ａ', '取組内容・根拠資料': null, コメント: '受託加工のみで設計を行わない' },
        'V-10': { 回答: '対象外', '取組内容・根拠資料': null, コメント: '国内取引のみ' },
      }),
    ),
    expect: [],
  },
  {
    // Critical clauses answered はい with nothing to back them up.
    file: 'sc-09-dummy-foods-no-evidence.xlsx',
    input: workbook(
      {
        会社名: 'ダミーフーズ株式会社',
        従業員数: 310,
        回答者氏名: '仮名 六子',
        メール: 'quality@dummy-foods.example.jp',
        回答日: '2026-11-01',
      },
      answers({
        'II-1': { '取組内容・根拠資料': null },
        'V-1': { '取組内容・根拠資料': null },
        'V-2': { '取組内容・根拠資料': '  ' },
      }),
    ),
    expect: ['SC-EVIDENCE'],
  },
  {
    // Last year's answers sent again.
    file: 'sc-10-kakuu-butsuryu-stale.xlsx',
    input: workbook(
      {
        会社名: '株式会社架空物流',
        従業員数: 95,
        回答者氏名: '試験 七海',
        メール: 'anzen@kakuu-butsuryu.example.jp',
        回答日: '2025-03-31',
      },
      answers({
        'IV-2': { 回答: '一部実施', 改善予定日: '2025-12-31', コメント: '営業所の照明LED化を順次実施' },
      }),
    ),
    expect: ['SC-DATE'],
  },
  {
    // Values that cannot be read: the engine's V-* rules report them, the template's rules stay quiet.
    file: 'sc-11-sample-works-bad-values.xlsx',
    input: workbook(
      {
        会社名: null,
        法人番号: '8111111111111',
        従業員数: '約120',
        回答者氏名: '見本 八郎',
        メール: 'hachiro.mihon@sample-works',
        回答日: '2026-11-12',
      },
      answers({
        'II-4': { 回答: '多分' },
        'III-1': { 回答: 'いいえ', '取組内容・根拠資料': null, 改善予定日: '来期中' },
      }),
    ),
    expect: ['V-CORPNO', 'V-EMAIL', 'V-ENUM', 'V-NUMBER', 'V-REQUIRED', 'V-DATE'],
  },
];
