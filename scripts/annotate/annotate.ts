// --annotate: the copy a procurement officer mails back. The input package is copied and only the parts we change
// are replaced, so the supplier's formatting, dropdowns, protection, macros and everything else survive:
// - every problem cell gets a fill (red for errors, yellow for warnings, blue for information) through a cloned
//   cell style, and a note (comment + legacy VML shape) explaining each finding, in Japanese or English;
// - a first sheet 指摘一覧 / Findings lists every finding with a link to its cell, and is selected on opening.
// Cell addresses are the ones the issues carry, i.e. the original file's layout (moved columns stay where they are).
// The input file is only read.
import { scoreText } from '../../templates/model/score.js';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseAddress, quoteSheet } from '../../templates/model/grid.js';
import { MARK_RGB, worseSeverity } from '../../templates/model/severity.js';
import type { Issue, Lang, Severity } from '../../templates/model/types.js';
import type { FileResult } from '../file-result.js';
import { planPrint, printTitlesName, printXml, rowHeight, type PrintPlan } from '../xlsx/print.js';
import { writeFileAtomicSync } from '../io/atomic.js';
import { excelText } from '../xlsx/cell-text.js';
import { findEntry, readPart, readRelationships, relsPathFor, type Relationship } from '../io/package.js';
import { openSpreadsheetPackage } from '../io/sniff.js';
import type { ZipArchive } from '../io/zip.js';
import { markSheet } from './sheet-marks.js';
import { MINIMAL_STYLES, StylesEditor } from './styles.js';
import {
  decodePart,
  encodePart,
  escapeXml,
  getAttr,
  relIdAttr,
  removeAttr,
  scanTags,
  setAttr,
  Splices,
} from './xml-edit.js';
import { IdBlocks, mergeVml, type NoteCell } from './vml.js';
import { COVER_PRINT, coverSheetXml, type CoverLetter } from './cover-sheet.js';
import { rewriteZip, type PartChanges } from './zip-rewrite.js';

export interface AnnotateOptions {
  lang: Lang;
  force?: boolean;
  /** A letter to put first, before the findings sheet (status's correction request). */
  cover?: CoverLetter;
}

/** The namespaces our new parts use: those of the package's own flavour, Transitional (almost all) or Strict. */
export interface Namespaces {
  main: string;
  /** Namespace of r:id attributes and base of relationship types. */
  rel: string;
}
const TRANSITIONAL: Namespaces = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
};
const STRICT: Namespaces = {
  main: 'http://purl.oclc.org/ooxml/spreadsheetml/main',
  rel: 'http://purl.oclc.org/ooxml/officeDocument/relationships',
};
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
};
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const PART_LIMIT = 200 * 1024 * 1024;

/** Fills as ARGB, as styles.xml wants them (the pane uses the same colours: MARK_RGB). */
export const MARK_COLOURS: Record<Severity, string> = {
  error: `FF${MARK_RGB.error}`,
  warning: `FF${MARK_RGB.warning}`,
  info: `FF${MARK_RGB.info}`,
};

export const ANNOTATE_TEXT = {
  sheet: { ja: '指摘一覧', en: 'Findings' },
  title: { ja: '指摘一覧（Daicho によるチェック結果）', en: 'Findings (checked by Daicho)' },
  headers: {
    ja: ['No.', 'シート', 'セル', '重要度', 'ルール', '項目', '値', '内容'],
    en: ['No.', 'Sheet', 'Cell', 'Severity', 'Rule', 'Field', 'Value', 'Finding'],
  },
  severity: {
    error: { ja: 'エラー', en: 'Error' },
    warning: { ja: '警告', en: 'Warning' },
    info: { ja: '情報', en: 'Info' },
  },
  none: { ja: '指摘はありません。', en: 'No findings.' },
  howTo: {
    ja: '色の付いたセルにメモで指摘を記載しています。セル番地をクリックすると該当セルへ移動します。修正後、このシートは削除しても構いません。',
    en: 'Each marked cell carries a note explaining the finding. Click a cell address to go to it. You may delete this sheet once the workbook is corrected.',
  },
} as const;

interface SheetRef {
  name: string;
  part: string;
  /** Stored zip entry name of the part. */
  entry: string;
}

/** Package plumbing for one copy: reads parts, records the changes, names new parts and relationship ids. */
class Copy {
  readonly changes: PartChanges = new Map();
  private readonly text = new Map<string, string>();
  readonly contentTypes: { overrides: string[]; defaults: string[] } = { overrides: [], defaults: [] };

  constructor(readonly zip: ZipArchive) {}

  entryName(part: string): string | undefined {
    return findEntry(this.zip, part)?.name;
  }

  /**
   * Current text of a part (after our edits), or undefined when absent. The text is kept for the next read (the
   * workbook is read three times) unless `keep` is false: a worksheet is read once, and only the marked ones are
   * written.
   */
  read(part: string, keep = true): string | undefined {
    const key = this.entryName(part) ?? part;
    const known = this.text.get(key);
    if (known !== undefined) return known;
    if (!findEntry(this.zip, part)) return undefined;
    const xml = decodePart(readPart(this.zip, part, PART_LIMIT));
    if (keep) this.text.set(key, xml);
    return xml;
  }

  write(part: string, xml: string): void {
    const key = this.entryName(part) ?? part;
    this.text.set(key, xml);
    this.changes.set(key, encodePart(xml));
  }

  exists(part: string): boolean {
    return this.entryName(part) !== undefined || this.text.has(part);
  }

  /** A part name like xl/comments/daicho1.xml that the package does not have yet. */
  freshPart(prefix: string, ext: string): string {
    for (let n = 1; ; n++) {
      const p = `${prefix}${n}${ext}`;
      if (!this.exists(p)) return p;
    }
  }

  /** Adds a relationship to the .rels of `source`; returns its id. */
  addRelationship(source: string, type: string, target: string): string {
    const relsPart = relsPathFor(source);
    const xml = this.read(relsPart) ?? `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}"></Relationships>`;
    const ids = new Set([...xml.matchAll(/\sId\s*=\s*["']([^"']+)["']/g)].map((m) => m[1]));
    let id = 'rIdDaicho1';
    for (let n = 2; ids.has(id); n++) id = `rIdDaicho${n}`;
    this.write(
      relsPart,
      insertBeforeClose(
        xml,
        'Relationships',
        `<Relationship Id="${id}" Type="${type}" Target="${escapeXml(relativeTarget(source, target))}"/>`,
      ),
    );
    return id;
  }
}

/** Inserts `inner` just before the root element's closing tag (expanding a self-closing root). */
function insertBeforeClose(xml: string, local: string, inner: string): string {
  // The root's close tag is the part's last tag: looked for from the end first (unless a comment follows it).
  const last = xml.lastIndexOf('</');
  const tail = last >= 0 ? scanTags(xml, last).next().value : undefined;
  if (tail && tail.type === 'close' && tail.local === local && xml.slice(tail.end).trim() === '')
    return xml.slice(0, tail.start) + inner + xml.slice(tail.start);
  let depth = 0;
  for (const t of scanTags(xml)) {
    if (t.type === 'close') depth--;
    const d = depth;
    if (t.type === 'open') depth++;
    if (d === 0 && t.local === local) {
      if (t.type === 'close') return xml.slice(0, t.start) + inner + xml.slice(t.start);
      if (t.type === 'empty') {
        const open = xml.slice(t.start, t.end - 2).replace(/\s+$/, '') + '>';
        return xml.slice(0, t.start) + open + inner + `</${t.name}>` + xml.slice(t.end);
      }
    }
  }
  throw new Error(`no <${local}> root element`);
}

/** A relationship target for `target` written relative to the folder of `source`. */
function relativeTarget(source: string, target: string): string {
  const from = source.split('/').slice(0, -1);
  const to = target.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i].toLowerCase() === to[i].toLowerCase()) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

function sheetsOf(copy: Copy, workbookPath: string, rels: Relationship[]): SheetRef[] {
  const xml = copy.read(workbookPath)!;
  const out: SheetRef[] = [];
  for (const t of scanTags(xml)) {
    if (t.local !== 'sheet' || t.type === 'close') continue;
    const text = xml.slice(t.start, t.end);
    const ridAttr = relIdAttr(text);
    const rid = ridAttr ? getAttr(text, ridAttr) : undefined;
    const rel = rels.find((r) => r.id === rid && !r.external);
    const name = getAttr(text, 'name');
    if (!rel || name === undefined || rel.type !== 'worksheet') continue;
    const entry = copy.entryName(rel.target);
    if (entry) out.push({ name, part: rel.target, entry });
  }
  return out;
}

/** Note text for one cell: each finding as "[エラー] RULE" and its message. */
function noteText(issues: Issue[], lang: Lang): string {
  return issues.map((i) => `[${ANNOTATE_TEXT.severity[i.severity][lang]}] ${i.rule}\n${i.message[lang]}`).join('\n\n');
}

function worstOf(issues: Issue[]): Severity {
  return issues.reduce<Severity>((w, i) => worseSeverity(w, i.severity), 'info');
}

// ---- notes: comments part + VML ---------------------------------------------------------------------------

function commentRun(text: string): string {
  return `<r><rPr><sz val="9"/><rFont val="Yu Gothic"/><family val="3"/><charset val="128"/></rPr><t xml:space="preserve">${escapeXml(excelText(text))}</t></r>`;
}

const DAICHO_AUTHOR = 'Daicho';

/** Adds notes to a comments part (new or existing). A cell that already has a note gets ours in front of it. */
function mergeComments(existing: string | undefined, notes: Map<string, string>, ns: Namespaces): string {
  let xml =
    existing ?? `${XML_DECL}<comments xmlns="${ns.main}"><authors></authors><commentList></commentList></comments>`;
  // Author.
  let authors = 0;
  let authorId = -1;
  let inAuthor = false;
  let authorText = '';
  for (const t of scanTags(xml)) {
    if (t.local === 'author') {
      if (t.type === 'open') {
        inAuthor = true;
        authorText = '';
        const close = xml.indexOf('<', t.end);
        authorText = xml.slice(t.end, close);
      } else if (t.type === 'close' && inAuthor) {
        if (authorText === DAICHO_AUTHOR) authorId = authors;
        authors++;
        inAuthor = false;
      } else if (t.type === 'empty') authors++;
    }
  }
  let prefix = '';
  for (const t of scanTags(xml)) {
    if (t.local === 'comments') {
      prefix = t.prefix;
      break;
    }
  }
  if (authorId < 0) {
    xml = insertChild(xml, 'authors', `<${prefix}author>${DAICHO_AUTHOR}</${prefix}author>`, prefix);
    authorId = authors;
  }
  // Existing comments on our cells: prepend our run to their text.
  const sp = new Splices();
  const done = new Set<string>();
  let current: string | null = null;
  for (const t of scanTags(xml)) {
    if (t.local === 'comment' && t.type === 'open') {
      const ref = getAttr(xml.slice(t.start, t.end), 'ref')?.replace(/\$/g, '').toUpperCase() ?? null;
      current = ref && notes.has(ref) ? ref : null;
    } else if (t.local === 'text' && t.type === 'open' && current) {
      sp.insert(
        t.end,
        commentRun(`Daicho:\n${notes.get(current)}\n\n`).replace(
          /<(\/?)(r|rPr|sz|rFont|family|charset|t)([ >/])/g,
          `<$1${prefix}$2$3`,
        ),
      );
      // A plain <t> child (no runs) cannot stand beside our run: make it a run of its own.
      let depth = 0;
      let tStart = -1;
      for (const u of scanTags(xml, t.end)) {
        if (u.type === 'close' && depth === 0) break; // </text>
        if (u.type === 'open') {
          if (depth === 0 && u.local === 't') tStart = u.start;
          depth++;
        } else if (u.type === 'close') {
          depth--;
          if (depth === 0 && u.local === 't' && tStart >= 0) {
            sp.insert(tStart, `<${prefix}r>`);
            sp.insert(u.end, `</${prefix}r>`);
            tStart = -1;
          }
        }
      }
      done.add(current);
      current = null;
    }
  }
  xml = sp.apply(xml);
  let added = '';
  for (const [ref, text] of notes) {
    if (done.has(ref)) continue;
    added += `<comment ref="${ref}" authorId="${authorId}"><text>${commentRun(text)}</text></comment>`.replace(
      /<(\/?)(comment|text|r|rPr|sz|rFont|family|charset|t)([ >/])/g,
      `<$1${prefix}$2$3`,
    );
  }
  return added ? insertChild(xml, 'commentList', added, prefix) : xml;
}

/** The cells (A1, upper case, no $) the notes of a comments part are on. */
function commentRefs(xml: string): string[] {
  const refs: string[] = [];
  for (const t of scanTags(xml)) {
    if (t.local !== 'comment' || t.type === 'close') continue;
    const ref = getAttr(xml.slice(t.start, t.end), 'ref')?.replace(/\$/g, '').toUpperCase();
    if (ref && /^[A-Z]{1,3}[1-9]\d*$/.test(ref)) refs.push(ref);
  }
  return refs;
}

/** Inserts `inner` at the end of the first element `local` (creating it inside the root when absent). */
function insertChild(xml: string, local: string, inner: string, prefix: string): string {
  for (const t of scanTags(xml)) {
    if (t.local !== local) continue;
    if (t.type === 'empty') {
      const open = xml.slice(t.start, t.end - 2).replace(/\s+$/, '') + '>';
      return xml.slice(0, t.start) + open + inner + `</${t.name}>` + xml.slice(t.end);
    }
    if (t.type === 'open') {
      // Find the matching close.
      let depth = 0;
      for (const u of scanTags(xml, t.start)) {
        if (u.type === 'open') depth++;
        else if (u.type === 'close' && --depth === 0) return xml.slice(0, u.start) + inner + xml.slice(u.start);
      }
    }
  }
  return insertBeforeClose(xml, 'comments', `<${prefix}${local}>${inner}</${prefix}${local}>`);
}

// ---- the findings sheet -----------------------------------------------------------------------------------

function inlineCell(ref: string, text: string | null, s?: number): string {
  if (text === null || text === '') return s ? `<c r="${ref}" s="${s}"/>` : '';
  return `<c r="${ref}"${s ? ` s="${s}"` : ''} t="inlineStr"><is><t xml:space="preserve">${escapeXml(excelText(text))}</t></is></c>`;
}

interface FindingStyles {
  title: number;
  header: number;
  link: number;
  wrap: number;
  severity: Record<Severity, number>;
}

const FINDINGS_WIDTHS = [6, 16, 10, 9, 16, 20, 22, 90];
/** The header row (4) repeats on every printed page: see addFirstSheet. */
const FINDINGS_PRINT = planPrint(FINDINGS_WIDTHS);

function findingsSheetXml(
  result: FileResult,
  fileName: string,
  lang: Lang,
  present: Set<string>,
  st: FindingStyles,
  ns: Namespaces,
  selected: boolean,
): string {
  const headers = ANNOTATE_TEXT.headers[lang];
  const cols = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
  const rows: string[] = [];
  const links: string[] = [];
  const counts = { error: 0, warning: 0, info: 0 };
  for (const i of result.issues) counts[i.severity]++;
  const tpl = result.template ? `${result.template.id} v${result.template.version}` : '';
  const summary =
    lang === 'ja'
      ? `${fileName}${tpl ? `（${tpl}）` : ''}：エラー ${counts.error} 件、警告 ${counts.warning} 件、情報 ${counts.info} 件` +
        (result.score ? `。${scoreText(result.score, 'ja')}` : '') +
        (result.score?.redFlags.length ? `、重大: ${result.score.redFlags.join(', ')}` : '')
      : `${fileName}${tpl ? ` (${tpl})` : ''}: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info` +
        (result.score ? `. ${scoreText(result.score, 'en')}` : '') +
        (result.score?.redFlags.length ? `, red flags: ${result.score.redFlags.join(', ')}` : '');
  rows.push(`<row r="1" ht="24" customHeight="1">${inlineCell('A1', ANNOTATE_TEXT.title[lang], st.title)}</row>`);
  rows.push(`<row r="2">${inlineCell('A2', summary)}</row>`);
  rows.push(`<row r="3">${inlineCell('A3', ANNOTATE_TEXT.howTo[lang])}</row>`);
  rows.push(`<row r="4">${headers.map((h, c) => inlineCell(`${cols[c]}4`, h, st.header)).join('')}</row>`);
  let r = 5;
  if (!result.issues.length) rows.push(`<row r="${r}">${inlineCell(`A${r++}`, ANNOTATE_TEXT.none[lang])}</row>`);
  result.issues.forEach((i, k) => {
    const sheetKnown = i.sheet !== null && present.has(i.sheet);
    const cellText = i.cell ? i.cell : sheetKnown ? '' : null;
    const link = sheetKnown ? `${quoteSheet(i.sheet!, { always: true })}!${i.cell ?? 'A1'}` : null;
    const cells = [
      `<c r="A${r}"><v>${k + 1}</v></c>`,
      inlineCell(`B${r}`, i.sheet, st.wrap),
      inlineCell(
        `C${r}`,
        link ? cellText || (lang === 'ja' ? 'シートへ' : 'go to sheet') : cellText,
        link ? st.link : undefined,
      ),
      inlineCell(`D${r}`, ANNOTATE_TEXT.severity[i.severity][lang], st.severity[i.severity]),
      inlineCell(`E${r}`, i.rule, st.wrap),
      inlineCell(`F${r}`, i.field, st.wrap),
      inlineCell(`G${r}`, i.value, st.wrap),
      inlineCell(`H${r}`, i.message[lang], st.wrap),
    ];
    // Neither Excel nor LibreOffice grows a row for wrapped text written by a program: size it for its texts
    // (a long value would otherwise be cut at its cell's edge when printed).
    const ht = rowHeight([null, i.sheet, null, null, i.rule, i.field, i.value, i.message[lang]], FINDINGS_WIDTHS);
    rows.push(
      ht
        ? `<row r="${r}" ht="${ht}" customHeight="1">${cells.join('')}</row>`
        : `<row r="${r}">${cells.join('')}</row>`,
    );
    if (link)
      links.push(
        `<hyperlink ref="C${r}" location="${escapeXml(link)}" display="${escapeXml(`${i.sheet}!${i.cell ?? 'A1'}`)}"/>`,
      );
    r++;
  });
  const last = Math.max(5, r - 1);
  const print = printXml(FINDINGS_PRINT);
  return (
    `${XML_DECL}<worksheet xmlns="${ns.main}" xmlns:r="${ns.rel}">` +
    `<sheetPr><tabColor rgb="FFC00000"/>${print.sheetPr}</sheetPr>` +
    `<dimension ref="A1:H${last}"/>` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0"><pane ySplit="4" topLeftCell="A5" activePane="bottomLeft" state="frozen"/>` +
    '<selection pane="bottomLeft" activeCell="C5" sqref="C5"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    `<cols>${FINDINGS_WIDTHS.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<autoFilter ref="A4:H${last}"/>` +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    print.tail +
    '</worksheet>'
  );
}

// ---- workbook.xml and [Content_Types].xml -------------------------------------------------------------------

/**
 * Puts a sheet first: a <sheet> at the head of <sheets>, sheet-scoped names shifted, first tab active, and its print
 * titles (`titleRows` repeated on every page, as the sheet's print plan says).
 */
function addFirstSheet(
  xml: string,
  name: string,
  rid: string,
  ns: Namespaces,
  print: { plan: PrintPlan; titleRows: [number, number] },
): string {
  const sp = new Splices();
  let maxId = 0;
  let sheetsTag: { end: number; prefix: string } | null = null;
  // The relationships prefix the root declares; a prefix declared on each <sheet> (d3p1:id, .NET) is not ours to use.
  let relPrefix: string | undefined;
  let namesAt: { at: number; open: boolean } | null = null;
  for (const t of scanTags(xml)) {
    const text = xml.slice(t.start, t.end);
    if (t.local === 'workbook' && t.type === 'open')
      relPrefix = new RegExp(`\\sxmlns:([\\w.-]+)\\s*=\\s*["']${ns.rel.replace(/[.:/]/g, '\\$&')}["']`).exec(text)?.[1];
    if (t.local === 'sheets' && t.type === 'open') sheetsTag = { end: t.end, prefix: t.prefix };
    if (t.local === 'sheets' && t.type === 'close' && !namesAt) namesAt = { at: t.end, open: false };
    // <definedNames> follows <sheets>, <functionGroups> and <externalReferences> (CT_Workbook's order).
    if ((t.local === 'functionGroups' || t.local === 'externalReferences') && t.type !== 'open')
      namesAt = { at: t.end, open: false };
    if (t.local === 'definedNames' && t.type === 'close') namesAt = { at: t.start, open: true };
    if (t.local === 'definedNames' && t.type === 'empty') {
      sp.replace(t.start, t.end, '');
      namesAt = { at: t.end, open: false };
    }
    if (t.local === 'sheet' && t.type !== 'close') maxId = Math.max(maxId, Number(getAttr(text, 'sheetId') ?? 0));
    if (t.local === 'definedName' && t.type !== 'close') {
      const local = getAttr(text, 'localSheetId');
      if (local !== undefined && /^\d+$/.test(local))
        sp.replace(t.start, t.end, setAttr(text, 'localSheetId', String(Number(local) + 1)));
    }
    if (t.local === 'workbookView' && t.type !== 'close')
      sp.replace(t.start, t.end, removeAttr(setAttr(text, 'activeTab', '0'), 'firstSheet'));
  }
  if (!sheetsTag) throw new Error('workbook has no <sheets>');
  const idAttr = relPrefix ? `${relPrefix}:id="${rid}"` : `xmlns:r="${ns.rel}" r:id="${rid}"`;
  sp.insert(sheetsTag.end, `<${sheetsTag.prefix}sheet name="${escapeXml(name)}" sheetId="${maxId + 1}" ${idAttr}/>`);
  if (namesAt) {
    const p = sheetsTag.prefix;
    const title = printTitlesName(name, 0, print.plan, print.titleRows)
      .replace(/^<definedName/, `<${p}definedName`)
      .replace(/<\/definedName>$/, `</${p}definedName>`);
    sp.insert(namesAt.at, namesAt.open ? title : `<${p}definedNames>${title}</${p}definedNames>`);
  }
  return sp.apply(xml);
}

function contentTypesWith(
  xml: string,
  overrides: { part: string; type: string }[],
  defaults: { ext: string; type: string }[],
): string {
  const haveDefault = new Set(
    [...xml.matchAll(/<(?:\w+:)?Default\s[^>]*Extension\s*=\s*["']([^"']+)["']/g)].map((m) => m[1].toLowerCase()),
  );
  let add = '';
  for (const d of defaults)
    if (!haveDefault.has(d.ext)) add += `<Default Extension="${d.ext}" ContentType="${d.type}"/>`;
  for (const o of overrides) add += `<Override PartName="/${escapeXml(o.part)}" ContentType="${o.type}"/>`;
  return add ? insertBeforeClose(xml, 'Types', add) : xml;
}

// ---- the whole copy -----------------------------------------------------------------------------------------

/** The annotated copy of a package, as bytes. `result` is what checking this same package found. */
export function annotatePackage(
  bytes: Uint8Array,
  result: FileResult,
  opts: AnnotateOptions & { fileName?: string },
): Uint8Array {
  const lang = opts.lang;
  const pkg = openSpreadsheetPackage(bytes, opts.fileName ?? '');
  const copy = new Copy(pkg.zip);
  const wbPath = pkg.workbookPath;
  const wbRels = readRelationships(pkg.zip, wbPath);
  const wbDir = wbPath.slice(0, wbPath.lastIndexOf('/') + 1);
  const ns = /purl\.oclc\.org\/ooxml\/spreadsheetml\/main/.test(copy.read(wbPath)!.slice(0, 4096))
    ? STRICT
    : TRANSITIONAL;
  const sheets = sheetsOf(copy, wbPath, wbRels);
  const overrides: { part: string; type: string }[] = [];
  const defaults: { ext: string; type: string }[] = [];

  // Styles: fills for the marks, fonts and styles for the findings sheet.
  let stylesPart = wbRels.find((r) => r.type === 'styles' && !r.external)?.target;
  let stylesXml = stylesPart ? copy.read(stylesPart) : undefined;
  if (!stylesPart || stylesXml === undefined) {
    // xl/styles.xml where free: some readers (openpyxl) look for the styles there and nowhere else.
    stylesPart = copy.exists(`${wbDir}styles.xml`) ? copy.freshPart(`${wbDir}styles`, '.xml') : `${wbDir}styles.xml`;
    stylesXml = MINIMAL_STYLES.replace(TRANSITIONAL.main, ns.main);
    copy.addRelationship(wbPath, `${ns.rel}/styles`, stylesPart);
    overrides.push({ part: stylesPart, type: CT.styles });
  }
  const styles = new StylesEditor(stylesXml);
  const fills = {
    error: styles.addFill(MARK_COLOURS.error),
    warning: styles.addFill(MARK_COLOURS.warning),
    info: styles.addFill(MARK_COLOURS.info),
  };
  const headerFill = styles.addFill('FF1F4E78');
  const findingStyles: FindingStyles = {
    title: styles.addXf({ fontId: styles.addFont({ bold: true, size: 14 }) }),
    header: styles.addXf({
      fontId: styles.addFont({ bold: true, argb: 'FFFFFFFF' }),
      fillId: headerFill,
      vertical: 'center',
    }),
    link: styles.addXf({ fontId: styles.addFont({ argb: 'FF0563C1', underline: true }) }),
    wrap: styles.addXf({ wrap: true, vertical: 'top' }),
    severity: {
      error: styles.addXf({ fillId: fills.error }),
      warning: styles.addXf({ fillId: fills.warning }),
      info: styles.addXf({ fillId: fills.info }),
    },
  };

  // VML idmap blocks and shape ids already used anywhere in the package.
  const idBlocks = new IdBlocks();
  for (const e of pkg.zip.entries) if (e.name.toLowerCase().endsWith('.vml')) idBlocks.see(copy.read(e.name) ?? '');

  // Marks and notes, sheet by sheet.
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const bySheet = new Map<string, Map<string, Issue[]>>();
  for (const i of result.issues) {
    if (!i.sheet || !i.cell || !byName.has(i.sheet)) continue;
    const cells = bySheet.get(i.sheet) ?? new Map<string, Issue[]>();
    cells.set(i.cell, [...(cells.get(i.cell) ?? []), i]);
    bySheet.set(i.sheet, cells);
  }
  for (const sheet of sheets) {
    const marked = bySheet.get(sheet.name);
    const xml = copy.read(sheet.part, false)!;
    if (!marked) {
      // Not marked, but it must not stay selected beside the findings sheet.
      if (/tabSelected\s*=\s*["'](1|true)["']/.test(xml.slice(0, 65536)))
        copy.write(sheet.part, markSheet(xml, { cells: new Map(), styleFor: (_r, _c, s) => s, unselect: true }));
      continue;
    }
    const cells = new Map<number, Set<number>>();
    const severity = new Map<string, Severity>();
    const notes = new Map<string, string>();
    const shapes: NoteCell[] = [];
    for (const [addr, issues] of marked) {
      const { row, col } = parseAddress(addr);
      cells.set(row, (cells.get(row) ?? new Set()).add(col));
      severity.set(`${row}:${col}`, worstOf(issues));
      const text = noteText(issues, lang);
      notes.set(addr, text);
      shapes.push({ row, col, lines: text.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 22)), 0) });
    }
    // Notes: reuse the sheet's comments part and VML drawing when it has them.
    const rels = readRelationships(pkg.zip, sheet.part);
    // (a plain search first: the RegExp over the whole of a sheet without notes costs more)
    const legacyTag = xml.includes('legacyDrawing') ? /<(?:[\w.-]+:)?legacyDrawing\s[^>]*>/.exec(xml)?.[0] : undefined;
    const legacyAttr = legacyTag ? relIdAttr(legacyTag) : undefined;
    const legacyRid = legacyTag && legacyAttr ? getAttr(legacyTag, legacyAttr) : undefined;
    const commentsRel = rels.find((r) => r.type === 'comments' && !r.external);
    const vmlRel = legacyRid ? rels.find((r) => r.id === legacyRid && !r.external) : undefined;
    const commentsPart = commentsRel?.target ?? copy.freshPart(`${wbDir}daichoComments`, '.xml');
    const comments = mergeComments(commentsRel ? copy.read(commentsPart) : undefined, notes, ns);
    copy.write(commentsPart, comments);
    if (!commentsRel) {
      copy.addRelationship(sheet.part, `${ns.rel}/comments`, commentsPart);
      overrides.push({ part: commentsPart, type: CT.comments });
    }
    // Every note of the part gets a shape: ours, and the supplier's where the drawing lacks one.
    for (const ref of commentRefs(comments)) {
      if (notes.has(ref)) continue;
      const { row, col } = parseAddress(ref);
      shapes.push({ row, col, lines: 3 });
    }
    let newLegacyRid: string | undefined;
    if (vmlRel && copy.exists(vmlRel.target)) {
      copy.write(vmlRel.target, mergeVml(copy.read(vmlRel.target), shapes, idBlocks));
    } else {
      if (legacyRid) throw new Error(`sheet ${sheet.name}: legacy drawing ${legacyRid} not found`);
      const vmlPart = copy.freshPart(`${wbDir}drawings/daichoNotes`, '.vml');
      copy.write(vmlPart, mergeVml(undefined, shapes, idBlocks));
      newLegacyRid = copy.addRelationship(sheet.part, `${ns.rel}/vmlDrawing`, vmlPart);
      if (!defaults.some((d) => d.ext === 'vml')) defaults.push({ ext: 'vml', type: CT.vml });
    }
    copy.write(
      sheet.part,
      markSheet(xml, {
        cells,
        styleFor: (row, col, s) => styles.withFill(s, fills[severity.get(`${row}:${col}`) ?? 'error']),
        ...(newLegacyRid ? { legacyDrawingRid: newLegacyRid, relNamespace: ns.rel } : {}),
        unselect: true,
      }),
    );
  }

  // The findings sheet, first; the cover letter, when there is one, before it.
  const names = new Set(sheets.map((s) => s.name.toLowerCase()));
  const unique = (base: string): string => {
    let name = base;
    for (let n = 2; names.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    names.add(name.toLowerCase());
    return name;
  };
  const present = new Set(byName.keys());
  const addSheet = (prefix: string, name: string, xml: string, titleRows: [number, number], plan: PrintPlan): void => {
    const part = copy.freshPart(`${wbDir}worksheets/${prefix}`, '.xml');
    copy.write(part, xml);
    overrides.push({ part, type: CT.worksheet });
    const rid = copy.addRelationship(wbPath, `${ns.rel}/worksheet`, part);
    copy.write(wbPath, addFirstSheet(copy.read(wbPath)!, name, rid, ns, { plan, titleRows }));
  };
  const fileName = opts.fileName ?? basename(result.path);
  const findingsName = unique(ANNOTATE_TEXT.sheet[lang]);
  const findings = findingsSheetXml(result, fileName, lang, present, findingStyles, ns, !opts.cover);
  addSheet('daichoFindings', findingsName, findings, [4, 4], FINDINGS_PRINT);
  if (opts.cover) {
    const text = styles.addFont({});
    const coverStyles = {
      title: styles.addXf({ fontId: styles.addFont({ bold: true, size: 14 }), vertical: 'center' }),
      label: styles.addXf({ fontId: styles.addFont({ bold: true }), wrap: true, vertical: 'top' }),
      text: styles.addXf({ fontId: text, wrap: true, vertical: 'top' }),
      strong: styles.addXf({ fontId: styles.addFont({ bold: true, argb: 'FFC00000' }), wrap: true, vertical: 'top' }),
      header: findingStyles.header,
      link: styles.addXf({ fontId: styles.addFont({ argb: 'FF0563C1', underline: true }), vertical: 'top' }),
    };
    const name = unique(opts.cover.sheet);
    const cover = coverSheetXml(opts.cover, present, coverStyles, ns, XML_DECL);
    addSheet('daichoCover', name, cover.xml, [cover.headerRow, cover.headerRow], COVER_PRINT);
  }
  copy.write(stylesPart, styles.toXml());
  const ctPart = '[Content_Types].xml';
  copy.write(ctPart, contentTypesWith(copy.read(ctPart)!, overrides, defaults));
  return rewriteZip(bytes, copy.changes);
}

/**
 * Writes the annotated copy of `input` to `out` (atomically; an existing file only with force). `checked` are the
 * bytes the result was made from: the copy is made from them, never from a file replaced since it was checked.
 */
export async function annotateFile(
  input: string,
  result: FileResult,
  out: string,
  opts: AnnotateOptions,
  checked?: Uint8Array,
): Promise<void> {
  const bytes = checked ?? (await readFile(input));
  const data = annotatePackage(bytes, result, { ...opts, fileName: basename(input) });
  // Synchronously: its callers are pool jobs (status's corrections, check --annotate), one at a time per worker.
  writeFileAtomicSync(out, data, { force: opts.force });
}
