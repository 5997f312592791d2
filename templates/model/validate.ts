// validate(): the one check that the task pane, the bulk checker and the merge all run.
import { RULES, type RuleId } from '../catalogue.js';
import { foldLabel } from './fold.js';
import { severityRank } from './severity.js';
import { cellAt, findSheet, parseAddress, type Grid } from './grid.js';
import { headerLabels, MARKER_SHEET } from './layout.js';
import { cellText } from './normalise.js';
import { fieldLabels, readRecords, recordCell, sheetNames } from './read.js';
import type { Issue, Marker, ReadResult, RuleContext, Score, TemplateDef } from './types.js';
import { atVersion, laterVersions, upgradeNotice } from './versions.js';

export interface ValidateOptions {
  /** ISO date the rules judge against ("today" for the user). */
  asOf: string;
}

export interface Validation {
  issues: Issue[];
  data: ReadResult;
  score?: Score;
}

export interface Identified {
  def: TemplateDef | null;
  version?: number;
  marker?: Marker;
  via?: 'marker' | 'signature';
  issues: Issue[];
  /** The workbook must not be validated (a newer template version than this program knows). */
  refuse?: boolean;
}

export interface WorkbookValidation extends Partial<Validation> {
  template: { id: string; version: number } | null;
  def: TemplateDef | null;
  issues: Issue[];
}

function workbookIssue(
  rule: RuleId,
  severity: Issue['severity'],
  value: string | null,
  message: Issue['message'],
): Issue {
  return { rule, severity, sheet: null, cell: null, field: null, value, message };
}

export function readMarker(grid: Grid): Marker | undefined {
  const sheet = findSheet(grid, [MARKER_SHEET]);
  if (!sheet) return undefined;
  const pairs = new Map<string, string>();
  for (let r = 0; r < Math.min(sheet.rows.length, 20); r++) {
    const k = cellText(cellAt(sheet, r, 0));
    const v = cellText(cellAt(sheet, r, 1));
    if (k && v) pairs.set(k.toLowerCase(), v);
  }
  const id = pairs.get('template');
  if (!id) return undefined;
  const marker: Marker = {
    id,
    version: Number(pairs.get('version') ?? 0),
    ...(pairs.has('edition') ? { edition: pairs.get('edition') } : {}),
  };
  const round = pairs.get('round');
  const supplier = pairs.get('supplier');
  if (round && supplier) {
    const due = pairs.get('due');
    const lang = pairs.get('lang');
    marker.distribution = {
      round,
      supplier,
      ...(due ? { due } : {}),
      ...(lang === 'ja' || lang === 'en' ? { lang } : {}),
    };
  }
  return marker;
}

/** Folded texts near the top of the grid's sheet for each of a template's sheets (null: no such sheet). */
function labelsSeen(def: TemplateDef, grid: Grid): (Set<string> | null)[] {
  return def.sheets.map((sd) => {
    const sheet = findSheet(grid, sheetNames(sd));
    if (!sheet) return null;
    const seen = new Set<string>();
    const rows = sd.kind === 'form' ? 200 : 20;
    for (const row of sheet.rows.slice(0, rows)) for (const v of row ?? []) seen.add(foldLabel(cellText(v ?? null)));
    return seen;
  });
}

/** Share of a template's header labels, form labels and question ids found near the top of the grid's sheets. */
function signatureScore(def: TemplateDef, seen: readonly (Set<string> | null)[]): number {
  let found = 0;
  let total = 0;
  def.sheets.forEach((sd, i) => {
    const wanted =
      sd.kind === 'form'
        ? sd.fields.map((f) => fieldLabels(f))
        : headerLabels(sd).map((l, k) => [foldLabel(l), foldLabel(headerLabels(sd, 'en')[k])]);
    total += wanted.length;
    const s = seen[i];
    if (s) found += wanted.filter((labels) => labels.some((l) => s.has(l))).length;
  });
  return total ? found / total : 0;
}

/**
 * A marker-less workbook's version: the newest whose fields it has. Versions that added no field cannot be told apart
 * by headers; the newest of them is taken.
 */
function signatureVersion(def: TemplateDef, seen: readonly (Set<string> | null)[]): number {
  let newest = def.version;
  for (const v of laterVersions(def)) {
    const has = def.sheets.some((sd, i) =>
      sd.fields.some((f) => f.since === v && fieldLabels(f).some((l) => seen[i]?.has(l))),
    );
    if (has) return newest;
    newest = v - 1;
  }
  return newest;
}

const SIGNATURE_THRESHOLD = 0.6;

/** Which template a workbook is: by its hidden marker, else by its header signature (with a warning). */
export function identifyAmong(grid: Grid, defs: readonly TemplateDef[]): Identified {
  const marker = readMarker(grid);
  if (marker) {
    const def = defs.find((d) => d.id === marker.id) ?? null;
    if (!def) {
      return {
        def: null,
        marker,
        issues: [
          workbookIssue('TEMPLATE-UNKNOWN', 'error', marker.id, {
            ja: `テンプレート「${marker.id}」はこのバージョンの Daicho では扱えません。`,
            en: `Template "${marker.id}" is not one this version of Daicho knows.`,
          }),
        ],
      };
    }
    if (marker.version > def.version) {
      return {
        def,
        marker,
        version: marker.version,
        via: 'marker',
        refuse: true,
        issues: [
          workbookIssue('TEMPLATE-VERSION', 'error', String(marker.version), {
            ja: `このブックは新しい版のテンプレート（${def.id} 第${marker.version}版）で作成されています。Daicho を更新してから確認してください（対応版: 第${def.version}版）。`,
            en: `This workbook uses a newer template (${def.id} version ${marker.version}). Update Daicho to check it (this version knows version ${def.version}).`,
          }),
        ],
      };
    }
    const version = Number.isInteger(marker.version) && marker.version >= 1 ? marker.version : 1;
    if (version < def.version) {
      return {
        def: atVersion(def, version),
        marker,
        version,
        via: 'marker',
        issues: [workbookIssue('TEMPLATE-VERSION', 'info', String(marker.version), upgradeNotice(def, version))],
      };
    }
    return { def, marker, version, via: 'marker', issues: [] };
  }
  let best: { def: TemplateDef; score: number; seen: (Set<string> | null)[] } | null = null;
  for (const def of defs) {
    const seen = labelsSeen(def, grid);
    // An earlier version's workbook lacks the later columns: it scores as that version would.
    const score = Math.max(
      ...[def.version, ...laterVersions(def).map((v) => v - 1)].map((v) => signatureScore(atVersion(def, v), seen)),
    );
    if (score >= SIGNATURE_THRESHOLD && score > (best?.score ?? 0)) best = { def, score, seen };
  }
  if (!best) {
    return {
      def: null,
      issues: [
        workbookIssue('TEMPLATE-UNKNOWN', 'error', null, {
          ja: 'Daicho のテンプレートではありません（識別用の隠しシートも、既知の見出しも見つかりません）。',
          en: 'Not a Daicho template (no hidden marker sheet and no known headers found).',
        }),
      ],
    };
  }
  const version = signatureVersion(best.def, best.seen);
  const issues = [
    workbookIssue('TEMPLATE-MARKER', 'warning', best.def.id, {
      ja: `識別用の隠しシートがないため、見出しから「${best.def.title.ja}」と判断しました。配布したテンプレートのファイルに入力してもらってください。`,
      en: `No hidden marker sheet: recognised as "${best.def.title.en}" from its headers. Ask for the data in the distributed template file.`,
    }),
  ];
  if (version < best.def.version)
    issues.push(workbookIssue('TEMPLATE-VERSION', 'info', String(version), upgradeNotice(best.def, version)));
  return { def: atVersion(best.def, version), version, via: 'signature', issues };
}

export function ruleContext(def: TemplateDef, data: ReadResult, asOf: string): RuleContext {
  return {
    asOf,
    data,
    def,
    rows: (sheet) => data.sheets[sheet] ?? [],
    form: (sheet) => data.sheets[sheet]?.[0],
  };
}

function runRules(ctx: RuleContext): Issue[] {
  const issues: Issue[] = [];
  for (const rule of ctx.def.rules) {
    let findings;
    try {
      findings = rule.check(ctx);
    } catch (err) {
      issues.push(
        workbookIssue('RULE-FAILED', 'error', rule.id, {
          ja: `チェック ${rule.id} を実行できませんでした（${String(err)}）。`,
          en: `Check ${rule.id} could not run (${String(err)}).`,
        }),
      );
      continue;
    }
    // By index: this loop runs once, mostly before V8 optimises it, where for…of allocates an iterator result a step.
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      const rec = f.record;
      const cell = rec ? recordCell(rec, f.field) : null;
      issues.push({
        rule: rule.id,
        severity: f.severity ?? RULES[rule.id].severity,
        sheet: rec?.sheet ?? f.sheet ?? null,
        cell,
        field: f.field,
        value: rec && f.field ? (rec.raw[f.field] ?? null) : null,
        message: f.message,
      });
    }
  }
  return issues;
}

/** Issues in reading order: workbook-level first, then by sheet (template order), row, column. */
export function sortIssues(def: TemplateDef | null, issues: Issue[]): Issue[] {
  const sheetIndex = (name: string | null) =>
    name === null ? -1 : (def?.sheets.findIndex((s) => s.name === name) ?? 0);
  const pos = (cell: string | null) => (cell ? parseAddress(cell) : { row: -1, col: -1 });
  return issues
    .map((issue, i) => ({ issue, i, s: sheetIndex(issue.sheet), p: pos(issue.cell) }))
    .sort(
      (a, b) =>
        a.s - b.s ||
        a.p.row - b.p.row ||
        a.p.col - b.p.col ||
        severityRank(a.issue.severity) - severityRank(b.issue.severity) ||
        a.i - b.i,
    )
    .map((x) => x.issue);
}

/** Validate a grid against a known template. */
export function validate(def: TemplateDef, grid: Grid, opts: ValidateOptions): Validation {
  const data = readRecords(def, grid);
  data.marker = readMarker(grid);
  const ctx = ruleContext(def, data, opts.asOf);
  const issues = sortIssues(def, [...data.issues, ...runRules(ctx)]);
  const score = def.score?.(ctx);
  return { issues, data, ...(score ? { score } : {}) };
}

/** Identify the workbook's template among `defs`, then validate it. (templates/index.ts binds the registry.) */
export function validateAmong(grid: Grid, defs: readonly TemplateDef[], opts: ValidateOptions): WorkbookValidation {
  const id = identifyAmong(grid, defs);
  if (!id.def || id.refuse) {
    return {
      template: id.def ? { id: id.def.id, version: id.version ?? id.def.version } : null,
      def: id.def,
      issues: id.issues,
    };
  }
  const result = validate(id.def, grid, opts);
  return {
    template: { id: id.def.id, version: id.version ?? id.def.version },
    def: id.def,
    ...result,
    issues: [...id.issues, ...result.issues],
  };
}
