// The folding-agreement test: one table of tricky inputs per purpose, run through the fold functions and through every
// place that uses them (V-UNIQUE, the merge key, PL-RISK and the audit's departments for identifiers; the engine, the
// merge and the pane for header labels). Before templates/model/fold.ts, V-UNIQUE kept GA‐001 (U+2010) and GA-001
// apart while the merge and PL-RISK took them for one key.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locateColumns } from '../../addin/taskpane/model.js';
import { locateTables, TableReader } from '../../scripts/merge/records.js';
import { departmentsOf } from '../../templates/audit/rules.js';
import {
  foldCompact,
  foldCompany,
  foldCorpNo,
  foldKey,
  foldLabel,
  foldLawName,
  foldText,
  foldWord,
} from '../../templates/model/fold.js';
import type { CellValue, Grid } from '../../templates/model/grid.js';
import { HEADER_ROW, layoutWorkbook } from '../../templates/model/layout.js';
import { readRecords } from '../../templates/model/read.js';
import type { Issue } from '../../templates/model/types.js';
import { validate } from '../../templates/model/validate.js';
import { piLedger } from '../../templates/pi-ledger/index.js';
import { LEDGER, ledgerSheet, RISK, STAGES } from '../../templates/pi-ledger/sheets.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** Every way people (and IMEs) write the dash of GA-001. */
const DASHES = [
  '-',
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2015',
  '\u2212',
  '\u30fc',
  '\uff0d',
  '\uff70',
  '\ufe63',
];

/** [a, b, same key?] */
const KEYS: [string, string, boolean][] = [
  ...DASHES.map((d): [string, string, boolean] => ['GA-001', `GA${d}001`, true]),
  ['GA-001', 'ＧＡ－００１', true],
  ['GA-001', 'ga-001', true],
  ['GA-001', ' GA - 001 ', true],
  ['GA-001', 'GA\u3000-001', true],
  ['GA-001', 'GA-\u200b001', true],
  ['GA-001', 'GA-\ufeff001', true],
  ['GA-001', 'GA001', false],
  ['GA-001', 'GA-0001', false],
  ['GA-001', 'GA_001', false],
  ['GA-001', 'GA.001', false],
];

function ledgerRow(id: string, dept = '総務部'): Record<string, CellValue> {
  return { 管理番号: id, 部門: dept, 業務名: '顧客対応' };
}

function ledgerGrid(ledger: Record<string, CellValue>[], riskIds: string[] = []): Grid {
  const risk = riskIds.flatMap((id) =>
    STAGES.map((s) => ({ 管理番号: id, 局面: s.value, 想定されるリスク: '漏えい', 対策: '施錠', 残留リスク: '低' })),
  );
  return layoutWorkbook(piLedger, { tables: { [LEDGER]: ledger, [RISK]: risk } });
}

const ruleCells = (issues: readonly Issue[], rule: string) =>
  issues.filter((i) => i.rule === rule).map((i) => `${i.sheet}!${i.cell}`);

/** Each use of an identifier fold, asked whether a and b are the same 管理番号. */
const KEY_USES: Record<string, (a: string, b: string) => boolean> = {
  foldKey: (a, b) => foldKey(a) === foldKey(b),
  'V-UNIQUE': (a, b) =>
    ruleCells(
      validate(piLedger, ledgerGrid([ledgerRow(a), ledgerRow(b)], [a]), { asOf: '2026-11-20' }).issues,
      'V-UNIQUE',
    ).length > 0,
  'PL-RISK': (a, b) => {
    // The ledger row a with risk rows written b: PL-RISK says what it says when they are written a, or it does not link them.
    const as = (id: string) =>
      ruleCells(validate(piLedger, ledgerGrid([ledgerRow(a)], [id]), { asOf: '2026-11-20' }).issues, 'PL-RISK');
    return JSON.stringify(as(b)) === JSON.stringify(as(a));
  },
  'merge key': (a, b) => {
    const grid = ledgerGrid([ledgerRow(a), ledgerRow(b)]);
    const input = locateTables(piLedger, grid).tables.find((t) => t.sd.name === LEDGER)!;
    const reader = new TableReader(input, false);
    const [r1, r2] = input.layout.rows;
    return reader.key(r1) === reader.key(r2);
  },
  'audit department': (a, b) => {
    const grid = ledgerGrid([ledgerRow(a, '人事部')], [b]);
    const data = readRecords(piLedger, grid);
    const onRisk: Issue = {
      rule: 'PL-RISK',
      severity: 'error',
      sheet: RISK,
      cell: 'A3',
      field: '管理番号',
      value: b,
      message: { ja: '', en: '' },
    };
    return departmentsOf([onRisk], data)[0] === '人事部';
  },
};

describe('identifiers (管理番号): every use folds alike', () => {
  for (const [use, same] of Object.entries(KEY_USES)) {
    it(use, () => {
      const got = KEYS.map(([a, b]) => [a, b, same(a, b)]);
      expect(got).toEqual(KEYS);
    });
  }
});

describe('header labels: the engine, the merge and the pane find the same columns', () => {
  const LABELS: [string, boolean][] = [
    ['管理番号', true],
    ['管理番号（必須）', true],
    ['※管理番号', true],
    ['管理 番号', true],
    ['管理\u3000番号', true],
    ['管理番号\n', true],
    ['管理\u200b番号', true],
    ['ＩＤ', false],
    ['管理番号2', false],
    ['管理', false],
  ];
  const id = ledgerSheet.fields.find((f) => f.key === '管理番号')!;
  const withHeader = (label: string): Grid => {
    const grid = ledgerGrid([ledgerRow('GA-001')]);
    const sheet = grid.sheets.find((s) => s.name === LEDGER)!;
    const col = ledgerSheet.fields.indexOf(id);
    sheet.rows[HEADER_ROW] = sheet.rows[HEADER_ROW]!.map((v, c) => (c === col ? label : v));
    return grid;
  };
  const USES: Record<string, (grid: Grid) => boolean> = {
    engine: (grid) =>
      !validate(piLedger, grid, { asOf: '2026-11-20' }).issues.some(
        (i) => (i.rule === 'COLUMN-MISSING' || i.rule === 'COLUMN-RENAMED') && i.field === '管理番号',
      ),
    merge: (grid) =>
      locateTables(piLedger, grid).tables.find((t) => t.sd.name === LEDGER)?.layout.fieldCols[
        ledgerSheet.fields.indexOf(id)
      ] !== undefined,
    pane: (grid) =>
      locateColumns(
        ledgerSheet,
        grid.sheets.find((s) => s.name === LEDGER)!,
      )?.columns.has('管理番号') === true,
  };
  for (const [use, found] of Object.entries(USES)) {
    it(use, () => {
      expect(LABELS.map(([l]) => [l, found(withHeader(l))])).toEqual(LABELS);
    });
  }
  it('foldLabel', () => expect(LABELS.map(([l]) => [l, foldLabel(l) === foldLabel('管理番号')])).toEqual(LABELS));
});

describe('the fold functions', () => {
  it('foldText keeps one space between words, drops width and zero-width differences', () => {
    expect(['ＡＢＣ　株式会社', ' ABC  株式会社 ', 'ABC\u200b 株式会社', 'ABC\u2060 株式会社'].map(foldText)).toEqual(
      Array(4).fill('ABC 株式会社'),
    );
    expect(foldText('ABC株式会社')).not.toBe(foldText('ABC 株式会社'));
  });
  it('foldCompact and foldWord drop every space; only foldWord drops case', () => {
    expect(['退職日\u3000から', '退職日 から', '退職日\u200bから'].map(foldCompact)).toEqual(
      Array(3).fill('退職日から'),
    );
    expect(foldCompact('Ab')).toBe('Ab');
    expect(['はい', 'ＹＥＳ', 'y e s', 'Yes'].map(foldWord)).toEqual(['はい', 'yes', 'yes', 'yes']);
  });
  it('foldCompany: legal form, width, spaces, punctuation and dashes do not count; ー does', () => {
    const names = [
      '株式会社サンプル・サービス',
      '（株）サンプル・サービス',
      '㈱サンプルサービス',
      'サンプル　サービス株式会社',
      'サンプル\u2010サービス㈱',
      'サンプル\u2212サービス（株）',
      'サンプル\u2013サービス 株式会社',
      'ｻﾝﾌﾟﾙｻｰﾋﾞｽ㈱',
    ];
    expect(names.map(foldCompany)).toEqual(Array(names.length).fill('サンプルサービス'));
    expect(foldCompany('サンプルサービス')).not.toBe(foldCompany('サンプルサビス'));
    expect(['Sample Co., Ltd.', 'SAMPLE Inc.', 'ｓａｍｐｌｅ'].map(foldCompany)).toEqual([
      'sample',
      'sample',
      'sample',
    ]);
  });
  it('foldCorpNo: 13 digits, whatever the width, spacing and dash', () => {
    expect(
      [
        '1234567890123',
        '１２３４５６７８９０１２３',
        '1234 5678 90123',
        '1-2345-6789-0123',
        '1\u22122345\u22126789\u22120123',
        '1\u20102345\u20106789\u20100123',
      ].map(foldCorpNo),
    ).toEqual(Array(6).fill('1234567890123'));
    expect(['123456789012', '12345678901234', 'abc', '', null].map(foldCorpNo)).toEqual([null, null, null, null, null]);
  });
  it('foldLawName: width, spaces, quotes and case; bare drops brackets', () => {
    expect(
      ['個人情報の保護に関する法律', '「個人情報の保護に関する法律」', '個人情報の 保護に関する法律'].map((n) =>
        foldLawName(n),
      ),
    ).toEqual(Array(3).fill('個人情報の保護に関する法律'));
    expect(foldLawName('appi')).toBe('APPI');
    expect(foldLawName('個人情報保護法（平成15年法律第57号）', true)).toBe('個人情報保護法');
  });
});

describe('one module', () => {
  /** Files outside fold.ts that may call normalize('NFKC'): they parse a value, they do not compare two texts. */
  const PARSERS = new Set(['templates/model/fold.ts', 'templates/model/dates.ts']);
  it("nothing else folds text with normalize('NFKC')", () => {
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir)) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e)) files.push(p);
      }
    };
    for (const d of ['templates', 'scripts', 'addin']) walk(join(ROOT, d));
    const folding = files
      .map((f) => relative(ROOT, f).replaceAll('\\', '/'))
      .filter((f) => !PARSERS.has(f) && /normalize\(\s*['"]NFKC['"]\s*\)/.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(folding).toEqual([]);
  });
});
