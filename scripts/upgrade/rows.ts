// Inserting rows into a worksheet part as Excel's "Insert rows" does, for the form fields an upgrade adds: every
// reference to a row at or below the insertion moves down with it — cells, merged ranges, validation and conditional
// formatting ranges, hyperlinks, the view, formulas on this sheet and on others that point here, defined names, notes
// and their drawing anchors, the calculation chain. What cannot be moved safely (pictures and charts on the sheet,
// tables, pivot tables, shared formulas pointing here) stops the upgrade with its reason instead.
import { unescapeXml } from '../annotate/xml-edit.js';

/** 0-based row → 0-based row after the insertion. */
export type RowMap = (row: number) => number;

const CELL = /(\$?)([A-Z]{1,3})(\$?)(\d+)/g;

/** Every A1 reference in a list such as a sqref ("B3 B5:C7"), moved. */
export function shiftRefList(text: string, map: RowMap): string {
  return text.replace(
    CELL,
    (_, d1: string, col: string, d2: string, row: string) => `${d1}${col}${d2}${map(Number(row) - 1) + 1}`,
  );
}

const STRING_LITERAL = /"(?:[^"]|"")*"/g;
// A reference, optionally sheet-qualified: A1, $B$3:C4, 3:5 (whole rows), '評価票'!B3, Sheet1!A:A (columns: no rows).
const REFERENCE =
  /(?<![\w.$\]])((?:'(?:[^']|'')+'|[A-Za-z_\u0080-\uffff][\w.\u0080-\uffff]*)!)?(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?\d+:\$?\d+)(?![\w(!])/gu;

function sheetOf(prefix: string | undefined): string | null {
  if (!prefix) return null;
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/**
 * A formula with the references to `sheet` moved. `here` says whether the formula lives on that sheet (then its
 * unqualified references are to it too).
 */
export function shiftFormula(formula: string, sheet: string, here: boolean, map: RowMap): string {
  const parts = formula.split(STRING_LITERAL);
  const strings = formula.match(STRING_LITERAL) ?? [];
  const moved = parts.map((p) =>
    p.replace(REFERENCE, (all, prefix: string | undefined, ref: string) => {
      const target = sheetOf(prefix);
      if (target === null ? !here : target !== sheet) return all;
      const rows = /^\$?\d+:\$?\d+$/.test(ref)
        ? ref.replace(/(\$?)(\d+)/g, (_, d: string, r: string) => `${d}${map(Number(r) - 1) + 1}`)
        : shiftRefList(ref, map);
      return `${prefix ?? ''}${rows}`;
    }),
  );
  return moved.reduce((out, p, i) => out + p + (strings[i] ?? ''), '');
}

/** Whether a part's text names `sheet` (written as is or as character references). */
export function namesSheet(xml: string, sheet: string): boolean {
  return xml.includes(sheet) || (xml.includes('&#') && unescapeXml(xml).includes(sheet));
}

/** Whether a formula refers to `sheet` at all (qualified, or unqualified on it). */
export function mentionsSheet(formula: string, sheet: string, here: boolean): boolean {
  return shiftFormula(formula, sheet, here, (r) => r + 1) !== formula;
}

const FORMULA_ELEMENTS =
  /(<(?:\w+:)?(?:f|formula|formula1|formula2)\b[^>]*>)([^<]*)(<\/(?:\w+:)?(?:f|formula|formula1|formula2)>)/g;

/** Formulas in a part (cells, conditional formatting, validations) with their references to `sheet` moved. */
export function shiftFormulas(xml: string, sheet: string, here: boolean, map: RowMap): string {
  return xml.replace(FORMULA_ELEMENTS, (all: string, open: string, text: string, close: string) => {
    const formula = unescapeXml(text);
    const moved = shiftFormula(formula, sheet, here, map);
    return moved === formula ? all : `${open}${escape(moved)}${close}`;
  });
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The worksheet part itself: rows, cells and every range attribute move; its formulas' references to it too. */
export function shiftSheet(xml: string, sheet: string, map: RowMap): string {
  let out = xml.replace(
    /(<(?:\w+:)?row\b[^>]*?\sr=")(\d+)(")/g,
    (_, a: string, r: string, b: string) => `${a}${map(Number(r) - 1) + 1}${b}`,
  );
  out = out.replace(
    /(<(?:\w+:)?c\b[^>]*?\sr=")([A-Z]+\d+)(")/g,
    (_, a: string, ref: string, b: string) => `${a}${shiftRefList(ref, map)}${b}`,
  );
  out = out.replace(
    /(<(?:\w+:)?(?:dimension|mergeCell|hyperlink|f|selection|pane|dataValidation|conditionalFormatting|protectedRange|autoFilter|ignoredError)\b[^>]*?\s(?:ref|sqref|activeCell|topLeftCell)=")([^"]*)(")/g,
    (all: string) =>
      all.replace(
        /(\s(?:ref|sqref|activeCell|topLeftCell)=")([^"]*)(")/g,
        (_, a: string, v: string, b: string) => `${a}${shiftRefList(v, map)}${b}`,
      ),
  );
  out = out.replace(
    /(<xm:sqref>)([^<]*)(<\/xm:sqref>)/g,
    (_, a: string, v: string, b: string) => `${a}${shiftRefList(v, map)}${b}`,
  );
  // A row break's id is the 0-based row it comes before.
  out = out.replace(/<(?:\w+:)?rowBreaks\b[\s\S]*?<\/(?:\w+:)?rowBreaks>/, (block) =>
    block.replace(
      /(<(?:\w+:)?brk\b[^>]*?\sid=")(\d+)(")/g,
      (_, a: string, r: string, b: string) => `${a}${map(Number(r))}${b}`,
    ),
  );
  return shiftFormulas(out, sheet, true, map);
}

/** A notes part (comments or threaded comments): each note's cell. */
export function shiftNotes(xml: string, map: RowMap): string {
  return xml.replace(
    /(<(?:\w+:)?(?:comment|threadedComment)\b[^>]*?\sref=")([^"]*)(")/g,
    (_, a: string, v: string, b: string) => `${a}${shiftRefList(v, map)}${b}`,
  );
}

/** The notes' drawing (VML): each note box's row and anchor rows (0-based). */
export function shiftVml(xml: string, map: RowMap): string {
  // Any prefix: Excel writes x:Row, openpyxl ns2:Row.
  let out = xml.replace(
    /(<(?:\w+:)?Row>)\s*(\d+)\s*(<\/(?:\w+:)?Row>)/g,
    (_, a: string, r: string, b: string) => `${a}${map(Number(r))}${b}`,
  );
  out = out.replace(/(<(?:\w+:)?Anchor>)([^<]*)(<\/(?:\w+:)?Anchor>)/g, (_, a: string, v: string, b: string) => {
    const n = v.split(',').map((s) => s.trim());
    if (n.length !== 8) return `${a}${v}${b}`;
    n[2] = String(map(Number(n[2])));
    n[6] = String(map(Number(n[6])));
    return `${a}${n.join(', ')}${b}`;
  });
  return out;
}

/** The calculation chain: the cells of sheet id `sheetId` (entries without i belong to the one before). */
export function shiftCalcChain(xml: string, sheetId: string, map: RowMap): string {
  let current = '';
  return xml.replace(/<c\b[^>]*\/>/g, (tag) => {
    const i = /\si="(\d+)"/.exec(tag)?.[1];
    if (i) current = i;
    if (current !== sheetId) return tag;
    return tag.replace(/(\sr=")([^"]*)(")/, (_, a: string, v: string, b: string) => `${a}${shiftRefList(v, map)}${b}`);
  });
}

/** Defined names in workbook.xml with their references to `sheet` moved. */
export function shiftDefinedNames(xml: string, sheet: string, map: RowMap): string {
  return xml.replace(
    /(<(?:\w+:)?definedName\b[^>]*>)([^<]*)(<\/(?:\w+:)?definedName>)/g,
    (all: string, a: string, v: string, b: string) => {
      const formula = unescapeXml(v);
      const moved = shiftFormula(formula, sheet, false, map);
      return moved === formula ? all : `${a}${escape(moved)}${b}`;
    },
  );
}
