// A check that a part is XML as the plain scanner (parsePlainXml) takes it, made straight on the bytes: no text is
// decoded and no object is made per tag or attribute, unless the caller asks for an attribute's value. It takes
// nothing that the plain scanner refuses as malformed, so a part it takes is well-formed and the general reader
// would give it the same verdict; it may refuse more (the caller then asks the general scanner).
import { decodeText, isNameCode, isSpace, NotPlainContent, XML_DECL } from './xml.js';

const LT = 60;
const GT = 62;
const SLASH = 47;
const EQ = 61;
const QUOT = 34;
const APOS = 39;
const AMP = 38;

const utf8 = new TextDecoder('utf-8');

export function latin1(b: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i]);
  return s;
}

/** Bytes b[start, end) equal the ASCII text s. */
export function bytesEqual(b: Uint8Array, start: number, end: number, s: string): boolean {
  if (end - start !== s.length) return false;
  for (let k = 0; k < s.length; k++) if (b[start + k] !== s.charCodeAt(k)) return false;
  return true;
}

/** The local name of the element name b[start, end) is the ASCII text s (any prefix ignored). */
export function localNameIs(b: Uint8Array, start: number, end: number, s: string): boolean {
  let from = end;
  while (from > start && b[from - 1] !== 58 /* : */) from--;
  return bytesEqual(b, from, end, s);
}

/** Text with entities that the plain scanner resolves (a '&' seen), checked as it checks it. */
function entitiesAreGood(b: Uint8Array, start: number, end: number): boolean {
  try {
    decodeText(utf8.decode(b.subarray(start, end)));
    return true;
  } catch (err) {
    if (err instanceof NotPlainContent) return false;
    throw err;
  }
}

export class PlainBytes {
  /** Attributes of the start tag last scanned: name start, name end, value start, value end, for each. */
  private readonly attrs: number[] = [];
  private attrCount = 0;

  constructor(private readonly b: Uint8Array) {}

  /**
   * Whether the part reads plainly; onOpen and onClose get each element's name (prefix included) as b[start, end),
   * a self-closing one both; in onOpen, attr() reads its attributes.
   */
  scan(onOpen?: (start: number, end: number) => void, onClose?: (start: number, end: number) => void): boolean {
    const b = this.b;
    const n = b.length;
    let p = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
    if (b[p] === LT && b[p + 1] === 63 /* ? */) {
      const q = b.indexOf(GT, p);
      if (q < 0 || b[q - 1] !== 63 || !XML_DECL.test(latin1(b, p, q + 1))) return false;
      p = q + 1;
    } else if (b[p] !== LT) return false;
    const stack: number[] = [];
    let rootClosed = false;
    for (;;) {
      const lt = b.indexOf(LT, p);
      const textEnd = lt < 0 ? n : lt;
      if (stack.length ? !this.textIsGood(p, textEnd) : !this.isBlank(p, textEnd)) return false;
      if (lt < 0) return rootClosed && stack.length === 0;
      if (b[lt + 1] === SLASH) {
        const start = lt + 2;
        const end = this.nameEnd(start);
        const top = stack.length - 2;
        if (top < 0 || end - start !== stack[top + 1] - stack[top]) return false;
        for (let k = 0; k < end - start; k++) if (b[start + k] !== b[stack[top] + k]) return false;
        let q = end;
        while (isSpace(b[q])) q++;
        if (b[q] !== GT) return false;
        stack.length = top;
        onClose?.(start, end);
        rootClosed = stack.length === 0;
        p = q + 1;
        continue;
      }
      if (rootClosed) return false;
      const start = lt + 1;
      const end = this.nameEnd(start);
      if (end < 0) return false;
      const after = this.attributes(end);
      if (after === 0) return false;
      onOpen?.(start, end);
      if (after < 0) {
        onClose?.(start, end);
        rootClosed = stack.length === 0;
        p = -after;
      } else {
        stack.push(start, end);
        p = after;
      }
    }
  }

  /** The value of the last start tag's attribute `name` as the plain scanner gives it, or undefined. */
  attr(name: string): string | undefined {
    const { b, attrs } = this;
    for (let k = 0; k < this.attrCount; k += 4) {
      if (!bytesEqual(b, attrs[k], attrs[k + 1], name)) continue;
      const value = utf8.decode(b.subarray(attrs[k + 2], attrs[k + 3]));
      return value.indexOf('&') < 0 ? value : decodeText(value);
    }
    return undefined;
  }

  /** The end of an XML name from p (ASCII; not starting with a digit, '-' or '.'), or -1. */
  private nameEnd(p: number): number {
    const b = this.b;
    const c = b[p];
    if (!isNameCode(c) || (c >= 48 && c <= 57) || c === 45 || c === 46) return -1;
    while (isNameCode(b[p])) p++;
    return p;
  }

  /** Attributes from p to the end of the start tag: the position after it (negated if self-closing), or 0. */
  private attributes(p: number): number {
    const { b, attrs } = this;
    this.attrCount = 0;
    for (;;) {
      const spaced = isSpace(b[p]);
      while (isSpace(b[p])) p++;
      if (b[p] === GT) return p + 1;
      if (b[p] === SLASH) return b[p + 1] === GT ? -(p + 2) : 0;
      const nameStart = p;
      const nameEnd = this.nameEnd(p);
      if (!spaced || nameEnd < 0) return 0;
      for (let k = 0; k < this.attrCount; k += 4) {
        if (attrs[k + 1] - attrs[k] !== nameEnd - nameStart) continue;
        let same = true;
        for (let j = 0; same && j < nameEnd - nameStart; j++) same = b[attrs[k] + j] === b[nameStart + j];
        if (same) return 0;
      }
      p = nameEnd;
      while (isSpace(b[p])) p++;
      const q = b[p + 1];
      if (b[p] !== EQ || (q !== QUOT && q !== APOS)) return 0;
      const valueStart = p + 2;
      const valueEnd = b.indexOf(q, valueStart);
      if (valueEnd < 0) return 0;
      let amp = false;
      for (let i = valueStart; i < valueEnd; i++) {
        const c = b[i];
        if (c < 0x20 || c === LT) return 0;
        if (c === AMP) amp = true;
        else if (c === 0xef && b[i + 1] === 0xbf && (b[i + 2] === 0xbe || b[i + 2] === 0xbf)) return 0;
      }
      if (amp && !entitiesAreGood(b, valueStart, valueEnd)) return 0;
      attrs[this.attrCount++] = nameStart;
      attrs[this.attrCount++] = nameEnd;
      attrs[this.attrCount++] = valueStart;
      attrs[this.attrCount++] = valueEnd;
      p = valueEnd + 1;
    }
  }

  /** Text inside the root element as the plain scanner takes it: no control character but tab and LF, no CR. */
  private textIsGood(start: number, end: number): boolean {
    const b = this.b;
    let amp = false;
    for (let i = start; i < end; i++) {
      const c = b[i];
      if (c >= 0x20 && c !== AMP && c !== 93 /* ] */ && c !== 0xef) continue;
      if (c === 9 || c === 10) continue;
      if (c < 0x20) return false;
      if (c === AMP) amp = true;
      else if (c === 93 && b[i + 1] === 93 && b[i + 2] === GT) return false;
      else if (c === 0xef && b[i + 1] === 0xbf && (b[i + 2] === 0xbe || b[i + 2] === 0xbf)) return false;
    }
    return !amp || entitiesAreGood(b, start, end);
  }

  /** Outside the root element: white space only (the plain scanner takes CR there). */
  private isBlank(start: number, end: number): boolean {
    const b = this.b;
    for (let i = start; i < end; i++) if (!isSpace(b[i]) && b[i] !== 13) return false;
    return true;
  }
}
