// The legal register's own rules (LR-*). Values arrive normalised: dates are ISO strings, an invalid value is null
// (its V-* issue was already reported), so every rule simply skips nulls.
import { compareIso, latestAprilFirst } from '../model/dates.js';
import { foldLawName } from '../model/fold.js';
import type { RecordRow, RuleContext, RuleDef, RuleFinding } from '../model/types.js';
import type { RegisterKey } from './index.js';

const REGISTER = '法的要求事項';

/** The register's records, typed by its field keys: a misspelt key fails to compile. */
const registerRows = (ctx: RuleContext) => ctx.rows(REGISTER) as RecordRow<RegisterKey>[];

const iso = (rec: RecordRow<RegisterKey>, key: RegisterKey): string | null => {
  const v = rec.values[key];
  return typeof v === 'string' ? v : null;
};

// ---- LR-DATES -------------------------------------------------------------------------------------------------

function checkDates(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const rec of registerRows(ctx)) {
    const promulgated = iso(rec, '公布日');
    if (!promulgated) continue;
    const inForce = iso(rec, '施行日');
    if (inForce && compareIso(inForce, promulgated) < 0) {
      out.push({
        record: rec,
        field: '施行日',
        message: {
          ja: `施行日（${inForce}）が公布日（${promulgated}）より前になっています。法令は公布後に施行されるため、どちらかの日付の誤りです。原典で確認して直してください（§4.3.4）。`,
          en: `In force from (${inForce}) is before the promulgation date (${promulgated}). A law comes into force after it is promulgated, so one of the dates is wrong; check the source and correct it (§4.3.4).`,
        },
      });
    }
    const amended = iso(rec, '最終改正日');
    if (amended && compareIso(amended, promulgated) < 0) {
      out.push({
        record: rec,
        field: '最終改正日',
        message: {
          ja: `最終改正日（${amended}）が公布日（${promulgated}）より前になっています。最終改正日が公布日より前になることはないため、どちらかの日付の誤りです。原典で確認して直してください（§4.3.4）。`,
          en: `Last amended (${amended}) is before the promulgation date (${promulgated}). An amendment can only come after promulgation; check the source and correct it (§4.3.4).`,
        },
      });
    }
  }
  return out;
}

// ---- LR-URL ---------------------------------------------------------------------------------------------------

/**
 * Hosts accepted as official sources, matched as the host itself or a suffix after a dot. A register entry should
 * point at the text as its issuer publishes it, not at a commentary or a copy:
 *  - go.jp: ministries and agencies (ppc.go.jp, laws.e-gov.go.jp, meti.go.jp, mhlw.go.jp, jisc.go.jp, ipa.go.jp …)
 *  - lg.jp: local governments (条例)
 *  - jipdec.or.jp, privacymark.jp: JIPDEC and the Privacy Mark scheme
 *  - jisa.or.jp, jpcert.or.jp: bodies the manual lists as information sources (解説3)
 *  - jsa.or.jp: Japanese Standards Association, publisher of JIS
 *  - iso.org, iec.ch: international standards bodies
 */
export const OFFICIAL_HOST_SUFFIXES: readonly string[] = [
  'go.jp',
  'lg.jp',
  'jipdec.or.jp',
  'privacymark.jp',
  'jisa.or.jp',
  'jpcert.or.jp',
  'jsa.or.jp',
  'iso.org',
  'iec.ch',
];

/** Local governments still on geographic domains: pref.kanagawa.jp, www.city.kawasaki.jp. */
const LOCAL_GOVERNMENT = /(?:^|\.)(?:pref|metro|city|town|vill)\.[a-z0-9-]+(?:\.[a-z0-9-]+)?\.jp$/;

/**
 * Whether a URL's host is an official source. An industry code (業界規範) is published by an association, so for
 * those rows any .or.jp host (reserved for registered organisations) is accepted too.
 */
export function isOfficialHost(host: string, industryCode = false): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  if (OFFICIAL_HOST_SUFFIXES.some((s) => h === s || h.endsWith(`.${s}`))) return true;
  if (LOCAL_GOVERNMENT.test(h)) return true;
  return industryCode && h.endsWith('.or.jp');
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

// A URL that is not http(s) is reported by the engine's V-URL (error) and reaches this rule as null, so LR-URL only
// raises the second half of the spec rule: a well-formed URL on a host that is not an official source.
function checkUrl(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const rec of registerRows(ctx)) {
    const url = rec.values['URL'];
    if (typeof url !== 'string') continue;
    const host = hostOf(url);
    if (host === null || isOfficialHost(host, rec.values['区分'] === '業界規範')) continue;
    out.push({
      record: rec,
      field: 'URL',
      message: {
        ja: `URL のホスト「${host}」は所管官庁・発行元の公式サイト（go.jp、lg.jp、JIPDEC など）ではありません。解説記事や転載ではなく、原典を掲載する公式ページ（法令は e-Gov 法令検索）の URL を記載してください（§4.3.4(2)）。`,
        en: `The URL's host "${host}" is not an official source (go.jp, lg.jp, JIPDEC …). Link to the issuer's own page (for a law, e-Gov law search), not to a commentary or a copy (§4.3.4(2)).`,
      },
    });
  }
  return out;
}

// ---- LR-APRIL -------------------------------------------------------------------------------------------------

// §4.3.4(3) asks for the periodic review 「毎年4月に」: a row is late only once April is over. During April a row not
// yet checked this year is the review's to-do list (info); one that missed last year's review is late already.
function checkApril(ctx: RuleContext): RuleFinding[] {
  const april = latestAprilFirst(ctx.asOf);
  const inApril = ctx.asOf.slice(5, 7) === '04';
  const due = inApril ? `${String(Number(april.slice(0, 4)) - 1).padStart(4, '0')}-04-01` : april;
  const out: RuleFinding[] = [];
  for (const rec of registerRows(ctx)) {
    const checked = iso(rec, '確認日');
    if (!checked || compareIso(checked, april) >= 0) continue;
    if (compareIso(checked, due) >= 0) {
      out.push({
        record: rec,
        field: '確認日',
        severity: 'info',
        message: {
          ja: `確認日（${checked}）は前年度のものです。4月は定期見直しの月のため、今月中に最新版であるか、改正がないかを確認し、確認日と確認者を更新してください（§4.3.4(3)）。`,
          en: `Checked on (${checked}), in the last fiscal year. April is the month of the periodic review: this month, confirm that the entry is current and not amended, then update the date and reviewer (§4.3.4(3)).`,
        },
      });
      continue;
    }
    out.push({
      record: rec,
      field: '確認日',
      message: {
        ja: `確認日（${checked}）が${due.slice(0, 4)}年4月の定期見直し（${due}〜）より前で、見直しが済んでいません。最新版であるか、改正がないかを確認し、確認日と確認者を更新してください（§4.3.4(3) 毎年4月に定期見直し）。`,
        en: `Checked on (${checked}), before the April ${due.slice(0, 4)} periodic review (from ${due}): the review has not been done. Confirm that the entry is current and not amended, then update the date and reviewer (§4.3.4(3): reviewed every April).`,
      },
    });
  }
  return out;
}

// ---- LR-AMENDED -----------------------------------------------------------------------------------------------

function checkAmended(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  for (const rec of registerRows(ctx)) {
    const amended = iso(rec, '最終改正日');
    const checked = iso(rec, '確認日');
    if (!amended || !checked || compareIso(amended, checked) <= 0) continue;
    out.push({
      record: rec,
      field: '最終改正日',
      message: {
        ja: `最終改正日（${amended}）が確認日（${checked}）より後です。改正内容を確認して「当社の対応」と関連規程を見直し、確認日を更新してください（§4.3.4(3)）。`,
        en: `Last amended (${amended}) is after the date it was checked (${checked}). Review the amendment, update "Our response" and the related rules, then update the check date (§4.3.4(3)).`,
      },
    });
  }
  return out;
}

// ---- LR-BASELINE ----------------------------------------------------------------------------------------------

/** A row about a regulation, guideline or commentary *on* the law rather than the law itself. */
const SUBORDINATE = /施行令|規則|ガイド|指針|ベース|について|Q&A/u;

interface Baseline {
  ja: string;
  en: string;
  /** name: the 名称 key; bare: the same without bracketed parts; number: the 法令番号 key. */
  test(name: string, bare: string, number: string): boolean;
}

const APPI_NAMES = [
  '個人情報の保護に関する法律',
  '個人情報保護法',
  '改正個人情報保護法',
  'APPI',
  'ACTONTHEPROTECTIONOFPERSONALINFORMATION',
];
const MY_NUMBER_NAMES = ['番号法', 'マイナンバー法', '番号利用法'];
const MY_NUMBER_TITLE = '行政手続における特定の個人を識別するための番号';

const BASELINE: readonly Baseline[] = [
  {
    ja: '個人情報保護法（個人情報の保護に関する法律）',
    en: 'the Act on the Protection of Personal Information',
    test: (_name, bare, number) =>
      APPI_NAMES.includes(bare) || number === '平成十五年法律第五十七号' || number === '平成15年法律第57号',
  },
  {
    ja: '番号法（行政手続における特定の個人を識別するための番号の利用等に関する法律）',
    en: 'the My Number Act',
    test: (name, bare, number) =>
      MY_NUMBER_NAMES.includes(bare) ||
      (bare.startsWith(MY_NUMBER_TITLE) && !SUBORDINATE.test(name)) ||
      number === '平成二十五年法律第二十七号' ||
      number === '平成25年法律第27号',
  },
  {
    // Any edition (:2006, :2017, :2023), written in the title or in the number column.
    ja: 'JIS Q 15001',
    en: 'JIS Q 15001',
    test: (name, _bare, number) =>
      (name.includes('JISQ15001') || number.includes('JISQ15001')) && !SUBORDINATE.test(name),
  },
];

function matches(b: Baseline, rec: RecordRow<RegisterKey>): boolean {
  const name = String(rec.values['名称'] ?? '');
  return b.test(foldLawName(name), foldLawName(name, true), foldLawName(String(rec.values['法令番号'] ?? ''), true));
}

/** The register could not be read well enough to say what is in it (its own issue says why). */
function registerUnreadable(ctx: RuleContext): boolean {
  return ctx.data.issues.some(
    (i) =>
      i.sheet === REGISTER &&
      (i.rule === 'SHEET-MISSING' ||
        ((i.rule === 'COLUMN-MISSING' || i.rule === 'COLUMN-RENAMED') && (i.field === null || i.field === '名称'))),
  );
}

// A missing entry has no row to point at: the finding is sheet-level (record null), naming the 名称 column.
function checkBaseline(ctx: RuleContext): RuleFinding[] {
  if (registerUnreadable(ctx)) return [];
  const rows = registerRows(ctx);
  return BASELINE.filter((b) => !rows.some((rec) => matches(b, rec))).map((b) => ({
    record: null,
    sheet: REGISTER,
    field: '名称',
    message: {
      ja: `確認書に${b.ja}がありません。Pマークの基本となる法令・規格のため、行を追加して当社の対応を記載してください（§2、§4.3.4）。`,
      en: `The register has no entry for ${b.en}. It is part of the Privacy Mark baseline: add a row and describe how the company complies (§2, §4.3.4).`,
    },
  }));
}

export const rules: readonly RuleDef[] = [
  { id: 'LR-DATES', check: checkDates },
  { id: 'LR-URL', check: checkUrl },
  { id: 'LR-APRIL', check: checkApril },
  { id: 'LR-AMENDED', check: checkAmended },
  { id: 'LR-BASELINE', check: checkBaseline },
];
