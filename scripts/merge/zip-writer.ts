// A minimal zip writer for .xlsx packages: entries are written one after the other to a file, each with its sizes and
// CRC known up front (no data descriptors), Zip64 records only when an entry or the archive needs them.
import { open, type FileHandle } from 'node:fs/promises';
import { crc32, deflateRawSync, constants as zc } from 'node:zlib';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const MAX32 = 0xffffffff;
const UTF8_NAMES = 0x0800;

interface Written {
  name: Buffer;
  crc: number;
  size: number;
  compressedSize: number;
  offset: number;
}

/** DOS date and time of a Date (local time, as zip tools show it). */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export interface RawEntry {
  crc: number;
  size: number;
  compressedSize: number;
  /** Writes exactly compressedSize bytes of raw deflate data at the current end of the file. */
  write(out: ZipWriter): Promise<void>;
}

export class ZipWriter {
  private readonly entries: Written[] = [];
  private offset = 0;
  private readonly stamp = dosDateTime(new Date());

  /** The package's bytes so far, when it is built in memory (no file). */
  private readonly held: Uint8Array[] = [];

  private constructor(private readonly fh: FileHandle | null) {}

  static async create(path: string): Promise<ZipWriter> {
    return new ZipWriter(await open(path, 'wx'));
  }

  /** A package built in memory: add its parts, finish(), then take its bytes(). */
  static inMemory(): ZipWriter {
    return new ZipWriter(null);
  }

  /** The whole package, once finished (in memory only). */
  bytes(): Buffer {
    if (this.fh) throw new Error('ZipWriter.bytes(): this package is written to a file');
    return Buffer.concat(this.held);
  }

  /** Appends raw bytes (used by RawEntry.write). */
  async append(data: Uint8Array): Promise<void> {
    if (!this.fh) {
      this.held.push(data);
      this.offset += data.length;
      return;
    }
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await this.fh.write(data, done, data.length - done, this.offset);
      done += bytesWritten;
      this.offset += bytesWritten;
    }
  }

  /** A part given in full: deflated here. */
  async add(name: string, data: Uint8Array | string, level = 6): Promise<void> {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const compressed = deflateRawSync(bytes, { level });
    await this.addRaw(name, {
      crc: crc32(bytes),
      size: bytes.length,
      compressedSize: compressed.length,
      write: (out) => out.append(compressed),
    });
  }

  /**
   * A part given in pieces, deflated piece by piece (each ending in a sync flush, so they concatenate): only the
   * compressed part is held, never the whole text.
   */
  async addChunks(name: string, chunks: Iterable<string | Uint8Array>, level = 6): Promise<void> {
    const pieces: Buffer[] = [];
    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    for (const chunk of chunks) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      if (!bytes.length) continue;
      crc = crc32(bytes, crc);
      size += bytes.length;
      const z = deflateRawSync(bytes, { level, finishFlush: zc.Z_SYNC_FLUSH });
      pieces.push(z);
      compressedSize += z.length;
    }
    const end = deflateRawSync(Buffer.alloc(0), { level });
    pieces.push(end);
    compressedSize += end.length;
    await this.addRaw(name, {
      crc,
      size,
      compressedSize,
      write: async (out) => {
        for (const p of pieces) await out.append(p);
      },
    });
  }

  /** A part whose deflate data the caller supplies (assembled from pieces compressed elsewhere). */
  async addRaw(name: string, entry: RawEntry): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8');
    const zip64 = entry.size >= MAX32 || entry.compressedSize >= MAX32;
    const extra = zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(entry.size), 4);
      extra.writeBigUInt64LE(BigInt(entry.compressedSize), 12);
    }
    const h = Buffer.alloc(30);
    h.writeUInt32LE(LOCAL, 0);
    h.writeUInt16LE(zip64 ? 45 : 20, 4);
    h.writeUInt16LE(UTF8_NAMES, 6);
    h.writeUInt16LE(8, 8); // deflate
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(entry.crc >>> 0, 14);
    h.writeUInt32LE(zip64 ? MAX32 : entry.compressedSize, 18);
    h.writeUInt32LE(zip64 ? MAX32 : entry.size, 22);
    h.writeUInt16LE(nameBytes.length, 26);
    h.writeUInt16LE(extra.length, 28);
    const offset = this.offset;
    await this.append(Buffer.concat([h, nameBytes, extra]));
    const start = this.offset;
    await entry.write(this);
    if (this.offset - start !== entry.compressedSize) {
      throw new Error(`zip entry ${name}: wrote ${this.offset - start} bytes, announced ${entry.compressedSize}`);
    }
    this.entries.push({
      name: nameBytes,
      crc: entry.crc >>> 0,
      size: entry.size,
      compressedSize: entry.compressedSize,
      offset,
    });
  }

  /** Writes the central directory and closes the file. */
  async finish(): Promise<void> {
    const cdStart = this.offset;
    for (const e of this.entries) {
      const zip64 = e.size >= MAX32 || e.compressedSize >= MAX32 || e.offset >= MAX32;
      const extra = zip64 ? Buffer.alloc(28) : Buffer.alloc(0);
      if (zip64) {
        extra.writeUInt16LE(0x0001, 0);
        extra.writeUInt16LE(24, 2);
        extra.writeBigUInt64LE(BigInt(e.size), 4);
        extra.writeBigUInt64LE(BigInt(e.compressedSize), 12);
        extra.writeBigUInt64LE(BigInt(e.offset), 20);
      }
      const h = Buffer.alloc(46);
      h.writeUInt32LE(CENTRAL, 0);
      h.writeUInt16LE(zip64 ? 45 : 20, 4); // made by
      h.writeUInt16LE(zip64 ? 45 : 20, 6); // needed
      h.writeUInt16LE(UTF8_NAMES, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(this.stamp.time, 12);
      h.writeUInt16LE(this.stamp.date, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(zip64 ? MAX32 : e.compressedSize, 20);
      h.writeUInt32LE(zip64 ? MAX32 : e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt16LE(extra.length, 30);
      h.writeUInt32LE(zip64 ? MAX32 : e.offset, 42);
      await this.append(Buffer.concat([h, e.name, extra]));
    }
    const cdSize = this.offset - cdStart;
    const needs64 = this.entries.length >= 0xffff || cdStart >= MAX32 || cdSize >= MAX32;
    if (needs64) {
      const rec = Buffer.alloc(56);
      rec.writeUInt32LE(EOCD64, 0);
      rec.writeBigUInt64LE(44n, 4);
      rec.writeUInt16LE(45, 12);
      rec.writeUInt16LE(45, 14);
      rec.writeBigUInt64LE(BigInt(this.entries.length), 24);
      rec.writeBigUInt64LE(BigInt(this.entries.length), 32);
      rec.writeBigUInt64LE(BigInt(cdSize), 40);
      rec.writeBigUInt64LE(BigInt(cdStart), 48);
      const loc = Buffer.alloc(20);
      loc.writeUInt32LE(EOCD64_LOCATOR, 0);
      loc.writeBigUInt64LE(BigInt(this.offset), 8);
      loc.writeUInt32LE(1, 16);
      await this.append(Buffer.concat([rec, loc]));
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(EOCD, 0);
    end.writeUInt16LE(Math.min(this.entries.length, 0xffff), 8);
    end.writeUInt16LE(Math.min(this.entries.length, 0xffff), 10);
    end.writeUInt32LE(Math.min(cdSize, MAX32), 12);
    end.writeUInt32LE(Math.min(cdStart, MAX32), 16);
    await this.append(end);
    await this.fh?.close();
  }

  /** Closes the file without finishing it (the caller removes it). */
  async abort(): Promise<void> {
    await this.fh?.close().catch(() => undefined);
  }
}
