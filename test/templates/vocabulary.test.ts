// The domain's small vocabulary, defined once and shared by the pane and the command line.
import { describe, expect, it } from 'vitest';
import { MARK_COLOURS as PANE_COLOURS } from '../../addin/excel/index.js';
import { MARK_COLOURS as COPY_COLOURS } from '../../scripts/annotate/annotate.js';
import { SEVERITIES, severityRank, worseSeverity } from '../../templates/model/severity.js';

describe('severity', () => {
  it('one order, worst first', () => {
    expect(SEVERITIES.map(severityRank)).toEqual([0, 1, 2]);
    expect(worseSeverity('info', 'warning')).toBe('warning');
    expect(worseSeverity('error', 'warning')).toBe('error');
  });
  it('a marked cell has the same colour in Excel (the pane) and in the annotated copy', () => {
    for (const s of SEVERITIES) expect(COPY_COLOURS[s]).toBe(`FF${PANE_COLOURS[s].slice(1)}`);
  });
});
