// `daicho upgrade`: a workbook of an earlier template version → a copy in the current version. The copy is the user's
// own package with only three kinds of edit: each table sheet gains the columns added since, after its last used
// column (header labelled and styled as the template's, width, input hint and dropdown, cells unlocked as the
// template's input cells), and the hidden marker says the new version. Nothing the user made moves, so every value,
// extra column, note, format, formula, dropdown and print setting stays as it was, byte for byte.
import { templates } from '../../templates/index.js';
import { cellAt, columnLetter, findSheet, parseAddress, type Grid, type GridSheet } from '../../templates/model/grid.js';
import { MARKER_SHEET } from '../../templates/model/layout.js';
import { cellText } from '../../templates/model/normalise.js';
import { sheetNames, tableHeader } from '../../templates/model/read.js';
import type { FieldDef, TableSheetDef, TemplateDef, Text } from '../../templates/model/types.js';
import { identifyAmong } from '../../templates/model/validate.js';
import { atVersion } from '../../templates/model/versions.js';
import { decodePart, encodePart, escapeXml, getAttr, scanTags, setAttr, removeAttr, Splices, type Tag } from '../annotate/xml-edit.js';
import { rewriteZip, type PartChanges } from '../annotate/zip-rewrite.js';
import { findEntry, readPart, SMALL_PART_LIMIT } from '../io/package.js';
import { readSheetNames, readXlsx } from '../io/read-xlsx.js';
import { readZip } from '../io/zip.js';

export type UpgradeOutcome =
  | { kind: 'upgraded'; bytes: Uint8Array; template: string; from: number; to: number; added: string[] }
  | { kind: 'refused'; reason: Text };

const refused = (ja: string, en: string): UpgradeOutcome => ({ kind: 'refused', reason: { ja, en } });

/** Rows below the header that get the new columns' hints and dropdowns when the template does not say. */
const TEMPLATE_ROWS = 100;

/** Elements that follow <dataValidations> in a worksheet (ECMA-376 CT_Worksheet order). */
const AFTER_VALIDATIONS = new Set([
  'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks', 'customProperties',
  'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture',
  'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
]);
/** Elements that follow <cols>. */
const AFTER_COLS = new Set(['sheetData']);

interface Added {
  field: FieldDef;
  col: number;
}

/** The upgraded copy of an .xlsx workbook (bytes), or why it cannot be upgraded. Throws UnreadableError as readXlsx. */
export function upgradeXlsx(bytes: Uint8Array, defs: readonly TemplateDef[] = templates): UpgradeOutcome {
  const grid = readXlsx(bytes);
  const id = identifyAmong(grid, defs);
  if (!id.def) return { kind: 'refused', reason: id.issues[0].message };
  if (id.refuse) return { kind: 'refused', reason: id.issues[0].message };
  const current = defs.find((d) => d.id === id.def!.id)!;
  const from = id.def.version;
  if (from >= current.version) {
    return refused(
      `すでに最新版のテンプレート（第${current.version}版）です。更新は不要です。`,
      `Already the latest template version (${current.version}); nothing to upgrade.`,
    );
  }
  if (id.via !== 'marker') {
    return refused(
      '識別用の隠しシートがないため、版を確かめて更新することができません。最新版のテンプレートに入力し直してください。',
      'It has no hidden marker sheet, so its version cannot be confirmed and it is not upgraded. Enter the data in the latest template.',
    );
  }
  const old = atVersion(current, from);
  const parts = readSheetNames(bytes);
  const zip = readZip(bytes);
  const changes: PartChanges = new Map();
  const added: string[] = [];
  for (const sd of current.sheets) {
    const oldSd = old.sheets.find((s) => s.name === sd.name)!;
    const fields = sd.fields.filter((f) => !oldSd.fields.some((o) => o.key === f.key));
    if (!fields.length) continue;
    if (sd.kind !== 'table') {
      return refused(
        `シート「${sd.name}」に追加された項目（${fields.map((f) => f.label.ja).join('、')}）の更新には、まだ対応していません。最新版のテンプレートに入力し直してください。`,
        `Adding the new fields of sheet "${sd.name}" (${fields.map((f) => f.label.en).join(', ')}) is not supported yet. Enter the data in the latest template.`,
      );
    }
    const sheet = findSheet(grid, sheetNames(sd));
    const header = sheet && tableHeader(oldSd as TableSheetDef, sheet);
    const part = sheet && parts.find((p) => p.name === sheet.name)?.part;
    if (!sheet || !header || !part) {
      return refused(
        `シート「${sd.name}」またはその見出し行が見つからないため、新しい列を追加できません。シートと見出し行を元に戻してから更新してください。`,
        `Sheet "${sd.name}" or its header row is missing, so the new columns cannot be added. Restore them, then upgrade.`,
      );
    }
    const xml = decodePart(readPart(zip, part, SMALL_PART_LIMIT));
    // After every cell the sheet has, formatted or not: nothing the user made is covered or moved.
    const first = Math.max(sheet.rows.reduce((n, r) => Math.max(n, r?.length ?? 0), 0), lastColumn(xml) + 1);
    const cols = fields.map((field, i): Added => ({ field, col: first + i }));
    changes.set(part, encodePart(addColumns(xml, sheet, header, cols, sd.templateRows ?? TEMPLATE_ROWS)));
    added.push(...fields.map((f) => `${sd.name}!${columnLetter(first + fields.indexOf(f))}: ${f.label.ja}`));
  }
  const marker = markerEdit(grid, parts, zip, current.version);
  if (!marker) {
    return refused('識別用の隠しシートの版を書き換えられません。', 'The version in the hidden marker sheet cannot be rewritten.');
  }
  changes.set(marker.part, marker.bytes);
  return { kind: 'upgraded', bytes: rewriteZip(bytes, changes), template: current.id, from, to: current.version, added };
}

/** The last column (0-based) of any cell in a worksheet part, -1 for none. */
function lastColumn(xml: string): number {
  let last = -1;
  for (const m of xml.matchAll(/<(?:\w+:)?c\b[^>]*?\sr="([A-Z]+)\d+"/g)) last = Math.max(last, parseAddress(`${m[1]}1`).col);
  return last;
}

function tagsOf(xml: string): Tag[] {
  return [...scanTags(xml)];
}

/** The s attribute of the cell at `ref`, if the sheet has that cell. */
function styleAt(xml: string, tags: readonly Tag[], ref: string): string | undefined {
  for (const t of tags) {
    if (t.local !== 'c' || t.type === 'close') continue;
    const text = xml.slice(t.start, t.end);
    if (getAttr(text, 'r') === ref) return getAttr(text, 's');
  }
  return undefined;
}

function addColumns(
  xml: string,
  sheet: GridSheet,
  header: { row: number; columns: ReadonlyMap<string, number> },
  cols: readonly Added[],
  templateRows: number,
): string {
  const tags = tagsOf(xml);
  const edits = new Splices();
  // Styles of the template's own header and input cells, from its first column.
  const firstCol = Math.min(...header.columns.values());
  const headerStyle = styleAt(xml, tags, `${columnLetter(firstCol)}${header.row + 1}`);
  const inputStyle = styleAt(xml, tags, `${columnLetter(firstCol)}${header.row + 2}`);
  const s = (style: string | undefined) => (style ? ` s="${style}"` : '');

  // Header cells at the end of the header row (every existing cell is to their left).
  const rowNo = String(header.row + 1);
  const rowOpen = tags.findIndex((t) => t.local === 'row' && t.type !== 'close' && getAttr(xml.slice(t.start, t.end), 'r') === rowNo);
  const cells = cols.map((a) => `<c r="${columnLetter(a.col)}${rowNo}"${s(headerStyle)} t="inlineStr"><is><t>${escapeXml(a.field.label.ja)}</t></is></c>`).join('');
  if (rowOpen < 0) throw new Error(`upgrade: no row ${rowNo} in ${sheet.name}`);
  const open = tags[rowOpen];
  const openText = xml.slice(open.start, open.end);
  if (open.type === 'empty') {
    edits.replace(open.start, open.end, `${removeAttr(openText, 'spans').replace(/\/>$/, '>')}${cells}</row>`);
  } else {
    edits.replace(open.start, open.end, removeAttr(openText, 'spans'));
    const close = tags.slice(rowOpen + 1).find((t) => t.local === 'row' && t.type === 'close')!;
    edits.insert(close.start, cells);
  }

  // Widths, and the template's unlocked input style as the new columns' default (the sheet may be protected).
  const colXml = cols.map((a) => `<col min="${a.col + 1}" max="${a.col + 1}" width="${a.field.width ?? 16}" customWidth="1"${inputStyle ? ` style="${inputStyle}"` : ''}/>`).join('');
  const colsEl = tags.find((t) => t.local === 'cols');
  const taken = tags
    .filter((t) => t.local === 'col' && t.type !== 'close')
    .some((t) => {
      const text = xml.slice(t.start, t.end);
      return Number(getAttr(text, 'max')) > cols[0].col;
    });
  if (!taken) {
    if (colsEl && colsEl.type === 'open') edits.insert(tags.find((t) => t.local === 'cols' && t.type === 'close')!.start, colXml);
    else if (!colsEl) edits.insert(tags.find((t) => AFTER_COLS.has(t.local))!.start, `<cols>${colXml}</cols>`);
  }

  // Input hints and dropdowns over the template's input rows, or as far as the records go.
  const last = Math.max(header.row + 1 + templateRows, sheet.rows.length);
  const validations = cols.map((a) => validationXml(a, header.row + 2, last)).filter(Boolean).join('');
  if (validations) {
    const dvOpen = tags.find((t) => t.local === 'dataValidations' && t.type === 'open');
    if (dvOpen) {
      const close = tags.find((t) => t.local === 'dataValidations' && t.type === 'close')!;
      edits.insert(close.start, validations);
      const text = xml.slice(dvOpen.start, dvOpen.end);
      const count = getAttr(text, 'count');
      if (count !== undefined) edits.replace(dvOpen.start, dvOpen.end, setAttr(text, 'count', String(Number(count) + cols.filter((a) => validationXml(a, 0, 0)).length)));
    } else {
      const before = tags.find((t) => t.type !== 'close' && AFTER_VALIDATIONS.has(t.local) && t.start > (tags.find((x) => x.local === 'sheetData')?.start ?? 0));
      const at = before?.start ?? tags.find((t) => t.local === 'worksheet' && t.type === 'close')!.start;
      edits.insert(at, `<dataValidations count="${validations.split('<dataValidation ').length - 1}">${validations}</dataValidations>`);
    }
  }
  return edits.apply(xml);
}

function validationXml(a: Added, from: number, to: number): string {
  const { field } = a;
  const options =
    field.type.kind === 'yesno' ? ['はい', 'いいえ'] : field.type.kind === 'enum' ? field.type.options.map((o) => o.value) : null;
  const list = options && options.join(',').length <= 250 ? `"${options.join(',')}"` : null;
  if (!list && !field.hint) return '';
  const attr = (name: string, v: string) => ` ${name}="${escapeXml(v)}"`;
  const prompt = field.hint ? attr('promptTitle', field.label.ja.slice(0, 32)) + attr('prompt', field.hint.ja.slice(0, 255)) : '';
  const sqref = `${columnLetter(a.col)}${from}:${columnLetter(a.col)}${to}`;
  if (!list) return `<dataValidation allowBlank="1" showInputMessage="1"${prompt} sqref="${sqref}"/>`;
  return (
    `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"${prompt}` +
    `${attr('errorTitle', field.label.ja.slice(0, 32))}${attr('error', '一覧から選択してください。 / Choose a value from the list.')} sqref="${sqref}">` +
    `<formula1>${escapeXml(list)}</formula1></dataValidation>`
  );
}

/** The marker sheet with its version cell set to `version`. */
function markerEdit(grid: Grid, parts: ReturnType<typeof readSheetNames>, zip: ReturnType<typeof readZip>, version: number): { part: string; bytes: Uint8Array } | null {
  const sheet = findSheet(grid, [MARKER_SHEET]);
  const part = sheet && parts.find((p) => p.name === sheet.name)?.part;
  if (!sheet || !part || !findEntry(zip, part)) return null;
  const r = sheet.rows.findIndex((_, i) => cellText(cellAt(sheet, i, 0))?.toLowerCase() === 'version');
  if (r < 0) return null;
  const xml = decodePart(readPart(zip, part, SMALL_PART_LIMIT));
  const tags = tagsOf(xml);
  const ref = `B${r + 1}`;
  const k = tags.findIndex((t) => t.local === 'c' && t.type !== 'close' && getAttr(xml.slice(t.start, t.end), 'r') === ref);
  if (k < 0) return null;
  const open = tags[k];
  const end = open.type === 'empty' ? open.end : tags.slice(k + 1).find((t) => t.local === 'c' && t.type === 'close')!.end;
  const style = getAttr(xml.slice(open.start, open.end), 's');
  const edits = new Splices();
  edits.replace(open.start, end, `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${version}</v></c>`);
  return { part, bytes: encodePart(edits.apply(xml)) };
}
