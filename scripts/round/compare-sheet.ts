// The sheet 前回比較 / "Compared with last round" of 回収状況.xlsx (status --previous) and of the supplier summary
// (merge --previous): the columns of a year-over-year comparison, after the caller's own (supplier code, company).
import { basename } from 'node:path';
import type { Lang, Text } from '../../templates/model/types.js';
import type { TableBook } from '../xlsx/table-book.js';
import type { TableColumn } from '../xlsx/table-sheet.js';
import { compareReturns, needsReview, type AnswerChange, type Side, type YearOverYear } from './compare.js';
import type { Planned } from './plan.js';
import { matchReturns, STATE_TEXT, type Return, type State, type SupplierRow } from './status.js';

export const COMPARE_SHEET: Record<Lang, string> = { ja: '前回比較', en: 'Compared with last round' };

const BAND_MOVE: Record<NonNullable<YearOverYear['band']>, Text> = {
  up: { ja: '上昇', en: 'up' },
  down: { ja: '低下', en: 'down' },
  same: { ja: '変化なし', en: 'same' },
};
const ANSWER_EN: Record<string, string> = { はい: 'Yes', 一部実施: 'Partly', いいえ: 'No', 該当なし: 'N/A' };
const RED = { color: { argb: 'FF9C0006' }, bold: true };
const PINK = 'FFFFC7CE';
const GREEN = 'FFC6EFCE';

const answer = (a: string | null, lang: Lang): string =>
  a === null ? (lang === 'ja' ? '未回答' : 'none') : lang === 'ja' ? a : (ANSWER_EN[a] ?? a);
const change = (c: AnswerChange, lang: Lang): string => `${c.id} ${answer(c.before, lang)}→${answer(c.after, lang)}`;

/** Columns of the comparison; `yoy` gives each row's comparison. With the caller's first columns they stay within
 * one landscape A4 page at the smallest print scale (scripts/xlsx/print.ts), so a row prints on one page. */
export function comparisonColumns<T>(yoy: (row: T) => YearOverYear, lang: Lang): TableColumn<T>[] {
  const ja = lang === 'ja';
  const rate = (r: T, side: 'before' | 'after') => {
    const s = yoy(r)[side]?.score;
    return s && s.complete !== false && typeof s.rate === 'number' ? s.rate : null;
  };
  const lines = (xs: string[]) => (xs.length ? xs.join('\n') : null);
  return [
    {
      header: ja ? '前回の回答' : 'Last round file',
      width: 18,
      value: (r) => {
        const b = yoy(r).before;
        return b ? basename(b.path) : ja ? '（前回の回答なし）' : '(none last round)';
      },
    },
    { header: ja ? '前回 得点率' : 'Score last round', width: 9, value: (r) => rate(r, 'before'), fmt: '0.0%' },
    { header: ja ? '前回 ランク' : 'Band last round', width: 8, value: (r) => yoy(r).bandBefore },
    { header: ja ? '今回 得点率' : 'Score this round', width: 9, value: (r) => rate(r, 'after'), fmt: '0.0%' },
    { header: ja ? '今回 ランク' : 'Band this round', width: 8, value: (r) => yoy(r).bandAfter },
    {
      header: ja ? '得点率の増減' : 'Score change',
      width: 9,
      value: (r) => yoy(r).rateChange,
      fmt: '+0.0%;-0.0%;0.0%',
    },
    {
      header: ja ? 'ランクの変化' : 'Band change',
      width: 9,
      value: (r) => {
        const m = yoy(r).band;
        return m ? BAND_MOVE[m][lang] : null;
      },
      fill: (r) => (yoy(r).band === 'down' ? PINK : yoy(r).band === 'up' ? GREEN : null),
    },
    {
      header: ja ? '根拠のない改善' : 'Improved without evidence',
      width: 20,
      value: (r) => lines(yoy(r).unevidenced.map((c) => change(c, lang))),
      font: (r) => (yoy(r).unevidenced.length ? RED : null),
    },
    {
      header: ja ? '改善予定日を過ぎて未改善' : 'Target date passed, not improved',
      width: 24,
      value: (r) =>
        lines(
          yoy(r).lapsed.map((c) =>
            ja ? `${change(c, lang)}（予定日 ${c.plan}）` : `${change(c, lang)} (target ${c.plan})`,
          ),
        ),
      font: (r) => (yoy(r).lapsed.length ? RED : null),
    },
    {
      header: ja ? '新たな重大リスク' : 'New red flags',
      width: 12,
      value: (r) => yoy(r).newRedFlags.join(', ') || null,
      font: () => RED,
    },
    {
      header: ja ? '解消した重大リスク' : 'Red flags cleared',
      width: 12,
      value: (r) => yoy(r).clearedRedFlags.join(', ') || null,
    },
    {
      header: ja ? '要確認' : 'Review',
      width: 7,
      value: (r) => (needsReview(yoy(r)) ? '●' : null),
      font: () => RED,
    },
  ];
}

/** The terminal's summary of a comparison: how many suppliers moved, and how many need a look. */
export function comparisonLine(all: readonly YearOverYear[], lang: Lang): string {
  const both = all.filter((c) => c.before && c.after);
  const n = (f: (c: YearOverYear) => boolean) => both.filter(f).length;
  const up = n((c) => c.band === 'up');
  const down = n((c) => c.band === 'down');
  const unev = n((c) => c.unevidenced.length > 0);
  const lapsed = n((c) => c.lapsed.length > 0);
  const flags = n((c) => c.newRedFlags.length > 0);
  return lang === 'ja'
    ? `前回比較: 前回と今回の回答がある取引先 ${both.length} 社 — ランク上昇 ${up}、低下 ${down}、根拠のない改善 ${unev}、改善予定日を過ぎて未改善 ${lapsed}、新たな重大リスク ${flags}`
    : `Compared with last round: ${both.length} suppliers answered both — band up ${up}, down ${down}, improved without evidence ${unev}, target date passed without improvement ${lapsed}, new red flags ${flags}`;
}

/** A return as one side of a comparison. */
export const sideOf = (r: Return | null | undefined): Side | null =>
  r ? { path: r.path, score: r.result.score ?? null, answers: r.answers ?? {} } : null;

/** A supplier of this round with its comparison to the last round. */
export interface Compared {
  row: SupplierRow;
  yoy: YearOverYear;
}

/** status --previous: the last round's returns matched to the same list (whatever their round), each supplier compared. */
export function compareSuppliers(
  planned: readonly Planned[],
  rows: readonly SupplierRow[],
  previous: readonly Return[],
  asOf: string,
): Compared[] {
  const before = new Map(matchReturns(planned, previous, null).suppliers.map((s) => [s.planned, s.ret]));
  return rows.map((row) => ({ row, yoy: compareReturns(sideOf(before.get(row.planned)), sideOf(row.ret), asOf) }));
}

/** 回収状況.xlsx's sheet 前回比較: code, company and this round's status, then the comparison. */
export function addComparisonSheet(
  book: TableBook,
  compared: readonly Compared[],
  lang: Lang,
  fill: (s: State) => string,
): void {
  const ja = lang === 'ja';
  const columns: TableColumn<Compared>[] = [
    { header: ja ? '取引先コード' : 'Supplier code', width: 12, value: (c) => c.row.planned.supplier.code },
    { header: ja ? '会社名' : 'Company', width: 18, value: (c) => c.row.planned.supplier.company },
    {
      header: ja ? '状況' : 'Status',
      width: 12,
      value: (c) => STATE_TEXT[c.row.state][lang],
      fill: (c) => fill(c.row.state),
    },
    ...comparisonColumns<Compared>((c) => c.yoy, lang),
  ];
  book.addSheet(COMPARE_SHEET[lang], columns, compared);
}
