// The engine on a small template of its own: header matching, structural issues, value issues, identify.
import { describe, expect, it } from 'vitest';
import { parseAddress, type Grid } from '../../templates/model/grid.js';
import { layoutWorkbook, MARKER_SHEET } from '../../templates/model/layout.js';
import type { RecordRow, TemplateDef } from '../../templates/model/types.js';
import { recordCell } from '../../templates/model/read.js';
import { identifyAmong, validate, validateAmong } from '../../templates/model/validate.js';

const yesno = { kind: 'yesno' } as const;
const t = (ja: string, en = ja) => ({ ja, en });

const demo: TemplateDef = {
  id: 'pi-ledger',
  version: 2,
  changes: { 2: t('列「件数」を追加しました。', 'Added the 件数 column.') },
  title: t('テスト台帳', 'Test ledger'),
  shape: 'table',
  clause: '§0',
  sheets: [
    {
      kind: 'table',
      name: '台帳',
      title: t('台帳', 'Ledger'),
      fields: [
        {
          key: '管理番号',
          label: t('管理番号', 'ID'),
          type: { kind: 'text' },
          required: true,
          unique: true,
          synonyms: ['No.'],
        },
        { key: '件数', label: t('件数', 'Count'), type: { kind: 'integer', min: 0 } },
        { key: '委託', label: t('委託', 'Outsourced'), type: yesno, required: true },
        { key: '最終確認日', label: t('最終確認日', 'Last reviewed'), type: { kind: 'date' }, required: true },
      ],
    },
    {
      kind: 'questions',
      name: '質問',
      title: t('質問', 'Questions'),
      tamperRule: 'SC-TAMPER',
      questions: [
        { id: 'Q-1', section: 'A', title: t('方針'), question: t('方針がありますか。') },
        { id: 'Q-2', section: 'A', title: t('教育'), question: t('教育をしていますか。') },
      ],
      fields: [{ key: '回答', label: t('回答', 'Answer'), type: yesno }],
    },
  ],
  rules: [
    {
      id: 'PL-OUTSOURCE',
      check: (ctx) =>
        ctx
          .rows('台帳')
          .filter((r) => r.values['委託'] === 'はい')
          .map((r) => ({ record: r, field: '委託', message: t('委託あり', 'outsourced') })),
    },
  ],
};

const asOf = '2025-06-30';
const good = () =>
  layoutWorkbook(demo, {
    tables: {
      台帳: [
        { 管理番号: 'A-1', 件数: 10, 委託: 'いいえ', 最終確認日: '2025-04-01' },
        { 管理番号: 'A-2', 件数: '１２０', 委託: '×', 最終確認日: '令和7年4月1日' },
      ],
    },
    answers: { 質問: { 'Q-1': { 回答: 'はい' }, 'Q-2': { 回答: '○' } } },
  });
const sheet = (g: Grid, name: string) => g.sheets.find((s) => s.name === name)!;
const rules = (g: Grid) => validate(demo, g, { asOf }).issues.map((i) => `${i.rule}@${i.sheet}!${i.cell}`);

describe('validate', () => {
  it('accepts normalised values without issues', () => {
    const v = validate(demo, good(), { asOf });
    expect(v.issues).toEqual([]);
    expect(v.data.sheets['台帳'].map((r) => r.values)).toEqual([
      { 管理番号: 'A-1', 件数: 10, 委託: 'いいえ', 最終確認日: '2025-04-01' },
      { 管理番号: 'A-2', 件数: 120, 委託: 'いいえ', 最終確認日: '2025-04-01' },
    ]);
    expect(v.data.sheets['台帳'][1].cells['最終確認日']).toBe('D4');
  });

  it('reports value problems at their cell with both languages', () => {
    const g = good();
    const rows = sheet(g, '台帳').rows;
    rows[2][1] = '約100';
    rows[3][0] = 'Ａ－１';
    rows[3][2] = '多分';
    rows[3][3] = null;
    const issues = validate(demo, g, { asOf }).issues;
    expect(issues.map((i) => `${i.rule}@${i.cell}`)).toEqual([
      'V-NUMBER@B3',
      'V-UNIQUE@A4',
      'V-ENUM@C4',
      'V-REQUIRED@D4',
    ]);
    expect(issues[0].message.ja).toContain('約100');
    expect(issues[0].message.en).toContain('約100');
    expect(issues[1].message.ja).toContain('3行目');
  });

  it('reads a value repeated down a column alike in every row, per field, per grid and its date system', () => {
    const g = good();
    const rows = sheet(g, '台帳').rows;
    rows[2] = ['A-1', '約100', '1', 45748];
    rows[3] = ['A-2', '約100', '1', 45748];
    rows[4] = ['A-3', '1', 1, '45748'];
    const v = validate(demo, g, { asOf });
    expect(v.issues.map((i) => `${i.rule}@${i.cell}:${i.value}`)).toEqual([
      'V-NUMBER@B3:約100',
      'V-ENUM@C3:1',
      'V-NUMBER@B4:約100',
      'V-ENUM@C4:1',
      'V-ENUM@C5:1',
      'V-DATE@D5:45748',
    ]);
    expect(v.issues[2].message).toEqual(v.issues[0].message);
    const [a, b, c] = v.data.sheets['台帳'];
    expect([a.values, b.values, c.values]).toEqual([
      { 管理番号: 'A-1', 件数: null, 委託: null, 最終確認日: '2025-04-01' },
      { 管理番号: 'A-2', 件数: null, 委託: null, 最終確認日: '2025-04-01' },
      { 管理番号: 'A-3', 件数: 1, 委託: null, 最終確認日: null },
    ]);
    expect([a.raw['最終確認日'], b.raw['最終確認日'], c.raw['最終確認日']]).toEqual([
      '2025-04-01',
      '2025-04-01',
      '45748',
    ]);
    // The same serial in a workbook of the 1904 date system is four years and a day later.
    const v1904 = validate(demo, { ...g, date1904: true }, { asOf: '2030-01-01' });
    expect(v1904.data.sheets['台帳'].map((r) => r.values['最終確認日'])).toEqual(['2029-04-02', '2029-04-02', null]);
    expect(validate(demo, g, { asOf }).data.sheets['台帳'][0].values['最終確認日']).toBe('2025-04-01');
  });

  it('reports a value problem in each of 200,000 rows (more issues than a call takes arguments)', () => {
    const g = good();
    const s = sheet(g, '台帳');
    const rows = Array.from({ length: 200_000 }, (_, r) => [`A-${r}`, '約100', 'いいえ', '2025-04-01']);
    s.rows = [s.rows[0], s.rows[1], ...rows];
    const issues = validate(demo, g, { asOf }).issues;
    expect(issues).toHaveLength(200_000);
    expect(issues[199_999]).toMatchObject({ rule: 'V-NUMBER', cell: 'B200002', value: '約100' });
  });

  it('matches columns by label, not by letter, and reports extra columns as info', () => {
    const g = good();
    const s = sheet(g, '台帳');
    // Swap the first two columns, rename 管理番号 to its synonym and add a column the template does not have.
    s.rows = s.rows.map((r, i) =>
      i === 0 ? r : [r[1], i === 1 ? 'No.' : r[0], r[2], r[3], i === 1 ? '部署メモ' : 'x'],
    );
    const v = validate(demo, g, { asOf });
    expect(v.issues.map((i) => `${i.rule}/${i.severity}@${i.cell}`)).toEqual(['COLUMN-EXTRA/info@E2']);
    expect(v.data.sheets['台帳'][0].values['管理番号']).toBe('A-1');
    expect(v.data.sheets['台帳'][0].extra).toEqual({ 部署メモ: 'x' });
  });

  it('tells a missing column from a renamed one', () => {
    const g = good();
    const s = sheet(g, '台帳');
    s.rows[1][2] = '委託の有無';
    s.rows = s.rows.map((r) => [...r.slice(0, 3)]);
    const issues = validate(demo, g, { asOf }).issues.filter((i) => i.rule.startsWith('COLUMN'));
    expect(issues.map((i) => `${i.rule}:${i.field}:${i.severity}`)).toEqual([
      'COLUMN-MISSING:最終確認日:error',
      'COLUMN-RENAMED:委託:error',
    ]);
    expect(issues[1].message.ja).toContain('委託の有無');
  });

  it('reports a missing sheet and a formula problem without throwing', () => {
    const g = good();
    g.sheets = g.sheets.filter((s) => s.name !== '質問');
    const s = sheet(g, '台帳');
    s.rows[2][1] = { error: '#REF!' };
    s.rows[3][1] = 5;
    s.formulas = { B4: "'[1]Other'!A1" };
    expect(rules(g)).toEqual(['V-FORMULA@台帳!B3', 'V-FORMULA@台帳!B4', 'SHEET-MISSING@質問!null']);
  });

  it('runs template rules and points at the named field', () => {
    const g = good();
    sheet(g, '台帳').rows[3][2] = 'はい';
    expect(rules(g)).toEqual(['PL-OUTSOURCE@台帳!C4']);
  });

  it('detects changed, deleted and reordered question rows', () => {
    const g = good();
    const q = sheet(g, '質問');
    q.rows[2][3] = '方針はありますか？（改変）';
    expect(rules(g)).toEqual(['SC-TAMPER@質問!D3']);
    q.rows = [q.rows[0], q.rows[1], q.rows[3]];
    expect(rules(g)).toEqual(['SC-TAMPER@質問!null']);
    const g2 = good();
    const q2 = sheet(g2, '質問');
    q2.rows = [q2.rows[0], q2.rows[1], q2.rows[3], q2.rows[2]];
    expect(validate(demo, g2, { asOf }).issues.map((i) => i.message.en)).toEqual([
      'Question rows were reordered. Restore the template order.',
    ]);
  });
});

describe('record cells', () => {
  it('derives every record cell address from its row and column, as a plain object and one at a time', () => {
    const g = good();
    // A column left out of the template moves the following ones; the addresses follow the header.
    for (const row of sheet(g, '台帳').rows) row?.splice(1, 0, null);
    sheet(g, '台帳').rows[1][1] = '備考';
    const v = validate(demo, g, { asOf });
    const [a, b] = v.data.sheets['台帳'];
    expect(b.row).toBe(4);
    expect(b.cells).toEqual({ 管理番号: 'A4', 件数: 'C4', 委託: 'D4', 最終確認日: 'E4' });
    expect(Object.keys(a.cells)).toEqual(['管理番号', '件数', '委託', '最終確認日']);
    expect(Object.values(a.cells)).toEqual(['A3', 'C3', 'D3', 'E3']);
    // Values and raw texts start as copies of one blank record: the same fields, in the same order.
    expect([Object.keys(a.values), Object.keys(b.raw)]).toEqual([Object.keys(a.cells), Object.keys(a.cells)]);
    expect(b.raw).toEqual({ 管理番号: 'A-2', 件数: '１２０', 委託: '×', 最終確認日: '令和7年4月1日' });
    expect(recordCell(b, '委託')).toBe('D4');
    expect(recordCell(b, null)).toBe('A4');
    expect(recordCell(b, '備考')).toBeNull();
    expect(b.cells['備考']).toBeUndefined();
    const q = v.data.sheets['質問'];
    expect(q.map((r) => [r.id, r.cells, recordCell(r, '回答')])).toEqual([
      ['Q-1', { 回答: 'E3' }, 'E3'],
      ['Q-2', { 回答: 'E4' }, 'E4'],
    ]);
  });

  it('takes a plain record’s cells as they are', () => {
    const rec: RecordRow = { sheet: 's', row: 2, values: {}, raw: {}, cells: { 名前: 'B2', 住所: 'C2' } };
    expect([recordCell(rec, '住所'), recordCell(rec, null), recordCell(rec, '電話')]).toEqual(['C2', 'B2', null]);
  });
});

describe('identify', () => {
  it('recognises the marker, older and newer versions', () => {
    expect(identifyAmong(good(), [demo])).toMatchObject({ def: demo, via: 'marker', version: 2, issues: [] });
    const older = good();
    sheet(older, MARKER_SHEET).rows[1][1] = 1;
    const o = validateAmong(older, [demo], { asOf });
    expect(o.issues.map((i) => `${i.rule}/${i.severity}`)).toEqual(['TEMPLATE-VERSION/info']);
    expect(o.issues[0].message.ja).toContain('件数');
    const newer = good();
    sheet(newer, MARKER_SHEET).rows[1][1] = 3;
    const n = validateAmong(newer, [demo], { asOf });
    expect(n.issues.map((i) => `${i.rule}/${i.severity}`)).toEqual(['TEMPLATE-VERSION/error']);
    expect(n.data).toBeUndefined();
  });

  it('falls back to the header signature with a warning, and names unknown workbooks', () => {
    const copied = good();
    copied.sheets = copied.sheets.filter((s) => s.name !== MARKER_SHEET);
    const v = validateAmong(copied, [demo], { asOf });
    expect(v.template).toEqual({ id: 'pi-ledger', version: 2 });
    expect(v.issues.map((i) => i.rule)).toEqual(['TEMPLATE-MARKER']);
    const other: Grid = {
      sheets: [
        {
          name: 'Sheet1',
          rows: [
            ['氏名', '住所'],
            ['山田', '東京'],
          ],
        },
      ],
    };
    expect(validateAmong(other, [demo], { asOf }).issues.map((i) => i.rule)).toEqual(['TEMPLATE-UNKNOWN']);
    const foreignMarker = good();
    sheet(foreignMarker, MARKER_SHEET).rows[0][1] = 'unknown-template';
    expect(validateAmong(foreignMarker, [demo], { asOf }).issues.map((i) => i.rule)).toEqual(['TEMPLATE-UNKNOWN']);
  });
});

describe('parseAddress', () => {
  /** The definition parseAddress reads character by character. */
  const byRegex = (a1: string) => {
    const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a1.trim());
    if (!m) return 'throws';
    let col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]) - 1, col: col - 1 };
  };
  const parsed = (a1: string) => {
    try {
      return parseAddress(a1);
    } catch {
      return 'throws';
    }
  };

  it('reads A1 addresses as the regular expression does', () => {
    expect(parseAddress('B7')).toEqual({ row: 6, col: 1 });
    expect(parseAddress(' $xfd$1048576 ')).toEqual({ row: 1048575, col: 16383 });
    const alphabet = ['A', 'z', 'Z', 'a', '$', '0', '9', '1', ' ', '@', '[', '`', '{', '-', 'Ａ', '١', '\n'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let n = 0; n < 20_000; n++) {
      let a1 = '';
      for (let k = next() % 8; k > 0; k--) a1 += alphabet[next() % alphabet.length];
      expect(parsed(a1), JSON.stringify(a1)).toEqual(byRegex(a1));
    }
    for (const a1 of ['', '$', 'A', '1', 'AAAA1', '$$A1', 'A$$1', 'A1$', 'A 1', 'Ａ1', 'A١', 'a1', 'A$1', '$A1']) {
      expect(parsed(a1), JSON.stringify(a1)).toEqual(byRegex(a1));
    }
  });
});
