// A filled table template written fast, the way Excel stores one (shared strings): the template shell from the
// template writer with the given rows in place of its blank ones. Used to make large inputs (the merge benchmark's
// department ledgers, tests); `templateBuffer` remains the writer of the templates users receive.
import type { CellValue } from '../../templates/model/grid.js';
import { FIRST_DATA_ROW } from '../../templates/model/layout.js';
import type { TemplateDef } from '../../templates/model/types.js';
import { masterHead, masterTail } from './master-xml.js';
import { buildShell, type Shell } from './shell.js';
import { col, dateSerial, escapeText, rowHeight, tElement } from './xml.js';
import { ZipWriter } from './zip-writer.js';

const shells = new Map<string, Promise<Shell>>();

function shellOf(def: TemplateDef): Promise<Shell> {
  let s = shells.get(def.id);
  if (!s) {
    s = buildShell(def);
    shells.set(def.id, s);
  }
  return s;
}

/** Write `path` (which must not exist): the template with `tables[sheet]` as its records, one array per row in field order. */
export async function writeTableWorkbook(
  def: TemplateDef,
  tables: Record<string, readonly CellValue[][]>,
  path: string,
): Promise<void> {
  const shell = await shellOf(def);
  const strings = new Map<string, number>();
  const base = shell.sst.length;
  const sst = (s: string): number => {
    let i = strings.get(s);
    if (i === undefined) {
      i = base + strings.size;
      strings.set(s, i);
    }
    return i;
  };
  const sheets = shell.tables.map((ts) => {
    const rows = tables[ts.sd.name] ?? [];
    const out: string[] = [];
    rows.forEach((values, i) => {
      const n = FIRST_DATA_ROW + 1 + i;
      let cells = '';
      ts.sd.fields.forEach((f, c) => {
        const v = values[c] ?? null;
        if (v === null || v === '') return;
        const ref = col(c) + n;
        if (typeof v === 'string') cells += `<c r="${ref}" s="${ts.dataStyle[c]}" t="s"><v>${sst(v)}</v></c>`;
        else if (v instanceof Date) cells += `<c r="${ref}" s="${ts.dateStyle[c]}"><v>${dateSerial(v)}</v></c>`;
        else if (typeof v === 'number') cells += `<c r="${ref}" s="${ts.dataStyle[c]}"><v>${v}</v></c>`;
        else if (typeof v === 'boolean') cells += `<c r="${ref}" s="${ts.dataStyle[c]}" t="b"><v>${v ? 1 : 0}</v></c>`;
        else cells += `<c r="${ref}" s="${ts.dataStyle[c]}" t="e"><v>${escapeText(v.error)}</v></c>`;
      });
      const ht = rowHeight(
        values.map((v) => (typeof v === 'string' ? v : null)),
        ts.widths,
      );
      out.push(ht ? `<row r="${n}" ht="${ht}" customHeight="1">${cells}</row>` : `<row r="${n}">${cells}</row>`);
    });
    const layout = {
      shell: ts,
      lastRow: FIRST_DATA_ROW + rows.length,
      extras: [],
      conflictWord: null,
      provenance: false,
    };
    return { part: ts.part, xml: masterHead(layout, shell.styles) + out.join('') + masterTail(layout, shell.styles) };
  });
  const zip = await ZipWriter.create(path);
  try {
    for (const [name, data] of shell.parts) await zip.add(name, data);
    // Shared strings before the worksheets: streaming readers (exceljs) can then parse sheets without buffering them.
    const items = [...shell.sst, ...[...strings.keys()].map((s) => `<si>${tElement(s)}</si>`)];
    await zip.add(
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${items.length}" uniqueCount="${items.length}">${items.join('')}</sst>`,
    );
    for (const s of sheets) await zip.add(s.part, s.xml);
    await zip.finish();
  } catch (err) {
    await zip.abort();
    throw err;
  }
}
