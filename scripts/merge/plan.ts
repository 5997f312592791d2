// Where every record of every input goes in the master: the bookkeeping of duplicates and conflicts, fed one input at
// a time in file order. It holds a few numbers and two digests per master row, never the records themselves.
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

import { createHash } from 'node:crypto';
import { foldWord } from '../../templates/model/fold.js';

export interface SheetSummary {
  name: string;
  /** Per record: the digest of its folded key (`digest`), or null (no key). */
  keys: (string | null)[];
  /** Per record: digest of its content (keyed records) or of its identity (everything else). */
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

/** What the plan compares keys and contents by: 128 bits of SHA-1, as 22 base64 characters. */
export function digest(s: string): string {
  return createHash('sha1').update(s).digest('base64').slice(0, 22);
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

const B64 = new Int8Array(128).fill(-1);
for (const [i, c] of [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].entries())
  B64[c.charCodeAt(0)] = i;

/** The 128 bits of a `digest` into out[at…at+3] (each of the 22 characters carries 6 bits; the last two bits go). */
function unpack(d: string, out: Uint32Array, at: number): void {
  if (d.length !== 22) throw new Error(`plan: not a digest: ${d}`);
  let acc = 0;
  let bits = 0;
  for (let i = 0, w = 0; w < 4; i++) {
    const v = B64[d.charCodeAt(i) & 127];
    if (v < 0 || d.charCodeAt(i) > 127) throw new Error(`plan: not a digest: ${d}`);
    acc = acc * 64 + v;
    bits += 6;
    if (bits >= 32) {
      bits -= 32;
      const p = 2 ** bits;
      const word = Math.floor(acc / p);
      out[at + w++] = word;
      acc -= word * p;
    }
  }
}

/** A growable column of 32-bit numbers. */
class Column<T extends Int32Array | Uint32Array> {
  length = 0;
  constructor(
    public data: T,
    private readonly width = 1,
  ) {}
  /** Room for one more entry; returns its first index. */
  push(): number {
    const at = this.length * this.width;
    if (at + this.width > this.data.length) {
      const grown = new (this.data.constructor as new (n: number) => T)(Math.max(1024, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    this.length++;
    return at;
  }
}

/**
 * Entries (kept records) by a 128-bit digest: open addressing over a typed array, no object or string per entry.
 * Digests of distinct keys or contents are taken to differ (a collision is as likely as one of SHA-1's 128 bits).
 */
class DigestIndex {
  private slots = new Int32Array(1024).fill(-1);
  private count = 0;
  constructor(
    private readonly words: Column<Uint32Array>,
    /** Offset of the digest within an entry's words. */
    private readonly offset: number,
  ) {}

  private find(d: Uint32Array, at: number): number {
    const mask = this.slots.length - 1;
    for (let i = d[at] & mask; ; i = (i + 1) & mask) {
      const e = this.slots[i];
      if (e < 0) return i;
      const w = e * 8 + this.offset;
      const x = this.words.data;
      if (x[w] === d[at] && x[w + 1] === d[at + 1] && x[w + 2] === d[at + 2] && x[w + 3] === d[at + 3]) return i;
    }
  }

  get(d: Uint32Array, at: number): number | undefined {
    const e = this.slots[this.find(d, at)];
    return e < 0 ? undefined : e;
  }

  set(d: Uint32Array, at: number, entry: number): void {
    if (2 * (this.count + 1) > this.slots.length) {
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2).fill(-1);
      for (const e of old) if (e >= 0) this.slots[this.find(this.words.data, e * 8 + this.offset)] = e;
    }
    this.slots[this.find(d, at)] = entry;
    this.count++;
  }
}

/**
 * Per master row five numbers and two 128-bit digests in typed arrays (400,000 rows cost about 25 MB, and no object
 * or string per row): objects per row and the inputs' summaries are what a merge must not keep. Duplicates are three
 * numbers each; only conflicts, master inputs' origins and notes take objects.
 */
export class SheetPlan {
  /** Per entry: key digest (4 words; zero when keyless) and content digest (4 words). */
  private readonly words = new Column(new Uint32Array(8 * 1024), 8);
  /** Per entry: master row, file, row in that file, 統合メモ slot. */
  private readonly entries = new Column(new Int32Array(4 * 1024), 4);
  /** Where a master input's record originally came from, by entry. */
  private readonly origin = new Map<number, { file: string; row: number | string | null }>();
  /** A master input's own note, by entry. */
  private readonly carried = new Map<number, string>();
  private readonly shownOf: string[] = [];
  private readonly byKey = new DigestIndex(this.words, 0);
  private readonly byHash = new DigestIndex(this.words, 4);
  /** Entries of keys with more than one version, by the key's first entry. */
  private readonly variants = new Map<number, number[]>();
  private readonly keyTexts = new Map<number, string>();
  /** Per folded duplicate: the entry it was folded into, its file and row there. */
  private readonly dups = new Column(new Int32Array(3 * 1024), 3);
  /** Where a folded duplicate from a master input originally came from, by duplicate. */
  private readonly dupOrigin = new Map<number, { file: string; row: number | string | null }>();
  private dupSorted: Int32Array | null = null;
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

  private masterRow(e: number): number {
    return this.entries.data[e * 4];
  }

  private source(e: number): Source {
    const o = this.origin.get(e);
    const x = this.entries.data;
    const file = x[e * 4 + 1];
    const inRow = x[e * 4 + 2];
    return { file, inRow, shownFile: o?.file ?? this.shownOf[file], shownRow: o ? o.row : inRow };
  }

  private dupSource(k: number): Source {
    const o = this.dupOrigin.get(k);
    const x = this.dups.data;
    const file = x[k * 3 + 1];
    const inRow = x[k * 3 + 2];
    return { file, inRow, shownFile: o?.file ?? this.shownOf[file], shownRow: o ? o.row : inRow };
  }

  /** Decide where each record of one input goes. `slot` hands out 統合メモ slots. */
  admit(file: number, shown: string, s: SheetSummary, slot: () => number): SheetDecision {
    this.shownOf[file] = shown;
    this.dupSorted = null;
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
    // The record being placed: key digest in words 0–3, content digest in 4–7.
    const d = new Uint32Array(8);
    for (let i = 0; i < n; i++) {
      const key = s.keys[i];
      d.fill(0);
      if (key !== null) unpack(key, d, 0);
      unpack(s.hashes[i], d, 4);
      const origin = s.origins?.[i] ?? null;
      const keep = (): number => {
        const e = this.entries.length;
        const row = this.next++;
        const sl = slot();
        const at = this.entries.push();
        const x = this.entries.data;
        x[at] = row;
        x[at + 1] = file;
        x[at + 2] = s.rows[i];
        x[at + 3] = sl;
        const w = this.words.push();
        this.words.data.set(d, w);
        if (origin) this.origin.set(e, origin);
        const note = s.notes?.[i] ?? null;
        if (note) this.carried.set(e, note);
        rowOf[i] = row;
        slotOf[i] = sl;
        this.kept++;
        return e;
      };
      const fold = (into: number): void => {
        const k = this.dups.length;
        const at = this.dups.push();
        const x = this.dups.data;
        x[at] = into;
        x[at + 1] = file;
        x[at + 2] = s.rows[i];
        if (origin) this.dupOrigin.set(k, origin);
        this.dropped++;
      };
      if (key === null) {
        const found = this.byHash.get(d, 4);
        if (found === undefined) this.byHash.set(d, 4, keep());
        else fold(found);
        continue;
      }
      const first = this.byKey.get(d, 0);
      if (first === undefined) {
        this.byKey.set(d, 0, keep());
        continue;
      }
      const versions = this.variants.get(first) ?? [first];
      const x = this.words.data;
      const same = versions.find(
        (v) => d[4] === x[v * 8 + 4] && d[5] === x[v * 8 + 5] && d[6] === x[v * 8 + 6] && d[7] === x[v * 8 + 7],
      );
      if (same !== undefined) {
        fold(same);
        continue;
      }
      const added = keep();
      versions.push(added);
      this.variants.set(first, versions);
      if (!this.keyTexts.has(first)) this.keyTexts.set(first, s.keyTexts[i] ?? '');
      want.push(i);
    }
    return { rowOf, slotOf, extraCols, want };
  }

  /** Duplicate indices ordered by the entry they were folded into (master order), then as they came. */
  private sortedDups(): Int32Array {
    if (this.dupSorted) return this.dupSorted;
    const n = this.dups.length;
    const order = new Float64Array(n);
    for (let k = 0; k < n; k++) order[k] = this.dups.data[k * 3] * 2 ** 32 + k;
    order.sort();
    const out = new Int32Array(n);
    for (let k = 0; k < n; k++) out[k] = order[k] % 2 ** 32;
    return (this.dupSorted = out);
  }

  /** Exact duplicates folded into a kept row, in master order (made as they are read: there can be many). */
  *duplicates(): Generator<Duplicate> {
    let last = -1;
    let kept: Duplicate['kept'] | null = null;
    for (const k of this.sortedDups()) {
      const e = this.dups.data[k * 3];
      if (e !== last) {
        kept = { ...this.source(e), masterRow: this.masterRow(e) };
        last = e;
      }
      yield { kept: kept!, dropped: this.dupSource(k) };
    }
  }

  /** Keys with more than one version, in master order. */
  conflicts(): Conflict[] {
    const groups = [...this.variants.entries()].sort((a, b) => a[0] - b[0]);
    return groups.map(([first, members], g) => ({
      group: g + 1,
      keyText: this.keyTexts.get(first) ?? '',
      members: members.map((m) => ({ ...this.source(m), masterRow: this.masterRow(m) })),
    }));
  }

  /** Rows that need a 統合メモ: slot → facts for the note. */
  notes(): Map<number, { carried: string | null; duplicates: Source[]; conflict: Conflict | null; masterRow: number }> {
    const out = new Map<
      number,
      { carried: string | null; duplicates: Source[]; conflict: Conflict | null; masterRow: number }
    >();
    const entry = (e: number) => {
      const slotOf = this.entries.data[e * 4 + 3];
      let n = out.get(slotOf);
      if (!n)
        out.set(
          slotOf,
          (n = { carried: this.carried.get(e) ?? null, duplicates: [], conflict: null, masterRow: this.masterRow(e) }),
        );
      return n;
    };
    for (const c of this.conflicts()) for (const m of c.members) entry(this.entryOfRow(m.masterRow)).conflict = c;
    for (const e of this.carried.keys()) entry(e);
    for (const k of this.sortedDups()) entry(this.dups.data[k * 3]).duplicates.push(this.dupSource(k));
    return out;
  }

  /** Entry of a master row (rows are handed out in entry order, one each). */
  private entryOfRow(row: number): number {
    return row - this.masterRow(0);
  }
}
