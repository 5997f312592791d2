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

export function parseXml(data: Uint8Array, part: string, h: XmlHandlers, chunkBytes = DEFAULT_CHUNK_BYTES): void {
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
    // saxes reports well-formedness errors as plain Errors; anything else is ours and must surface as such.
    if (err instanceof UnreadableError || (err as Error).constructor !== Error) throw err;
    throw new UnreadableError('malformed-xml', { part, detail: (err as Error).message });
  }
}

/** Thrown by parseXmlContent for XML its scanner does not take; the caller parses the part again with parseXml. */
export class NotPlainContent extends Error {}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
/** What saxes refuses in character data (XML 1.0 Char, "]]>") plus what it would rewrite (CR): left to saxes. */
// eslint-disable-next-line no-control-regex -- control characters are what these look for
const NOT_PLAIN_TEXT = /[\0-\x08\x0B\x0C\x0E-\x1F\r\uFFFE\uFFFF]|]]>/;
/** Attribute values with entities, tabs or line breaks (normalised by saxes) or '<' are left to saxes. */
// eslint-disable-next-line no-control-regex
const NOT_PLAIN_VALUE = /[<&\0-\x1F\uFFFE\uFFFF]/;
const ENTITY = /&(?:([a-z]+)|#(\d+)|#x([0-9a-fA-F]+));/y;

function isNameCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45 || c === 46;
}

/** An ASCII XML name: name characters, not starting with a digit, '-' or '.'. */
function isName(name: string): boolean {
  const c = name.charCodeAt(0);
  return name.length > 0 && !(c >= 48 && c <= 57) && c !== 45 && c !== 46;
}

/** Names of up to three characters (c, v, row, r, t, s …) by their codes: one string each, not one per tag. */
const SHORT_NAMES = new Map<number, string>();

function nameAt(s: string, start: number, end: number): string {
  if (end - start > 3) return s.slice(start, end);
  let k = 0;
  for (let j = start; j < end; j++) k = k * 128 + s.charCodeAt(j);
  let name = SHORT_NAMES.get(k);
  // The key of an object is the engine's own copy of the string, which property lookups take without a detour.
  if (name === undefined) SHORT_NAMES.set(k, (name = Object.keys({ [s.slice(start, end)]: 0 })[0]));
  return name;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9;
}

function decodeText(t: string): string {
  if (NOT_PLAIN_TEXT.test(t)) throw new NotPlainContent();
  if (t.indexOf('&') < 0) return t;
  let out = '';
  let i = 0;
  for (let amp = t.indexOf('&'); amp >= 0; amp = t.indexOf('&', i)) {
    ENTITY.lastIndex = amp;
    const m = ENTITY.exec(t);
    let ch: string | undefined;
    if (m?.[1] !== undefined) ch = PREDEFINED[m[1]];
    else if (m) {
      const code = m[2] !== undefined ? Number(m[2]) : parseInt(m[3], 16);
      const xmlChar = code === 9 || code === 10 || code === 13 || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
      if (xmlChar) ch = String.fromCodePoint(code);
    }
    if (ch === undefined || !m) throw new NotPlainContent();
    out += t.slice(i, amp) + ch;
    i = amp + m[0].length;
  }
  return out + t.slice(i);
}

/**
 * Scans element content — start and end tags with plain attributes, text with the predefined entities and character
 * references — calling the handlers as parseXml would. Returns where it stopped: the start of a tag or text cut off
 * by the end of this slice (all of it when `last`). Throws NotPlainContent for anything else: comments, CDATA,
 * processing instructions, non-ASCII names, entities in attribute values, mismatched tags.
 */
function scanContent(s: string, h: XmlHandlers, open: string[], last: boolean): number {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const lt = s.charCodeAt(i) === 60 ? i : s.indexOf('<', i);
    if (lt < 0) {
      if (!last) return i;
      h.text?.(decodeText(s.slice(i)));
      return n;
    }
    if (lt > i) h.text?.(decodeText(s.slice(i, lt)));
    i = lt;
    let p = lt + 1;
    const closing = s.charCodeAt(p) === 47;
    if (closing) p++;
    const nameStart = p;
    while (p < n && isNameCode(s.charCodeAt(p))) p++;
    if (p >= n) return i;
    const name = nameAt(s, nameStart, p);
    if (!isName(name)) throw new NotPlainContent();
    const local = name.indexOf(':') < 0 ? name : localName(name);
    if (closing) {
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (p >= n) return i;
      if (s.charCodeAt(p) !== 62 || open.pop() !== name) throw new NotPlainContent();
      h.close?.(local);
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
      while (p < n && isNameCode(s.charCodeAt(p))) p++;
      const key = nameAt(s, keyStart, p);
      while (p < n && isSpace(s.charCodeAt(p))) p++;
      if (p + 1 >= n) return i;
      const q = s.charCodeAt(p + 1);
      if (!isName(key) || s.charCodeAt(p) !== 61 || (q !== 34 && q !== 39) || attrs[key] !== undefined) throw new NotPlainContent();
      let end = p + 2;
      while (end < n && s.charCodeAt(end) !== q) end++;
      if (end >= n) return i;
      const value = s.slice(p + 2, end);
      if (NOT_PLAIN_VALUE.test(value)) throw new NotPlainContent();
      attrs[key] = value;
      p = end + 1;
    }
    h.open(local, attrs);
    if (selfClosing) h.close?.(local);
    else open.push(name);
    i = p + 1;
  }
  return n;
}

function flat(s: string): string {
  Number(s);
  return s;
}

/**
 * parseXml for a part whose bulk is the content of one element (a worksheet's sheetData): saxes parses the rest, a
 * plain scanner the content, the handlers see the same calls in the same order. Throws NotPlainContent when the part
 * is not that simple; any error means "parse it again with parseXml", which reports malformed XML precisely.
 */
export function parseXmlContent(data: Uint8Array, part: string, element: string, h: XmlHandlers, chunkBytes = DEFAULT_CHUNK_BYTES): void {
  if (encodingOf(data) !== 'utf-8') throw new NotPlainContent();
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // The element's start tag: <element or <prefix:element, without attributes (sheetData has none).
  let at = bytes.indexOf(element);
  let lt = at - 1;
  while (lt >= 0 && isNameCode(bytes[lt])) lt--;
  if (at < 0 || lt < 0 || bytes[lt] !== 60 || bytes[at + element.length] !== 62) throw new NotPlainContent();
  const qname = bytes.toString('latin1', lt + 1, at + element.length);
  if (qname !== element && !qname.endsWith(`:${element}`)) throw new NotPlainContent();
  const from = at + element.length + 1;
  at = bytes.lastIndexOf(`</${qname}>`);
  if (at < from) throw new NotPlainContent();

  const parser = saxes(part, h);
  parser.write(new TextDecoder('utf-8').decode(bytes.subarray(0, from)));
  // The content is not the start of the text: a U+FEFF there is a character, not a byte order mark.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const open: string[] = [];
  let rest = '';
  for (let i = from; i < at; i += chunkBytes) {
    const end = Math.min(at, i + chunkBytes);
    let s = decoder.decode(bytes.subarray(i, end), { stream: end < at });
    // A concatenation is read a character at a time below: flatten it first (a cons string read that way is slow).
    if (rest) s = flat(rest + s);
    rest = s.slice(scanContent(s, h, open, end >= at));
  }
  if (open.length || rest) throw new NotPlainContent();
  parser.write(decoder.decode(bytes.subarray(at)));
  parser.close();
}
