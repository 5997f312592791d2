// Decide what a file is from its bytes, before any parser touches it.
import { CFB_SIGNATURE, cfbEntryNames, containsUtf16 } from './cfb.js';
import { declaredContentType, findEntry, readPart, readRelationships } from './package.js';
import { UnreadableError, type LocalizedText, type UnreadableCode } from './unreadable.js';
import { readZip, type ZipArchive } from './zip.js';

export type Sniffed =
  { kind: 'xlsx' | 'xlsm' } | { kind: 'unreadable'; code: UnreadableCode; message: LocalizedText; detail?: string };

export interface SniffOptions {
  /** Refuse files larger than this many bytes (default: no limit here; readXlsxFile applies its own). */
  maxFileBytes?: number;
}

export interface SpreadsheetPackage {
  kind: 'xlsx' | 'xlsm';
  zip: ZipArchive;
  /** Part name of the workbook part, e.g. 'xl/workbook.xml' (found through _rels/.rels). */
  workbookPath: string;
}

export function sniff(bytes: Uint8Array, fileName: string, opts: SniffOptions = {}): Sniffed {
  try {
    return { kind: openSpreadsheetPackage(bytes, fileName, opts).kind };
  } catch (e) {
    if (e instanceof UnreadableError)
      return { kind: 'unreadable', code: e.code, message: e.messageText, detail: e.detail };
    throw e;
  }
}

function startsWith(b: Uint8Array, sig: readonly number[]): boolean {
  if (b.length < sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (b[i] !== sig[i]) return false;
  return true;
}

/** Opens a zip that holds an .xlsx/.xlsm workbook; throws UnreadableError naming what the file is otherwise. */
export function openSpreadsheetPackage(bytes: Uint8Array, fileName = '', opts: SniffOptions = {}): SpreadsheetPackage {
  if (bytes.length === 0) throw new UnreadableError('empty');
  if (opts.maxFileBytes !== undefined && bytes.length > opts.maxFileBytes) {
    throw new UnreadableError('too-large', { detail: `${bytes.length} bytes` });
  }
  if (startsWith(bytes, CFB_SIGNATURE)) throw new UnreadableError(classifyCfb(bytes));
  // PK\3\4 local header, PK\5\6 empty archive, PK\7\8 split-archive marker.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && [3, 5, 7].includes(bytes[2]) && bytes[3] === bytes[2] + 1) {
    return classifyZip(readZip(bytes));
  }
  throw new UnreadableError(classifyOther(bytes, fileName));
}

function classifyCfb(bytes: Uint8Array): UnreadableCode {
  const names = cfbEntryNames(bytes)?.map((n) => n.toLowerCase());
  const has = (n: string): boolean => (names ? names.includes(n.toLowerCase()) : containsUtf16(bytes, n));
  if (has('EncryptedPackage') || has('EncryptionInfo')) return 'encrypted';
  if (has('Workbook') || has('Book')) return 'legacy-xls';
  return 'not-spreadsheet';
}

function classifyZip(zip: ZipArchive): SpreadsheetPackage {
  if (zip.byKey.size === 0) throw new UnreadableError('empty', { detail: 'zip archive with no files' });
  if (findEntry(zip, 'mimetype')) {
    const mime = new TextDecoder().decode(readPart(zip, 'mimetype', 4096));
    throw new UnreadableError(mime.includes('opendocument.spreadsheet') ? 'ods' : 'not-spreadsheet', { detail: mime });
  }
  for (const key of zip.byKey.keys()) {
    if ((key.startsWith('index/') && key.endsWith('.iwa')) || key === 'index.zip') throw new UnreadableError('numbers');
  }
  const office = readRelationships(zip, '').find((r) => r.type === 'officeDocument' && !r.external);
  const workbookPath =
    office?.target ?? ['xl/workbook.xml', 'xl/workbook.bin'].find((p) => findEntry(zip, p) !== undefined);
  if (!workbookPath) throw new UnreadableError('not-spreadsheet', { detail: 'zip without a workbook part' });

  const ct = declaredContentType(zip, workbookPath)?.toLowerCase();
  let kind: SpreadsheetPackage['kind'];
  if (workbookPath.toLowerCase().endsWith('.bin') || ct?.includes('sheet.binary')) {
    throw new UnreadableError('xlsb');
  } else if (ct === undefined) {
    if (!workbookPath.toLowerCase().endsWith('.xml'))
      throw new UnreadableError('not-spreadsheet', { detail: workbookPath });
    kind = 'xlsx';
  } else if (ct.includes('ms-excel') && ct.includes('macroenabled')) {
    kind = 'xlsm';
  } else if (ct.includes('spreadsheetml')) {
    kind = 'xlsx';
  } else {
    throw new UnreadableError('not-spreadsheet', { detail: ct });
  }
  if (!findEntry(zip, workbookPath)) throw new UnreadableError('missing-part', { part: workbookPath });
  // Two parts with the same name: readers disagree about which one counts, so we refuse to guess.
  if (zip.duplicates.length)
    throw new UnreadableError('damaged-zip', { detail: `duplicate parts: ${zip.duplicates.join(', ')}` });
  return { kind, zip, workbookPath };
}

function classifyOther(b: Uint8Array, fileName: string): UnreadableCode {
  // Excel 2–4 worksheets are a bare BIFF stream (BOF record 0x0009/0x0209/0x0409), no CFB container.
  if (
    b.length >= 4 &&
    b[0] === 0x09 &&
    [0x00, 0x02, 0x04, 0x08].includes(b[1]) &&
    b[3] === 0 &&
    b[2] >= 4 &&
    b[2] <= 20
  ) {
    return 'legacy-xls';
  }
  const sample = b.subarray(0, 64 * 1024);
  let text: string;
  if ((sample[0] === 0xff && sample[1] === 0xfe) || (sample[0] === 0xfe && sample[1] === 0xff)) {
    text = new TextDecoder(sample[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(sample);
  } else {
    let control = 0;
    for (const c of sample) {
      if (c === 0) return 'not-spreadsheet';
      if (c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 26) control++;
    }
    if (control > sample.length / 100) return 'not-spreadsheet';
    // latin1 keeps every byte as one char: enough to find ASCII markup and delimiters in UTF-8 or Shift_JIS text.
    text = new TextDecoder('latin1').decode(sample);
  }
  const lower = text.toLowerCase();
  const head = lower
    .replace(/^\ufeff/, '')
    .replace(/^ï»¿/, '')
    .trimStart()
    .slice(0, 4096);
  if (head.startsWith('<')) {
    if (lower.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xml-spreadsheet-2003';
    if (lower.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    if (head.includes('<html') || head.includes('<!doctype html') || head.includes('<table')) return 'html';
    return 'not-spreadsheet';
  }
  if (head.startsWith('mime-version:')) return 'html';
  const lines = text.split(/\r\n|\n|\r/, 20);
  if (/\.(csv|tsv|txt)$/i.test(fileName) || lines.some((l) => /[,\t;]/.test(l))) return 'csv';
  return 'not-spreadsheet';
}
