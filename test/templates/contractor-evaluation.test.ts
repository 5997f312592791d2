// 委託先評価 (contractor-evaluation): definition, score, every CE-* rule broken and passed, and the samples.
import { describe, expect, it } from 'vitest';
import { sampleAsOf, samples } from '../../scripts/samples/contractor-evaluation.js';
import {
  contractorEvaluation as def,
  CRITERIA,
  CONTRACT_ITEMS,
  SCORE_FORMULA,
} from '../../templates/contractor-evaluation/index.js';
import { expectedVerdict } from '../../templates/contractor-evaluation/rules.js';
import { placesAbroad as foreignPlaces } from '../../templates/model/places.js';
import type { CellValue } from '../../templates/model/grid.js';
import { layoutWorkbook, type WorkbookInput } from '../../templates/model/layout.js';
import type { Issue } from '../../templates/model/types.js';
import { validate } from '../../templates/model/validate.js';

const asOf = sampleAsOf;
const sample = (file: string) => samples.find((s) => s.file.startsWith(file))!;
const CLEAN = 'ce-01';

/** A deep copy of a sample's input, changed by `edit`. */
function input(
  file: string,
  edit: (i: Required<Pick<WorkbookInput, 'forms' | 'answers'>>) => void = () => {},
): WorkbookInput {
  const copy = structuredClone(sample(file).input) as Required<Pick<WorkbookInput, 'forms' | 'answers'>>;
  edit(copy);
  return copy;
}

function run(inp: WorkbookInput, on = asOf) {
  return validate(def, layoutWorkbook(def, inp), { asOf: on });
}

const issuesOf = (issues: Issue[], rule: string) => issues.filter((i) => i.rule === rule);
const at = (i: Issue) => ({ rule: i.rule, severity: i.severity, sheet: i.sheet, cell: i.cell });
const set = (rec: Record<string, Record<string, CellValue>>, id: string, values: Record<string, CellValue>) =>
  Object.assign(rec[id], values);

// Layout of the template (rows from 3): 評価票 B3..B22, 判定 B3..B8, 評価項目/契約内容 answers in column E.
const CELL = {
  データの所在国: 'B6',
  委託開始日: 'B11',
  再委託先: 'B14',
  特定個人情報の再委託許諾: 'B15',
  認証有効期限: 'B18',
  評価日: 'B20',
  得点率: 'B3',
  判定: 'B5',
  次回評価期限: 'B7',
} as const;

describe('contractor-evaluation definition', () => {
  it('is a form template of four sheets for §4.4.3.4', () => {
    expect(def.id).toBe('contractor-evaluation');
    expect(def.version).toBe(2);
    expect(def.shape).toBe('form');
    expect(def.sheets.map((s) => `${s.name}:${s.kind}`)).toEqual([
      '評価票:form',
      '評価項目:questions',
      '契約内容:questions',
      '判定:form',
    ]);
  });

  it('has 18 criteria over the seven sections, five of them 必須, with unique ids', () => {
    expect(CRITERIA).toHaveLength(18);
    expect(new Set(CRITERIA.map((q) => q.id)).size).toBe(18);
    expect(new Set(CRITERIA.map((q) => q.section))).toEqual(
      new Set(['組織的', '人的', '物理的', '技術的', '再委託', '事故・違反歴', '経営・反社']),
    );
    expect(CRITERIA.filter((q) => q.critical).map((q) => q.id)).toEqual(['C-01', 'C-03', 'C-05', 'C-11', 'C-17']);
    for (const q of CRITERIA)
      expect(q.question.ja && q.question.en && q.title.ja && q.title.en && q.clause).toBeTruthy();
  });

  it('has the eight contract items of §4.4.3.4 (1)–(8)', () => {
    expect(CONTRACT_ITEMS.map((k) => `${k.id} ${k.clause}`)).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `K-${n} §4.4.3.4(${n})`),
    );
  });

  it('holds a 得点率 formula over the 評価 column of 評価項目', () => {
    expect(SCORE_FORMULA).toContain("'評価項目'!$E$3:$E$20");
    expect(SCORE_FORMULA.startsWith('=')).toBe(false);
    const field = def.sheets.find((s) => s.name === '判定')!;
    expect(field.kind === 'form' && field.fields[0]).toMatchObject({
      key: '得点率',
      computed: true,
      formula: SCORE_FORMULA,
    });
  });

  it('blank template: required fields and every unanswered row are reported, nothing else', () => {
    const { issues } = run({});
    expect(new Set(issues.map((i) => i.rule))).toEqual(new Set(['V-REQUIRED', 'CE-ANSWER', 'CE-LOCATION']));
    expect(issuesOf(issues, 'CE-ANSWER')).toHaveLength(26);
    expect(issuesOf(issues, 'CE-LOCATION').map(at)).toEqual([
      { rule: 'CE-LOCATION', severity: 'warning', sheet: '評価票', cell: CELL.データの所在国 },
    ]);
    expect(issuesOf(issues, 'V-REQUIRED').map((i) => i.field)).toEqual([
      '委託先名',
      '所在地',
      '担当者',
      '委託業務の内容',
      '委託する個人情報',
      '評価日',
      '評価者',
      '判定',
    ]);
  });
});

describe('承認者 (review §5.2): optional, as §4.4.3.4 names no approval of the evaluation', () => {
  it('is not required, and an evaluation without it raises nothing', () => {
    const form = def.sheets.find((s) => s.name === '評価票')!;
    const field = form.fields.find((f) => f.key === '承認者')!;
    expect(field.required ?? false).toBe(false);
    expect(run(input(CLEAN, (i) => (i.forms['評価票']['承認者'] = null))).issues).toEqual([]);
  });
  it('its hint says why it is optional and when to fill it in', () => {
    const form = def.sheets.find((s) => s.name === '評価票')!;
    const hint = form.fields.find((f) => f.key === '承認者')!.hint!;
    expect(hint.ja).toContain('§4.4.3.4');
    expect(hint.ja).toContain('任意');
    expect(hint.ja).toContain('社内の委託手順');
    expect(hint.en).toContain('Optional');
    expect(hint.en).toContain('§4.4.3.4');
  });
});

describe('samples', () => {
  it.each(samples.map((s) => [s.file, s] as const))('%s raises exactly its expected rules', (_, s) => {
    const { issues } = run(s.input);
    const raised = [...new Set(issues.filter((i) => i.severity !== 'info').map((i) => i.rule))].sort();
    expect(raised).toEqual([...s.expect].sort());
  });

  it('the clean sample has no errors, warnings or notes at all', () => {
    expect(run(sample(CLEAN).input).issues).toEqual([]);
  });

  it('every sample records the 得点率 the criteria give, except the one that is meant not to', () => {
    for (const s of samples) {
      const { score } = run(s.input);
      const recorded = s.input.forms!['判定']['得点率'] as number;
      if (s.file.startsWith('ce-05')) expect(Math.abs(recorded - score!.rate!)).toBeGreaterThan(0.05);
      else expect(recorded).toBeCloseTo(score!.rate!, 3);
    }
  });
});

describe('score', () => {
  it('適合 2, 一部適合 1, 不適合 0, 該当なし left out; per section and overall', () => {
    const { score } = run(sample(CLEAN).input);
    expect(score).toMatchObject({ points: 32, max: 34, rate: 32 / 34, answered: 18, total: 18, redFlags: [] });
    const sections = Object.fromEntries(score!.sections.map((s) => [s.key, s]));
    expect(sections['組織的']).toMatchObject({ points: 7, max: 8, rate: 7 / 8 });
    expect(sections['再委託']).toMatchObject({ points: 0, max: 0, rate: null });
    expect(score!['判定']).toBe('合格');
    expect(score!['合格基準']).toBe(0.8);
    expect((score!['判定理由'] as { ja: string }).ja).toContain('94.1%');
  });

  it('red flags are the 必須 criteria rated 不適合, and the expected 判定 is then 不合格', () => {
    const { score } = run(sample('ce-04').input);
    expect(score!.redFlags).toEqual(['C-05']);
    expect(score!['判定']).toBe('不合格');
  });

  it('expects 条件付合格 for a 必須 一部適合 or a contract gap, 不合格 below the pass mark', () => {
    const partial = run(input(CLEAN, (i) => set(i.answers['評価項目'], 'C-11', { 評価: '一部適合' }))).score!;
    expect(partial['判定']).toBe('条件付合格');
    expect(partial['必須一部適合']).toEqual(['C-11']);
    expect(run(sample('ce-02').input).score!['判定']).toBe('条件付合格');
    expect(run(sample('ce-05').input).score!['判定']).toBe('不合格');
  });

  it('expectedVerdict follows the documented logic', () => {
    expect(expectedVerdict(null, 0.8, 0, 0)).toBeNull();
    expect(expectedVerdict(0.79, 0.8, 0, 0)).toBe('不合格');
    expect(expectedVerdict(0.8, 0.8, 0, 0)).toBe('合格');
    expect(expectedVerdict(1, 0.8, 1, 0)).toBe('不合格');
    expect(expectedVerdict(0.9, 0.8, 0, 2)).toBe('条件付合格');
  });

  it('accepts ○△× and counts them like 適合/一部適合/不適合', () => {
    const { issues, score } = run(
      input(CLEAN, (i) => {
        set(i.answers['評価項目'], 'C-02', { 評価: '○' });
        set(i.answers['評価項目'], 'C-04', { 評価: '△' });
        set(i.answers['評価項目'], 'C-16', { 評価: '×' });
        set(i.answers['評価項目'], 'C-15', { 評価: '-' });
      }),
    );
    expect(issuesOf(issues, 'V-ENUM')).toEqual([]);
    expect(score).toMatchObject({ points: 30, max: 34 });
  });

  it('an all-該当なし evaluation has no rate and no expected 判定', () => {
    const { score, issues } = run(
      input(CLEAN, (i) => {
        for (const q of CRITERIA) set(i.answers['評価項目'], q.id, { 評価: '該当なし' });
      }),
    );
    expect(score).toMatchObject({ rate: null, max: 0, answered: 18 });
    expect(score!['判定']).toBeNull();
    expect(issuesOf(issues, 'CE-SCORE')).toEqual([]);
  });
});

describe('CE-ANSWER', () => {
  it('breaks: an unrated criterion and an unanswered contract item', () => {
    const { issues } = run(
      input(CLEAN, (i) => {
        set(i.answers['評価項目'], 'C-07', { 評価: null });
        set(i.answers['契約内容'], 'K-8', { 規定: null });
      }),
    );
    expect(issuesOf(issues, 'CE-ANSWER').map(at)).toEqual([
      { rule: 'CE-ANSWER', severity: 'error', sheet: '評価項目', cell: 'E9' },
      { rule: 'CE-ANSWER', severity: 'error', sheet: '契約内容', cell: 'E10' },
    ]);
  });

  it('passes: 該当なし is an answer; an invalid answer is left to V-ENUM', () => {
    const { issues } = run(input(CLEAN, (i) => set(i.answers['評価項目'], 'C-07', { 評価: 'たぶん' })));
    expect(issuesOf(issues, 'CE-ANSWER')).toEqual([]);
    expect(issuesOf(issues, 'V-ENUM').map(at)).toEqual([
      { rule: 'V-ENUM', severity: 'error', sheet: '評価項目', cell: 'E9' },
    ]);
  });
});

describe('CE-CONTRACT', () => {
  it('breaks: 合格 with K-4 規定なし', () => {
    const found = issuesOf(run(sample('ce-02').input).issues, 'CE-CONTRACT');
    expect(found.map(at)).toEqual([{ rule: 'CE-CONTRACT', severity: 'error', sheet: '契約内容', cell: 'E6' }]);
    expect(found[0].message.ja).toContain('K-4');
    expect(found[0].message.ja).toContain('§4.4.3.4(4)');
  });

  it('passes: 条件付合格 (contract to be amended) with the same gap', () => {
    const { issues } = run(
      input('ce-02', (i) =>
        Object.assign(i.forms['判定'], { 判定: '条件付合格', 条件・所見: '覚書で報告頻度を定める' }),
      ),
    );
    expect(issues).toEqual([]);
  });
});

describe('CE-MANDATORY', () => {
  it('breaks: 合格 with 必須 C-05 不適合', () => {
    const found = issuesOf(run(sample('ce-04').input).issues, 'CE-MANDATORY');
    expect(found.map(at)).toEqual([{ rule: 'CE-MANDATORY', severity: 'error', sheet: '評価項目', cell: 'E7' }]);
    expect(found[0].message.ja).toContain('C-05');
  });

  it('passes: 不合格 with the same answers; 不適合 on a criterion that is not 必須', () => {
    expect(issuesOf(run(input('ce-04', (i) => (i.forms['判定']['判定'] = '不合格'))).issues, 'CE-MANDATORY')).toEqual(
      [],
    );
    const other = run(input(CLEAN, (i) => set(i.answers['評価項目'], 'C-07', { 評価: '不適合' })));
    expect(issuesOf(other.issues, 'CE-MANDATORY')).toEqual([]);
  });
});

describe('CE-SCORE', () => {
  it('breaks: 合格 below the pass mark, and a hand-typed 得点率 that differs from the criteria', () => {
    const found = issuesOf(run(sample('ce-05').input).issues, 'CE-SCORE');
    expect(found.map(at)).toEqual([
      { rule: 'CE-SCORE', severity: 'error', sheet: '判定', cell: CELL.得点率 },
      { rule: 'CE-SCORE', severity: 'error', sheet: '判定', cell: CELL.判定 },
    ]);
    expect(found[0].message.ja).toContain('82%');
    expect(found[0].message.ja).toContain('73.5%');
  });

  it('breaks: a stricter 合格基準 (95%) that the score misses; 条件付合格 too', () => {
    const strict = run(input(CLEAN, (i) => (i.forms['判定']['合格基準'] = '95%')));
    expect(issuesOf(strict.issues, 'CE-SCORE').map(at)).toEqual([
      { rule: 'CE-SCORE', severity: 'error', sheet: '判定', cell: CELL.判定 },
    ]);
    const conditional = run(
      input('ce-05', (i) =>
        Object.assign(i.forms['判定'], { 判定: '条件付合格', 得点率: null, 条件・所見: '3か月後に再評価' }),
      ),
    );
    expect(issuesOf(conditional.issues, 'CE-SCORE').map(at)).toEqual([
      { rule: 'CE-SCORE', severity: 'error', sheet: '判定', cell: CELL.判定 },
    ]);
  });

  it('warns: 不合格 while everything says 合格 and no reason is written', () => {
    const failed = run(input(CLEAN, (i) => (i.forms['判定']['判定'] = '不合格')));
    expect(issuesOf(failed.issues, 'CE-SCORE').map(at)).toEqual([
      { rule: 'CE-SCORE', severity: 'warning', sheet: '判定', cell: CELL.判定 },
    ]);
    const reasoned = run(
      input(CLEAN, (i) =>
        Object.assign(i.forms['判定'], { 判定: '不合格', 条件・所見: '委託業務の縮小により契約を更新しない' }),
      ),
    );
    expect(issuesOf(reasoned.issues, 'CE-SCORE')).toEqual([]);
  });

  it('passes: 不合格 below the pass mark; an empty 得点率 (formula without a cached result)', () => {
    const failed = run(input('ce-05', (i) => Object.assign(i.forms['判定'], { 判定: '不合格', 得点率: null })));
    expect(issuesOf(failed.issues, 'CE-SCORE')).toEqual([]);
    const typed = run(input(CLEAN, (i) => (i.forms['判定']['得点率'] = '94%')));
    expect(issuesOf(typed.issues, 'CE-SCORE')).toEqual([]);
  });
});

describe('derived verdict (Amendment 1: a recorded 判定 better than the answers allow is an error)', () => {
  const judged = (edit: Parameters<typeof input>[1]) =>
    run(input(CLEAN, edit)).issues.filter((i) => i.severity !== 'info');

  it('review e1: 条件付合格 with 必須 C-05 不適合 → CE-MANDATORY error on C-05', () => {
    const issues = judged((i) => {
      set(i.answers['評価項目'], 'C-05', { 評価: '不適合' });
      Object.assign(i.forms['判定'], { 判定: '条件付合格', 条件・所見: '誓約書を次回までに回収', 得点率: null });
    });
    expect(issues.map(at)).toEqual([{ rule: 'CE-MANDATORY', severity: 'error', sheet: '評価項目', cell: 'E7' }]);
    expect(issues[0].message.ja).toContain('条件付でも合格にできません');
    expect(issues[0].message.en).toContain('conditional pass');
  });

  it('review e1b: 合格 with 必須 C-03 一部適合 → CE-MANDATORY error naming 条件付合格 as the best decision', () => {
    const issues = judged((i) => {
      set(i.answers['評価項目'], 'C-03', { 評価: '一部適合' });
      i.forms['判定']['得点率'] = null;
    });
    expect(issues.map(at)).toEqual([{ rule: 'CE-MANDATORY', severity: 'error', sheet: '評価項目', cell: 'E5' }]);
    expect(issues[0].message.ja).toContain('条件付合格');
    expect(issues[0].message.ja).toContain('§4.4.3.4');
  });

  it('review e2: 条件付合格 with K-8 規定なし and 条件・所見 empty → CE-SCORE warning on 条件・所見', () => {
    const issues = judged((i) => {
      set(i.answers['契約内容'], 'K-8', { 規定: '規定なし' });
      Object.assign(i.forms['判定'], { 判定: '条件付合格', 条件・所見: null });
    });
    expect(issues.map(at)).toEqual([{ rule: 'CE-SCORE', severity: 'warning', sheet: '判定', cell: 'B6' }]);
    expect(issues[0].field).toBe('条件・所見');
  });

  it("cites yearly re-evaluation as PrivacyMark practice, not as the manual (review §5.3); C-17/C-18 as the company's own criteria (§5.2)", () => {
    const late = issuesOf(
      run(input(CLEAN, (i) => (i.forms['判定']['次回評価期限'] = '2028-01-31'))).issues,
      'CE-NEXT',
    )[0];
    expect(late.message.ja).toContain('プライバシーマークの審査');
    expect(late.message.ja).not.toMatch(/評価し直すので.*（§4\.4\.3\.4）/u);
    expect(late.message.en).toContain('PrivacyMark assessments');
    for (const id of ['C-17', 'C-18']) expect(CRITERIA.find((q) => q.id === id)!.clause).toContain('当社の追加項目');
  });

  it('every recorded verdict better than the derived one raises an error; equal or stricter ones do not', () => {
    const cases: ['合格' | '条件付合格' | '不合格', Parameters<typeof input>[1]][] = [
      ['合格', () => {}],
      ['条件付合格', (i) => set(i.answers['評価項目'], 'C-11', { 評価: '一部適合' })],
      ['条件付合格', (i) => set(i.answers['契約内容'], 'K-2', { 規定: '規定なし' })],
      ['不合格', (i) => set(i.answers['評価項目'], 'C-17', { 評価: '不適合' })],
      ['不合格', (i) => (i.forms['判定']['合格基準'] = 0.99)],
    ];
    for (const [derived, edit] of cases) {
      for (const recorded of ['合格', '条件付合格', '不合格'] as const) {
        const { issues, score } = run(
          input(CLEAN, (i) => {
            edit?.(i);
            Object.assign(i.forms['判定'], { 判定: recorded, 条件・所見: '理由と条件を記録', 得点率: null });
          }),
        );
        expect(score!['判定']).toBe(derived);
        const rank = { 不合格: 0, 条件付合格: 1, 合格: 2 } as const;
        const errors = issues.filter((i) => i.severity === 'error' && /^CE-(CONTRACT|MANDATORY|SCORE)$/.test(i.rule));
        expect(errors.length > 0, `${recorded} recorded, ${derived} derived`).toBe(rank[recorded] > rank[derived]);
      }
    }
  });
});

describe('CE-NEXT', () => {
  it('breaks (error): 次回評価期限 more than 12 months after 評価日', () => {
    const found = issuesOf(run(sample('ce-06').input).issues, 'CE-NEXT');
    expect(found.map(at)).toEqual([{ rule: 'CE-NEXT', severity: 'error', sheet: '判定', cell: CELL.次回評価期限 }]);
    expect(found[0].message.ja).toContain('2027-05-20');
  });

  it('breaks (warning): 次回評価期限 already past on the as-of date', () => {
    const { issues } = run(sample(CLEAN).input, '2027-10-01');
    expect(issuesOf(issues, 'CE-NEXT').map(at)).toEqual([
      { rule: 'CE-NEXT', severity: 'warning', sheet: '判定', cell: CELL.次回評価期限 },
    ]);
  });

  it('breaks (warning): no 次回評価期限 and 評価日 more than 12 months ago', () => {
    const { issues } = run(
      input(CLEAN, (i) => (i.forms['判定']['次回評価期限'] = null)),
      '2027-10-06',
    );
    expect(issuesOf(issues, 'CE-NEXT').map(at)).toEqual([
      { rule: 'CE-NEXT', severity: 'warning', sheet: '評価票', cell: CELL.評価日 },
    ]);
  });

  it('passes: exactly 12 months after 評価日, on the as-of date itself', () => {
    const edge = input(CLEAN, (i) => (i.forms['判定']['次回評価期限'] = '令和9年10月5日'));
    expect(issuesOf(run(edge).issues, 'CE-NEXT')).toEqual([]);
    expect(issuesOf(run(edge, '2027-10-05').issues, 'CE-NEXT')).toEqual([]);
  });
});

describe('CE-CERT', () => {
  it('breaks: the certificate expired before 評価日', () => {
    const found = issuesOf(run(sample('ce-06').input).issues, 'CE-CERT');
    expect(found.map(at)).toEqual([{ rule: 'CE-CERT', severity: 'warning', sheet: '評価票', cell: CELL.認証有効期限 }]);
    expect(found[0].message.ja).toContain('2026-03-31');
  });

  it('breaks: valid on 評価日 but lapsed by the as-of date', () => {
    const { issues } = run(sample(CLEAN).input, '2027-09-15');
    expect(issuesOf(issues, 'CE-CERT').map(at)).toEqual([
      { rule: 'CE-CERT', severity: 'warning', sheet: '評価票', cell: CELL.認証有効期限 },
    ]);
  });

  it('notes (info): a certification with no expiry date recorded', () => {
    const { issues } = run(input(CLEAN, (i) => (i.forms['評価票']['認証有効期限'] = null)));
    expect(issuesOf(issues, 'CE-CERT').map(at)).toEqual([
      { rule: 'CE-CERT', severity: 'info', sheet: '評価票', cell: CELL.認証有効期限 },
    ]);
  });

  it('passes: a valid certificate, no certification, or an unreadable date (left to V-DATE)', () => {
    expect(issuesOf(run(sample(CLEAN).input).issues, 'CE-CERT')).toEqual([]);
    expect(issuesOf(run(sample('ce-05').input).issues, 'CE-CERT')).toEqual([]);
    const bad = run(input(CLEAN, (i) => (i.forms['評価票']['認証有効期限'] = '来年夏頃')));
    expect(issuesOf(bad.issues, 'CE-CERT')).toEqual([]);
    expect(issuesOf(bad.issues, 'V-DATE')).toHaveLength(1);
  });
});

describe('CE-SUBCONTRACT', () => {
  it('breaks: 再委託=はい without 再委託先', () => {
    const found = issuesOf(run(sample('ce-03').input).issues, 'CE-SUBCONTRACT');
    expect(found.map(at)).toEqual([
      { rule: 'CE-SUBCONTRACT', severity: 'error', sheet: '評価票', cell: CELL.再委託先 },
    ]);
  });

  it('breaks: 再委託=はい with the subcontracting contract item (K-3) 規定なし', () => {
    const { issues } = run(
      input('ce-03', (i) => {
        i.forms['評価票']['再委託先'] = '株式会社サンプルデータセンター（サーバ設置・運用）';
        set(i.answers['契約内容'], 'K-3', { 規定: '×', 条項: null });
      }),
    );
    expect(issuesOf(issues, 'CE-SUBCONTRACT').map(at)).toEqual([
      { rule: 'CE-SUBCONTRACT', severity: 'error', sheet: '契約内容', cell: 'E5' },
    ]);
  });

  it('passes: subcontractor named and K-3 規定あり; or no subcontracting at all', () => {
    const named = run(input('ce-03', (i) => (i.forms['評価票']['再委託先'] = '株式会社サンプルデータセンター')));
    expect(named.issues.map((i) => i.rule)).toEqual(['CE-LOCATION']); // the backups abroad (info)
    const none = run(input(CLEAN, (i) => set(i.answers['契約内容'], 'K-3', { 規定: '規定なし' })));
    expect(issuesOf(none.issues, 'CE-SUBCONTRACT')).toEqual([]);
  });
});

// Version 2 (review §5.2 [MISSING]; Amendment 8): データの所在国, 委託開始日, 特定個人情報の再委託許諾.
describe('CE-LOCATION (データの所在国: 外的環境の把握, 法28条)', () => {
  it('breaks (warning): no data location, citing the external-environment duty', () => {
    const found = issuesOf(
      run(input(CLEAN, (i) => (i.forms['評価票']['データの所在国'] = null))).issues,
      'CE-LOCATION',
    );
    expect(found.map(at)).toEqual([
      { rule: 'CE-LOCATION', severity: 'warning', sheet: '評価票', cell: CELL.データの所在国 },
    ]);
    expect(found[0].message.ja).toContain('通則編）10-7');
    expect(found[0].message.en).toContain('General Guidelines 10-7');
  });

  it('notes (info): data kept abroad — what to confirm, naming the country, 10-7 and 法第28条', () => {
    const found = issuesOf(
      run(input(CLEAN, (i) => (i.forms['評価票']['データの所在国'] = '日本・米国（バックアップ）'))).issues,
      'CE-LOCATION',
    );
    expect(found.map(at)).toEqual([
      { rule: 'CE-LOCATION', severity: 'info', sheet: '評価票', cell: CELL.データの所在国 },
    ]);
    expect(found[0].message.ja).toContain('日本以外（米国）');
    expect(found[0].message.ja).toContain('法第28条');
    expect(found[0].message.ja).toContain('法第32条第1項第4号');
    expect(found[0].message.en).toContain('APPI Art. 28');
  });

  it('passes: Japan however written, or a prefecture typed for the country', () => {
    for (const v of ['日本', '国内', 'Japan', 'JP', '日本（東京・大阪）', '東京都、大阪府', '日本国内のみ']) {
      expect(
        issuesOf(run(input(CLEAN, (i) => (i.forms['評価票']['データの所在国'] = v))).issues, 'CE-LOCATION'),
        v,
      ).toEqual([]);
    }
    expect(foreignPlaces('日本、シンガポール（バックアップ）, USA')).toEqual(['シンガポール', 'USA']);
  });
});

describe('CE-START (委託開始日: 委託する前に評価する)', () => {
  it('breaks (warning): an initial evaluation dated after the outsourcing started', () => {
    const found = issuesOf(run(input('ce-05')).issues, 'CE-START');
    expect(found.map(at)).toEqual([{ rule: 'CE-START', severity: 'warning', sheet: '評価票', cell: CELL.委託開始日 }]);
    expect(found[0].message.ja).toContain('評価日 2026-08-20 が委託開始日 2026-08-01 より後');
    expect(found[0].message.ja).toContain('個人情報保護法第25条');
  });

  it('passes: evaluated on or before the start; a periodic evaluation; no start date', () => {
    const ok = (edit: (f: Record<string, CellValue>) => void) =>
      issuesOf(run(input('ce-05', (i) => edit(i.forms['評価票']))).issues, 'CE-START');
    expect(ok((f) => (f['委託開始日'] = '2026-08-20'))).toEqual([]);
    expect(ok((f) => (f['評価区分'] = '定期'))).toEqual([]);
    expect(ok((f) => (f['委託開始日'] = null))).toEqual([]);
  });
});

describe('CE-MYNUMBER (特定個人情報の再委託許諾: 番号法第10条)', () => {
  const subcontracted = (consent: CellValue, flag: CellValue = 'はい') =>
    run(
      input(CLEAN, (i) =>
        Object.assign(i.forms['評価票'], {
          再委託: 'はい',
          再委託先: '株式会社見本計算センター（年末調整の入力）',
          特定個人情報の再委託許諾: consent,
          '要配慮・特定個人情報を含む': flag,
        }),
      ),
    ).issues;

  it('breaks (error): subcontracting with My Number data and no consent from us', () => {
    const found = issuesOf(subcontracted('未許諾'), 'CE-MYNUMBER');
    expect(found.map(at)).toEqual([
      { rule: 'CE-MYNUMBER', severity: 'error', sheet: '評価票', cell: CELL.特定個人情報の再委託許諾 },
    ]);
    expect(found[0].message.ja).toContain('番号法第10条第1項');
    expect(found[0].message.en).toContain('My Number Act Art. 10(1)');
    expect(issuesOf(run(input('ce-06')).issues, 'CE-MYNUMBER').map((i) => i.severity)).toEqual(['error']);
  });

  it('breaks (warning): subcontracting of sensitive or My Number data with the consent left empty', () => {
    expect(issuesOf(subcontracted(null), 'CE-MYNUMBER').map(at)).toEqual([
      { rule: 'CE-MYNUMBER', severity: 'warning', sheet: '評価票', cell: CELL.特定個人情報の再委託許諾 },
    ]);
  });

  it('passes: consent given (synonyms too), not applicable, no subcontracting, or no such data', () => {
    for (const v of ['許諾済み', '承諾済み', '該当なし', '対象外'])
      expect(issuesOf(subcontracted(v), 'CE-MYNUMBER'), v).toEqual([]);
    expect(issuesOf(subcontracted(null, 'いいえ'), 'CE-MYNUMBER')).toEqual([]);
    expect(
      issuesOf(
        run(input(CLEAN, (i) => (i.forms['評価票']['特定個人情報の再委託許諾'] = '未許諾'))).issues,
        'CE-MYNUMBER',
      ),
    ).toEqual([]);
  });
});

describe('values and structure', () => {
  it('normalises synonyms and 和暦 without issues', () => {
    const { issues, data } = run(
      input(CLEAN, (i) => {
        Object.assign(i.forms['評価票'], {
          第三者認証: 'プライバシーマーク',
          評価日: '令和8年10月5日',
          再委託: '無',
          評価区分: '年次',
        });
        Object.assign(i.forms['判定'], { 合格基準: '80%', 判定: '合格' });
        set(i.answers['契約内容'], 'K-1', { 規定: 'あり' });
      }),
    );
    expect(issues).toEqual([]);
    expect(data.sheets['評価票'][0].values).toMatchObject({
      第三者認証: 'Pマーク',
      評価日: '2026-10-05',
      再委託: 'いいえ',
      評価区分: '定期',
    });
    expect(data.sheets['判定'][0].values['合格基準']).toBe(0.8);
  });

  it('reads ISO/IEC 27001 as ISMS and rejects an unknown certification', () => {
    expect(run(input(CLEAN, (i) => (i.forms['評価票']['第三者認証'] = 'ISO/IEC 27001'))).issues).toEqual([]);
    const bad = run(input(CLEAN, (i) => (i.forms['評価票']['第三者認証'] = 'SOC2')));
    expect(issuesOf(bad.issues, 'V-ENUM').map(at)).toEqual([
      { rule: 'V-ENUM', severity: 'error', sheet: '評価票', cell: 'B16' },
    ]);
  });

  it('an empty 合格基準 means 80%', () => {
    const { score, issues } = run(input(CLEAN, (i) => (i.forms['判定']['合格基準'] = null)));
    expect(score!['合格基準']).toBe(0.8);
    expect(issues).toEqual([]);
  });

  it('a deleted criterion row is tampering', () => {
    const grid = layoutWorkbook(def, sample(CLEAN).input);
    const sheet = grid.sheets.find((s) => s.name === '評価項目')!;
    sheet.rows.splice(4, 1); // C-03
    const { issues } = validate(def, grid, { asOf });
    expect(issues.some((i) => i.rule === 'TEMPLATE-TAMPER' && i.value === 'C-03')).toBe(true);
  });

  it("contract items carry the manual's own titles (§4.4.3.4 (1)–(8)); a workbook with the earlier short titles is read, with one info", () => {
    expect(CONTRACT_ITEMS.map((k) => k.title.ja)).toEqual([
      '委託者及び受託者の責任の明確化',
      '個人情報の安全管理に関する事項',
      '再委託に関する事項',
      '個人情報の取扱状況に関する委託者への報告の内容及び頻度',
      '契約内容が遵守されていることを委託者が、定期的に、及び適宜に確認できる事項',
      '契約内容が遵守されなかった場合の措置',
      '事件・事故が発生した場合の報告・連絡に関する事項',
      '契約終了後の措置',
    ]);
    const grid = layoutWorkbook(def, sample(CLEAN).input);
    const sheet = grid.sheets.find((s) => s.name === '契約内容')!;
    CONTRACT_ITEMS.forEach((k, i) => {
      if (k.formerly?.title) sheet.rows[i + 2]![2] = k.formerly.title[0];
    });
    const { issues } = validate(def, grid, { asOf });
    expect(issues.map((i) => [i.rule, i.severity, i.value])).toEqual([
      ['TEMPLATE-VERSION', 'info', 'K-1, K-2, K-4, K-5, K-6, K-7'],
    ]);
  });
});
