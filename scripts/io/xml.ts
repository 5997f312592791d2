// SAX over one package part: bytes are decoded in slices (TextDecoder {stream: true}) so that no string larger
// than a slice is ever built — a worksheet part can exceed V8's ~512 MB string limit.
import { SaxesParser } from 'saxes';
import { UnreadableError } from './unreadable.js';

export interface XmlHandlers {
  /** Element local name (prefix dropped: producers write both <c> and <x:c>) and raw attributes. */
  open(name: string, attrs: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function encodingOf(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return 'utf-16le';
  if (data[0] === 0xfe && data[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

function saxes(part: string, h: XmlHandlers): SaxesParser {
  const parser = new SaxesParser({ position: false });
  parser.on('doctype', () => {
    // Excel never writes a DOCTYPE; entity-expansion bombs need one.
    throw new UnreadableError('xml-doctype', { part });
  });
  parser.on('opentag', (tag) => h.open(localName(tag.name), tag.attributes as Record<string, string>));
  if (h.close) {
    const close = h.close;
    parser.on('closetag', (tag) => close(localName(tag.name)));
  }
  if (h.text) {
    parser.on('text', h.text);
    parser.on('cdata', h.text);
  }
  return parser;
}

/** Parses a part: by the plain scanner when it takes the part (up to PLAIN_FIRST_BYTES), else by saxes. */
export function parseXml(data: Uint8Array, part: string, h: XmlHandlers, chunkBytes = DEFAULT_CHUNK_BYTES): void {
  const calls = data.length <= PLAIN_FIRST_BYTES ? plainCalls(data, part, chunkBytes) : null;
  if (!calls) return parseXmlWithSaxes(data, part, h, chunkBytes);
  try {
    for (const c of calls) {
      if (c[0] === 0) h.open(c[1], c[2]);
      else if (c[0] === 1) h.close?.(c[1]);
      else h.text?.(c[1]);
    }
  } catch (err) {
    throw ours(err, part);
  }
}

export function parseXmlWithSaxes(
  data: Uint8Array,
  part: string,
  h: XmlHandlers,
  chunkBytes = DEFAULT_CHUNK_BYTES,
): void {
  const parser = saxes(part, h);
  const decoder = new TextDecoder(encodingOf(data));
  try {
    if (data.length <= chunkBytes) {
      parser.write(decoder.decode(data));
    } else {
      for (let i = 0; i < data.length; i += chunkBytes) {
        parser.write(decoder.decode(data.subarray(i, i + chunkBytes), { stream: true }));
      }
      parser.write(decoder.decode());
    }
    parser.close();
  } catch (err) {
    throw ours(err, part);
  }
}

/** saxes reports well-formedness errors as plain Errors (so would a handler); anything else is ours and surfaces as such. */
function ours(err: unknown, part: string): unknown {
  if (err instanceof UnreadableError || (err as Error).constructor !== Error) return err;
  return new UnreadableError('malformed-xml', { part, detail: (err as Error).message });
}

/** Thrown by parsePlainXml for XML its scanner does not take; the caller parses the part again with saxes. */
export class NotPlainContent extends Error {}

/** What saxes refuses in character data (XML 1.0 Char, "]]>") plus what it would rewrite (CR): left to saxes. */
// eslint-disable-next-line no-control-regex -- control characters are what these look for
const NOT_PLAIN_TEXT = /[\0-\x08\x0B\x0C\x0E-\x1F\r\uFFFE\uFFFF]|]]>/;
/** Attribute values with tabs or line breaks (normalised by saxes) or '<' are left to saxes. */
// eslint-disable-next-line no-control-regex
const NOT_PLAIN_VALUE = /[<\0-\x1F\uFFFE\uFFFF]/;

/** An ASCII XML name character (a code unit or a byte). */
export function isNameCode(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 58 ||
    c === 45 ||
    c === 46
  );
}

/** An ASCII XML name: name characters, not starting with a digit, '-' or '.'. */
function isName(name: string): boolean {
  const c = name.charCodeAt(0);
  return name.length > 0 && !(c >= 48 && c <= 57) && c !== 45 && c !== 46;
}

/**
 * Element and attribute names seen, by a hash of their characters: one string per name, not one per tag, and the
 * engine's own copy of it (an object's key), which property lookups take without hashing it again.
 */
const NAMES = new Map<number, string>();
const MAX_NAMES = 10_000;

/** The name at s[start, end), whose characters hash to `hash`. */
function nameAt(s: string, start: number, end: number, hash: number): string {
  const known = NAMES.get(hash);
  if (known !== undefined && known.length === end - start && s.startsWith(known, start)) return known;
  const name = Object.keys({ [s.slice(start, end)]: 0 })[0];
  if (known === undefined && NAMES.size < MAX_NAMES) NAMES.set(hash, name);
  return name;
}

/** XML white space but CR, which the plain readers leave to saxes (a code unit or a byte). */
export function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9;
}

/** The character an entity or character reference at t[amp] (up to `semi`) stands for, or undefined. */
function entityAt(t: string, amp: number, semi: number): string | undefined {
  if (t.charCodeAt(amp + 1) !== 35 /* # */) {
    if (semi === amp + 1) return undefined;
    for (let k = amp + 1; k < semi; k++) {
      const c = t.charCodeAt(k);
      if (c < 97 || c > 122) return undefined;
    }
    switch (t.slice(amp + 1, semi)) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    return undefined;
  }
  const hex = t.charCodeAt(amp + 2) === 120; /* x */
  const from = hex ? amp + 3 : amp + 2;
  if (semi === from) return undefined;
  let code = 0;
  for (let k = from; k < semi; k++) {
    const c = t.charCodeAt(k);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if (hex && c >= 97 && c <= 102) d = c - 87;
    else if (hex && c >= 65 && c <= 70) d = c - 55;
    else return undefined;
    code = code * (hex ? 16 : 10) + d;
    if (code > 0x10ffff) return undefined;
  }
  const xmlChar =
    code === 9 ||
    code === 10 ||
    code === 13 ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff);
  return xmlChar ? String.fromCodePoint(code) : undefined;
}

/** Text as the plain scanner hands it over: entities resolved; throws NotPlainContent for what it leaves to saxes. */
export function decodeText(t: string): string {
  if (NOT_PLAIN_TEXT.test(t)) throw new NotPlainContent();
  let amp = t.indexOf('&');
  if (amp < 0) return t;
  let out = '';
  let i = 0;
  for (; amp >= 0; amp = t.indexOf('&', i)) {
    const semi = t.indexOf(';', amp + 1);
    const ch = semi < 0 ? undefined : entityAt(t, amp, semi);
    if (ch === undefined) throw new NotPlainContent();
    out += amp > i ? t.slice(i, amp) + ch : ch;
    i = semi + 1;
  }
  return out + t.slice(i);
}

/** How far a plain scan of a document has got: the elements open, the prolog behind, the root element closed. */
interface Scan {
  h: XmlHandlers;
  open: string[];
  started: boolean;
  rootClosed: boolean;
}

/** The XML declarations the scanner takes (version 1.0); anything else, saxes checks. */
export const XML_DECL =
  /^<\?xml[ \t\n]+version=(["'])1\.0\1(?:[ \t\n]+encoding=(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?:[ \t\n]+standalone=(["'])(?:yes|no)\3)?[ \t\n]*\?>/;
const BLANK = /^[ \t\n\r]*$/;

function text(scan: Scan, t: string): void {
  if (scan.open.length) return scan.h.text?.(decodeText(t));
  // Outside the root element saxes takes white space, line ends made \n (Excel writes CR LF after the declaration).
  if (!BLANK.test(t)) throw new NotPlainContent();
  scan.h.text?.(t.replace(/\r\n?/g, '\n'));
}

/**
 * Scans a slice of a document — start and end tags with plain attributes, text with the predefined entities and
 * character references — calling the handlers as saxes would. Returns where it stopped: the start of a tag or text
 * cut off by the end of the slice (all of it when `last`). Throws NotPlainContent for anything else: comments, CDATA,
 * processing instructions, a DOCTYPE, non-ASCII names, tabs or line breaks in attribute values, mismatched tags.
 */
function scanSlice(scan: Scan, s: string, last: boolean): number {
  const { h, open } = scan;
  const n = s.length;
  let i = 0;
  if (!scan.started) {
    if (s.startsWith('<?')) {
      const end = s.indexOf('?>');
      if (end < 0) {
        if (last) throw new NotPlainContent();
        return 0;
      }
      if (!XML_DECL.test(s.slice(0, end + 2))) throw new NotPlainContent();
      i = end + 2;
    } else if (s.length < 2 && !last) return 0;
    // saxes drops white space before the root but after a declaration hands it over: leave that to saxes.
    else if (isSpace(s.charCodeAt(0)) || s.charCodeAt(0) === 13) throw new NotPlainContent();
    scan.started = true;
  }
  while (i < n) {
    const lt = s.charCodeAt(i) === 60 ? i : s.indexOf('<', i);
    if (lt < 0) {
      if (!last) return i;
      text(scan, s.slice(i));
      return n;
    }
    if (lt > i) text(scan, s.slice(i, lt));
    i = lt;
    let p = lt + 1;
    const closing = s.charCodeAt(p) === 47;
    if (closing) p++;
    const nameStart = p;
    let hash = 0;
    for (let c = s.charCodeAt(p); p < n && isNameCode(c); c = s.charCodeAt(++p)) hash = (hash * 31 + c) | 0;
    if (p >= n) return i;
    const name = nameAt(s, nameStart, p, hash);
    if (!isName(name) || (!closing && scan.rootClosed)) throw new NotPlainContent();
    const local = name.indexOf(':') < 0 ? name : localName(name);
    if (closing) {
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (p >= n) return i;
      if (s.charCodeAt(p) !== 62 || open.pop() !== name) throw new NotPlainContent();
      h.close?.(local);
      scan.rootClosed = open.length === 0;
      i = p + 1;
      continue;
    }
    const attrs: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      const spaced = p < n && isSpace(s.charCodeAt(p));
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (p >= n) return i;
      const c = s.charCodeAt(p);
      if (c === 62) break;
      if (c === 47) {
        if (p + 1 >= n) return i;
        if (s.charCodeAt(p + 1) !== 62) throw new NotPlainContent();
        selfClosing = true;
        p++;
        break;
      }
      if (!spaced) throw new NotPlainContent();
      const keyStart = p;
      let keyHash = 0;
      for (let c = s.charCodeAt(p); p < n && isNameCode(c); c = s.charCodeAt(++p)) keyHash = (keyHash * 31 + c) | 0;
      const key = nameAt(s, keyStart, p, keyHash);
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (p + 1 >= n) return i;
      const q = s.charCodeAt(p + 1);
      if (!isName(key) || s.charCodeAt(p) !== 61 || (q !== 34 && q !== 39) || attrs[key] !== undefined)
        throw new NotPlainContent();
      let end = p + 2;
      while (end < n && s.charCodeAt(end) !== q) end++;
      if (end >= n) return i;
      const value = s.slice(p + 2, end);
      if (NOT_PLAIN_VALUE.test(value)) throw new NotPlainContent();
      attrs[key] = value.indexOf('&') < 0 ? value : decodeText(value);
      p = end + 1;
    }
    h.open(local, attrs);
    if (selfClosing) {
      h.close?.(local);
      scan.rootClosed = open.length === 0;
    } else open.push(name);
    i = p + 1;
  }
  return n;
}

function flat(s: string): string {
  // Reading a number out of a string flattens it: a concatenation read a character at a time is slow.
  Number(s);
  return s;
}

/**
 * parseXml by a plain scanner instead of saxes, for the XML that producers of workbooks write: the handlers see the
 * same calls. Throws NotPlainContent for a part it does not take — and for any malformed part; the caller then
 * parses it again, from the start, with saxes, which says what is wrong.
 */
export function parsePlainXml(data: Uint8Array, part: string, h: XmlHandlers, chunkBytes = DEFAULT_CHUNK_BYTES): void {
  if (encodingOf(data) !== 'utf-8') throw new NotPlainContent();
  const decoder = new TextDecoder('utf-8');
  const scan: Scan = { h, open: [], started: false, rootClosed: false };
  let rest = '';
  for (let i = 0; i < data.length || i === 0; i += chunkBytes) {
    const end = Math.min(data.length, i + chunkBytes);
    let s = decoder.decode(data.subarray(i, end), { stream: end < data.length });
    if (rest) s = flat(rest + s);
    rest = s.slice(scanSlice(scan, s, end >= data.length));
  }
  if (rest || !scan.rootClosed) throw new NotPlainContent();
}

/** Parts up to this size are scanned plainly first, their calls kept and handed over once the whole part scanned. */
const PLAIN_FIRST_BYTES = 4 * 1024 * 1024;

type Call = [0, string, Record<string, string>] | [1, string] | [2, string];

/** The handler calls of a plain part, or null when it is not one. */
function plainCalls(data: Uint8Array, part: string, chunkBytes: number): Call[] | null {
  const calls: Call[] = [];
  try {
    parsePlainXml(
      data,
      part,
      { open: (n, a) => calls.push([0, n, a]), close: (n) => calls.push([1, n]), text: (t) => calls.push([2, t]) },
      chunkBytes,
    );
    return calls;
  } catch {
    return null;
  }
}
