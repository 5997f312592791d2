// Shorthand for defining fields whose key is their Japanese label. The key keeps its literal type, so a sheet defined
// with `as const satisfies TableSheetDef` knows its field keys (FieldKey).
import type { FieldDef, FieldType } from './types.js';

type Extra = Partial<Omit<FieldDef, 'key'>>;

export function field<K extends string>(key: K, en: string, type: FieldType, extra: Extra = {}): FieldDef & { key: K } {
  return { key, label: { ja: key, en }, type, ...extra };
}

export const textField = <K extends string>(key: K, en: string, extra: Extra = {}) =>
  field(key, en, { kind: 'text' }, extra);

export const dateField = <K extends string>(key: K, en: string, extra: Extra = {}) =>
  field(key, en, { kind: 'date' }, { width: 12, ...extra });
