// The legal register (付録B, §4.3.4): its definition, its blank template, each LR-* rule broken and passed, samples.
import { describe, expect, it } from 'vitest';
import { samples, SAMPLE_AS_OF } from '../../scripts/samples/legal-register.js';
import type { CellValue, Grid } from '../../templates/model/grid.js';
import { layoutWorkbook } from '../../templates/model/layout.js';
import type { Issue, TableSheetDef } from '../../templates/model/types.js';
import { validate } from '../../templates/model/validate.js';
import {
  isOfficialHost,
  legalRegister,
  REGISTER_PREFILL,
  SHEET,
  SOURCES_PREFILL,
} from '../../templates/legal-register/index.js';

const AS_OF = '2026-11-20';
const register = legalRegister.sheets[0] as TableSheetDef;
const col = (key: string) => String.fromCharCode(65 + register.fields.findIndex((f) => f.key === key));

type Row = Record<string, CellValue>;

/** A complete, clean register row; overrides by field key. */
function row(no: number, values: Row = {}): Row {
  return {
    No: no,
    区分: '法律',
    名称: `テスト法${no}`,
    '所管・発行元': '個人情報保護委員会',
    公布日: '2003-05-30',
    施行日: '2005-04-01',
    '関連条項・要求事項': '第17条 利用目的の特定',
    当社の対応: 'PMSマニュアルで規定',
    URL: 'https://laws.e-gov.go.jp/law/415AC0000000057',
    確認日: '2026-04-10',
    確認者: '見本 一郎',
    ...values,
  };
}

/** The three baseline entries, so LR-BASELINE stays quiet unless a test removes one. */
const BASELINE_ROWS: Row[] = [
  row(1, { 名称: '個人情報の保護に関する法律' }),
  row(2, {
    名称: '行政手続における特定の個人を識別するための番号の利用等に関する法律',
    公布日: '2013-05-31',
    施行日: null,
  }),
  row(3, {
    区分: '規格',
    名称: 'JIS Q 15001:2017',
    公布日: '2017-12-20',
    施行日: null,
    URL: 'https://www.jisc.go.jp/',
  }),
];

function check(rows: Row[], opts: { asOf?: string; grid?: (g: Grid) => void } = {}): Issue[] {
  const grid = layoutWorkbook(legalRegister, { tables: { [SHEET.register]: rows } });
  opts.grid?.(grid);
  return validate(legalRegister, grid, { asOf: opts.asOf ?? AS_OF }).issues;
}

/** Issues of one rule, as compact tuples for exact assertions. */
const of = (issues: Issue[], rule: string) =>
  issues.filter((i) => i.rule === rule).map((i) => [i.severity, i.sheet, i.cell] as const);

describe('legal-register definition', () => {
  it('has the spec fields, keys and sheets', () => {
    expect(legalRegister.id).toBe('legal-register');
    expect(legalRegister.version).toBe(1);
    expect(register.fields.map((f) => f.key)).toEqual([
      'No',
      '区分',
      '名称',
      '所管・発行元',
      '法令番号',
      '公布日',
      '施行日',
      '最終改正日',
      '関連条項・要求事項',
      '当社の対応',
      '関連内部規程',
      'URL',
      '確認日',
      '確認者',
      '備考',
    ]);
    expect(register.fields.filter((f) => f.required).map((f) => f.key)).toEqual([
      '名称',
      '所管・発行元',
      '関連条項・要求事項',
      '当社の対応',
      'URL',
      '確認日',
      '確認者',
    ]);
    expect(register.key).toEqual(['名称']);
    const sources = legalRegister.sheets[1] as TableSheetDef;
    expect(sources.name).toBe('情報収集先');
    expect(sources.optional).toBe(true);
    expect(sources.fields.map((f) => f.key)).toEqual(['機関名', 'URL', '備考']);
    expect(legalRegister.rules.map((r) => r.id)).toEqual([
      'LR-DATES',
      'LR-URL',
      'LR-APRIL',
      'LR-AMENDED',
      'LR-BASELINE',
    ]);
    for (const f of register.fields) expect(f.label.en, f.key).toBeTruthy();
  });

  it('prefills only official URLs and unique numbers', () => {
    const nos = REGISTER_PREFILL.map((r) => r.No);
    expect(new Set(nos).size).toBe(nos.length);
    for (const r of [...REGISTER_PREFILL, ...SOURCES_PREFILL]) {
      const url = new URL(String(r.URL));
      expect(url.protocol, String(r.URL)).toBe('https:');
      expect(isOfficialHost(url.hostname, r.区分 === '業界規範'), url.hostname).toBe(true);
    }
  });
});

/** 平成十四年法律第二十六号 → 414AC0000000026, the e-Gov law id of an Act. */
function egovId(number: string): string | null {
  const m = number.match(/^(明治|大正|昭和|平成|令和)(.+)年法律第(.+)号$/u);
  if (!m) return null;
  const digit: Record<string, number> = { 〇: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const kanji = (t: string): number => {
    let total = 0;
    let n = 0;
    for (const c of t) {
      if (c in digit) n = digit[c];
      else {
        const unit = { 十: 10, 百: 100, 千: 1000 }[c]!;
        total += (n || 1) * unit;
        n = 0;
      }
    }
    return total + n;
  };
  const era = { 明治: 1, 大正: 2, 昭和: 3, 平成: 4, 令和: 5 }[m[1]]!;
  return `${era}${String(kanji(m[2])).padStart(2, '0')}AC${String(kanji(m[3])).padStart(10, '0')}`;
}

describe('pre-fill (Amendment 7)', () => {
  const byName = (part: string) => REGISTER_PREFILL.filter((r) => String(r.名称).includes(part));

  it("lists JIS Q 15001:2023 as the current edition, the manual's 2017 only in 備考", () => {
    const jis = byName('JIS Q 15001');
    expect(jis).toHaveLength(1);
    expect(jis[0]).toMatchObject({
      名称: 'JIS Q 15001:2023 個人情報保護マネジメントシステム－要求事項',
      公布日: '2023-09-20',
    });
    expect(String(jis[0].備考)).toContain('JIS Q 15001:2017');
    expect(String(byName('構築・運用指針')[0]['関連条項・要求事項'])).toContain('JIS Q 15001:2023準拠');
  });

  it('adds ISO/IEC 27001 and the laws a Privacy Mark register carries, with numbers and dates', () => {
    expect(byName('JIS Q 27001:2023')[0]['関連条項・要求事項']).toContain('ISO/IEC 27001:2022');
    const laws: [name: string, number: string, promulgated: string, inForce: string][] = [
      ['特定電子メールの送信の適正化等に関する法律', '平成十四年法律第二十六号', '2002-04-17', '2002-07-01'],
      ['不正アクセス行為の禁止等に関する法律', '平成十一年法律第百二十八号', '1999-08-13', '2000-02-13'],
      ['労働安全衛生法', '昭和四十七年法律第五十七号', '1972-06-08', '1972-10-01'],
      ['電気通信事業法', '昭和五十九年法律第八十六号', '1984-12-25', '1985-04-01'],
    ];
    for (const [name, number, promulgated, inForce] of laws) {
      expect(
        REGISTER_PREFILL.find((r) => r.名称 === name),
        name,
      ).toMatchObject({ 区分: '法律', 法令番号: number, 公布日: promulgated, 施行日: inForce });
    }
    expect(byName('電気通信事業法')[0]['関連条項・要求事項']).toContain('外部送信規律（第27条の12）');
    expect(byName('労働者の心身の状態に関する情報')[0]).toMatchObject({ 公布日: '2018-09-07', 施行日: '2019-04-01' });
    expect(byName('健康情報を取り扱うに当たっての留意事項')[0].URL).toMatch(/^https:\/\/www\.ppc\.go\.jp\//);
    expect(byName('補完的ルール')[0].名称).toBe(
      '個人情報の保護に関する法律に係るEU及び英国域内から十分性認定により移転を受けた個人データの取扱いに関する補完的ルール',
    );
    // Review 4.1 row 4: the health-information documents still apply beside the PPC guidelines.
    expect(String(byName('（通則編）')[0].備考)).toContain('健康情報');
    // Review 4.1 row 1: the articles the ledger's rules rest on.
    for (const art of ['第20条第2項', '第21条', '第28条', '第31条'])
      expect(String(REGISTER_PREFILL[0]['関連条項・要求事項'])).toContain(art);
  });

  it("names who publishes a JIS, and says the 行政機関等 volume's title is the manual's, to re-check (review §4.1 rows 10, 11)", () => {
    for (const r of [...byName('JIS Q 15001'), ...byName('JIS Q 27001')])
      expect(r['所管・発行元']).toBe('日本産業標準調査会（JISC）審議、日本規格協会（JSA）発行');
    const gyosei = byName('行政機関等')[0];
    expect(String(gyosei.備考)).toContain('名称はマニュアル§2の引用のとおり');
    expect(String(gyosei.備考)).toContain('現行の名称を確認');
  });

  it('gives every Act the e-Gov URL of its own law number', () => {
    const acts = REGISTER_PREFILL.filter((r) => r.区分 === '法律');
    expect(acts.length).toBeGreaterThanOrEqual(6);
    for (const r of acts)
      expect(String(r.URL), String(r.名称)).toBe(`https://laws.e-gov.go.jp/law/${egovId(String(r.法令番号))}`);
  });
});

describe('blank template', () => {
  const issues = validate(legalRegister, layoutWorkbook(legalRegister), { asOf: AS_OF }).issues;

  it('asks exactly for 当社の対応, 確認日 and 確認者 on every prefilled row', () => {
    expect(issues.every((i) => i.rule === 'V-REQUIRED' && i.sheet === SHEET.register)).toBe(true);
    expect(issues).toHaveLength(REGISTER_PREFILL.length * 3);
    expect(new Set(issues.map((i) => i.field))).toEqual(new Set(['当社の対応', '確認日', '確認者']));
    expect(issues[0].cell).toBe(`${col('当社の対応')}3`);
  });

  it('is clean once those three are filled in', () => {
    const rows = REGISTER_PREFILL.map((r) => ({
      ...r,
      当社の対応: '手順で規定',
      確認日: '2026-04-10',
      確認者: '見本 一郎',
    }));
    expect(check(rows)).toEqual([]);
  });
});

describe('LR-DATES', () => {
  it('flags 施行日 before 公布日 at the 施行日 cell', () => {
    const issues = check([...BASELINE_ROWS, row(4, { 公布日: '2005-05-30', 施行日: '2005-04-01' })]);
    expect(of(issues, 'LR-DATES')).toEqual([['error', SHEET.register, `${col('施行日')}6`]]);
    expect(issues.find((i) => i.rule === 'LR-DATES')!.message.ja).toContain('2005-04-01');
  });

  it('flags 最終改正日 before 公布日 at the 最終改正日 cell', () => {
    const issues = check([...BASELINE_ROWS, row(4, { 最終改正日: '2002-06-01', 確認日: '2026-04-10' })]);
    expect(of(issues, 'LR-DATES')).toEqual([['error', SHEET.register, `${col('最終改正日')}6`]]);
  });

  it('passes dates in order, the same day, and rows without 公布日', () => {
    const issues = check([
      ...BASELINE_ROWS,
      row(4, { 公布日: '2013-05-31', 施行日: '2013-05-31', 最終改正日: '2021-05-19' }),
      row(5, { 公布日: null, 施行日: '2001-01-01', 最終改正日: '2000-01-01' }),
    ]);
    expect(of(issues, 'LR-DATES')).toEqual([]);
  });

  it('does not re-report a date the engine rejected (V-DATE)', () => {
    const issues = check([...BASELINE_ROWS, row(4, { 公布日: '2003-05-30', 施行日: '平成十五年頃' })]);
    expect(of(issues, 'V-DATE')).toHaveLength(1);
    expect(of(issues, 'LR-DATES')).toEqual([]);
  });
});

describe('LR-URL', () => {
  it('warns on a host that is not an official source', () => {
    const issues = check([...BASELINE_ROWS, row(4, { URL: 'https://privacy-matome.example.com/tsusoku' })]);
    expect(of(issues, 'LR-URL')).toEqual([['warning', SHEET.register, `${col('URL')}6`]]);
    expect(issues.find((i) => i.rule === 'LR-URL')!.message.ja).toContain('privacy-matome.example.com');
  });

  it('leaves a non-http(s) URL to V-URL (error) and does not report it twice', () => {
    const issues = check([...BASELINE_ROWS, row(4, { URL: 'ftp://ftp.ppc.go.jp/rule.pdf' })]);
    expect(of(issues, 'V-URL')).toEqual([['error', SHEET.register, `${col('URL')}6`]]);
    expect(of(issues, 'LR-URL')).toEqual([]);
  });

  it('passes official hosts: go.jp, lg.jp, geographic local governments, JIPDEC, ISO; .or.jp for 業界規範 only', () => {
    const urls = [
      'https://www.ppc.go.jp/personalinfo/legal/',
      'http://elaws.e-gov.go.jp/document?lawid=415AC0000000057',
      'https://www.city.yokohama.lg.jp/',
      'https://www.pref.kanagawa.jp/',
      'https://www.city.kawasaki.jp/',
      'https://privacymark.jp/guideline/outline.html',
      'https://www.iso.org/standard/27001',
    ];
    const rows = urls.map((URL, i) => row(4 + i, { URL }));
    rows.push(row(20, { 区分: '業界規範', URL: 'https://www.jagra.or.jp/pmark/' }));
    expect(of(check([...BASELINE_ROWS, ...rows]), 'LR-URL')).toEqual([]);
    expect(
      of(check([...BASELINE_ROWS, row(4, { 区分: '法律', URL: 'https://www.jagra.or.jp/' })]), 'LR-URL'),
    ).toHaveLength(1);
  });

  it('does not take a look-alike host for an official one', () => {
    expect(isOfficialHost('ppc.go.jp.example.com')).toBe(false);
    expect(isOfficialHost('notgo.jp')).toBe(false);
    expect(isOfficialHost('www.ppc.go.jp.')).toBe(true);
  });
});

describe('LR-APRIL', () => {
  it('warns when 確認日 is before the latest 1 April on or before asOf', () => {
    const issues = check([...BASELINE_ROWS, row(4, { 確認日: '2026-03-31' })]);
    expect(of(issues, 'LR-APRIL')).toEqual([['warning', SHEET.register, `${col('確認日')}6`]]);
    expect(issues.find((i) => i.rule === 'LR-APRIL')!.message.ja).toContain('2026-04-01〜');
  });

  it('uses the previous April before 1 April of the as-of year', () => {
    const rows = [...BASELINE_ROWS, row(4, { 確認日: '2025-04-01' }), row(5, { 確認日: '2025-03-31' })];
    expect(of(check(rows, { asOf: '2026-03-31' }), 'LR-APRIL')).toEqual([
      ['warning', SHEET.register, `${col('確認日')}7`],
    ]);
  });

  it('passes a 確認日 on or after 1 April', () => {
    const rows = [...BASELINE_ROWS, row(4, { 確認日: '2026-04-01' })];
    expect(of(check(rows, { asOf: '2026-04-01' }), 'LR-APRIL')).toEqual([]);
  });

  // Review finding #13: the review is due 「毎年4月に」 (§4.3.4(3)), so a row is late only once April is over. The
  // review's case: the clean 2026 sample at 2027-04-02 gave 15 warnings.
  it('during April reports rows not yet re-checked as info, and warns from 1 May', () => {
    const clean = samples.find((s) => s.expect.length === 0)!;
    for (const asOf of ['2027-04-01', '2027-04-02', '2027-04-30']) {
      const issues = validate(legalRegister, layoutWorkbook(legalRegister, clean.input), { asOf }).issues;
      expect(issues.length, asOf).toBeGreaterThan(15);
      expect(new Set(issues.map((i) => `${i.rule}:${i.severity}`)), asOf).toEqual(new Set(['LR-APRIL:info']));
    }
    const may = validate(legalRegister, layoutWorkbook(legalRegister, clean.input), { asOf: '2027-05-01' }).issues;
    expect(new Set(may.map((i) => `${i.rule}:${i.severity}`))).toEqual(new Set(['LR-APRIL:warning']));
    expect(may[0].message.ja).toContain('2027年4月の定期見直し（2027-04-01〜）');
  });

  it("in April still warns on a row that missed last year's review", () => {
    const rows = [...BASELINE_ROWS, row(4, { 確認日: '2026-03-31' }), row(5, { 確認日: '2026-04-01' })];
    const issues = check(rows, { asOf: '2027-04-15' });
    expect(of(issues, 'LR-APRIL').filter(([severity]) => severity === 'warning')).toEqual([
      ['warning', SHEET.register, `${col('確認日')}6`],
    ]);
    expect(of(issues, 'LR-APRIL').filter(([, , cell]) => cell === `${col('確認日')}7`)).toEqual([
      ['info', SHEET.register, `${col('確認日')}7`],
    ]);
    expect(issues.find((i) => i.cell === `${col('確認日')}6`)!.message.ja).toContain('2026-04-01〜');
  });

  it('reads as natural Japanese (review 7.4)', () => {
    const april = check([...BASELINE_ROWS, row(4, { 確認日: '2026-03-31' })]).find((i) => i.rule === 'LR-APRIL')!;
    expect(april.message.ja).not.toContain('か・');
    const dates = check([...BASELINE_ROWS, row(4, { 最終改正日: '2002-06-01' })]).find((i) => i.rule === 'LR-DATES')!;
    expect(dates.message.ja).not.toContain('しか起こりません');
    expect(dates.message.ja).toContain('最終改正日が公布日より前になることはない');
  });
});

describe('LR-AMENDED', () => {
  it('warns when the entry was amended after it was checked', () => {
    const issues = check([...BASELINE_ROWS, row(4, { 最終改正日: '2026-06-12', 確認日: '2026-04-10' })]);
    expect(of(issues, 'LR-AMENDED')).toEqual([['warning', SHEET.register, `${col('最終改正日')}6`]]);
  });

  it('passes an amendment on or before the check date, or no amendment date', () => {
    const rows = [
      ...BASELINE_ROWS,
      row(4, { 最終改正日: '2026-04-10', 確認日: '2026-04-10' }),
      row(5, { 最終改正日: '2022-04-01' }),
      row(6, { 最終改正日: null }),
    ];
    expect(of(check(rows), 'LR-AMENDED')).toEqual([]);
  });
});

describe('LR-BASELINE', () => {
  const without = (no: number) => BASELINE_ROWS.filter((r) => r.No !== no);

  it('warns once per missing baseline entry, sheet-level on the 名称 column', () => {
    const issues = check(without(2));
    const found = issues.filter((i) => i.rule === 'LR-BASELINE');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', sheet: SHEET.register, cell: null, field: '名称' });
    expect(found[0].message.ja).toContain('番号法');
  });

  it('accepts any edition of JIS Q 15001', () => {
    for (const name of [
      'JIS Q 15001:2006',
      'JIS Q 15001:2017 個人情報保護マネジメントシステム－要求事項',
      'JIS Q 15001:2023 個人情報保護マネジメントシステム－要求事項',
    ]) {
      expect(
        of(check([BASELINE_ROWS[0], BASELINE_ROWS[1], row(3, { 区分: '規格', 名称: name })]), 'LR-BASELINE'),
        name,
      ).toEqual([]);
    }
  });

  it('warns three times on an empty register', () => {
    expect(of(check([]), 'LR-BASELINE')).toHaveLength(3);
  });

  it('accepts the usual variants of each name', () => {
    const rows = [
      row(1, { 名称: '個人情報保護法（個人情報の保護に関する法律）' }),
      row(2, { 名称: 'マイナンバー法' }),
      row(3, { 名称: '個人情報保護マネジメントシステム－要求事項（ＪＩＳ Ｑ １５００１：２０２３）' }),
    ];
    expect(of(check(rows), 'LR-BASELINE')).toEqual([]);
    const alt = [
      row(1, { 名称: '個人情報の保護に関する法律' }),
      row(2, { 名称: '行政手続における特定の個人を識別するための番号の利用等に関する法律（番号法）' }),
      row(3, { 名称: 'JISQ15001' }),
    ];
    expect(of(check(alt), 'LR-BASELINE')).toEqual([]);
    const byNumber = [
      row(1, { 名称: '個情法', 法令番号: '平成15年法律第57号' }),
      row(2, { 名称: 'マイナンバー法' }),
      BASELINE_ROWS[2],
    ];
    expect(of(check(byNumber), 'LR-BASELINE')).toEqual([]);
  });

  it('does not count a regulation or guideline as the law or the standard itself', () => {
    const rows = [
      row(1, { 名称: '個人情報の保護に関する法律施行令' }),
      row(2, { 名称: '個人情報の保護に関する法律についてのガイドライン（通則編）' }),
      row(3, { 名称: '行政手続における特定の個人を識別するための番号の利用等に関する法律施行規則' }),
      row(4, { 名称: 'JIS Q 15001:2006をベースにした個人情報保護マネジメントシステム実施のためのガイドライン' }),
    ];
    expect(of(check(rows), 'LR-BASELINE')).toHaveLength(3);
  });

  it('stays quiet when the register sheet itself is missing (SHEET-MISSING says it)', () => {
    const issues = check(BASELINE_ROWS, {
      grid: (g) => {
        g.sheets = g.sheets.filter((s) => s.name !== SHEET.register);
      },
    });
    expect(of(issues, 'SHEET-MISSING')).toEqual([['error', SHEET.register, null]]);
    expect(of(issues, 'LR-BASELINE')).toEqual([]);
  });
});

describe('structure', () => {
  it('a missing 情報収集先 sheet is a warning, not an error', () => {
    const issues = check(BASELINE_ROWS, {
      grid: (g) => {
        g.sheets = g.sheets.filter((s) => s.name !== SHEET.sources);
      },
    });
    expect(issues.map((i) => [i.rule, i.severity, i.sheet])).toEqual([['SHEET-MISSING', 'warning', SHEET.sources]]);
  });

  it('reads headers by synonym (番号, 法令名, 改正日, 交付日)', () => {
    const issues = check([...BASELINE_ROWS, row(4, { 最終改正日: '2026-06-12' })], {
      grid: (g) => {
        const header = g.sheets.find((s) => s.name === SHEET.register)!.rows[1];
        for (const [from, to] of [
          ['No', '番号'],
          ['名称', '法令名'],
          ['最終改正日', '改正日'],
          ['公布日', '交付日'],
        ]) {
          header[header.indexOf(from)] = to;
        }
      },
    });
    expect(issues.map((i) => i.rule)).toEqual(['LR-AMENDED']);
  });
});

describe('samples', () => {
  it('checks SAMPLE_AS_OF against this test file', () => expect(SAMPLE_AS_OF).toBe(AS_OF));

  for (const s of samples) {
    it(`${s.file} raises exactly ${s.expect.join(', ') || 'nothing'}`, () => {
      const { issues } = validate(legalRegister, layoutWorkbook(legalRegister, s.input), { asOf: SAMPLE_AS_OF });
      expect([...new Set(issues.map((i) => i.rule))].sort()).toEqual([...s.expect].sort());
      if (s.expect.length === 0) expect(issues).toEqual([]);
    });
  }

  it('the clean sample stays clean until the next April', () => {
    const clean = samples.find((s) => s.expect.length === 0)!;
    for (const asOf of ['2026-07-01', '2027-03-31']) {
      expect(validate(legalRegister, layoutWorkbook(legalRegister, clean.input), { asOf }).issues).toEqual([]);
    }
    const next = validate(legalRegister, layoutWorkbook(legalRegister, clean.input), { asOf: '2027-05-01' }).issues;
    expect(new Set(next.map((i) => i.rule))).toEqual(new Set(['LR-APRIL']));
  });
});
