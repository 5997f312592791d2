// How `daicho merge` summarises checklists: a row per supplier (its latest return) with completion, score, band,
// red flags and section rates, and a follow-up list of every いいえ / 一部実施 answer with its plan.
import { compareIso } from '../model/dates.js';
import { bandLabel, INCOMPLETE } from '../model/score.js';
import { dateCell, T } from '../model/summary.js';
import type { FollowUp, FormSummaryDef, SummaryColumn, SummaryFill, SummaryRow } from '../model/types.js';
import { QUESTIONS, SECTIONS } from './questions.js';

const BAND_FILL: Record<string, SummaryFill> = { A: 'good', B: 'fair', C: 'caution', D: 'bad' };
const qById = new Map(QUESTIONS.map((q) => [q.id, q]));

const section = ({ key, title }: (typeof SECTIONS)[number]): SummaryColumn<SummaryRow> => ({
  label: T(`${key} ${title.ja}`, `${key} ${title.en}`),
  width: 11,
  value: (r) => r.score?.sections.find((x) => x.key === key)?.rate ?? null,
  format: 'percent',
});

const overdue = (fu: FollowUp, asOf: string): boolean => fu.planIso !== null && compareIso(fu.planIso, asOf) < 0;

export const checklistSummary: FormSummaryDef = {
  sheet: T('取引先一覧', 'Suppliers'),
  subject: { name: '会社名', corpNo: '法人番号', date: '回答日', dateLabel: T('回答日', 'Answered on') },
  yearOverYear: true,
  columns: [
    { label: T('会社名', 'Company'), width: 28, value: (r) => r.name || null },
    { label: T('法人番号', 'Corporate no.'), width: 15, value: (r) => r.raw['法人番号'] },
    { label: T('回答日', 'Answered on'), width: 12, value: (r) => dateCell(r.date), format: 'date' },
    { label: T('回答者', 'Respondent'), width: 14, value: (r) => r.raw['回答者氏名'] },
    { label: T('メール', 'E-mail'), width: 26, value: (r) => r.raw['メール'] },
    {
      label: T('回答数', 'Answered'),
      width: 9,
      value: (r) => (r.score ? `${r.score.answered}/${r.score.total}` : null),
    },
    {
      label: T('完了率', 'Completion'),
      width: 9,
      value: (r) => (r.score ? r.score.answered / r.score.total : null),
      format: 'percent',
    },
    { label: T('得点率', 'Score'), width: 9, value: (r) => r.score?.rate ?? null, format: 'percent' },
    {
      label: T('ランク', 'Band'),
      width: 12,
      value: (r, { lang }) => bandLabel(r.score, lang) ?? INCOMPLETE[lang],
      fill: (r) => (typeof r.score?.band === 'string' ? (BAND_FILL[r.score.band] ?? null) : null),
    },
    {
      label: T('重大リスク', 'Red flags'),
      width: 18,
      value: (r) => (r.score?.redFlags.length ? r.score.redFlags.join(', ') : null),
      alert: (r) => Boolean(r.score?.redFlags.length),
    },
    ...SECTIONS.map(section),
    { label: T('要フォロー', 'Follow-ups'), width: 9, value: (r) => r.followUps },
  ],
  followUpSheet: {
    sheet: T('フォローアップ', 'Follow-up'),
    columns: [
      { label: T('会社名', 'Company'), width: 24, value: (x) => x.row.name || null },
      { label: T('項番', 'Clause'), width: 7, value: (x) => x.followUp.id },
      {
        label: T('分類', 'Section'),
        width: 16,
        value: (x, { lang }) => SECTIONS.find((s) => s.key === qById.get(x.followUp.id)?.section)?.title[lang] ?? null,
      },
      { label: T('項目', 'Item'), width: 26, value: (x, { lang }) => qById.get(x.followUp.id)?.title[lang] ?? null },
      {
        label: T('重大', 'Critical'),
        width: 6,
        value: (x) => (x.followUp.critical ? '●' : null),
        alert: (x) => x.followUp.critical,
      },
      {
        label: T('回答', 'Answer'),
        width: 9,
        value: (x) => x.followUp.answer,
        fill: (x) => (x.followUp.answer === '一部実施' ? 'caution' : 'bad'),
      },
      { label: T('取組内容・根拠資料', 'Actions and evidence'), width: 30, value: (x) => x.followUp.evidence },
      {
        label: T('改善予定日', 'Target date'),
        width: 12,
        value: (x) => dateCell(x.followUp.planIso) ?? x.followUp.plan,
        format: 'date',
      },
      {
        label: T('期限超過', 'Overdue'),
        width: 8,
        value: (x, { lang, asOf }) => (overdue(x.followUp, asOf) ? (lang === 'ja' ? '超過' : 'overdue') : null),
        alert: (x, { asOf }) => overdue(x.followUp, asOf),
      },
      { label: T('コメント', 'Comment'), width: 40, value: (x) => x.followUp.comment },
    ],
  },
};
