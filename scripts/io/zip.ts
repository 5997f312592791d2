// A zip central-directory reader: lists entries and their declared sizes without inflating anything,
// then inflates single entries on demand with a hard output bound.
import { inflateRawSync } from 'node:zlib';
import { UnreadableError } from './unreadable.js';

export interface ZipEntry {
  /** Name as stored, with backslashes turned into slashes. */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

export interface ZipArchive {
  bytes: Uint8Array;
  entries: ZipEntry[];
  /** OPC part names are case-insensitive; keyed by normalised name (see partKey). */
  byKey: Map<string, ZipEntry>;
  /** Keys that occur more than once (a package with two parts of the same name is ambiguous). */
  duplicates: string[];
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

export function partKey(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

function damaged(detail: string): UnreadableError {
  return new UnreadableError('damaged-zip', { detail });
}

/** Reads the end-of-central-directory record and the central directory. Throws damaged-zip. */
export function readZip(bytes: Uint8Array): ZipArchive {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = bytes.length;
  let eocd = -1;
  for (let i = n - 22; i >= 0 && i >= n - 22 - 0xffff; i--) {
    if (dv.getUint32(i, true) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged('end of central directory not found');
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || dv.getUint32(loc, true) !== SIG_EOCD64_LOCATOR) throw damaged('zip64 locator missing');
    const at = Number(dv.getBigUint64(loc + 8, true));
    if (at + 56 > n || dv.getUint32(at, true) !== SIG_EOCD64) throw damaged('zip64 end record missing');
    count = Number(dv.getBigUint64(at + 32, true));
    cdSize = Number(dv.getBigUint64(at + 40, true));
    cdOffset = Number(dv.getBigUint64(at + 48, true));
  }
  if (cdOffset + cdSize > n) throw damaged('central directory outside the file');

  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  const byKey = new Map<string, ZipEntry>();
  const duplicates: string[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > n || dv.getUint32(p, true) !== SIG_CENTRAL) throw damaged(`central directory entry ${k} is broken`);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    if (p + 46 + nameLen + extraLen > n) throw damaged(`central directory entry ${k} is truncated`);
    const e: ZipEntry = {
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, '/'),
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localHeaderOffset: dv.getUint32(p + 42, true),
    };
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff || e.localHeaderOffset === 0xffffffff) {
      readZip64Extra(dv, p + 46 + nameLen, extraLen, e);
    }
    entries.push(e);
    if (!e.name.endsWith('/')) {
      const key = partKey(e.name);
      if (byKey.has(key)) duplicates.push(key);
      else byKey.set(key, e);
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { bytes, entries, byKey, duplicates };
}

function readZip64Extra(dv: DataView, start: number, len: number, e: ZipEntry): void {
  let q = start;
  while (q + 4 <= start + len) {
    const id = dv.getUint16(q, true);
    const size = dv.getUint16(q + 2, true);
    if (id === 0x0001) {
      let r = q + 4;
      const next = (): number => {
        if (r + 8 > q + 4 + size) throw damaged('zip64 extra field too short');
        const v = Number(dv.getBigUint64(r, true));
        r += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localHeaderOffset === 0xffffffff) e.localHeaderOffset = next();
      return;
    }
    q += 4 + size;
  }
  throw damaged('zip64 sizes missing');
}

/**
 * Declared sizes are only roughly trusted: LibreOffice and Excel open a part whose directory size is off by a few
 * bytes, so a part may inflate up to this much past its declared size (and never past the caller's bound). A zip
 * bomb's part inflates to many times what it declares and is still stopped.
 */
function slackFor(declared: number): number {
  return Math.max(4096, Math.ceil(declared / 16));
}

/**
 * Inflates one entry. The output may not exceed the size the directory declares by more than a little slack (nor
 * maxBytes): a lying directory is how zip bombs get past a size check.
 */
export function inflateEntry(zip: ZipArchive, e: ZipEntry, maxBytes: number): Uint8Array {
  const { bytes } = zip;
  if (e.flags & 1) throw new UnreadableError('encrypted', { part: e.name, detail: 'zip entry is encrypted' });
  if (e.size > maxBytes) throw new UnreadableError('too-large', { part: e.name, detail: `${e.size} bytes` });
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const h = e.localHeaderOffset;
  if (h + 30 > bytes.length || dv.getUint32(h, true) !== SIG_LOCAL)
    throw damaged(`local header of ${e.name} is broken`);
  const start = h + 30 + dv.getUint16(h + 26, true) + dv.getUint16(h + 28, true);
  const end = start + e.compressedSize;
  if (end > bytes.length) throw damaged(`${e.name} is truncated`);
  const data = bytes.subarray(start, end);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw damaged(`${e.name}: stored size mismatch`);
    return data;
  }
  if (e.method !== 8) throw damaged(`${e.name}: unsupported compression method ${e.method}`);
  const bound = Math.min(maxBytes, e.size + slackFor(e.size));
  try {
    // One output chunk of the declared size (+1): zlib's default 16 KB chunks, concatenated at the end, held a large
    // part twice (95 MB of sheet XML: 190 MB). Only a part that inflates past its declaration takes a second chunk.
    return inflateRawSync(data, { maxOutputLength: bound, chunkSize: Math.max(64, e.size + 1) });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new UnreadableError('zip-bomb', { part: e.name, detail: `inflates past the declared ${e.size} bytes` });
    }
    throw damaged(`${e.name}: ${(err as Error).message}`);
  }
}
