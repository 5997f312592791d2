// How a sheet is planned to print (scripts/xlsx/print.ts), and the page setup it writes.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { inflateEntry, readZip } from '../../scripts/io/zip.js';
import {
  MIN_PRINT_SCALE,
  applyPrint,
  planPrint,
  printTitlesName,
  printXml,
  rowHeight,
} from '../../scripts/xlsx/print.js';

describe('planPrint', () => {
  it('prints a narrow sheet portrait, a wider one landscape, each one page wide while legible', () => {
    expect(planPrint([20, 40, 20])).toEqual({ orientation: 'portrait', fitWidth: true, scale: 100, titleColumns: 0 });
    expect(planPrint([30, 60, 60])).toMatchObject({ orientation: 'landscape', fitWidth: true });
    expect(planPrint([30, 50, 40], { orientation: 'portrait' })).toMatchObject({
      orientation: 'portrait',
      fitWidth: true,
    });
    expect(planPrint([30, 60, 60], { orientation: 'portrait' })).toMatchObject({
      orientation: 'portrait',
      fitWidth: false,
      titleColumns: 1,
    });
  });

  it('prints a sheet too wide for the minimum scale across pages, first column repeated, never below the minimum', () => {
    for (const widths of [[30, ...Array(20).fill(12)], [12, ...Array(40).fill(14)], Array(8).fill(40)]) {
      const plan = planPrint(widths);
      expect(plan).toMatchObject({ orientation: 'landscape', fitWidth: false, titleColumns: 1 });
      expect(plan.scale).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
      expect(plan.scale).toBeLessThanOrEqual(100);
    }
  });

  it('writes A4, the fit or the scale, header and footer, and print titles (exceljs and XML alike)', async () => {
    const wide = planPrint(Array(30).fill(12));
    const wb = new ExcelJS.Workbook();
    applyPrint(wb.addWorksheet('一覧'), wide, '1:1');
    const xml = Buffer.from(await wb.xlsx.writeBuffer());
    const zip = readZip(new Uint8Array(xml));
    const text = (n: string) =>
      new TextDecoder().decode(
        inflateEntry(
          zip,
          zip.entries.find((e) => e.name === n)!,
          1 << 20,
        ),
      );
    expect(text('xl/worksheets/sheet1.xml')).toMatch(
      new RegExp(`<pageSetup[^>]*paperSize="9"[^>]*scale="${wide.scale}"`),
    );
    expect(text('xl/workbook.xml').replace(/&apos;/g, "'")).toContain(`'一覧'!$A:$A,'一覧'!$1:$1`);
    const x = printXml(planPrint([10, 20]));
    expect(x.sheetPr).toBe('<pageSetUpPr fitToPage="1"/>');
    expect(x.tail).toMatch(
      /<pageSetup paperSize="9" orientation="portrait" fitToWidth="1" fitToHeight="0"\/><headerFooter><oddHeader>&amp;L&amp;A/,
    );
    expect(printTitlesName("A&B's", 2, wide, [4, 4])).toBe(
      `<definedName name="_xlnm.Print_Titles" localSheetId="2">'A&amp;B''s'!$A:$A,'A&amp;B''s'!$4:$4</definedName>`,
    );
  });
});

describe('rowHeight', () => {
  it('is 0 for one line and grows with wrapped lines, wide characters counting double', () => {
    expect(rowHeight(['短い'], [10])).toBe(0);
    expect(rowHeight(['全角の文字がたくさん並んだ長い説明文です'], [10])).toBeGreaterThan(
      rowHeight(['half-width text, same'], [10]),
    );
    expect(rowHeight(['一\n二\n三'], [30])).toBeGreaterThan(rowHeight(['一\n二'], [30]));
  });
});
