// Copy a zip package, replacing and adding only the parts we change. Unchanged entries are copied as they are
// (compressed bytes, CRC and sizes from the central directory — nothing is re-inflated or re-compressed), so a
// supplier's images, macros and every part we do not understand survive byte for byte.
import { crc32, deflateRawSync } from 'node:zlib';

interface RawEntry {
  name: string;
  nameBytes: Uint8Array;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  dataStart: number;
  time: number;
  date: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;

/** Reads the central directory (plain zip; the packages we rewrite were already read by scripts/io/zip.ts). */
function readEntries(bytes: Uint8Array): RawEntry[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= 0 && i >= bytes.length - 22 - 0xffff; i--) {
    if (dv.getUint32(i, true) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('zip: end of central directory not found');
  const count = dv.getUint16(eocd + 10, true);
  const cdOffset = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new Error('zip64 packages are not annotated');
  const entries: RawEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (dv.getUint32(p, true) !== SIG_CENTRAL) throw new Error(`zip: central directory entry ${k} is broken`);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const local = dv.getUint32(p + 42, true);
    if (dv.getUint32(local, true) !== SIG_LOCAL) throw new Error('zip: local header is broken');
    const nameBytes = bytes.slice(p + 46, p + 46 + nameLen);
    entries.push({
      name: new TextDecoder().decode(nameBytes),
      nameBytes,
      flags: dv.getUint16(p + 8, true),
      method: dv.getUint16(p + 10, true),
      time: dv.getUint16(p + 12, true),
      date: dv.getUint16(p + 14, true),
      crc: dv.getUint32(p + 16, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      dataStart: local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Part name as stored → new content. Names not in the package are added at the end. */
export type PartChanges = Map<string, Uint8Array>;

const UTF8_FLAG = 0x0800;

/** DOS date/time of 1980-01-01 00:00 is what many writers use; we keep the package's own times for its entries. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

export function rewriteZip(bytes: Uint8Array, changes: PartChanges): Uint8Array {
  const entries = readEntries(bytes);
  // Part names as scripts/io/zip.ts reports them (backslashes as slashes): the keys of `changes`.
  const nameOf = (e: RawEntry) => e.name.replace(/\\/g, '/');
  const known = new Set(entries.map(nameOf));
  const out: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;

  const put = (e: Omit<RawEntry, 'dataStart'>, data: Uint8Array): void => {
    // Bit 3 (sizes in a data descriptor) is cleared: we write the sizes in the local header.
    const flags = (e.flags & ~0x0008) | (/[^\x20-\x7e]/.test(e.name) ? UTF8_FLAG : 0);
    const local = new Uint8Array(30 + e.nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, SIG_LOCAL, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, flags, true);
    lv.setUint16(8, e.method, true);
    lv.setUint16(10, e.time, true);
    lv.setUint16(12, e.date, true);
    lv.setUint32(14, e.crc >>> 0, true);
    lv.setUint32(18, e.compressedSize, true);
    lv.setUint32(22, e.size, true);
    lv.setUint16(26, e.nameBytes.length, true);
    local.set(e.nameBytes, 30);
    const cd = new Uint8Array(46 + e.nameBytes.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, SIG_CENTRAL, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, flags, true);
    cv.setUint16(10, e.method, true);
    cv.setUint16(12, e.time, true);
    cv.setUint16(14, e.date, true);
    cv.setUint32(16, e.crc >>> 0, true);
    cv.setUint32(20, e.compressedSize, true);
    cv.setUint32(24, e.size, true);
    cv.setUint16(28, e.nameBytes.length, true);
    cv.setUint32(42, offset, true);
    cd.set(e.nameBytes, 46);
    out.push(local, data);
    central.push(cd);
    offset += local.length + data.length;
  };

  const fresh = (name: string, nameBytes: Uint8Array, content: Uint8Array, time = DOS_TIME, date = DOS_DATE): void => {
    // Level 1, not zlib's default 6: 0.1 ms less CPU per copy of the bench's returns (a tenth of making one), for
    // copies 3 % larger (25.1 → 25.9 KB); status makes hundreds in a run (docs/performance.md, "Annotated copies").
    const data = deflateRawSync(content, { level: 1 });
    put(
      {
        name,
        nameBytes,
        flags: 0,
        method: 8,
        crc: crc32(content),
        compressedSize: data.length,
        size: content.length,
        time,
        date,
      },
      data,
    );
  };

  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const changed = changes.get(nameOf(e));
    if (changed) fresh(nameOf(e), new TextEncoder().encode(nameOf(e)), changed, e.time, e.date);
    else put(e, bytes.subarray(e.dataStart, e.dataStart + e.compressedSize));
  }
  for (const [name, content] of changes) {
    if (!known.has(name)) fresh(name, new TextEncoder().encode(name), content);
  }

  const cdSize = central.reduce((n, c) => n + c.length, 0);
  if (offset + cdSize > 0xffffffff || central.length > 0xfffe)
    throw new Error('annotated package too large for a plain zip');
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, SIG_EOCD, true);
  ev.setUint16(8, central.length, true);
  ev.setUint16(10, central.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  return Buffer.concat([...out, ...central, eocd]);
}
