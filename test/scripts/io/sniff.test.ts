import { describe, expect, it } from 'vitest';
import { sniff, type Sniffed } from '../../../scripts/io/sniff.js';
import { UNREADABLE_MESSAGES } from '../../../scripts/io/unreadable.js';
import { buildPackage, cfb, REL_NS, zipParts } from './fixtures.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const codeOf = (s: Sniffed): string => (s.kind === 'unreadable' ? s.code : s.kind);

const xlsx = (): Uint8Array => buildPackage({ sheets: [{ name: 'S', data: '' }] });

describe('sniff', () => {
  it('accepts xlsx and xlsm by the workbook content type', () => {
    expect(sniff(xlsx(), 'a.xlsx')).toEqual({ kind: 'xlsx' });
    const xlsm = buildPackage({
      sheets: [{ name: 'S', data: '' }],
      workbookContentType: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
    });
    expect(sniff(xlsm, 'a.xlsm')).toEqual({ kind: 'xlsm' });
  });

  it('tells encrypted OOXML from legacy .xls inside a CFB container', () => {
    expect(codeOf(sniff(cfb(['EncryptionInfo', 'EncryptedPackage']), 'a.xlsx'))).toBe('encrypted');
    expect(codeOf(sniff(cfb(['Workbook', 'SummaryInformation']), 'a.xls'))).toBe('legacy-xls');
    expect(codeOf(sniff(cfb(['Book']), 'a.xls'))).toBe('legacy-xls');
    expect(codeOf(sniff(cfb(['WordDocument']), 'a.xlsx'))).toBe('not-spreadsheet');
  });

  it('names other zip-based formats', () => {
    const ods = zipParts({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' });
    expect(codeOf(sniff(ods, 'a.ods'))).toBe('ods');
    expect(codeOf(sniff(zipParts({ 'Index/Document.iwa': new Uint8Array(4) }), 'a.numbers'))).toBe('numbers');
    const xlsb = zipParts({
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="${REL_NS}/officeDocument" Target="xl/workbook.bin"/></Relationships>`,
      'xl/workbook.bin': new Uint8Array(8),
    });
    expect(codeOf(sniff(xlsb, 'a.xlsb'))).toBe('xlsb');
    const docx = zipParts({
      '[Content_Types].xml': `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
      '_rels/.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r" Type="${REL_NS}/officeDocument" Target="word/document.xml"/></Relationships>`,
      'word/document.xml': '<document/>',
    });
    expect(codeOf(sniff(docx, 'a.xlsx'))).toBe('not-spreadsheet');
    expect(codeOf(sniff(zipParts({ 'photo.jpg': new Uint8Array(10) }), 'a.xlsx'))).toBe('not-spreadsheet');
    expect(codeOf(sniff(zipParts({}), 'a.xlsx'))).toBe('empty');
  });

  it('reports a zip whose directory is damaged', () => {
    const good = xlsx();
    expect(codeOf(sniff(good.subarray(0, good.length - 40), 'a.xlsx'))).toBe('damaged-zip');
    expect(codeOf(sniff(good.subarray(0, 100), 'a.xlsx'))).toBe('damaged-zip');
  });

  it('names renamed text files and unknown binaries', () => {
    expect(codeOf(sniff(new Uint8Array(0), 'a.xlsx'))).toBe('empty');
    expect(codeOf(sniff(enc('氏名,住所\n山田,東京\n'), 'a.xlsx'))).toBe('csv');
    const sjis = Uint8Array.from([0x8e, 0x81, 0x96, 0xbc, 0x2c, 0x8f, 0x5a, 0x8f, 0x8a, 0x0d, 0x0a]); // 氏名,住所 in Shift_JIS
    expect(codeOf(sniff(sjis, 'export.xls'))).toBe('csv');
    const utf16 = new Uint8Array([
      0xff,
      0xfe,
      ...new Uint8Array(new Uint16Array([...'a\tb\r\n1\t2'].map((c) => c.charCodeAt(0))).buffer),
    ]);
    expect(codeOf(sniff(utf16, 'unicode.txt'))).toBe('csv');
    expect(codeOf(sniff(enc('<html><body><table><tr><td>1</td></tr></table></body></html>'), 'report.xls'))).toBe(
      'html',
    );
    const xml2003 =
      '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>';
    expect(codeOf(sniff(enc(xml2003), 'a.xls'))).toBe('xml-spreadsheet-2003');
    expect(codeOf(sniff(enc('%PDF-1.7\n\x00\x01\x02'), 'a.xlsx'))).toBe('not-spreadsheet');
    expect(codeOf(sniff(enc('just a note'), 'a.xlsx'))).toBe('not-spreadsheet');
    expect(codeOf(sniff(Uint8Array.from([0x09, 0x04, 0x06, 0x00, 0, 0, 0x10, 0]), 'old.xls'))).toBe('legacy-xls');
  });

  it('refuses files over a size limit', () => {
    expect(codeOf(sniff(xlsx(), 'a.xlsx', { maxFileBytes: 100 }))).toBe('too-large');
  });

  it('gives every code one line of Japanese and English', () => {
    for (const [code, m] of Object.entries(UNREADABLE_MESSAGES)) {
      expect(m.ja, code).toMatch(/[ぁ-んァ-ン一-龯]/);
      expect(m.en, code).toMatch(/^[A-Z].*\.$/);
      expect(m.ja.includes('\n') || m.en.includes('\n'), code).toBe(false);
    }
    const s = sniff(cfb(['EncryptedPackage']), 'a.xlsx');
    expect(s.kind === 'unreadable' && s.message.ja).toMatch(/パスワード/);
  });
});
