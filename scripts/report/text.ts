// The terminal report: one line per file, then findings grouped by file, then totals.
import type { Issue, Lang } from '../../templates/model/types.js';
import type { FileResult } from '../check-file.js';

export interface Totals {
  files: number;
  ok: number;
  invalid: number;
  unreadable: number;
  errors: number;
  warnings: number;
}

export function totalsOf(results: readonly FileResult[]): Totals {
  const t: Totals = { files: results.length, ok: 0, invalid: 0, unreadable: 0, errors: 0, warnings: 0 };
  for (const r of results) {
    t[r.status]++;
    for (const i of r.issues) {
      if (i.severity === 'error') t.errors++;
      else if (i.severity === 'warning') t.warnings++;
    }
  }
  return t;
}

const STATUS_LABEL = {
  ok: { ja: 'OK', en: 'ok' },
  invalid: { ja: '要修正', en: 'invalid' },
  unreadable: { ja: '読込不可', en: 'unreadable' },
} as const;

const SEVERITY_LABEL = {
  error: { ja: 'エラー', en: 'error' },
  warning: { ja: '警告', en: 'warning' },
  info: { ja: '情報', en: 'info' },
} as const;

export interface Style {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const plain: Style = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };
const sgr = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const colour: Style = { red: sgr(31), yellow: sgr(33), green: sgr(32), dim: sgr(2), bold: sgr(1) };

export function styleFor(isTTY: boolean): Style {
  return isTTY && !process.env.NO_COLOR ? colour : plain;
}

export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

export function location(i: Issue): string {
  if (i.sheet && i.cell) return `${i.sheet}!${i.cell}`;
  return i.sheet ?? '';
}

function counts(r: FileResult): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const i of r.issues) {
    if (i.severity === 'error') errors++;
    else if (i.severity === 'warning') warnings++;
  }
  return { errors, warnings };
}

export function fileLine(r: FileResult, lang: Lang, st: Style = plain): string {
  const status = STATUS_LABEL[r.status][lang];
  const paint = r.status === 'ok' ? st.green : r.status === 'invalid' ? st.red : st.yellow;
  const parts = [paint(status.padEnd(lang === 'ja' ? 4 : 10)), r.path];
  if (r.template) parts.push(st.dim(`${r.template.id} v${r.template.version}`));
  if (r.subject) parts.push(r.subject);
  const c = counts(r);
  if (r.status !== 'unreadable')
    parts.push(lang === 'ja' ? `エラー ${c.errors} 警告 ${c.warnings}` : `${c.errors} errors, ${c.warnings} warnings`);
  if (r.score) {
    parts.push(`${lang === 'ja' ? '得点率' : 'score'} ${percent(r.score.rate)}${r.score.band ? ` ${r.score.band}` : ''}`);
    if (r.score.redFlags.length) parts.push(st.red(`${lang === 'ja' ? '重大' : 'red flags'}: ${r.score.redFlags.join(', ')}`));
  }
  if (r.status === 'unreadable') parts.push(r.issues[0]?.message[lang] ?? '');
  return parts.join('  ');
}

export function issueLine(i: Issue, lang: Lang, st: Style = plain): string {
  const paint = i.severity === 'error' ? st.red : i.severity === 'warning' ? st.yellow : st.dim;
  const loc = location(i);
  return `  ${paint(SEVERITY_LABEL[i.severity][lang])}  ${loc ? `${loc}  ` : ''}${st.dim(i.rule)}  ${i.message[lang]}`;
}

export function totalsLine(t: Totals, lang: Lang): string {
  return lang === 'ja'
    ? `合計 ${t.files} ファイル: OK ${t.ok}、要修正 ${t.invalid}、読込不可 ${t.unreadable}（エラー ${t.errors}、警告 ${t.warnings}）`
    : `${t.files} files: ${t.ok} ok, ${t.invalid} invalid, ${t.unreadable} unreadable (${t.errors} errors, ${t.warnings} warnings)`;
}

/** The full report as lines: a line per file, the findings grouped by file, and the totals. */
export function textReport(results: readonly FileResult[], lang: Lang, st: Style = plain): string[] {
  const lines = results.map((r) => fileLine(r, lang, st));
  for (const r of results) {
    const shown = r.issues.filter((i) => i.rule !== 'FILE-UNREADABLE');
    if (!shown.length) continue;
    lines.push('', st.bold(r.path));
    for (const i of shown) lines.push(issueLine(i, lang, st));
  }
  lines.push('', totalsLine(totalsOf(results), lang));
  return lines;
}
