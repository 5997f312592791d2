// Draws the add-in's ribbon/store icons (a ledger sheet with a check mark) and writes them as PNGs to assets/.
// Run: node addin/tools/make-icons.mjs — the PNGs are committed, so this only runs when the design changes.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SIZES = [16, 32, 64, 80, 128];

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** RGBA pixels (Uint8Array, width*height*4) → PNG bytes. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Shapes in a unit square (0..1), as signed-distance-like inside tests; drawn back to front.
const GREEN = [0x10, 0x7c, 0x41];
const WHITE = [0xff, 0xff, 0xff];
const LINE = [0x9b, 0xc8, 0xab];
const CHECK = [0xf2, 0xa9, 0x00];

function inRoundRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}
function distToSegment(x, y, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}
function colourAt(x, y, size) {
  // Background tile.
  if (!inRoundRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.16)) return null;
  let c = GREEN;
  // The sheet.
  if (inRoundRect(x, y, 0.2, 0.16, 0.8, 0.86, 0.05)) {
    c = WHITE;
    // Ledger lines (fewer on tiny icons so they stay legible).
    const lines = size <= 16 ? [0.36, 0.56] : [0.32, 0.44, 0.56, 0.68];
    const half = size <= 16 ? 0.045 : 0.025;
    for (const ly of lines) if (Math.abs(y - ly) <= half && x > 0.28 && x < 0.72) c = LINE;
  }
  // Check mark over the lower right.
  const w = size <= 16 ? 0.1 : 0.075;
  if (distToSegment(x, y, 0.46, 0.66, 0.6, 0.8) <= w || distToSegment(x, y, 0.6, 0.8, 0.88, 0.44) <= w) c = CHECK;
  return c;
}

function draw(size) {
  const ss = 4; // supersampling per axis
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = colourAt((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size, size);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const i = (y * size + x) * 4;
      if (a > 0) {
        px[i] = Math.round(r / a);
        px[i + 1] = Math.round(g / a);
        px[i + 2] = Math.round(b / a);
        px[i + 3] = Math.round((255 * a) / (ss * ss));
      }
    }
  }
  return encodePng(size, size, px);
}

mkdirSync(join(root, 'assets'), { recursive: true });
for (const size of SIZES) {
  const file = join(root, 'assets', `icon-${size}.png`);
  writeFileSync(file, draw(size));
  console.log(`wrote ${file}`);
}
