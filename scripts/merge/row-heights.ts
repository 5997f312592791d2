// A master row whose 統合メモ turns out taller than the row: the notes are decided after the rows were written and
// deflated (a note can name a later duplicate or conflict), so the sheet's rows are inflated once more, those rows'
// heights raised, and deflated again into another temporary file. Streamed: memory stays at a few buffers.
import { createWriteStream } from 'node:fs';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants as zc, crc32, createDeflateRaw, createInflateRaw } from 'node:zlib';

export interface DeflatedRows {
  path: string;
  /** CRC-32 and length of the rows' XML; length of the deflated bytes (sync-flushed pieces, no final block). */
  crc: number;
  size: number;
  compressed: number;
}

const ROW = /<row r="(\d+)"(?: ht="([\d.]+)" customHeight="1")?>/g;

/**
 * The rows of `src` (deflated: sync-flushed pieces without a final block, in chunks) with each row of `heights` (row
 * number → points) at least that tall, written to `out` as a deflate stream that ends in a sync flush like the input
 * (so the sheet's head and tail still join it).
 */
export async function raiseRowHeights(
  src: AsyncIterable<Uint8Array>,
  heights: ReadonlyMap<number, number>,
  out: string,
  level: number,
): Promise<DeflatedRows> {
  let crc = 0;
  let size = 0;
  let compressed = 0;
  let carry = '';
  // Bytes as latin1 text: one character a byte, so a UTF-8 character cut between chunks passes through intact.
  const edit = (text: string): string =>
    text.replace(ROW, (tag, r: string, ht: string | undefined) => {
      const want = heights.get(Number(r)) ?? 0;
      return want > Number(ht ?? 0) ? `<row r="${r}" ht="${want}" customHeight="1">` : tag;
    });
  const emit = (t: Transform, text: string): void => {
    if (!text) return;
    const bytes = Buffer.from(text, 'latin1');
    crc = crc32(bytes, crc);
    size += bytes.length;
    t.push(bytes);
  };
  const rows = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      const text = carry + chunk.toString('latin1');
      // Hold back from the last tag that may be cut off.
      const cut = text.lastIndexOf('<');
      carry = cut < 0 ? '' : text.slice(cut);
      emit(this, edit(cut < 0 ? text : text.slice(0, cut)));
      done();
    },
    flush(done: TransformCallback) {
      emit(this, edit(carry));
      done();
    },
  });
  const counted = new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      compressed += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(
    Readable.from(src),
    // The input has no final block: inflate what there is without asking for the end of the stream.
    createInflateRaw({ finishFlush: zc.Z_SYNC_FLUSH }),
    rows,
    createDeflateRaw({ level, finishFlush: zc.Z_SYNC_FLUSH }),
    counted,
    createWriteStream(out, { flags: 'wx' }),
  );
  return { path: out, crc, size, compressed };
}
