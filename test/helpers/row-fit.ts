// Whether each row is tall enough for its wrapped text as Excel lays it out — a model of Excel's own layout, kept
// apart from the estimate under test (scripts/xlsx/print.ts): Yu Gothic, a full-width character one em and a
// half-width one 0.55 em, wrapping anywhere (a lower bound of the lines), 18.75 pt a line at 11 pt (Excel's row height
// for one line of Yu Gothic 11 pt), a column W wide showing 7W + 1 pixels of text (Calibri 11's 7-pixel digit, the
// cell's padding off).
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const EXCEL_LINE = 18.75;

function ems(s: string): number {
  let n = 0;
  for (const ch of s) n += (ch.codePointAt(0) ?? 0) >= 0x1100 && !/[\uff61-\uff9f]/.test(ch) ? 1 : 0.55;
  return n;
}

/** Points a wrapped text needs in Excel in a column `width` wide at `size` pt (0 when one line fits). */
export function excelNeeds(text: string, width: number, size = 11): number {
  const line = (7 * width + 1) * 0.75;
  const lines = text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil((ems(part) * size) / line)), 0);
  return lines > 1 ? Math.min(lines, 12) * EXCEL_LINE * (size / 11) : 0;
}

/** The package without notes (exceljs cannot read the notes of an annotated copy; heights do not depend on them). */
function withoutNotes(bytes: Uint8Array): Buffer {
  const files = unzipSync(bytes);
  for (const name of Object.keys(files)) {
    if (!/^xl\/worksheets\/(_rels\/)?[^/]+\.xml(\.rels)?$/.test(name)) continue;
    const xml = strFromU8(files[name])
      .replace(/<Relationship [^>]*Type="[^"]*\/(comments|vmlDrawing)"[^>]*\/>/g, '')
      .replace(/<legacyDrawing [^>]*\/>/g, '');
    files[name] = strToU8(xml);
  }
  return Buffer.from(zipSync(files));
}

/** Rows of a workbook too short for a wrapped text cell (merged cells aside): `sheet!row: has < needs "text"`. */
export async function shortRows(path: string | Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  const bytes = typeof path === 'string' ? await readFile(path) : path;
  await wb.xlsx.load(withoutNotes(bytes) as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => {
    if (ws.state !== 'visible') return;
    ws.eachRow((row, r) => {
      let need = 0;
      let why = '';
      row.eachCell((cell, c) => {
        if (cell.isMerged || !cell.alignment?.wrapText || typeof cell.value !== 'string') return;
        const n = excelNeeds(cell.value, ws.getColumn(c).width ?? 8.43, cell.font?.size ?? 11);
        if (n > need) {
          need = n;
          why = cell.value;
        }
      });
      const has = row.height ?? 0;
      if (need && has < need - 0.01) out.push(`${ws.name}!${r}: ${has} pt < ${need} pt for "${why.slice(0, 60)}"`);
    });
  });
  return out;
}
