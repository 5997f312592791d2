// Text folding (NFKC and a few regular expressions) runs several times per cell, and a column or a header row mostly
// repeats a few texts: remember recent results. Long texts rarely repeat and are not kept.

const MAX_ENTRIES = 20_000;
const MAX_LENGTH = 200;

/** `fold` with its results for short texts remembered (at most MAX_ENTRIES; then it starts over). */
export function remembered(fold: (s: string) => string): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let t = seen.get(s);
    if (t !== undefined) return t;
    t = fold(s);
    if (s.length <= MAX_LENGTH) {
      if (seen.size >= MAX_ENTRIES) seen.clear();
      seen.set(s, t);
    }
    return t;
  };
}
