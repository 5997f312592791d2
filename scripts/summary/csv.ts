// `--summary FILE.csv`: the summary's two tables as CSV (RFC 4180) — the files table in FILE.csv, the findings in a
// sibling FILE_指摘一覧.csv (FILE_findings.csv in English), as the .xlsx summary's two sheets. UTF-8 with a byte-order
// mark so that Excel on Japanese Windows opens them as UTF-8 rather than Shift_JIS, CRLF line ends as Excel writes
// them. Written as the files are checked, a buffer of lines at a time, like the .xlsx summary.
import { basename, dirname, extname, join } from 'node:path';
import { formatRate } from '../../templates/model/score.js';
import type { Lang } from '../../templates/model/types.js';
import type { FileResult } from '../file-result.js';
import { AtomicTextWriter } from '../io/atomic-stream.js';
import { excelText } from '../xlsx/cell-text.js';
import { fileColumns, fileRow, findingColumns, findingRow, SUMMARY_TEXT, type Column } from './summary.js';

/**
 * A field. Text that Excel would read as a formula — starting with =, +, -, @, tab or carriage return, as a supplier
 * can type it into any cell we quote — is kept as text by a leading apostrophe (CSV injection; OWASP's advice).
 */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'string' ? excelText(v) : String(v);
  const safe = typeof v === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const line = (cells: readonly (string | number | null)[]): string => cells.map(csvField).join(',') + '\r\n';
const head = (columns: readonly Column[]): string => '\uFEFF' + line(columns.map((c) => c.header));

/** The findings CSV beside the files CSV: `集計.csv` → `集計_指摘一覧.csv` (`summary_findings.csv` in English). */
export function findingsCsvPath(path: string, lang: Lang): string {
  const ext = extname(path);
  const suffix = lang === 'ja' ? SUMMARY_TEXT.findingsSheet.ja : SUMMARY_TEXT.findingsSheet.en.toLowerCase();
  return join(dirname(path), `${basename(path, ext)}_${suffix}${ext}`);
}

/** A file's line of the files CSV. */
export function csvLine(r: FileResult, lang: Lang): string {
  const score = fileColumns(lang).findIndex((c) => c.key === 'score');
  const row = fileRow(r, lang);
  // As a percentage (Excel reads "94.6%" as the number 0.946 shown as a percentage).
  if (typeof row[score] === 'number') row[score] = formatRate(row[score]);
  return line(row);
}

/** Lines to a file 64 KB at a time (a file's 90,000 findings are not one string). */
class Lines {
  private buf = '';
  constructor(readonly out: AtomicTextWriter) {}

  async add(s: string): Promise<void> {
    this.buf += s;
    if (this.buf.length >= 1 << 16) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.buf) return;
    const s = this.buf;
    this.buf = '';
    await this.out.write(s);
  }
}

/** The CSV summary, written as results come: add() each file in order, then commit() (or abort()). */
export class CsvSummaryWriter {
  private constructor(
    private readonly files: Lines,
    private readonly findings: Lines,
    private readonly lang: Lang,
  ) {}

  static async open(path: string, opts: { lang: Lang; force: boolean }): Promise<CsvSummaryWriter> {
    const files = await AtomicTextWriter.open(path, { force: opts.force });
    const findings = await AtomicTextWriter.open(findingsCsvPath(path, opts.lang), { force: opts.force }).catch(
      async (err: unknown) => {
        await files.abort();
        throw err;
      },
    );
    const w = new CsvSummaryWriter(new Lines(files), new Lines(findings), opts.lang);
    await w.files.add(head(fileColumns(opts.lang)));
    await w.findings.add(head(findingColumns(opts.lang)));
    return w;
  }

  async add(r: FileResult): Promise<void> {
    await this.files.add(csvLine(r, this.lang));
    for (const i of r.issues) await this.findings.add(line(findingRow(r, i, this.lang)));
  }

  async commit(): Promise<void> {
    try {
      await this.files.flush();
      await this.findings.flush();
    } catch (err) {
      await this.abort();
      throw err;
    }
    await this.findings.out.commit().catch(async (err: unknown) => {
      await this.files.out.abort();
      throw err;
    });
    await this.files.out.commit();
  }

  async abort(): Promise<void> {
    await this.files.out.abort();
    await this.findings.out.abort();
  }
}
