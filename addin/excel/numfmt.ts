// Number formats: is a cell's format a date (so a serial number in it means a date)?

/** True for Excel number formats that display a date (yyyy/m/d, ggge年m月d日, [$-ja-JP]…, m/d/yy h:mm …). */
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
    .replace(/\[(?:\$[^\]]*|[a-z]+\s*\d*)\]/gi, ' ') // [$-ja-JP], [Red], [Color 10]
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
