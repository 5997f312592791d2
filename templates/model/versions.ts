// Published versions of a template. A definition is its current version; an earlier version is the same definition
// without the fields and rules added since (`since`). So a workbook filled in an earlier template is read and judged
// against what it was made with — no COLUMN-MISSING for a column added later — while every rule that did not change
// its fields judges it as it judges a current workbook.
import type { SheetDef, TemplateDef, Text } from './types.js';

const views = new WeakMap<TemplateDef, Map<number, TemplateDef>>();

const inVersion = (v: number) => (x: { since?: number }) => (x.since ?? 1) <= v;

function sheetAt(sd: SheetDef, v: number): SheetDef {
  const fields = sd.fields.filter(inVersion(v));
  return fields.length === sd.fields.length ? sd : { ...sd, fields };
}

/** The definition as it was published in version `v` (1 ≤ v ≤ def.version); the same object for the current one. */
export function atVersion(def: TemplateDef, v: number): TemplateDef {
  if (v >= def.version) return def;
  const version = Math.max(1, Math.floor(v));
  let byVersion = views.get(def);
  if (!byVersion) views.set(def, (byVersion = new Map()));
  let view = byVersion.get(version);
  if (!view) {
    view = {
      ...def,
      version,
      sheets: def.sheets.map((s) => sheetAt(s, version)),
      rules: def.rules.filter(inVersion(version)),
    };
    byVersion.set(version, view);
  }
  return view;
}

/** Versions whose fields a template has, newest first, that an earlier version lacks (the candidates for a header signature). */
export function laterVersions(def: TemplateDef): number[] {
  const found = new Set<number>();
  for (const s of def.sheets) for (const f of s.fields) if ((f.since ?? 1) > 1) found.add(f.since!);
  return [...found].sort((a, b) => b - a);
}

/** The info a workbook of an earlier version gets: it was checked as that version, and what an upgrade would do. */
export function upgradeNotice(def: TemplateDef, from: number): Text {
  const changes = Object.entries(def.changes ?? {})
    .filter(([v]) => Number(v) > from)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, t]) => t);
  const ja = changes.map((c) => c.ja).join('');
  const en = changes.map((c) => c.en).join(' ');
  return {
    ja:
      `このブックは旧版のテンプレート（第${from}版）で作成されているため、第${from}版の項目で確認しました。最新版は第${def.version}版です。${ja}` +
      '「daicho upgrade」で、入力済みの値・追加した列・メモ・書式をそのまま残した最新版のコピーを作成できます（新しい項目は空欄で追加されます）。',
    en:
      `This workbook was made with an earlier template (version ${from}), so it was checked against version ${from}. The current version is ${def.version}. ${en ? `${en} ` : ''}` +
      '"daicho upgrade" writes a copy in the latest version that keeps every value, your extra columns, notes and formatting (the new fields are added empty).',
  };
}
