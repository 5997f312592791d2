// Shorthand for defining fields whose key is their Japanese label.
import type { FieldDef, FieldType } from './types.js';

export function field(key: string, en: string, type: FieldType, extra: Partial<FieldDef> = {}): FieldDef {
  return { key, label: { ja: key, en }, type, ...extra };
}

export const textField = (key: string, en: string, extra: Partial<FieldDef> = {}): FieldDef =>
  field(key, en, { kind: 'text' }, extra);

export const dateField = (key: string, en: string, extra: Partial<FieldDef> = {}): FieldDef =>
  field(key, en, { kind: 'date' }, { width: 12, ...extra });
