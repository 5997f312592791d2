// daicho check: validate workbooks in parallel (one worker per core, each file bounded in size, time and memory)
// and report per file — terminal lines streamed in input order, a JSON report, annotated copies, a summary workbook.
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import type { Lang } from '../../templates/model/types.js';
import { DEFAULT_MAX_FILE_BYTES, type FileResult } from '../file-result.js';
import { expandInputs } from '../collect.js';
import { cutToBytes, exists, MAX_NAME_BYTES, OutputExistsError, probeWritable, watchTempDir } from '../io/atomic.js';
import { CheckReportWriter, type TextSink } from '../report/json.js';
import { Spool } from '../report/spool.js';
import { AtomicTextWriter } from '../io/atomic-stream.js';
import { refuseInputsAsOutputs, refuseSpecialTarget } from '../io/paths.js';
import { CHECK_KIND, checkJobFailure, type CheckJobOptions, type CheckJobResult } from '../pool/check-job.js';
import { DEFAULT_TIMEOUT_MS, defaultPoolSize, WorkerPool, type Job } from '../pool/pool.js';
import {
  addToTotals,
  emptyTotals,
  fileLine,
  findingLines,
  lineLayout,
  outputsLines,
  Progress,
  styleFor,
  colour,
  terminalLine,
  totalsLine,
  type Totals,
} from '../report/text.js';
import {
  asOfOf,
  failOnOf,
  inputFiles,
  jobsOf,
  langOf,
  needInputs,
  positiveNumber,
  UsageError,
  type Command,
  type FailOn,
} from './common.js';

export interface CheckRun {
  asOf: string;
  lang: Lang;
  /** Write the JSON report here. */
  json?: string;
  /** Write an annotated copy of every readable input under this folder. */
  annotate?: string;
  /** Write the summary workbook (.xlsx) here. */
  summary?: string;
  /**
   * Replace existing outputs. The `check` command passes its --force flag; left undefined (programmatic callers such
   * as `demo`, which regenerate a folder of their own), the JSON report may be replaced but nothing else.
   */
  force?: boolean;
  /** Folders the files were collected from: annotated copies mirror the files' sub-folders below them. */
  roots?: readonly string[];
  /** Per-file time bound (default 30 s). */
  timeoutMs?: number;
  /** Per-file size bound (default 100 MB). */
  maxFileBytes?: number;
  /** Worker processes (default: available cores, at most 8). */
  jobs?: number;
  /** The least severity that makes the exit code 1 (default error). */
  failOn?: FailOn;
}

/**
 * What each file's annotated copy is called: the same name in DIR, below the same sub-folders as in its input folder.
 * Two inputs of the same name become "name.xlsx" and "name (2).xlsx"; a name that would pass 255 bytes of UTF-8 with
 * its suffix is shortened (at a character boundary) to fit.
 */
export function annotatedPaths(files: readonly string[], dir: string, roots: readonly string[] = []): string[] {
  const rootDirs = roots.map((r) => resolve(r));
  const taken = new Set<string>();
  return files.map((f) => {
    const abs = resolve(f);
    const root = rootDirs.find((r) => abs.startsWith(r + sep));
    const wanted = join(dir, root ? relative(root, abs) : basename(abs));
    const ext = extname(wanted);
    const stem = basename(wanted, ext);
    const named = (n: number): string => {
      const suffix = `${n > 1 ? ` (${n})` : ''}${ext}`;
      return join(dirname(wanted), cutToBytes(stem, MAX_NAME_BYTES - Buffer.byteLength(suffix)) + suffix);
    };
    let n = 1;
    while (taken.has(resolve(named(n)).toLowerCase())) n++;
    const target = named(n);
    taken.add(resolve(target).toLowerCase());
    return target;
  });
}

async function refuseExisting(paths: readonly string[], force: boolean): Promise<void> {
  if (force) return;
  for (const p of paths) if (await exists(p)) throw new OutputExistsError(p);
}

/**
 * Lines to stdout in 64 KB writes, waiting when the pipe is full (a report of 100,000 findings must not pile up in
 * memory), and flushed before the command returns (the CLI exits right after).
 */
class LineWriter {
  private buf: string[] = [];
  private size = 0;
  /** The reader went away (`daicho check … | head`): drop the rest of the report, finish the run and its files. */
  private closed = false;

  /** `colour`: our colour sequences are let through; every other control character is escaped (terminalLine). */
  constructor(
    private readonly colour: boolean,
    private readonly stream: NodeJS.WriteStream = process.stdout,
  ) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      this.closed = true;
      stream.emit('drain');
    });
  }

  async line(s = ''): Promise<void> {
    if (this.closed) return;
    s = terminalLine(s, this.colour);
    this.buf.push(s);
    this.size += s.length + 1;
    if (this.size >= 65536) await this.flush();
  }

  /** line() for each, waiting only when a write is due (an await per line cost more than making the line). */
  async lines(lines: Iterable<string>): Promise<void> {
    for (let s of lines) {
      if (this.closed) return;
      s = terminalLine(s, this.colour);
      this.buf.push(s);
      this.size += s.length + 1;
      if (this.size >= 65536) await this.flush();
    }
  }

  async flush(): Promise<void> {
    if (!this.buf.length || this.closed) return;
    const text = this.buf.join('\n') + '\n';
    this.buf = [];
    this.size = 0;
    await this.write(text);
  }

  /** Text as it is (lines that end with a line feed), after what is buffered. */
  async text(text: string): Promise<void> {
    await this.flush();
    if (!this.closed) await this.write(text);
  }

  private async write(text: string): Promise<void> {
    await new Promise<void>((done) => {
      if (this.stream.write(text)) done();
      else this.stream.once('drain', done);
    });
  }

  async end(): Promise<void> {
    await this.flush();
    if (this.closed) return;
    await new Promise<void>((done) => this.stream.write('', () => done()));
  }
}

/** `--json -`: the report to stdout, with the file writer's interface (nothing to commit or take back). */
class StdoutTextWriter implements TextSink {
  async write(text: string): Promise<void> {
    if (!process.stdout.write(text)) await new Promise((done) => process.stdout.once('drain', done));
  }

  async commit(): Promise<void> {
    await new Promise<void>((done) => process.stdout.write('', () => done()));
  }

  async abort(): Promise<void> {}
}

/** `--json -` means stdout. */
export const STDOUT = '-';

export async function runCheck(files: string[], opts: CheckRun): Promise<number> {
  const { targets, jsonFile, summaries } = await prepareOutputs(files, opts);
  // With the JSON report on stdout, the text report goes to stderr.
  const terminal = new TerminalReport(files, opts.lang, opts.json === STDOUT ? process.stderr : process.stdout);
  const totals = emptyTotals();
  // Nothing per file is kept: each result goes to the terminal line, the findings spool, the JSON report and the
  // summary as it comes, and is gone (a run over 20,000 files keeps a few numbers).
  const annotated = { written: 0, skipped: [] as string[] };
  const { json, summary } = await openReports(opts, jsonFile);
  await json?.begin(opts.asOf);

  const pool = new WorkerPool<CheckJobResult>({
    kinds: CHECK_KIND,
    failure: checkJobFailure,
    size: opts.jobs ?? defaultPoolSize(files.length),
    timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
  try {
    await pool.run(checkJobs(files, targets, opts), async (r) => {
      const file = r.file;
      addToTotals(totals, file);
      if (r.annotated) annotated.written++;
      else if (opts.annotate)
        annotated.skipped.push(`${file.path}: ${annotateReason(r.annotateError, file, opts.lang)}`);
      await terminal.file(file);
      await summary?.add(file);
      await json?.add(file);
    });
  } catch (err) {
    await json?.abort();
    await summary?.abort();
    await terminal.abort();
    throw err;
  } finally {
    terminal.clearProgress();
    await pool.close();
  }

  await terminal.findingsAndTotals(totals);
  await json?.end(totals);
  await summary?.commit();
  await terminal.outputs({
    ...(opts.annotate ? { annotated: { dir: opts.annotate, ...annotated } } : {}),
    ...(summaries.length ? { summary: summaries } : {}),
    ...(jsonFile ? { json: jsonFile } : {}),
  });
  const failed = totals.ok !== totals.files || (opts.failOn === 'warning' && totals.warnings > 0);
  return failed ? 1 : 0;
}

/**
 * Where a run writes, settled before any file is read: no output is an input, none exists already (unless --force),
 * and the summary can be written (it comes after the last file: a path that fails should not cost the whole run).
 */
async function prepareOutputs(
  files: readonly string[],
  opts: CheckRun,
): Promise<{ targets: string[]; jsonFile: string | undefined; summaries: string[] }> {
  const force = opts.force ?? false;
  const targets = opts.annotate ? annotatedPaths(files, opts.annotate, opts.roots) : [];
  const jsonFile = opts.json === STDOUT ? undefined : opts.json;
  // A .csv summary is two files: the files table and, beside it, the findings.
  const summaries = opts.summary ? [opts.summary] : [];
  if (opts.summary && isCsv(opts.summary))
    summaries.push((await import('../summary/csv.js')).findingsCsvPath(opts.summary, opts.lang));
  // Never write over an input, whatever --force says, however the paths are spelled.
  refuseInputsAsOutputs([...targets, ...summaries, jsonFile], files);
  // The workers write the copies' temporary files: an interrupt must know where to look for them.
  for (const d of new Set(targets.map((t) => dirname(t)))) watchTempDir(d);
  await refuseExisting(targets, force);
  await refuseExisting(summaries, force);
  for (const s of summaries) await probeWritable(s);
  if (jsonFile) await refuseExisting([jsonFile], opts.force ?? true);
  return { targets, jsonFile, summaries };
}

/** The JSON report (a file, or stdout) and the summary, open for writing file by file. */
async function openReports(
  opts: CheckRun,
  jsonFile: string | undefined,
): Promise<{ json: CheckReportWriter | null; summary: SummaryOut | null }> {
  const sink =
    opts.json === STDOUT
      ? new StdoutTextWriter()
      : jsonFile
        ? await AtomicTextWriter.open(jsonFile, { force: opts.force ?? true })
        : null;
  const json = sink ? new CheckReportWriter(sink) : null;
  const summary = opts.summary
    ? await openSummary(opts.summary, { lang: opts.lang, asOf: opts.asOf, force: opts.force ?? false }).catch(
        async (err: unknown) => {
          await json?.abort();
          throw err;
        },
      )
    : null;
  return { json, summary };
}

function checkJobs(files: readonly string[], targets: readonly string[], opts: CheckRun): Job<CheckJobOptions>[] {
  const force = opts.force ?? false;
  return files.map((path, i) => ({
    kind: 'check',
    path,
    options: {
      asOf: opts.asOf,
      maxFileBytes: opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
      ...(opts.annotate ? { annotate: { out: targets[i], lang: opts.lang, force } } : {}),
    },
  }));
}

/**
 * The text report: a line per file as it is checked (below a progress bar on stderr when that is a terminal), then
 * every finding (spooled meanwhile), the totals and what was written.
 */
class TerminalReport {
  private readonly st: ReturnType<typeof styleFor>;
  private readonly w: LineWriter;
  private readonly progress: Progress | null;
  /** The bar and the lines share one terminal. */
  private readonly sharedTerminal: boolean;
  private readonly layout: ReturnType<typeof lineLayout>;
  private readonly findings = new Spool();
  private seen = 0;

  constructor(
    files: readonly string[],
    private readonly lang: Lang,
    text: NodeJS.WriteStream,
  ) {
    this.st = styleFor(text);
    this.progress = Progress.wanted(process.stderr, files.length)
      ? new Progress(process.stderr, files.length, lang)
      : null;
    this.sharedTerminal = this.progress !== null && Boolean(text.isTTY);
    this.layout = lineLayout(files);
    this.w = new LineWriter(this.st === colour, text);
  }

  async file(file: FileResult): Promise<void> {
    const { st, w, lang } = this;
    this.seen++;
    if (this.sharedTerminal) {
      // Take the bar away, print, draw it again below.
      this.progress!.clear();
      await w.line(fileLine(file, lang, st, this.layout));
      await w.flush();
    } else await w.line(fileLine(file, lang, st, this.layout));
    this.progress?.tick(this.seen);
    // Escaped now: the spool's text goes to the terminal as it is (LineWriter.text).
    await this.findings.lines(Array.from(findingLines(file, lang, st), (s) => terminalLine(s, st === colour)));
  }

  clearProgress(): void {
    this.progress?.clear();
  }

  async abort(): Promise<void> {
    await this.findings.close();
  }

  async findingsAndTotals(totals: Totals): Promise<void> {
    for await (const text of this.findings.drain()) await this.w.text(text);
    await this.w.line();
    await this.w.line(this.st.bold(totalsLine(totals, this.lang)));
    await this.w.flush();
  }

  async outputs(outputs: Parameters<typeof outputsLines>[0]): Promise<void> {
    const info = outputsLines(outputs, this.lang);
    if (info.length) await this.w.line();
    for (const line of info) await this.w.line(line);
    await this.w.end();
  }
}

const isCsv = (path: string): boolean => /\.csv$/i.test(path);

/** The summary (.xlsx, or the two .csv files), written file by file. */
interface SummaryOut {
  add(r: FileResult): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

async function openSummary(path: string, opts: { lang: Lang; asOf: string; force: boolean }): Promise<SummaryOut> {
  if (isCsv(path)) return (await import('../summary/csv.js')).CsvSummaryWriter.open(path, opts);
  return (await import('../summary/summary.js')).SummaryWriter.open(path, opts);
}

function annotateReason(error: string | undefined, file: FileResult, lang: Lang): string {
  if (error === 'unreadable' || file.status === 'unreadable') return lang === 'ja' ? '読込不可' : 'unreadable';
  return error ?? '';
}

export const check: Command<'check'> = {
  async run(a) {
    needInputs('check', a.positionals);
    const summary = a.values.summary;
    if (summary !== undefined && !/\.(xlsx|csv)$/i.test(summary)) {
      throw new UsageError({
        ja: `--summary には .xlsx か .csv のファイル名を指定してください（指定: "${summary}"）`,
        en: `--summary must name an .xlsx or .csv file (got "${summary}")`,
      });
    }
    const annotate = a.values.annotate;
    if (annotate !== undefined && (await exists(annotate)) && !(await stat(annotate)).isDirectory()) {
      throw new UsageError({
        ja: `--annotate にはフォルダを指定してください（${annotate} はファイルです）`,
        en: `--annotate needs a folder (${annotate} is a file)`,
      });
    }
    if (a.values.json !== undefined && a.values.json !== STDOUT) refuseSpecialTarget(a.values.json, 'file');
    if (summary !== undefined) refuseSpecialTarget(summary, 'file');
    if (annotate !== undefined) refuseSpecialTarget(annotate, 'folder');
    const timeout = positiveNumber('timeout', a.values.timeout);
    const maxSize = positiveNumber('max-size', a.values['max-size']);
    const jobs = jobsOf(a.values.jobs);
    const asOf = asOfOf(a.values['as-of']);
    const lang = langOf(a.values.lang);
    const failOn = failOnOf(a.values['fail-on']);
    const inputs = await expandInputs(a.positionals);
    const files = await inputFiles(inputs);
    // A folder that cannot be made fails the run before it starts, not once per file.
    if (annotate !== undefined) await mkdir(annotate, { recursive: true });
    const roots: string[] = [];
    for (const p of inputs) if ((await stat(p)).isDirectory()) roots.push(p);
    return runCheck(files, {
      asOf,
      lang,
      json: a.values.json,
      annotate,
      summary,
      force: Boolean(a.values.force),
      roots,
      failOn,
      ...(timeout ? { timeoutMs: Math.round(timeout * 1000) } : {}),
      ...(maxSize ? { maxFileBytes: Math.round(maxSize * 1024 * 1024) } : {}),
      ...(jobs ? { jobs } : {}),
    });
  },
};
