// merge --previous: the supplier summary's sheet 前回比較 / "Compared with last round". Each supplier of the summary
// (its latest return) is matched to its return of the last round by status's matcher — the supplier code in the
// marker, then 法人番号, then the folded company name — and compared (round/compare.ts).
import type { Lang, Score } from '../../templates/model/types.js';
import { compareReturns, type Answers, type YearOverYear } from '../round/compare.js';
import { COMPARE_SHEET, comparisonColumns, sideOf } from '../round/compare-sheet.js';
import { later, matcher, type Return } from '../round/status.js';
import type { TableBook } from '../xlsx/table-book.js';

/** The last round's returns (read as status reads them), and who hears of the comparison. */
export interface PreviousRound {
  returns: readonly Return[];
  report?(compared: readonly YearOverYear[]): void;
}

/** What the sheet needs of a summary row. */
export interface ThisRound {
  company: string;
  corpNo: string | null;
  code: string | null;
  path: string;
  score: Score | null;
  answers: Answers;
}

export function previousSheet<T>(
  book: TableBook,
  rows: readonly T[],
  now: (row: T) => ThisRound,
  previous: PreviousRound,
  asOf: string,
  lang: Lang,
): void {
  const match = matcher(rows, now);
  const before = new Map<T, Return>();
  for (const r of previous.returns) {
    if (r.result.template?.id !== 'supplier-checklist') continue;
    const m = match({ code: r.marker?.distribution?.supplier ?? null, corpNo: r.corpNo, company: r.company });
    const had = m && before.get(m.subject);
    if (m && (!had || later(r, had))) before.set(m.subject, r);
  }
  const compared = rows.map((row) => {
    const b = before.get(row);
    const n = now(row);
    return {
      row,
      yoy: compareReturns(sideOf(b), { path: n.path, score: n.score, answers: n.answers }, asOf),
    };
  });
  const ja = lang === 'ja';
  book.addSheet(
    COMPARE_SHEET[lang],
    [
      { header: ja ? '会社名' : 'Company', width: 24, value: (c) => now(c.row).company || null },
      { header: ja ? '法人番号' : 'Corporate no.', width: 14, value: (c) => now(c.row).corpNo },
      ...comparisonColumns<(typeof compared)[number]>((c) => c.yoy, lang),
    ],
    compared,
  );
  previous.report?.(compared.map((c) => c.yoy));
}
