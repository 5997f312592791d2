// A round's plan, from the rows of a checked supplier list: each supplier with the name of its checklist file and its
// e-mail. Kept apart from the checklist writer (distribute.ts) so that status, which needs only the plan, never loads
// exceljs.
import type { Lang, RecordRow } from '../../templates/model/types.js';
import {
  CODE,
  COMPANY,
  CONTACT,
  CORPNO,
  COUNTRY,
  EMAIL,
  KIND,
  LANGUAGE,
  SUPPLIERS,
} from '../../templates/supplier-list/index.js';
import { safeStem, uniqueNames } from './file-names.js';
import { mail, type Mail, type RoundInfo } from './texts.js';

export const SEND_LIST = '送付一覧.xlsx';
export const MAIL_CSV = '送付メール.csv';

export interface Supplier {
  /** Row of the supplier list. */
  row: number;
  code: string;
  company: string;
  corpNo: string | null;
  contact: string | null;
  email: string;
  country: string | null;
  kind: string | null;
  lang: Lang;
}

const str = (rec: RecordRow, key: string): string | null => {
  const v = rec.values[key];
  return typeof v === 'string' && v.trim() ? v.trim() : null;
};

/** The suppliers of a checked list (one without errors: every required value is there). */
export function suppliersOf(sheets: Record<string, RecordRow[]>): Supplier[] {
  return (sheets[SUPPLIERS] ?? []).map((rec) => ({
    row: rec.row,
    // The code as typed (a numeric cell's text), since it names the file and goes into the marker.
    code: (rec.raw[CODE] ?? '').trim(),
    company: str(rec, COMPANY) ?? '',
    corpNo: str(rec, CORPNO),
    contact: str(rec, CONTACT),
    email: str(rec, EMAIL) ?? '',
    country: str(rec, COUNTRY),
    kind: str(rec, KIND),
    lang: rec.values[LANGUAGE] === 'en' ? 'en' : 'ja',
  }));
}

export interface Planned {
  supplier: Supplier;
  file: string;
  mail: Mail;
}

/** Each supplier's file name (`コード_会社名.xlsx`, safe and unique) and e-mail. */
export function plan(suppliers: readonly Supplier[], r: RoundInfo): Planned[] {
  const reserved = [SEND_LIST, MAIL_CSV].map((n) => n.replace(/\.[^.]+$/, ''));
  const names = uniqueNames(
    [...reserved, ...suppliers.map((s) => safeStem(`${s.code}_${s.company}`, 'supplier'))],
    '.xlsx',
  ).slice(reserved.length);
  return suppliers.map((supplier, i) => ({
    supplier,
    file: names[i],
    mail: mail(supplier, r, names[i], supplier.lang),
  }));
}
