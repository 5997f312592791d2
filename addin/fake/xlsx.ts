// A small .xlsx reader for the fake Excel (browser or jsdom: fflate + DOMParser). It reads what the fake keeps:
// sheets (name, visibility, protection), cell values, formulas, number formats, solid fills and lock flags, and
// workbook-scoped names. It is for our own template files and samples in the preview and the tests, not for users'
// files (the CLI's reader in scripts/io does that, with limits).
import { unzipSync, strFromU8 } from 'fflate';
import { BUILTIN_FORMATS } from '../../templates/model/numfmt.js';
import type { CellInit, FakeFill, SheetInit, Visibility, WorkbookInit } from './fake-excel.js';

interface Style {
  numberFormat: string;
  fill: FakeFill | null;
  locked: boolean;
}

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml, 'application/xml');
}

/** Child elements by local name (namespaced or not). */
function kids(el: Element | Document, name: string): Element[] {
  return Array.from(el.getElementsByTagNameNS('*', name));
}

function direct(el: Element, name: string): Element[] {
  return Array.from(el.children).filter((c) => c.localName === name);
}

function argb(color: Element | undefined): string | null {
  const rgb = color?.getAttribute('rgb');
  if (!rgb) return null;
  return `#${rgb.slice(-6).toUpperCase()}`;
}

function readStyles(xml: string | undefined): Style[] {
  if (!xml) return [{ numberFormat: 'General', fill: null, locked: true }];
  const doc = parse(xml);
  const formats = new Map<number, string>(Object.entries(BUILTIN_FORMATS).map(([k, v]) => [Number(k), v]));
  for (const nf of kids(doc, 'numFmt'))
    formats.set(Number(nf.getAttribute('numFmtId')), nf.getAttribute('formatCode') ?? 'General');
  const fills: (FakeFill | null)[] = kids(doc, 'fills')[0]
    ? direct(kids(doc, 'fills')[0], 'fill').map((f) => {
        const pf = direct(f, 'patternFill')[0];
        const type = pf?.getAttribute('patternType');
        if (!pf || !type || type === 'none') return null;
        const fg = argb(direct(pf, 'fgColor')[0]) ?? '#000000';
        return type === 'solid'
          ? { color: fg, pattern: 'Solid', patternColor: '#000000', tintAndShade: 0 }
          : {
              color: argb(direct(pf, 'bgColor')[0]) ?? '#FFFFFF',
              pattern: 'Gray50',
              patternColor: fg,
              tintAndShade: 0,
            };
      })
    : [];
  const cellXfs = kids(doc, 'cellXfs')[0];
  if (!cellXfs) return [{ numberFormat: 'General', fill: null, locked: true }];
  return direct(cellXfs, 'xf').map((xf) => {
    const prot = direct(xf, 'protection')[0];
    const locked = prot?.getAttribute('locked');
    return {
      numberFormat: formats.get(Number(xf.getAttribute('numFmtId') ?? 0)) ?? 'General',
      fill: fills[Number(xf.getAttribute('fillId') ?? 0)] ?? null,
      locked: !(locked === '0' || locked === 'false'),
    };
  });
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  return kids(parse(xml), 'si').map((si) => {
    // Text of <t> directly in <si> or in runs <r><t>, never the phonetic <rPh> runs.
    const ts = kids(si, 't').filter((t) => t.parentElement?.localName !== 'rPh');
    return ts.map((t) => t.textContent ?? '').join('');
  });
}

function resolve(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function base64ToBytes(base64: string): Uint8Array {
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function decodeXlsxBase64(base64: string): WorkbookInit {
  return decodeXlsx(base64ToBytes(base64));
}

export function decodeXlsx(bytes: Uint8Array): WorkbookInit {
  const files = unzipSync(bytes);
  const text = (name: string): string | undefined => (files[name] ? strFromU8(files[name]) : undefined);
  const wbXml = text('xl/workbook.xml');
  if (!wbXml) throw new Error('not an .xlsx workbook (no xl/workbook.xml)');
  const wb = parse(wbXml);
  const rels = new Map<string, { target: string; type: string }>();
  const relsXml = text('xl/_rels/workbook.xml.rels');
  if (relsXml)
    for (const r of kids(parse(relsXml), 'Relationship'))
      rels.set(r.getAttribute('Id') ?? '', {
        target: resolve('xl/workbook.xml', r.getAttribute('Target') ?? ''),
        type: r.getAttribute('Type') ?? '',
      });
  const partOf = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const styles = readStyles(text(partOf('/styles') ?? 'xl/styles.xml'));
  const strings = sharedStrings(text(partOf('/sharedStrings') ?? 'xl/sharedStrings.xml'));

  const sheets: SheetInit[] = [];
  for (const s of kids(wb, 'sheet')) {
    const rid =
      s.getAttributeNS('http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'id') ??
      s.getAttribute('r:id') ??
      '';
    const part = rels.get(rid);
    if (!part || !part.type.endsWith('/worksheet')) continue;
    const xml = text(part.target);
    if (!xml) continue;
    const doc = parse(xml);
    const state = s.getAttribute('state');
    const visibility: Visibility = state === 'veryHidden' ? 'VeryHidden' : state === 'hidden' ? 'Hidden' : 'Visible';
    const cells: Record<string, CellInit> = {};
    for (const c of kids(doc, 'c')) {
      const ref = c.getAttribute('r');
      if (!ref) continue;
      const style = styles[Number(c.getAttribute('s') ?? 0)] ?? styles[0];
      const t = c.getAttribute('t');
      const v = direct(c, 'v')[0]?.textContent ?? null;
      const f = direct(c, 'f')[0]?.textContent ?? undefined;
      const cell: CellInit = { numberFormat: style.numberFormat, fill: style.fill, locked: style.locked, value: null };
      if (t === 's' && v !== null) cell.value = strings[Number(v)] ?? '';
      else if (t === 'inlineStr')
        cell.value = kids(c, 't')
          .map((x) => x.textContent ?? '')
          .join('');
      else if (t === 'str') cell.value = v ?? '';
      else if (t === 'b') cell.value = v === '1';
      else if (t === 'e') cell.error = v ?? '#N/A';
      else if (v !== null && v !== '') cell.value = Number(v);
      if (f) cell.formula = f;
      cells[ref] = cell;
    }
    const prot = kids(doc, 'sheetProtection')[0];
    const allowed = (attr: string, dflt: boolean): boolean => {
      const a = prot?.getAttribute(attr);
      // In OOXML the attribute says the action is *locked*: "1" forbids it.
      return a === null || a === undefined ? dflt : !(a === '1' || a === 'true');
    };
    const sheetProtected = !!prot && (prot.getAttribute('sheet') === '1' || prot.getAttribute('sheet') === 'true');
    sheets.push({
      name: s.getAttribute('name') ?? `Sheet${sheets.length + 1}`,
      visibility,
      cells,
      ...(sheetProtected
        ? {
            protection: {
              protected: true,
              options: {
                allowFormatCells: allowed('formatCells', false),
                allowFormatColumns: allowed('formatColumns', false),
                allowFormatRows: allowed('formatRows', false),
                allowInsertRows: allowed('insertRows', false),
                allowDeleteRows: allowed('deleteRows', false),
                allowSort: allowed('sort', false),
                allowAutoFilter: allowed('autoFilter', false),
              },
            },
          }
        : {}),
    });
  }
  const names: Record<string, string> = {};
  for (const dn of kids(wb, 'definedName')) {
    if (dn.getAttribute('localSheetId') !== null) continue;
    const name = dn.getAttribute('name');
    if (name && !name.startsWith('_xlnm.')) names[name] = `=${dn.textContent ?? ''}`;
  }
  return { sheets, names };
}
