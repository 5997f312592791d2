// addin/excel against the typed fake Excel (addin/fake): every function, with Office.js batch semantics.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  clearMarks,
  displayLanguage,
  getSelection,
  hasMarks,
  insertTemplate,
  isDateFormat,
  MARK_COLOURS,
  markCells,
  MARKS_SHEET,
  needsTextPrefix,
  NotInExcelError,
  officeReady,
  onSelectionChanged,
  onSheetChanged,
  patchGrid,
  READ_CHUNK_CELLS,
  readGrid,
  readSheetRange,
  readSheetRanges,
  selectCell,
  splitAddress,
  toBase64,
  writeCells,
  type Selection,
  type SheetChange,
} from '../../addin/excel/index.js';
import { FakeWorkbook, installFake, type FakeOptions, type WorkbookInit } from '../../addin/fake/fake-excel.js';

const g = globalThis as { Excel?: unknown; Office?: unknown };

function setup(init: WorkbookInit, opts: FakeOptions = {}): FakeWorkbook {
  const wb = new FakeWorkbook(init, opts);
  installFake(globalThis, wb);
  return wb;
}

afterEach(() => {
  delete g.Excel;
  delete g.Office;
});

const ledger: WorkbookInit = {
  sheets: [
    {
      name: '台帳',
      cells: {
        A1: '個人情報管理台帳',
        A2: '管理番号',
        B2: '部門',
        C2: '最終確認日',
        A3: { value: 'PI-001' },
        B3: '総務部',
        C3: { value: 45383, numberFormat: 'yyyy/mm/dd' },
        D3: { value: 12.5, numberFormat: '0.0' },
        E3: { value: 1, formula: '[1]Sheet1!A1' },
        F3: { error: '#REF!' },
        G3: { value: 45383, numberFormat: '[$-ja-JP]ggge"年"m"月"d"日"' },
      },
    },
    { name: '作業用', visibility: 'Hidden', cells: { C5: 'x', D7: 2 } },
    {
      name: '_daicho',
      visibility: 'VeryHidden',
      cells: { A1: 'template', B1: 'pi-ledger', A2: 'version', B2: 1 },
    },
  ],
  names: { _daicho: '=_daicho!$A$1:$B$4' },
};

describe('host guards', () => {
  it('outside Office: no Excel → NotInExcelError; officeReady says so; language from the browser', async () => {
    await expect(readGrid()).rejects.toBeInstanceOf(NotInExcelError);
    expect(await officeReady()).toEqual({ host: null, excel: false });
    expect(typeof displayLanguage()).toBe('string');
  });

  it('inside (fake) Excel: host, display language', async () => {
    setup(ledger, { displayLanguage: 'en-US' });
    expect(await officeReady()).toEqual({ host: 'Excel', excel: true });
    expect(displayLanguage()).toBe('en-US');
  });

  it('Office present but not initialised (office.js outside a host): falls back instead of throwing', async () => {
    g.Office = { onReady: async () => ({ host: null, platform: null }), context: {} };
    expect(await officeReady()).toEqual({ host: null, excel: false });
    expect(displayLanguage()).toBeTruthy();
  });
});

describe('readGrid', () => {
  it('reads every sheet (hidden and very hidden), values, date cells, formulas, errors and names', async () => {
    const wb = setup({
      ...ledger,
      sheets: [...ledger.sheets, { name: MARKS_SHEET, visibility: 'VeryHidden', cells: { A1: 'x' } }],
    });
    const grid = await readGrid();
    expect(grid.sheets.map((s) => [s.name, s.state])).toEqual([
      ['台帳', 'visible'],
      ['作業用', 'hidden'],
      ['_daicho', 'veryHidden'],
    ]);
    const t = grid.sheets[0];
    expect(t.rows[0][0]).toBe('個人情報管理台帳');
    expect(t.rows[2]).toEqual(['PI-001', '総務部', 45383, 12.5, 1, { error: '#REF!' }, 45383]);
    expect([...(t.dateCells ?? [])].sort()).toEqual(['C3', 'G3']);
    expect(t.formulas).toEqual({ E3: '[1]Sheet1!A1' });
    // A used range that does not start at A1 lands at its real position.
    const hidden = grid.sheets[1];
    expect(hidden.rows[4][2]).toBe('x');
    expect(hidden.rows[6][3]).toBe(2);
    expect(hidden.rows[0]).toBeUndefined();
    expect(grid.names).toEqual({ _daicho: '_daicho!$A$1:$B$4' });
    expect(wb.syncs).toBe(3);
  });

  it('reads a large sheet in chunks of at most READ_CHUNK_CELLS cells per sync', async () => {
    const cells: Record<string, number> = {};
    const rows = 5000;
    for (let r = 1; r <= rows; r++) for (const c of 'ABCDEFGHIJKLMNOPQRST') cells[`${c}${r}`] = r;
    const wb = setup({ sheets: [{ name: 'big', cells }] });
    const grid = await readGrid();
    expect(grid.sheets[0].rows).toHaveLength(rows);
    expect(grid.sheets[0].rows[rows - 1][19]).toBe(rows);
    expect(wb.syncs).toBe(2 + Math.ceil((rows * 20) / READ_CHUNK_CELLS));
  });

  it('an empty workbook is one empty sheet', async () => {
    setup({ sheets: [{ name: 'Sheet1' }] });
    expect(await readGrid()).toEqual({ sheets: [{ name: 'Sheet1', state: 'visible', rows: [] }] });
  });
});

describe('readSheetRange + patchGrid', () => {
  it('re-reads only the changed cells and patches them into the grid', async () => {
    const wb = setup(ledger);
    const grid = await readGrid();
    wb.userEdit('台帳', 'B3', '人事部');
    wb.userEdit('台帳', 'C3', '2024/5/1');
    const before = wb.syncs;
    const patch = await readSheetRange('台帳', 'B3:C3');
    expect(wb.syncs - before).toBe(1);
    expect(patch).toMatchObject({ sheet: '台帳', row: 2, col: 1, values: [['人事部', 45413]] });
    expect(patch!.dateCells).toEqual({ B3: false, C3: true });
    patchGrid(grid, patch!);
    expect(grid.sheets[0].rows[2].slice(0, 3)).toEqual(['PI-001', '人事部', 45413]);
  });

  it('clears formulas and date flags that are gone', async () => {
    const wb = setup(ledger);
    const grid = await readGrid();
    wb.userEdit('台帳', 'E3', '5');
    wb.userEdit('台帳', 'C3', '');
    patchGrid(grid, (await readSheetRange('台帳', 'C3:E3'))!);
    expect(grid.sheets[0].formulas).toEqual({});
    expect(grid.sheets[0].dateCells?.has('C3')).toBe(false);
    expect(grid.sheets[0].rows[2][2]).toBeNull();
  });

  it('reads several changed ranges of several sheets in one sync, each patch at its own place', async () => {
    const wb = setup(ledger);
    const grid = await readGrid();
    wb.userEdit('台帳', 'B3', '人事部');
    wb.userEdit('台帳', 'A5', 'PI-003');
    wb.userEdit('作業用', 'C5', 'y');
    const before = wb.syncs;
    const patches = await readSheetRanges([
      { sheet: '台帳', address: 'B3' },
      { sheet: '台帳', address: 'A5:B5' },
      { sheet: '作業用', address: 'C5' },
    ]);
    expect(wb.syncs - before).toBe(1);
    expect(patches.map((p) => [p.sheet, p.row, p.col, p.values])).toEqual([
      ['台帳', 2, 1, [['人事部']]],
      ['台帳', 4, 0, [['PI-003', null]]],
      ['作業用', 4, 2, [['y']]],
    ]);
    patches.forEach((p) => patchGrid(grid, p));
    expect(grid.sheets[0].rows[4].slice(0, 2)).toEqual(['PI-003', null]);
    expect(grid.sheets[1].rows[4][2]).toBe('y');
    // Whole columns need the used range first: one more sync, not one per range.
    const again = wb.syncs;
    expect(
      await readSheetRanges([
        { sheet: '台帳', address: 'B:B' },
        { sheet: '台帳', address: 'C3' },
        { sheet: '台帳', address: 'Z:Z' },
      ]),
    ).toHaveLength(2);
    expect(wb.syncs - again).toBe(2);
    expect(await readSheetRanges([])).toEqual([]);
  });

  it('clips whole columns/rows to the used range; null when nothing is in use there', async () => {
    setup(ledger);
    const patch = await readSheetRange('台帳', 'B:B');
    expect(patch?.values).toHaveLength(3);
    expect(patch?.row).toBe(0);
    expect(await readSheetRange('台帳', 'Z:Z')).toBeNull();
  });
});

describe('writeCells', () => {
  it('writes text as text (even when it looks like a number), numbers, ISO dates as dates, empties — in one sync', async () => {
    const wb = setup(ledger);
    const before = wb.syncs;
    await writeCells('台帳', {
      A4: '001',
      B4: '=not a formula',
      C4: { date: '2024-04-01' },
      D4: 120,
      E4: 'はい',
      F4: true,
      B3: null,
    });
    expect(wb.syncs - before).toBe(1);
    expect(wb.value('台帳', 'A4')).toBe('001');
    expect(wb.value('台帳', 'B4')).toBe('=not a formula');
    expect(wb.cell('台帳', 'B4')?.formula).toBeUndefined();
    expect(wb.value('台帳', 'C4')).toBe(45383);
    expect(isDateFormat(wb.cell('台帳', 'C4')?.numberFormat)).toBe(true);
    expect(wb.value('台帳', 'D4')).toBe(120);
    expect(wb.value('台帳', 'E4')).toBe('はい');
    expect(wb.value('台帳', 'F4')).toBe(true);
    expect(wb.value('台帳', 'B3')).toBeNull();
  });

  it('a missing sheet fails (as getItem does in Excel)', async () => {
    setup(ledger);
    await expect(writeCells('ない', { A1: 'x' })).rejects.toThrow(/ItemNotFound/);
  });

  it('refuses locked cells of a protected sheet, accepts unlocked ones', async () => {
    const wb = setup({
      sheets: [
        {
          name: 'チェックリスト',
          cells: { A3: 'I', E3: { value: null, locked: false } },
          protection: { protected: true },
        },
      ],
    });
    await writeCells('チェックリスト', { E3: 'はい' });
    expect(wb.value('チェックリスト', 'E3')).toBe('はい');
    await expect(writeCells('チェックリスト', { A3: 'X' })).rejects.toThrow(/AccessDenied/);
  });
});

describe('selection', () => {
  it('selectCell activates the sheet and selects the cell; getSelection reads it back', async () => {
    const wb = setup({ sheets: [{ name: 'A' }, { name: '台帳 2' }] });
    await selectCell('台帳 2', 'C7');
    expect(wb.selection).toEqual({ sheet: '台帳 2', address: 'C7' });
    expect(await getSelection()).toEqual({ sheet: '台帳 2', address: 'C7', cell: 'C7', row: 6, col: 2 });
  });

  it('onSelectionChanged reports every new selection until unsubscribed', async () => {
    const wb = setup(ledger);
    const seen: Selection[] = [];
    const off = await onSelectionChanged((s) => seen.push(s));
    wb.userSelect('台帳', 'B5:C6');
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toMatchObject({ sheet: '台帳', address: 'B5:C6', cell: 'B5', row: 4, col: 1 });
    await off();
    wb.userSelect('台帳', 'A1');
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(1);
  });
});

describe('onSheetChanged', () => {
  it('reports the sheet and address of edits, including the add-in’s own writes', async () => {
    const wb = setup(ledger);
    const seen: SheetChange[] = [];
    const off = await onSheetChanged((c) => seen.push(c));
    wb.userEdit('台帳', 'B3', '経理部');
    await writeCells('作業用', { A1: 'x' });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([
      { sheet: '台帳', address: 'B3', changeType: 'RangeEdited' },
      { sheet: '作業用', address: 'A1', changeType: 'RangeEdited' },
    ]);
    await off();
    wb.userEdit('台帳', 'B3', '総務部');
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toHaveLength(2);
  });
});

describe('markCells / clearMarks', () => {
  const fills: WorkbookInit = {
    sheets: [
      {
        name: '台帳',
        cells: {
          A3: 'no fill',
          B3: { value: 'custom', fill: '#92D050' },
          C3: { value: 'white', fill: '#FFFFFF' },
          D3: {
            value: 'patterned',
            fill: { color: '#FFFF00', pattern: 'Gray25', patternColor: '#FF0000', tintAndShade: 0 },
          },
          E3: {
            value: 'tinted',
            fill: { color: '#4472C4', pattern: 'Solid', patternColor: '#000000', tintAndShade: 0.4 },
          },
          F3: 'untouched',
        },
      },
      { name: 'リスク分析', cells: { A1: 'x' } },
    ],
  };
  const snapshot = (wb: FakeWorkbook, sheet: string, cells: string[]) =>
    Object.fromEntries(cells.map((c) => [c, wb.cell(sheet, c)?.fill ? { ...wb.cell(sheet, c)!.fill } : null]));

  it('colours by severity, then restores every original fill exactly (no fill, custom, white, pattern, tint)', async () => {
    const wb = setup(fills);
    const cells = ['A3', 'B3', 'C3', 'D3', 'E3', 'F3'];
    const before = snapshot(wb, '台帳', cells);
    const r = await markCells([
      { sheet: '台帳', cell: 'A3', severity: 'error' },
      { sheet: '台帳', cell: 'B3', severity: 'warning' },
      { sheet: '台帳', cell: 'C3', severity: 'info' },
      { sheet: '台帳', cell: 'D3', severity: 'error' },
      { sheet: '台帳', cell: 'E3', severity: 'error' },
      { sheet: '台帳', cell: 'E3', severity: 'info' },
      { sheet: 'リスク分析', cell: 'B9', severity: 'warning' },
    ]);
    expect(r).toEqual({ marked: 6, skipped: [] });
    expect(wb.fillColor('台帳', 'A3')).toBe(MARK_COLOURS.error);
    expect(wb.fillColor('台帳', 'B3')).toBe(MARK_COLOURS.warning);
    expect(wb.fillColor('台帳', 'C3')).toBe(MARK_COLOURS.info);
    expect(wb.fillColor('台帳', 'E3')).toBe(MARK_COLOURS.error); // the worst severity wins
    expect(wb.fillColor('リスク分析', 'B9')).toBe(MARK_COLOURS.warning);
    expect(wb.sheetByName(MARKS_SHEET)?.visibility).toBe('VeryHidden');
    expect(await hasMarks()).toBe(true);

    expect(await clearMarks()).toEqual({ restored: 6, left: 0 });
    expect(snapshot(wb, '台帳', cells)).toEqual(before);
    expect(wb.fillColor('台帳', 'A3')).toBeNull();
    expect(wb.fillColor('リスク分析', 'B9')).toBeNull();
    expect(wb.sheetByName(MARKS_SHEET)).toBeUndefined();
    expect(await hasMarks()).toBe(false);
    expect(await clearMarks()).toEqual({ restored: 0, left: 0 });
  });

  it('marks survive the pane being closed: the originals live in the workbook, not in memory', async () => {
    const wb = setup(fills);
    await markCells([{ sheet: '台帳', cell: 'B3', severity: 'error' }]);
    // A new "session": a fresh Excel namespace object over the same workbook.
    installFake(globalThis, wb);
    await clearMarks();
    expect(wb.fillColor('台帳', 'B3')).toBe('#92D050');
  });

  it('marking again replaces the set: old cells restored, kept cells keep their first original', async () => {
    const wb = setup(fills);
    await markCells([
      { sheet: '台帳', cell: 'A3', severity: 'error' },
      { sheet: '台帳', cell: 'B3', severity: 'error' },
    ]);
    await markCells([
      { sheet: '台帳', cell: 'B3', severity: 'warning' },
      { sheet: '台帳', cell: 'C3', severity: 'error' },
    ]);
    expect(wb.fillColor('台帳', 'A3')).toBeNull();
    expect(wb.fillColor('台帳', 'B3')).toBe(MARK_COLOURS.warning);
    await clearMarks();
    expect(wb.fillColor('台帳', 'B3')).toBe('#92D050');
    expect(wb.fillColor('台帳', 'C3')).toBe('#FFFFFF');
  });

  it('leaves alone a marked cell that the user recoloured since', async () => {
    const wb = setup(fills);
    await markCells([
      { sheet: '台帳', cell: 'A3', severity: 'error' },
      { sheet: '台帳', cell: 'B3', severity: 'error' },
    ]);
    wb.cell('台帳', 'A3')!.fill!.color = '#00B0F0';
    expect(await clearMarks()).toEqual({ restored: 1, left: 1 });
    expect(wb.fillColor('台帳', 'A3')).toBe('#00B0F0');
    expect(wb.fillColor('台帳', 'B3')).toBe('#92D050');
  });

  it('batches: marking 300 cells takes a handful of syncs, not one per cell', async () => {
    const cells: Record<string, string> = {};
    for (let r = 1; r <= 300; r++) cells[`A${r}`] = 'x';
    const wb = setup({ sheets: [{ name: 'S', cells }] });
    const marks = Object.keys(cells).map((cell) => ({ sheet: 'S', cell, severity: 'error' as const }));
    let before = wb.syncs;
    await markCells(marks);
    expect(wb.syncs - before).toBeLessThanOrEqual(4);
    before = wb.syncs;
    await clearMarks();
    expect(wb.syncs - before).toBeLessThanOrEqual(4);
  });

  it('on ExcelApi 1.8 reads only the colour: white counts as No Fill, custom colours still come back', async () => {
    const wb = setup(fills, { apiVersion: '1.8' });
    await markCells(['A3', 'B3', 'C3'].map((cell) => ({ sheet: '台帳', cell, severity: 'error' as const })));
    await clearMarks();
    expect(wb.fillColor('台帳', 'A3')).toBeNull();
    expect(wb.fillColor('台帳', 'B3')).toBe('#92D050');
    expect(wb.fillColor('台帳', 'C3')).toBeNull();
  });

  it('marks made on ExcelApi 1.9+ (tint, pattern) clear on a 1.8 host: the colour comes back, no 1.9 property is set', async () => {
    // The marks sheet travels with the workbook: marked in Microsoft 365, cleared in Excel 2019.
    const wb = setup(fills);
    const cells = ['A3', 'B3', 'C3', 'D3', 'E3', 'F3'];
    const before = snapshot(wb, '台帳', cells);
    await markCells(cells.map((cell) => ({ sheet: '台帳', cell, severity: 'error' as const })));
    wb.apiVersion = '1.8';
    installFake(globalThis, wb);
    expect(await clearMarks()).toEqual({ restored: 6, left: 0 });
    expect(wb.sheetByName(MARKS_SHEET)).toBeUndefined();
    for (const c of cells) expect(wb.fillColor('台帳', c), c).toBe(before[c]?.color ?? null);
    // Marked again on 1.8 while older marks from 1.13 are still stored: restoring the dropped ones works too.
    wb.apiVersion = '1.13';
    await markCells(cells.map((cell) => ({ sheet: '台帳', cell, severity: 'error' as const })));
    wb.apiVersion = '1.8';
    await markCells([{ sheet: '台帳', cell: 'A3', severity: 'error' }]);
    for (const c of cells.slice(1)) expect(wb.fillColor('台帳', c), c).toBe(before[c]?.color ?? null);
  });

  it('unprotects a sheet without a password for the marking and protects it again with the same options', async () => {
    const options = { allowFormatCells: false, allowInsertRows: true, allowSort: true };
    const wb = setup({
      sheets: [{ name: 'P', cells: { A1: { value: 'q', fill: '#F2F2F2' } }, protection: { protected: true, options } }],
    });
    expect((await markCells([{ sheet: 'P', cell: 'A1', severity: 'error' }])).marked).toBe(1);
    expect(wb.fillColor('P', 'A1')).toBe(MARK_COLOURS.error);
    expect(wb.sheetByName('P')!.protection).toMatchObject({ protected: true, options });
    await clearMarks();
    expect(wb.fillColor('P', 'A1')).toBe('#F2F2F2');
    expect(wb.sheetByName('P')!.protection).toMatchObject({ protected: true, options });
  });

  it('skips a password-protected sheet (and a missing one) and says so', async () => {
    const wb = setup({
      sheets: [{ name: 'P', cells: { A1: 'q' }, protection: { protected: true, password: 'secret' } }],
    });
    const r = await markCells([
      { sheet: 'P', cell: 'A1', severity: 'error' },
      { sheet: 'gone', cell: 'A1', severity: 'error' },
    ]);
    expect(r).toEqual({
      marked: 0,
      skipped: [
        { sheet: 'P', reason: 'protected' },
        { sheet: 'gone', reason: 'missing' },
      ],
    });
    expect(wb.fillColor('P', 'A1')).toBeNull();
    expect(wb.sheetByName('P')!.protection.protected).toBe(true);
  });
});

describe('insertTemplate', () => {
  const template: WorkbookInit = {
    sheets: [
      { name: '台帳', cells: { A1: '個人情報管理台帳' } },
      { name: 'リスク分析', cells: { A1: 'リスク分析' } },
      { name: '_daicho', visibility: 'Visible', cells: { A1: 'template', B1: 'pi-ledger' } },
    ],
  };

  it('ExcelApi 1.13: inserts the sheets, keeps the marker very hidden, adds the marker name, shows the first sheet', async () => {
    const decode = vi.fn(() => template);
    const wb = setup({ sheets: [{ name: 'Sheet1' }] }, { apiVersion: '1.13', decodeWorkbook: decode });
    expect(await insertTemplate('QUJD')).toBe('inserted');
    expect(decode).toHaveBeenCalledWith('QUJD');
    expect(wb.sheets.map((s) => s.name)).toEqual(['Sheet1', '台帳', 'リスク分析', '_daicho']);
    expect(wb.sheetByName('_daicho')?.visibility).toBe('VeryHidden');
    expect(wb.names.get('_daicho')).toBe('=_daicho!$A$1:$B$4');
    expect(wb.activeSheet.name).toBe('台帳');
    const grid = await readGrid();
    expect(grid.sheets.find((s) => s.name === '_daicho')?.state).toBe('veryHidden');
  });

  it('below ExcelApi 1.13: opens the template as a new workbook', async () => {
    const wb = setup({ sheets: [{ name: 'Sheet1' }] }, { apiVersion: '1.12' });
    expect(await insertTemplate('QUJD')).toBe('new-workbook');
    expect(wb.createdWorkbooks).toEqual(['QUJD']);
    expect(wb.sheets).toHaveLength(1);
  });

  it('toBase64 encodes bytes (large ones too)', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(Buffer.from(toBase64(bytes), 'base64').equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('helpers', () => {
  it('needsTextPrefix: only what Excel would turn into something else', () => {
    for (const s of ['001', '2024/4/1', '=SUM(A1)', '+81', '-', '@x', 'TRUE', '令和6年4月1日'])
      expect(needsTextPrefix(s)).toBe(true);
    for (const s of ['はい', '総務部', '顧客名簿', 'Yes']) expect(needsTextPrefix(s)).toBe(false);
  });

  it('splitAddress handles quoted sheet names', () => {
    expect(splitAddress("'My ''x'' sheet'!B7:C9")).toEqual({ sheet: "My 'x' sheet", address: 'B7:C9' });
    expect(splitAddress('台帳!A1')).toEqual({ sheet: '台帳', address: 'A1' });
    expect(splitAddress('A1')).toEqual({ sheet: null, address: 'A1' });
  });
});
