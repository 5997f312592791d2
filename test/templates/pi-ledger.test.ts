import { describe, expect, it } from 'vitest';
import { RULES, ruleMeta } from '../../templates/catalogue.js';
import { SAMPLE_AS_OF, samples } from '../../scripts/samples/pi-ledger.js';
import { columnLetter, type CellValue, type Grid } from '../../templates/model/grid.js';
import { layoutWorkbook } from '../../templates/model/layout.js';
import type { Issue } from '../../templates/model/types.js';
import { validate } from '../../templates/model/validate.js';
import { atVersion } from '../../templates/model/versions.js';
import { piLedger } from '../../templates/pi-ledger/index.js';
import { foldKey } from '../../templates/model/fold.js';
import { useOutlastsRetention, vagueness } from '../../templates/pi-ledger/rules.js';
import { LEDGER, ledgerSheet, RISK, riskSheet, STAGES } from '../../templates/pi-ledger/sheets.js';

const AS_OF = '2026-11-20';
type Row = Record<string, CellValue>;

/** A complete, valid ledger row. */
function ledgerRow(id = 'T-001', over: Row = {}): Row {
  return {
    管理番号: id,
    部門: '総務部',
    管理責任者: '山田 太郎',
    業務名: '顧客対応',
    個人情報の名称: '顧客名簿',
    個人情報の項目: '氏名、住所、電話番号',
    本人区分: '顧客',
    件数: 100,
    媒体: '電子',
    取得形態: '本人から直接書面で取得',
    利用目的: '商品の発送及びアフターサービスのご連絡',
    要配慮個人情報: 'いいえ',
    特定個人情報: 'いいえ',
    開示対象: 'はい',
    同意: '書面で取得済',
    'ただし書き・理由': null,
    保管場所: 'ファイルサーバ',
    保管方法: 'アクセス制御',
    アクセス権者: '総務部員',
    利用期限: '最終取引後3年',
    保管期限: '最終取引後5年',
    廃棄方法: 'データ消去',
    委託: 'いいえ',
    委託先: null,
    第三者提供: 'いいえ',
    提供先: null,
    共同利用: 'いいえ',
    共同利用の範囲・管理責任者: null,
    外国第三者提供: 'いいえ',
    提供先国: null,
    最終確認日: '2026-04-01',
    確認者: '佐藤 花子',
    備考: null,
    // Version 2's columns.
    取得元: '本人',
    '明示・通知・公表の方法': '取得時の同意書「個人情報の取扱いについて」',
    データの所在国: '日本',
    ...over,
  };
}

function riskRows(id = 'T-001', omit: string[] = []): Row[] {
  return STAGES.filter((s) => !omit.includes(s.value)).map((s) => ({
    管理番号: id,
    局面: s.value,
    リスク区分: '漏えい',
    想定されるリスク: '漏えい',
    固有リスク: '中',
    対策: 'アクセス制御',
    残留リスク: '低',
  }));
}

const v1 = atVersion(piLedger, 1);

function grid(ledger: Row[], risk?: Row[], def = piLedger): Grid {
  return layoutWorkbook(def, {
    tables: { [LEDGER]: ledger, [RISK]: risk ?? ledger.flatMap((r) => riskRows(String(r['管理番号']))) },
  });
}

function check(ledger: Row[], risk?: Row[], asOf = AS_OF): Issue[] {
  return validate(piLedger, grid(ledger, risk), { asOf }).issues;
}

/** The same rows in a version 1 ledger (its columns only), checked against version 1. */
function checkV1(ledger: Row[], risk?: Row[], asOf = AS_OF): Issue[] {
  return validate(v1, grid(ledger, risk, v1), { asOf }).issues;
}

/** A1 address of a field in the n-th record (0-based) of a sheet laid out by layoutWorkbook. */
function cellOf(field: string, n = 0, sheet = ledgerSheet): string {
  const col = sheet.fields.findIndex((f) => f.key === field);
  if (col < 0) throw new Error(`no field ${field}`);
  return `${columnLetter(col)}${3 + n}`;
}
const cellOfV1 = (field: string, n = 0) => cellOf(field, n, v1.sheets[0] as typeof ledgerSheet);

const byRule = (issues: Issue[], rule: string) => issues.filter((i) => i.rule === rule);
/** Errors and warnings of a rule (its info findings are asserted on their own). */
const problems = (issues: Issue[], rule: string) => byRule(issues, rule).filter((i) => i.severity !== 'info');

/** The one finding of a rule at the given severity; info findings only count when an info is expected. */
function expectOne(issues: Issue[], rule: string, severity: Issue['severity'], sheet: string, cell: string): Issue {
  const found = byRule(issues, rule).filter((i) => (severity === 'info') === (i.severity === 'info'));
  expect(found, JSON.stringify(issues, null, 1)).toHaveLength(1);
  expect(found[0]).toMatchObject({ rule, severity, sheet, cell });
  expect(found[0].message.ja.length).toBeGreaterThan(10);
  expect(found[0].message.en.length).toBeGreaterThan(10);
  return found[0];
}

// The spec's fields with Amendment 8's (version 2) where they belong.
const SPEC_LEDGER_FIELDS = [
  '管理番号',
  '部門',
  '管理責任者',
  '業務名',
  '個人情報の名称',
  '個人情報の項目',
  '本人区分',
  '件数',
  '媒体',
  '取得形態',
  '取得元',
  '明示・通知・公表の方法',
  '利用目的',
  '要配慮個人情報',
  '特定個人情報',
  '開示対象',
  '同意',
  'ただし書き・理由',
  '保管場所',
  '保管方法',
  'アクセス権者',
  '利用期限',
  '保管期限',
  '廃棄方法',
  '委託',
  '委託先',
  '第三者提供',
  '提供先',
  '第三者提供の同意',
  '提供・受領の記録',
  '共同利用',
  '共同利用の範囲・管理責任者',
  '外国第三者提供',
  '提供先国',
  '外国提供の根拠',
  'データの所在国',
  '最終確認日',
  '確認者',
  '備考',
];
const V2_FIELDS = [
  '取得元',
  '明示・通知・公表の方法',
  '第三者提供の同意',
  '提供・受領の記録',
  '外国提供の根拠',
  'データの所在国',
];
const OPTIONAL = [
  '件数',
  '同意',
  'ただし書き・理由',
  '委託先',
  '提供先',
  '共同利用の範囲・管理責任者',
  '提供先国',
  '備考',
  '取得元',
  '明示・通知・公表の方法',
  '第三者提供の同意',
  '提供・受領の記録',
  '外国提供の根拠',
];

describe('pi-ledger definition', () => {
  it('has the spec fields in order, with types, required flags, hints and widths', () => {
    expect(piLedger).toMatchObject({ id: 'pi-ledger', version: 2, shape: 'table' });
    expect(ledgerSheet.fields.map((f) => f.key)).toEqual(SPEC_LEDGER_FIELDS);
    for (const f of ledgerSheet.fields) {
      expect(f.label.ja).toBe(f.key);
      expect(f.since ?? 1, f.key).toBe(V2_FIELDS.includes(f.key) ? 2 : 1);
      expect(!!f.required, f.key).toBe(!OPTIONAL.includes(f.key));
      expect(f.hint?.ja, f.key).toBeTruthy();
      expect(f.hint?.en, f.key).toBeTruthy();
      expect(f.width, f.key).toBeGreaterThan(0);
    }
    const kind = (k: string) => ledgerSheet.fields.find((f) => f.key === k)!.type.kind;
    expect(kind('件数')).toBe('integer');
    expect(kind('利用期限')).toBe('period');
    expect(kind('保管期限')).toBe('period');
    expect(kind('最終確認日')).toBe('date');
    expect(kind('委託')).toBe('yesno');
    expect(kind('取得形態')).toBe('enum');
    expect(ledgerSheet.key).toEqual(['部門', '管理番号']);
    expect(ledgerSheet.fields.find((f) => f.key === '管理番号')!.unique).toBe(true);
    expect(riskSheet.fields.map((f) => f.key)).toEqual([
      '管理番号',
      '局面',
      'リスク区分',
      '想定されるリスク',
      '固有リスク',
      '対策',
      '残留リスク',
      '残留リスクの承認者',
      '承認日',
      '見直し期限',
    ]);
    expect(v1.sheets.map((sd) => sd.fields.length)).toEqual([33, 5]);
    expect(STAGES.map((s) => s.value)).toEqual([
      '取得・入力',
      '移送・送信',
      '利用・加工',
      '保管・バックアップ',
      '消去・廃棄',
    ]);
  });

  it('has exactly the spec rule ids and severities', () => {
    expect(Object.fromEntries(piLedger.rules.map((r) => [r.id, RULES[r.id].severity]))).toEqual({
      'PL-REVIEW': 'warning',
      'PL-PERIOD': 'error',
      'PL-SENSITIVE': 'error',
      'PL-DIRECT': 'error',
      'PL-ENTRUSTED': 'warning',
      'PL-REENTRUST': 'info',
      'PL-OUTSOURCE': 'error',
      'PL-THIRDPARTY': 'error',
      'PL-JOINT': 'error',
      'PL-FOREIGN': 'error',
      'PL-MYNUMBER': 'warning',
      'PL-VAGUE': 'warning',
      'PL-RISK': 'error',
      'PL-LEAK': 'info',
      'PL-NOTICE': 'warning',
      'PL-RECORD': 'error',
      'PL-LOCATION': 'info',
      'PL-RESIDUAL': 'error',
    });
    expect(v1.rules.map((r) => r.id)).toEqual(
      [...piLedger.rules.map((r) => r.id)].filter(
        (id) => !['PL-NOTICE', 'PL-RECORD', 'PL-LOCATION', 'PL-RESIDUAL'].includes(id),
      ),
    );
    for (const r of piLedger.rules) expect(ruleMeta(r.id).clause, r.id).toMatch(/^§4\./);
  });

  it('hints teach what the review found missing: web forms are 書面, the UNC path, the bases of a transfer abroad', () => {
    const hint = (k: string, sheet = ledgerSheet) => sheet.fields.find((f) => f.key === k)!.hint!;
    expect(hint('保管場所').ja).toContain('\\\\fs01\\soumu');
    expect(hint('保管場所').en).toContain('\\\\fs01\\soumu');
    expect(hint('取得形態').ja).toContain('Webフォーム');
    const foreign = hint('外国第三者提供');
    // Consent is one basis among several (個人情報保護法第28条第1項), not an absolute requirement.
    expect(foreign.ja).not.toMatch(/本人の同意が必要（/);
    for (const basis of ['EU・英国', '基準に適合する体制', '法令に基づく', '委託先'])
      expect(foreign.ja).toContain(basis);
    expect(foreign.en).toContain('EU or the UK');
    expect(hint('局面', riskSheet).ja).toContain('該当なし');
  });

  it('offers 株主 and 従業者の家族 as data subjects (株主名簿, 扶養親族)', () => {
    const values = (
      ledgerSheet.fields.find((f) => f.key === '本人区分')!.type as unknown as { options: { value: string }[] }
    ).options.map((o) => o.value);
    expect(values).toEqual(expect.arrayContaining(['株主', '従業者の家族']));
    const data = validate(
      piLedger,
      grid([ledgerRow('T-001', { 本人区分: '扶養親族' }), ledgerRow('T-002', { 本人区分: '株主' })]),
      { asOf: AS_OF },
    );
    expect(data.issues).toEqual([]);
    expect(data.data.sheets[LEDGER].map((r) => r.values['本人区分'])).toEqual(['従業者の家族', '株主']);
  });

  it('no header label or synonym is claimed by two fields of a sheet', () => {
    for (const sheet of [ledgerSheet, riskSheet]) {
      const seen = new Map<string, string>();
      for (const f of sheet.fields) {
        for (const l of [f.label.ja, f.label.en, ...(f.synonyms ?? [])]) {
          const k = l.normalize('NFKC').replace(/\s/g, '').toLowerCase();
          expect(seen.get(k) ?? f.key, `${l} in ${f.key}`).toBe(f.key);
          seen.set(k, f.key);
        }
      }
    }
  });

  it('a blank template and a valid row give no issues', () => {
    expect(validate(piLedger, layoutWorkbook(piLedger), { asOf: AS_OF }).issues).toEqual([]);
    expect(check([ledgerRow()])).toEqual([]);
  });
});

describe('reading values and headers', () => {
  it('accepts 和暦 dates, full-width digits and value synonyms without an issue', () => {
    const issues = check(
      [
        ledgerRow('ＴＯ－００１', {
          件数: '１，２００',
          媒体: '電子データ',
          同意: '書面',
          委託: '○',
          第三者提供: '×',
          最終確認日: '令和8年4月1日',
          利用期限: 'R9.3.31',
          保管期限: '2030/3/31',
        }),
        ledgerRow('TO-002', { 媒体: '紙媒体', 取得形態: '直接書面', 委託: 'なし', 最終確認日: 'R8.6.1' }),
      ].map((r) => (r['委託'] === '○' ? { ...r, 委託先: '株式会社架空給与サービス' } : r)),
      [...riskRows('TO-001'), ...riskRows('TO-002')],
    );
    // 1,200 records: only the derived flag that a leak may have to be reported (PL-LEAK).
    expect(issues.map((i) => `${i.rule}/${i.severity}`)).toEqual(['PL-LEAK/info']);
    const data = validate(
      piLedger,
      grid([ledgerRow('T-001', { 件数: '１，２００', 最終確認日: '令和8年4月1日', 媒体: '電子データ' })]),
      {
        asOf: AS_OF,
      },
    ).data;
    expect(data.sheets[LEDGER][0].values).toMatchObject({ 件数: 1200, 最終確認日: '2026-04-01', 媒体: '電子' });
  });

  it('finds columns under the headers staff commonly use instead', () => {
    const g = grid([ledgerRow()]);
    const ledger = g.sheets.find((s) => s.name === LEDGER)!;
    const header = ledger.rows[1];
    const rename = (from: string, to: string) => (header[header.indexOf(from)] = to);
    rename('管理番号', 'No.');
    rename('管理責任者', '責任者');
    rename('保管期限', '保存期間');
    rename('アクセス権者', 'アクセス権を有する者');
    rename('最終確認日', '確認日');
    const result = validate(piLedger, g, { asOf: AS_OF });
    expect(result.issues).toEqual([]);
    expect(result.data.sheets[LEDGER][0].values).toMatchObject({ 管理番号: 'T-001', 管理責任者: '山田 太郎' });
  });
});

describe('PL-REVIEW (warning, §4.3.3)', () => {
  it('flags a review more than 12 months before the as-of date', () => {
    const issues = check([ledgerRow('T-001', { 最終確認日: '2025-11-19' })]);
    const i = expectOne(issues, 'PL-REVIEW', 'warning', LEDGER, cellOf('最終確認日'));
    expect(i.message.ja).toContain('2025-11-19');
    expect(i.message.ja).toContain('§4.3.3');
  });
  it('flags a review dated after the as-of date', () => {
    expectOne(
      check([ledgerRow('T-001', { 最終確認日: '2026-12-01' })]),
      'PL-REVIEW',
      'warning',
      LEDGER,
      cellOf('最終確認日'),
    );
  });
  it('passes a review exactly 12 months ago', () => {
    expect(byRule(check([ledgerRow('T-001', { 最終確認日: '2025-11-20' })]), 'PL-REVIEW')).toEqual([]);
  });
  it('does not double-report an unreadable date', () => {
    const issues = check([ledgerRow('T-001', { 最終確認日: '昨年4月' })]);
    expect(byRule(issues, 'V-DATE')).toHaveLength(1);
    expect(byRule(issues, 'PL-REVIEW')).toEqual([]);
  });
});

describe('PL-PERIOD (error)', () => {
  it('flags a use date later than the retention date', () => {
    const issues = check([ledgerRow('T-001', { 利用期限: '2031-03-31', 保管期限: '令和12年3月31日' })]);
    expectOne(issues, 'PL-PERIOD', 'error', LEDGER, cellOf('利用期限'));
  });
  it('flags a longer period after the same event', () => {
    expectOne(
      check([ledgerRow('T-001', { 利用期限: '退職後5年', 保管期限: '退職後3年' })]),
      'PL-PERIOD',
      'error',
      LEDGER,
      cellOf('利用期限'),
    );
    expectOne(
      check([ledgerRow('T-001', { 利用期限: '退職日から2年', 保管期限: '退職後18か月' })]),
      'PL-PERIOD',
      'error',
      LEDGER,
      cellOf('利用期限'),
    );
  });
  it('flags 永年 use with a limited retention', () => {
    expectOne(
      check([ledgerRow('T-001', { 利用期限: '永年', 保管期限: '契約終了後5年' })]),
      'PL-PERIOD',
      'error',
      LEDGER,
      cellOf('利用期限'),
    );
  });
  it('passes equal or shorter use, and leaves incomparable pairs alone', () => {
    for (const [use, keep] of [
      ['2030-03-31', '2030-03-31'],
      ['退職後3年', '退職後7年'],
      ['契約終了後5年', '永年'],
      ['2040-03-31', '退職後3年'],
      ['契約終了後10年', '退職後3年'],
    ]) {
      expect(
        byRule(check([ledgerRow('T-001', { 利用期限: use, 保管期限: keep })]), 'PL-PERIOD'),
        `${use} / ${keep}`,
      ).toEqual([]);
    }
  });
  it('compares periods as documented', () => {
    expect(
      useOutlastsRetention({ kind: 'date', iso: '2030-01-01' }, { kind: 'after', event: '退職', years: 1, text: '' }),
    ).toBeNull();
    expect(
      useOutlastsRetention(
        { kind: 'after', event: '退職', years: 1, text: '' },
        { kind: 'after', event: '契約終了', years: 5, text: '' },
      ),
    ).toBeNull();
    expect(
      useOutlastsRetention(
        { kind: 'after', event: '', months: 13, text: '' },
        { kind: 'after', event: '', years: 1, text: '' },
      ),
    ).toBe(true);
  });
});

describe('PL-SENSITIVE (error, §4.4.2.3)', () => {
  const sensitive = { 要配慮個人情報: 'はい', 取得形態: '本人以外から間接取得' };
  it('flags special-care information without consent', () => {
    const issues = check([ledgerRow('T-001', { ...sensitive, 同意: '未取得' })]);
    expectOne(issues, 'PL-SENSITIVE', 'error', LEDGER, cellOf('同意'));
    expectOne(
      check([ledgerRow('T-001', { ...sensitive, 同意: null })]),
      'PL-SENSITIVE',
      'error',
      LEDGER,
      cellOf('同意'),
    );
  });
  it('flags an exception without its reason, at the reason cell', () => {
    expectOne(
      check([ledgerRow('T-001', { ...sensitive, 同意: '不要(ただし書き適用)' })]),
      'PL-SENSITIVE',
      'error',
      LEDGER,
      cellOf('ただし書き・理由'),
    );
  });
  it('passes written or electronic consent, or an exception with its reason', () => {
    const overs: Row[] = [
      { 同意: '書面で取得済' },
      { 同意: '電磁的方法で取得済' },
      { 同意: '不要（ただし書き適用）', 'ただし書き・理由': '§4.4.2.3(1) 労働安全衛生法に基づく健康診断' },
    ];
    for (const over of overs) {
      expect(byRule(check([ledgerRow('T-001', { ...sensitive, ...over })]), 'PL-SENSITIVE')).toEqual([]);
    }
  });
  it('needs the exception declared: 未取得 with a reason is still an error', () => {
    const issues = check([ledgerRow('T-001', { ...sensitive, 同意: '未取得', 'ただし書き・理由': '法令に基づく' })]);
    expectOne(issues, 'PL-SENSITIVE', 'error', LEDGER, cellOf('同意'));
  });
  it('does not double-report an unreadable consent value', () => {
    const issues = check([ledgerRow('T-001', { ...sensitive, 同意: 'たぶん' })]);
    expect(byRule(issues, 'V-ENUM')).toHaveLength(1);
    expect(byRule(issues, 'PL-SENSITIVE')).toEqual([]);
  });

  // Review 2.2 (WRONG-LAW): data received in an entrustment needs no consent from the processor (法20条2項8号・
  // 施行令9条2号; §4.4.2.3(5)). The review's own case: IS-003, 受託 + 要配慮, 同意 empty → was an error.
  it('raises no error on entrusted (受託) rows: an info says what to confirm with the client', () => {
    for (const 同意 of [null, '未取得', '不要(ただし書き適用)']) {
      const issues = check([
        ledgerRow('T-001', { 要配慮個人情報: 'はい', 取得形態: '受託', 開示対象: 'いいえ', 同意 }),
      ]);
      expect(problems(issues, 'PL-SENSITIVE'), String(同意)).toEqual([]);
      const i = expectOne(
        issues,
        'PL-SENSITIVE',
        'info',
        LEDGER,
        cellOf(同意 === '不要(ただし書き適用)' ? 'ただし書き・理由' : '同意'),
      );
      expect(i.message.ja).toContain('委託元');
      expect(i.message.ja).toContain('第20条第2項第8号');
      expect(i.message.ja).not.toContain('同意が必要');
      expect(i.message.en).toContain('client');
    }
    const confirmed = check([
      ledgerRow('T-001', {
        要配慮個人情報: 'はい',
        取得形態: '受託',
        開示対象: 'いいえ',
        同意: '不要(ただし書き適用)',
        'ただし書き・理由': '委託元が書面同意を取得済み（委託契約第5条で確認）',
      }),
    ]);
    expect(byRule(confirmed, 'PL-SENSITIVE')).toEqual([]);
  });

  it("still needs consent on data received from a third party, and says the provider's consent can be it", () => {
    const i = expectOne(
      check([ledgerRow('T-001', { 要配慮個人情報: 'はい', 取得形態: '第三者提供を受領', 同意: '未取得' })]),
      'PL-SENSITIVE',
      'error',
      LEDGER,
      cellOf('同意'),
    );
    expect(i.message.ja).toContain('提供元');
    expect(i.message.ja).toContain('3-3-2');
  });
});

describe('PL-DIRECT (error, §4.4.2.4)', () => {
  it('flags direct written collection with consent 未取得 and no exception', () => {
    const i = expectOne(check([ledgerRow('T-001', { 同意: '未取得' })]), 'PL-DIRECT', 'error', LEDGER, cellOf('同意'));
    expect(i.message.ja).toContain('§4.4.2.4');
  });
  it('passes when an exception and its reason are recorded, or for other ways of collection', () => {
    expect(
      byRule(check([ledgerRow('T-001', { 同意: '未取得', 'ただし書き・理由': '§4.4.2.5(4) 名刺交換' })]), 'PL-DIRECT'),
    ).toEqual([]);
    expect(
      byRule(check([ledgerRow('T-001', { 同意: '未取得', 取得形態: '本人以外から間接取得' })]), 'PL-DIRECT'),
    ).toEqual([]);
  });
});

describe('PL-ENTRUSTED (warning, §4.4.4.1)', () => {
  it('flags entrusted data marked as subject to disclosure', () => {
    expectOne(
      check([ledgerRow('T-001', { 取得形態: '受託', 開示対象: 'はい' })]),
      'PL-ENTRUSTED',
      'warning',
      LEDGER,
      cellOf('開示対象'),
    );
  });
  it('passes entrusted data not subject to disclosure', () => {
    expect(byRule(check([ledgerRow('T-001', { 取得形態: '受託', 開示対象: 'いいえ' })]), 'PL-ENTRUSTED')).toEqual([]);
  });
});

describe('PL-REENTRUST (info, §4.4.3.4(3)): 再委託 of data a client entrusted to us (review §6)', () => {
  const entrusted: Row = {
    取得形態: '受託',
    取得元: '株式会社サンプル通販（委託元）',
    開示対象: 'いいえ',
    同意: null,
    委託: 'はい',
    委託先: '株式会社見本印刷',
  };
  it("asks to confirm the client's consent when entrusted data is passed on to a contractor", () => {
    const i = expectOne(check([ledgerRow('T-001', entrusted)]), 'PL-REENTRUST', 'info', LEDGER, cellOf('委託先'));
    expect(i.message.ja).toContain('「株式会社見本印刷」に再委託');
    expect(i.message.ja).toContain('委託元の承諾');
    expect(i.message.ja).toContain('§4.4.3.4(3)');
    // The law differs from the contract: APPI asks no consent of the client, it makes the client supervise.
    expect(i.message.ja).toContain('第25条');
    expect(i.message.ja).not.toContain('番号法');
    expect(i.message.en).toContain("client's consent");
    expect(i.message.en).toContain('APPI Art. 25');
  });
  it('names the My Number Act when the data includes 特定個人情報 (there the law requires the 許諾)', () => {
    const i = expectOne(
      check([ledgerRow('T-001', { ...entrusted, 特定個人情報: 'はい', 利用目的: '委託元の源泉徴収票作成事務' })]),
      'PL-REENTRUST',
      'info',
      LEDGER,
      cellOf('委託先'),
    );
    expect(i.message.ja).toContain('番号法第10条第1項');
    expect(i.message.en).toContain('My Number Act Art. 10(1)');
  });
  it('is silent on our own data outsourced, and on entrusted data we handle ourselves', () => {
    expect(byRule(check([ledgerRow('T-001', { 委託: 'はい', 委託先: '株式会社見本印刷' })]), 'PL-REENTRUST')).toEqual(
      [],
    );
    expect(byRule(check([ledgerRow('T-001', { ...entrusted, 委託: 'いいえ', 委託先: null })]), 'PL-REENTRUST')).toEqual(
      [],
    );
  });
  it('judges a version 1 ledger too (its fields were all in version 1)', () => {
    const found = byRule(checkV1([ledgerRow('T-001', entrusted)]), 'PL-REENTRUST');
    expect(found.map((i) => [i.severity, i.cell])).toEqual([['info', cellOfV1('委託先')]]);
  });
  it('fires on the sample SL-007 (DM発送代行 → 株式会社見本印刷)', () => {
    const found = samples
      .flatMap((s) => validate(piLedger, layoutWorkbook(piLedger, s.input), { asOf: SAMPLE_AS_OF }).issues)
      .filter((i) => i.rule === 'PL-REENTRUST');
    expect(found.map((i) => i.value)).toEqual(['株式会社見本印刷']);
    expect(found[0].message.ja).toContain('SL-007');
  });
});

describe('dependent fields: PL-OUTSOURCE, PL-THIRDPARTY, PL-JOINT, PL-FOREIGN (errors)', () => {
  // A transfer abroad goes to someone: the recipient abroad is a third party, a contractor or a joint user.
  const abroad: Row = { 委託: 'はい', 委託先: 'Sample Cloud Pte. Ltd.', 外国提供の根拠: '基準適合体制' };
  const cases: [rule: string, when: string, then: string, filled: string, also: Row][] = [
    ['PL-OUTSOURCE', '委託', '委託先', '株式会社架空給与サービス', {}],
    [
      'PL-THIRDPARTY',
      '第三者提供',
      '提供先',
      '年金事務所',
      { 第三者提供の同意: '書面で取得済', '提供・受領の記録': '第三者提供記録簿' },
    ],
    ['PL-JOINT', '共同利用', '共同利用の範囲・管理責任者', 'グループ各社／当社総務部', {}],
    ['PL-FOREIGN', '外国第三者提供', '提供先国', 'シンガポール', abroad],
  ];
  for (const [rule, when, then, filled, also] of cases) {
    it(`${rule}: ${when}=はい needs ${then}`, () => {
      const i = expectOne(
        check([ledgerRow('T-001', { ...also, [when]: 'はい' })]),
        rule,
        'error',
        LEDGER,
        cellOf(then),
      );
      expect(i.field).toBe(then);
      expect(problems(check([ledgerRow('T-001', { ...also, [when]: 'はい', [then]: filled })]), rule)).toEqual([]);
      expect(byRule(check([ledgerRow('T-001', { [when]: 'いいえ' })]), rule)).toEqual([]);
    });
  }

  // Review 2.2 (MISSING, Amendment 2): the review's IS-001, 第三者提供=はい, 同意 未取得, no reason → was no issue.
  it('version 1: PL-THIRDPARTY needs the one 同意 column to show consent, or a declared exception with its reason', () => {
    const provided: Row = { 第三者提供: 'はい', 提供先: '株式会社サンプル提携先', 取得形態: '本人以外から間接取得' };
    const i = expectOne(
      checkV1([ledgerRow('T-001', { ...provided, 同意: '未取得' })]),
      'PL-THIRDPARTY',
      'error',
      LEDGER,
      cellOfV1('同意'),
    );
    expect(i.message.ja).toContain('第27条第1項');
    expect(i.message.ja).toContain('オプトアウト');
    expectOne(
      checkV1([ledgerRow('T-001', { ...provided, 同意: null })]),
      'PL-THIRDPARTY',
      'error',
      LEDGER,
      cellOfV1('同意'),
    );
    expectOne(
      checkV1([ledgerRow('T-001', { ...provided, 同意: '不要(ただし書き適用)' })]),
      'PL-THIRDPARTY',
      'error',
      LEDGER,
      cellOfV1('ただし書き・理由'),
    );
    const overs: Row[] = [
      { 同意: '書面で取得済' },
      { 同意: '不要(ただし書き適用)', 'ただし書き・理由': '§4.4.2.6(1) 所得税法に基づく提出' },
    ];
    for (const over of overs) {
      expect(byRule(checkV1([ledgerRow('T-001', { ...provided, ...over })]), 'PL-THIRDPARTY')).toEqual([]);
    }
  });

  it('version 1: PL-FOREIGN needs a lawful basis for the transfer abroad, and names every basis of 法28条', () => {
    const issues = checkV1([
      ledgerRow('T-001', {
        ...abroad,
        外国第三者提供: 'はい',
        提供先国: 'シンガポール',
        取得形態: '本人以外から間接取得',
        同意: '未取得',
      }),
    ]);
    const i = expectOne(issues, 'PL-FOREIGN', 'error', LEDGER, cellOfV1('同意'));
    for (const basis of ['EU・英国', '基準に適合する体制', '法令に基づく', '第28条第1項'])
      expect(i.message.ja).toContain(basis);
    const exempt = checkV1([
      ledgerRow('T-001', {
        ...abroad,
        外国第三者提供: 'はい',
        提供先国: 'ドイツ',
        同意: '不要(ただし書き適用)',
        'ただし書き・理由': 'EU（十分性認定）にある提供先',
      }),
    ]);
    expect(byRule(exempt, 'PL-FOREIGN')).toEqual([]);
  });

  // Review finding #4: one 同意 column cannot tell consent at collection from consent to the transfer. Until v2 adds
  // the basis, a recorded consent gets an info asking to confirm it (and the 法28条2項 information).
  it('version 1: PL-FOREIGN asks to confirm that a recorded consent covers the transfer abroad (info)', () => {
    const issues = checkV1([
      ledgerRow('T-001', { ...abroad, 外国第三者提供: 'はい', 提供先国: 'シンガポール', 同意: '電磁的方法で取得済' }),
    ]);
    expect(problems(issues, 'PL-FOREIGN')).toEqual([]);
    const i = expectOne(issues, 'PL-FOREIGN', 'info', LEDGER, cellOfV1('同意'));
    expect(i.message.ja).toContain('第28条第2項');
  });

  // The review's appendix: 外国第三者提供=はい while 第三者提供, 委託 (and 共同利用) are いいえ → was no issue.
  it('PL-FOREIGN warns when nobody receives the data: no provision, outsourcing or joint use', () => {
    const issues = check([
      ledgerRow('T-001', {
        外国第三者提供: 'はい',
        提供先国: '米国',
        外国提供の根拠: '本人同意',
        '提供・受領の記録': '記録簿',
      }),
    ]);
    const i = expectOne(issues, 'PL-FOREIGN', 'warning', LEDGER, cellOf('外国第三者提供'));
    expect(i.message.ja).toContain('委託');
    for (const over of [
      abroad,
      { 第三者提供: 'はい', 提供先: 'Sample Inc.', 第三者提供の同意: '書面で取得済' },
      { 共同利用: 'はい', 共同利用の範囲・管理責任者: 'グループ各社' },
    ]) {
      const basis = { 外国提供の根拠: '基準適合体制' };
      expect(
        problems(
          check([ledgerRow('T-001', { ...over, ...basis, 外国第三者提供: 'はい', 提供先国: '米国' })]),
          'PL-FOREIGN',
        ),
      ).toEqual([]);
    }
  });
});

// Amendment 2 and 8, review findings #3 and #4: version 2 keeps a consent per purpose, the basis of a transfer abroad,
// the records of provision and receipt, the source, how the purpose was stated, and where the data is held.
describe('version 2: consent per purpose (PL-THIRDPARTY, PL-FOREIGN)', () => {
  const provided: Row = {
    第三者提供: 'はい',
    提供先: '株式会社サンプル提携先',
    '提供・受領の記録': '第三者提供記録簿（総務部）',
  };

  it('PL-THIRDPARTY judges the consent to the provision, not the consent at collection', () => {
    // Consent at collection is on file; consent to the provision is not: the review's finding #3 on a v2 ledger.
    const i = expectOne(
      check([ledgerRow('T-001', { ...provided, 同意: '書面で取得済' })]),
      'PL-THIRDPARTY',
      'error',
      LEDGER,
      cellOf('第三者提供の同意'),
    );
    expect(i.message.ja).toContain('取得時の同意とは別に');
    expect(i.message.ja).toContain('第27条第1項');
    expect(i.message.en).toContain('consent to the provision');
    expectOne(
      check([ledgerRow('T-001', { ...provided, 第三者提供の同意: '未取得' })]),
      'PL-THIRDPARTY',
      'error',
      LEDGER,
      cellOf('第三者提供の同意'),
    );
    expectOne(
      check([ledgerRow('T-001', { ...provided, 第三者提供の同意: '不要(ただし書き適用)' })]),
      'PL-THIRDPARTY',
      'error',
      LEDGER,
      cellOf('ただし書き・理由'),
    );
    // Consent to the provision recorded, whatever the consent at collection says.
    const ok = check([
      ledgerRow('T-001', {
        ...provided,
        取得形態: '本人以外から間接取得',
        同意: '未取得',
        第三者提供の同意: '電磁的方法で取得済',
      }),
    ]);
    expect(byRule(ok, 'PL-THIRDPARTY')).toEqual([]);
    const exempt = check([
      ledgerRow('T-001', {
        ...provided,
        第三者提供の同意: '不要(ただし書き適用)',
        'ただし書き・理由': '§4.4.2.3(1) 所得税法に基づく提出',
      }),
    ]);
    expect(byRule(exempt, 'PL-THIRDPARTY')).toEqual([]);
  });

  it('PL-THIRDPARTY takes consent to a transfer abroad as the consent to that provision (法28条第1項後段)', () => {
    const abroad = { ...provided, 外国第三者提供: 'はい', 提供先国: 'シンガポール', 外国提供の根拠: '本人同意' };
    expect(byRule(check([ledgerRow('T-001', abroad)]), 'PL-THIRDPARTY')).toEqual([]);
    const adequacy = { ...abroad, 提供先国: 'ドイツ', 外国提供の根拠: '十分性認定国(EU・英国)' };
    expectOne(check([ledgerRow('T-001', adequacy)]), 'PL-THIRDPARTY', 'error', LEDGER, cellOf('第三者提供の同意'));
  });

  // Finding #4: sample SL-009 passed PL-FOREIGN on a consent given at collection.
  it('PL-FOREIGN needs the basis of the transfer abroad; consent at collection is not one', () => {
    const abroad: Row = {
      委託: 'はい',
      委託先: 'Sample Cloud Pte. Ltd.',
      外国第三者提供: 'はい',
      提供先国: 'シンガポール',
      同意: '電磁的方法で取得済',
    };
    const i = expectOne(check([ledgerRow('T-001', abroad)]), 'PL-FOREIGN', 'error', LEDGER, cellOf('外国提供の根拠'));
    for (const basis of ['本人同意', '十分性認定国（EU・英国）', '基準に適合する体制', '法令に基づく', '第28条第1項'])
      expect(i.message.ja).toContain(basis);
    expect(i.message.en).toContain('not consent to a transfer abroad');
    for (const basis of ['本人同意', '基準適合体制']) {
      expect(
        problems(
          check([ledgerRow('T-001', { ...abroad, 外国提供の根拠: basis, '提供・受領の記録': '外国提供記録簿' })]),
          'PL-FOREIGN',
        ),
        basis,
      ).toEqual([]);
    }
  });

  it('PL-FOREIGN warns when adequacy is claimed for a country outside the EEA and the UK', () => {
    const base: Row = {
      委託: 'はい',
      委託先: 'Sample GmbH',
      外国第三者提供: 'はい',
      外国提供の根拠: '十分性認定国(EU・英国)',
    };
    for (const country of ['ドイツ', 'フランス共和国', '英国', 'ノルウェー', 'Ireland', 'ドイツ、オランダ', 'EU']) {
      expect(problems(check([ledgerRow('T-001', { ...base, 提供先国: country })]), 'PL-FOREIGN'), country).toEqual([]);
    }
    for (const country of ['シンガポール', '米国', 'スイス', 'ドイツ、米国']) {
      const i = expectOne(
        check([ledgerRow('T-001', { ...base, 提供先国: country })]),
        'PL-FOREIGN',
        'warning',
        LEDGER,
        cellOf('外国提供の根拠'),
      );
      expect(i.message.ja).toContain('EU・EEA加盟国及び英国');
    }
  });

  it('PL-FOREIGN needs the reason when the basis is a legal exception', () => {
    const base: Row = {
      第三者提供: 'はい',
      提供先: '米国当局',
      第三者提供の同意: '不要(ただし書き適用)',
      外国第三者提供: 'はい',
      提供先国: '米国',
      外国提供の根拠: '法令に基づく等',
    };
    expectOne(check([ledgerRow('T-001', base)]), 'PL-FOREIGN', 'error', LEDGER, cellOf('ただし書き・理由'));
    expect(
      problems(
        check([ledgerRow('T-001', { ...base, 'ただし書き・理由': '§4.4.2.3(1) 法令に基づく照会への回答' })]),
        'PL-FOREIGN',
      ),
    ).toEqual([]);
  });

  it('keeps the version 1 judgment for a version 1 ledger (the one 同意 column)', () => {
    const abroad: Row = {
      委託: 'はい',
      委託先: 'Sample Cloud Pte. Ltd.',
      外国第三者提供: 'はい',
      提供先国: 'シンガポール',
      同意: '電磁的方法で取得済',
    };
    const issues = checkV1([ledgerRow('T-001', abroad)]);
    expect(problems(issues, 'PL-FOREIGN')).toEqual([]);
    expectOne(issues, 'PL-FOREIGN', 'info', LEDGER, cellOfV1('同意'));
    expect(issues.filter((i) => ['PL-NOTICE', 'PL-RECORD', 'PL-LOCATION', 'PL-RESIDUAL'].includes(i.rule))).toEqual([]);
  });
});

describe('PL-RECORD (error, §4.4.2.8.2 / §4.4.2.8.3): records of provision and receipt', () => {
  const provided: Row = { 第三者提供: 'はい', 提供先: '株式会社サンプル提携先', 第三者提供の同意: '書面で取得済' };

  it('needs the record of a provision made on consent (法29条)', () => {
    const i = expectOne(
      check([ledgerRow('T-001', provided)]),
      'PL-RECORD',
      'error',
      LEDGER,
      cellOf('提供・受領の記録'),
    );
    expect(i.message.ja).toContain('第29条');
    expect(i.message.ja).toContain('§4.4.2.8.2');
    expect(
      byRule(
        check([ledgerRow('T-001', { ...provided, '提供・受領の記録': '第三者提供記録簿（総務部）' })]),
        'PL-RECORD',
      ),
    ).toEqual([]);
  });

  it('needs none for a provision under a legal exception, nor for outsourcing or joint use at home', () => {
    const exempt = {
      ...provided,
      第三者提供の同意: '不要(ただし書き適用)',
      'ただし書き・理由': '§4.4.2.3(1) 所得税法に基づく提出',
    };
    expect(byRule(check([ledgerRow('T-001', exempt)]), 'PL-RECORD')).toEqual([]);
    expect(
      byRule(check([ledgerRow('T-001', { 委託: 'はい', 委託先: '株式会社架空給与サービス' })]), 'PL-RECORD'),
    ).toEqual([]);
    const system = {
      委託: 'はい',
      委託先: 'Sample Cloud Pte. Ltd.',
      外国第三者提供: 'はい',
      提供先国: 'シンガポール',
      外国提供の根拠: '基準適合体制',
    };
    expect(byRule(check([ledgerRow('T-001', system)]), 'PL-RECORD')).toEqual([]);
  });

  it('needs a record for a transfer abroad on consent even to a contractor (法29条第1項ただし書)', () => {
    const abroad = {
      委託: 'はい',
      委託先: 'Sample Cloud Pte. Ltd.',
      外国第三者提供: 'はい',
      提供先国: 'シンガポール',
      外国提供の根拠: '本人同意',
    };
    const i = expectOne(check([ledgerRow('T-001', abroad)]), 'PL-RECORD', 'error', LEDGER, cellOf('提供・受領の記録'));
    expect(i.message.ja).toContain('委託や共同利用に伴う提供であっても');
  });

  it('needs the confirmation and record on receipt from a third party (法30条)', () => {
    const received = {
      取得形態: '第三者提供を受領',
      取得元: '株式会社サンプル名簿',
      '明示・通知・公表の方法': '当社Webサイトのプライバシーポリシー',
    };
    const i = expectOne(
      check([ledgerRow('T-001', received)]),
      'PL-RECORD',
      'error',
      LEDGER,
      cellOf('提供・受領の記録'),
    );
    expect(i.message.ja).toContain('第30条');
    expect(i.message.ja).toContain('取得した経緯');
    expect(
      byRule(check([ledgerRow('T-001', { ...received, '提供・受領の記録': '受領時確認記録（営業部）' })]), 'PL-RECORD'),
    ).toEqual([]);
  });
});

describe('PL-NOTICE (warning, §4.4.2.4 / §4.4.2.5): source and how the purpose was told', () => {
  it('asks for the written notice at direct collection, and for the notice or publication otherwise', () => {
    const direct = expectOne(
      check([ledgerRow('T-001', { '明示・通知・公表の方法': null })]),
      'PL-NOTICE',
      'warning',
      LEDGER,
      cellOf('明示・通知・公表の方法'),
    );
    expect(direct.message.ja).toContain('第21条第2項');
    const indirect = check([
      ledgerRow('T-001', { 取得形態: '本人以外から間接取得', 取得元: '人事部', '明示・通知・公表の方法': null }),
    ]);
    expect(expectOne(indirect, 'PL-NOTICE', 'warning', LEDGER, cellOf('明示・通知・公表の方法')).message.ja).toContain(
      '§4.4.2.5',
    );
  });

  it("asks for the source of data not collected from the person; none for entrusted data's notice", () => {
    const i = expectOne(
      check([ledgerRow('T-001', { 取得形態: '本人以外から間接取得', 取得元: null })]),
      'PL-NOTICE',
      'warning',
      LEDGER,
      cellOf('取得元'),
    );
    expect(i.message.ja).toContain('§4.4.2.2');
    const entrusted = check([
      ledgerRow('T-001', {
        取得形態: '受託',
        開示対象: 'いいえ',
        取得元: '株式会社サンプル商事（委託元）',
        '明示・通知・公表の方法': null,
      }),
    ]);
    expect(byRule(entrusted, 'PL-NOTICE')).toEqual([]);
    expect(byRule(check([ledgerRow('T-001', { 取得元: null })]), 'PL-NOTICE')).toEqual([]);
  });
});

describe('PL-LOCATION (info): data held abroad', () => {
  it('says what holding data abroad asks for, and that a foreign contractor is a provision abroad', () => {
    const i = expectOne(
      check([ledgerRow('T-001', { データの所在国: '日本、米国' })]),
      'PL-LOCATION',
      'info',
      LEDGER,
      cellOf('データの所在国'),
    );
    expect(i.message.ja).toContain('外国（米国）');
    expect(i.message.ja).toContain('通則編10-7');
    expect(i.message.ja).toContain('第28条');
    // A place in Japan where a country is asked for is not abroad (it was, for 東京都, 大阪府 and 日本・東京).
    for (const home of [
      '日本',
      '日本（東京リージョン）',
      'Japan',
      '国内',
      '東京都',
      '大阪府、福岡県',
      '日本・東京',
      'ＪＰ',
    ]) {
      expect(byRule(check([ledgerRow('T-001', { データの所在国: home })]), 'PL-LOCATION'), home).toEqual([]);
    }
    const v = check([ledgerRow('T-001', { データの所在国: null })]);
    expect(byRule(v, 'V-REQUIRED').map((x) => x.field)).toEqual(['データの所在国']);
  });
});

// Review §3 (MISSING): an inherent rating, a category, and the approval of a high residual risk.
describe('PL-RESIDUAL (error, §4.3.5): inherent risk and approval of a high residual risk', () => {
  const high = (over: Row = {}): Row[] =>
    riskRows('T-001').map((r, k) => (k === 1 ? { ...r, 固有リスク: '高', 残留リスク: '高', ...over } : r));
  const at = (field: string) => cellOf(field, 1, riskSheet);

  it('needs who approved a high residual risk, when, and when it is reviewed', () => {
    const i = expectOne(check([ledgerRow()], high()), 'PL-RESIDUAL', 'error', RISK, at('残留リスクの承認者'));
    expect(i.message.ja).toContain('「残留リスクの承認者」「承認日」「見直し期限」');
    expectOne(
      check([ledgerRow()], high({ 残留リスクの承認者: '個人情報保護管理者 山本' })),
      'PL-RESIDUAL',
      'error',
      RISK,
      at('承認日'),
    );
    const approved = { 残留リスクの承認者: '個人情報保護管理者 山本', 承認日: '2026-04-15', 見直し期限: '2027-03-31' };
    expect(byRule(check([ledgerRow()], high(approved)), 'PL-RESIDUAL')).toEqual([]);
    const overdue = expectOne(
      check([ledgerRow()], high({ ...approved, 見直し期限: '2026-09-30' })),
      'PL-RESIDUAL',
      'warning',
      RISK,
      at('見直し期限'),
    );
    expect(overdue.message.ja).toContain('2026-09-30');
  });

  it('warns when the residual risk is rated above the inherent one, and needs both ratings and a category', () => {
    const rows = riskRows('T-001').map((r, k) => (k === 0 ? { ...r, 固有リスク: '低', 残留リスク: '中' } : r));
    expectOne(check([ledgerRow()], rows), 'PL-RESIDUAL', 'warning', RISK, cellOf('残留リスク', 0, riskSheet));
    const bare = riskRows('T-001').map((r, k) => (k === 0 ? { ...r, 固有リスク: null, リスク区分: null } : r));
    expect(
      byRule(check([ledgerRow()], bare), 'V-REQUIRED')
        .map((x) => x.field)
        .sort(),
    ).toEqual(['リスク区分', '固有リスク']);
  });
});

// Review §8.1 / Amendment 8: the derived flag, as an info with its reasons (reaches every report through the findings).
describe('PL-LEAK (info, §4.3.9): may have to be reported if leaked', () => {
  it('says why: special-care data, financial items, more than 1,000 persons, My Number data of more than 100', () => {
    const one = (over: Row) =>
      expectOne(check([ledgerRow('T-001', over)]), 'PL-LEAK', 'info', LEDGER, cellOf('管理番号'));
    expect(one({ 要配慮個人情報: 'はい', 取得形態: '本人から直接書面で取得' }).message.ja).toContain(
      '要配慮個人情報を含む（施行規則第7条第1号）',
    );
    expect(one({ 個人情報の項目: '氏名、住所、クレジットカード番号、有効期限' }).message.ja).toContain('財産的被害');
    expect(one({ 件数: 1001 }).message.ja).toContain('1,000人を超え得る（同第4号）');
    const mn = one({ 特定個人情報: 'はい', 件数: 101, 利用目的: '源泉徴収票の作成' });
    expect(mn.message.ja).toContain('番号法第29条の4');
    for (const i of [mn, one({ 件数: 5000 })]) {
      expect(i.message.ja).toContain('必要となり得ます');
      expect(i.message.ja).toContain('高度な暗号化');
      expect(i.message.ja).toContain('この行に限らず報告の対象です（同第3号）');
      expect(i.message.ja).toContain('第26条');
      expect(i.message.en).toContain('may have to be reported');
    }
  });

  it('raises nothing where the ledger shows no reason (an access card number is not a payment card)', () => {
    const overs: Row[] = [
      { 件数: 1000 },
      { 件数: null },
      { 個人情報の項目: '氏名、社員番号、ICカード番号' },
      { 個人情報の項目: '氏名、社員番号、カード番号、入退室日時' },
      { 特定個人情報: 'はい', 件数: 100, 利用目的: '源泉徴収票の作成' },
    ];
    for (const over of overs) {
      expect(byRule(check([ledgerRow('T-001', over)]), 'PL-LEAK'), JSON.stringify(over)).toEqual([]);
    }
  });

  it('tells entrusted data that notifying the client is the way (法26条第1項ただし書), and applies to version 1 ledgers too', () => {
    const i = expectOne(
      check([ledgerRow('T-001', { 取得形態: '受託', 開示対象: 'いいえ', 取得元: '委託元A社', 件数: 30000 })]),
      'PL-LEAK',
      'info',
      LEDGER,
      cellOf('管理番号'),
    );
    expect(i.message.ja).toContain('委託元に速やかに通知');
    expectOne(checkV1([ledgerRow('T-001', { 件数: 2000 })]), 'PL-LEAK', 'info', LEDGER, cellOfV1('管理番号'));
  });
});

describe('PL-MYNUMBER (warning)', () => {
  it('flags My Number data whose purpose names no social-security, tax or disaster task', () => {
    const i = expectOne(
      check([ledgerRow('T-001', { 特定個人情報: 'はい', 利用目的: '株主総会の招集通知の送付' })]),
      'PL-MYNUMBER',
      'warning',
      LEDGER,
      cellOf('利用目的'),
    );
    expect(i.message.ja).toContain('株主総会の招集通知の送付');
  });
  it('accepts the common wordings of 個人番号関係事務', () => {
    for (const purpose of [
      '源泉徴収票の作成',
      '年末調整',
      '健康保険・厚生年金の届出',
      '雇用保険の手続',
      '社会保障及び税に関する手続書類の作成',
      '報酬の支払調書の作成',
      '配当金の支払調書の作成',
      '給与支払報告書の提出（住民税の特別徴収）',
      '国民年金第3号被保険者の届出',
    ]) {
      expect(
        byRule(check([ledgerRow('T-001', { 特定個人情報: 'はい', 利用目的: purpose })]), 'PL-MYNUMBER'),
        purpose,
      ).toEqual([]);
    }
  });

  // Review finding #7 / Amendment 3: bare 税, 年金 or 災害 name no 個人番号関係事務. The review's IS-005 case first.
  it('does not take any text containing 税, 年金 or 災害 for a 個人番号関係事務', () => {
    for (const purpose of [
      '消費税の計算及び請求書の発行',
      '税理士への相談',
      '企業年金の運用状況のご案内',
      '災害時の安否確認',
    ]) {
      expectOne(
        check([ledgerRow('T-001', { 特定個人情報: 'はい', 利用目的: purpose })]),
        'PL-MYNUMBER',
        'warning',
        LEDGER,
        cellOf('利用目的'),
      );
    }
  });

  it('gives an example that fits whose numbers they are (株主 → 配当金の支払調書)', () => {
    const i = expectOne(
      check([ledgerRow('T-001', { 特定個人情報: 'はい', 本人区分: '株主', 利用目的: '株主総会の招集通知の送付' })]),
      'PL-MYNUMBER',
      'warning',
      LEDGER,
      cellOf('利用目的'),
    );
    expect(i.message.ja).toContain('配当金の支払調書の作成');
  });

  it('flags My Number data in joint use as an error (番号法第19条)', () => {
    const issues = check([
      ledgerRow('T-001', {
        特定個人情報: 'はい',
        利用目的: '源泉徴収票の作成',
        共同利用: 'はい',
        共同利用の範囲・管理責任者: 'グループ各社／当社人事部',
      }),
    ]);
    const i = expectOne(issues, 'PL-MYNUMBER', 'error', LEDGER, cellOf('共同利用'));
    expect(i.message.ja).toContain('番号法第19条');
    expect(
      byRule(
        check([ledgerRow('T-001', { 共同利用: 'はい', 共同利用の範囲・管理責任者: 'グループ各社' })]),
        'PL-MYNUMBER',
      ),
    ).toEqual([]);
  });

  it('warns when My Number data is kept 永年 (番号法第20条)', () => {
    const issues = check([
      ledgerRow('T-001', {
        特定個人情報: 'はい',
        利用目的: '源泉徴収票の作成',
        利用期限: '退職後1年',
        保管期限: '永年',
      }),
    ]);
    const i = expectOne(issues, 'PL-MYNUMBER', 'warning', LEDGER, cellOf('保管期限'));
    expect(i.message.ja).toContain('番号法第20条');
    expect(byRule(check([ledgerRow('T-001', { 利用期限: '退職後1年', 保管期限: '永年' })]), 'PL-MYNUMBER')).toEqual([]);
    expect(
      byRule(
        check([
          ledgerRow('T-001', {
            特定個人情報: 'はい',
            利用目的: '源泉徴収票の作成',
            保管期限: '退職後7年',
            利用期限: '退職後1年',
          }),
        ]),
        'PL-MYNUMBER',
      ),
    ).toEqual([]);
  });
});

describe('PL-VAGUE (warning, §4.4.2.1)', () => {
  it('flags catch-all and empty purposes', () => {
    for (const purpose of [
      '業務のため',
      '各種業務に利用',
      '顧客への連絡、その他業務',
      '必要に応じて利用',
      '業務全般',
      '営業活動のため',
      '管理用',
    ]) {
      expectOne(check([ledgerRow('T-001', { 利用目的: purpose })]), 'PL-VAGUE', 'warning', LEDGER, cellOf('利用目的'));
    }
  });
  it('passes specific purposes, even short ones', () => {
    for (const purpose of [
      '給与計算',
      '年末調整',
      '採用選考',
      '採用業務のため',
      '商品の発送及びアフターサービスのご連絡',
      '入退室管理',
    ]) {
      expect(vagueness(purpose), purpose).toBeNull();
    }
    expect(byRule(check([ledgerRow()]), 'PL-VAGUE')).toEqual([]);
  });

  // Review finding #6 / Amendment 4: the PPC's own examples (通則編 3-1-1 and the older METI wording) and their kin.
  it('catches purposes that name an aim or a field of activity, not a use', () => {
    const cases: [purpose: string, aim: string][] = [
      ['事業活動に用いるため', '事業活動'],
      ['マーケティング活動に用いるため', 'マーケティング活動'],
      ['お客様のサービスの向上のため', 'サービスの向上'],
      ['サービス向上のため', 'サービス向上'],
      ['各種ご案内', '各種ご案内'],
      ['当社からのご案内', '当社からのご案内'],
      ['顧客管理', '顧客管理'],
      ['会員情報の管理', '会員情報の管理'],
      ['業務改善のため', '業務改善'],
      ['顧客満足度の向上', '顧客満足度の向上'],
      ['当社の事業に活用するため', '事業'],
      ['弊社サービスの充実に資するため', 'サービスの充実'],
      ['販売促進', '販売促進'],
      ['マーケティング分析', 'マーケティング'],
      // One bare aim among real uses still leaves that part unspecified.
      ['商品の発送及びサービスの向上', 'サービスの向上'],
    ];
    for (const [purpose, aim] of cases) {
      expect(vagueness(purpose), purpose).toEqual({ aim });
      const i = expectOne(
        check([ledgerRow('T-001', { 利用目的: purpose })]),
        'PL-VAGUE',
        'warning',
        LEDGER,
        cellOf('利用目的'),
      );
      expect(i.message.ja).toContain('通則編3-1-1');
      expect(i.message.ja).toContain(purpose.includes('及び') ? `のうち「${aim}」は` : `「${purpose}」は、`);
    }
  });

  it('does not flag realistic purposes that say what is done with the information', () => {
    const specific = [
      // The PPC's own examples of specified purposes (通則編 3-1-1).
      '○○事業における商品の発送、関連するアフターサービス、新商品・サービスに関する情報のお知らせのために利用いたします。',
      '取得した閲覧履歴や購買履歴等の情報を分析して、趣味・嗜好に応じた新商品・サービスに関する広告のために利用いたします。',
      '人事異動・配置、労務管理及び社内連絡',
      '製品・サービスの改善のための満足度分析',
      'グループ各社の製品・保守サービスのご案内及び問合せ対応',
      '新製品・セミナー情報のメールマガジン配信',
      '販売促進のためのDM送付',
      '当社商品の販売及び配送',
      'ご購入商品の配送及び代金の請求',
      '会員サービスの提供',
      'お客様へのご連絡',
      'お客様からのお問合せへの回答',
      '関連する商品のご案内',
      '契約の締結・履行、商品の発送及び請求',
      '来訪者の入館管理及び緊急時の所在確認',
      '貸与機器の所在管理、紛失時の遠隔ロック及び返却確認',
      '情報漏えい事故の調査及び法令・訴訟対応のための証跡保全',
      '災害・障害発生時のシステム及びデータの復旧',
      '品質向上のための不良品回収のご連絡',
    ];
    for (const purpose of specific) expect(vagueness(purpose), purpose).toBeNull();
    for (const s of samples) {
      for (const r of s.input.tables![LEDGER]) {
        if (r['管理番号'] !== 'SL-003') expect(vagueness(String(r['利用目的'])), String(r['利用目的'])).toBeNull();
      }
    }
  });
});

describe('PL-RISK (error, §4.3.5)', () => {
  it('flags a ledger row missing risk stages, once, listing them', () => {
    const issues = check(
      [ledgerRow('T-001'), ledgerRow('T-002')],
      [...riskRows('T-001'), ...riskRows('T-002', ['移送・送信', '消去・廃棄'])],
    );
    const i = expectOne(issues, 'PL-RISK', 'error', LEDGER, cellOf('管理番号', 1));
    expect(i.message.ja).toContain('移送・送信');
    expect(i.message.ja).toContain('消去・廃棄');
    expect(i.message.ja).not.toContain('取得・入力');
  });
  it('judges ledger rows that share a 管理番号 by the one risk analysis of that number', () => {
    const ledger = [ledgerRow('T-001'), ledgerRow('T-001')];
    expect(byRule(check(ledger, riskRows('T-001')), 'PL-RISK')).toEqual([]);
    const issues = byRule(check(ledger, riskRows('T-001', ['移送・送信'])), 'PL-RISK');
    expect(issues.map((i) => i.cell)).toEqual([cellOf('管理番号', 0), cellOf('管理番号', 1)]);
    for (const i of issues) expect(i.message.en).toContain('lacks the stage(s): ');
  });
  it('flags a ledger row with no risk analysis at all', () => {
    const issues = check([ledgerRow('T-001'), ledgerRow('T-002')], riskRows('T-001'));
    expectOne(issues, 'PL-RISK', 'error', LEDGER, cellOf('管理番号', 1));
  });
  it('flags a risk row naming an unknown 管理番号, on that risk row', () => {
    const risk = [...riskRows('T-001'), { ...riskRows('T-999')[0] }];
    const i = expectOne(check([ledgerRow('T-001')], risk), 'PL-RISK', 'error', RISK, cellOf('管理番号', 5, riskSheet));
    expect(i.message.ja).toContain('T-999');
  });
  it('matches 管理番号 across width, case, dashes and spaces, and accepts stage synonyms', () => {
    const risk = riskRows('t－001 ').map((r, n) => (n === 0 ? { ...r, 局面: '取得' } : r));
    expect(byRule(check([ledgerRow('T-001')], risk), 'PL-RISK')).toEqual([]);
    expect(foldKey('ＨＲ−００３')).toBe('HR-003');
    expect(['hr-003', 'HR-003', 'hr - 003', 'hr\u2212003', 'hr-\u200b003'].map(foldKey)).toEqual([
      'HR-003',
      'HR-003',
      'HR-003',
      'HR-003',
      'HR-003',
    ]);
  });
  it('stays quiet when the risk sheet is missing (SHEET-MISSING says it)', () => {
    const g = grid([ledgerRow()]);
    g.sheets = g.sheets.filter((s) => s.name !== RISK);
    const issues = validate(piLedger, g, { asOf: AS_OF }).issues;
    expect(byRule(issues, 'SHEET-MISSING')).toHaveLength(1);
    expect(byRule(issues, 'PL-RISK')).toEqual([]);
  });
});

describe('samples', () => {
  const ruleIds = (issues: Issue[]) =>
    [...new Set(issues.filter((i) => i.severity !== 'info').map((i) => i.rule))].sort();

  for (const s of samples) {
    it(`${s.file} raises exactly ${s.expect.join(', ') || 'nothing'}`, () => {
      const issues = validate(piLedger, layoutWorkbook(piLedger, s.input), { asOf: SAMPLE_AS_OF }).issues;
      expect(ruleIds(issues), JSON.stringify(issues, null, 1)).toEqual([...s.expect].sort());
      const rows = s.input.tables![LEDGER].length;
      expect(rows).toBeGreaterThanOrEqual(8);
      expect(rows).toBeLessThanOrEqual(20);
    });
  }

  // A clean ledger still shows which rows a leak would have to be reported for (PL-LEAK is derived, not a defect).
  it('has a clean ledger with no issues but the leak flag', () => {
    const clean = samples.filter((s) => s.expect.length === 0);
    expect(clean.length).toBeGreaterThanOrEqual(1);
    for (const s of clean) {
      const issues = validate(piLedger, layoutWorkbook(piLedger, s.input), { asOf: SAMPLE_AS_OF }).issues;
      expect(issues.filter((i) => i.rule !== 'PL-LEAK')).toEqual([]);
      expect(issues.every((i) => i.severity === 'info')).toBe(true);
    }
  });

  it('flag the rows a leak may have to be reported for, and the data held abroad', () => {
    const flagged = samples.flatMap((s) =>
      validate(piLedger, layoutWorkbook(piLedger, s.input), { asOf: SAMPLE_AS_OF })
        .issues.filter((i) => i.rule === 'PL-LEAK' || i.rule === 'PL-LOCATION')
        .map((i) => `${i.rule}:${i.cell}`),
    );
    // HR-005–HR-009 (My Number data of 320, special-care), SL-001/002/006/007/008 (over 1,000), SL-009 held in Singapore.
    expect(flagged.filter((f) => f.startsWith('PL-LEAK')).length).toBeGreaterThanOrEqual(10);
    expect(flagged.filter((f) => f.startsWith('PL-LOCATION'))).toHaveLength(1);
  });

  it('keep their expectations across the documented as-of window', () => {
    for (const asOf of ['2026-10-31', '2027-04-01']) {
      for (const s of samples) {
        const issues = validate(piLedger, layoutWorkbook(piLedger, s.input), { asOf }).issues;
        expect(ruleIds(issues), `${s.file} @ ${asOf}`).toEqual([...s.expect].sort());
      }
    }
  });
});
