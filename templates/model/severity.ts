// Severities in one order and one colour each: the pane, the terminal, the annotated copy and the sort of findings
// all take them from here, so a marked cell in Excel and in a returned copy look the same.

import type { Severity } from './types.js';

/** Worst first: the order findings are listed in. */
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** 0 for the worst (error), larger for milder. */
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** The worse of two severities. */
export const worseSeverity = (a: Severity, b: Severity): Severity => (severityRank(b) < severityRank(a) ? b : a);

/** Fill of a marked cell as RRGGBB: Excel's own "bad" and "neutral" styles, and a light blue. */
export const MARK_RGB: Readonly<Record<Severity, string>> = { error: 'FFC7CE', warning: 'FFEB9C', info: 'DDEBF7' };
