// `--summary FILE.csv`: the summary's files table as CSV (RFC 4180), UTF-8 with a byte-order mark so that Excel on
// Japanese Windows opens it as UTF-8 rather than Shift_JIS, and CRLF line ends as Excel writes them.
import type { Lang } from '../../templates/model/types.js';
import type { FileResult } from '../check-file.js';
import { fileColumns, fileRow } from './summary.js';

function field(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // A cell Excel would read as a formula (=, +, -, @) is kept as text by a leading apostrophe (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function summaryCsv(results: readonly FileResult[], lang: Lang): string {
  const lines = [fileColumns(lang).map((c) => field(c.header)).join(',')];
  const score = fileColumns(lang).findIndex((c) => c.key === 'score');
  for (const r of results) {
    const row = fileRow(r, lang);
    // As a percentage (Excel reads "94.6%" as the number 0.946 shown as a percentage).
    if (typeof row[score] === 'number') row[score] = `${Math.round(row[score] * 1000) / 10}%`;
    lines.push(row.map(field).join(','));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
