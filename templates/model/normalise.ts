// Turns a cell value (as Excel, exceljs, LibreOffice or a person left it) into the canonical value of its field type,
// or explains in Japanese and English what is wrong and what to enter instead.

import type { EnumOption, FieldType, NormValue, PeriodValue, Text } from './types.js';
import { type CellError, type CellValue, isCellError } from './grid.js';
import { isoFromDate, parseDateText, serialToIso } from './dates.js';
import { foldText, foldWord } from './fold.js';

export type NormRule = 'V-ENUM' | 'V-DATE' | 'V-NUMBER' | 'V-EMAIL' | 'V-URL' | 'V-CORPNO' | 'V-FORMULA';

export type NormResult =
  | { kind: 'empty' }
  /** text: canonical display text to write back to the cell. */
  | { kind: 'ok'; value: NormValue; text: string }
  | { kind: 'invalid'; rule: NormRule; message: Text };

export const YES = 'はい';
export const NO = 'いいえ';

/** Raw text of a cell for messages and merge: null when empty or whitespace-only; Date → ISO; error → '#REF!'. */
export function cellText(value: CellValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return isBlank(value) ? null : value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoFromDate(value);
  if (isCellError(value)) return value.error;
  return null;
}

/**
 * foldText(s) === '', without folding when the first character is one NFKC keeps visible (ASCII, kana, kanji):
 * NFKC never drops a character, so the text cannot fold to nothing. cellText runs several times per cell.
 */
function isBlank(s: string): boolean {
  const c = s.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c >= 0x3041 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff)) return false;
  return foldText(s) === '';
}

const EMPTY: NormResult = { kind: 'empty' };

export function normaliseCell(type: FieldType, value: CellValue, opts: { date1904?: boolean } = {}): NormResult {
  if (cellText(value) === null && !(value instanceof Date)) return EMPTY;
  if (isCellError(value)) {
    return invalid(
      'V-FORMULA',
      `セルがエラー値「${value.error}」になっています。数式の参照先を確認するか、値を直接入力してください。`,
      `The cell shows the error value ${value.error}. Check what the formula refers to, or enter the value directly.`,
    );
  }
  const v = value as Value;
  switch (type.kind) {
    case 'text': {
      const s = cellText(v);
      if (s === null) return invalidDate(v, { ja: '無効な日付です', en: 'it is an invalid date' });
      return ok(s.trim(), s.trim());
    }
    case 'integer':
    case 'number':
      return normaliseNumber(type, v);
    case 'date': {
      const r = readDate(v, opts.date1904 === true);
      if (r === null) return notADate(v);
      return 'iso' in r ? ok(r.iso, r.iso) : invalidDate(v, r.problem);
    }
    case 'period':
      return normalisePeriod(v, opts.date1904 === true);
    case 'yesno':
      return normaliseYesNo(v);
    case 'enum': {
      const hit = enumLookup(type.options).get(enumKey(cellText(v) ?? ''));
      if (hit !== undefined) return ok(hit, hit);
      const q = quote(v);
      return invalid(
        'V-ENUM',
        `「${q}」は選択肢にありません。次のいずれかを選んでください: ${type.options.map((o) => o.value).join('、')}。`,
        `"${q}" is not one of the allowed values. Choose one of: ${type.options.map((o) => o.en).join(', ')}.`,
      );
    }
    case 'email':
      return normaliseEmail(v);
    case 'url':
      return normaliseUrl(v);
    case 'corpno':
      return normaliseCorpNo(v);
  }
}

type Value = Exclude<CellValue, null | CellError>;

const ok = (value: NormValue, text: string): NormResult => ({ kind: 'ok', value, text });
const invalid = (rule: NormRule, ja: string, en: string): NormResult => ({
  kind: 'invalid',
  rule,
  message: { ja, en },
});

/** The value as quoted in a message: trimmed, on one line, at most 40 characters. */
function quote(v: Value): string {
  const s = (cellText(v) ?? '').replace(/\s+/gu, ' ').trim();
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Enum comparison key: foldText, then ignore spaces and Latin case. */
const enumKey = foldWord;

const enumKeys = new WeakMap<readonly EnumOption[], Map<string, string>>();

/** Comparison key of each value, English label and synonym → the canonical value (the first option wins). */
function enumLookup(options: readonly EnumOption[]): Map<string, string> {
  let map = enumKeys.get(options);
  if (!map) {
    map = new Map();
    for (const o of options)
      for (const c of [o.value, o.en, ...(o.synonyms ?? [])]) if (!map.has(enumKey(c))) map.set(enumKey(c), o.value);
    enumKeys.set(options, map);
  }
  return map;
}

// ---- numbers ----------------------------------------------------------------------------------------------------

const QUALIFIER = /約|およそ|以上|以下|未満|超|程度|前後|ほど|くらい|ぐらい|~|〜/u;

function normaliseNumber(type: Extract<FieldType, { kind: 'integer' | 'number' }>, v: Value): NormResult {
  const integer = type.kind === 'integer';
  const percent = type.kind === 'number' && type.percent === true;
  const q = quote(v);
  let n: number | null = null;
  let hadPercent = false;
  if (typeof v === 'number') n = Number.isFinite(v) ? v : null;
  else if (typeof v === 'string') {
    const r = parseNumberText(v, percent);
    if (r) [n, hadPercent] = [r.n, r.percent];
  }
  if (n === null) {
    const hint = typeof v === 'string' && QUALIFIER.test(foldText(v));
    const [ja, en] = integer
      ? [
          '整数を半角または全角の数字だけで入力してください（例: 100）。',
          'Enter a whole number using digits only (e.g. 100).',
        ]
      : percent
        ? ['割合を「80%」または「0.8」のように入力してください。', 'Enter a percentage such as 80% or 0.8.']
        : [
            '数値を半角または全角の数字だけで入力してください（例: 12.5）。',
            'Enter a number using digits only (e.g. 12.5).',
          ];
    return invalid(
      'V-NUMBER',
      `「${q}」は数値として読めません。${ja}${hint ? '「約」「以上」などの語は付けないでください。' : ''}`,
      `"${q}" is not a number. ${en}${hint ? ' Leave out words such as 約 (about) or 以上 (or more).' : ''}`,
    );
  }
  if (integer && !Number.isInteger(n)) {
    return invalid(
      'V-NUMBER',
      `「${q}」は整数ではありません。小数点のない整数で入力してください（例: 100）。`,
      `"${q}" is not a whole number. Enter a whole number without decimals (e.g. 100).`,
    );
  }
  const min = type.min ?? (percent ? 0 : undefined);
  const max = type.max ?? (percent ? 1 : undefined);
  const show = (b: number) => (percent ? formatPercent(b) : String(b));
  if (percent && !hadPercent && max !== undefined && n > max) {
    return invalid(
      'V-NUMBER',
      `「${q}」は割合としては大きすぎます。%を付けて「${q}%」とするか、0〜1の小数（例: 0.8）で入力してください。`,
      `"${q}" is too large for a percentage. Add a % sign (${q}%) or enter a fraction between 0 and 1 (e.g. 0.8).`,
    );
  }
  if (min !== undefined && n < min) {
    return invalid(
      'V-NUMBER',
      `「${q}」は下限の${show(min)}を下回っています。${show(min)}以上の値を入力してください。`,
      `"${q}" is below the minimum of ${show(min)}. Enter ${show(min)} or more.`,
    );
  }
  if (max !== undefined && n > max) {
    return invalid(
      'V-NUMBER',
      `「${q}」は上限の${show(max)}を超えています。${show(max)}以下の値を入力してください。`,
      `"${q}" is above the maximum of ${show(max)}. Enter ${show(max)} or less.`,
    );
  }
  return ok(n, percent ? formatPercent(n) : String(n));
}

function formatPercent(n: number): string {
  return `${Number((n * 100).toPrecision(12))}%`;
}

/**
 * Accepts full-width digits (１２０), thousands separators (1,200 / １，２００), surrounding spaces and a trailing
 * counter 件/名/人 (people write 120件 in a 件数 column; the unit adds nothing but is not wrong). With percent, a
 * trailing %/％ divides by 100.
 */
function parseNumberText(s: string, percent: boolean): { n: number; percent: boolean } | null {
  let t = foldText(s)
    .replace(/\u2212/gu, '-')
    .replace(/\s*[件名人]$/u, '');
  const pct = percent && /%$/.test(t);
  if (pct) t = t.replace(/\s*%$/, '');
  if (!/^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  return { n: pct ? Number((n / 100).toPrecision(15)) : n, percent: pct };
}

// ---- dates and periods ------------------------------------------------------------------------------------------

/** { iso } for a date, { problem } for a date-shaped value that is not a real date, null when not date-shaped. */
function readDate(v: Value, date1904: boolean): { iso: string } | { problem: Text } | null {
  if (typeof v === 'string') return parseDateText(v);
  if (v instanceof Date) {
    const iso = isoFromDate(v);
    return iso ? { iso } : { problem: { ja: '無効な日付です', en: 'it is an invalid date' } };
  }
  if (typeof v === 'number') {
    const iso = serialToIso(v, date1904);
    if (iso) return { iso };
    // 20240401 typed as a number: far past any plausible serial, so unambiguous.
    if (Number.isInteger(v) && v >= 10_000_000 && v <= 99_999_999) return parseDateText(String(v));
    if (!date1904 && Math.floor(v) === 60) {
      return {
        problem: {
          ja: 'Excelのシリアル値60は実在しない1900年2月29日です',
          en: "serial 60 is Excel's non-existent 1900-02-29",
        },
      };
    }
    return { problem: { ja: '日付のシリアル値として範囲外です', en: 'it is out of range for an Excel date serial' } };
  }
  return null;
}

function invalidDate(v: Value, problem: Text): NormResult {
  const q = quote(v);
  return invalid(
    'V-DATE',
    `「${q}」は正しい日付ではありません（${problem.ja}）。実在する日付を入力してください。`,
    `"${q}" is not a valid date: ${problem.en}. Enter a date that exists.`,
  );
}

function notADate(v: Value): NormResult {
  const q = quote(v);
  return invalid(
    'V-DATE',
    `「${q}」は日付として読めません。「2024-04-01」「2024/4/1」「令和6年4月1日」「R6.4.1」のいずれかの形で入力してください。`,
    `"${q}" is not a date. Enter it as 2024-04-01, 2024/4/1, 令和6年4月1日 or R6.4.1.`,
  );
}

const MONTH_UNIT = '(?:ヶ|ケ|か|カ|ヵ|箇)月';
// [event](後|から|より) (N年[Nか月] | Nか月)[間][後][保存|保管]: 契約終了後5年, 退職後3年間, 利用目的達成後6ヶ月, 5年.
const AFTER_RE = new RegExp(
  String.raw`^(?:(.*?)\s*(?:後|から|より)\s*)?(?:(\d+)\s*年(?:\s*(\d+)\s*${MONTH_UNIT})?|(\d+)\s*${MONTH_UNIT}|(\d+)\s*日)\s*間?\s*後?\s*(?:保存|保管)?$`,
  'u',
);
// An open period ending at an event: 退職時, 契約終了まで, 選考終了時まで, 利用目的達成時 (an offset of zero).
const UNTIL_RE = /^(.+?)\s*(?:時|まで)\s*(?:まで)?\s*(?:保存|保管)?$/u;
const PERMANENT_RE = /^(?:永年|永久|無期限)\s*(?:保存|保管)?$/u;

function normalisePeriod(v: Value, date1904: boolean): NormResult {
  const q = quote(v);
  // A bare 5 is more likely "5 years" than serial 5 (1900-01-05): ask instead of guessing.
  if ((typeof v === 'number' && v >= 0 && v < 100) || (typeof v === 'string' && /^\d{1,2}$/.test(foldText(v)))) {
    return invalid(
      'V-DATE',
      `「${q}」だけでは日付か期間か分かりません。期間なら「${q}年」「契約終了後${q}年」、日付なら「2030-03-31」のように入力してください。`,
      `"${q}" alone could be a date or a period. For a period write ${q}年 or 契約終了後${q}年 (${q} years after the contract ends); for a date write 2030-03-31.`,
    );
  }
  const d = readDate(v, date1904);
  if (d !== null) return 'iso' in d ? ok({ kind: 'date', iso: d.iso }, d.iso) : invalidDate(v, d.problem);
  if (typeof v === 'string') {
    const original = v.trim();
    const t = foldText(v);
    if (PERMANENT_RE.test(t)) return ok({ kind: 'permanent', text: original }, t);
    const m = AFTER_RE.exec(t);
    const months = m?.[3] ?? m?.[4];
    const days = m?.[5];
    if (m && Number(m[2] ?? 0) + Number(months ?? 0) + Number(days ?? 0) > 0) {
      const p: PeriodValue = {
        kind: 'after',
        event: m[1] ?? '',
        ...(m[2] !== undefined ? { years: Number(m[2]) } : {}),
        ...(months !== undefined ? { months: Number(months) } : {}),
        ...(days !== undefined ? { days: Number(days) } : {}),
        text: original,
      };
      return ok(p, t);
    }
    const until = UNTIL_RE.exec(t);
    if (until && !/\d/u.test(until[1])) return ok({ kind: 'after', event: until[1], text: original }, t);
  }
  return invalid(
    'V-DATE',
    `「${q}」は日付としても保存期間としても読めません。日付（例: 2030-03-31、令和12年3月31日）か、期間（例: 契約終了後5年、退職後3年、6か月、永年）で入力してください。`,
    `"${q}" is neither a date nor a retention period. Enter a date (e.g. 2030-03-31 or 令和12年3月31日) or a period ` +
      `(e.g. 契約終了後5年 = 5 years after the contract ends, 退職後3年, 6か月, 永年 = permanently).`,
  );
}

// ---- yes / no ---------------------------------------------------------------------------------------------------

const YES_WORDS = ['はい', 'ハイ', '○', '◯', '〇', '有', '有り', 'あり', 'yes', 'y', 'true', '✓', '✔', 'レ', '該当'];
const NO_WORDS = ['いいえ', 'イイエ', '×', '✕', '✗', '✖', '無', '無し', 'なし', 'no', 'n', 'false'];
const YESNO = new Map<string, string>([
  ...YES_WORDS.map((w) => [enumKey(w), YES] as [string, string]),
  ...NO_WORDS.map((w) => [enumKey(w), NO] as [string, string]),
]);

function normaliseYesNo(v: Value): NormResult {
  const hit = typeof v === 'boolean' ? (v ? YES : NO) : typeof v === 'string' ? YESNO.get(enumKey(v)) : undefined;
  if (hit) return ok(hit, hit);
  const q = quote(v);
  return invalid(
    'V-ENUM',
    `「${q}」は選択肢にありません。「はい」か「いいえ」で入力してください（「○」「×」でも構いません）。`,
    `"${q}" is not one of the choices. Enter はい (yes) or いいえ (no).`,
  );
}

// ---- email, URL -------------------------------------------------------------------------------------------------

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const EMAIL_RE = new RegExp(`^${ATOM}(?:\\.${ATOM})*@(?:${LABEL}\\.)+[A-Za-z]{2,}$`);

function normaliseEmail(v: Value): NormResult {
  const t = typeof v === 'string' ? foldText(v).replace(/^mailto:/i, '') : '';
  if (EMAIL_RE.test(t)) return ok(t, t);
  const q = quote(v);
  const [ja, en] = !t.includes('@')
    ? ['「@」がありません。', 'It has no @. ']
    : /[\s,;、]/u.test(t) || t.indexOf('@') !== t.lastIndexOf('@')
      ? ['アドレスは1つだけ入力してください。', 'Enter a single address. ']
      : ['', ''];
  return invalid(
    'V-EMAIL',
    `「${q}」はメールアドレスとして読めません。${ja}「privacy@example.co.jp」のような形で入力してください。`,
    `"${q}" is not a valid email address. ${en}Enter it like privacy@example.co.jp.`,
  );
}

const BARE_HOST = /^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:[/?#]\S*)?$/i;

function normaliseUrl(v: Value): NormResult {
  const t = typeof v === 'string' ? foldText(v) : '';
  const q = quote(v);
  if (/^https?:\/\//i.test(t)) {
    try {
      const host = new URL(t).hostname;
      if (!/\s/.test(t) && (host.includes('.') || host === 'localhost')) return ok(t, t);
    } catch {
      // fall through to the generic message
    }
  } else if (BARE_HOST.test(t)) {
    return invalid(
      'V-URL',
      `「${q}」の先頭に「https://」を付けて入力してください（例: https://${t}）。`,
      `"${q}" needs https:// in front (e.g. https://${t}).`,
    );
  } else {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(t)?.[1];
    if (scheme && !/^https?$/i.test(scheme)) {
      return invalid(
        'V-URL',
        `「${q}」は使えない形式です（${scheme}:）。http:// または https:// で始まるURLを入力してください。`,
        `"${q}" uses ${scheme}:, which is not accepted. Enter a URL starting with http:// or https://.`,
      );
    }
  }
  return invalid(
    'V-URL',
    `「${q}」はURLとして読めません。「https://www.example.go.jp/」のように http:// または https:// から入力してください。`,
    `"${q}" is not a valid URL. Enter the full address starting with http:// or https:// (e.g. https://www.example.go.jp/).`,
  );
}

// ---- 法人番号 -----------------------------------------------------------------------------------------------------

/**
 * Check digit of a 法人番号 from its 12 base digits: 9 − (Σ Pn×Qn mod 9), Pn the n-th base digit from the right,
 * Qn = 1 for odd n and 2 for even n. corpNoCheckDigit('000012050002') = 7 (国税庁 7000012050002).
 */
export function corpNoCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) sum += Number(base12[12 - n]) * (n % 2 === 1 ? 1 : 2);
  return 9 - (sum % 9);
}

function normaliseCorpNo(v: Value): NormResult {
  const digits =
    typeof v === 'number'
      ? Number.isSafeInteger(v) && v >= 0
        ? String(v)
        : ''
      : typeof v === 'string'
        ? foldText(v).replace(/[\s\-\u2010-\u2015\u2212\u30fc\uff70]/gu, '')
        : '';
  const q = quote(v);
  if (/^T\d{13}$/i.test(digits)) {
    return invalid(
      'V-CORPNO',
      `「${q}」はインボイスの登録番号の形です。先頭の「T」を除いた13桁の法人番号を入力してください。`,
      `"${q}" looks like an invoice registration number. Enter the 13-digit corporate number (法人番号) without the leading T.`,
    );
  }
  if (!/^\d+$/.test(digits)) {
    return invalid(
      'V-CORPNO',
      `「${q}」には数字以外の文字が含まれています。法人番号は13桁の数字で入力してください。`,
      `"${q}" contains characters other than digits. A corporate number (法人番号) has 13 digits.`,
    );
  }
  if (digits.length !== 13) {
    return invalid(
      'V-CORPNO',
      `「${q}」は${digits.length}桁です。法人番号は13桁の数字で入力してください（ハイフンは有無どちらでも構いません）。`,
      `"${q}" has ${digits.length} digits. A corporate number (法人番号) has 13 digits.`,
    );
  }
  if (corpNoCheckDigit(digits.slice(1)) !== Number(digits[0])) {
    return invalid(
      'V-CORPNO',
      `「${q}」はチェックデジットが一致しません（先頭の1桁が残り12桁と合いません）。国税庁法人番号公表サイトで番号を確認してください。`,
      `"${q}" fails the check digit (the first digit does not match the other 12). Check the number on the NTA Corporate Number Publication Site.`,
    );
  }
  return ok(digits, digits);
}
