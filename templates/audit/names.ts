// Matching company names written by different people: the ledger's 委託先, an evaluation's 委託先名, a supplier's
// 会社名. Width, spacing, punctuation and the legal form (株式会社, (株), ㈱, 有限会社 …, placed before or after the name)
// do not make two names different. A 法人番号, where both sides have one, is better still.

/** Legal-form words and their abbreviations, longest first (after NFKC: ㈱ is "(株)"). */
const LEGAL_FORMS = [
  '特定非営利活動法人',
  '一般社団法人',
  '一般財団法人',
  '公益社団法人',
  '公益財団法人',
  '社会福祉法人',
  '独立行政法人',
  '株式会社',
  '有限会社',
  '合同会社',
  '合資会社',
  '合名会社',
  '医療法人',
  '学校法人',
  '(株)',
  '(有)',
  '(同)',
  '(資)',
  '(名)',
  '(社)',
  '(財)',
  '(医)',
];

const LATIN_FORMS = /(?:,?\s*(?:co\.?,?\s*ltd\.?|inc\.?|corp(?:oration)?\.?|k\.?k\.?|ltd\.?|llc|limited|pte\.?\s*ltd\.?))+\s*$/iu;

/** A company name folded for matching: 株式会社サンプル給与サービス ≡ （株）サンプル給与サービス ≡ サンプル給与サービス㈱. */
export function companyKey(name: string): string {
  let s = name.normalize('NFKC').trim();
  s = s.replace(LATIN_FORMS, '');
  for (const f of LEGAL_FORMS) s = s.split(f).join('');
  return s
    .replace(/[\s\u3000・･.,、。'"「」『』()（）[\]【】\-‐－—―]/gu, '')
    .toLowerCase();
}

/** 法人番号 as 13 half-width digits, or null. */
export function corpNoKey(v: string | null | undefined): string | null {
  if (!v) return null;
  const d = v.normalize('NFKC').replace(/[\s-]/gu, '');
  return /^\d{13}$/.test(d) ? d : null;
}
