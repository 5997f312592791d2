// The worker's side of a merge: read one input with the lean reader, identify and read its records with the engine,
// summarise what the main thread needs to place them, then (once told where they go) write their master rows,
// deflated. One input at a time per worker; the grid lives here until its rows are written.
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { crc32, deflateRawSync, constants as zc } from 'node:zlib';
import { identify, templateById } from '../../templates/index.js';
import type { Grid } from '../../templates/model/grid.js';
import type { Issue, TableSheetDef, TemplateDef, Text } from '../../templates/model/types.js';
import { validate } from '../../templates/model/validate.js';
import { readXlsxFile, UnreadableError } from '../io/read-xlsx.js';
import { formSummary, type FormSummary } from './form-summary.js';
import type { SheetSummary } from './plan.js';
import { buildRows, locateTables, summarizeSheet, TableReader, type BuildSheet, type TableInput } from './records.js';

export interface Problem {
  code: 'unreadable' | 'unknown' | 'version' | 'structure' | 'mixed';
  message: Text;
  issues?: Issue[];
}

export interface ReadTask {
  file: number;
  path: string;
  /** How the master names this file (取込元ファイル). */
  shown: string;
  asOf: string;
}

export interface TemplateRef {
  id: string;
  version: number;
}

export interface TableRead {
  kind: 'table';
  file: number;
  template: TemplateRef;
  via: 'marker' | 'signature';
  sheets: SheetSummary[];
  /** Distinct values of the subject field (部門), for the sources sheet. */
  subjects: string[];
  /** Warnings worth repeating when merging (recognised by headers, an optional column missing, …). */
  warnings: Issue[];
}

export type ReadReply =
  | { kind: 'problem'; file: number; template: TemplateRef | null; problem: Problem }
  | TableRead
  | { kind: 'form'; file: number; template: TemplateRef; via: 'marker' | 'signature'; form: FormSummary };

export interface BuildTask {
  file: number;
  deflateLevel: number;
  sheets: Record<string, BuildSheet & { want: number[] }>;
}

export interface RecordValues {
  sheet: string;
  file: number;
  inRow: number;
  raw: (string | null)[];
  cmp: string[];
  /** Unknown extra columns of the record's input, by label. */
  extras: { label: string; raw: string | null; cmp: string }[];
}

/** A build as sent to a lane: its rows are appended to the lane's spool file, and only where they lie goes back. */
export type SpoolTask = BuildTask & { spool: string };

export interface BuiltSheet {
  name: string;
  /** Raw deflate data ending in a sync flush (concatenable), at this offset of the spool and this long. */
  at: number;
  length: number;
  /** CRC-32 and size of the uncompressed rows. */
  crc: number;
  size: number;
}

export interface BuildReply {
  file: number;
  sheets: BuiltSheet[];
  values: RecordValues[];
  /** The spool could not be written (a full disk): the file-system error, to be reported as the output's. */
  failed?: { code: string; syscall: string; message: string };
}

export interface ExtractTask {
  file: number;
  path: string;
  sheets: { name: string; rows: number[] }[];
}

/** Structural errors that would make a master lose data: refuse the input instead. */
const STRUCTURAL = (i: Issue): boolean =>
  (i.severity === 'error' && (i.rule === 'SHEET-MISSING' || i.rule === 'COLUMN-MISSING')) ||
  i.rule === 'COLUMN-RENAMED';

const WARN_RULES = new Set(['TEMPLATE-MARKER', 'COLUMN-MISSING', 'SHEET-MISSING', 'TEMPLATE-VERSION']);

function describe(err: unknown): Text {
  if (err instanceof UnreadableError) return err.messageText;
  const reason = err instanceof Error ? err.message : String(err);
  return { ja: `ファイルを読めません（${reason}）。`, en: `Cannot read the file (${reason}).` };
}

interface Held {
  file: number;
  def: TemplateDef;
  readers: TableReader[];
  shown: string;
}

export class InputReader {
  private held: Held | null = null;

  async read(task: ReadTask): Promise<ReadReply> {
    this.held = null;
    const { file } = task;
    let grid;
    try {
      grid = await readXlsxFile(task.path);
    } catch (err) {
      return { kind: 'problem', file, template: null, problem: { code: 'unreadable', message: describe(err) } };
    }
    const id = identify(grid);
    if (!id.def) {
      return {
        kind: 'problem',
        file,
        template: null,
        problem: {
          code: 'unknown',
          message: id.issues[0]?.message ?? { ja: 'テンプレートが不明です。', en: 'Unknown template.' },
        },
      };
    }
    const template = { id: id.def.id, version: id.version ?? id.def.version };
    if (id.refuse) {
      return {
        kind: 'problem',
        file,
        template,
        problem: {
          code: 'version',
          message: id.issues[0]?.message ?? { ja: '新しい版のテンプレートです。', en: 'A newer template version.' },
        },
      };
    }
    const def = id.def;
    const via = id.via ?? 'marker';
    if (def.shape === 'form') {
      const mtime = (await stat(task.path)).mtimeMs;
      const v = validate(def, grid, { asOf: task.asOf });
      return { kind: 'form', file, template, via, form: formSummary(def, v, [...id.issues, ...v.issues], mtime) };
    }
    const located = locateCurrent(def, grid);
    const structural = located.issues.filter(STRUCTURAL);
    if (structural.length) {
      return {
        kind: 'problem',
        file,
        template,
        problem: {
          code: 'structure',
          message: {
            ja: 'シートや列の構成がテンプレートと異なるため、統合するとデータが欠けます。次の点を直してから統合してください。',
            en: 'Its sheets or columns differ from the template, so merging it would lose data. Fix the following first.',
          },
          issues: structural,
        },
      };
    }
    const readers = located.tables.map((t) => new TableReader(t, grid.date1904 === true));
    const summaries = readers.map((t) => summarizeSheet(def, t, readers));
    this.held = { file, def, readers, shown: task.shown };
    const warnings = [...id.issues, ...located.issues].filter((i) => WARN_RULES.has(i.rule) && i.severity !== 'info');
    const current = templateById(def.id)!;
    if (def !== current) warnings.push(earlierVersion(def, current));
    return { kind: 'table', file, template, via, sheets: summaries, subjects: subjectsOf(readers), warnings };
  }

  /** Master rows of the input last read, deflated per sheet and appended to the lane's spool. */
  async build(task: SpoolTask): Promise<BuildReply> {
    const held = this.held;
    if (!held || held.file !== task.file) throw new Error(`merge worker: input ${task.file} is not held`);
    this.held = null;
    const out: BuiltSheet[] = [];
    const values: RecordValues[] = [];
    let fd: number | null = null;
    try {
      for (const t of held.readers) {
        const name = t.input.sd.name;
        const b = task.sheets[name];
        if (!b || !t.input.layout.rows.length) continue;
        const xml = buildRows(t, b, held.shown);
        if (xml) {
          const bytes = Buffer.from(xml, 'utf8');
          const z = deflateRawSync(bytes, { level: task.deflateLevel, finishFlush: zc.Z_SYNC_FLUSH });
          fd ??= openSync(task.spool, 'a');
          const at = fstatSync(fd).size;
          for (let done = 0; done < z.length;) done += writeSync(fd, z, done, z.length - done);
          out.push({ name, at, length: z.length, crc: crc32(bytes), size: bytes.length });
        }
        for (const i of b.want) {
          const r = t.input.layout.rows[i];
          values.push({ sheet: name, file: task.file, inRow: r + 1, ...t.values(r) });
        }
      }
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      if (typeof e.code !== 'string') throw err;
      return {
        file: task.file,
        sheets: [],
        values: [],
        failed: { code: e.code, syscall: e.syscall ?? 'write', message: e.message },
      };
    } finally {
      if (fd !== null) closeSync(fd);
    }
    return { file: task.file, sheets: out, values };
  }

  /** Values of given rows of an input (the first version of a conflicting record, read again at the end). */
  async extract(task: ExtractTask & { template: string }): Promise<RecordValues[]> {
    const grid = await readXlsxFile(task.path);
    const id = identify(grid);
    const def = id.def?.id === task.template ? id.def : templateById(task.template)!;
    const { tables } = locateCurrent(def, grid);
    const out: RecordValues[] = [];
    for (const s of task.sheets) {
      const input = tables.find((t) => t.sd.name === s.name);
      if (!input) continue;
      const t = new TableReader(input, grid.date1904 === true);
      for (const row of s.rows) out.push({ sheet: s.name, file: task.file, inRow: row, ...t.values(row - 1) });
    }
    return out;
  }
}

/**
 * The input's table sheets, located with the definition of the input's own version (so an earlier version's missing
 * later columns are no structural problem), as the current definition's sheets: the master is always the current
 * version, its records map by field, and the fields the input's version lacks stay empty.
 */
function locateCurrent(def: TemplateDef, grid: Grid): ReturnType<typeof locateTables> {
  const located = locateTables(def, grid);
  const current = templateById(def.id)!;
  if (current === def) return located;
  const tables = located.tables.map((t): TableInput => {
    const sd = current.sheets.find((s): s is TableSheetDef => s.kind === 'table' && s.name === t.sd.name)!;
    const cols = new Map(t.sd.fields.map((f, i) => [f.key, t.layout.fieldCols[i]]));
    return { ...t, sd, layout: { ...t.layout, fieldCols: sd.fields.map((f) => cols.get(f.key)) } };
  });
  return { tables, issues: located.issues };
}

function earlierVersion(def: TemplateDef, current: TemplateDef): Issue {
  return {
    rule: 'TEMPLATE-VERSION',
    severity: 'info',
    sheet: null,
    cell: null,
    field: null,
    value: String(def.version),
    message: {
      ja: `旧版のテンプレート（第${def.version}版）から第${current.version}版の統合ファイルに取り込みました。第${def.version}版にない項目は空欄です。`,
      en: `Taken from an earlier template (version ${def.version}) into a version ${current.version} master. The fields version ${def.version} lacks are empty.`,
    },
  };
}

const SUBJECT_FIELDS = ['部門'];

/** Distinct values of the subject field (部門), for the sources sheet. */
function subjectsOf(readers: readonly TableReader[]): string[] {
  const seen = new Set<string>();
  for (const t of readers) {
    for (const key of SUBJECT_FIELDS) {
      const f = t.input.sd.fields.findIndex((x) => x.key === key);
      if (f < 0) continue;
      for (const r of t.input.layout.rows) {
        const v = t.field(r, f).raw;
        if (v) seen.add(v.trim());
      }
    }
  }
  return [...seen];
}
