// What a supplier reads in a survey round, in the supplier's language: the request on the checklist's first sheet and
// the e-mail that carries it. The buyer's own words (signature, contact) go in the mail-merge template, not here.
import type { Lang } from '../../templates/model/types.js';

export interface RoundInfo {
  round: string;
  /** ISO date. */
  due: string;
}

export interface Addressee {
  code: string;
  company: string;
  contact: string | null;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 2027-01-31 as a supplier reads it: 2027年1月31日 / 31 January 2027. */
export function longDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number);
  return lang === 'ja' ? `${y}年${m}月${d}日` : `${d} ${MONTHS[m - 1]} ${y}`;
}

export const COVER_SHEET: Record<Lang, string> = { ja: 'ご回答のお願い', en: 'Request' };

export interface Cover {
  title: string;
  /** Label and value lines under the title. */
  facts: [string, string][];
  heading: string;
  steps: string[];
  note: string;
}

export function cover(to: Addressee, r: RoundInfo, lang: Lang): Cover {
  const due = longDate(r.due, lang);
  const addressee = [to.company, to.contact].filter(Boolean).join('\n');
  if (lang === 'ja') {
    return {
      title: 'サステナブル調達 セルフチェック ご回答のお願い',
      facts: [
        ['宛先', `${addressee}`],
        ['調査回', r.round],
        ['回答期限', due],
        ['取引先コード', to.code],
      ],
      heading: 'ご回答の方法',
      steps: [
        '「回答者情報」シートと「チェックリスト」シートの白いセルにご記入ください。会社名と法人番号は当社で記入済みです（誤りがある場合はご連絡ください）。',
        '「チェックリスト」の各項目は、はい／一部実施／いいえ／該当なし から選んでください。「いいえ」「一部実施」には改善予定日とコメントを、「該当なし」には理由をご記入ください。',
        'ご記入後は Excel 形式（.xlsx）のまま保存してください。ファイル名は変更していただいても構いませんが、シートの追加・削除や行の並べ替えはなさらないでください。',
        `${due}までに、ご依頼のメールへの返信にこのファイルを添付してご返送ください。`,
      ],
      note: 'ご不明な点は、ご依頼のメールの差出人までお問い合わせください。',
    };
  }
  return {
    title: 'Sustainable procurement self-assessment: request for your answers',
    facts: [
      ['To', addressee],
      ['Survey round', r.round],
      ['Please reply by', due],
      ['Supplier code', to.code],
    ],
    heading: 'How to answer',
    steps: [
      'Fill in the white cells on the sheets 回答者情報 (Respondent) and チェックリスト (Checklist). We have filled in your company name and corporate number; please tell us if either is wrong.',
      'For each item of the checklist, choose Yes, Partly, No or Not applicable. For No or Partly, give a target date and a comment; for Not applicable, give the reason.',
      'Save the file as an Excel workbook (.xlsx). You may rename the file, but please do not add or delete sheets or reorder rows.',
      `By ${due}, reply to the e-mail that brought you this file, with the file attached.`,
    ],
    note: 'If anything is unclear, please ask the sender of the e-mail.',
  };
}

/** The hint beside a field the buyer filled in and locked. */
export const PREFILLED_HINT: Record<Lang, string> = {
  ja: '当社で記入済みのため変更できません。誤りがある場合はご連絡ください。',
  en: 'Filled in by us and locked. If it is wrong, please tell us.',
};

export interface Mail {
  subject: string;
  body: string;
}

export function mail(to: Addressee, r: RoundInfo, file: string, lang: Lang): Mail {
  const due = longDate(r.due, lang);
  if (lang === 'ja') {
    return {
      subject: `【ご回答のお願い】サステナブル調達 セルフチェック（${r.round}）回答期限 ${due}`,
      body: [
        to.company,
        ...(to.contact ? [to.contact] : []),
        '',
        'いつもお世話になっております。',
        '当社のサステナブル調達の取組の一環として、お取引先の皆様にセルフチェックへのご回答をお願いしております。',
        `添付のファイル「${file}」にご記入のうえ、${due}までに本メールへの返信でご返送ください。`,
        '記入の方法は、ファイルの最初のシート「ご回答のお願い」に記載しております。',
        'ご多忙のところ恐れ入りますが、よろしくお願い申し上げます。',
      ].join('\n'),
    };
  }
  return {
    subject: `Request: sustainable procurement self-assessment (${r.round}), due ${due}`,
    body: [
      to.contact ? `Dear ${to.contact},` : `Dear ${to.company},`,
      '',
      'As part of our sustainable procurement programme, we ask each of our suppliers to complete a self-assessment.',
      `Please fill in the attached file "${file}" and send it back by ${due}, as a reply to this e-mail.`,
      'How to fill it in is explained on its first sheet, "Request".',
      'Thank you for your cooperation.',
    ].join('\n'),
  };
}
