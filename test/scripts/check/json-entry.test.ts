// The JSON report writes a file's entry in pieces; joined, they are exactly what JSON.stringify wrote whole.
import { describe, expect, it } from 'vitest';
import { jsonEntry } from '../../../scripts/report/json.js';
import type { FileResult } from '../../../scripts/file-result.js';
import type { Issue } from '../../../templates/model/types.js';

function issue(i: number): Issue {
  const text = `行 ${i}「"引用"」\\ line\nbreak`;
  return {
    rule: 'PL-RISK',
    severity: 'error',
    sheet: '台帳',
    cell: `A${i + 3}`,
    field: '管理番号',
    value: `L-${i}`,
    message: { ja: text, en: text },
  };
}

function whole(f: FileResult): string {
  return JSON.stringify({
    path: f.path,
    status: f.status,
    template: f.template,
    subject: f.subject ?? null,
    issues: f.issues,
    ...(f.score ? { score: f.score } : {}),
  });
}

describe('jsonEntry', () => {
  it.each([0, 1, 4096, 4097, 9000])('writes %i issues in order, every one once', (n) => {
    const f: FileResult = {
      path: 'a/"b".xlsx',
      status: 'invalid',
      template: { id: 'pi-ledger', version: 1 },
      issues: Array.from({ length: n }, (_, i) => issue(i)),
      subject: '株式会社アクメ',
    };
    const pieces = [...jsonEntry(f)];
    expect(pieces.length).toBe(Math.ceil(n / 4096) + 2);
    expect(pieces.join('')).toBe(whole(f));
  });

  it('writes the score after the issues, and a file without a template', () => {
    const scored = {
      path: 'x.xlsx',
      status: 'ok',
      template: { id: 'supplier-checklist', version: 2 },
      issues: [issue(1)],
      score: { rate: 0.5, points: 3, max: 6, answered: 2, total: 4, sections: [], redFlags: ['x'] },
    } as unknown as FileResult;
    expect([...jsonEntry(scored)].join('')).toBe(whole(scored));
    const unreadable: FileResult = { path: 'y.xls', status: 'unreadable', template: null, issues: [issue(2)] };
    expect([...jsonEntry(unreadable)].join('')).toBe(whole(unreadable));
  });
});
