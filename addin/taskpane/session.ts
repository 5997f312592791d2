// The pane's state of one workbook: the grid read from Excel, which template it is, the findings, the selection,
// whether problems are marked. Keeps itself current from Excel's events: an edit re-reads only the changed range
// (never the whole sheet), a selection change moves the record form. React reads it with useSyncExternalStore.
import { identify, templateById, templates } from '../../templates/index.js';
import { cellAddress, parseAddress, type Grid } from '../../templates/model/grid.js';
import { validate, type Identified, type Validation } from '../../templates/model/validate.js';
import type { Issue, TemplateDef, Text } from '../../templates/model/types.js';
import { planUpgrade, type UpgradePlan } from '../../templates/model/upgrade-plan.js';
import * as excel from '../excel/index.js';
import type { MarkResult, ClearResult, InsertOutcome, Selection, SheetChange, WriteValue } from '../excel/index.js';
import { todayIso } from './model.js';

/** The Excel functions the session uses (addin/excel; tests may pass their own). */
export type ExcelPort = Pick<
  typeof excel,
  | 'readGrid'
  | 'readSheetRange'
  | 'readSheetRanges'
  | 'patchGrid'
  | 'writeCells'
  | 'selectCell'
  | 'getSelection'
  | 'markCells'
  | 'clearMarks'
  | 'hasMarks'
  | 'onSelectionChanged'
  | 'onSheetChanged'
  | 'insertTemplate'
  | 'lastColumns'
  | 'applyUpgrade'
>;

/** What 「このブックを最新版に更新」 did. */
export type UpgradeResult =
  | { kind: 'upgraded'; plan: UpgradePlan }
  | { kind: 'current' | 'refused'; message: Text }
  /** A sheet to change is protected with a password: nothing was changed. */
  | { kind: 'protected'; sheet: string };

/** Where the pane gets a blank template file (base64 .xlsx). */
export type TemplateSource = (id: string) => Promise<string>;

/** Default: the files the build puts next to the pane (dist/addin/templates/<id>.xlsx). */
export const fetchTemplate: TemplateSource = async (id) => {
  const res = await fetch(`templates/${encodeURIComponent(id)}.xlsx`);
  if (!res.ok) throw new Error(`templates/${id}.xlsx: HTTP ${res.status}`);
  return excel.toBase64(new Uint8Array(await res.arrayBuffer()));
};

export interface SessionState {
  status: 'loading' | 'ready' | 'error';
  error: string | null;
  grid: Grid | null;
  identified: Identified | null;
  def: TemplateDef | null;
  validation: Validation | null;
  /** Identification findings and the template's findings, in one list. */
  issues: Issue[];
  selection: Selection | null;
  marked: boolean;
  asOf: string;
  /** Time of the last full read (for "last checked"). */
  checkedAt: Date | null;
  /** Bumped on every change of the grid. */
  revision: number;
}

const STRUCTURAL = new Set([
  'RowInserted',
  'RowDeleted',
  'ColumnInserted',
  'ColumnDeleted',
  'CellInserted',
  'CellDeleted',
]);

export interface SessionOptions {
  asOf?: string;
  /** Delay before edits in the grid are re-read and re-validated (ms). */
  debounceMs?: number;
  templateSource?: TemplateSource;
}

export class WorkbookSession {
  private state: SessionState;
  private listeners = new Set<() => void>();
  private unsubscribers: (() => Promise<void>)[] = [];
  private pending: SheetChange[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private readonly debounceMs: number;
  readonly templateSource: TemplateSource;

  constructor(
    private readonly port: ExcelPort = excel,
    opts: SessionOptions = {},
  ) {
    this.debounceMs = opts.debounceMs ?? 150;
    this.templateSource = opts.templateSource ?? fetchTemplate;
    this.state = {
      status: 'loading',
      error: null,
      grid: null,
      identified: null,
      def: null,
      validation: null,
      issues: [],
      selection: null,
      marked: false,
      asOf: opts.asOf ?? todayIso(),
      checkedAt: null,
      revision: 0,
    };
  }

  // ---- store protocol (useSyncExternalStore)

  getState = (): SessionState => this.state;

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(patch: Partial<SessionState>): void {
    this.state = { ...this.state, ...patch };
    for (const fn of this.listeners) fn();
  }

  // ---- life cycle

  async start(): Promise<void> {
    await this.reload();
    try {
      this.unsubscribers.push(await this.port.onSelectionChanged((sel) => this.set({ selection: sel })));
      this.unsubscribers.push(await this.port.onSheetChanged((change) => this.queueChange(change)));
    } catch (err) {
      this.set({ error: messageOf(err) });
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    const offs = this.unsubscribers;
    this.unsubscribers = [];
    await Promise.allSettled(offs.map((off) => off()));
  }

  /** Reads the whole workbook again and re-validates ("Check workbook"). */
  async reload(): Promise<void> {
    try {
      const [grid, selection, marked] = await Promise.all([
        this.port.readGrid(),
        this.port.getSelection().catch(() => null),
        this.port.hasMarks().catch(() => false),
      ]);
      this.set({ ...this.evaluate(grid), selection, marked, status: 'ready', error: null, checkedAt: new Date() });
    } catch (err) {
      this.set({ status: 'error', error: messageOf(err) });
    }
  }

  /** Identification + validation of a grid, as state. */
  private evaluate(grid: Grid): Partial<SessionState> {
    const identified = identify(grid);
    const def = identified.def && !identified.refuse ? identified.def : null;
    const validation = def ? validate(def, grid, { asOf: this.state.asOf }) : null;
    return {
      grid,
      identified,
      def,
      validation,
      issues: [...identified.issues, ...(validation?.issues ?? [])],
      revision: this.state.revision + 1,
    };
  }

  // ---- edits in the grid

  private queueChange(change: SheetChange): void {
    this.pending.push(change);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushing = this.flushing.then(() => this.flush());
    }, this.debounceMs);
  }

  /** Resolves when edits reported so far have been re-read and re-validated (tests). */
  async settled(): Promise<void> {
    while (this.timer || this.pending.length) {
      await new Promise((r) => setTimeout(r, this.debounceMs + 5));
      await this.flushing;
    }
    await this.flushing;
  }

  private async flush(): Promise<void> {
    const changes = this.pending;
    this.pending = [];
    const grid = this.state.grid;
    if (!changes.length || !grid) return;
    try {
      if (changes.some((c) => STRUCTURAL.has(c.changeType))) {
        // Rows or columns moved: positions changed, so the grid is read again.
        await this.reload();
        return;
      }
      // Only the changed ranges are read, in one batch (a large sheet is never read whole for an edit).
      const seen = new Set<string>();
      const ranges = changes.filter((c) => {
        const k = `${c.sheet}!${c.address}`;
        return seen.has(k) ? false : (seen.add(k), true);
      });
      for (const patch of await this.port.readSheetRanges(ranges)) this.port.patchGrid(grid, patch);
      this.set(this.evaluate(grid));
    } catch (err) {
      this.set({ error: messageOf(err) });
    }
  }

  // ---- actions

  /** Writes cells and re-reads them at once (the onChanged event that follows is cheap and idempotent). */
  async write(sheet: string, cells: Record<string, WriteValue>): Promise<void> {
    const addresses = Object.keys(cells);
    if (!addresses.length) return;
    await this.port.writeCells(sheet, cells);
    const grid = this.state.grid;
    if (!grid) return;
    // One read of the rectangle around the written cells (a record's row, or one answer).
    const pos = addresses.map((a) => parseAddress(a));
    const rect = `${cellAddress(Math.min(...pos.map((p) => p.row)), Math.min(...pos.map((p) => p.col)))}:${cellAddress(
      Math.max(...pos.map((p) => p.row)),
      Math.max(...pos.map((p) => p.col)),
    )}`;
    const patch = await this.port.readSheetRange(sheet, rect);
    if (patch) this.port.patchGrid(grid, patch);
    this.set(this.evaluate(grid));
  }

  async select(sheet: string, cell: string): Promise<void> {
    await this.port.selectCell(sheet, cell);
    // Excel reports the new selection through onSelectionChanged; set it now so the pane does not lag behind.
    this.set({ selection: await this.port.getSelection().catch(() => this.state.selection) });
  }

  async mark(): Promise<MarkResult> {
    const marks = this.state.issues
      .filter((i): i is Issue & { sheet: string; cell: string } => !!i.sheet && !!i.cell)
      .map((i) => ({ sheet: i.sheet, cell: i.cell, severity: i.severity }));
    const result = await this.port.markCells(marks);
    this.set({ marked: true });
    return result;
  }

  async clearMarks(): Promise<ClearResult> {
    const result = await this.port.clearMarks();
    this.set({ marked: false });
    return result;
  }

  /**
   * The workbook in the latest version of its template, in place: the same plan as `daicho upgrade`
   * (templates/model/upgrade-plan.ts), applied by Excel. The pane's marks are cleared first (their saved fills are by
   * cell address, and rows move); then the workbook is read again.
   */
  async upgrade(): Promise<UpgradeResult> {
    if (this.state.marked) await this.clearMarks();
    const [grid, last] = await Promise.all([this.port.readGrid(), this.port.lastColumns()]);
    const decision = planUpgrade(grid, templates, { lastColumn: (sheet) => last[sheet] ?? -1 });
    if (decision.kind === 'current') return { kind: 'current', message: decision.message };
    if (decision.kind === 'refused') return { kind: 'refused', message: decision.reason };
    const applied = await this.port.applyUpgrade(decision.plan);
    // Rows moved and the definition changed: read everything again, with change handlers on the moved sheets.
    await this.stop();
    await this.start();
    return applied.kind === 'protected' ? applied : { kind: 'upgraded', plan: decision.plan };
  }

  async insert(templateId: string): Promise<InsertOutcome> {
    if (!templateById(templateId)) throw new Error(`unknown template ${templateId}`);
    const base64 = await this.templateSource(templateId);
    const outcome = await this.port.insertTemplate(base64);
    if (outcome === 'inserted') {
      // Read the workbook again, and register change handlers on the new sheets too.
      await this.stop();
      await this.start();
    }
    return outcome;
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
