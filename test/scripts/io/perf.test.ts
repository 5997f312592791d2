// Hot-path measurements; opt-in because they take tens of seconds and a lot of memory:
//   DAICHO_PERF=1 npx vitest run test/scripts/io/perf.test.ts
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../../scripts/io/read-xlsx.js';
import { buildPackage, stylesXml } from './fixtures.js';

const col = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : 'A' + String.fromCharCode(65 + i - 26));

function ledger(rows: number, cols: number): Uint8Array {
  const strings = Array.from({ length: 1000 }, (_, i) => `株式会社サンプル${i}（東京都千代田区）`);
  const parts: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < cols; c++) {
      const a = `${col(c)}${r}`;
      if (c % 3 === 0) row += `<c r="${a}" t="s"><v>${(r * 7 + c) % 1000}</v></c>`;
      else if (c % 3 === 1) row += `<c r="${a}" s="1"><v>${45000 + (r % 365)}</v></c>`;
      else row += `<c r="${a}"><v>${r * c}</v></c>`;
    }
    parts.push(`${row}</row>`);
  }
  return buildPackage({
    sharedStrings: strings,
    styles: stylesXml({}, [0, 14]),
    sheets: [{ name: '台帳', data: parts.join('') }],
  });
}

describe.runIf(process.env.DAICHO_PERF)('read path performance', () => {
  it('reads a 100,000 × 30 ledger', () => {
    const bytes = ledger(100_000, 30);
    const t0 = performance.now();
    const grid = readXlsx(bytes);
    const ms = performance.now() - t0;
    const mem = process.memoryUsage();
    console.log(
      `100k×30: ${(bytes.length / 1e6).toFixed(1)} MB zip, ${ms.toFixed(0)} ms, heap ${(mem.heapUsed / 1e6).toFixed(0)} MB, rss ${(mem.rss / 1e6).toFixed(0)} MB`,
    );
    expect(grid.sheets[0].rows).toHaveLength(100_000);
    expect(grid.sheets[0].rows[99_999]).toHaveLength(30);
  }, 300_000);

  it('reads 5,000 small checklists', () => {
    const bytes = ledger(60, 8);
    for (let i = 0; i < 200; i++) readXlsx(bytes); // warm up
    const t0 = performance.now();
    for (let i = 0; i < 5000; i++) readXlsx(bytes);
    const ms = performance.now() - t0;
    console.log(`5,000 × (60×8): ${ms.toFixed(0)} ms, ${(ms / 5000).toFixed(3)} ms per file (one thread)`);
  }, 300_000);
});
