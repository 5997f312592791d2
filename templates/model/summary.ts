// Small pieces the merge summaries of form templates share (templates/*/summary.ts).
import type { NormValue, Text } from './types.js';

export const T = (ja: string, en: string): Text => ({ ja, en });

/** An ISO date value, or null. */
export const isoOf = (v: NormValue | null | undefined): string | null =>
  typeof v === 'string' && /^\d{4}-\d\d-\d\d$/.test(v) ? v : null;

/** An ISO date as the Date of a date cell (midnight UTC), or null. */
export const dateCell = (iso: string | null): Date | null => (iso ? new Date(`${iso}T00:00:00Z`) : null);
