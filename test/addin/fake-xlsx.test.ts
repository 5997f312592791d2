// @vitest-environment jsdom
// The fake's .xlsx reader on our real template files (written by scripts/xlsx/template-writer.ts), so the preview and
// the end-to-end tests run the pane against workbooks as users receive them: protection, lock flags, fills, formats.
import { afterEach, describe, expect, it } from 'vitest';
import { identify, templates } from '../../templates/index.js';
import { templateBuffer } from '../../scripts/xlsx/template-writer.js';
import { decodeXlsx, decodeXlsxBase64 } from '../../addin/fake/xlsx.js';
import { FakeWorkbook, installFake } from '../../addin/fake/fake-excel.js';
import { clearMarks, insertTemplate, markCells, readGrid, toBase64, writeCells } from '../../addin/excel/index.js';

const g = globalThis as { Excel?: unknown; Office?: unknown };
afterEach(() => {
  delete g.Excel;
  delete g.Office;
});

describe('decodeXlsx on the blank templates', () => {
  it.each(templates.map((t) => [t.id, t] as const))(
    '%s: sheets, marker, names, protection, identified',
    async (_id, def) => {
      const init = decodeXlsx(new Uint8Array(await templateBuffer(def)));
      const names = init.sheets.map((s) => s.name);
      for (const sd of def.sheets) expect(names).toContain(sd.name);
      expect(init.sheets.find((s) => s.name === '_daicho')?.visibility).toBe('VeryHidden');
      expect(Object.keys(init.names ?? {})).toContain('_daicho');
      const first = init.sheets.find((s) => s.name === def.sheets[0].name)!;
      expect(first.protection?.protected).toBe(true);

      const wb = new FakeWorkbook(init);
      installFake(globalThis, wb);
      const grid = await readGrid();
      const id = identify(grid);
      expect(id.def?.id).toBe(def.id);
      expect(id.via).toBe('marker');
    },
  );

  it('keeps lock flags: the pane can write answer cells of the protected checklist, not question cells', async () => {
    const def = templates.find((t) => t.id === 'supplier-checklist')!;
    const wb = new FakeWorkbook(decodeXlsx(new Uint8Array(await templateBuffer(def))));
    installFake(globalThis, wb);
    const sheet = def.sheets.find((s) => s.kind === 'questions')!;
    await writeCells(sheet.name, { E3: 'はい' });
    expect(wb.value(sheet.name, 'E3')).toBe('はい');
    await expect(writeCells(sheet.name, { D3: 'changed' })).rejects.toThrow(/AccessDenied/);
  });

  it('marks and clears on a protected template sheet, restoring its fills and its protection', async () => {
    const def = templates.find((t) => t.id === 'supplier-checklist')!;
    const wb = new FakeWorkbook(decodeXlsx(new Uint8Array(await templateBuffer(def))));
    installFake(globalThis, wb);
    const name = def.sheets.find((s) => s.kind === 'questions')!.name;
    const before = structuredClone({ D3: wb.cell(name, 'D3')?.fill ?? null, E3: wb.cell(name, 'E3')?.fill ?? null });
    expect(before.D3?.color).toBe('#F2F2F2'); // the locked question cells' grey
    const protection = structuredClone(wb.sheetByName(name)!.protection);
    const r = await markCells([
      { sheet: name, cell: 'D3', severity: 'error' },
      { sheet: name, cell: 'E3', severity: 'warning' },
    ]);
    expect(r.marked).toBe(2);
    await clearMarks();
    expect({ D3: wb.cell(name, 'D3')?.fill ?? null, E3: wb.cell(name, 'E3')?.fill ?? null }).toEqual(before);
    expect(wb.sheetByName(name)!.protection).toEqual(protection);
  });

  it('insertTemplate with the real file: the workbook becomes that template', async () => {
    const def = templates.find((t) => t.id === 'pi-ledger')!;
    const b64 = toBase64(new Uint8Array(await templateBuffer(def)));
    const wb = new FakeWorkbook({ sheets: [{ name: 'Sheet1' }] }, { decodeWorkbook: decodeXlsxBase64 });
    installFake(globalThis, wb);
    expect(await insertTemplate(b64)).toBe('inserted');
    const id = identify(await readGrid());
    expect(id.def?.id).toBe('pi-ledger');
    expect(id.via).toBe('marker');
  });
});
