// Sample legal registers of a fictional company (株式会社サンプル電算): one completed at the April review, one with the
// mistakes an auditor finds. Expectations hold when checked as of SAMPLE_AS_OF (the same for any as-of date from
// 2026-07-01 to 2027-03-31). Laws and their numbers and dates are real; 最終改正日 is only filled on the fictional
// industry body's row, so the samples state nothing uncertain about real laws.
import type { CellValue } from '../../templates/model/grid.js';
import type { WorkbookInput } from '../../templates/model/layout.js';
import { REGISTER_PREFILL, SHEET } from '../../templates/legal-register/index.js';

export const SAMPLE_AS_OF = '2026-11-20';

type Row = Record<string, CellValue>;

/** How the company meets each prefilled entry (by No), and which internal rule covers it. */
const RESPONSE: Record<number, [response: string, rules: string]> = {
  1: ['PMSマニュアル及び各手順で法の義務を規定。漏えい等発生時は手順に従い委員会へ報告する。', 'SPM-P010'],
  2: ['個人識別符号・要配慮個人情報の範囲を個人情報管理台帳の特定基準に反映。', 'SPM-P200'],
  3: ['漏えい等報告の期限（速報・確報）を事故対応手順に記載。第三者提供記録の様式を整備。', 'SPM-P700'],
  4: ['安全管理措置を別添に沿って点検表に展開し、年1回点検する。', 'SPM-P600'],
  5: [
    '外国にある第三者への提供は原則行わない。行う場合は事前に同意を取得し、提供先国の制度を本人に情報提供する。',
    'SPM-P210',
  ],
  6: ['第三者提供の記録簿・受領時確認記録を作成し、3年間保存する。', 'SPM-P210'],
  7: ['仮名加工情報・匿名加工情報は取り扱わない方針（代表者承認済み）。', 'SPM-P010'],
  8: ['個人番号は給与・社会保険の手続に限って取り扱い、取扱担当者を限定する。', 'SPM-P002'],
  9: ['特定個人情報の取扱規程を整備し、区域管理・アクセス制御を実施。', 'SPM-P002'],
  10: ['行政機関等向けのため直接の義務なし。委託元が行政機関の案件で参照する。', 'SPM-P230'],
  11: ['PMSの適用規格（2023年版）。内部監査で適合状況を年1回確認する。', 'SPM-P400'],
  12: ['更新審査の基準として参照し、差異をPMSマニュアルに反映。', 'SPM-P010'],
  13: ['受託開発・運用での取扱いを委託元契約の確認項目に反映。', 'SPM-P230'],
  14: ['特定個人情報の取扱状況を年1回点検し、記録を残す。', 'SPM-P002'],
  15: ['ISMS認証の適用規格。PMSと共通の安全管理措置として運用する。', 'SPM-P600'],
  16: ['メールマガジンは配信前に同意を取得して記録を保存し、全ての配信に配信停止の方法を表示する。', 'SPM-P210'],
  17: ['アクセス権の管理とアクセスログの監視を情報セキュリティ規程で規定。', 'SPM-P600'],
  18: [
    '健康診断結果・ストレスチェック結果は健康管理室で施錠保管し、取り扱う者を産業医・衛生管理者に限定する。',
    'SPM-P250',
  ],
  19: ['健康情報等の取扱規程を衛生委員会で審議のうえ策定し、社内ポータルで周知。', 'SPM-P250'],
  20: ['健康情報の取得・利用・提供の範囲を健康情報等取扱規程に反映。', 'SPM-P250'],
  21: ['当社サイトのアクセス解析タグについて、送信先と送信される情報を公表ページに記載。', 'SPM-P210'],
  22: ['EU・英国からの個人データの受領はない（年1回確認）。受領する場合は補完的ルールに従う。', 'SPM-P210'],
  23: ['判断に迷う事例はQ&Aで確認し、確認結果を委員会の議事録に残す。', 'SPM-P010'],
};

const REVIEWER = '見本 一郎';

/** The prefilled register completed at the given check date, then the given overrides by No (null removes the row). */
function register(checked: string, overrides: Record<number, Row | null> = {}): Row[] {
  const rows: Row[] = [];
  for (const base of REGISTER_PREFILL) {
    const no = base.No as number;
    if (overrides[no] === null) continue;
    const [response, rules] = RESPONSE[no];
    rows.push({
      ...base,
      当社の対応: response,
      関連内部規程: rules,
      確認日: checked,
      確認者: REVIEWER,
      ...overrides[no],
    });
  }
  return rows;
}

/** An industry body's code of practice (fictional association; .or.jp is accepted for 業界規範). */
function association(no: number, values: Row): Row {
  return {
    No: no,
    区分: '業界規範',
    名称: 'みなと情報処理協同組合 個人情報取扱指針',
    '所管・発行元': 'みなと情報処理協同組合',
    公布日: '2019-04-01',
    '関連条項・要求事項': '組合員が受託する個人情報の取扱い、再委託時の組合への届出',
    当社の対応: '再委託時は組合へ届け出る手順を委託管理手順に追加。',
    関連内部規程: 'SPM-P230',
    URL: 'https://www.example.or.jp/minato-joho/shishin.html',
    確認者: '試行 花子',
    ...values,
  };
}

const clean: WorkbookInput = {
  tables: {
    [SHEET.register]: [...register('2026-04-14'), association(24, { 最終改正日: '2024-04-01', 確認日: '2026-04-21' })],
  },
};

const withMistakes: WorkbookInput = {
  tables: {
    [SHEET.register]: [
      ...register('2026-04-15', {
        // 公布日 typed with the wrong year: 施行日 now comes before it.
        1: { 公布日: '2005-05-30' },
        // The ftp share the document was once copied to.
        3: { URL: 'ftp://files.sample-densan.example/legal/rule.pdf' },
        // A commentary site instead of the PPC's page.
        4: { URL: 'https://privacy-matome.example.com/guideline/tsusoku' },
        // The 番号法 row was deleted when the sheet was tidied.
        8: null,
        // Not looked at since the review before last.
        13: { 確認日: '2025-03-18' },
      }),
      // Amended in the summer, after the April check.
      association(24, { 最終改正日: '2026-07-01', 確認日: '2026-04-21' }),
    ],
  },
};

export const samples: { file: string; input: WorkbookInput; expect: string[] }[] = [
  { file: '法的要求事項確認書_2026年度', input: clean, expect: [] },
  {
    file: '法的要求事項確認書_要修正',
    input: withMistakes,
    expect: ['LR-DATES', 'V-URL', 'LR-URL', 'LR-BASELINE', 'LR-APRIL', 'LR-AMENDED'],
  },
];
