// Row heights fit wrapped Japanese text as Excel shows it (Yu Gothic: 18.75 pt a line at 11 pt; test/helpers/row-fit.ts
// models it apart from the estimate in scripts/xlsx/print.ts), for each writer: the templates (exceljs forms and
// tables), the report tables (audit, merge summaries), the check summary (streamed XML). The merge master and the
// annotated copy are checked on real outputs in test/scripts/print.test.ts.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { templates } from '../../templates/index.js';
import type { FileResult } from '../../scripts/file-result.js';
import { writeSummary } from '../../scripts/summary/summary.js';
import { templateBuffer } from '../../scripts/xlsx/template-writer.js';
import { addTableSheet } from '../../scripts/xlsx/table-sheet.js';
import { excelNeeds, shortRows } from '../helpers/row-fit.js';

const LONG =
  '委託先の監督として、個人データの取扱いを委託する場合は委託先を評価して選定し、契約で安全管理措置を定め、その実施状況を定期的に確認すること。';

describe('row heights for wrapped Japanese text', () => {
  it('the model needs several lines for the long text in a 30-wide column', () => {
    expect(excelNeeds(LONG, 30)).toBeGreaterThanOrEqual(4 * 18.75);
    expect(excelNeeds('短い', 30)).toBe(0);
  });

  it.each(templates.map((t) => [t.id, t] as const))('template %s', async (_, def) => {
    expect(await shortRows(await templateBuffer(def))).toEqual([]);
  });

  it('a report table (audit.xlsx, merge summaries)', async () => {
    const wb = new ExcelJS.Workbook();
    addTableSheet(wb, '一覧', [{ header: '内容', width: 30, value: (r: string) => r }], [LONG, '短い']);
    const rows = await shortRows(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows).toEqual([]);
  });

  it('the check summary workbook', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'daicho-heights-'));
    const result = {
      path: 'returns/ledger.xlsx',
      status: 'invalid',
      template: { id: 'pi-ledger', version: 1 },
      subject: '総務部',
      issues: [
        {
          severity: 'error',
          rule: 'V-REQUIRED',
          sheet: '台帳',
          cell: 'B3',
          field: '部門',
          value: LONG,
          message: { ja: LONG + LONG, en: 'x' },
        },
      ],
    } as unknown as FileResult;
    const out = join(dir, 'summary.xlsx');
    await writeSummary(out, [result], { lang: 'ja', asOf: '2026-12-01', force: false });
    expect(await shortRows(await readFile(out))).toEqual([]);
  });
});
