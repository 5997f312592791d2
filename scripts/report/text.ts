// The terminal report — the one place for terminal formatting: one line per file (status, path, template, subject,
// counts, score and band, red flags), then the findings grouped by file, then the totals; colour only on a TTY and
// a progress bar on stderr for long runs. Columns are padded by display width (a kanji takes two cells), so
// Japanese status words, paths and company names line up.
import { formatRate, scoreText, statusLabel } from '../../templates/model/score.js';
import type { Issue, Lang, Severity } from '../../templates/model/types.js';
import { issueCount, type FileResult } from '../file-result.js';

export interface Totals {
  files: number;
  ok: number;
  /** Templates with errors (要修正); a workbook that is no template is counted under notTemplate instead. */
  invalid: number;
  /** Readable workbooks that are no Daicho template (対象外). */
  notTemplate: number;
  unreadable: number;
  errors: number;
  warnings: number;
}

export function emptyTotals(): Totals {
  return { files: 0, ok: 0, invalid: 0, notTemplate: 0, unreadable: 0, errors: 0, warnings: 0 };
}

/** A readable workbook that is no Daicho template: its status is "invalid", but it is shown as 対象外. */
export function isNotTemplate(r: FileResult): boolean {
  return (
    r.status === 'invalid' &&
    r.template === null &&
    r.issues.some((i) => i.rule === 'TEMPLATE-UNKNOWN' && i.cell === null)
  );
}

export function addToTotals(t: Totals, r: FileResult): Totals {
  t.files++;
  if (isNotTemplate(r)) t.notTemplate++;
  else t[r.status]++;
  for (const i of r.issues) {
    if (i.severity === 'error') t.errors += issueCount(i);
    else if (i.severity === 'warning') t.warnings += issueCount(i);
  }
  return t;
}

export function totalsOf(results: readonly FileResult[]): Totals {
  const t = emptyTotals();
  for (const r of results) addToTotals(t, r);
  return t;
}

const STATUS_LABEL = {
  ok: { ja: 'OK', en: 'ok' },
  invalid: { ja: '要修正', en: 'invalid' },
  unreadable: { ja: '読込不可', en: 'unreadable' },
  /** Shown for a readable workbook that is no Daicho template (its status is still "invalid"). */
  unknown: { ja: '対象外', en: 'unknown' },
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

export const plain: Style = { red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s, bold: (s) => s };
const sgr = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;
export const colour: Style = { red: sgr(31), yellow: sgr(33), green: sgr(32), dim: sgr(2), bold: sgr(1) };

/**
 * Colour where the stream takes it: on a terminal as Node decides (`hasColors()` honours NO_COLOR, FORCE_COLOR and
 * TERM=dumb); through a pipe or into a file only when FORCE_COLOR asks for it.
 */
export function colourWanted(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  if (stream.isTTY && typeof stream.hasColors === 'function') return stream.hasColors(env);
  const force = env.FORCE_COLOR;
  return force !== undefined && force !== '0' && force !== 'false';
}

export function styleFor(stream: NodeJS.WriteStream): Style {
  return colourWanted(stream) ? colour : plain;
}

// ---- escaping ---------------------------------------------------------------------------------------------------

/**
 * Characters that act on a terminal instead of showing: C0 controls (ESC starts a sequence that can retitle or clear
 * the window, a newline splits a line), DEL, C1 controls, the line and paragraph separators, and the bidi controls
 * that reorder what is shown (U+061C, U+200E/F, U+202A–202E, U+2066–2069).
 */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to find
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- our own colour sequences (styleFor), the only ones let through
const SGR = /(\u001b\[[0-9;]*m)/;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  const c = ch.charCodeAt(0);
  return (
    SHORT[ch] ??
    (c < 0x100
      ? `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`
      : `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`)
  );
}

/**
 * Text from a file (a cell value, a sheet or file name, a message quoting them) made safe to print: every character
 * that acts on a terminal is shown escaped (`\x1B`, `\n`, `\u202E`). Only for the terminal: the JSON report and the
 * workbooks keep values exactly.
 */
export function terminalSafe(s: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(s) ? s.replace(UNSAFE, escapeChar) : s;
}

/** A whole line on its way to the terminal: escaped, but for our own colour sequences when colour is on. */
export function terminalLine(line: string, colour: boolean): string {
  if (!colour) return terminalSafe(line);
  return line.includes('\u001b')
    ? line
        .split(SGR)
        .map((part, k) => (k % 2 ? part : terminalSafe(part)))
        .join('')
    : terminalSafe(line);
}

// ---- display width ------------------------------------------------------------------------------------------

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
/** Combining marks, zero-width spaces/joiners, kana voicing marks and variation selectors take no cell. */
function zeroWidth(c: number): boolean {
  return (
    (c >= 0x300 && c <= 0x36f) ||
    (c >= 0x200b && c <= 0x200f) ||
    c === 0x3099 ||
    c === 0x309a ||
    (c >= 0xfe00 && c <= 0xfe0f)
  );
}
// eslint-disable-next-line no-control-regex -- SGR colour sequences are exactly what must not count
const ANSI = /\u001b\[[0-9;]*m/g;

/** Terminal cells a string takes: East Asian wide and full-width characters two, combining marks none. */
export function displayWidth(s: string): number {
  let ascii = true;
  for (let k = 0; k < s.length && ascii; k++) {
    const c = s.charCodeAt(k);
    ascii = c >= 0x20 && c < 0x7f;
  }
  if (ascii) return s.length;
  let w = 0;
  for (const ch of s.replace(ANSI, '')) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) continue;
    if (c < 0x1100) w += 1;
    else if (zeroWidth(c)) continue;
    else w += WIDE.test(ch) ? 2 : 1;
  }
  return w;
}

/** Pads to `width` display cells (never cuts). */
export function padEnd(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}

export function padStart(s: string, width: number): string {
  const w = displayWidth(s);
  return w >= width ? s : ' '.repeat(width - w) + s;
}

/** Cuts to at most `width` display cells, ending in … when cut. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = displayWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

/** Pads or cuts to exactly `width` cells. */
export function fit(s: string, width: number): string {
  return padEnd(truncate(s, width), width);
}

// ---- lines --------------------------------------------------------------------------------------------------

/** The pane shows the same (formatRate, templates/model/score.ts). */
export const percent = formatRate;

/** Where a finding is, as `sheet!cell` (escaped for the terminal: a sheet name comes from the file). */
export function location(i: Issue): string {
  if (i.sheet && i.cell) return terminalSafe(`${i.sheet}!${i.cell}`);
  return terminalSafe(i.sheet ?? '');
}

export function countsOf(r: FileResult): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const i of r.issues) {
    if (i.severity === 'error') errors += issueCount(i);
    else if (i.severity === 'warning') warnings += issueCount(i);
    else infos += issueCount(i);
  }
  return { errors, warnings, infos };
}

/** Issues that are the file's whole story and shown on its line, not again under the findings. */
function isHeadline(i: Issue): boolean {
  return i.rule === 'FILE-UNREADABLE' || (i.rule === 'TEMPLATE-UNKNOWN' && i.cell === null);
}

/** Column widths for the per-file lines, fixed up front from the list of paths so that streamed lines align. */
export interface LineLayout {
  path: number;
}

/** Longer paths are printed whole (they are what people copy) and push that line's columns right. */
const MAX_PATH_COLUMN = 80;
const TEMPLATE_COLUMN = 24; // 'contractor-evaluation v1'
const SUBJECT_COLUMN = 22;

export function lineLayout(paths: readonly string[]): LineLayout {
  let path = 0;
  for (const p of paths) path = Math.max(path, displayWidth(p));
  return { path: Math.min(path, MAX_PATH_COLUMN) };
}

export function fileLine(r: FileResult, lang: Lang, st: Style = plain, layout?: LineLayout): string {
  const paint = r.status === 'ok' ? st.green : r.status === 'invalid' ? st.red : st.yellow;
  const headline = r.issues.find(isHeadline);
  const label =
    headline?.rule === 'TEMPLATE-UNKNOWN'
      ? STATUS_LABEL.unknown[lang]
      : statusLabel(r.status, r.score, STATUS_LABEL, lang);
  const path = terminalSafe(r.path);
  const parts = [paint(padEnd(label, lang === 'ja' ? 8 : 10)), layout ? padEnd(path, layout.path) : path];
  if (!r.template || headline) {
    if (headline) parts.push(terminalSafe(headline.message[lang]));
    return parts.join('  ').trimEnd();
  }
  parts.push(st.dim(padEnd(`${r.template.id} v${r.template.version}`, TEMPLATE_COLUMN)));
  parts.push(fit(terminalSafe(r.subject ?? ''), SUBJECT_COLUMN));
  const c = countsOf(r);
  parts.push(
    lang === 'ja'
      ? `エラー ${padStart(String(c.errors), 3)}  警告 ${padStart(String(c.warnings), 3)}`
      : `${padStart(String(c.errors), 3)} errors  ${padStart(String(c.warnings), 3)} warnings`,
  );
  if (r.score) {
    parts.push(scoreText(r.score, lang, (rate) => padStart(percent(rate), 6)));
    if (r.score.redFlags.length)
      parts.push(st.red(`${lang === 'ja' ? '重大' : 'red flags'}: ${terminalSafe(r.score.redFlags.join(', '))}`));
  }
  return parts.join('  ').trimEnd();
}

function severityColumn(severity: Severity, lang: Lang, st: Style): string {
  const paint = severity === 'error' ? st.red : severity === 'warning' ? st.yellow : st.dim;
  return paint(padEnd(SEVERITY_LABEL[severity][lang], lang === 'ja' ? 6 : 7));
}

export function issueLine(i: Issue, lang: Lang, st: Style = plain, locWidth = 0): string {
  return `  ${severityColumn(i.severity, lang, st)}  ${padEnd(location(i), locWidth)}  ${st.dim(padEnd(i.rule, 16))}  ${terminalSafe(i.message[lang])}`;
}

/**
 * The findings of one file: a blank line, the path (and subject), one line per finding. None when none. Made as
 * they are read, so that a file's 90,000 lines are never all held at once.
 */
export function* findingLines(r: FileResult, lang: Lang, st: Style = plain): Generator<string> {
  // issueLine's line, with what repeats from line to line (a sheet name's width, the padded severity and rule
  // columns) worked out once per file: 90,000 findings share a handful of each.
  const sheetWidths = new Map<string, number>();
  const locationWidth = (i: Issue): number => {
    if (!i.sheet) return 0;
    let w = sheetWidths.get(i.sheet);
    if (w === undefined) sheetWidths.set(i.sheet, (w = displayWidth(terminalSafe(i.sheet))));
    return i.cell ? w + 1 + displayWidth(i.cell) : w;
  };
  let locWidth = -1;
  for (const i of r.issues) if (!isHeadline(i)) locWidth = Math.max(locWidth, Math.min(30, locationWidth(i)));
  if (locWidth < 0) return;
  yield '';
  yield st.bold(terminalSafe(r.subject ? `${r.path}  ${r.subject}` : r.path));
  const sevColumns = new Map<Severity, string>();
  const ruleColumns = new Map<string, string>();
  for (const i of r.issues) {
    if (isHeadline(i)) continue;
    let sev = sevColumns.get(i.severity);
    if (sev === undefined) sevColumns.set(i.severity, (sev = severityColumn(i.severity, lang, st)));
    let rule = ruleColumns.get(i.rule);
    if (rule === undefined) ruleColumns.set(i.rule, (rule = st.dim(padEnd(i.rule, 16))));
    const w = locationWidth(i);
    yield `  ${sev}  ${location(i)}${w < locWidth ? ' '.repeat(locWidth - w) : ''}  ${rule}  ${terminalSafe(i.message[lang])}`;
  }
}

export function totalsLine(t: Totals, lang: Lang): string {
  // 対象外 only when there is one, so that a run of templates reads as before.
  return lang === 'ja'
    ? `合計 ${t.files} ファイル: OK ${t.ok}、要修正 ${t.invalid}、${t.notTemplate ? `対象外 ${t.notTemplate}、` : ''}読込不可 ${t.unreadable}（エラー ${t.errors}、警告 ${t.warnings}）`
    : `${t.files} files: ${t.ok} ok, ${t.invalid} invalid, ${t.notTemplate ? `${t.notTemplate} not a template, ` : ''}${t.unreadable} unreadable (${t.errors} errors, ${t.warnings} warnings)`;
}

/** The full report as lines: a line per file, the findings grouped by file, and the totals. */
export function textReport(results: readonly FileResult[], lang: Lang, st: Style = plain): string[] {
  const layout = lineLayout(results.map((r) => r.path));
  const lines = results.map((r) => fileLine(r, lang, st, layout));
  for (const r of results) for (const line of findingLines(r, lang, st)) lines.push(line);
  lines.push('', totalsLine(totalsOf(results), lang));
  return lines;
}

// ---- outputs and progress -----------------------------------------------------------------------------------

export function outputsLines(
  o: { annotated?: { dir: string; written: number; skipped: string[] }; summary?: readonly string[]; json?: string },
  lang: Lang,
): string[] {
  const lines: string[] = [];
  if (o.annotated) {
    const { written, skipped } = o.annotated;
    const dir = terminalSafe(o.annotated.dir);
    lines.push(
      lang === 'ja'
        ? `指摘を書き込んだコピー ${written} 件を ${dir} に作成しました。`
        : `Wrote ${written} annotated copies to ${dir}.`,
    );
    if (skipped.length) {
      lines.push(
        lang === 'ja'
          ? `読み込めないファイル等 ${skipped.length} 件にはコピーを作成していません:`
          : `No annotated copy for ${skipped.length} file(s) that could not be read or annotated:`,
      );
      for (const s of skipped) lines.push(`  ${terminalSafe(s)}`);
    }
  }
  const summary = o.summary?.map(terminalSafe);
  const json = o.json && terminalSafe(o.json);
  // A .csv summary is two files (files and findings).
  if (summary?.length === 1)
    lines.push(
      lang === 'ja' ? `集計ブックを ${summary[0]} に作成しました。` : `Wrote the summary workbook ${summary[0]}.`,
    );
  else if (summary?.length)
    lines.push(
      lang === 'ja'
        ? `集計（CSV）を ${summary.join('、')} に作成しました。`
        : `Wrote the summary as CSV: ${summary.join(', ')}.`,
    );
  if (json) lines.push(lang === 'ja' ? `JSON レポートを ${json} に作成しました。` : `Wrote the JSON report ${json}.`);
  return lines;
}

/** The bar itself: `[██████░░░░]  60%  3000/5000  1234 件/s`. */
export function progressBar(done: number, total: number, rate: number, lang: Lang, width = 24): string {
  const frac = total ? Math.min(1, done / total) : 1;
  const full = Math.round(frac * width);
  const bar = '█'.repeat(full) + '░'.repeat(width - full);
  const pct = padStart(`${Math.floor(frac * 100)}%`, 4);
  const speed = rate > 0 ? `  ${Math.round(rate)} ${lang === 'ja' ? '件/秒' : 'files/s'}` : '';
  return `[${bar}] ${pct}  ${done}/${total}${speed}`;
}

/**
 * A progress bar on a TTY stream, redrawn in place with \r at most every 100 ms. Call clear() before writing other
 * lines to the same terminal and the bar is redrawn after them on the next tick.
 */
export class Progress {
  private done = 0;
  private last = 0;
  private shown = false;
  private readonly started = performance.now();

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total: number,
    private readonly lang: Lang,
  ) {}

  /** Only for long runs on a terminal. */
  static wanted(stream: NodeJS.WriteStream, total: number, env: NodeJS.ProcessEnv = process.env): boolean {
    // A dumb terminal cannot clear a line.
    return Boolean(stream.isTTY) && env.TERM !== 'dumb' && total > 20;
  }

  tick(done = this.done + 1): void {
    this.done = done;
    const now = performance.now();
    if (now - this.last < 100 && done < this.total) return;
    this.last = now;
    const rate = done / Math.max(0.001, (now - this.started) / 1000);
    this.stream.write(`\r${progressBar(done, this.total, rate, this.lang)}\u001b[K`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\u001b[K');
    this.shown = false;
    this.last = 0;
  }
}
