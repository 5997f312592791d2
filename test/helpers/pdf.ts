// Printing a workbook as a user would, and reading the print back: LibreOffice converts .xlsx files to PDF (one run
// for many files, private profile), poppler's pdftotext gives every word with its box, pdftoppm the pixels. Each page
// is attributed to the sheet named in its header (our page header prints the sheet name at the left).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function canPrint(): boolean {
  return existsSync('/usr/bin/soffice') && existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm');
}

export interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

export interface Page {
  width: number;
  height: number;
  /** Sheet name from the page header ('' when the page has none). */
  sheet: string;
  /** Words between the header and footer margins. */
  words: Word[];
}

/** Convert the files to PDF in one LibreOffice run; returns each input's PDF path (by input path). */
export async function printToPdf(files: readonly string[]): Promise<Map<string, string>> {
  const work = await mkdtemp(join(tmpdir(), 'daicho-print-'));
  const out = join(work, 'pdf');
  await run(
    'soffice',
    [
      `-env:UserInstallation=file://${work}/profile`,
      '--headless',
      '--norestore',
      '--convert-to',
      'pdf',
      '--outdir',
      out,
      ...files,
    ],
    { timeout: 300_000 },
  );
  const map = new Map<string, string>();
  for (const f of files) {
    const pdf = join(out, basename(f).replace(/\.xlsx$/, '.pdf'));
    if (!existsSync(pdf)) throw new Error(`LibreOffice wrote no PDF for ${f}`);
    map.set(f, pdf);
  }
  return map;
}

const unescape = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** Our page header and footer print 0.3 inch (21.6 pt) from the paper's edge; the body starts at 0.6 inch or lower. */
const EDGE_ZONE = 26;

export async function readPdf(pdf: string): Promise<Page[]> {
  const { stdout } = await run('pdftotext', ['-bbox', pdf, '-'], { maxBuffer: 256 << 20 });
  const pages: Page[] = [];
  for (const m of stdout.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const width = Number(m[1]);
    const height = Number(m[2]);
    const all: Word[] = [
      ...m[3].matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/word>/g),
    ].map((w) => ({
      x0: Number(w[1]),
      y0: Number(w[2]),
      x1: Number(w[3]),
      y1: Number(w[4]),
      text: unescape(w[5]),
    }));
    const sheet = all
      .filter((w) => w.y0 < EDGE_ZONE && w.x1 < width / 2)
      .sort((a, b) => a.x0 - b.x0)
      .map((w) => w.text)
      .join('');
    pages.push({ width, height, sheet, words: all.filter((w) => w.y0 >= EDGE_ZONE && w.y1 < height - 25) });
  }
  return pages;
}

const strip = (s: string): string => s.replace(/\s+/g, '');

/**
 * Whether `value` is printed whole on one of the pages: a run of words that spell it, each the next on the same line
 * or on the line below within the same column (a wrapped cell).
 */
export function printed(value: string, pages: readonly Page[]): boolean {
  const target = strip(value);
  if (!target) return true;
  for (const p of pages) {
    const follow = (first: Word, prev: Word, got: string): boolean => {
      if (got === target) return true;
      const rest = target.slice(got.length);
      const h = prev.y1 - prev.y0;
      for (const w of p.words) {
        const t = strip(w.text);
        if (!t || !rest.startsWith(t)) continue;
        const sameLine = Math.abs(w.y0 - prev.y0) < h * 0.3 && w.x0 >= prev.x1 - 1 && w.x0 - prev.x1 < 20;
        const nextLine =
          w.y0 > prev.y0 + h * 0.4 && w.y0 < prev.y1 + h * 0.8 && w.x0 < first.x1 + 80 && w.x1 > first.x0 - 80;
        if ((sameLine || nextLine) && follow(first, w, got + t)) return true;
      }
      return false;
    };
    for (const w of p.words) {
      const t = strip(w.text);
      if (t && target.startsWith(t) && follow(w, w, t)) return true;
    }
  }
  return false;
}

/** Pairs of words printed over each other (more than half a line's height in common): overprinted rows. */
export function overprints(page: Page): [Word, Word][] {
  const out: [Word, Word][] = [];
  const ws = page.words;
  for (let a = 0; a < ws.length; a++) {
    for (let b = a + 1; b < ws.length; b++) {
      const x = ws[a];
      const y = ws[b];
      const ix = Math.min(x.x1, y.x1) - Math.max(x.x0, y.x0);
      const iy = Math.min(x.y1, y.y1) - Math.max(x.y0, y.y0);
      if (ix > 1 && iy > 0.5 * Math.min(x.y1 - x.y0, y.y1 - y.y0)) out.push([x, y]);
    }
  }
  return out;
}

/** The height most words of a page have at the 90th percentile (pt): the body text's, titles and hints aside. */
export function textHeight(page: Page): number {
  const hs = page.words.map((w) => w.y1 - w.y0).sort((a, b) => a - b);
  return hs.length ? hs[Math.floor(hs.length * 0.9)] : 0;
}

/** A page rendered in grey at 72 dpi (one pixel a point). */
export interface Raster {
  width: number;
  height: number;
  pixels: Uint8Array;
}

export async function rasterPage(pdf: string, page: number): Promise<Raster> {
  const { stdout } = await run('pdftoppm', ['-gray', '-r', '72', '-f', String(page), '-l', String(page), pdf], {
    encoding: 'buffer',
    maxBuffer: 64 << 20,
  });
  const buf = stdout as unknown as Buffer;
  // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte a pixel.
  const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (!head) throw new Error('pdftoppm: not a PGM');
  const width = Number(head[1]);
  const height = Number(head[2]);
  return { width, height, pixels: buf.subarray(head[0].length, head[0].length + width * height) };
}

/** Lightest minus darkest grey inside a word's box: 0 when the word is invisible (white on white). */
export function contrast(r: Raster, w: Word): number {
  let lo = 255;
  let hi = 0;
  for (let y = Math.floor(w.y0) + 1; y < Math.ceil(w.y1) - 1 && y < r.height; y++) {
    for (let x = Math.floor(w.x0) + 1; x < Math.ceil(w.x1) - 1 && x < r.width; x++) {
      const v = r.pixels[y * r.width + x];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return hi - lo;
}
