// Year over year (scripts/round/compare.ts) and the matcher both rounds share (round/status.ts), on hand-made data.
import { describe, expect, it } from 'vitest';
import type { RecordRow, Score } from '../../../templates/model/types.js';
import { QUESTIONS } from '../../../templates/supplier-checklist/index.js';
import { answerFacts, compareReturns, needsReview, type Answers, type Side } from '../../../scripts/round/compare.js';
import { comparisonLine } from '../../../scripts/round/compare-sheet.js';
import { matcher } from '../../../scripts/round/status.js';

const AS_OF = '2027-07-15';

/** Every question はい with evidence, then the changes. */
function answers(changes: Record<string, Partial<Answers[string]>> = {}): Answers {
  const out: Answers = {};
  for (const q of QUESTIONS) out[q.id] = { answer: 'はい', evidence: true, plan: null, ...changes[q.id] };
  return out;
}

function side(a: Answers, score: Partial<Score> = {}): Side {
  return {
    path: '/r/x.xlsx',
    answers: a,
    score: {
      rate: 1,
      band: 'A',
      points: 74,
      max: 74,
      answered: 37,
      total: 37,
      sections: [],
      redFlags: [],
      complete: true,
      ...score,
    },
  };
}

describe('compareReturns', () => {
  it('the score and band change, up and down; nothing to compare when a round has no complete score', () => {
    const b = side(answers(), { rate: 0.8, band: 'B' });
    expect(compareReturns(b, side(answers(), { rate: 0.92, band: 'A' }), AS_OF)).toMatchObject({
      rateChange: 0.12,
      bandBefore: 'B',
      bandAfter: 'A',
      band: 'up',
    });
    expect(compareReturns(b, side(answers(), { rate: 0.65, band: 'C' }), AS_OF).band).toBe('down');
    expect(compareReturns(b, side(answers(), { rate: 0.8, band: 'B' }), AS_OF).band).toBe('same');
    const incomplete = side(answers(), { rate: null, band: undefined, complete: false, provisionalRate: 0.95 });
    expect(compareReturns(b, incomplete, AS_OF)).toMatchObject({ rateChange: null, band: null, bandAfter: null });
    expect(compareReturns(null, b, AS_OF)).toMatchObject({ rateChange: null, band: null, unevidenced: [], lapsed: [] });
  });

  it('an answer that improved with 取組内容・根拠資料 empty is listed; with evidence, or not improved, it is not', () => {
    const before = side(
      answers({
        'II-1': { answer: 'いいえ' },
        'III-1': { answer: '一部実施' },
        'IV-1': { answer: 'いいえ' },
        'IV-2': { answer: 'いいえ' },
      }),
    );
    const after = side(
      answers({
        'II-1': { answer: 'はい', evidence: false }, // いいえ → はい, no evidence
        'III-1': { answer: 'はい', evidence: false }, // 一部実施 → はい, no evidence
        'IV-1': { answer: 'はい', evidence: true }, // with evidence: fine
        'IV-2': { answer: 'いいえ', evidence: false }, // not improved
        'V-1': { answer: 'はい', evidence: false }, // はい → はい: not an improvement
      }),
    );
    expect(compareReturns(before, after, AS_OF).unevidenced).toEqual([
      { id: 'II-1', before: 'いいえ', after: 'はい' },
      { id: 'III-1', before: '一部実施', after: 'はい' },
    ]);
  });

  it('該当なし on a critical clause scores as いいえ, so いいえ → 該当なし there is no improvement', () => {
    const before = side(answers({ 'II-2': { answer: 'いいえ', plan: '2027-03-31' } }));
    const after = side(answers({ 'II-2': { answer: '該当なし', evidence: false } }));
    const c = compareReturns(before, after, AS_OF);
    expect(c.unevidenced).toEqual([]);
    expect(c.lapsed).toEqual([{ id: 'II-2', before: 'いいえ', after: '該当なし', plan: '2027-03-31' }]);
  });

  it('a 改善予定日 that passed as of the date, the answer no better, is listed; a later one, or an improved answer, is not', () => {
    const before = side(
      answers({
        'III-2': { answer: '一部実施', plan: '2027-06-30' }, // passed, still 一部実施
        'IV-3': { answer: 'いいえ', plan: '2027-06-30' }, // passed, now 一部実施: improved
        'IV-4': { answer: 'いいえ', plan: '2027-07-15' }, // due today: not passed yet
        'VII-1': { answer: 'いいえ', plan: '2027-01-31' }, // passed, now unanswered
      }),
    );
    const after = side(
      answers({
        'III-2': { answer: '一部実施', plan: '2027-12-31' },
        'IV-3': { answer: '一部実施', plan: '2027-12-31' },
        'IV-4': { answer: 'いいえ' },
        'VII-1': { answer: null },
      }),
    );
    expect(compareReturns(before, after, AS_OF).lapsed).toEqual([
      { id: 'III-2', before: '一部実施', after: '一部実施', plan: '2027-06-30' },
      { id: 'VII-1', before: 'いいえ', after: null, plan: '2027-01-31' },
    ]);
    expect(compareReturns(before, after, '2027-06-30').lapsed.map((x) => x.id)).toEqual(['VII-1']);
  });

  it('new red flags and cleared ones; needsReview says whether anything needs a look', () => {
    const before = side(answers(), { redFlags: ['II-1', 'V-2'] });
    const after = side(answers(), { redFlags: ['V-2', 'I'] });
    const c = compareReturns(before, after, AS_OF);
    expect(c.newRedFlags).toEqual(['I']);
    expect(c.clearedRedFlags).toEqual(['II-1']);
    expect(needsReview(c)).toBe(true);
    expect(needsReview(compareReturns(side(answers()), side(answers()), AS_OF))).toBe(false);
  });

  it('comparisonLine counts only suppliers with both rounds', () => {
    const flagged = compareReturns(side(answers()), side(answers(), { redFlags: ['I'], band: 'C', rate: 0.97 }), AS_OF);
    const line = comparisonLine([flagged, compareReturns(null, side(answers()), AS_OF)], 'ja');
    expect(line).toBe(
      '前回比較: 前回と今回の回答がある取引先 1 社 — ランク上昇 0、低下 1、根拠のない改善 0、改善予定日を過ぎて未改善 0、新たな重大リスク 1',
    );
    expect(comparisonLine([flagged], 'en')).toContain('1 suppliers answered both — band up 0, down 1');
  });
});

describe('answerFacts', () => {
  const row = (
    id: string,
    values: Record<string, string | null>,
    raw: Record<string, string | null> = {},
  ): RecordRow => ({
    sheet: 'チェックリスト',
    row: 5,
    id,
    values,
    raw: { ...values, ...raw },
    cells: {},
  });
  it('reads the answer, whether evidence is given, and the target date when it is a date', () => {
    expect(
      answerFacts([
        row('I', { 回答: 'はい', '取組内容・根拠資料': '規程', 改善予定日: null }),
        row('II-1', { 回答: 'いいえ', '取組内容・根拠資料': '  ', 改善予定日: '2027-06-30' }),
        row('II-2', { 回答: null, '取組内容・根拠資料': null, 改善予定日: null }, { 改善予定日: '来年度中' }),
      ]),
    ).toEqual({
      I: { answer: 'はい', evidence: true, plan: null },
      'II-1': { answer: 'いいえ', evidence: false, plan: '2027-06-30' },
      'II-2': { answer: null, evidence: false, plan: null },
    });
    expect(answerFacts(undefined)).toEqual({});
  });
});

describe('matcher (status, both rounds)', () => {
  const subjects = [
    { code: 'S-1', corpNo: '1234567890123', company: '見本精機株式会社' },
    { code: 'S-2', corpNo: null, company: 'Example Two Co., Ltd.' },
    { code: 'S-3', corpNo: null, company: '同名商事株式会社' },
    { code: 'S-4', corpNo: null, company: '同名商事（株）' },
  ];
  const match = matcher(subjects, (s) => s);
  it('by the marker code, then 法人番号, then the folded name; a shared name matches nobody', () => {
    expect(match({ code: 'S-2', corpNo: '1234567890123', company: null })).toEqual({
      subject: subjects[1],
      by: 'marker',
    });
    expect(match({ code: 'S-9', corpNo: '１２３４５６７８９０１２３', company: null })).toEqual({
      subject: subjects[0],
      by: 'corpno',
    });
    expect(match({ code: null, corpNo: null, company: 'EXAMPLE TWO CO LTD' })).toEqual({
      subject: subjects[1],
      by: 'name',
    });
    expect(match({ code: null, corpNo: null, company: '同名商事株式会社' })).toBeNull();
    expect(match({ code: null, corpNo: null, company: '無関係株式会社' })).toBeNull();
  });
});
