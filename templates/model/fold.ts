// Text folding: what does not make two texts different. One function per purpose; every comparison of user text in
// the engine, the rules, merge, audit and the pane goes through one of these (test/templates/fold.test.ts holds them
// to one table). All of them ignore width (NFKC: ＡＢＣ１ ≡ ABC1, ㈱ ≡ (株)) and zero-width characters.
//
// Why more than one:
// - foldWidth: free text searched for words; spacing and case are the text's own.
// - foldText: a value as written; inner spacing still separates words (山田 太郎 ≢ 山田太郎).
// - foldCompact: fixed texts (question texts, the edition, event names), where only spacing and width may differ.
// - foldWord: a choice typed in a cell, a column someone added; case does not matter either.
// - foldLabel: a label the template wrote; people add hints (…), ※ marks and 必須 to it.
// - foldKey: an identifier (管理番号); every dash and the long-vowel mark ー typed for one are the same dash.
// - foldCompany / foldCorpNo: a company and its 法人番号; the legal form and punctuation do not count.
// - foldLawName: a law's name as the legal register compares it; quotes do not count.

import { remembered } from './remember.js';

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/gu;
/** Hyphens and dashes U+2010–2015, the minus sign, and (in keys) the long-vowel mark ー typed for a dash. */
const KEY_DASHES = /[\u2010-\u2015\u2212\u30fc]/gu;
/** Printable ASCII without spaces: NFKC leaves it as it is, and it has no zero-width characters or other dashes. */
const VISIBLE_ASCII = /^[!-~]*$/;

/** NFKC without zero-width characters: free text searched for words (a purpose for 個人番号関係事務). */
export const foldWidth = (s: string): string => s.normalize('NFKC').replace(ZERO_WIDTH, '');
const nfkc = foldWidth;

/** NFKC, no zero-width characters, whitespace runs as one space, trimmed. */
export const foldText = remembered((s: string): string => nfkc(s).replace(/\s+/gu, ' ').trim());

/** NFKC, no zero-width characters, no whitespace; case kept. */
export const foldCompact = remembered((s: string): string => nfkc(s).replace(/\s+/gu, ''));

/** foldCompact, Latin lower-case. */
export const foldWord = remembered((s: string): string => foldCompact(s).toLowerCase());

const foldLabelText = remembered((s: string): string =>
  foldWord(s.normalize('NFKC').replace(/[(][^)]*[)]\s*$/u, ''))
    .replace(/必須/gu, '')
    .replace(/[※*✓●◎]/gu, ''),
);

/**
 * A header label or sheet name for matching: foldWord without a trailing bracketed hint, 必須 and required-marks
 * (※ * ✓ ● ◎).
 */
export function foldLabel(label: unknown): string {
  if (label === null || label === undefined) return '';
  return foldLabelText(String(label));
}

/** An identifier: NFKC, no spaces, every dash alike, Latin upper-case (ｇａ－００１ ≡ GA‐001 ≡ GA-001). */
export const foldKey = (s: string): string =>
  VISIBLE_ASCII.test(s) ? s.toUpperCase() : foldCompact(s).replace(KEY_DASHES, '-').toUpperCase();

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

const LATIN_FORMS =
  /(?:,?\s*(?:co\.?,?\s*ltd\.?|inc\.?|corp(?:oration)?\.?|k\.?k\.?|ltd\.?|llc|limited|pte\.?\s*ltd\.?))+\s*$/iu;

/**
 * A company name for matching: 株式会社サンプル給与サービス ≡ （株）サンプル給与サービス ≡ サンプル給与サービス㈱. Dashes and
 * punctuation are dropped; ー is kept (in a name it is a letter: サーバー ≢ サバ).
 */
export function foldCompany(name: string): string {
  let s = nfkc(name).trim();
  s = s.replace(LATIN_FORMS, '');
  for (const f of LEGAL_FORMS) s = s.split(f).join('');
  return s.replace(/[\s・･.,、。'"「」『』()[\]【】\-\u2010-\u2015\u2212]/gu, '').toLowerCase();
}

/** 法人番号 as 13 half-width digits, or null. */
export function foldCorpNo(v: string | null | undefined): string | null {
  if (!v) return null;
  const d = nfkc(v).replace(/[\s\-\u2010-\u2015\u2212]/gu, '');
  return /^\d{13}$/.test(d) ? d : null;
}

/** A law's name as compared: foldCompact, no quotes, Latin upper-case; `bare` also drops bracketed parts. */
export function foldLawName(name: string, bare = false): string {
  const s = nfkc(name);
  return foldCompact(bare ? s.replace(/\([^)]*\)/g, '') : s)
    .replace(/[「」『』"“”]/gu, '')
    .toUpperCase();
}
