// OPC package plumbing: find parts case-insensitively, read relationships, resolve their targets.
import { isUtf8 } from 'node:buffer';
import { inflateEntry, partKey, type ZipArchive, type ZipEntry } from './zip.js';
import { parseXml } from './xml.js';
import { UnreadableError } from './unreadable.js';

export interface Relationship {
  id: string;
  /** Last segment of the relationship type URI ('worksheet', 'officeDocument', …): transitional and strict agree. */
  type: string;
  /** Resolved part name without a leading slash; for external targets, the raw target. */
  target: string;
  external: boolean;
}

/** Small parts (relationships, content types) may not exceed this before we refuse them. */
export const SMALL_PART_LIMIT = 16 * 1024 * 1024;

export function findEntry(zip: ZipArchive, part: string): ZipEntry | undefined {
  const e = zip.byKey.get(partKey(part));
  if (e || !part.includes('%')) return e;
  try {
    return zip.byKey.get(partKey(decodeURIComponent(part)));
  } catch {
    return undefined;
  }
}

export function readPart(zip: ZipArchive, part: string, maxBytes: number): Uint8Array {
  const e = findEntry(zip, part);
  if (!e) throw new UnreadableError('missing-part', { part });
  const data = inflateEntry(zip, e, maxBytes);
  // Excel refuses a part that is not valid UTF-8 (nor UTF-16 with its byte order mark); decoding it anyway would
  // quietly turn the bad bytes into U+FFFD and check data that no one can see in Excel.
  const utf16 = (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff);
  if (!utf16 && !isUtf8(data)) throw new UnreadableError('bad-encoding', { part });
  return data;
}

export function relsPathFor(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** Resolves a relationship target against the part that owns it; absolute ('/xl/…') and relative both occur. */
export function resolveTarget(source: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  const base = t.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

/** Relationships of a part; [] when the part has no .rels. */
export function readRelationships(zip: ZipArchive, source: string): Relationship[] {
  const relsPart = source === '' ? '_rels/.rels' : relsPathFor(source);
  if (!findEntry(zip, relsPart)) return [];
  const rels: Relationship[] = [];
  parseXml(readPart(zip, relsPart, SMALL_PART_LIMIT), relsPart, {
    open(name, a) {
      if (name !== 'Relationship' || !a.Target) return;
      const external = a.TargetMode === 'External';
      rels.push({
        id: a.Id ?? '',
        type: (a.Type ?? '').slice((a.Type ?? '').lastIndexOf('/') + 1),
        target: external ? a.Target : resolveTarget(source, a.Target),
        external,
      });
    },
  });
  return rels;
}

/**
 * Content type that [Content_Types].xml declares for a part by Override; undefined if none (a Default by extension,
 * typically application/xml, says nothing about what the part is).
 */
export function declaredContentType(zip: ZipArchive, part: string): string | undefined {
  const ctPart = '[Content_Types].xml';
  if (!findEntry(zip, ctPart)) return undefined;
  const key = partKey(part);
  let found: string | undefined;
  parseXml(readPart(zip, ctPart, SMALL_PART_LIMIT), ctPart, {
    open(name, a) {
      if (name === 'Override' && a.PartName && partKey(a.PartName) === key) found = a.ContentType;
    },
  });
  return found;
}
