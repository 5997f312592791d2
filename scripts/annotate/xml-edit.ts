// Editing a package part's XML in place: a tag scanner that yields each start/end tag with its offsets (skipping
// comments, CDATA and processing instructions; quoted attribute values may hold '>'), attribute helpers, and a
// splice list applied once. Everything we do not touch stays byte-identical — no parse-and-reserialise.

export interface Tag {
  /** Offset of '<'. */
  start: number;
  /** Offset just after '>'. */
  end: number;
  /** Qualified name as written (x:c). */
  name: string;
  /** Name without prefix (c). */
  local: string;
  /** Prefix with its colon ('x:'), or ''. */
  prefix: string;
  type: 'open' | 'close' | 'empty';
}

export function* scanTags(xml: string, from = 0): Generator<Tag> {
  let i = from;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return;
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 0x21 /* ! */) {
      if (xml.startsWith('<!--', lt)) i = endOf(xml, '-->', lt + 4);
      else if (xml.startsWith('<![CDATA[', lt)) i = endOf(xml, ']]>', lt + 9);
      else i = endOf(xml, '>', lt + 2);
      continue;
    }
    if (c1 === 0x3f /* ? */) {
      i = endOf(xml, '?>', lt + 2);
      continue;
    }
    const close = c1 === 0x2f; /* / */
    let j = close ? lt + 2 : lt + 1;
    const nameStart = j;
    while (j < n) {
      const ch = xml.charCodeAt(j);
      if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d || ch === 0x2f || ch === 0x3e) break;
      j++;
    }
    const name = xml.slice(nameStart, j);
    // Find the closing '>' outside quotes.
    let quote = 0;
    while (j < n) {
      const ch = xml.charCodeAt(j);
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 0x22 || ch === 0x27) quote = ch;
      else if (ch === 0x3e) break;
      j++;
    }
    if (j >= n) throw new Error('xml: unterminated tag');
    const end = j + 1;
    const colon = name.indexOf(':');
    yield {
      start: lt,
      end,
      name,
      local: colon < 0 ? name : name.slice(colon + 1),
      prefix: colon < 0 ? '' : name.slice(0, colon + 1),
      type: close ? 'close' : xml.charCodeAt(j - 1) === 0x2f ? 'empty' : 'open',
    };
    i = end;
  }
}

function endOf(xml: string, token: string, from: number): number {
  const k = xml.indexOf(token, from);
  if (k < 0) throw new Error(`xml: unterminated ${token}`);
  return k + token.length;
}

const isSpace = (ch: number): boolean => ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d;

/**
 * Where attribute `name` is in a tag's text: from the white space before its name to just after its closing quote,
 * and its raw value. Walks the attributes one by one (no RegExp per call: markSheet asks for each cell's r and s).
 */
function findAttr(tagText: string, name: string): { start: number; end: number; raw: string } | undefined {
  const n = tagText.length;
  let i = 1;
  while (i < n && !isSpace(tagText.charCodeAt(i)) && tagText[i] !== '>' && tagText[i] !== '/') i++;
  for (;;) {
    const before = i;
    while (i < n && isSpace(tagText.charCodeAt(i))) i++;
    if (i === before || i >= n) return undefined;
    const nameStart = i;
    while (i < n && !isSpace(tagText.charCodeAt(i)) && tagText[i] !== '=' && tagText[i] !== '>' && tagText[i] !== '/')
      i++;
    const nameEnd = i;
    while (i < n && isSpace(tagText.charCodeAt(i))) i++;
    if (tagText[i] !== '=') return undefined;
    i++;
    while (i < n && isSpace(tagText.charCodeAt(i))) i++;
    const quote = tagText[i];
    if (quote !== '"' && quote !== "'") return undefined;
    const valueStart = i + 1;
    const close = tagText.indexOf(quote, valueStart);
    if (close < 0) return undefined;
    i = close + 1;
    if (nameEnd - nameStart === name.length && tagText.startsWith(name, nameStart))
      return { start: nameStart - 1, end: i, raw: tagText.slice(valueStart, close) };
  }
}

export function getAttr(tagText: string, name: string): string | undefined {
  const a = findAttr(tagText, name);
  return a ? unescapeXml(a.raw) : undefined;
}

/** The tag text with `name` set to `value` (replaced where present, else added before the tag's end). */
export function setAttr(tagText: string, name: string, value: string): string {
  const v = `${name}="${escapeXml(value)}"`;
  const a = findAttr(tagText, name);
  if (a) return tagText.slice(0, a.start + 1) + v + tagText.slice(a.end);
  const cut = tagText.endsWith('/>') ? tagText.length - 2 : tagText.length - 1;
  return `${tagText.slice(0, cut).replace(/\s+$/, '')} ${v}${tagText.slice(cut)}`;
}

export function removeAttr(tagText: string, name: string): string {
  const a = findAttr(tagText, name);
  return a ? tagText.slice(0, a.start) + tagText.slice(a.end) : tagText;
}
/** Attribute name for the relationships-namespace `id` as this element's document spells it (r:id, d3p1:id …). */
export function relIdAttr(tagText: string): string | undefined {
  const m = /\s([A-Za-z_][\w.-]*:id)\s*=/.exec(tagText);
  return m?.[1];
}

export function escapeXml(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 cannot carry.
      // eslint-disable-next-line no-control-regex -- matching exactly those control characters is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

/** Collected replacements of [start, end) ranges, applied in one pass. */
export class Splices {
  private readonly edits: { start: number; end: number; text: string; seq: number }[] = [];

  insert(at: number, text: string): void {
    this.edits.push({ start: at, end: at, text, seq: this.edits.length });
  }

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, seq: this.edits.length });
  }

  get size(): number {
    return this.edits.length;
  }

  apply(xml: string): string {
    const sorted = [...this.edits].sort((a, b) => a.start - b.start || a.seq - b.seq);
    const parts: string[] = [];
    let at = 0;
    for (const e of sorted) {
      if (e.start < at) throw new Error('xml: overlapping edits');
      parts.push(xml.slice(at, e.start), e.text);
      at = e.end;
    }
    parts.push(xml.slice(at));
    return parts.join('');
  }
}

/** Decode a part by its BOM; parts in UTF-16 come back as UTF-8 with the declaration fixed. */
export function decodePart(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return fixDecl(new TextDecoder('utf-16le').decode(bytes.subarray(2)));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return fixDecl(new TextDecoder('utf-16be').decode(bytes.subarray(2)));
  return new TextDecoder('utf-8').decode(bytes);
}

function fixDecl(s: string): string {
  return s.replace(/^(<\?xml[^>]*encoding\s*=\s*["'])utf-16(["'])/i, '$1UTF-8$2');
}

export function encodePart(xml: string): Uint8Array {
  return new TextEncoder().encode(xml);
}
