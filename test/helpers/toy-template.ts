// A toy fifth template, defined here only: a store inspection (店舗点検), one store per workbook — a form, three
// inspection items answered 良 / 否, a score, the 否 answers to follow up, a merge summary and an audit area. It
// proves the definition is the one place a template lives: registered in a test (registerTemplate), it goes through
// check, annotate, merge, audit and the pane with no other file changed.
import type {
  FollowUp,
  FormSheetDef,
  QuestionDef,
  QuestionSheetDef,
  ReadResult,
  RuleContext,
  Score,
  TemplateDef,
} from '../../templates/model/types.js';

export const FORM = '点検票';
export const ITEMS = '点検項目';
const RESULT = '結果';
const PLAN = '是正予定日';
const NOTE = 'メモ';

const form: FormSheetDef = {
  name: FORM,
  title: { ja: '点検票', en: 'Inspection' },
  kind: 'form',
  fields: [
    { key: '店舗名', label: { ja: '店舗名', en: 'Store' }, type: { kind: 'text' }, required: true, width: 30 },
    { key: '点検日', label: { ja: '点検日', en: 'Inspected on' }, type: { kind: 'date' }, required: true },
    { key: '点検者', label: { ja: '点検者', en: 'Inspector' }, type: { kind: 'text' }, required: true },
  ],
};

const questions: readonly QuestionDef[] = [
  {
    id: 'T-1',
    section: '安全',
    title: { ja: '消火器', en: 'Fire extinguishers' },
    question: { ja: '消火器は点検期限内ですか。', en: 'Are the fire extinguishers within their inspection date?' },
    critical: true,
  },
  {
    id: 'T-2',
    section: '安全',
    title: { ja: '避難経路', en: 'Escape routes' },
    question: { ja: '避難経路に物を置いていませんか。', en: 'Are the escape routes clear?' },
  },
  {
    id: 'T-3',
    section: '衛生',
    title: { ja: '手洗い設備', en: 'Hand washing' },
    question: { ja: '手洗い設備に石けんがありますか。', en: 'Is there soap at every wash basin?' },
  },
];

const items: QuestionSheetDef = {
  name: ITEMS,
  title: { ja: '点検項目', en: 'Inspection items' },
  kind: 'questions',
  sections: [
    { key: '安全', title: { ja: '安全', en: 'Safety' } },
    { key: '衛生', title: { ja: '衛生', en: 'Hygiene' } },
  ],
  questions,
  fields: [
    {
      key: RESULT,
      label: { ja: '結果', en: 'Result' },
      type: {
        kind: 'enum',
        options: [
          { value: '良', en: 'Good', synonyms: ['○'] },
          { value: '否', en: 'Not good', synonyms: ['×'] },
        ],
      },
      width: 8,
    },
    { key: PLAN, label: { ja: '是正予定日', en: 'Fix by' }, type: { kind: 'date' }, width: 14 },
    { key: NOTE, label: { ja: 'メモ', en: 'Note' }, type: { kind: 'text' }, width: 30 },
  ],
  criticalLabel: { ja: '重要', en: 'key' },
};

function score(ctx: RuleContext): Score {
  const answers = ctx.rows(ITEMS).map((r) => r.values[RESULT]);
  const answered = answers.filter((a) => a === '良' || a === '否').length;
  const points = answers.filter((a) => a === '良').length;
  const total = questions.length;
  const complete = answered === total;
  return {
    rate: complete ? points / total : null,
    points,
    max: total,
    answered,
    total,
    sections: [],
    redFlags: [],
    complete,
    provisionalRate: answered ? points / answered : null,
  };
}

function followUps(data: ReadResult): FollowUp[] {
  return (data.sheets[ITEMS] ?? []).flatMap((rec) => {
    const q = questions.find((x) => x.id === rec.id);
    if (!q || rec.values[RESULT] !== '否') return [];
    const plan = rec.values[PLAN];
    return [
      {
        id: q.id,
        sheet: rec.sheet,
        cell: rec.cells[RESULT] ?? null,
        critical: q.critical === true,
        answer: '否',
        evidence: null,
        plan: rec.raw[PLAN] ?? null,
        planIso: typeof plan === 'string' ? plan : null,
        comment: rec.raw[NOTE] ?? null,
      },
    ];
  });
}

export const toy: TemplateDef = {
  id: 'toy-inspection',
  version: 1,
  title: { ja: '店舗点検票', en: 'Store inspection sheet' },
  shortTitle: { ja: '店舗点検', en: 'Store inspection' },
  shape: 'form',
  clause: '店舗点検規程 第3条',
  sheets: [form, items],
  rules: [],
  score,
  subject: '店舗名',
  followUps,
  summary: {
    sheet: { ja: '店舗一覧', en: 'Stores' },
    subject: { name: '店舗名', date: '点検日', dateLabel: { ja: '点検日', en: 'Inspected on' } },
    columns: [
      { label: { ja: '店舗名', en: 'Store' }, width: 20, value: (r) => r.name || null },
      {
        label: { ja: '点検日', en: 'Inspected on' },
        width: 12,
        value: (r) => (r.date ? new Date(`${r.date}T00:00:00Z`) : null),
        format: 'date',
      },
      { label: { ja: '点検者', en: 'Inspector' }, width: 14, value: (r) => r.raw['点検者'] },
      { label: { ja: '得点率', en: 'Score' }, width: 9, value: (r) => r.score?.rate ?? null, format: 'percent' },
      {
        label: { ja: '否の数', en: 'Not good' },
        width: 8,
        value: (r) => r.followUps,
        alert: (r) => r.followUps > 0,
      },
    ],
    followUpSheet: {
      sheet: { ja: '是正一覧', en: 'Corrections' },
      columns: [
        { label: { ja: '店舗名', en: 'Store' }, width: 20, value: (x) => x.row.name || null },
        { label: { ja: '項番', en: 'Item' }, width: 6, value: (x) => x.followUp.id },
        { label: { ja: '結果', en: 'Result' }, width: 6, value: (x) => x.followUp.answer, fill: () => 'bad' },
        { label: { ja: '是正予定日', en: 'Fix by' }, width: 12, value: (x) => x.followUp.plan },
      ],
    },
  },
  audit: { area: { ja: '店舗', en: 'Stores' } },
};
