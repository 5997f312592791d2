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

export function parseXml(data: Uint8Array, part: string, h: XmlHandlers, chunkBytes = DEFAULT_CHUNK_BYTES): void {
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
