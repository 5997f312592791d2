// The audit's cross-workbook rules (templates/audit): company names matched across workbooks, PL-OUTSOURCE against
// the evaluations, CE-RETENTION where retention periods are comparable, departments of findings — on the bundled
// samples (which tell one company's story) and on small cases.
import { describe, expect, it } from 'vitest';
import { foldCompany, foldCorpNo } from '../../templates/model/fold.js';
import {
  auditRules,
  contractorNames,
  departmentsOf,
  evaluationFact,
  latestEvaluations,
  outsourcedRows,
  type EvaluationFact,
  type OutsourcedRow,
} from '../../templates/audit/rules.js';
import { contractorEvaluation } from '../../templates/contractor-evaluation/index.js';
import { layoutWorkbook } from '../../templates/model/layout.js';
import { readRecords } from '../../templates/model/read.js';
import type { PeriodValue } from '../../templates/model/types.js';
import { ruleContext, validate } from '../../templates/model/validate.js';
import { piLedger } from '../../templates/pi-ledger/index.js';
import { samples as evaluationSamples } from '../../scripts/samples/contractor-evaluation.js';
import { SAMPLE_AS_OF, samples as ledgerSamples } from '../../scripts/samples/pi-ledger.js';

const ledgers = ledgerSamples.map((s) => ({
  file: s.file,
  data: readRecords(piLedger, layoutWorkbook(piLedger, s.input)),
}));
const evaluations = evaluationSamples.map((s) =>
  evaluationFact(
    s.file,
    ruleContext(
      contractorEvaluation,
      readRecords(contractorEvaluation, layoutWorkbook(contractorEvaluation, s.input)),
      SAMPLE_AS_OF,
    ),
  ),
);
const rows = ledgers.flatMap((l) => outsourcedRows(l.file, l.data));

describe('company names', () => {
  it('fold width, spacing, punctuation and the legal form, before or after the name', () => {
    const k = foldCompany('株式会社サンプル給与サービス');
    for (const v of [
      '（株）サンプル給与サービス',
      '(株)サンプル給与サービス',
      'サンプル給与サービス㈱',
      'サンプル給与サービス株式会社',
      ' 株式会社　サンプル給与サービス ',
      'ｻﾝﾌﾟﾙ給与サービス株式会社',
    ]) {
      expect(foldCompany(v), v).toBe(k);
    }
    expect(foldCompany('Sample Asia Pte. Ltd.')).toBe(foldCompany('SAMPLE ASIA'));
    expect(foldCompany('株式会社サンプル給与')).not.toBe(k);
    expect(foldCompany('有限会社さくら見本梱包')).toBe(foldCompany('さくら見本梱包'));
  });

  it('reads a 法人番号 written with full-width digits or hyphens', () => {
    expect(foldCorpNo('６９９９９００００００１１')).toBe('6999900000011');
    expect(foldCorpNo('6-9999-0000-0011')).toBe('6999900000011');
    expect(foldCorpNo('699990000001')).toBeNull();
  });

  it('splits a cell naming several contractors, but not on the middle dot inside a name', () => {
    expect(contractorNames('株式会社A、B株式会社／C・D商事\n株式会社E')).toEqual([
      '株式会社A',
      'B株式会社',
      'C・D商事',
      '株式会社E',
    ]);
  });
});

describe('the bundled samples, as of their date', () => {
  const found = auditRules(rows, evaluations, SAMPLE_AS_OF);

  it('every contractor the ledgers name is evaluated, but for two services, a printer and a recruiter recorded 合格 that its answers fail', () => {
    const outsource = found.filter((f) => f.issue.rule === 'PL-OUTSOURCE');
    expect(outsource.map((f) => [f.file, f.issue.sheet, f.issue.cell, f.issue.value])).toEqual([
      ['pl-01-jinji-overdue-and-contractor.xlsx', '台帳', 'Z6', '株式会社架空リクルート'],
      ['pl-03-eigyo-vague-and-risk-gap.xlsx', '台帳', 'Z6', '株式会社サンプル名刺管理'],
      ['pl-03-eigyo-vague-and-risk-gap.xlsx', '台帳', 'Z8', '株式会社サンプル配信サービス'],
      ['pl-03-eigyo-vague-and-risk-gap.xlsx', '台帳', 'Z9', '株式会社見本印刷'],
    ]);
    expect(outsource.every((f) => f.issue.severity === 'error' && f.issue.field === '委託先')).toBe(true);
    // Review finding 2: HR-004's recruiter is recorded 合格 at 73.5% against an 80% pass mark.
    expect(outsource[0].issue.message.ja).toContain(
      '「合格」と記録されていますが、評価内容からは「不合格」です（得点率 73.5%（合格基準 80%）',
    );
    expect(outsource[0].issue.message.en).toContain('answers call for "不合格"');
    expect(outsource[1].issue.message.ja).toContain('委託先評価がありません');
    // The printer's evaluation is both lapsed and recorded 合格 with the must-have C-05 不適合: failing comes first.
    expect(outsource[3].issue.message.ja).toContain('評価内容からは「不合格」です');
    // （株）サンプル給与サービス in the ledger is the evaluated 株式会社サンプル給与サービス.
    expect(rows.find((r) => r.管理番号 === 'HR-005')?.written).toBe('（株）サンプル給与サービス');
  });

  it('the warehouse keeps its contract for less time than the forms it stores (CE-RETENTION)', () => {
    const retention = found.filter((f) => f.issue.rule === 'CE-RETENTION');
    expect(retention).toHaveLength(1);
    expect(retention[0]).toMatchObject({
      file: 'ce-02-souko-keiyaku-fubi',
      issue: { severity: 'warning', sheet: '判定', field: '契約書保存期限', value: '契約終了後3年' },
    });
    expect(retention[0].issue.cell).toBe(
      evaluations.find((e) => e.file === 'ce-02-souko-keiyaku-fubi')!.keepCell!.cell,
    );
    expect(retention[0].issue.message.ja).toContain('SL-002「申込書」の保管期限「契約終了後5年」');
    // IS-004 is kept 取得後3か月: another event, not comparable with 契約終了後3年.
    expect(retention[0].issue.message.ja).not.toContain('IS-004');
    // Review §6: 契約終了 in the ledger (the customer's contract) and in the evaluation (the outsourcing contract) may be
    // different contracts; the message says the comparison assumes they end together.
    expect(retention[0].issue.message.ja).toContain('なお、どちらも「契約終了」からの期間として比べています');
    expect(retention[0].issue.message.en).toContain('compare the actual dates');
  });

  it('finds nothing else', () => {
    expect(found).toHaveLength(5);
  });
});

const keep = (text: string, p: PeriodValue): Pick<OutsourcedRow, 'keep' | 'keepText'> => ({ keep: p, keepText: text });
const after = (event: string, years: number): PeriodValue => ({
  kind: 'after',
  event,
  years,
  text: `${event}後${years}年`,
});

function row(name: string, extra: Partial<OutsourcedRow> = {}): OutsourcedRow {
  return {
    file: 'l.xlsx',
    sheet: '台帳',
    row: 3,
    cell: 'X3',
    部門: '総務部',
    管理番号: 'GA-001',
    名称: '顧客名簿',
    written: name,
    contractors: contractorNames(name),
    keep: null,
    keepText: null,
    ...extra,
  };
}

function evaluation(name: string, extra: Partial<EvaluationFact> = {}): EvaluationFact {
  return {
    file: `${name}.xlsx`,
    name,
    corpNo: null,
    verdict: '合格',
    expected: null,
    expectedReason: null,
    evaluatedOn: '2026-06-01',
    nextDue: '2027-05-31',
    contractKeep: null,
    contractKeepText: null,
    nameCell: { sheet: '評価票', cell: 'B3' },
    keepCell: { sheet: '判定', cell: 'B8' },
    ...extra,
  };
}

describe('PL-OUTSOURCE across workbooks', () => {
  const asOf = '2026-11-20';
  const rules = (r: OutsourcedRow[], e: EvaluationFact[]) =>
    auditRules(r, e, asOf).map((f) => `${f.issue.rule}:${f.issue.value}`);

  it("passes a current 合格 or 条件付合格, whatever the name's width or legal form", () => {
    expect(rules([row('ＡＢＣ物流㈱')], [evaluation('株式会社ABC物流')])).toEqual([]);
    expect(rules([row('ABC物流')], [evaluation('ABC物流', { verdict: '条件付合格' })])).toEqual([]);
  });

  it('flags a missing, failed, undated or year-old evaluation, name by name', () => {
    expect(
      rules(
        [row('A社、B社、C社、D社')],
        [
          evaluation('B社', { verdict: '不合格' }),
          evaluation('C社', { evaluatedOn: null }),
          evaluation('D社', { evaluatedOn: '2025-11-19' }),
        ],
      ),
    ).toEqual(['PL-OUTSOURCE:A社', 'PL-OUTSOURCE:B社', 'PL-OUTSOURCE:C社', 'PL-OUTSOURCE:D社']);
    // Exactly 12 months is still current.
    expect(rules([row('D社')], [evaluation('D社', { evaluatedOn: '2025-11-20' })])).toEqual([]);
  });

  it('cites yearly re-evaluation as PrivacyMark practice, not as the manual (review §5.3, as CE-NEXT does)', () => {
    const [f] = auditRules([row('D社')], [evaluation('D社', { evaluatedOn: '2025-11-19' })], '2026-11-20');
    expect(f.issue.message.ja).toContain('プライバシーマークの審査');
    expect(f.issue.message.ja).not.toMatch(/年1回評価し直してください（§4\.4\.3\.4）/u);
    expect(f.issue.message.en).toContain('PrivacyMark assessments');
  });

  it('judges by the worse of the recorded and the derived verdict (Amendment 1)', () => {
    const failing = {
      expected: '不合格' as const,
      expectedReason: { ja: '得点率 73.5%（合格基準 80%） → 不合格', en: 'score 73.5% (pass mark 80%) → fail' },
    };
    expect(rules([row('F社')], [evaluation('F社', { verdict: '合格', ...failing })])).toEqual(['PL-OUTSOURCE:F社']);
    expect(rules([row('F社')], [evaluation('F社', { verdict: '条件付合格', ...failing })])).toEqual([
      'PL-OUTSOURCE:F社',
    ]);
    // The answers call for 条件付合格: a recorded 合格 is still passing for the audit (CE-* reports the 判定 itself).
    expect(rules([row('F社')], [evaluation('F社', { verdict: '合格', expected: '条件付合格' })])).toEqual([]);
    // A recorded 不合格 stands even when the answers would pass.
    expect(rules([row('F社')], [evaluation('F社', { verdict: '不合格', expected: '合格' })])).toEqual([
      'PL-OUTSOURCE:F社',
    ]);
  });

  it('judges by the latest evaluation of a contractor, and matches a 法人番号 written in the ledger', () => {
    const old = evaluation('E社', { verdict: '不合格', evaluatedOn: '2026-01-10', file: 'old.xlsx' });
    const recent = evaluation('E社', { evaluatedOn: '2026-09-10', file: 'new.xlsx' });
    expect(latestEvaluations([old, recent]).get(foldCompany('E社'))?.file).toBe('new.xlsx');
    expect(rules([row('E社')], [recent, old])).toEqual([]);
    expect(rules([row('6999900000011')], [evaluation('全く別の表記', { corpNo: '6999900000011' })])).toEqual([]);
  });
});

describe('CE-RETENTION', () => {
  const asOf = '2026-11-20';
  const retention = (r: OutsourcedRow, e: EvaluationFact) =>
    auditRules([r], [e], asOf).filter((f) => f.issue.rule === 'CE-RETENTION');
  const date = (iso: string): PeriodValue => ({ kind: 'date', iso });

  it.each([
    ['two dates', keep('2030-03-31', date('2030-03-31')), date('2029-03-31'), 1],
    ['two dates, contract longer', keep('2030-03-31', date('2030-03-31')), date('2031-03-31'), 0],
    ['the same event', keep('契約終了後5年', after('契約終了', 5)), after('契約終了', 3), 1],
    ['the same event, equal', keep('契約終了後5年', after('契約終了', 5)), after('契約終了', 5), 0],
    ['data kept 永年', keep('永年', { kind: 'permanent', text: '永年' }), after('契約終了', 10), 1],
    ['contract kept 永年', keep('退職後7年', after('退職', 7)), { kind: 'permanent', text: '永年' } as PeriodValue, 0],
    ['different events: not comparable', keep('退職後7年', after('退職', 7)), after('契約終了', 3), 0],
    ['a date against a period: not comparable', keep('2030-03-31', date('2030-03-31')), after('契約終了', 3), 0],
  ] as const)('%s', (_, k, contract, n) => {
    const found = retention(row('F社', { ...k }), evaluation('F社', { contractKeep: contract, contractKeepText: 'x' }));
    expect(found).toHaveLength(n);
  });

  it('says which event label it compared by (any label, not only 契約終了), and nothing of the kind for two dates', () => {
    const [f] = retention(
      row('F社', keep('最終取引後5年', after('最終取引', 5))),
      evaluation('F社', { contractKeep: after('最終取引', 3), contractKeepText: '最終取引後3年' }),
    );
    expect(f.issue.message.ja).toContain('なお、どちらも「最終取引」からの期間として比べています');
    expect(f.issue.message.en).toContain('the same "最終取引"');
    const [d] = retention(
      row('F社', keep('2030-03-31', date('2030-03-31'))),
      evaluation('F社', { contractKeep: date('2029-03-31'), contractKeepText: '2029-03-31' }),
    );
    expect(d.issue.message.ja).not.toContain('なお');
  });

  it("points at the evaluation's cell, names the file, and lists the ledger rows", () => {
    const rows2 = [1, 2, 3, 4].map((i) =>
      row('G社', { 管理番号: `GA-00${i}`, ...keep('契約終了後5年', after('契約終了', 5)) }),
    );
    const [f] = auditRules(
      rows2,
      [evaluation('G社', { contractKeep: after('契約終了', 2), contractKeepText: '契約終了後2年' })],
      asOf,
    );
    expect(f).toMatchObject({
      file: 'G社.xlsx',
      issue: { rule: 'CE-RETENTION', sheet: '判定', cell: 'B8', value: '契約終了後2年' },
    });
    expect(f.issue.message.ja).toContain('ほか1件');
  });
});

describe('departments of findings', () => {
  it('are the 部門 of the row a finding points at; a risk row belongs to its ledger row', () => {
    const s = ledgerSamples.find((x) => x.file.startsWith('pl-03'))!;
    const v = validate(piLedger, layoutWorkbook(piLedger, s.input), { asOf: SAMPLE_AS_OF });
    const depts = departmentsOf(v.issues, v.data);
    const problems = v.issues
      .map((i, k) => `${i.rule}:${depts[k]}:${i.sheet}`)
      .filter((x) => !/^PL-(?:LEAK|LOCATION):/.test(x));
    // PL-RESIDUAL points at a risk row: its department is its ledger row's.
    // PL-REENTRUST: SL-007 passes data a client entrusted to us on to 見本印刷 (an info asking for the client's consent).
    expect(problems.sort()).toEqual([
      'PL-RECORD:営業部:台帳',
      'PL-REENTRUST:営業部:台帳',
      'PL-RESIDUAL:営業部:リスク分析',
      'PL-RISK:営業部:台帳',
      'PL-VAGUE:営業部:台帳',
    ]);
    expect(new Set(depts)).toEqual(new Set(['営業部']));
    expect(departmentsOf([{ ...v.issues[0], cell: null }], v.data)).toEqual([null]);
  });
});
