// Is a number format a date/time format? Decides which serial numbers the model should read as dates.

// Built-in ids that are dates or times; 27–36 and 50–58 are the East Asian (ja-JP: 和暦 and 年月日) ones.
const BUILTIN_DATE_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

export function isBuiltinDateFormat(id: number): boolean {
  return BUILTIN_DATE_IDS.has(id);
}

/**
 * True when a format code has a date/time token (y m d h s, either case) outside quoted text, [brackets]
 * ([Red], [$-411], [>100]; elapsed [h] still leaves its ':mm'), backslash escapes and _x / *x padding.
 */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|[_*]./g, '');
  return /[ymdhs]/i.test(bare);
}

export function isDateFormat(id: number, code: string | undefined): boolean {
  return code === undefined ? isBuiltinDateFormat(id) : isDateFormatCode(code);
}
