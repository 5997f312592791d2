// Hostile and careless inputs, unit by unit (issue 10 §3–4): terminal escaping, Excel's cell limit, copy names that
// fit 255 bytes, zip directories that are slightly off (tolerated as LibreOffice does), parts that are not UTF-8.
import { describe, expect, it } from 'vitest';
import { annotatedPaths } from '../../../scripts/commands/check.js';
import { cutToBytes, tempPathFor } from '../../../scripts/io/atomic.js';
import { OutputRefusedError, refuseSpecialTarget } from '../../../scripts/io/paths.js';
import { readXlsx } from '../../../scripts/io/read-xlsx.js';
import { UnreadableError } from '../../../scripts/io/unreadable.js';
import { colour, fileLine, findingLines, terminalLine, terminalSafe } from '../../../scripts/report/text.js';
import { EXCEL_MAX_CELL_CHARS, excelText } from '../../../scripts/xlsx/cell-text.js';
import type { FileResult } from '../../../scripts/file-result.js';
import { buildPackage, codeOf } from './fixtures.js';

// eslint-disable-next-line no-control-regex -- what must never reach a terminal
const ACTIVE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('terminal escaping', () => {
  it('escapes C0, DEL, C1, line separators and bidi controls, and leaves other text alone', () => {
    const hostile = 'A\u001b]0;pwned\u0007B\u001b[2J\nC\r\tD\u007f\u009b31m\u2028\u2029\u202a\u202e\u2066\u2069E';
    const safe = terminalSafe(hostile);
    expect(safe).not.toMatch(ACTIVE);
    expect(safe).toBe(
      'A\\x1B]0;pwned\\x07B\\x1B[2J\\nC\\r\\tD\\x7F\\x9B31m\\u2028\\u2029\\u202A\\u202E\\u2066\\u2069E',
    );
    const ordinary = '株式会社さくら梱包 ＡＢＣ 𠮷野家 e\u0301 C:\\returns\\a.xlsx';
    expect(terminalSafe(ordinary)).toBe(ordinary);
  });

  it('lets our own colour sequences through a coloured line, and nothing else', () => {
    const line = `${colour.red('要修正')}  evil\u001b[2J\u001b]0;x\u0007`;
    const out = terminalLine(line, true);
    expect(out.startsWith('\u001b[31m要修正\u001b[0m')).toBe(true);
    expect(out.endsWith('evil\\x1B[2J\\x1B]0;x\\x07')).toBe(true);
    expect(terminalLine(line, false)).not.toMatch(ACTIVE);
  });

  it('escapes file names, sheet names, company names and messages in the report lines', () => {
    const r: FileResult = {
      path: 'returns/bad\nname\u001b[2J.xlsx',
      status: 'invalid',
      template: { id: 'supplier-checklist', version: 1 },
      subject: 'ACME\u001b]0;pwned\u0007',
      issues: [
        {
          rule: 'V-ENUM',
          severity: 'error',
          sheet: 'S\u202eheet',
          cell: 'E25',
          field: null,
          value: 'x\u001b[2J',
          message: { ja: '「x\u001b[2J」は選択肢にありません。', en: '"x\u001b[2J" is not an option.' },
        },
      ],
    };
    for (const lang of ['ja', 'en'] as const) {
      const lines = [fileLine(r, lang), ...findingLines(r, lang)];
      for (const l of lines) expect(l).not.toMatch(ACTIVE);
      expect(lines.join('\n')).toContain('bad\\nname\\x1B[2J.xlsx');
    }
  });
});

describe("Excel's cell limit", () => {
  it('cuts a text longer than 32,767 characters with a marker saying how much, never inside a surrogate pair', () => {
    expect(excelText('短い')).toBe('短い');
    const exact = 'x'.repeat(EXCEL_MAX_CELL_CHARS);
    expect(excelText(exact)).toBe(exact);
    const long = '𠮷'.repeat(30_000); // 60,000 UTF-16 units
    const cut = excelText(long);
    expect(cut.length).toBeLessThanOrEqual(EXCEL_MAX_CELL_CHARS);
    expect(cut).toMatch(/以下 [\d,]+ 文字を省略 \/ [\d,]+ more characters cut/);
    expect(cut).toBe(encodeURIComponent(cut) && cut); // encodeURIComponent throws on a lone surrogate
    const left = Number(/以下 ([\d,]+) 文字/.exec(cut)![1].replace(/,/g, ''));
    expect(cut.indexOf('…［') + left).toBe(long.length);
  });
});

describe('names that fit the file system', () => {
  const bytes = (p: string) => Buffer.byteLength(p.split('/').pop()!);

  it('shortens an annotated copy whose name with " (2)" would pass 255 bytes, keeping every copy unique', () => {
    const name = `${'あ'.repeat(82)}abc.xlsx`; // 254 bytes
    expect(Buffer.byteLength(name)).toBe(254);
    const out = annotatedPaths([`/in/a/${name}`, `/in/b/${name}`, `/in/c/${name}`], '/out');
    expect(out[0]).toBe(`/out/${name}`);
    expect(new Set(out).size).toBe(3);
    for (const p of out) expect(bytes(p)).toBeLessThanOrEqual(255);
    expect(out[1]).toMatch(/ \(2\)\.xlsx$/);
    expect(out[2]).toMatch(/ \(3\)\.xlsx$/);
  });

  it('keeps temporary names within 255 bytes, cut at a character boundary', () => {
    const name = `${'台'.repeat(84)}x.xlsx`; // 258 → not a valid name, but a long one must still give a valid temp
    expect(bytes(tempPathFor(`/o/${name}`) + '.0.rows')).toBeLessThanOrEqual(255);
    expect(cutToBytes('あいう', 7)).toBe('あい');
  });
});

describe('system locations', () => {
  it('refuses /proc, /sys and /dev (by real path), but not /dev/shm or an ordinary folder', () => {
    for (const p of [
      '/proc/self/x.json',
      '/proc/a/b/c',
      '/sys/kernel/x.xlsx',
      '/dev/null',
      '/dev/shm/../x.json',
      '/tmp/../proc/x',
    ]) {
      expect(() => refuseSpecialTarget(p, 'file'), p).toThrow(OutputRefusedError);
    }
    expect(() => refuseSpecialTarget('/proc/copies', 'folder')).toThrow(OutputRefusedError);
    for (const p of ['/dev/shm/daicho-report.json', '/tmp/daicho-none/report.json'])
      expect(() => refuseSpecialTarget(p, 'file'), p).not.toThrow();
  });
});

/** Sets the central directory's declared (uncompressed) size of `part` to what `to` makes of it. */
function declare(bytes: Uint8Array, part: string, to: (size: number) => number): Uint8Array {
  const copy = bytes.slice();
  const dv = new DataView(copy.buffer);
  const name = new TextEncoder().encode(part);
  for (let p = 0; p < copy.length - 46; p++) {
    if (dv.getUint32(p, true) === 0x02014b50 && Buffer.from(copy.subarray(p + 46, p + 46 + name.length)).equals(name)) {
      dv.setUint32(p + 24, to(dv.getUint32(p + 24, true)), true);
    }
  }
  return copy;
}

describe('zip directories and encodings', () => {
  const rows =
    '<row r="1"><c r="A1" t="inlineStr"><is><t>管理番号</t></is></c></row><row r="2"><c r="A2"><v>42</v></c></row>'.repeat(
      50,
    );
  const good = buildPackage({ sheets: [{ name: 'S', data: rows }] });

  it('reads a part whose declared size is off by a few bytes either way, as LibreOffice and Excel do', () => {
    for (const delta of [-3, -1, 1, 7]) {
      const grid = readXlsx(declare(good, 'xl/worksheets/sheet1.xml', (n) => n + delta));
      expect(grid.sheets[0].rows[1][0], `declared ${delta}`).toBe(42);
    }
  });

  it('still stops a part that inflates to many times its declared size', () => {
    expect(codeOf(() => readXlsx(declare(good, 'xl/worksheets/sheet1.xml', (n) => Math.floor(n / 50))))).toBe(
      'zip-bomb',
    );
  });

  it('refuses a part that is not valid UTF-8, naming the cause, as Excel refuses the file', () => {
    const sst = Buffer.concat([
      Buffer.from(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>株式会社`,
      ),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('</t></si></sst>'),
    ]);
    const bytes = buildPackage({
      sharedStrings: ['x'],
      sheets: [{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }],
      extra: { 'xl/sharedStrings.xml': sst },
    });
    expect(codeOf(() => readXlsx(bytes))).toBe('bad-encoding');
    let err: UnreadableError | null = null;
    try {
      readXlsx(bytes);
    } catch (e) {
      err = e as UnreadableError;
    }
    expect(err!.part).toBe('xl/sharedStrings.xml');
    expect(err!.messageText.ja).toMatch(/UTF-8/);
    expect(err!.messageText.en).toMatch(/invalid UTF-8/);
  });
});
