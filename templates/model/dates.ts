// Dates as ISO 'YYYY-MM-DD' strings. Everything is computed in UTC so the caller's time zone can never shift a day.

import type { Text } from './types.js';

const DAY_MS = 86_400_000;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Milliseconds of UTC midnight; setUTCFullYear avoids Date.UTC mapping years 0..99 to 1900..1999. */
function utcMs(y: number, m: number, d: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getTime();
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in month m of year y (proleptic Gregorian, as Date), counted rather than asked of a Date: it runs per cell. */
export function daysInMonth(y: number, m: number): number {
  if (m === 2 && Number.isInteger(y)) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  if (Number.isInteger(m) && m >= 1 && m <= 12) return MONTH_DAYS[m - 1];
  return new Date(utcMs(y, m + 1, 0)).getUTCDate();
}

/** 'YYYY-MM-DD' of a real date, years 0001..9999. */
export function isValidIso(iso: unknown): iso is string {
  if (typeof iso !== 'string' || iso.length !== 10 || iso.charCodeAt(4) !== DASH || iso.charCodeAt(7) !== DASH)
    return false;
  const y = digitsAt(iso, 0, 4);
  const m = digitsAt(iso, 5, 7);
  const d = digitsAt(iso, 8, 10);
  return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const DASH = 0x2d;

/** The number written with the ASCII digits s[from..to), or -1 when one is not a digit. Dates are checked per cell. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 0x30;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** ISO string of a calendar date, or null when it does not exist (2023-02-29, month 13, day 0). */
export function isoFromParts(y: number, m: number, d: number): string | null {
  if (![y, m, d].every(Number.isInteger)) return null;
  if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

function checkIso(iso: string): void {
  if (!isValidIso(iso)) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${iso}`);
}

function parts(iso: string): [number, number, number] {
  checkIso(iso);
  return [digitsAt(iso, 0, 4), digitsAt(iso, 5, 7), digitsAt(iso, 8, 10)];
}

/** Days since 1970-01-01 (negative before). Throws on an invalid ISO string. */
export function isoToDays(iso: string): number {
  const [y, m, d] = parts(iso);
  return Math.round(utcMs(y, m, d) / DAY_MS);
}

export function daysToIso(days: number): string {
  const t = new Date(Math.floor(days) * DAY_MS);
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1, 2)}-${pad(t.getUTCDate(), 2)}`;
}

/** The UTC calendar date of a Date (exceljs hands dates over as UTC midnight); null for an invalid Date. */
export function isoFromDate(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Adds n calendar months, clamping to the month end: 2024-01-31 + 1 → 2024-02-29. */
export function addMonths(iso: string, n: number): string {
  const [y, m, d] = parts(iso);
  const total = y * 12 + (m - 1) + n;
  const ty = Math.floor(total / 12);
  const tm = total - ty * 12 + 1;
  return `${pad(ty, 4)}-${pad(tm, 2)}-${pad(Math.min(d, daysInMonth(ty, tm)), 2)}`;
}

export function addDays(iso: string, n: number): string {
  return daysToIso(isoToDays(iso) + n);
}

export function compareIso(a: string, b: string): -1 | 0 | 1 {
  checkIso(a);
  checkIso(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Whole months from a to b: the largest m with addMonths(a, m) <= b (negative when b is before a).
 * monthsBetween('2023-04-01', '2024-04-01') = 12; ('2023-04-02', '2024-04-01') = 11.
 */
export function monthsBetween(a: string, b: string): number {
  if (compareIso(a, b) > 0) return -monthsBetween(b, a);
  const [ay, am] = parts(a);
  const [by, bm] = parts(b);
  let m = (by - ay) * 12 + (bm - am);
  if (addMonths(a, m) > b) m--;
  return m;
}

/** The most recent 1 April on or before asOf (the start of the Japanese fiscal year). */
export function latestAprilFirst(asOf: string): string {
  const [y] = parts(asOf);
  const april = `${pad(y, 4)}-04-01`;
  return asOf >= april ? april : `${pad(y - 1, 4)}-04-01`;
}

// Excel serials. 1900 system: serial 1 = 1900-01-01 and Excel counts a fake 1900-02-29 as serial 60, so serials
// from 61 on are days since 1899-12-30. 1904 system: serial 0 = 1904-01-01. Both end at 9999-12-31.
const EPOCH_1900 = -25569; // isoToDays('1899-12-30')
const EPOCH_1904 = -24107; // isoToDays('1904-01-01')
const MAX_1900 = 2958465;
const MAX_1904 = 2957003;

/**
 * ISO date of an Excel serial; the fraction (time of day) is ignored. Null outside the system's range
 * (1900: 1..2958465, 1904: 0..2957003) and for 1900-system serial 60, Excel's non-existent 1900-02-29.
 */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial)) return null;
  const s = Math.floor(serial);
  if (date1904) return s < 0 || s > MAX_1904 ? null : daysToIso(s + EPOCH_1904);
  if (s < 1 || s > MAX_1900 || s === 60) return null;
  return daysToIso(s < 60 ? s + EPOCH_1900 + 1 : s + EPOCH_1900);
}

/** Excel serial of an ISO date; null before the system's first day (1900-01-01 or 1904-01-01). */
export function isoToSerial(iso: string, date1904 = false): number | null {
  const days = isoToDays(iso);
  if (date1904) return days < EPOCH_1904 ? null : days - EPOCH_1904;
  if (iso < '1900-01-01') return null;
  return iso < '1900-03-01' ? days - EPOCH_1900 - 1 : days - EPOCH_1900;
}

// Japanese eras: Gregorian year = offset + era year. The start date rejects impossible dates such as 令和元年4月1日.
// There is deliberately no end date: people keep writing 平成31年5月 or 平成32年 on old forms, and the offset still
// says which day they mean, so a year past the era's end is converted by offset (平成32年4月1日 → 2020-04-01).
const ERAS: readonly { names: readonly string[]; ja: string; en: string; offset: number; start: string }[] = [
  { names: ['令和', 'r'], ja: '令和', en: 'Reiwa', offset: 2018, start: '2019-05-01' },
  { names: ['平成', 'h'], ja: '平成', en: 'Heisei', offset: 1988, start: '1989-01-08' },
  { names: ['昭和', 's'], ja: '昭和', en: 'Shōwa', offset: 1925, start: '1926-12-25' },
  { names: ['大正', 't'], ja: '大正', en: 'Taishō', offset: 1911, start: '1912-07-30' },
  // Meiji dates before 1873 were lunisolar; we convert by offset and do not pretend otherwise.
  { names: ['明治', 'm'], ja: '明治', en: 'Meiji', offset: 1867, start: '1868-01-01' },
];

const TIME = String.raw`(?:[T\s]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const SEP = String.raw`\s*[-/.]\s*`;
const WESTERN = new RegExp(String.raw`^(\d{4})${SEP}(\d{1,2})${SEP}(\d{1,2})${TIME}$`);
const KANJI = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const ERA_RE =
  /^(令和|平成|昭和|大正|明治|[rhstm])\s*(元|\d{1,2})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月|[-/.])\s*(\d{1,2})\s*日?$/i;
// A trailing weekday as in 2024年4月1日(月); not checked against the date.
const WEEKDAY = /\s*\(\s*[月火水木金土日](?:曜日?)?\s*\)$/;

export type DateTextResult = { iso: string } | { problem: Text };

/**
 * Reads a date typed as text: 2024-04-01 (optionally with a time, which is ignored — the written day is kept even
 * with a UTC offset), 2024/4/1, 2024.4.1, 2024年4月1日, 20240401, 令和6年4月1日, 令和元年5月1日, R6.4.1, R6/4/1,
 * H31.4.30, S64.1.7, 大正/明治 (T/M), with full-width characters and an optional weekday such as (月).
 * Returns null when the text is not shaped like a date; { problem } when it is but the day does not exist.
 */
export function parseDateText(s: string): DateTextResult | null {
  const t = s.normalize('NFKC').trim().replace(WEEKDAY, '');
  const w = WESTERN.exec(t) ?? KANJI.exec(t) ?? COMPACT.exec(t);
  if (w) return checkedDate(Number(w[1]), Number(w[2]), Number(w[3]));
  const e = ERA_RE.exec(t);
  if (!e) return null;
  const era = ERAS.find((x) => x.names.includes(e[1].toLowerCase()))!;
  const eraYear = e[2] === '元' ? 1 : Number(e[2]);
  if (eraYear < 1) {
    return { problem: { ja: `${era.ja}は元年（1年）から数えます`, en: `${era.en} years start at 1 (元年)` } };
  }
  const r = checkedDate(era.offset + eraYear, Number(e[3]), Number(e[4]));
  if ('iso' in r && r.iso < era.start) {
    const [y, m, d] = era.start.split('-').map(Number);
    return {
      problem: {
        ja: `${era.ja}は${y}年${m}月${d}日からです`,
        en: `the ${era.en} era began on ${era.start}`,
      },
    };
  }
  return r;
}

function checkedDate(y: number, m: number, d: number): DateTextResult {
  const iso = isoFromParts(y, m, d);
  if (iso) return { iso };
  if (y < 1 || y > 9999) return { problem: { ja: '年が範囲外です', en: 'the year is out of range' } };
  if (m < 1 || m > 12) return { problem: { ja: '月は1〜12です', en: 'the month must be 1–12' } };
  if (d < 1) return { problem: { ja: '日は1から始まります', en: 'the day must be 1 or more' } };
  const max = daysInMonth(y, m);
  return { problem: { ja: `${y}年${m}月は${max}日までです`, en: `${y}-${pad(m, 2)} has ${max} days` } };
}
