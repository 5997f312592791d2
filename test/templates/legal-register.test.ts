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
  row(2, { 名称: '行政手続における特定の個人を識別するための番号の利用等に関する法律', 公布日: '2013-05-31', 施行日: null }),
  row(3, { 区分: '規格', 名称: 'JIS Q 15001:2017', 公布日: '2017-12-20', 施行日: null, URL: 'https://www.jisc.go.jp/' }),
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
      'No', '区分', '名称', '所管・発行元', '法令番号', '公布日', '施行日', '最終改正日',
      '関連条項・要求事項', '当社の対応', '関連内部規程', 'URL', '確認日', '確認者', '備考',
    ]);
    expect(register.fields.filter((f) => f.required).map((f) => f.key)).toEqual([
      '名称', '所管・発行元', '関連条項・要求事項', '当社の対応', 'URL', '確認日', '確認者',
    ]);
    expect(register.key).toEqual(['名称']);
    const sources = legalRegister.sheets[1] as TableSheetDef;
    expect(sources.name).toBe('情報収集先');
    expect(sources.optional).toBe(true);
    expect(sources.fields.map((f) => f.key)).toEqual(['機関名', 'URL', '備考']);
    expect(legalRegister.rules.map((r) => r.id)).toEqual(['LR-DATES', 'LR-URL', 'LR-APRIL', 'LR-AMENDED', 'LR-BASELINE']);
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

describe('blank template', () => {
  const issues = validate(legalRegister, layoutWorkbook(legalRegister), { asOf: AS_OF }).issues;

  it('asks exactly for 当社の対応, 確認日 and 確認者 on every prefilled row', () => {
    expect(issues.every((i) => i.rule === 'V-REQUIRED' && i.sheet === SHEET.register)).toBe(true);
    expect(issues).toHaveLength(REGISTER_PREFILL.length * 3);
    expect(new Set(issues.map((i) => i.field))).toEqual(new Set(['当社の対応', '確認日', '確認者']));
    expect(issues[0].cell).toBe(`${col('当社の対応')}3`);
  });

  it('is clean once those three are filled in', () => {
    const rows = REGISTER_PREFILL.map((r) => ({ ...r, 当社の対応: '手順で規定', 確認日: '2026-04-10', 確認者: '見本 一郎' }));
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
    expect(of(check([...BASELINE_ROWS, row(4, { 区分: '法律', URL: 'https://www.jagra.or.jp/' })]), 'LR-URL')).toHaveLength(1);
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
    expect(of(check(rows, { asOf: '2026-03-31' }), 'LR-APRIL')).toEqual([['warning', SHEET.register, `${col('確認日')}7`]]);
  });

  it('passes a 確認日 on or after 1 April', () => {
    const rows = [...BASELINE_ROWS, row(4, { 確認日: '2026-04-01' })];
    expect(of(check(rows, { asOf: '2026-04-01' }), 'LR-APRIL')).toEqual([]);
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
    const byNumber = [row(1, { 名称: '個情法', 法令番号: '平成15年法律第57号' }), row(2, { 名称: 'マイナンバー法' }), BASELINE_ROWS[2]];
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
        for (const [from, to] of [['No', '番号'], ['名称', '法令名'], ['最終改正日', '改正日'], ['公布日', '交付日']]) {
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
    const next = validate(legalRegister, layoutWorkbook(legalRegister, clean.input), { asOf: '2027-04-01' }).issues;
    expect(new Set(next.map((i) => i.rule))).toEqual(new Set(['LR-APRIL']));
  });
});
