// Number formats: does a cell's format show a date (so a serial number in it means a date)? One detector for the
// command line's reader (format codes and built-in ids from styles.xml) and the pane (Office.js numberFormat).
// A time of day (h:mm, mm:ss) and an elapsed time ([h]:mm:ss) are not dates: 0.5 in h:mm is 12:00, not 1899-12-30.

/** Built-in format ids and their codes as ja-JP Excel shows them (styles.xml leaves them out; ECMA-376 §18.8.30). */
export const BUILTIN_FORMATS: Readonly<Record<number, string>> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  14: 'yyyy/m/d',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy/m/d h:mm',
  27: '[$-411]ge.m.d',
  28: '[$-411]ggge"年"m"月"d"日"',
  29: '[$-411]ggge"年"m"月"d"日"',
  30: 'm/d/yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"時"mm"分"',
  33: 'h"時"mm"分"ss"秒"',
  34: 'yyyy"年"m"月"',
  35: 'm"月"d"日"',
  36: '[$-411]ge.m.d',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  49: '@',
  50: '[$-411]ge.m.d',
  51: '[$-411]ggge"年"m"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: '[$-411]ggge"年"m"月"d"日"',
  55: 'yyyy"年"m"月"',
  56: 'm"月"d"日"',
  57: '[$-411]ge.m.d',
  58: '[$-411]ggge"年"m"月"d"日"',
};

/** True for formats that display a date (yyyy/m/d, ggge年m月d日, [$-ja-JP]…, m/d/yy h:mm …). */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string') return false;
  const f = format.trim();
  if (f === '' || /^general$/i.test(f) || f === '@') return false;
  if (/^(short|long) date$/i.test(f)) return true;
  if (/\[(?:h+|m+|s+)\]/i.test(f)) return false; // elapsed time, not a date
  const code = f
    .split(';')[0] // the positive-number section decides
    .replace(/"[^"]*"/g, ' ') // quoted literals
    .replace(/\\./g, ' ') // escaped characters
    .replace(/\[[^\]]*\]/g, ' ') // [$-ja-JP], [Red], [Color 10], [>=100]
    .replace(/_.|\*./g, ' ') // padding
    .replace(/am\/pm|a\/p/gi, ' ')
    .replace(/e[+-]/gi, ' '); // scientific notation
  // Runs of the same letter: y, d, e, g (era) are dates; m is a month unless next to an hour or a second.
  const runs = code.match(/([a-z])\1*/gi) ?? [];
  return runs.some((run, i) => {
    const c = run[0].toLowerCase();
    if (c === 'y' || c === 'd' || c === 'e' || c === 'g') return true;
    if (c !== 'm') return false;
    const prev = runs[i - 1]?.[0].toLowerCase();
    const next = runs[i + 1]?.[0].toLowerCase();
    return prev !== 'h' && next !== 's';
  });
}

/** A cell format in styles.xml: its own code when it has one, else the built-in id's. */
export function isDateNumFmt(id: number, code: string | undefined): boolean {
  return isDateFormat(code ?? BUILTIN_FORMATS[id]);
}
