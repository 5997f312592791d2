// `daicho merge`: many workbooks of one template → one master (table templates) or one summary (form templates).
//
// Table templates stream. Worker lanes read the inputs (lean reader + the engine's record reader) one input each at a
// time; the main thread decides, in file order, which master row every record becomes (plan.ts); the lane then writes
// those rows as XML, deflates them and appends the piece to a temporary file of its own (its spool), and tells the
// main thread only where the piece lies. At the end the master is assembled: the template shell's parts, each sheet as
// head + its pieces in file order + tail (deflate streams ending in a sync flush concatenate; CRCs combine), the report
// sheets, and the shared strings that hold the 統合メモ of every row (decided last, so notes can point forward to later
// duplicates and conflicts). The lanes end before the master is assembled. Memory is bounded by the lanes in flight
// plus two digests and a few numbers per master row; no row's data passes through the main process.
import { availableParallelism } from 'node:os';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { crc32, deflateRawSync, constants as zc } from 'node:zlib';
import { templateById } from '../../templates/index.js';
import { foldWord } from '../../templates/model/fold.js';
import { quoteSheet } from '../../templates/model/grid.js';
import { FIRST_DATA_ROW } from '../../templates/model/layout.js';
import type { Issue, Lang, TemplateDef, Text } from '../../templates/model/types.js';
import { exists, OutputExistsError, tempPathFor } from '../io/atomic.js';
import { BATCH_MESSAGES } from '../file-result.js';
import { LaneFailure } from '../pool/lane.js';
import { withoutOutput } from '../io/paths.js';
import { crc32Combine } from './crc.js';
import type { FormSummary } from './form-summary.js';
import type {
  BuildReply,
  BuildTask,
  Problem,
  ReadReply,
  RecordValues,
  SpoolTask,
  TableRead,
  TemplateRef,
} from './input.js';
import {
  addSheets,
  masterHead,
  masterTail,
  PROVENANCE_ORDER,
  reportPrintPlan,
  reportSheetChunks,
  reportSheetXml,
  sstChunks,
  type AddedSheet,
  type ReportRow,
} from './master-xml.js';
import type { PrintPlan } from '../xlsx/print.js';
import { SheetPlan, type Conflict } from './plan.js';
import { isolatedShell, openLanes, type Lane } from './pool.js';
import type { Shell } from './shell.js';
import { raiseRowHeights } from './row-heights.js';
import { heightOf, lineCount } from './xml.js';
import { ZipWriter } from './zip-writer.js';
import { COLS, L, noteText } from './labels.js';
import type { PreviousRound } from './previous-sheet.js';

export interface MergeOptions {
  out: string;
  force?: boolean;
  asOf: string;
  lang: Lang;
  /** Worker processes, as --jobs (default: up to 2, one per core); 0 runs everything on the main thread. */
  jobs?: number;
  /** zlib level of the data rows (default 2: as fast as level 1 and 5% smaller; level 6 is 2.5× slower for 20% less). */
  deflateLevel?: number;
  /** merge --previous: the last round's supplier checklists (merge/previous-sheet.ts). */
  previous?: PreviousRound;
}

export interface SheetTotals {
  name: string;
  read: number;
  kept: number;
  duplicates: number;
  conflictGroups: number;
  conflictRows: number;
}

export interface InputInfo {
  path: string;
  shown: string;
  via: 'marker' | 'signature';
  /** Departments (部門) found in a ledger. */
  subjects: string[];
  warnings: Issue[];
}

export interface MergeResult {
  kind: 'table' | 'form';
  template: TemplateRef;
  out: string;
  inputs: InputInfo[];
  sheets: SheetTotals[];
  /** Form summaries: forms read, rows in the summary (latest per subject) and superseded returns. */
  forms?: { read: number; latest: number; superseded: number; followUps: number };
}

export interface MergeProblem {
  path: string;
  problem: Problem;
}

/** Inputs that cannot be merged (unreadable, another template or version, broken structure): nothing was written. */
export class MergeRefused extends Error {
  constructor(readonly problems: MergeProblem[]) {
    super(`merge refused: ${problems.length} input(s) cannot be merged`);
  }
}

/** Rows an .xlsx worksheet can hold. */
const EXCEL_MAX_ROWS = 1_048_576;

const T0 = performance.now();
/** DAICHO_MERGE_TRACE=1 prints when each step of each input happens (stderr), to see where a merge waits. */
const trace = process.env.DAICHO_MERGE_TRACE
  ? (what: string): void => void process.stderr.write(`${((performance.now() - T0) / 1000).toFixed(3)} ${what}\n`)
  : (): void => undefined;

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** How the master names each input: its path relative to the inputs' common folder. */
export function shownNames(paths: readonly string[]): string[] {
  const abs = paths.map((p) => resolve(p));
  let common = dirname(abs[0] ?? '.');
  for (const p of abs) {
    while (common !== dirname(common) && !(p.startsWith(common + sep) || dirname(p) === common))
      common = dirname(common);
  }
  return abs.map((p) => relative(common, p).split(sep).join('/'));
}

const MSG = {
  mixed: (a: TemplateRef, b: TemplateRef, first: string): Text => ({
    ja: `テンプレートが他の入力と異なります（${b.id} 第${b.version}版。最初の入力 ${first} は ${a.id} 第${a.version}版）。同じテンプレートのファイルだけを統合してください（版は異なってもかまいません）。`,
    en: `Its template differs from the other inputs (${b.id} version ${b.version}; the first input ${first} is ${a.id} version ${a.version}). Merge files of one template only (its versions may differ).`,
  }),
  nothing: { ja: '統合するファイルがありません。', en: 'There is nothing to merge.' },
  noInput: { ja: '統合できる入力がありません。', en: 'No input can be merged.' },
  tooManyRows: (sheet: string): Text => ({
    ja: `シート「${sheet}」の統合後の行数が Excel の上限（${EXCEL_MAX_ROWS.toLocaleString('ja')} 行）を超えます。入力を分けて統合してください。`,
    en: `Sheet "${sheet}" of the master would exceed Excel's ${EXCEL_MAX_ROWS.toLocaleString('en')} rows. Merge the inputs in parts.`,
  }),
};

const refusal = (path: string, message: Text): MergeProblem => ({ path, problem: { code: 'unknown', message } });

/** A master sheet's rows: deflate pieces in the lanes' spools, in file order. */
interface TempSheet {
  pieces: { spool: number; at: number; length: number }[];
  crc: number;
  size: number;
  compressed: number;
}

interface FileStats {
  perSheet: Record<string, { read: number; kept: number; duplicates: number; conflicts: number }>;
}

export async function mergeFiles(paths: readonly string[], opts: MergeOptions): Promise<MergeResult> {
  const out = resolve(opts.out);
  if (!opts.force && (await exists(out))) throw new OutputExistsError(opts.out);
  // An earlier master inside an input folder is not an input of the new one.
  const files = withoutOutput(paths, out);
  if (!files.length) throw new MergeRefused([refusal(opts.out, MSG.nothing)]);
  await mkdir(dirname(out), { recursive: true });
  const run = new MergeRun(files, opts);
  try {
    const lead = await run.readInputs();
    return await run.write(lead);
  } finally {
    await run.close();
  }
}

/** What the first mergeable input decides: the template (the master is its current version) and the kind of output. */
interface Lead {
  def: TemplateDef;
  template: TemplateRef;
  /** The first input's own template and version, and its name, for the message on an input of another template. */
  first: TemplateRef;
  firstFile: string;
  mode: 'table' | 'form';
}

/**
 * One merge. Three loops run at once, each in file order: the lanes read an input and later build its rows
 * (runLane), the main thread decides where its records go (decideAll), and the pieces the lanes wrote are collected
 * (collectAll). Then the master (or the form summary) is written from what they gathered.
 */
class MergeRun {
  private readonly shown: string[];
  private readonly lanes: Lane[];
  private readonly level: number;
  private readonly spools: string[];

  private readonly problems: MergeProblem[] = [];
  private readonly inputs: InputInfo[] = [];
  private lead: Lead | null = null;
  private shell: Shell | null = null;
  private readonly plans = new Map<string, SheetPlan>();
  private readonly temps = new Map<string, TempSheet>();
  private readonly values = new Map<string, RecordValues>();
  private readonly forms: { file: number; form: FormSummary }[] = [];
  private readonly stats: FileStats[];
  private slots = 0;
  private fatal: Error | null = null;

  // Hand-offs between the lanes, the decision loop and the collector, in file order. Each slot is cleared once
  // consumed: a settled promise keeps its value, and 200 inputs' summaries and row data must not stay reachable.
  private readonly reads: (Deferred<ReadReply> | null)[];
  private readonly decisions: (Deferred<BuildTask | null> | null)[];
  private readonly builds: (Deferred<(BuildReply & { spool: number }) | null> | null)[];
  private next = 0;

  constructor(
    private readonly files: readonly string[],
    private readonly opts: MergeOptions,
  ) {
    this.shown = shownNames(files);
    const jobs = opts.jobs ?? Math.max(1, Math.min(2, availableParallelism(), files.length));
    this.lanes = openLanes(jobs);
    this.level = opts.deflateLevel ?? 2;
    const tempBase = tempPathFor(resolve(opts.out));
    this.spools = this.lanes.map((_, k) => `${tempBase}.${k}.rows`);
    this.stats = files.map(() => ({ perSheet: {} }));
    this.reads = files.map(() => deferred<ReadReply>());
    this.decisions = files.map(() => deferred<BuildTask | null>());
    this.builds = files.map(() => deferred<(BuildReply & { spool: number }) | null>());
  }

  /** Reads every input and places its records; refuses the merge when any input cannot be merged. */
  async readInputs(): Promise<Lead> {
    await Promise.all([...this.lanes.map((lane, k) => this.runLane(lane, k)), this.decideAll(), this.collectAll()]);
    if (this.fatal) throw this.fatal;
    if (this.problems.length) throw new MergeRefused(this.problems);
    if (!this.lead) throw new MergeRefused([refusal(this.files[0], MSG.noInput)]);
    return this.lead;
  }

  async write({ def, template, mode }: Lead): Promise<MergeResult> {
    const { files, shown, opts } = this;
    const result: MergeResult = {
      kind: mode,
      template,
      out: opts.out,
      inputs: this.inputs.filter(Boolean),
      sheets: [],
    };
    if (mode === 'form') {
      const { writeFormSummary } = await import('./forms.js');
      result.forms = await writeFormSummary(
        def,
        this.forms.map((f) => ({ ...f, path: files[f.file], shown: shown[f.file] })),
        opts,
      );
      return result;
    }
    trace('inputs done');
    const missing = await extractMissing(this.lanes, def, files, this.plans, this.values);
    for (const v of missing) this.values.set(valueKey(v.sheet, v.file, v.inRow), v);
    // Nothing is left for the lanes: their memory is not the master's.
    await Promise.all(this.lanes.map((l) => l.close()));
    trace('extract done');
    result.sheets = await writeMaster({
      shell: this.shell!,
      plans: this.plans,
      temps: this.temps,
      spools: this.spools,
      values: this.values,
      slots: this.slots,
      files,
      shown,
      inputs: this.inputs,
      stats: this.stats,
      opts,
    });
    trace('master written');
    return result;
  }

  async close(): Promise<void> {
    for (const path of this.spools) await rm(path, { force: true });
    await Promise.all(this.lanes.map((l) => l.close()));
  }

  /** A lane: reads the next input, waits for the decision on it, builds its rows into the lane's spool. */
  private async runLane(lane: Lane, k: number): Promise<void> {
    const { files, shown, reads, decisions, builds } = this;
    for (;;) {
      const i = this.next++;
      if (i >= files.length) return;
      let reply: ReadReply;
      trace(`read ${i} start`);
      try {
        reply = await lane.call<ReadReply>('read', { file: i, path: files[i], shown: shown[i], asOf: this.opts.asOf });
      } catch (err) {
        reply = { kind: 'problem', file: i, template: null, problem: { code: 'unreadable', message: crashed(err) } };
      }
      reads[i]!.resolve(reply);
      trace(`read ${i} done`);
      const task = await decisions[i]!.promise;
      decisions[i] = null;
      if (!task) {
        builds[i]!.resolve(null);
        continue;
      }
      try {
        trace(`build ${i} start`);
        const b = await lane.call<BuildReply>('build', { ...task, spool: this.spools[k] } satisfies SpoolTask);
        if (b.failed) {
          // The lane's own write failed (a full disk): the error the main process would have met, on the spool.
          this.fatal ??= Object.assign(new Error(b.failed.message), {
            code: b.failed.code,
            syscall: b.failed.syscall,
            path: this.spools[k],
          });
          builds[i]!.resolve(null);
        } else {
          builds[i]!.resolve({ ...b, spool: k });
        }
        trace(`build ${i} done`);
      } catch (err) {
        this.fatal ??= err as Error;
        builds[i]!.resolve(null);
      }
    }
  }

  private async decideAll(): Promise<void> {
    for (let i = 0; i < this.files.length; i++) {
      const r = await this.reads[i]!.promise;
      this.reads[i] = null;
      let task: BuildTask | null = null;
      try {
        task = await this.decide(i, r);
      } catch (err) {
        this.fatal ??= err as Error;
      }
      this.decisions[i]!.resolve(task);
    }
  }

  /** What becomes of one input that was read: a problem, a form to summarise, or rows to build (null: none). */
  private async decide(i: number, r: ReadReply): Promise<BuildTask | null> {
    const { files, shown } = this;
    if (r.kind === 'problem') {
      this.problems.push({ path: files[i], problem: r.problem });
      return null;
    }
    if (!this.lead) {
      const def = templateById(r.template.id)!;
      // The master is the current version, whichever versions the inputs are (they map by field).
      this.lead = {
        def,
        template: { id: def.id, version: def.version },
        first: r.template,
        firstFile: shown[i],
        mode: r.kind,
      };
    } else if (this.lead.template.id !== r.template.id) {
      const message = MSG.mixed(this.lead.first, r.template, this.lead.firstFile);
      this.problems.push({ path: files[i], problem: { code: 'mixed', message } });
      return null;
    }
    this.inputs[i] = {
      path: files[i],
      shown: shown[i],
      via: r.via,
      subjects: r.kind === 'table' ? r.subjects : [],
      warnings: r.kind === 'table' ? r.warnings : [],
    };
    if (r.kind === 'form') {
      this.forms.push({ file: i, form: r.form });
      return null;
    }
    if (this.problems.length || this.fatal) return null;
    if (!this.shell) {
      trace('shell start');
      this.shell = await isolatedShell(this.lead.def);
      trace('shell done');
    }
    return this.place(i, r, this.shell);
  }

  /** Admits a table input's records to each sheet's plan: the master row (or none) of each record. */
  private place(i: number, r: TableRead, shell: Shell): BuildTask | null {
    const task: BuildTask = { file: i, deflateLevel: this.level, sheets: {} };
    for (const s of r.sheets) {
      const ts = shell.tables.find((t) => t.sd.name === s.name)!;
      let plan = this.plans.get(s.name);
      if (!plan) {
        plan = new SheetPlan(s.name, FIRST_DATA_ROW + 1, ts.sd.fields.length + PROVENANCE_ORDER.length);
        this.plans.set(s.name, plan);
      }
      const d = plan.admit(i, this.shown[i], s, () => this.slots++);
      if (plan.lastRow > EXCEL_MAX_ROWS) {
        this.problems.push(refusal(this.files[i], MSG.tooManyRows(s.name)));
        return null;
      }
      const kept = d.rowOf.filter((x) => x > 0).length;
      this.stats[i].perSheet[s.name] = {
        read: s.hashes.length,
        kept,
        duplicates: s.hashes.length - kept,
        conflicts: d.want.length,
      };
      task.sheets[s.name] = {
        rowOf: d.rowOf,
        sstOf: d.slotOf.map((x) => (x < 0 ? -1 : shell.sst.length + x)),
        extraCols: d.extraCols,
        want: d.want,
        styles: {
          data: ts.dataStyle,
          date: ts.dateStyle,
          widths: ts.widths,
          text: shell.styles.text,
          dateText: shell.styles.date,
        },
      };
    }
    return task;
  }

  /** Collects, in file order, where each input's built rows lie in the spools, and the values kept for conflicts. */
  private async collectAll(): Promise<void> {
    for (let i = 0; i < this.files.length; i++) {
      const b = await this.builds[i]!.promise;
      this.builds[i] = null;
      if (!b) continue;
      for (const v of b.values) this.values.set(valueKey(v.sheet, v.file, v.inRow), v);
      for (const s of b.sheets) {
        let t = this.temps.get(s.name);
        if (!t) {
          t = { pieces: [], crc: 0, size: 0, compressed: 0 };
          this.temps.set(s.name, t);
        }
        t.pieces.push({ spool: b.spool, at: s.at, length: s.length });
        t.crc = crc32Combine(t.crc, s.crc, s.size);
        t.size += s.size;
        t.compressed += s.length;
      }
    }
  }
}

function crashed(err: unknown): Text {
  // The lane's bounds: the file took too long or too much memory (the batch messages of check say what to do).
  if (err instanceof LaneFailure && err.reason !== 'crash')
    return BATCH_MESSAGES[err.reason === 'timeout' ? 'timeout' : 'out-of-memory'];
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return { ja: `読み込み中に失敗しました（${reason}）。`, en: `Reading failed (${reason}).` };
}

const valueKey = (sheet: string, file: number, inRow: number): string => `${sheet}\u0000${file}\u0000${inRow}`;

/** The first version of each conflicting record was written before the conflict showed: read those rows again. */
async function extractMissing(
  lanes: Lane[],
  def: TemplateDef,
  files: readonly string[],
  plans: Map<string, SheetPlan>,
  values: Map<string, RecordValues>,
): Promise<RecordValues[]> {
  const byFile = new Map<number, Map<string, number[]>>();
  for (const [name, plan] of plans) {
    for (const c of plan.conflicts()) {
      for (const m of c.members) {
        if (values.has(valueKey(name, m.file, m.inRow))) continue;
        const sheets = byFile.get(m.file) ?? new Map<string, number[]>();
        sheets.set(name, [...(sheets.get(name) ?? []), m.inRow]);
        byFile.set(m.file, sheets);
      }
    }
  }
  const tasks = [...byFile.entries()];
  const outv: RecordValues[] = [];
  let k = 0;
  await Promise.all(
    lanes.map(async (lane) => {
      while (k < tasks.length) {
        const [file, sheets] = tasks[k++];
        const got = await lane.call<RecordValues[]>('extract', {
          file,
          path: files[file],
          template: def.id,
          sheets: [...sheets.entries()].map(([name, rows]) => ({ name, rows })),
        });
        // Not push(...got): a ledger of 120,000 or more rows would overflow the call stack.
        for (const v of got) outv.push(v);
      }
    }),
  );
  return outv;
}

const link = (sheet: string, row: number): string => `${quoteSheet(sheet, { always: true })}!A${row}`;
const listSep = (lang: Lang): string => (lang === 'ja' ? '、' : ', ');

/** What the master is made of: the template's shell, the rows placed by each sheet's plan and built into the spools,
 * the values read for the conflict sheets, and the inputs. */
interface MasterInput {
  shell: Shell;
  plans: Map<string, SheetPlan>;
  temps: Map<string, TempSheet>;
  spools: readonly string[];
  values: Map<string, RecordValues>;
  slots: number;
  files: readonly string[];
  shown: readonly string[];
  inputs: InputInfo[];
  stats: FileStats[];
  opts: MergeOptions;
}

/** The notes of the master's rows, and each data sheet's totals and conflicts. */
interface SheetOutcome {
  /** 統合メモ by shared-string slot. */
  notes: Map<number, string>;
  totals: SheetTotals[];
  conflictsBySheet: Map<string, Conflict[]>;
  /** Rows whose note needs more lines than the row was written with (row-heights.ts raises them). */
  noteHeights: Map<string, Map<number, number>>;
}

interface ReportSheet {
  name: string;
  xml: () => Iterable<string>;
  print: PrintPlan;
}

async function writeMaster(m: MasterInput): Promise<SheetTotals[]> {
  const outcome = sheetOutcome(m);
  const report = [sourcesSheet(m), duplicatesSheet(m), ...conflictSheets(m, outcome.conflictsBySheet)];
  const tmp = tempPathFor(resolve(m.opts.out));
  const zip = await ZipWriter.create(tmp);
  try {
    await assemble(zip, m, outcome, report);
    await zip.finish();
  } catch (err) {
    await zip.abort();
    await rm(tmp, { force: true });
    throw err;
  }
  if (!m.opts.force && (await exists(m.opts.out))) {
    await rm(tmp, { force: true });
    throw new OutputExistsError(m.opts.out);
  }
  await rename(tmp, resolve(m.opts.out));
  return outcome.totals;
}

function sheetOutcome({ shell, plans, opts: { lang } }: MasterInput): SheetOutcome {
  const o: SheetOutcome = { notes: new Map(), totals: [], conflictsBySheet: new Map(), noteHeights: new Map() };
  for (const ts of shell.tables) {
    const plan = plans.get(ts.sd.name);
    if (!plan) continue;
    const keyLabel = (ts.sd.key ?? [])
      .map((k) => ts.sd.fields.find((f) => f.key === k)?.label[lang] ?? k)
      .join(lang === 'ja' ? '・' : ' + ');
    const heights = new Map<number, number>();
    for (const [slot, n] of plan.notes()) {
      const text = noteText(n, keyLabel, lang);
      o.notes.set(slot, text);
      const ht = heightOf(lineCount(text, PROVENANCE_ORDER[2].width));
      if (ht) heights.set(n.masterRow, ht);
    }
    o.noteHeights.set(ts.sd.name, heights);
    const conflicts = plan.conflicts();
    o.conflictsBySheet.set(ts.sd.name, conflicts);
    o.totals.push({
      name: ts.sd.name,
      read: plan.read,
      kept: plan.kept,
      duplicates: plan.dropped,
      conflictGroups: conflicts.length,
      conflictRows: conflicts.reduce((a, g) => a + g.members.length, 0),
    });
  }
  return o;
}

/** 取込元: a row per input, with what each data sheet read, kept, folded and found in conflict. */
function sourcesSheet({ shell, files, shown, inputs, stats, opts: { lang } }: MasterInput): ReportSheet {
  const t = L[lang];
  const c = COLS[lang];
  const tableNames = shell.tables.map((x) => x.sd.name);
  const rows: ReportRow[] = files.map((path, i) => {
    const info = inputs[i];
    const per = tableNames.flatMap((name) => {
      const s = stats[i].perSheet[name];
      return [s?.read ?? 0, s?.kept ?? 0, s?.duplicates ?? 0, s?.conflicts ?? 0];
    });
    return [
      i + 1,
      shown[i],
      resolve(path),
      info?.via === 'signature' ? t.signature : t.marker,
      info?.subjects.length
        ? info.subjects.slice(0, 5).join(listSep(lang)) +
          (info.subjects.length > 5 ? ` ${t.more(info.subjects.length - 5)}` : '')
        : null,
      ...per,
      (info?.warnings ?? []).map((w) => `${w.rule}: ${w.message[lang]}`).join('\n') || null,
    ];
  });
  const cols = [
    { label: c.no, width: 5 },
    { label: c.file, width: 30 },
    { label: c.path, width: 50 },
    { label: c.via, width: 12 },
    { label: c.subjects, width: 20 },
    ...tableNames.flatMap((n) => [
      { label: c.read(n), width: 12 },
      { label: c.kept(n), width: 12 },
      { label: c.dup(n), width: 12 },
      { label: c.conf(n), width: 12 },
    ]),
    { label: c.warnings, width: 60 },
  ];
  return { name: t.sources, xml: () => [reportSheetXml(cols, rows, shell.styles)], print: reportPrintPlan(cols) };
}

/** 重複: a row per folded duplicate, made as the sheet is written (it can be most of the inputs' rows). */
function duplicatesSheet({ shell, plans, opts: { lang } }: MasterInput): ReportSheet {
  const c = COLS[lang];
  const tableNames = shell.tables.map((x) => x.sd.name);
  const count = tableNames.reduce((n, name) => n + (plans.get(name)?.dropped ?? 0), 0);
  function* rows(): Generator<ReportRow> {
    for (const name of tableNames) {
      for (const d of plans.get(name)?.duplicates() ?? []) {
        yield [
          name,
          { value: d.kept.masterRow, link: link(name, d.kept.masterRow) },
          d.kept.shownFile,
          d.kept.shownRow,
          d.dropped.shownFile,
          d.dropped.shownRow,
        ];
      }
    }
  }
  const cols = [
    { label: c.sheet, width: 12 },
    { label: c.masterRow, width: 10 },
    { label: c.keptFile, width: 30 },
    { label: c.keptRow, width: 10 },
    { label: c.dropFile, width: 30 },
    { label: c.dropRow, width: 10 },
  ];
  return {
    name: L[lang].duplicates,
    xml: () => reportSheetChunks(cols, rows(), count, shell.styles),
    print: reportPrintPlan(cols),
  };
}

/**
 * 競合: each conflicting record's versions side by side, the fields that differ in bold. One sheet per keyed data
 * sheet (競合_<sheet> when the template has two, as legal-register does), since each lists its own sheet's fields.
 */
function conflictSheets(
  { shell, plans, values, opts: { lang } }: MasterInput,
  conflictsBySheet: Map<string, Conflict[]>,
): ReportSheet[] {
  const t = L[lang];
  const c = COLS[lang];
  const keyed = shell.tables.filter((x) => x.sd.key?.length);
  return keyed.map((ts) => {
    const conflicts = conflictsBySheet.get(ts.sd.name) ?? [];
    const fields = ts.sd.fields;
    const extras = plans.get(ts.sd.name)?.extras ?? [];
    const extraOf = (v: RecordValues | undefined, label: string) =>
      v?.extras.find((e) => foldWord(e.label) === foldWord(label));
    const rows: ReportRow[] = [];
    for (const g of conflicts) {
      const vals = g.members.map((m) => values.get(valueKey(ts.sd.name, m.file, m.inRow)));
      const differs = fields.map((_, k) => new Set(vals.map((v) => v?.cmp[k] ?? '')).size > 1);
      const extraDiffers = extras.map((e) => new Set(vals.map((v) => extraOf(v, e.label)?.cmp ?? '')).size > 1);
      const labels = [
        ...fields.filter((_, k) => differs[k]).map((f) => f.label[lang]),
        ...extras.filter((_, k) => extraDiffers[k]).map((e) => e.label),
      ];
      g.members.forEach((m, j) => {
        const v = vals[j];
        rows.push([
          g.group,
          g.keyText,
          { value: m.masterRow, link: link(ts.sd.name, m.masterRow) },
          m.shownFile,
          m.shownRow,
          labels.join(listSep(lang)),
          ...fields.map((_, k) => ({ value: v?.raw[k] ?? null, strong: differs[k] })),
          ...extras.map((e, k) => ({ value: extraOf(v, e.label)?.raw ?? null, strong: extraDiffers[k] })),
        ]);
      });
    }
    const cols = [
      { label: c.group, width: 7 },
      { label: c.key, width: 22 },
      { label: c.masterRow, width: 10 },
      { label: c.srcFile, width: 28 },
      { label: c.srcRow, width: 9 },
      { label: c.differs, width: 28 },
      ...fields.map((f, k) => ({ label: f.label.ja, width: Math.min(30, ts.widths[k] ?? 14) })),
      ...extras.map((e) => ({ label: e.label, width: 16 })),
    ];
    return {
      name: keyed.length > 1 ? `${t.conflicts}_${ts.sd.name}` : t.conflicts,
      xml: () => [reportSheetXml(cols, rows, shell.styles, 'FFC00000')],
      print: reportPrintPlan(cols),
    };
  });
}

/** The workbook-level parts of the master: the shell's, with the report sheets and the shared strings added. */
function workbookParts(shell: Shell, report: ReportSheet[]): { added: AddedSheet[]; wb: ReturnType<typeof addSheets> } {
  const dec = new TextDecoder();
  const part = (name: string): string => dec.decode(shell.parts.get(name)!);
  const existing = [...shell.parts.keys(), ...shell.tables.map((x) => x.part)].filter((p) =>
    /^xl\/worksheets\/sheet\d+\.xml$/.test(p),
  );
  let n = Math.max(...existing.map((p) => Number(/sheet(\d+)\.xml$/.exec(p)![1])));
  const added: AddedSheet[] = report.map((r) => ({
    name: r.name,
    part: `xl/worksheets/sheet${++n}.xml`,
    print: r.print,
  }));
  const wb = addSheets(
    {
      workbook: part(shell.workbookPart),
      rels: part('xl/_rels/workbook.xml.rels'),
      contentTypes: part('[Content_Types].xml'),
      app: shell.parts.has('docProps/app.xml') ? part('docProps/app.xml') : null,
    },
    shell.tables.map((x) => x.sd.name),
    added,
  );
  if (!wb.contentTypes.includes('/xl/sharedStrings.xml')) {
    wb.contentTypes = wb.contentTypes.replace(
      '</Types>',
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    );
  }
  if (!wb.rels.includes('sharedStrings.xml')) {
    wb.rels = wb.rels.replace(
      '</Relationships>',
      '<Relationship Id="rIdMergeSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    );
  }
  return { added, wb };
}

/** Writes the master's entries: the workbook parts, each data sheet from its pieces, the report sheets, the notes. */
async function assemble(zip: ZipWriter, m: MasterInput, outcome: SheetOutcome, report: ReportSheet[]): Promise<void> {
  const { shell, plans, temps, spools, slots, opts } = m;
  const { added, wb } = workbookParts(shell, report);
  const own = [
    '[Content_Types].xml',
    '_rels/.rels',
    'docProps/app.xml',
    'docProps/core.xml',
    shell.workbookPart,
    'xl/_rels/workbook.xml.rels',
  ];
  const raised: string[] = [];
  // The lanes' spools, then the sheets whose rows were rewritten with raised heights.
  const sources = [...spools];
  try {
    await zip.add('[Content_Types].xml', wb.contentTypes);
    await zip.add('_rels/.rels', shell.parts.get('_rels/.rels')!);
    if (wb.app) await zip.add('docProps/app.xml', wb.app);
    if (shell.parts.has('docProps/core.xml')) await zip.add('docProps/core.xml', shell.parts.get('docProps/core.xml')!);
    await zip.add(shell.workbookPart, wb.workbook);
    await zip.add('xl/_rels/workbook.xml.rels', wb.rels);
    for (const [name, data] of shell.parts) {
      if (own.includes(name) || /^xl\/worksheets\//.test(name)) continue;
      await zip.add(name, data);
    }
    for (const ts of shell.tables) {
      const plan = plans.get(ts.sd.name);
      let temp = temps.get(ts.sd.name);
      const heights = outcome.noteHeights.get(ts.sd.name);
      if (temp?.compressed && heights?.size) {
        // Named as the other row files, so that an interrupt's sweep finds it.
        const path = spools[0].replace(/\.\d+\.rows$/, `.${sources.length}.rows`);
        raised.push(path);
        const r = await raiseRowHeights(pieces(temp, sources), heights, path, opts.deflateLevel ?? 2);
        sources.push(path);
        temp = {
          pieces: [{ spool: sources.length - 1, at: 0, length: r.compressed }],
          crc: r.crc,
          size: r.size,
          compressed: r.compressed,
        };
      }
      const layout = {
        shell: ts,
        lastRow: plan?.lastRow ?? FIRST_DATA_ROW,
        extras: plan?.extras ?? [],
        conflictWord: (outcome.conflictsBySheet.get(ts.sd.name) ?? []).length ? L[opts.lang].conflictWord : null,
      };
      await addAssembled(
        zip,
        ts.part,
        masterHead(layout, shell.styles),
        temp ?? null,
        sources,
        masterTail(layout, shell.styles),
      );
    }
    for (const [name, data] of shell.parts) if (/^xl\/worksheets\//.test(name)) await zip.add(name, data);
    for (let k = 0; k < report.length; k++) await zip.addChunks(added[k].part, report[k].xml(), 3);
    await zip.addChunks('xl/sharedStrings.xml', sstChunks(shell.sst, outcome.notes, slots), 3);
  } finally {
    for (const p of raised) await rm(p, { force: true });
  }
}

/** A sheet entry made of a deflated head, the rows' deflate pieces from the lanes' spools, and a deflated tail. */
async function addAssembled(
  zip: ZipWriter,
  name: string,
  head: string,
  temp: TempSheet | null,
  spools: readonly string[],
  tail: string,
): Promise<void> {
  const headBytes = Buffer.from(head, 'utf8');
  const tailBytes = Buffer.from(tail, 'utf8');
  const zHead = deflateRawSync(headBytes, { level: 6, finishFlush: zc.Z_SYNC_FLUSH });
  const zTail = deflateRawSync(tailBytes, { level: 6, finishFlush: zc.Z_FINISH });
  let crc = crc32(headBytes);
  let size = headBytes.length;
  if (temp && temp.size) {
    crc = crc32Combine(crc, temp.crc, temp.size);
    size += temp.size;
  }
  crc = crc32Combine(crc, crc32(tailBytes), tailBytes.length);
  size += tailBytes.length;
  const rowsCompressed = temp?.compressed ?? 0;
  await zip.addRaw(name, {
    crc,
    size,
    compressedSize: zHead.length + rowsCompressed + zTail.length,
    write: async (w) => {
      await w.append(zHead);
      if (temp && rowsCompressed) for await (const chunk of pieces(temp, spools)) await w.append(chunk);
      await w.append(zTail);
    },
  });
}

/** A sheet's deflated rows: its pieces read from the spools in order, a few MB at a time. */
async function* pieces(temp: TempSheet, spools: readonly string[]): AsyncGenerator<Uint8Array> {
  const handles = await Promise.all(spools.map((p) => open(p, 'r').catch(() => null)));
  try {
    for (const piece of temp.pieces) {
      const fh = handles[piece.spool];
      if (!fh) throw new Error(`${spools[piece.spool]}: missing`);
      for (let done = 0; done < piece.length;) {
        // A buffer per read: a stream that takes it may keep it.
        const buf = Buffer.alloc(Math.min(4 << 20, piece.length - done));
        const { bytesRead } = await fh.read(buf, 0, buf.length, piece.at + done);
        if (!bytesRead) throw new Error(`${spools[piece.spool]}: short read`);
        yield buf.subarray(0, bytesRead);
        done += bytesRead;
      }
    }
  } finally {
    for (const fh of handles) await fh?.close();
  }
}
