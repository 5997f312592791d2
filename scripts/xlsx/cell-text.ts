// Excel holds at most 32,767 characters in a cell (and in a note): a longer text, written as it is, makes Excel
// repair the workbook or cut it silently. Text we write into a workbook goes through excelText first.

export const EXCEL_MAX_CELL_CHARS = 32_767;

/** Room kept for the marker (it is about 110 characters). */
const MARKER_ROOM = 200;

/** `text` cut to Excel's limit, ending in a marker that says it was cut and how much was left out (ja and en). */
export function excelText(text: string): string {
  if (text.length <= EXCEL_MAX_CELL_CHARS) return text;
  let n = EXCEL_MAX_CELL_CHARS - MARKER_ROOM;
  // Never end on the first half of a surrogate pair.
  const c = text.charCodeAt(n - 1);
  if (c >= 0xd800 && c <= 0xdbff) n--;
  const left = (text.length - n).toLocaleString('en-US');
  return `${text.slice(0, n)}…［Excel の上限 32,767 文字を超えるため、以下 ${left} 文字を省略 / ${left} more characters cut: over Excel's limit of 32,767］`;
}
