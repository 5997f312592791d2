// `--summary FILE.csv`: the summary's files table as CSV (RFC 4180), UTF-8 with a byte-order mark so that Excel on
// Japanese Windows opens it as UTF-8 rather than Shift_JIS, and CRLF line ends as Excel writes them. Written a row at
// a time as the files are checked, like the .xlsx summary.
import { formatRate } from '../../templates/model/score.js';
import type { Lang } from '../../templates/model/types.js';
import type { FileResult } from '../check-file.js';
import { AtomicTextWriter } from '../io/atomic-stream.js';
import { fileColumns, fileRow } from './summary.js';

function field(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  // A cell Excel would read as a formula (=, +, -, @) is kept as text by a leading apostrophe (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The header line, with the byte-order mark. */
export function csvHead(lang: Lang): string {
  return '\uFEFF' + fileColumns(lang).map((c) => field(c.header)).join(',') + '\r\n';
}

/** A file's line. */
export function csvLine(r: FileResult, lang: Lang): string {
  const score = fileColumns(lang).findIndex((c) => c.key === 'score');
  const row = fileRow(r, lang);
  // As a percentage (Excel reads "94.6%" as the number 0.946 shown as a percentage).
  if (typeof row[score] === 'number') row[score] = formatRate(row[score]);
  return row.map(field).join(',') + '\r\n';
}

/** The CSV summary, written as results come: add() each file in order, then commit() (or abort()). */
export class CsvSummaryWriter {
  private constructor(
    private readonly out: AtomicTextWriter,
    private readonly lang: Lang,
  ) {}

  static async open(path: string, opts: { lang: Lang; force: boolean }): Promise<CsvSummaryWriter> {
    const out = await AtomicTextWriter.open(path, { force: opts.force });
    await out.write(csvHead(opts.lang));
    return new CsvSummaryWriter(out, opts.lang);
  }

  async add(r: FileResult): Promise<void> {
    await this.out.write(csvLine(r, this.lang));
  }

  commit(): Promise<void> {
    return this.out.commit();
  }

  abort(): Promise<void> {
    return this.out.abort();
  }
}
