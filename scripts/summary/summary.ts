// The --summary workbook: one row per file (file, template, company/department, status, counts, score, band, red
// flags) and one row per finding, each as a real Excel table with filters and a frozen header.
//
// Written as the files are checked, never held: each sheet's rows go through deflate into a temporary file beside the
// output as they come (20,000 files' findings as exceljs objects took 4.2 GB), and the package is assembled from
// those at the end. Strings are inline (no shared-string table to keep).
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { dirname } from 'node:path';
import { finished } from 'node:stream/promises';
import { createDeflateRaw, crc32, type DeflateRaw } from 'node:zlib';
import { bandLabel, statusLabel } from '../../templates/model/score.js';
import type { Issue, Lang } from '../../templates/model/types.js';
import { issueCount, type FileResult } from '../file-result.js';
import { exists, namingOutput, OutputExistsError, tempPathFor } from '../io/atomic.js';
import { col, escapeAttr, tElement } from '../merge/xml.js';
import { ZipWriter } from '../merge/zip-writer.js';
import { excelText } from '../xlsx/cell-text.js';
import { reportStatus } from '../report/json.js';
import { planPrint, printXml, rowHeight, type PrintPlan } from '../xlsx/print.js';
import { TABLE_FONT, TABLE_HEADER_FILL } from '../xlsx/table-sheet.js';
import { addWorkbookParts, MAIN, PKG_REL, REL } from '../xlsx/workbook-parts.js';

const FONT = TABLE_FONT;

export const SUMMARY_TEXT = {
  filesSheet: { ja: 'ファイル一覧', en: 'Files' },
  findingsSheet: { ja: '指摘一覧', en: 'Findings' },
  files: {
    file: { ja: 'ファイル', en: 'File' },
    template: { ja: 'テンプレート', en: 'Template' },
    version: { ja: '版', en: 'Version' },
    subject: { ja: '会社名・部門', en: 'Company / department' },
    status: { ja: '状態', en: 'Status' },
    errors: { ja: 'エラー', en: 'Errors' },
    warnings: { ja: '警告', en: 'Warnings' },
    infos: { ja: '情報', en: 'Info' },
    score: { ja: '得点率', en: 'Score' },
    band: { ja: '評価', en: 'Band' },
    redFlags: { ja: '重大指摘', en: 'Red flags' },
    cause: { ja: '主な指摘', en: 'Main finding' },
  },
  findings: {
    file: { ja: 'ファイル', en: 'File' },
    subject: { ja: '会社名・部門', en: 'Company / department' },
    sheet: { ja: 'シート', en: 'Sheet' },
    cell: { ja: 'セル', en: 'Cell' },
    severity: { ja: '重要度', en: 'Severity' },
    rule: { ja: 'ルール', en: 'Rule' },
    field: { ja: '項目', en: 'Field' },
    value: { ja: '値', en: 'Value' },
    message: { ja: '内容', en: 'Message' },
  },
  status: {
    ok: { ja: 'OK', en: 'ok' },
    invalid: { ja: '要修正', en: 'invalid' },
    'not-template': { ja: '対象外', en: 'not a template' },
    unreadable: { ja: '読込不可', en: 'unreadable' },
  },
  severity: {
    error: { ja: 'エラー', en: 'error' },
    warning: { ja: '警告', en: 'warning' },
    info: { ja: '情報', en: 'info' },
  },
} as const;

export interface Column {
  key: string;
  header: string;
  width: number;
  numFmt?: string;
}

/** The files table's columns (the .xlsx summary's first sheet and the .csv summary). */
export function fileColumns(lang: Lang): Column[] {
  const t = SUMMARY_TEXT;
  return [
    { key: 'file', header: t.files.file[lang], width: 30 },
    { key: 'template', header: t.files.template[lang], width: 18 },
    { key: 'version', header: t.files.version[lang], width: 6 },
    { key: 'subject', header: t.files.subject[lang], width: 22 },
    { key: 'status', header: t.files.status[lang], width: 10 },
    { key: 'errors', header: t.files.errors[lang], width: 8 },
    { key: 'warnings', header: t.files.warnings[lang], width: 8 },
    { key: 'infos', header: t.files.infos[lang], width: 8 },
    { key: 'score', header: t.files.score[lang], width: 9, numFmt: '0.0%' },
    { key: 'band', header: t.files.band[lang], width: 12 },
    { key: 'redFlags', header: t.files.redFlags[lang], width: 22 },
    { key: 'cause', header: t.files.cause[lang], width: 42 },
  ];
}

/** The findings table's columns (the .xlsx summary's second sheet and the findings .csv). */
export function findingColumns(lang: Lang): Column[] {
  const t = SUMMARY_TEXT;
  return [
    { key: 'file', header: t.findings.file[lang], width: 30 },
    { key: 'subject', header: t.findings.subject[lang], width: 18 },
    { key: 'sheet', header: t.findings.sheet[lang], width: 16 },
    { key: 'cell', header: t.findings.cell[lang], width: 8 },
    { key: 'severity', header: t.findings.severity[lang], width: 9 },
    { key: 'rule', header: t.findings.rule[lang], width: 16 },
    { key: 'field', header: t.findings.field[lang], width: 20 },
    { key: 'value', header: t.findings.value[lang], width: 20 },
    { key: 'message', header: t.findings.message[lang], width: 60 },
  ];
}

/**
 * A file's row of the files table, in fileColumns' order (counts include the findings a FINDINGS-OMITTED stands
 * for; texts cut to what an Excel cell holds, the .csv's too).
 */
export function fileRow(r: FileResult, lang: Lang): (string | number | null)[] {
  const t = SUMMARY_TEXT;
  const count = (s: Issue['severity']) => r.issues.reduce((n, i) => n + (i.severity === s ? issueCount(i) : 0), 0);
  const first = r.issues.find((i) => i.severity === 'error') ?? r.issues.find((i) => i.severity === 'warning');
  return [
    r.path,
    r.template?.id ?? null,
    r.template?.version ?? null,
    r.subject ? excelText(r.subject) : null,
    statusLabel(reportStatus(r), r.score, t.status, lang),
    count('error'),
    count('warning'),
    count('info'),
    r.score?.rate ?? null,
    bandLabel(r.score, lang),
    r.score?.redFlags.length ? r.score.redFlags.join(', ') : null,
    first ? excelText(`${first.rule}: ${first.message[lang]}`) : null,
  ];
}

/** A finding's row of the findings table, in findingColumns' order. */
export function findingRow(r: FileResult, i: Issue, lang: Lang): (string | number | null)[] {
  return [
    r.path,
    r.subject ?? null,
    i.sheet,
    i.cell,
    SUMMARY_TEXT.severity[i.severity][lang],
    i.rule,
    i.field,
    i.value,
    i.message[lang],
  ];
}

type Cell = string | number | null | undefined;

function cellXml(ref: string, v: Cell, style = 0): string {
  const s = style ? ` s="${style}"` : '';
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : '';
  return `<c r="${ref}"${s} t="inlineStr"><is>${tElement(excelText(v))}</is></c>`;
}

/** Cell styles (STYLES' cellXfs): the header; body text, top-aligned and wrapped; a percentage. */
const XF = { header: 1, text: 3, percent: 2 } as const;

/** One worksheet with one table, its rows deflated into a temporary file as they come. */
class TableSheet {
  rows = 1;
  readonly print: PrintPlan;
  private readonly widths: number[];
  private crc = 0;
  private size = 0;
  private buf = '';
  private readonly z: DeflateRaw;
  private readonly file: WriteStream;
  /** Rejects when the temporary file or its deflate fails (a full disk): a write waiting for 'drain' would wait forever. */
  private readonly failed: Promise<never>;

  constructor(
    readonly temp: string,
    readonly name: string,
    readonly table: string,
    readonly columns: readonly Column[],
    first: boolean,
  ) {
    this.z = createDeflateRaw({ level: 6 });
    this.file = createWriteStream(temp, { flags: 'wx' });
    this.z.pipe(this.file);
    this.failed = new Promise<never>((_, reject) => {
      this.file.once('error', reject);
      this.z.once('error', reject);
    });
    this.failed.catch(() => undefined);
    this.widths = columns.map((c) => c.width);
    this.print = planPrint(this.widths);
    const { sheetPr } = printXml(this.print);
    const cols = columns
      .map(
        (c, i) =>
          `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1" style="${c.numFmt ? XF.percent : XF.text}"/>`,
      )
      .join('');
    const header = columns.map((c, i) => cellXml(`${col(i)}1`, c.header, XF.header)).join('');
    const ht = Math.max(
      20,
      rowHeight(
        columns.map((c) => c.header),
        this.widths,
      ),
    );
    this.buf =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${sheetPr ? `<sheetPr>${sheetPr}</sheetPr>` : ''}<sheetViews><sheetView${first ? ' tabSelected="1"' : ''} workbookViewId="0">` +
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
      `</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1" ht="${ht}" customHeight="1">${header}</row>`;
  }

  async add(cells: readonly Cell[]): Promise<void> {
    const r = ++this.rows;
    const xml = cells
      .map((v, i) => cellXml(`${col(i)}${r}`, v, this.columns[i].numFmt ? XF.percent : XF.text))
      .join('');
    // Wrapped text gets its height (LibreOffice does not grow a row for it when printing: see xlsx/print.ts).
    const ht = rowHeight(
      cells.map((v) => (typeof v === 'string' ? excelText(v) : null)),
      this.widths,
    );
    this.buf += ht ? `<row r="${r}" ht="${ht}" customHeight="1">${xml}</row>` : `<row r="${r}">${xml}</row>`;
    if (this.buf.length >= 1 << 16) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.buf) return;
    const bytes = Buffer.from(this.buf, 'utf8');
    this.buf = '';
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    if (!this.z.write(bytes)) await Promise.race([once(this.z, 'drain'), this.failed]);
  }

  /** Ends the sheet; the zip entry that copies it from its temporary file. */
  async end(): Promise<{ crc: number; size: number; compressedSize: number; write(out: ZipWriter): Promise<void> }> {
    // A table needs at least one data row.
    if (this.rows === 1) await this.add(this.columns.map(() => null));
    this.buf += `</sheetData>${printXml(this.print).tail}<tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>`;
    await this.flush();
    this.z.end();
    await Promise.race([finished(this.file), this.failed]);
    const compressedSize = (await stat(this.temp)).size;
    return {
      crc: this.crc,
      size: this.size,
      compressedSize,
      write: async (out) => {
        for await (const chunk of createReadStream(this.temp, { highWaterMark: 1 << 20 }))
          await out.append(chunk as Buffer);
      },
    };
  }

  tableXml(id: number): string {
    const ref = `A1:${col(this.columns.length - 1)}${this.rows}`;
    const cols = this.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${escapeAttr(c.header)}"/>`).join('');
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      `<table xmlns="${MAIN}" id="${id}" name="${this.table}" displayName="${this.table}" ref="${ref}" totalsRowShown="0">` +
      `<autoFilter ref="${ref}"/><tableColumns count="${this.columns.length}">${cols}</tableColumns>` +
      '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>'
    );
  }

  async abort(): Promise<void> {
    this.z.destroy();
    this.file.destroy();
    await rm(this.temp, { force: true });
  }
}

const STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>` +
  // The default font is Calibri 11, as exceljs writes it: column widths are in its digits, which print.ts's page
  // plan counts on (a Yu Gothic default prints every column wider in LibreOffice). Cells are in Yu Gothic.
  '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  `<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="${FONT}"/><family val="3"/><charset val="128"/></font>` +
  `<font><sz val="11"/><name val="${FONT}"/><family val="3"/><charset val="128"/></font></fonts>` +
  // The header's own solid fill (as styleHeaderCell in xlsx/table-sheet.ts): a table style's colours do not print in LibreOffice.
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  `<fill><patternFill patternType="solid"><fgColor rgb="${TABLE_HEADER_FILL}"/><bgColor indexed="64"/></patternFill></fill></fills>` +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="164" fontId="2" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/>' +
  '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>';

/** The summary workbook, written as results come: add() each file in order, then commit() (or abort()). */
export class SummaryWriter {
  private constructor(
    private readonly path: string,
    private readonly tmp: string,
    private readonly force: boolean,
    private readonly lang: Lang,
    private readonly title: string,
    private readonly files: TableSheet,
    private readonly findings: TableSheet,
  ) {}

  static async open(path: string, opts: { lang: Lang; asOf: string; force: boolean }): Promise<SummaryWriter> {
    if (!opts.force && (await exists(path))) throw new OutputExistsError(path);
    await mkdir(dirname(path), { recursive: true });
    const { lang } = opts;
    const t = SUMMARY_TEXT;
    const tmp = tempPathFor(path);
    const title =
      lang === 'ja' ? `daicho check 集計（${opts.asOf} 時点）` : `daicho check summary (as of ${opts.asOf})`;
    const files = new TableSheet(`${tmp}.1.rows`, t.filesSheet[lang], 'DaichoFiles', fileColumns(lang), true);
    const findings = new TableSheet(
      `${tmp}.2.rows`,
      t.findingsSheet[lang],
      'DaichoFindings',
      findingColumns(lang),
      false,
    );
    return new SummaryWriter(path, tmp, opts.force, lang, title, files, findings);
  }

  async add(r: FileResult): Promise<void> {
    const { lang } = this;
    try {
      await this.files.add(fileRow(r, lang));
      for (const i of r.issues) {
        // Values and messages quoting them can exceed what a cell holds: cellXml cuts them, with a marker that says so.
        await this.findings.add(findingRow(r, i, lang));
      }
    } catch (err) {
      // A full disk names the summary, not a temporary file.
      throw namingOutput(err, this.path);
    }
  }

  async commit(): Promise<void> {
    let zip: ZipWriter | null = null;
    try {
      const sheets = [await this.files.end(), await this.findings.end()];
      zip = await ZipWriter.create(this.tmp);
      await addWorkbookParts(
        zip,
        this.title,
        [this.files, this.findings].map((t) => ({ name: t.name, print: t.print, table: true })),
      );
      await zip.add('xl/styles.xml', STYLES);
      for (const [k, sheet] of sheets.entries()) {
        await zip.addRaw(`xl/worksheets/sheet${k + 1}.xml`, sheet);
        await zip.add(
          `xl/worksheets/_rels/sheet${k + 1}.xml.rels`,
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/table" Target="../tables/table${k + 1}.xml"/></Relationships>`,
        );
      }
      await zip.add('xl/tables/table1.xml', this.files.tableXml(1));
      await zip.add('xl/tables/table2.xml', this.findings.tableXml(2));
      await zip.finish();
      zip = null;
      if (!this.force && (await exists(this.path))) throw new OutputExistsError(this.path);
      await rename(this.tmp, this.path);
    } catch (err) {
      await zip?.abort();
      await rm(this.tmp, { force: true });
      throw namingOutput(err, this.path);
    } finally {
      await this.files.abort();
      await this.findings.abort();
    }
  }

  /** Removes everything written so far. */
  async abort(): Promise<void> {
    await this.files.abort();
    await this.findings.abort();
    await rm(this.tmp, { force: true });
  }
}

/** The summary of results already at hand (tests, small callers). */
export async function writeSummary(
  path: string,
  results: readonly FileResult[],
  opts: { lang: Lang; asOf: string; force: boolean },
): Promise<void> {
  const w = await SummaryWriter.open(path, opts);
  try {
    for (const r of results) await w.add(r);
  } catch (err) {
    await w.abort();
    throw err;
  }
  await w.commit();
}
