// Sample supplier lists: the buyer's list of the companies whose checklists are among the supplier samples, ready to
// distribute, and one with the mistakes a hand-kept list has. Expectations hold as of any date (no rule of the
// supplier list depends on it).
import type { CellValue } from '../../templates/model/grid.js';
import type { WorkbookInput } from '../../templates/model/layout.js';
import { SUPPLIERS } from '../../templates/supplier-list/index.js';

type Row = Record<string, CellValue>;

const row = (
  code: string,
  company: string,
  corpNo: string | null,
  contact: string,
  email: string,
  country: string,
  kind: string,
  lang: string,
): Row => ({
  取引先コード: code,
  会社名: company,
  法人番号: corpNo,
  '担当部署・担当者': contact,
  メール: email,
  所在国: country,
  区分: kind,
  送付言語: lang,
});

/** The companies of the supplier-checklist samples, as the buyer keeps them. */
export const SAMPLE_SUPPLIERS: readonly Row[] = [
  row(
    'S-0001',
    '見本精機株式会社',
    '9111111111111',
    'CSR推進室 見本 一郎 様',
    'csr@mihon-seiki.example.jp',
    '日本',
    '製造',
    'ja',
  ),
  row(
    'S-0002',
    '株式会社例示システムサービス',
    '9010401012345',
    '総務部 例示 花子 様',
    'soumu@rei-system.example.com',
    '日本',
    'サービス',
    'ja',
  ),
  row(
    'S-0003',
    '有限会社さくら見本梱包',
    '1011001098765',
    '代表取締役 佐倉 三郎 様',
    'info@sakura-konpo.example.jp',
    '日本',
    '物流',
    'ja',
  ),
  row(
    'S-0004',
    'ダミー化成株式会社',
    '7020001034567',
    '環境安全部 ダミー 四郎 様',
    'kanri@dummy-kasei.example.jp',
    '日本',
    '製造',
    'ja',
  ),
  row(
    'S-0005',
    '架空トレーディング株式会社',
    null,
    'Mr Taro Sample, Compliance',
    'taro.sample@kakuu-trading.example.com',
    'シンガポール',
    '販売',
    'en',
  ),
  row(
    'S-0006',
    'テスト電子工業株式会社',
    '9120001077777',
    '品質保証部 試験 六子 様',
    'sustain@test-denshi.example.jp',
    '日本',
    '製造',
    'ja',
  ),
  row(
    'S-0007',
    '例示プラスチック株式会社',
    '9180001011111',
    '生産管理課 例示 七郎 様',
    'rei4@rei-plastic.example.jp',
    '日本',
    '製造',
    'ja',
  ),
  row(
    'S-0008',
    '見本工業株式会社',
    '7123456789012',
    '総務課 見本 五郎 様',
    'goro@mihon-kogyo.example.jp',
    '日本',
    '製造',
    'ja',
  ),
  row(
    'S-0009',
    'ダミーフーズ株式会社',
    '4010001123456',
    '品質管理部 ダミー 九子 様',
    'quality@dummy-foods.example.jp',
    '日本',
    '製造',
    'ja',
  ),
  row(
    'S-0010',
    '株式会社架空物流',
    '1040001054321',
    '安全推進室 架空 十郎 様',
    'anzen@kakuu-butsuryu.example.jp',
    '日本',
    '物流',
    'ja',
  ),
  row(
    'S-0011',
    'Example Components Ltd.',
    null,
    'Ms Jane Example, Quality',
    'jane@example-components.example.com',
    'United Kingdom',
    '製造',
    'en',
  ),
];

export const samples: { file: string; input: WorkbookInput; expect: string[] }[] = [
  {
    file: 'sl-01-torihikisaki-2027.xlsx',
    input: { tables: { [SUPPLIERS]: [...SAMPLE_SUPPLIERS] } },
    expect: [],
  },
  {
    // Kept by hand: a check digit typed wrong, a code used twice, an address without its domain, a language nobody
    // offers, a language left out and a Japanese supplier without its 法人番号.
    file: 'sl-02-torihikisaki-mistakes.xlsx',
    input: {
      tables: {
        [SUPPLIERS]: [
          row(
            'S-0101',
            '見本精機株式会社',
            '9111111111112',
            'CSR推進室 見本 一郎 様',
            'csr@mihon-seiki.example.jp',
            '日本',
            '製造',
            'ja',
          ),
          row(
            'S-0102',
            '株式会社例示システムサービス',
            '9010401012345',
            '総務部 例示 花子 様',
            'soumu@rei-system',
            '日本',
            'サービス',
            '日本語',
          ),
          row(
            'S-0102',
            '有限会社さくら見本梱包',
            null,
            '代表取締役 佐倉 三郎 様',
            'info@sakura-konpo.example.jp',
            '日本',
            '物流',
            'ja',
          ),
          row(
            'S-0104',
            '架空トレーディング株式会社',
            null,
            'Mr Taro Sample',
            'taro.sample@kakuu-trading.example.com',
            'シンガポール',
            '商社',
            '中国語',
          ),
          {
            ...row(
              'S-0105',
              'ダミー化成株式会社',
              '7020001034567',
              '環境安全部',
              'kanri@dummy-kasei.example.jp',
              '日本',
              '製造',
              'ja',
            ),
            送付言語: null,
          },
        ],
      },
    },
    expect: ['V-CORPNO', 'V-EMAIL', 'V-UNIQUE', 'SL-CORPNO', 'V-ENUM', 'V-REQUIRED'],
  },
];
