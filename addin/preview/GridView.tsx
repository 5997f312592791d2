// A simple view of the fake workbook for the preview page: sheet tabs, a formula bar to type into a cell, and the
// cells with their fills and the selection. It stands in for Excel's grid: clicking selects (the pane follows),
// typing edits (the pane re-validates), fills show the pane's marks.
import { Button, Caption1, Input, Tab, TabList, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { cellAddress, columnLetter } from '../../templates/model/grid.js';
import { serialToIso } from '../../templates/model/dates.js';
import { isDateFormat } from '../../templates/model/numfmt.js';
import type { FakeSheet, FakeWorkbook } from '../fake/fake-excel.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%', rowGap: tokens.spacingVerticalS },
  bar: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'center' },
  name: { width: '9em', fontFamily: tokens.fontFamilyMonospace },
  scroller: {
    overflow: 'auto',
    flexGrow: 1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: '#fff',
  },
  table: { borderCollapse: 'collapse', fontSize: '12px', tableLayout: 'fixed' },
  head: {
    backgroundColor: '#f3f3f3',
    color: '#444',
    fontWeight: 'normal',
    border: '1px solid #d4d4d4',
    position: 'sticky',
    top: 0,
    zIndex: 1,
    minWidth: '72px',
  },
  rowHead: {
    backgroundColor: '#f3f3f3',
    color: '#444',
    border: '1px solid #d4d4d4',
    textAlign: 'right',
    padding: '0 4px',
    position: 'sticky',
    left: 0,
    zIndex: 1,
  },
  cell: {
    border: '1px solid #e1e1e1',
    padding: '1px 4px',
    maxWidth: '160px',
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    cursor: 'cell',
    height: '20px',
  },
  selected: { outline: '2px solid #107c41', outlineOffset: '-2px' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const MAX_ROWS = 400;
const MAX_COLS = 60;

function shown(wb: FakeWorkbook, sheet: FakeSheet, r: number, c: number): string {
  const cell = wb.peekCell(sheet, r, c);
  if (!cell) return '';
  if (cell.error) return cell.error;
  if (typeof cell.value === 'number' && isDateFormat(cell.numberFormat))
    return (serialToIso(cell.value) ?? String(cell.value)).replace(/-/g, '/');
  if (typeof cell.value === 'boolean') return cell.value ? 'TRUE' : 'FALSE';
  return cell.value === null ? '' : String(cell.value);
}

function isDark(hex: string): boolean {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return false;
  const [r, g, b] = m.slice(1).map((x) => parseInt(x, 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

export function GridView({ wb }: { wb: FakeWorkbook }) {
  const styles = useStyles();
  // Re-render on every change of the fake workbook.
  const version = useSyncExternalStore(
    (fn) => wb.subscribe(fn),
    () => wb.changes,
  );
  const sheet = wb.activeSheet;
  const sel = sheet.selection;
  const selA1 = cellAddress(sel.r0, sel.c0);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(shown(wb, sheet, sel.r0, sel.c0));
    setError(null);
  }, [wb, sheet, sel.r0, sel.c0, version]);

  // The workbook is edited in place; version is what tells that it changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const used = useMemo(() => wb.usedRect(sheet, false), [wb, sheet, version]);
  const rows = Math.min(MAX_ROWS, Math.max((used?.r1 ?? 0) + 3, sel.r1 + 2, 20));
  const cols = Math.min(MAX_COLS, Math.max((used?.c1 ?? 0) + 2, sel.c1 + 2, 8));
  const visible = wb.sheets.filter((s) => s.visibility === 'Visible');
  const hidden = wb.sheets.length - visible.length;

  const commit = () => {
    try {
      wb.userEdit(sheet.name, selA1, text);
      setError(null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div className={styles.root} data-testid="grid-view">
      <div className={styles.bar}>
        <Input className={styles.name} readOnly value={selA1} aria-label="Name box" data-testid="name-box" />
        <Input
          style={{ flexGrow: 1 }}
          aria-label="Formula bar"
          data-testid="formula-bar"
          value={text}
          onChange={(_, d) => setText(d.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
          }}
        />
        <Button onClick={commit}>Enter</Button>
      </div>
      {error && <Caption1 className={styles.error}>{error}</Caption1>}
      <div className={styles.scroller}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th className={styles.head} style={{ minWidth: '36px', left: 0, zIndex: 2 }} />
              {Array.from({ length: cols }, (_, c) => (
                <th key={c} className={styles.head}>
                  {columnLetter(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, r) => (
              <tr key={r}>
                <th className={styles.rowHead}>{r + 1}</th>
                {Array.from({ length: cols }, (_, c) => {
                  const cell = wb.peekCell(sheet, r, c);
                  const isSel = r >= sel.r0 && r <= sel.r1 && c >= sel.c0 && c <= sel.c1;
                  const value = shown(wb, sheet, r, c);
                  return (
                    <td
                      key={c}
                      data-cell={cellAddress(r, c)}
                      title={value}
                      className={`${styles.cell} ${isSel ? styles.selected : ''}`}
                      style={
                        cell?.fill
                          ? { backgroundColor: cell.fill.color, color: isDark(cell.fill.color) ? '#fff' : undefined }
                          : undefined
                      }
                      onClick={() => wb.userSelect(sheet.name, cellAddress(r, c))}
                    >
                      {value}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className={styles.bar}>
        <TabList
          size="small"
          selectedValue={sheet.id}
          onTabSelect={(_, d) => {
            const s = wb.sheets.find((x) => x.id === d.value);
            if (s) wb.userSelect(s.name, cellAddress(s.selection.r0, s.selection.c0));
          }}
        >
          {visible.map((s) => (
            <Tab key={s.id} value={s.id}>
              {s.name}
            </Tab>
          ))}
        </TabList>
        {hidden > 0 && <Caption1>(+{hidden} hidden)</Caption1>}
      </div>
    </div>
  );
}
