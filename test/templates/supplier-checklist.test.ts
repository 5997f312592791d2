import { describe, expect, it } from 'vitest';
import type { CellValue, Grid, GridSheet } from '../../templates/model/grid.js';
import { layoutWorkbook, MARKER_SHEET, type WorkbookInput } from '../../templates/model/layout.js';
import type { Issue } from '../../templates/model/types.js';
import { validateWorkbook } from '../../templates/index.js';
import { ruleContext, validate } from '../../templates/model/validate.js';
import {
  BANDS,
  CHECKLIST,
  CRITICAL,
  EDITION,
  QUESTIONS,
  RESPONDENT,
  SECTIONS,
  scoreChecklist,
  supplierChecklist as def,
} from '../../templates/supplier-checklist/index.js';
import { SAMPLE_AS_OF, samples } from '../../scripts/samples/supplier-checklist.js';

const AS_OF = '2026-11-20';

type Answer = Record<string, CellValue>;

const FORM: Record<string, CellValue> = {
  会社名: '見本精機株式会社',
  法人番号: '9111111111111',
  所在国・地域: '日本',
  従業員数: 120,
  回答者氏名: '見本 太郎',
  メール: 'csr@mihon-seiki.example.jp',
  回答日: '2026-11-01',
  責任者確認: 'はい',
};

/** All 37 answered はい with evidence, then overrides; form values merged over FORM. */
function input(overrides: Record<string, Answer> = {}, form: Record<string, CellValue> = {}): WorkbookInput {
  const answers: Record<string, Answer> = {};
  for (const q of QUESTIONS)
    answers[q.id] = { 回答: 'はい', '取組内容・根拠資料': `${q.id} の規程と記録`, ...overrides[q.id] };
  return { forms: { [RESPONDENT]: { ...FORM, ...form } }, answers: { [CHECKLIST]: answers } };
}

function check(grid: Grid, asOf = AS_OF) {
  return validate(def, grid, { asOf });
}

function run(overrides: Record<string, Answer> = {}, form: Record<string, CellValue> = {}, asOf = AS_OF) {
  return check(layoutWorkbook(def, input(overrides, form)), asOf);
}

const of = (issues: Issue[], rule: string) => issues.filter((i) => i.rule === rule);
const errors = (issues: Issue[]) => issues.filter((i) => i.severity === 'error');

/** Checklist layout: 項番 A, 分類 B, 項目 C, 質問 D, 回答 E, 取組内容・根拠資料 F, 改善予定日 G, コメント H; rows from 3. */
function cell(id: string, col: 'A' | 'C' | 'D' | 'E' | 'F' | 'G' | 'H'): string {
  return `${col}${QUESTIONS.findIndex((q) => q.id === id) + 3}`;
}

function sheet(grid: Grid, name: string): GridSheet {
  return grid.sheets.find((s) => s.name === name)!;
}

describe('supplier-checklist definition', () => {
  it('has the 37 clauses of the guideline in order, seven sections and the critical clauses', () => {
    expect(QUESTIONS.map((q) => q.id)).toEqual([
      'I',
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => `II-${n}`),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => `III-${n}`),
      ...[1, 2, 3, 4, 5].map((n) => `IV-${n}`),
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => `V-${n}`),
      'VI-1',
      'VI-2',
      'VII-1',
      'VII-2',
    ]);
    expect(SECTIONS.map((s) => s.key)).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI', 'VII']);
    expect(QUESTIONS.filter((q) => q.critical).map((q) => q.id)).toEqual([
      'I',
      'II-1',
      'II-2',
      'II-5',
      'V-1',
      'V-2',
      'V-9',
    ]);
    expect(CRITICAL).toHaveLength(7);
    for (const q of QUESTIONS) {
      expect(q.clause).toBe(q.id);
      expect(SECTIONS.some((s) => s.key === q.section)).toBe(true);
      for (const t of [q.title, q.question]) expect(t.ja && t.en).toBeTruthy();
      // The reader drops a trailing bracket when comparing locked texts: keep question texts free of one.
      expect(q.question.ja).not.toMatch(/[)）]\s*$/u);
    }
    expect(new Set(QUESTIONS.map((q) => q.question.ja)).size).toBe(37);
  });

  it('records the guideline edition and gives every answer field a hint', () => {
    expect(def.id).toBe('supplier-checklist');
    expect(def.version).toBe(1);
    expect(def.edition).toBe('2024-11-01 第1版');
    expect(EDITION).toBe(def.edition);
    expect(def.shape).toBe('form');
    const checklist = def.sheets.find((s) => s.name === CHECKLIST)!;
    expect(checklist.kind).toBe('questions');
    if (checklist.kind !== 'questions') return;
    expect(checklist.fields.map((f) => f.key)).toEqual(['回答', '取組内容・根拠資料', '改善予定日', 'コメント']);
    for (const f of checklist.fields) expect(f.hint?.ja && f.hint.en).toBeTruthy();
    expect(checklist.tamperRule).toBe('SC-TAMPER');
    const form = def.sheets.find((s) => s.name === RESPONDENT)!;
    expect(form.kind).toBe('form');
    expect(form.fields.map((f) => f.key)).toEqual([
      '会社名',
      '法人番号',
      '所在国・地域',
      '対象拠点',
      '従業員数',
      '回答者氏名',
      '部署',
      '役職',
      'メール',
      '電話',
      '回答日',
      '責任者確認',
    ]);
    expect(form.fields.filter((f) => f.required).map((f) => f.key)).toEqual([
      '会社名',
      '所在国・地域',
      '回答者氏名',
      'メール',
      '回答日',
      '責任者確認',
    ]);
    expect(def.rules.map((r) => r.id)).toEqual([
      'SC-ANSWER',
      'SC-NA',
      'SC-GAP',
      'SC-EVIDENCE',
      'SC-APPROVAL',
      'SC-DATE',
      'SC-EDITION',
    ]);
  });

  it('a fully answered workbook gives no issues at all, and a blank one only SC-ANSWER and V-REQUIRED', () => {
    expect(run().issues).toEqual([]);
    const blank = check(layoutWorkbook(def));
    expect(new Set(blank.issues.map((i) => i.rule))).toEqual(new Set(['SC-ANSWER', 'V-REQUIRED']));
    expect(of(blank.issues, 'SC-ANSWER')).toHaveLength(37);
  });
});

describe('identification', () => {
  it('is recognised by its marker, and by its headers (with a warning) when the marker was lost', () => {
    const marked = validateWorkbook(layoutWorkbook(def, input()), { asOf: AS_OF });
    expect(marked.template).toEqual({ id: 'supplier-checklist', version: 1 });
    expect(marked.issues).toEqual([]);
    const copied = validateWorkbook(layoutWorkbook(def, { ...input(), marker: false }), { asOf: AS_OF });
    expect(copied.template?.id).toBe('supplier-checklist');
    expect(copied.issues.map((i) => [i.rule, i.severity])).toEqual([['TEMPLATE-MARKER', 'warning']]);
  });
});

describe('SC-ANSWER', () => {
  it('reports each unanswered question at its answer cell', () => {
    const { issues } = run({ 'III-4': { 回答: null }, 'VII-2': { 回答: '  ' } });
    const found = of(issues, 'SC-ANSWER');
    expect(found.map((i) => [i.severity, i.sheet, i.cell, i.field])).toEqual([
      ['error', CHECKLIST, cell('III-4', 'E'), '回答'],
      ['error', CHECKLIST, cell('VII-2', 'E'), '回答'],
    ]);
    expect(found[0].cell).toBe('E14');
    expect(found[0].message.ja).toContain('III-4');
  });

  it('passes when every question is answered, and leaves an unreadable answer to V-ENUM', () => {
    expect(of(run().issues, 'SC-ANSWER')).toEqual([]);
    const { issues } = run({ 'II-4': { 回答: '多分' } });
    expect(of(issues, 'SC-ANSWER')).toEqual([]);
    expect(of(issues, 'V-ENUM').map((i) => i.cell)).toEqual([cell('II-4', 'E')]);
  });
});

describe('SC-NA', () => {
  it('rejects 該当なし on a critical clause, even with a reason', () => {
    const { issues } = run({ 'II-1': { 回答: '該当なし', コメント: '外国人労働者がいないため' } });
    expect(of(issues, 'SC-NA').map((i) => [i.severity, i.sheet, i.cell, i.field])).toEqual([
      ['error', CHECKLIST, 'E4', '回答'],
    ]);
  });

  it('requires a reason in コメント for 該当なし', () => {
    const { issues } = run({ 'IV-4': { 回答: '対象外' } });
    expect(of(issues, 'SC-NA').map((i) => [i.severity, i.sheet, i.cell, i.field])).toEqual([
      ['error', CHECKLIST, cell('IV-4', 'H'), 'コメント'],
    ]);
  });

  it('passes 該当なし with a reason on a non-critical clause', () => {
    const { issues } = run({ 'IV-4': { 回答: '該当なし', コメント: '製造工程がないため' } });
    expect(of(issues, 'SC-NA')).toEqual([]);
    expect(errors(issues)).toEqual([]);
  });
});

describe('SC-GAP', () => {
  it('is an error for いいえ / 一部実施 with neither a target date nor a comment', () => {
    const { issues } = run({ 'III-2': { 回答: 'いいえ' }, 'V-3': { 回答: '一部実施' } });
    expect(of(issues, 'SC-GAP').map((i) => [i.severity, i.sheet, i.cell, i.field])).toEqual([
      ['error', CHECKLIST, 'G12', '改善予定日'],
      ['error', CHECKLIST, cell('V-3', 'G'), '改善予定日'],
    ]);
  });

  it('is a warning when the gap is explained but has no target date', () => {
    const { issues } = run({ 'III-2': { 回答: 'いいえ', コメント: '手順書を作成中' } });
    expect(of(issues, 'SC-GAP').map((i) => [i.severity, i.cell])).toEqual([['warning', 'G12']]);
  });

  it('passes a gap with a target date, with or without a comment, and leaves an unreadable date to V-DATE', () => {
    const ok = run({
      'III-2': { 回答: 'いいえ', 改善予定日: '2027-03-31' },
      'V-3': { 回答: '一部実施', 改善予定日: '令和9年6月30日', コメント: 'ESG 情報の開示を準備中' },
    });
    expect(of(ok.issues, 'SC-GAP')).toEqual([]);
    expect(ok.issues).toEqual([]);
    const bad = run({ 'III-2': { 回答: 'いいえ', 改善予定日: '来期中' } });
    expect(of(bad.issues, 'SC-GAP')).toEqual([]);
    expect(of(bad.issues, 'V-DATE').map((i) => i.cell)).toEqual(['G12']);
  });
});

describe('SC-EVIDENCE', () => {
  it('warns when a critical clause is はい without actions or evidence', () => {
    const { issues } = run({ 'V-1': { '取組内容・根拠資料': null } });
    expect(of(issues, 'SC-EVIDENCE').map((i) => [i.severity, i.sheet, i.cell, i.field])).toEqual([
      ['warning', CHECKLIST, 'F25', '取組内容・根拠資料'],
    ]);
    expect(errors(issues)).toEqual([]);
  });

  it('passes with evidence, and does not ask for it on non-critical clauses (III-1 is only noted, as info)', () => {
    const { issues } = run({ 'III-1': { '取組内容・根拠資料': null }, 'VII-1': { '取組内容・根拠資料': null } });
    expect(of(issues, 'SC-EVIDENCE').map((i) => [i.cell, i.severity])).toEqual([[cell('III-1', 'F'), 'info']]);
  });
});

describe('SC-DATE', () => {
  it('warns when 回答日 is in the future', () => {
    const { issues } = run({}, { 回答日: '2026-11-21' });
    expect(of(issues, 'SC-DATE').map((i) => [i.severity, i.sheet, i.cell, i.field])).toEqual([
      ['warning', RESPONDENT, 'B13', '回答日'],
    ]);
  });

  it('warns when 回答日 is more than 12 months before the as-of date, not at exactly 12 months', () => {
    expect(of(run({}, { 回答日: '2025-11-19' }).issues, 'SC-DATE').map((i) => [i.severity, i.cell])).toEqual([
      ['warning', 'B13'],
    ]);
    expect(of(run({}, { 回答日: '2025-11-20' }).issues, 'SC-DATE')).toEqual([]);
    expect(of(run({}, { 回答日: AS_OF }).issues, 'SC-DATE')).toEqual([]);
  });

  it('warns when a target date is before 回答日', () => {
    const { issues } = run({ 'III-2': { 回答: 'いいえ', 改善予定日: '2026-10-31' } });
    expect(of(issues, 'SC-DATE').map((i) => [i.severity, i.sheet, i.cell, i.field])).toEqual([
      ['warning', CHECKLIST, 'G12', '改善予定日'],
    ]);
    expect(of(run({ 'III-2': { 回答: 'いいえ', 改善予定日: '2026-11-01' } }).issues, 'SC-DATE')).toEqual([]);
  });
});

describe('SC-EDITION', () => {
  function withEdition(edition: CellValue): Grid {
    const grid = layoutWorkbook(def, input());
    const marker = sheet(grid, MARKER_SHEET);
    marker.rows.find((r) => r[0] === 'edition')![1] = edition;
    return grid;
  }

  it('is an error when the workbook records another guideline edition', () => {
    const found = of(check(withEdition('2022-04-01 第0版')).issues, 'SC-EDITION');
    expect(found.map((i) => [i.severity, i.sheet, i.cell])).toEqual([['error', CHECKLIST, null]]);
    expect(found[0].message.ja).toContain('2022-04-01 第0版');
  });

  it('warns when the marker records no edition', () => {
    expect(of(check(withEdition(null)).issues, 'SC-EDITION').map((i) => i.severity)).toEqual(['warning']);
  });

  it('passes the current edition (also written with full-width characters), and a workbook without a marker', () => {
    expect(of(check(withEdition('2024-11-01 第1版')).issues, 'SC-EDITION')).toEqual([]);
    expect(of(check(withEdition('２０２４-１１-０１　第１版')).issues, 'SC-EDITION')).toEqual([]);
    expect(of(check(layoutWorkbook(def, { ...input(), marker: false })).issues, 'SC-EDITION')).toEqual([]);
  });
});

describe('SC-TAMPER', () => {
  function tampered(change: (rows: CellValue[][]) => void) {
    const grid = layoutWorkbook(def, input());
    change(sheet(grid, CHECKLIST).rows);
    return check(grid).issues;
  }
  const rowOf = (id: string) => QUESTIONS.findIndex((q) => q.id === id) + 2;

  it('is an error when a question text is reworded', () => {
    const issues = tampered((rows) => {
      rows[rowOf('II-3')][3] = '労働時間を管理していますか。';
    });
    expect(of(issues, 'SC-TAMPER').map((i) => [i.severity, i.sheet, i.cell])).toEqual([
      ['error', CHECKLIST, cell('II-3', 'D')],
    ]);
  });

  it('is an error when a 項番 is changed (and the original row is then missing)', () => {
    const issues = tampered((rows) => {
      rows[rowOf('V-9')][0] = 'V-9a';
    });
    const found = of(issues, 'SC-TAMPER');
    expect(found.map((i) => [i.severity, i.sheet, i.cell])).toEqual([
      ['error', CHECKLIST, null],
      ['error', CHECKLIST, cell('V-9', 'A')],
    ]);
    expect(found[0].value).toBe('V-9');
  });

  it('is an error when question rows are deleted or reordered', () => {
    const deleted = tampered((rows) => {
      rows.splice(rowOf('III-7'), 1);
    });
    expect(of(deleted, 'SC-TAMPER').map((i) => [i.severity, i.value])).toEqual([['error', 'III-7']]);
    const swapped = tampered((rows) => {
      const a = rowOf('VI-1');
      [rows[a], rows[a + 1]] = [rows[a + 1], rows[a]];
    });
    expect(of(swapped, 'SC-TAMPER').map((i) => [i.severity, i.sheet])).toEqual([['error', CHECKLIST]]);
  });

  it('passes an untouched question sheet, including one whose answer columns were moved', () => {
    expect(of(run().issues, 'SC-TAMPER')).toEqual([]);
    const issues = tampered((rows) => {
      for (const r of rows.slice(1)) r.push(r.splice(4, 1)[0]); // 回答 moved to the last column
    });
    expect(issues).toEqual([]);
  });
});

describe('answer normalisation', () => {
  it('accepts ○ △ × and full-width or English spellings and stores the canonical answer', () => {
    const result = run({
      I: { 回答: '○' },
      'II-3': { 回答: '△', 改善予定日: '２０２７／３／３１' },
      'II-4': { 回答: '×', コメント: '賃金明細の電子化を検討中', 改善予定日: 'R9.3.31' },
      'IV-4': { 回答: 'Ｎ／Ａ', コメント: '製造なし' },
      'IV-5': { 回答: 'n/a', コメント: '製造なし' },
      'VII-1': { 回答: 'Partly', 改善予定日: '2027-01-31' },
    });
    expect(result.issues).toEqual([]);
    const rows = result.data.sheets[CHECKLIST];
    const answer = (id: string) => rows.find((r) => r.id === id)!.values['回答'];
    expect(['I', 'II-3', 'II-4', 'IV-4', 'IV-5', 'VII-1'].map(answer)).toEqual([
      'はい',
      '一部実施',
      'いいえ',
      '該当なし',
      '該当なし',
      '一部実施',
    ]);
  });
});

describe('score', () => {
  it('scores はい 2, 一部実施 1, いいえ 0 and leaves 該当なし out, per section and overall', () => {
    const { score } = run({
      'II-3': { 回答: '一部実施', 改善予定日: '2027-03-31' },
      'II-4': { 回答: 'いいえ', 改善予定日: '2027-03-31' },
      'IV-4': { 回答: '該当なし', コメント: '製造なし' },
      'IV-5': { 回答: '該当なし', コメント: '製造なし' },
    });
    expect(score).toBeDefined();
    expect(score!.answered).toBe(37);
    expect(score!.total).toBe(37);
    expect(score!.max).toBe(35 * 2);
    expect(score!.points).toBe(70 - 3);
    expect(score!.rate).toBeCloseTo(67 / 70);
    expect(score!.band).toBe('A');
    expect(score!.redFlags).toEqual([]);
    const sec = Object.fromEntries(score!.sections.map((s) => [s.key, s]));
    expect([sec.II.points, sec.II.max]).toEqual([11, 14]);
    expect([sec.IV.points, sec.IV.max, sec.IV.rate]).toEqual([6, 6, 1]);
    expect(sec.I.title.ja).toBe('法令遵守・国際規範の尊重');
    expect(score!.counts).toEqual({ はい: 33, 一部実施: 1, いいえ: 1, 該当なし: 2 });
  });

  it('gives a null section rate when every question of the section is 該当なし', () => {
    const { score } = run({
      'VI-1': { 回答: '該当なし', コメント: '設計なし' },
      'VI-2': { 回答: '該当なし', コメント: '役務のみ' },
    });
    expect(score!.sections.find((s) => s.key === 'VI')!.rate).toBeNull();
    expect(score!.rate).toBe(1);
  });

  it('bands A ≥ 90%, B ≥ 75%, C ≥ 60%, D below, at the exact thresholds', () => {
    // 37 questions: answer n of them いいえ and some 該当なし to land on exact rates.
    const bandFor = (no: number, na: number) => {
      const over: Record<string, Answer> = {};
      QUESTIONS.filter((q) => !q.critical)
        .slice(0, no + na)
        .forEach(
          (q, i) =>
            (over[q.id] =
              i < no ? { 回答: 'いいえ', 改善予定日: '2027-03-31' } : { 回答: '該当なし', コメント: '対象外' }),
        );
      return run(over).score!;
    };
    expect(bandFor(3, 7).band).toBe('A'); // 30 scored, 27 yes → 54/60 = 90%
    const below = bandFor(4, 6); // 31 scored, 27 yes → 54/62 = 87.1%
    expect(below.rate).toBeCloseTo(54 / 62);
    expect(below.band).toBe('B');
    const exactA = bandFor(2, 17); // 20 scored, 18 yes → 90%
    expect(exactA.rate).toBeCloseTo(0.9);
    expect(exactA.band).toBe('A');
    expect(bandFor(5, 17).band).toBe('B'); // 15/20 = 75%
    expect(bandFor(6, 17).band).toBe('C'); // 14/20 = 70%
    expect(bandFor(8, 17).band).toBe('C'); // 12/20 = 60%
    expect(bandFor(9, 17).band).toBe('D'); // 11/20 = 55%
  });

  it('exports the band thresholds and accepts other ones', () => {
    expect(BANDS).toEqual([
      { band: 'A', min: 0.9 },
      { band: 'B', min: 0.75 },
      { band: 'C', min: 0.6 },
      { band: 'D', min: 0 },
    ]);
    const { data } = run({ 'II-3': { 回答: 'いいえ', 改善予定日: '2027-03-31' } });
    const ctx = ruleContext(def, data, AS_OF);
    expect(scoreChecklist(ctx).band).toBe('A');
    expect(
      scoreChecklist(ctx, [
        { band: 'S', min: 1 },
        { band: 'OK', min: 0.5 },
        { band: 'NG', min: 0 },
      ]).band,
    ).toBe('OK');
  });

  it('red-flags critical clauses answered いいえ or 一部実施, not non-critical ones', () => {
    const { score } = run({
      'II-5': { 回答: '一部実施', 改善予定日: '2027-03-31' },
      'V-9': { 回答: '×', 改善予定日: '2027-06-30' },
      'III-1': { 回答: 'いいえ', 改善予定日: '2027-06-30' },
    });
    expect(score!.redFlags).toEqual(['II-5', 'V-9']);
  });

  it('scores and flags 該当なし on a critical clause as いいえ, since that answer is not accepted there', () => {
    const { score, issues } = run({ 'II-2': { 回答: '該当なし', コメント: '18歳未満の従業員がいないため' } });
    expect(of(issues, 'SC-NA')).toHaveLength(1);
    expect(score!.redFlags).toEqual(['II-2']);
    expect([score!.points, score!.max]).toEqual([72, 74]);
    expect(score!.counts).toMatchObject({ 該当なし: 1 });
  });

  it('counts progress and gives no band until all 37 are answered', () => {
    const blank: Record<string, Answer> = {};
    for (const q of QUESTIONS.slice(30)) blank[q.id] = { 回答: null };
    const { score } = run(blank);
    expect(score!.answered).toBe(30);
    expect(score!.total).toBe(37);
    expect(score!.complete).toBe(false);
    // Amendment 5: no final rate or band before all 37 are answered, only a provisional rate.
    expect(score!.rate).toBeNull();
    expect(score!.provisionalRate).toBe(1);
    expect(score!.band).toBeUndefined();
    const empty = check(layoutWorkbook(def)).score!;
    expect([empty.answered, empty.rate, empty.provisionalRate, empty.band, empty.redFlags]).toEqual([
      0,
      null,
      null,
      undefined,
      [],
    ]);
  });
});

describe('Amendment 5 (domain review, supplier checklist)', () => {
  it('a red flag caps the band at C and needs action; without one the same rate is A', () => {
    const flagged = run({ 'II-5': { 回答: '一部実施', 改善予定日: '2027-01-31' } }).score!;
    expect(flagged.rate).toBeGreaterThan(0.9);
    expect(flagged).toMatchObject({ band: 'C', redFlags: ['II-5'], actionNeeded: true });
    const plain = run({ 'II-6': { 回答: '一部実施', 改善予定日: '2027-01-31' } }).score!;
    expect(plain).toMatchObject({ band: 'A', redFlags: [], actionNeeded: false });
    // A band already worse than the cap stays as it is.
    const many: Record<string, Answer> = { 'II-5': { 回答: 'いいえ', 改善予定日: '2027-01-31' } };
    for (const q of QUESTIONS.slice(10, 26)) many[q.id] = { 回答: 'いいえ', 改善予定日: '2027-01-31' };
    expect(run(many).score!.band).toBe('D');
  });

  it('V-9 accepts 該当なし with a reason from a supplier that makes no products: no error, no red flag, out of the score', () => {
    const { score, issues } = run({
      'V-9': { 回答: '該当なし', '取組内容・根拠資料': null, コメント: '製品を製造していないため' },
    });
    expect(issues).toEqual([]);
    expect(score).toMatchObject({ redFlags: [], points: 72, max: 72, band: 'A' });
    const bare = run({ 'V-9': { 回答: '該当なし', '取組内容・根拠資料': null } }).issues;
    expect(of(bare, 'SC-NA').map((i) => [i.cell, i.field])).toEqual([[cell('V-9', 'H'), 'コメント']]);
    expect(of(bare, 'SC-NA')[0].message.ja).toContain('製品を製造していない');
  });

  it('II-1 asks about every forced-labour indicator of its clause (G:104–117)', () => {
    const q = QUESTIONS.find((x) => x.id === 'II-1')!.question.ja;
    for (const word of [
      '脅迫',
      '監禁',
      '虐待',
      '弱い立場',
      '欺瞞',
      '孤立',
      '賃金の支払保留',
      '借金による拘束',
      '過度の残業',
      '移動の制限',
      '旅券',
      '労働許可証',
      '理解できない言語',
      '手数料',
    ]) {
      expect(q, word).toContain(word);
    }
  });

  it('names laws as of today and reads for a supplier outside Japan', () => {
    const text = (id: string) => QUESTIONS.find((x) => x.id === id)!.question.ja;
    expect(text('V-5')).toContain('取適法');
    expect(text('V-5')).not.toMatch(/下請法などの法令/u);
    expect(text('V-5')).toContain('所在国の法令');
    for (const [id, jp] of [
      ['II-3', '36協定'],
      ['III-3', '労災保険'],
      ['III-8', '面接指導'],
    ]) {
      expect(text(id)).toContain('所在国');
      expect(text(id)).toContain(`日本では`);
      expect(text(id)).toContain(jp);
    }
  });

  it('question wording follows the clauses (review §1.1, §1.2): the guideline named, no over- or under-asking', () => {
    const text = (id: string) => QUESTIONS.find((x) => x.id === id)!.question.ja;
    const checklist = def.sheets.find((s) => s.name === CHECKLIST)!;
    expect(checklist.title.ja).toContain('セガサミーグループ サステナブル調達ガイドライン（第1版');
    expect(text('II-6')).toContain('能力・適性・成果などの合理的な要素');
    expect(text('II-6')).not.toContain('だけ');
    expect(text('II-7')).toContain('抗議行動');
    expect(text('III-2')).toContain('保管または掲示');
    expect(text('IV-2')).toContain('継続的な削減');
    expect(text('IV-2')).not.toContain('削減目標');
    expect(text('IV-4')).toContain('「該当なし」');
    expect(text('V-8')).toContain('匿名');
    expect(text('V-10')).toContain('該非判定');
  });

  it('責任者確認 is required, and いいえ is an error', () => {
    const empty = run({}, { 責任者確認: null }).issues;
    expect(empty.map((i) => [i.rule, i.field])).toEqual([['V-REQUIRED', '責任者確認']]);
    const no = run({}, { 責任者確認: 'いいえ' }).issues;
    expect(no.map((i) => [i.rule, i.severity, i.field])).toEqual([['SC-APPROVAL', 'error', '責任者確認']]);
    expect(no[0].message.en).toContain('review');
  });

  it('なし / あり are not read as いいえ / はい (a negative question would flip their meaning)', () => {
    const { issues, score } = run({ 'II-1': { 回答: 'なし' } });
    expect(of(issues, 'V-ENUM').map((i) => i.cell)).toEqual([cell('II-1', 'E')]);
    expect(score!.redFlags).toEqual([]);
  });

  it('reads a workbook whose questions still hold the earlier wording, with one info instead of SC-TAMPER', () => {
    const grid = layoutWorkbook(def, input());
    const ws = sheet(grid, CHECKLIST);
    const changed = QUESTIONS.filter((q) => q.formerly?.question?.length);
    expect(changed.map((q) => q.id)).toEqual([
      'II-1',
      'II-3',
      'II-6',
      'II-7',
      'III-2',
      'III-3',
      'III-8',
      'IV-2',
      'IV-4',
      'V-5',
      'V-8',
      'V-9',
      'V-10',
    ]);
    for (const q of changed) {
      const r = QUESTIONS.indexOf(q) + 2;
      ws.rows[r]![3] = q.formerly!.question![0];
    }
    const { issues } = check(grid);
    expect(of(issues, 'SC-TAMPER')).toEqual([]);
    expect(issues.map((i) => [i.rule, i.severity])).toEqual([['TEMPLATE-VERSION', 'info']]);
    expect(issues[0].message.ja).toContain('II-1');
    ws.rows[QUESTIONS.findIndex((q) => q.id === 'II-1') + 2]![3] = '勝手に書き換えた質問';
    expect(of(check(grid).issues, 'SC-TAMPER')).toHaveLength(1);
  });

  it('はい without evidence on II-3, II-4, III-1, III-2 and VII-2 is noted (info); on other non-critical clauses not at all', () => {
    const bare = Object.fromEntries(
      ['II-3', 'II-4', 'III-1', 'III-2', 'VII-2', 'II-6', 'IV-1'].map((id) => [id, { '取組内容・根拠資料': null }]),
    );
    const found = of(run(bare).issues, 'SC-EVIDENCE');
    expect(found.map((i) => [i.cell, i.severity])).toEqual(
      ['II-3', 'II-4', 'III-1', 'III-2', 'VII-2'].map((id) => [cell(id, 'F'), 'info']),
    );
  });

  it('messages say what is wrong and what to do, without repeating the clause id at the end', () => {
    const { issues } = run({
      'II-3': { 回答: 'いいえ', '取組内容・根拠資料': null },
      'IV-4': { 回答: '該当なし', '取組内容・根拠資料': null },
      'V-1': { '取組内容・根拠資料': null },
      I: { 回答: null },
    });
    expect(new Set(issues.map((i) => i.rule))).toEqual(new Set(['SC-GAP', 'SC-NA', 'SC-EVIDENCE', 'SC-ANSWER']));
    for (const i of issues) {
      expect(i.message.ja).not.toMatch(/（[IV]+(-\d+)?）。$/u);
      expect(i.message.ja).toMatch(/[てで]ください。$/u);
      expect(i.message.en.length).toBeGreaterThan(40);
    }
    expect(of(issues, 'SC-ANSWER')[0].message.ja).toContain('37問すべてに回答した時点で確定');
  });
});

describe('samples', () => {
  it('has about ten fictional supplier returns with distinct file names', () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
    expect(new Set(samples.map((s) => s.file)).size).toBe(samples.length);
    expect(SAMPLE_AS_OF).toBe(AS_OF);
  });

  it.each(samples.map((s) => [s.file, s] as const))('%s raises exactly the expected rules', (_file, s) => {
    const { issues } = check(layoutWorkbook(def, s.input), SAMPLE_AS_OF);
    expect([...new Set(issues.map((i) => i.rule))].sort()).toEqual([...s.expect].sort());
    if (s.expect.length === 0) expect(errors(issues)).toEqual([]);
  });

  it('scores the samples as a buyer would read them', () => {
    const score = (file: string) =>
      check(layoutWorkbook(def, samples.find((s) => s.file === file)!.input), SAMPLE_AS_OF).score!;
    expect(score('sc-01-mihon-seiki-a-band.xlsx').band).toBe('A');
    // V-9 該当なし with a reason: out of the denominator, not two free points (review finding 9).
    expect(score('sc-02-rei-system-service.xlsx')).toMatchObject({ band: 'A', redFlags: [], counts: { 該当なし: 7 } });
    expect(score('sc-03-sakura-konpo-incomplete.xlsx')).toMatchObject({
      answered: 22,
      total: 37,
      complete: false,
      rate: null,
    });
    // Review finding 8: red flags cap the band at C and the status is 要対応.
    expect(score('sc-04-dummy-kasei-red-flags.xlsx')).toMatchObject({
      redFlags: ['II-5', 'V-9'],
      band: 'C',
      actionNeeded: true,
    });
    expect(score('sc-05-kakuu-trading-critical-na.xlsx').redFlags).toEqual(['II-2']);
    expect(score('sc-08-mihon-kogyo-marks.xlsx')).toMatchObject({ answered: 37, complete: true, band: 'A' });
  });
});
