// Department ledgers for the merge tests, filled by another producer (openpyxl) into our blank template, and the
// checks that relate a master's findings to its inputs' through the provenance columns.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateWorkbook } from '../../../templates/index.js';
import { cellAt, columnLetter, parseAddress, type Grid } from '../../../templates/model/grid.js';
import { FIRST_DATA_ROW, HEADER_ROW, PROVENANCE_COLUMNS } from '../../../templates/model/layout.js';
import { cellText } from '../../../templates/model/normalise.js';
import type { Issue, TableSheetDef, TemplateDef } from '../../../templates/model/types.js';
import { piLedger } from '../../../templates/pi-ledger/index.js';
import { STAGES } from '../../../templates/pi-ledger/sheets.js';
import { readXlsxFile } from '../../../scripts/io/read-xlsx.js';
import { templateBuffer } from '../../../scripts/xlsx/template-writer.js';
import type { CellFill } from '../../helpers/producers.js';

export const AS_OF = '2026-11-20';

/** Texts a careless writer or reader would change. */
export const TRICKY = [
  '𠮷野家の𩸽（ほっけ）定食と𠀋',
  'か\u3099き\u3099く\u3099（結合文字の濁点）',
  '神\uFA19﨑髙 互換漢字',
  '①②③ ㈱見本 ㍻ ｶﾀｶﾅ ＡＢＣ１２３',
  '\u3000全角空白で始まり終わる\u3000',
  '  前後に半角空白  ',
  '一行目\n二行目\n\n四行目',
  '復帰\r\n改行',
  '_x0041_ と _x005F_ はそのまま',
  '<タグ> & "引用" \'単一\' &amp;',
  'タブ\t区切り',
  '📋台帳👨‍👩‍👧 絵文字',
  '長い文字列'.repeat(400),
];

export type Row = Record<string, string | number | null>;

const NO = 'いいえ';

/** A ledger row that passes every rule, with the given fields changed. */
export function ledgerRow(id: string, dept: string, over: Row = {}): Row {
  return {
    管理番号: id,
    部門: dept,
    管理責任者: `${dept}長 山田 太郎`,
    業務名: '給与計算',
    個人情報の名称: `${id} 従業者名簿`,
    個人情報の項目: '氏名、住所、電話番号',
    本人区分: '従業者',
    件数: 120,
    媒体: '電子',
    取得形態: '本人から直接書面で取得',
    利用目的: '給与・賞与の計算及び支払並びに社内連絡',
    要配慮個人情報: NO,
    特定個人情報: NO,
    開示対象: 'はい',
    同意: '書面で取得済',
    保管場所: '人事システム（クラウド）',
    保管方法: 'アクセス制御',
    アクセス権者: `${dept}員`,
    利用期限: '退職後1年',
    保管期限: '退職後7年',
    廃棄方法: 'データ消去',
    委託: NO,
    第三者提供: NO,
    共同利用: NO,
    外国第三者提供: NO,
    最終確認日: 'date:2026-04-10',
    確認者: '佐藤 花子',
    // Version 2's columns (a version 1 layout leaves them out).
    取得元: '本人',
    '明示・通知・公表の方法': '入社時の「個人情報の取扱いについて」（同意書）',
    データの所在国: '日本',
    ...over,
  };
}

/** The five risk rows of a ledger row (minus `omit`). */
export function riskRows(id: string, omit: string[] = []): Row[] {
  return STAGES.filter((s) => !omit.includes(s.value)).map((s) => ({
    管理番号: id,
    局面: s.value,
    リスク区分: '漏えい',
    想定されるリスク: `${s.value}時の漏えい`,
    固有リスク: '中',
    対策: `${s.value}の手順を定めて記録する`,
    残留リスク: '低',
  }));
}

/** openpyxl cell values for a ledger (of `def`'s version): rows from row 3, optional extra columns after the template's. */
export function ledgerFill(
  ledger: Row[],
  risks: Row[],
  extra: { label: string; values: (string | null)[] }[] = [],
  def: TemplateDef = piLedger,
): CellFill {
  const [ledger_, risk_] = def.sheets as readonly TableSheetDef[];
  const fill: CellFill = { [ledger_.name]: {}, [risk_.name]: {} };
  const put = (sheet: string, fields: readonly { key: string }[], rows: Row[]) =>
    rows.forEach((row, i) => {
      fields.forEach((f, c) => {
        const v = row[f.key];
        if (v !== undefined && v !== null) fill[sheet][`${columnLetter(c)}${FIRST_DATA_ROW + 1 + i}`] = v;
      });
    });
  put(ledger_.name, ledger_.fields, ledger);
  put(risk_.name, risk_.fields, risks);
  extra.forEach((e, k) => {
    const c = columnLetter(ledger_.fields.length + k);
    fill[ledger_.name][`${c}${HEADER_ROW + 1}`] = e.label;
    e.values.forEach((v, i) => {
      if (v !== null) fill[ledger_.name][`${c}${FIRST_DATA_ROW + 1 + i}`] = v;
    });
  });
  return fill;
}

export async function blankLedger(dir: string): Promise<string> {
  const path = join(dir, 'blank-pi-ledger.xlsx');
  await writeFile(path, await templateBuffer(piLedger));
  return path;
}

export async function checkFile(path: string) {
  const grid = await readXlsxFile(path);
  return { grid, v: validateWorkbook(grid, { asOf: AS_OF }) };
}

/** Where a master row came from: its 取込元ファイル and 取込元行. */
export function provenance(
  grid: Grid,
  sheet: string,
  row0: number,
): { file: string | null; row: string | null; note: string | null } {
  const s = grid.sheets.find((x) => x.name === sheet)!;
  const header = s.rows[HEADER_ROW] ?? [];
  const colOf = (label: string) => header.findIndex((v) => cellText(v ?? null)?.replace('※', '') === label);
  const get = (label: string) => {
    const c = colOf(label);
    return c < 0 ? null : cellText(cellAt(s, row0, c));
  };
  return {
    file: get(PROVENANCE_COLUMNS.file.ja),
    row: get(PROVENANCE_COLUMNS.row.ja),
    note: get(PROVENANCE_COLUMNS.note.ja),
  };
}

const sig = (i: Issue) => `${i.rule}|${i.sheet ?? ''}|${i.field ?? ''}`;

/**
 * Master findings that no input had: each finding on a record row is traced to its source file and row through the
 * provenance columns and must be there with the same rule, sheet and field; a finding elsewhere (a header, a sheet)
 * must occur in some input with the same rule and value.
 */
export function newFindings(master: { grid: Grid; issues: Issue[] }, inputs: Map<string, Issue[]>): Issue[] {
  const all = [...inputs.values()].flat();
  return master.issues.filter((i) => {
    const row0 = i.cell ? parseAddress(i.cell).row : -1;
    if (i.sheet && row0 > HEADER_ROW) {
      const p = provenance(master.grid, i.sheet, row0);
      const src = p.file ? inputs.get(p.file) : undefined;
      if (!src) return true;
      return !src.some((s) => sig(s) === sig(i) && s.cell !== null && String(parseAddress(s.cell).row + 1) === p.row);
    }
    return !all.some((s) => s.rule === i.rule && s.sheet === i.sheet && s.value === i.value);
  });
}
