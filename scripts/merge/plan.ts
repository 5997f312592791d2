// Where every record of every input goes in the master: the bookkeeping of duplicates and conflicts, fed one input at
// a time in file order. It holds a few numbers and a hash per master row, never the records themselves.
//
// Decisions (README "Merging"):
// - A keyed sheet (pi-ledger 台帳: 部門 + 管理番号; legal-register: 名称 / 機関名) groups records by their key, folded
//   for width, spacing, dashes and case. Same key and the same content → an exact duplicate: kept once, the master row
//   notes the other sources. Same key, different content → a conflict: every version is kept, flagged in 統合メモ and
//   listed on the conflict sheet.
// - Content is compared on normalised values (○ and はい are the same answer, 2026/4/1 and 令和8年4月1日 the same
//   date), text with width and spacing folded; a field the template numbers per workbook (unique but not part of the
//   key, e.g. the register's No) is left out, and so are the provenance columns.
// - A record without a key (a key field empty) and a sheet without a key (リスク分析) only fold exact duplicates. Risk
//   rows are compared together with the key of the ledger row they belong to in their own file, so two departments'
//   identical risk texts for their own 001 are not folded into one.

import { foldWord } from '../../templates/model/fold.js';

export interface SheetSummary {
  name: string;
  /** Per record: the folded key, or null (no key). */
  keys: (string | null)[];
  /** Per record: content hash (keyed records) or identity hash (everything else). */
  hashes: string[];
  /** Per record: its row in the input workbook. */
  rows: number[];
  /** Per record: where a master input's record originally came from (its 取込元ファイル/行), else null. */
  origins: ({ file: string; row: number | string | null } | null)[] | null;
  /** Per keyed record: the key as written, for messages. */
  keyTexts: (string | null)[];
  /** Unknown extra columns of this input's sheet, as labelled. */
  extraLabels: string[];
  /** A master input's own 統合メモ per record (carried into the new note). */
  notes: (string | null)[] | null;
}

export interface SheetDecision {
  /** Master row (1-based) per record; 0 = folded into another row as an exact duplicate. */
  rowOf: number[];
  /** Shared-string slot of the 統合メモ cell per kept record (aligned with rowOf; -1 when dropped). */
  slotOf: number[];
  /** Master column (0-based) of each extra label, aligned with SheetSummary.extraLabels. */
  extraCols: number[];
  /** Indices of records whose values the conflict sheet needs. */
  want: number[];
}

export interface Source {
  file: number;
  /** Row in that input file. */
  inRow: number;
  /** What the master shows as the record's source (file display name or the master input's original). */
  shownFile: string;
  shownRow: number | string | null;
}

export interface Duplicate {
  kept: Source & { masterRow: number };
  dropped: Source;
}

export interface Conflict {
  group: number;
  keyText: string;
  members: (Source & { masterRow: number })[];
}

export interface ExtraColumn {
  label: string;
  /** 0-based master column. */
  col: number;
}

/**
 * Per master row a few numbers and a hash, in parallel arrays (400,000 rows cost tens of megabytes, not hundreds):
 * objects per row and the inputs' summaries are what a merge must not keep.
 */
export class SheetPlan {
  private readonly masterRow: number[] = [];
  private readonly file: number[] = [];
  private readonly inRow: number[] = [];
  private readonly slotOf: number[] = [];
  private readonly hash: string[] = [];
  /** Where a master input's record originally came from, by entry. */
  private readonly origin = new Map<number, { file: string; row: number | string | null }>();
  /** A master input's own note, by entry. */
  private readonly carried = new Map<number, string>();
  private readonly shownOf: string[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly byHash = new Map<string, number>();
  /** Entries of keys with more than one version. */
  private readonly variants = new Map<string, number[]>();
  private readonly keyTexts = new Map<string, string>();
  private readonly dupOf = new Map<number, Source[]>();
  readonly extras: ExtraColumn[] = [];
  private readonly extraByFold = new Map<string, number>();
  private next: number;
  read = 0;
  kept = 0;
  dropped = 0;

  /**
   * @param firstRow master row of the first record
   * @param firstExtraCol master column of the first extra column (after the fields and provenance columns)
   */
  constructor(
    readonly name: string,
    firstRow: number,
    private readonly firstExtraCol: number,
  ) {
    this.next = firstRow;
  }

  get lastRow(): number {
    return this.next - 1;
  }

  private source(e: number): Source {
    const o = this.origin.get(e);
    const file = this.file[e];
    return { file, inRow: this.inRow[e], shownFile: o?.file ?? this.shownOf[file], shownRow: o ? o.row : this.inRow[e] };
  }

  /** Decide where each record of one input goes. `slot` hands out 統合メモ slots. */
  admit(file: number, shown: string, s: SheetSummary, slot: () => number): SheetDecision {
    this.shownOf[file] = shown;
    const n = s.hashes.length;
    const rowOf = new Array<number>(n).fill(0);
    const slotOf = new Array<number>(n).fill(-1);
    const want: number[] = [];
    const extraCols = s.extraLabels.map((label) => {
      const k = foldWord(label);
      let c = this.extraByFold.get(k);
      if (c === undefined) {
        c = this.firstExtraCol + this.extras.length;
        this.extras.push({ label, col: c });
        this.extraByFold.set(k, c);
      }
      return c;
    });
    this.read += n;
    for (let i = 0; i < n; i++) {
      const key = s.keys[i];
      const hash = s.hashes[i];
      const origin = s.origins?.[i] ?? null;
      const keep = (): number => {
        const e = this.masterRow.length;
        const row = this.next++;
        const sl = slot();
        this.masterRow.push(row);
        this.file.push(file);
        this.inRow.push(s.rows[i]);
        this.slotOf.push(sl);
        this.hash.push(hash);
        if (origin) this.origin.set(e, origin);
        const note = s.notes?.[i] ?? null;
        if (note) this.carried.set(e, note);
        rowOf[i] = row;
        slotOf[i] = sl;
        this.kept++;
        return e;
      };
      const fold = (into: number): void => {
        const list = this.dupOf.get(into) ?? [];
        list.push({ file, inRow: s.rows[i], shownFile: origin?.file ?? shown, shownRow: origin ? origin.row : s.rows[i] });
        this.dupOf.set(into, list);
        this.dropped++;
      };
      if (key === null) {
        const found = this.byHash.get(hash);
        if (found === undefined) this.byHash.set(hash, keep());
        else fold(found);
        continue;
      }
      const first = this.byKey.get(key);
      if (first === undefined) {
        this.byKey.set(key, keep());
        continue;
      }
      const versions = this.variants.get(key) ?? [first];
      const same = versions.find((v) => this.hash[v] === hash);
      if (same !== undefined) {
        fold(same);
        continue;
      }
      const added = keep();
      versions.push(added);
      this.variants.set(key, versions);
      if (!this.keyTexts.has(key)) this.keyTexts.set(key, s.keyTexts[i] ?? key);
      want.push(i);
    }
    return { rowOf, slotOf, extraCols, want };
  }

  /** Exact duplicates folded into a kept row. */
  duplicates(): Duplicate[] {
    const out: Duplicate[] = [];
    for (const [e, list] of this.dupOf) {
      const kept = { ...this.source(e), masterRow: this.masterRow[e] };
      for (const d of list) out.push({ kept, dropped: d });
    }
    return out.sort((a, b) => a.kept.masterRow - b.kept.masterRow);
  }

  /** Keys with more than one version, in master order. */
  conflicts(): Conflict[] {
    const groups = [...this.variants.entries()].sort((a, b) => this.masterRow[a[1][0]] - this.masterRow[b[1][0]]);
    return groups.map(([key, members], g) => ({
      group: g + 1,
      keyText: this.keyTexts.get(key) ?? key,
      members: members.map((m) => ({ ...this.source(m), masterRow: this.masterRow[m] })),
    }));
  }

  /** Rows that need a 統合メモ: slot → facts for the note. */
  notes(): Map<number, { carried: string | null; duplicates: Source[]; conflict: Conflict | null; masterRow: number }> {
    const out = new Map<number, { carried: string | null; duplicates: Source[]; conflict: Conflict | null; masterRow: number }>();
    const conflictOf = new Map<number, Conflict>();
    for (const c of this.conflicts()) for (const m of c.members) conflictOf.set(m.masterRow, c);
    const flagged = new Set<number>([...this.dupOf.keys(), ...this.carried.keys()]);
    for (const group of this.variants.values()) for (const e of group) flagged.add(e);
    for (const e of flagged) {
      out.set(this.slotOf[e], {
        carried: this.carried.get(e) ?? null,
        duplicates: this.dupOf.get(e) ?? [],
        conflict: conflictOf.get(this.masterRow[e]) ?? null,
        masterRow: this.masterRow[e],
      });
    }
    return out;
  }
}
