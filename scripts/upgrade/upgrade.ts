// `daicho upgrade`: a workbook of an earlier template version → a copy in the current version, by the plan of
// templates/model/upgrade-plan.ts (the pane applies the same plan through Office.js). The copy is the user's own
// package with only these edits: a table sheet gains the columns added since, after its last used column (header
// labelled and styled as the template's, width, input hint and dropdown, cells unlocked as the template's input
// cells); a form sheet gains the rows of the fields added since, where the current template has them, everything
// below moving down with every reference to it (rows.ts); the hidden marker says the new version. Every value, extra
// column, note, format, formula, dropdown and print setting stays as it was.
import { templates } from '../../templates/index.js';
import { columnLetter, findSheet, parseAddress, type Grid } from '../../templates/model/grid.js';
import { cellText } from '../../templates/model/normalise.js';
import type { FieldDef, TemplateDef, Text } from '../../templates/model/types.js';
import {
  describePlan,
  dropdownOf,
  newRowsOf,
  planUpgrade,
  rowAfterUpgrade,
  type NewColumns,
  type NewRows,
  type UpgradePlan,
} from '../../templates/model/upgrade-plan.js';
import {
  decodePart,
  encodePart,
  escapeXml,
  getAttr,
  scanTags,
  setAttr,
  removeAttr,
  Splices,
  unescapeXml,
  type Tag,
} from '../annotate/xml-edit.js';
import { rewriteZip, type PartChanges } from '../annotate/zip-rewrite.js';
import { findEntry, readPart, readRelationships, SMALL_PART_LIMIT } from '../io/package.js';
import { readSheetNames, readXlsx } from '../io/read-xlsx.js';
import { readZip, type ZipArchive } from '../io/zip.js';
import {
  mentionsSheet,
  namesSheet,
  shiftCalcChain,
  shiftDefinedNames,
  shiftFormulas,
  shiftNotes,
  shiftSheet,
  shiftVml,
  type RowMap,
} from './rows.js';

export type UpgradeOutcome =
  | {
      kind: 'upgraded';
      bytes: Uint8Array;
      template: string;
      from: number;
      to: number;
      added: string[];
      addedEn: string[];
    }
  /** Already the current version: nothing written, and not a failure. */
  | { kind: 'current'; message: Text }
  | { kind: 'refused'; reason: Text };

const refused = (ja: string, en: string): UpgradeOutcome => ({ kind: 'refused', reason: { ja, en } });

/** Elements that follow <dataValidations> in a worksheet (ECMA-376 CT_Worksheet order). */
const AFTER_VALIDATIONS = new Set([
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);
/** Elements that follow <cols>. */
const AFTER_COLS = new Set(['sheetData']);
/** The pane keeps the fills it replaced when marking findings here, by cell address. */
const MARKS_SHEET = '_daicho_marks';

interface Added {
  field: FieldDef;
  col: number;
}

/** The parts of the package being upgraded: read once, changed in `changes`. */
class Package {
  readonly zip: ZipArchive;
  readonly sheets: ReturnType<typeof readSheetNames>;
  readonly changes: PartChanges = new Map();
  private readonly texts = new Map<string, string>();

  constructor(readonly bytes: Uint8Array) {
    this.zip = readZip(bytes);
    this.sheets = readSheetNames(bytes);
  }

  partOf(sheet: string): string | undefined {
    return this.sheets.find((p) => p.name === sheet)?.part;
  }

  xml(part: string): string {
    let text = this.texts.get(part);
    if (text === undefined) this.texts.set(part, (text = decodePart(readPart(this.zip, part, SMALL_PART_LIMIT))));
    return text;
  }

  set(part: string, xml: string): void {
    if (xml === this.xml(part)) return;
    this.texts.set(part, xml);
    this.changes.set(part, encodePart(xml));
  }

  has(part: string): boolean {
    return Boolean(findEntry(this.zip, part));
  }
}

/** The upgraded copy of an .xlsx workbook (bytes), or why it cannot be upgraded. Throws UnreadableError as readXlsx. */
export function upgradeXlsx(bytes: Uint8Array, defs: readonly TemplateDef[] = templates): UpgradeOutcome {
  const grid = readXlsx(bytes);
  const pkg = new Package(bytes);
  const decision = planUpgrade(grid, defs, {
    lastColumn: (sheet) => {
      const part = pkg.partOf(sheet);
      return part ? lastColumn(pkg.xml(part)) : -1;
    },
  });
  if (decision.kind !== 'plan') return decision;
  const plan = decision.plan;
  for (const step of plan.steps) {
    if (step.kind !== 'columns') continue;
    const part = pkg.partOf(step.sheet)!;
    pkg.set(part, addColumns(pkg.xml(part), step));
  }
  for (const sheet of new Set(plan.steps.filter((s) => s.kind === 'rows').map((s) => s.sheet))) {
    const why = insertRows(pkg, grid, plan, sheet);
    if (why) return { kind: 'refused', reason: why };
  }
  const marker = markerEdit(pkg, plan);
  if (!marker)
    return refused(
      '識別用の隠しシートの版を書き換えられません。',
      'The version in the hidden marker sheet cannot be rewritten.',
    );
  const added = describePlan(plan);
  return {
    kind: 'upgraded',
    bytes: rewriteZip(bytes, pkg.changes),
    template: plan.template,
    from: plan.from,
    to: plan.to,
    added: added.ja,
    addedEn: added.en,
  };
}

/** The last column (0-based) of any cell in a worksheet part, -1 for none. */
function lastColumn(xml: string): number {
  let last = -1;
  for (const m of xml.matchAll(/<(?:\w+:)?c\b[^>]*?\sr="([A-Z]+)\d+"/g))
    last = Math.max(last, parseAddress(`${m[1]}1`).col);
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

function addColumns(xml: string, step: NewColumns): string {
  const tags = tagsOf(xml);
  const edits = new Splices();
  const header = { row: step.headerRow };
  const cols = step.fields.map((field, i): Added => ({ field, col: step.col + i }));
  // Styles of the template's own header and input cells, from its first column.
  const firstCol = step.likeCol;
  const headerStyle = styleAt(xml, tags, `${columnLetter(firstCol)}${header.row + 1}`);
  const inputStyle = styleAt(xml, tags, `${columnLetter(firstCol)}${header.row + 2}`);
  const s = (style: string | undefined) => (style ? ` s="${style}"` : '');

  // Header cells at the end of the header row (every existing cell is to their left).
  const rowNo = String(header.row + 1);
  const rowOpen = tags.findIndex(
    (t) => t.local === 'row' && t.type !== 'close' && getAttr(xml.slice(t.start, t.end), 'r') === rowNo,
  );
  const cells = cols
    .map(
      (a) =>
        `<c r="${columnLetter(a.col)}${rowNo}"${s(headerStyle)} t="inlineStr"><is><t>${escapeXml(a.field.label.ja)}</t></is></c>`,
    )
    .join('');
  if (rowOpen < 0) throw new Error(`upgrade: no row ${rowNo} in ${step.sheet}`);
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
  const colXml = cols
    .map(
      (a) =>
        `<col min="${a.col + 1}" max="${a.col + 1}" width="${a.field.width ?? 16}" customWidth="1"${inputStyle ? ` style="${inputStyle}"` : ''}/>`,
    )
    .join('');
  const colsEl = tags.find((t) => t.local === 'cols');
  const taken = tags
    .filter((t) => t.local === 'col' && t.type !== 'close')
    .some((t) => {
      const text = xml.slice(t.start, t.end);
      return Number(getAttr(text, 'max')) > cols[0].col;
    });
  if (!taken) {
    if (colsEl && colsEl.type === 'open')
      edits.insert(tags.find((t) => t.local === 'cols' && t.type === 'close')!.start, colXml);
    else if (!colsEl) edits.insert(tags.find((t) => AFTER_COLS.has(t.local))!.start, `<cols>${colXml}</cols>`);
  }

  // Input hints and dropdowns over the template's input rows, or as far as the records go.
  const sqref = (col: number) => `${columnLetter(col)}${header.row + 2}:${columnLetter(col)}${step.lastRow + 1}`;
  addValidations(
    xml,
    tags,
    edits,
    cols.map((a) => validationXml(a.field, sqref(a.col))),
  );
  return edits.apply(xml);
}

/** Adds data validations (empty strings skipped) to a worksheet's <dataValidations>, made when it has none. */
function addValidations(xml: string, tags: readonly Tag[], edits: Splices, list: readonly string[]): void {
  const validations = list.filter(Boolean);
  if (!validations.length) return;
  const dvOpen = tags.find((t) => t.local === 'dataValidations' && t.type === 'open');
  if (dvOpen) {
    const close = tags.find((t) => t.local === 'dataValidations' && t.type === 'close')!;
    edits.insert(close.start, validations.join(''));
    const text = xml.slice(dvOpen.start, dvOpen.end);
    const count = getAttr(text, 'count');
    if (count !== undefined)
      edits.replace(dvOpen.start, dvOpen.end, setAttr(text, 'count', String(Number(count) + validations.length)));
  } else {
    const before = tags.find(
      (t) =>
        t.type !== 'close' &&
        AFTER_VALIDATIONS.has(t.local) &&
        t.start > (tags.find((x) => x.local === 'sheetData')?.start ?? 0),
    );
    const at = before?.start ?? tags.find((t) => t.local === 'worksheet' && t.type === 'close')!.start;
    edits.insert(at, `<dataValidations count="${validations.length}">${validations.join('')}</dataValidations>`);
  }
}

function validationXml(field: FieldDef, sqref: string): string {
  const options = dropdownOf(field);
  const list = options ? `"${options.join(',')}"` : null;
  if (!list && !field.hint) return '';
  const attr = (name: string, v: string) => ` ${name}="${escapeXml(v)}"`;
  const prompt = field.hint
    ? attr('promptTitle', field.label.ja.slice(0, 32)) + attr('prompt', field.hint.ja.slice(0, 255))
    : '';
  if (!list) return `<dataValidation allowBlank="1" showInputMessage="1"${prompt} sqref="${sqref}"/>`;
  return (
    `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1"${prompt}` +
    `${attr('errorTitle', field.label.ja.slice(0, 32))}${attr('error', '一覧から選択してください。 / Choose a value from the list.')} sqref="${sqref}">` +
    `<formula1>${escapeXml(list)}</formula1></dataValidation>`
  );
}

/** The marker sheet with its version cell set to the plan's version. */
function markerEdit(pkg: Package, plan: UpgradePlan): true | null {
  const part = pkg.partOf(plan.marker.sheet);
  if (!part || !pkg.has(part)) return null;
  const xml = pkg.xml(part);
  const tags = tagsOf(xml);
  const ref = plan.marker.cell;
  const k = tags.findIndex(
    (t) => t.local === 'c' && t.type !== 'close' && getAttr(xml.slice(t.start, t.end), 'r') === ref,
  );
  if (k < 0) return null;
  const open = tags[k];
  const end =
    open.type === 'empty' ? open.end : tags.slice(k + 1).find((t) => t.local === 'c' && t.type === 'close')!.end;
  const style = getAttr(xml.slice(open.start, open.end), 's');
  const edits = new Splices();
  edits.replace(open.start, end, `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${plan.to}</v></c>`);
  pkg.set(part, edits.apply(xml));
  return true;
}

const CANNOT_MOVE = (sheet: string, what: { ja: string; en: string }): Text => ({
  ja: `シート「${sheet}」に${what.ja}があるため、新しい項目の行を挿入できません（行を挿入するとずれてしまいます）。作業ウィンドウの「このブックを最新版に更新」で更新するか、最新版のテンプレートに入力し直してください。`,
  en: `Sheet "${sheet}" has ${what.en}, which inserting the new fields' rows would leave behind. Update the workbook with "Update this workbook to the latest version" in the task pane, or enter the data in the latest template.`,
});

/**
 * Inserts the new field rows of a form sheet (the plan's row steps on it), moving everything below and every reference
 * to it. Returns why not, when something there cannot be moved.
 */
function insertRows(pkg: Package, grid: Grid, plan: UpgradePlan, sheet: string): Text | null {
  const part = pkg.partOf(sheet)!;
  const map: RowMap = (r) => rowAfterUpgrade(plan, sheet, r);
  const original = pkg.xml(part);
  if (/<(?:\w+:)?drawing\b/.test(original)) return CANNOT_MOVE(sheet, { ja: '図・グラフ', en: 'pictures or charts' });
  if (/<(?:\w+:)?tablePart\b/.test(original)) return CANNOT_MOVE(sheet, { ja: 'テーブル', en: 'a table' });
  if (/\st="shared"/.test(original)) return CANNOT_MOVE(sheet, { ja: '共有数式', en: 'shared formulas' });
  if (/<(?:\w+:)?row\b(?![^>]*\sr=)/.test(original))
    return CANNOT_MOVE(sheet, { ja: '行番号のない行', en: 'rows without row numbers' });
  const marks = findSheet(grid, [MARKS_SHEET]);
  if (marks?.rows.some((r) => cellText(r?.[0] ?? null) === sheet)) {
    return {
      ja: `シート「${sheet}」に作業ウィンドウのマークが付いています。作業ウィンドウで「マークを消す」を実行してから更新してください。`,
      en: `Sheet "${sheet}" has marks from the task pane. Clear them in the task pane ("Clear marks"), then upgrade.`,
    };
  }
  // Other sheets' formulas and charts that point here, pivot tables made from it.
  for (const other of pkg.sheets) {
    if (other.part === part || !pkg.has(other.part)) continue;
    const xml = pkg.xml(other.part);
    if (!namesSheet(xml, sheet)) continue;
    const shared = xml.match(/<(?:\w+:)?f\b[^>]*\st="shared"[^>]*>[^<]*</g) ?? [];
    if (shared.some((f) => mentionsSheet(unescapeXml(f.replace(/^[^>]*>/, '').slice(0, -1)), sheet, false))) {
      return CANNOT_MOVE(other.name, {
        ja: `シート「${sheet}」を参照する共有数式`,
        en: `shared formulas that refer to sheet "${sheet}"`,
      });
    }
    pkg.set(other.part, shiftFormulas(xml, sheet, false, map));
  }
  for (const e of pkg.zip.entries) {
    if (
      /^xl\/(charts\/chart|pivotCache\/pivotCacheDefinition)[^/]*\.xml$/.test(e.name) &&
      namesSheet(pkg.xml(e.name), sheet)
    ) {
      return CANNOT_MOVE(sheet, {
        ja: 'このシートを参照するグラフまたはピボットテーブル',
        en: 'charts or pivot tables that refer to it',
      });
    }
  }

  let xml = shiftSheet(original, sheet, map);
  const steps = plan.steps.filter((s): s is NewRows => s.kind === 'rows' && s.sheet === sheet);
  const tags = tagsOf(xml);
  const edits = new Splices();
  const rowTags = tags.filter((t) => t.local === 'row' && t.type !== 'close');
  const rowNumber = (t: Tag) => Number(getAttr(xml.slice(t.start, t.end), 'r'));
  const validations: string[] = [];
  for (const step of steps) {
    newRowsOf(plan, step).forEach((r, i) => {
      const { field, like } = step.fields[i];
      const donor = rowTags.find((t) => rowNumber(t) === map(like) + 1);
      const donorText = donor ? xml.slice(donor.start, donor.end) : '<row>';
      const style = (col: number) => {
        const st = styleAt(xml, tags, `${columnLetter(col)}${map(like) + 1}`);
        return st ? ` s="${st}"` : '';
      };
      const ref = (col: number) => `${columnLetter(col)}${r + 1}`;
      const c = step.labelCol;
      const text = (col: number, t: string | undefined) =>
        t
          ? `<c r="${ref(col)}"${style(col)} t="inlineStr"><is><t>${escapeXml(t)}</t></is></c>`
          : `<c r="${ref(col)}"${style(col)}/>`;
      const open = setAttr(removeAttr(removeAttr(donorText, 'spans'), 'r').replace(/\/>$/, '>'), 'r', String(r + 1));
      const row = `${open}${text(c, field.label.ja)}${text(c + 1, undefined)}${text(c + 2, field.hint?.ja)}</row>`;
      const next = rowTags.find((t) => rowNumber(t) > r + 1);
      edits.insert(next ? next.start : tags.find((t) => t.local === 'sheetData' && t.type === 'close')!.start, row);
      validations.push(validationXml(field, ref(c + 1)));
    });
  }
  addValidations(xml, tags, edits, validations);
  xml = edits.apply(xml);
  pkg.set(part, xml);

  // Notes on the sheet, and the drawing that places their boxes.
  for (const rel of readRelationships(pkg.zip, part)) {
    if (rel.external || !pkg.has(rel.target)) continue;
    if (rel.type === 'comments' || rel.type === 'threadedComment')
      pkg.set(rel.target, shiftNotes(pkg.xml(rel.target), map));
    else if (rel.type === 'vmlDrawing') pkg.set(rel.target, shiftVml(pkg.xml(rel.target), map));
  }
  const workbook = 'xl/workbook.xml';
  if (pkg.has(workbook)) {
    const wb = pkg.xml(workbook);
    pkg.set(workbook, shiftDefinedNames(wb, sheet, map));
    const sheetTag = [...wb.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)]
      .map((m) => m[0])
      .find((t) => getAttr(t, 'name') === sheet);
    const sheetId = sheetTag && getAttr(sheetTag, 'sheetId');
    const chain = 'xl/calcChain.xml';
    if (sheetId && pkg.has(chain)) pkg.set(chain, shiftCalcChain(pkg.xml(chain), sheetId, map));
  }
  return null;
}
