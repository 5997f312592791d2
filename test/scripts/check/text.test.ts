// The terminal report's formatting: display widths for Japanese text, aligned per-file lines, the progress bar.
import { describe, expect, it } from 'vitest';
import type { FileResult } from '../../../scripts/file-result.js';
import type { RuleId } from '../../../templates/catalogue.js';
import {
  displayWidth,
  fileLine,
  findingLines,
  fit,
  lineLayout,
  padEnd,
  progressBar,
  textReport,
  totalsOf,
} from '../../../scripts/report/text.js';

const issue = (rule: RuleId, severity: 'error' | 'warning' | 'info', sheet: string | null, cell: string | null) => ({
  rule,
  severity,
  sheet,
  cell,
  field: null,
  value: null,
  message: { ja: `${rule} の説明`, en: `${rule} explained` },
});

const results: FileResult[] = [
  {
    path: 'returns/株式会社アクメ.xlsx',
    status: 'invalid',
    template: { id: 'supplier-checklist', version: 1 },
    subject: '株式会社アクメ（東京都千代田区）',
    issues: [issue('SC-ANSWER', 'error', 'チェックリスト', 'E5'), issue('SC-DATE', 'warning', '回答者情報', 'B13')],
    score: { rate: 0.842, points: 0, max: 0, answered: 0, total: 0, sections: [], band: 'B', redFlags: ['II-1'] },
  },
  {
    path: 'returns/beta.xlsx',
    status: 'ok',
    template: { id: 'supplier-checklist', version: 1 },
    subject: 'Beta Ltd',
    issues: [],
    score: { rate: 1, points: 0, max: 0, answered: 0, total: 0, sections: [], band: 'A', redFlags: [] },
  },
  {
    path: 'returns/old.xls',
    status: 'unreadable',
    template: null,
    issues: [
      {
        ...issue('FILE-UNREADABLE', 'error', null, null),
        value: 'legacy-xls',
        message: { ja: '旧形式です。', en: 'Old format.' },
      },
    ],
  },
  {
    path: 'misc/notes.xlsx',
    status: 'invalid',
    template: null,
    issues: [issue('TEMPLATE-UNKNOWN', 'error', null, null)],
  },
];

describe('display width', () => {
  it('counts wide characters twice and combining marks not at all', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('要修正')).toBe(6);
    expect(displayWidth('ｱｲｳ')).toBe(3); // half-width katakana
    expect(displayWidth('Ａ１')).toBe(4); // full-width Latin
    expect(displayWidth('か\u3099')).toBe(2);
    expect(displayWidth('\u001b[31mエラー\u001b[0m')).toBe(6);
    expect(padEnd('要修正', 8)).toBe('要修正  ');
    expect(displayWidth(fit('株式会社アクメ（東京都千代田区）', 10))).toBe(10);
  });
});

describe('per-file lines', () => {
  it('line up by display width and say what each file is', () => {
    const layout = lineLayout(results.map((r) => r.path));
    const lines = results.map((r) => fileLine(r, 'ja', undefined, layout));
    const at = (l: string, token: string) => displayWidth(l.slice(0, l.indexOf(token)));
    expect(at(lines[0], 'supplier-checklist')).toBe(at(lines[1], 'supplier-checklist'));
    expect(at(lines[0], 'エラー')).toBe(at(lines[1], 'エラー'));
    expect(at(lines[2], '旧形式')).toBe(at(lines[3], 'TEMPLATE-UNKNOWN'));
    expect(lines[0]).toMatch(/^要修正 {2}/);
    expect(lines[0]).toContain('得点率  84.2% B');
    expect(lines[0]).toContain('重大: II-1');
    expect(lines[2]).toMatch(/^読込不可 +returns\/old\.xls +旧形式です。$/);
    expect(lines[3]).toMatch(/^対象外 +misc\/notes\.xlsx/);
  });

  it('an incomplete checklist shows its completion and a provisional score, no band; a red flag on a valid one is 要対応 (Amendment 5)', () => {
    const base = { points: 0, max: 0, total: 37, sections: [] };
    const incomplete: FileResult = {
      path: 'returns/c.xlsx',
      status: 'invalid',
      template: { id: 'supplier-checklist', version: 1 },
      subject: 'C',
      issues: [issue('SC-ANSWER', 'error', 'チェックリスト', 'E9')],
      score: { ...base, rate: null, provisionalRate: 0.833, answered: 22, complete: false, redFlags: [] },
    };
    expect(fileLine(incomplete, 'ja')).toContain('回答 22/37 暫定  83.3%');
    expect(fileLine(incomplete, 'ja')).not.toContain('得点率');
    expect(fileLine(incomplete, 'en')).toContain('answered 22/37, provisional  83.3%');
    const flagged: FileResult = {
      path: 'returns/d.xlsx',
      status: 'ok',
      template: { id: 'supplier-checklist', version: 1 },
      subject: 'D',
      issues: [],
      score: { ...base, rate: 0.946, answered: 37, complete: true, band: 'C', redFlags: ['II-5'], actionNeeded: true },
    };
    expect(fileLine(flagged, 'ja')).toMatch(/^要対応 {2}/);
    expect(fileLine(flagged, 'ja')).toContain('得点率  94.6% C');
    expect(fileLine(flagged, 'en')).toMatch(/^follow-up {3}/);
  });

  it('group findings by file with sheet!cell and rule, and end with the totals', () => {
    expect([...findingLines(results[0], 'en')]).toEqual([
      '',
      'returns/株式会社アクメ.xlsx  株式会社アクメ（東京都千代田区）',
      '  error    チェックリスト!E5  SC-ANSWER         SC-ANSWER explained',
      '  warning  回答者情報!B13     SC-DATE           SC-DATE explained',
    ]);
    expect([...findingLines(results[2], 'en')]).toEqual([]);
    const report = textReport(results, 'en');
    expect(report.at(-1)).toBe('4 files: 1 ok, 1 invalid, 1 not a template, 1 unreadable (3 errors, 1 warnings)');
    expect(totalsOf(results)).toEqual({
      files: 4,
      ok: 1,
      invalid: 1,
      notTemplate: 1,
      unreadable: 1,
      errors: 3,
      warnings: 1,
    });
  });

  it('draws a progress bar', () => {
    expect(progressBar(250, 1000, 812.4, 'en', 20)).toBe('[█████░░░░░░░░░░░░░░░]  25%  250/1000  812 files/s');
    expect(progressBar(1000, 1000, 0, 'ja', 4)).toBe('[████] 100%  1000/1000');
  });
});
