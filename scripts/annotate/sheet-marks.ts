// Marking cells in a worksheet part: every target cell gets a new style index (its own style plus a fill); a cell
// that does not exist in the XML (an empty answer) is created in its row, a missing row in sheetData. Cells keep
// their values, formulas and types; nothing else in the part changes, except the optional <legacyDrawing> (notes)
// and dropping tabSelected so that the findings sheet is the one selected when the copy opens.
import { cellAddress, tryParseAddress } from '../../templates/model/grid.js';
import { escapeXml, getAttr, removeAttr, scanTags, setAttr, Splices, type Tag } from './xml-edit.js';

export interface SheetEdit {
  /** Target cells: 0-based row → 0-based col → style index for a given original style index. */
  cells: Map<number, Set<number>>;
  /** New style index for a cell whose current style index is `s` (row → col known for severity). */
  styleFor(row: number, col: number, s: number): number;
  /** Add <legacyDrawing r:id="…"/> (notes) unless the sheet already has one. */
  legacyDrawingRid?: string;
  /** Namespace of that r:id (Transitional or Strict relationships). */
  relNamespace?: string;
  /** Remove tabSelected from sheet views. */
  unselect: boolean;
}

/** Elements that follow <legacyDrawing> in CT_Worksheet order: it must be inserted before the first of them. */
const AFTER_LEGACY_DRAWING = new Set([
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

export function markSheet(xml: string, edit: SheetEdit): string {
  const sp = new Splices();
  const rows = [...edit.cells.keys()].sort((a, b) => a - b);
  let ri = 0; // next target row not yet reached
  let depth = 0;
  let rootPrefix = '';
  let sdDepth = -1; // depth inside <sheetData>
  let sdPrefix = '';
  let hasLegacy = false;
  let legacyDone = !edit.legacyDrawingRid;
  const colStyles: { min: number; max: number; s: number }[] = [];
  // The open row: its index, its targets still to place, its default style, the previous cell's column.
  let row: { name: string; r: number; cols: number[]; ci: number; s: number; prevCol: number } | null = null;
  let sdName = '';
  let prevRow = -1;

  const cellXml = (r: number, c: number, s: number): string =>
    `<${sdPrefix}c r="${cellAddress(r, c)}" s="${edit.styleFor(r, c, s)}"/>`;
  const defaultStyle = (rowStyle: number, c: number): number => {
    if (rowStyle) return rowStyle;
    return colStyles.find((x) => c >= x.min && c <= x.max)?.s ?? 0;
  };
  const rowXml = (r: number): string => {
    const cols = [...edit.cells.get(r)!].sort((a, b) => a - b);
    return `<${sdPrefix}row r="${r + 1}">${cols.map((c) => cellXml(r, c, defaultStyle(0, c))).join('')}</${sdPrefix}row>`;
  };
  /** Rows with targets before row r (exclusive) that the sheet does not have. */
  const rowsBefore = (r: number): string => {
    let s = '';
    while (ri < rows.length && rows[ri] < r) s += rowXml(rows[ri++]);
    return s;
  };
  const cellsBefore = (col: number): string => {
    let s = '';
    while (row && row.ci < row.cols.length && row.cols[row.ci] < col) {
      const c = row.cols[row.ci++];
      s += cellXml(row.r, c, defaultStyle(row.s, c));
    }
    return s;
  };

  const tagText = (t: Tag): string => xml.slice(t.start, t.end);
  const skip = new Skipper(xml);

  let tags = scanTags(xml);
  for (let next = tags.next(); !next.done; next = tags.next()) {
    const t = next.value;
    // Rows without targets and the cells after a row's last target are passed over, not scanned tag by tag: in
    // sheetData, at the next tag, on to the close of the row (or of sheetData when no target row is left).
    if (sdDepth >= 0 && t.type !== 'close') {
      const inRow = depth === sdDepth + 2 && row && row.ci >= row.cols.length ? row.name : null;
      const inData = depth === sdDepth + 1 && !row && ri >= rows.length ? sdName : null;
      const at = inRow || inData ? skip.toClose(inRow ?? inData!, t.start) : -1;
      if (at >= 0) {
        tags = scanTags(xml, at);
        continue;
      }
    }
    if (t.type === 'close') depth--;
    const d = depth; // depth of this element (root = 0)
    if (t.type === 'open') depth++;
    if (d === 0 && t.type !== 'close') rootPrefix = t.prefix;

    if (sdDepth < 0) {
      if (d === 1 && t.local === 'sheetData') {
        sdPrefix = t.prefix;
        sdName = t.name;
        if (t.type === 'empty') {
          const inner = rowsBefore(Infinity);
          if (inner) sp.replace(t.start, t.end, `<${t.name}>${inner}</${t.name}>`);
        } else if (t.type === 'open') sdDepth = d;
        continue;
      }
      if (edit.unselect && t.local === 'sheetView' && t.type !== 'close') {
        const text = tagText(t);
        if (getAttr(text, 'tabSelected') !== undefined) sp.replace(t.start, t.end, removeAttr(text, 'tabSelected'));
        continue;
      }
      if (t.local === 'col' && t.type !== 'close') {
        const text = tagText(t);
        const s = Number(getAttr(text, 'style') ?? 0);
        if (s) colStyles.push({ min: Number(getAttr(text, 'min')) - 1, max: Number(getAttr(text, 'max')) - 1, s });
        continue;
      }
      if (d === 1 && t.local === 'legacyDrawing') hasLegacy = true;
      if (
        !legacyDone &&
        ((d === 1 && t.type !== 'close' && AFTER_LEGACY_DRAWING.has(t.local)) || (d === 0 && t.type === 'close'))
      ) {
        if (!hasLegacy) {
          sp.insert(
            t.start,
            `<${rootPrefix}legacyDrawing xmlns:r="${edit.relNamespace ?? 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'}" r:id="${escapeXml(edit.legacyDrawingRid!)}"/>`,
          );
        }
        legacyDone = true;
      }
      continue;
    }

    // Inside <sheetData>.
    if (d === sdDepth && t.type === 'close') {
      if (row) sp.insert(t.start, cellsBefore(Infinity));
      sp.insert(t.start, rowsBefore(Infinity));
      sdDepth = -1;
      continue;
    }
    if (t.local === 'row' && d === sdDepth + 1) {
      if (t.type === 'close') {
        if (row) sp.insert(t.start, cellsBefore(Infinity));
        row = null;
        continue;
      }
      const text = tagText(t);
      const rAttr = Number(getAttr(text, 'r'));
      const r = rAttr >= 1 ? rAttr - 1 : prevRow + 1;
      prevRow = r;
      const missing = rowsBefore(r);
      if (missing) sp.insert(t.start, missing);
      const targets = ri < rows.length && rows[ri] === r ? [...edit.cells.get(rows[ri++])!].sort((a, b) => a - b) : [];
      const custom = targets.length ? getAttr(text, 'customFormat') : undefined;
      const s = custom === '1' || custom === 'true' ? Number(getAttr(text, 's') ?? 0) : 0;
      row = { name: t.name, r, cols: targets, ci: 0, s, prevCol: -1 };
      // A row that may get new cells loses its spans hint (the column range it claims its cells lie in).
      const rowTag = targets.length && getAttr(text, 'spans') !== undefined ? removeAttr(text, 'spans') : text;
      if (t.type === 'empty') {
        if (targets.length) {
          const open = rowTag.slice(0, rowTag.length - 2).replace(/\s+$/, '') + '>';
          sp.replace(t.start, t.end, `${open}${cellsBefore(Infinity)}</${t.name}>`);
        }
        row = null;
      } else if (rowTag !== text) sp.replace(t.start, t.end, rowTag);
      continue;
    }
    // A row's cells are looked at only while it has targets left (prevCol is for cells written without r).
    if (t.local === 'c' && row && row.ci < row.cols.length && d === sdDepth + 2 && t.type !== 'close') {
      const text = tagText(t);
      const ref = getAttr(text, 'r');
      const pos = ref ? tryParseAddress(ref) : null;
      const col = pos ? pos.col : row.prevCol + 1;
      row.prevCol = col;
      const before = cellsBefore(col);
      if (before) sp.insert(t.start, before);
      if (row.cols[row.ci] === col) {
        row.ci++;
        const s = Number(getAttr(text, 's') ?? defaultStyle(row.s, col));
        sp.replace(t.start, t.end, setAttr(text, 's', String(edit.styleFor(row.r, col, s))));
      }
    }
  }
  return sp.size ? sp.apply(xml) : xml;
}

/**
 * Finds where an element's content ends without scanning its tags: the offset of its `</name>`, or -1 when the
 * stretch holds a comment, CDATA or processing instruction (which may hold anything) or another `name` element; the
 * caller then scans it tag by tag, and is told -1 again until it is past that stretch. Offsets asked only grow, so
 * the searches add up to about one pass over the part.
 */
class Skipper {
  private readonly next = { '<!': -2, '<?': -2 };
  private scanUntil = -1;

  constructor(private readonly xml: string) {}

  toClose(name: string, from: number): number {
    if (from < this.scanUntil) return -1;
    const close = `</${name}`;
    let at = from;
    for (;;) {
      at = this.xml.indexOf(close, at);
      if (at < 0) {
        this.scanUntil = Infinity;
        return -1;
      }
      const ch = this.xml.charCodeAt(at + close.length);
      if (ch === 0x3e || ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d) break;
      at += close.length;
    }
    const open = this.xml.indexOf(`<${name}`, from);
    if (this.after('<!', from) < at || this.after('<?', from) < at || (open >= 0 && open < at)) {
      this.scanUntil = at;
      return -1;
    }
    return at;
  }

  /** Offset of the next `token` at or after `from` (Infinity: none). */
  private after(token: '<!' | '<?', from: number): number {
    const known = this.next[token];
    if (known === -2 || known < from) {
      const at = this.xml.indexOf(token, from);
      this.next[token] = at < 0 ? Infinity : at;
    }
    return this.next[token];
  }
}
