// Text folding (NFKC and a few regular expressions) runs several times per cell, and a column or a header row mostly
// repeats a few texts: remember recent results. Long texts rarely repeat and are not kept.

const MAX_ENTRIES = 20_000;
const MAX_LENGTH = 200;

/**
 * A copy of `s` that shares no storage with a larger string. A reader cuts cell texts out of a whole XML part (V8
 * keeps such a cut as a view of the part), and a cache that outlives the workbook must not keep each workbook's parts:
 * a merge lane leaked a third of a megabyte per input that way.
 */
function own(s: string): string {
  // Short strings are copied by the engine anyway; `s + ' '` is flattened into a new string that the slice then views.
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}

/** `fold` with its results for short texts remembered (at most MAX_ENTRIES; then it starts over). */
export function remembered(fold: (s: string) => string): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let t = seen.get(s);
    if (t !== undefined) return t;
    t = fold(s);
    if (s.length <= MAX_LENGTH) {
      if (seen.size >= MAX_ENTRIES) seen.clear();
      const key = own(s);
      t = t === s ? key : own(t);
      seen.set(key, t);
    }
    return t;
  };
}
