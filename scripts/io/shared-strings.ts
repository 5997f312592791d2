// The shared strings part read straight from the inflated bytes, as sheet-data.ts reads sheetData: <si> items of
// <t> text and rich runs (<r><rPr>…</rPr><t>…</t></r>, what LibreOffice writes), furigana (<rPh>, dropped) and
// <phoneticPr/>. No object is made per tag or attribute; only the text kept is decoded. Anything else (prefixed
// names, comments, CR, text outside <t>, other elements around the items …) is not taken: the caller reads the part
// with the general scanner, which gives the same strings. What lies around the items is checked by that scanner too.
import { isNameCode, isSpace, NotPlainContent } from './xml.js';
import { bytesAre, indexOfText, lastIndexOfText, plainFrame, RowScanner, textAt, unescapeX } from './sheet-data.js';

const LT = 60;
const GT = 62;
const SLASH = 47;
/** Deeper than si > r > rPr > b is not what producers write: left to the general reader. */
const MAX_DEPTH = 4;

/** The strings of a shared strings part, or null when it holds anything this reader does not take. */
export function readSharedStringsFromBytes(b: Uint8Array, part: string): string[] | null {
  if (b[0] === 0xff || b[0] === 0xfe) return null; // UTF-16
  const open = indexOfText(b, '<sst', 0);
  if (open < 0 || (b[open + 4] !== GT && !isSpace(b[open + 4]))) return null;
  const gt = b.indexOf(GT, open);
  if (gt < 0 || b[gt - 1] === SLASH) return null;
  const body = { start: gt + 1, end: lastIndexOfText(b, '</sst>') };
  if (body.end < body.start) return null;
  const frame = plainFrame(b, body, part, 'sst');
  if (frame?.all !== 1 || frame.named !== 1) return null;
  try {
    return new ItemScanner(b, body.end).items(body.start);
  } catch (err) {
    if (err instanceof NotPlainContent) return null;
    throw err;
  }
}

class ItemScanner extends RowScanner {
  private text = '';

  constructor(
    private readonly bytes: Uint8Array,
    private readonly stop: number,
  ) {
    super(bytes, stop);
  }

  items(p: number): string[] {
    const b = this.bytes;
    const out: string[] = [];
    for (;;) {
      p = this.skipSpace(p);
      if (p >= this.stop) return out;
      if (b[p] !== LT || this.nameEnd(p + 1) !== p + 3 || !bytesAre(b, p + 1, 'si')) throw new NotPlainContent();
      this.text = '';
      p = this.element(p, 0, true);
      out.push(unescapeX(this.text));
    }
  }

  /** The end of the element name starting at p: ASCII, unprefixed, not starting with a digit, '-' or '.'. */
  private nameEnd(p: number): number {
    const b = this.bytes;
    const c = b[p];
    if (!isNameCode(c) || (c >= 48 && c <= 57) || c === 45 || c === 46) throw new NotPlainContent();
    let q = p;
    while (isNameCode(b[q])) if (b[q++] === 58 /* : */) throw new NotPlainContent();
    return q;
  }

  /**
   * The element whose start tag begins at b[p] ('<'): its <t> text is added to this.text when `keep` (not inside
   * <rPh>). Returns the position after its end tag.
   */
  private element(p: number, depth: number, keep: boolean): number {
    const b = this.bytes;
    const nameStart = p + 1;
    const nameEnd = this.nameEnd(nameStart);
    const n = nameEnd - nameStart;
    const isT = n === 1 && b[nameStart] === 116; /* t */
    const isPhonetic = n === 3 && bytesAre(b, nameStart, 'rPh');
    if ((isPhonetic && !keep) || (n === 2 && depth > 0 && bytesAre(b, nameStart, 'si'))) throw new NotPlainContent();
    const a = this.skipAttributes(nameEnd);
    if (a < 0) return -a;
    for (p = a; ;) {
      const lt = b.indexOf(LT, p);
      if (lt < 0 || lt >= this.stop) throw new NotPlainContent();
      if (isT) {
        if (lt > p && keep) this.text += textAt(b, p, lt);
        else if (lt > p) textAt(b, p, lt); // checked as the general scanner would, then dropped
      } else if (this.skipSpace(p) !== lt) throw new NotPlainContent();
      if (b[lt + 1] === SLASH) {
        const close = lt + 2;
        for (let k = 0; k < n; k++) if (b[close + k] !== b[nameStart + k]) throw new NotPlainContent();
        if (b[close + n] !== GT) throw new NotPlainContent();
        return close + n + 1;
      }
      if (isT || depth + 1 >= MAX_DEPTH) throw new NotPlainContent();
      p = this.element(lt, depth + 1, keep && !isPhonetic);
    }
  }
}
