// SpreadsheetML cell XML, written by hand for speed. Text must come back byte for byte: Excel, LibreOffice, openpyxl
// and our reader all undo the same escapes.
//
// - & < > are entity-escaped (attribute values also escape ").
// - Characters XML 1.0 cannot carry at all (C0 controls other than tab, line feed and carriage return, lone
//   surrogates, U+FFFE/U+FFFF) are written as Excel does, _xHHHH_.
// - The carriage return, which an XML parser would turn into a line feed, is a character reference (&#13;): every
//   XML parser keeps it, whereas some readers (openpyxl) do not undo Excel's _x000D_.
// - A literal "_xHHHH_" in the text is protected as "_x005F_xHHHH_" so that no reader unescapes it.
// - Leading/trailing whitespace and line breaks get xml:space="preserve".
import { columnLetter, type CellValue } from '../../templates/model/grid.js';
import { isoToDays } from '../../templates/model/dates.js';

// Control characters are exactly what these patterns are for.
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[&<>\r_\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;
/** An underscore that starts an _xHHHH_ sequence (patterns may overlap: _x005F_x0041_ has two). */
const LITERAL_X = /_(?=x[0-9A-Fa-f]{4}_)/g;
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const hex4 = (c: string): string => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;

/** Escape text for the content of a <t> element. */
export function escapeText(s: string): string {
  // NEEDS_WORK has no /g flag, so test() keeps no state between calls.
  if (!NEEDS_WORK.test(s)) return s;
  let out = s.indexOf('_x') >= 0 ? s.replace(LITERAL_X, '_x005F_') : s;
  out = out.replace(NOT_XML, hex4);
  if (out.indexOf('&') >= 0) out = out.replace(/&/g, '&amp;');
  if (out.indexOf('<') >= 0) out = out.replace(/</g, '&lt;');
  if (out.indexOf('>') >= 0) out = out.replace(/>/g, '&gt;');
  if (out.indexOf('\r') >= 0) out = out.replace(/\r/g, '&#13;');
  return out;
}

/** Escape text for an attribute value in double quotes. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

/** <t> with xml:space="preserve" when the text would otherwise lose whitespace. */
export function tElement(s: string): string {
  const preserve = s.length > 0 && (/^\s|\s$/u.test(s) || s.indexOf('\n') >= 0 || s.indexOf('\t') >= 0);
  return preserve ? `<t xml:space="preserve">${escapeText(s)}</t>` : `<t>${escapeText(s)}</t>`;
}

const LETTERS: string[] = [];
/** Column letters, cached: this runs for every cell. */
export function col(index: number): string {
  return LETTERS[index] ?? (LETTERS[index] = columnLetter(index));
}

const EPOCH_DAYS = isoToDays('1899-12-30');
const DAY_MS = 86_400_000;

/** A Date (UTC wall clock, as our reader and exceljs hand them over) as an Excel 1900-system serial. */
export function dateSerial(d: Date): number {
  const ms = d.getTime();
  const days = Math.floor(ms / DAY_MS);
  const frac = (ms - days * DAY_MS) / DAY_MS;
  return days - EPOCH_DAYS + frac;
}

/**
 * One cell. `style` is the cellXfs index for the value; `dateStyle` is used for a number the source showed as a date
 * and for a Date. Returns '' for an empty cell.
 */
export function cellXml(
  ref: string,
  value: CellValue | undefined,
  style: number,
  dateStyle: number,
  isDate = false,
): string {
  if (value === null || value === undefined) return '';
  switch (typeof value) {
    case 'string':
      return value === '' ? '' : `<c r="${ref}" s="${style}" t="inlineStr"><is>${tElement(value)}</is></c>`;
    case 'number':
      if (!Number.isFinite(value))
        return `<c r="${ref}" s="${style}" t="inlineStr"><is>${tElement(String(value))}</is></c>`;
      return `<c r="${ref}" s="${isDate ? dateStyle : style}"><v>${value}</v></c>`;
    case 'boolean':
      return `<c r="${ref}" s="${style}" t="b"><v>${value ? 1 : 0}</v></c>`;
    default:
      if (value instanceof Date) {
        const serial = dateSerial(value);
        return Number.isFinite(serial) ? `<c r="${ref}" s="${dateStyle}"><v>${serial}</v></c>` : '';
      }
      return `<c r="${ref}" s="${style}" t="e"><v>${escapeText(value.error)}</v></c>`;
  }
}

// Row heights for wrapped text: one estimate for every writer.
export { heightOf, lineCount, rowHeight } from '../xlsx/print.js';
