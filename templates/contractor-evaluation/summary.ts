// How `daicho merge` summarises evaluations: a row per contractor (its latest evaluation) with its certification,
// score, recorded and derived 判定, next evaluation date, contract gaps and failed must-haves.
import { addDays, compareIso } from '../model/dates.js';
import { dateCell, isoOf, T } from '../model/summary.js';
import type { FormSummaryDef, SummaryContext, SummaryRow, Text } from '../model/types.js';

const next = (r: SummaryRow): string | null => isoOf(r.values['次回評価期限']);
/** Whether the next evaluation is overdue, due within 60 days, or later. */
function due(r: SummaryRow, { asOf }: SummaryContext): 'overdue' | 'soon' | 'ok' | null {
  const d = next(r);
  if (!d) return null;
  if (compareIso(d, asOf) < 0) return 'overdue';
  return compareIso(d, addDays(asOf, 60)) <= 0 ? 'soon' : 'ok';
}
const DUE: Record<'overdue' | 'soon' | 'ok', Text> = {
  overdue: T('期限切れ', 'overdue'),
  soon: T('60日以内', 'due within 60 days'),
  ok: T('有効', 'current'),
};
const verdict = (r: SummaryRow): string | null =>
  typeof r.values['判定'] === 'string' ? r.values['判定'] : r.raw['判定'];
const expected = (r: SummaryRow): string | null => (typeof r.score?.['判定'] === 'string' ? r.score['判定'] : null);
const list = (v: unknown): string | null => (Array.isArray(v) && v.length ? v.join(', ') : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const evaluationSummary: FormSummaryDef = {
  sheet: T('委託先一覧', 'Contractors'),
  subject: { name: '委託先名', corpNo: '法人番号', date: '評価日', dateLabel: T('評価日', 'Evaluated on') },
  columns: [
    { label: T('委託先名', 'Contractor'), width: 28, value: (r) => r.name || null },
    { label: T('法人番号', 'Corporate no.'), width: 15, value: (r) => r.raw['法人番号'] },
    { label: T('委託業務の内容', 'Outsourced work'), width: 30, value: (r) => r.raw['委託業務の内容'] },
    { label: T('委託する個人情報', 'Personal information'), width: 30, value: (r) => r.raw['委託する個人情報'] },
    // Version 2 fields (empty for a version 1 evaluation).
    { label: T('データの所在国', 'Data kept in'), width: 14, value: (r) => r.raw['データの所在国'] },
    {
      label: T('委託開始日', 'Outsourcing starts'),
      width: 12,
      value: (r) => dateCell(isoOf(r.values['委託開始日'])),
      format: 'date',
    },
    { label: T('第三者認証', 'Certification'), width: 10, value: (r) => r.raw['第三者認証'] },
    {
      label: T('認証有効期限', 'Certificate valid until'),
      width: 12,
      value: (r) => dateCell(isoOf(r.values['認証有効期限'])),
      format: 'date',
    },
    { label: T('評価区分', 'Kind'), width: 8, value: (r) => r.raw['評価区分'] },
    {
      label: T('評価日', 'Evaluated on'),
      width: 12,
      value: (r) => dateCell(r.date) ?? r.raw['評価日'],
      format: 'date',
    },
    { label: T('評価者', 'Evaluator'), width: 16, value: (r) => r.raw['評価者'] },
    { label: T('得点率', 'Score'), width: 9, value: (r) => num(r.score?.rate), format: 'percent' },
    {
      label: T('判定', 'Decision'),
      width: 11,
      value: verdict,
      fill: (r) =>
        verdict(r) === '合格'
          ? 'good'
          : verdict(r) === '条件付合格'
            ? 'caution'
            : verdict(r) === '不合格'
              ? 'bad'
              : null,
    },
    {
      label: T('判定（得点から）', 'Decision (from score)'),
      width: 11,
      value: expected,
      alert: (r) => Boolean(expected(r) && verdict(r) && expected(r) !== verdict(r)),
    },
    {
      label: T('次回評価期限', 'Next evaluation due'),
      width: 12,
      value: (r) => dateCell(next(r)) ?? r.raw['次回評価期限'],
      format: 'date',
    },
    {
      label: T('期限', 'Due'),
      width: 10,
      value: (r, ctx) => {
        const d = due(r, ctx);
        return d ? DUE[d][ctx.lang] : null;
      },
      fill: (r, ctx) => (due(r, ctx) === 'overdue' ? 'bad' : due(r, ctx) === 'soon' ? 'caution' : null),
    },
    { label: T('契約書保存期限', 'Keep contract until'), width: 14, value: (r) => r.raw['契約書保存期限'] },
    { label: T('契約の不備', 'Contract gaps'), width: 12, value: (r) => list(r.score?.['契約規定なし']) },
    {
      label: T('必須項目の不適合', 'Must-haves failed'),
      width: 12,
      value: (r) => list(r.score?.redFlags),
      alert: () => true,
    },
    { label: T('条件・所見', 'Conditions'), width: 30, value: (r) => r.raw['条件・所見'] },
  ],
};
