// Table templates: the record under the selection as a form. Follows the selection; validates as you type (each
// control with the field's normalisation, and the whole row with the template's rules on a tentative copy of the
// grid); Save writes the changed cells; previous/next and Add record move the selection.
import {
  Badge,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { cellAddress, cellAt, type CellValue } from '../../../templates/model/grid.js';
import { validate } from '../../../templates/model/validate.js';
import type { Issue, TableSheetDef } from '../../../templates/model/types.js';
import { useI18n } from '../i18n.js';
import {
  displayText,
  gridSheetOf,
  issuesOnRow,
  lastDataRow,
  locateColumns,
  sheetDefOf,
  toWriteValue,
  withRow,
} from '../model.js';
import type { SessionState, WorkbookSession } from '../session.js';
import { FieldControl } from './FieldControl.js';
import { useDebounced } from './useDebounced.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  bar: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  grow: { flexGrow: 1 },
  fields: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  sticky: {
    position: 'sticky',
    bottom: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalS,
    flexWrap: 'wrap',
  },
});

type Drafts = Record<string, Record<string, string>>;
const NO_DRAFT: Record<string, string> = {};

export function RecordForm({ session, state }: { session: WorkbookSession; state: SessionState }) {
  const { s, t } = useI18n();
  const styles = useStyles();
  const def = state.def!;
  const grid = state.grid;
  const tables = def.sheets.filter((sd): sd is TableSheetDef => sd.kind === 'table');
  const [chosen, setChosen] = useState(tables[0]?.name ?? '');
  const [drafts, setDrafts] = useState<Drafts>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  // The table sheet under the selection, else the one chosen in the pane.
  const selected = state.selection ? sheetDefOf(def, state.selection.sheet) : undefined;
  const sd = selected?.kind === 'table' ? selected : (tables.find((x) => x.name === chosen) ?? tables[0]);
  const gsheet = grid && sd ? gridSheetOf(grid, sd) : undefined;
  // The grid is edited in place; state.revision is what tells that it changed.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const cols = useMemo(() => (sd && gsheet ? locateColumns(sd, gsheet) : null), [sd, gsheet, state.revision]);
  const onThisSheet = !!gsheet && state.selection?.sheet === gsheet.name;
  const row = onThisSheet && cols && state.selection!.row > cols.headerRow ? state.selection!.row : null;
  const rowKey = gsheet && row !== null ? `${gsheet.name}!${row}` : '';
  const lastRow = gsheet && cols ? lastDataRow(gsheet, cols) : 0;

  useEffect(() => setNotice(null), [rowKey]);

  const original = useMemo(() => {
    const out: Record<string, string> = {};
    if (!sd || !gsheet || !cols || row === null) return out;
    for (const f of sd.fields) {
      const c = cols.columns.get(f.key);
      out[f.key] = c === undefined ? '' : displayText(f, cellAt(gsheet, row, c), grid);
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- state.revision: the grid was edited in place
  }, [sd, gsheet, cols, row, grid, state.revision]);

  const draft = drafts[rowKey] ?? NO_DRAFT;
  const dirtyKeys = Object.keys(draft).filter((k) => draft[k] !== original[k]);
  const texts = { ...original, ...draft };

  // The row's findings: the validator's, or — while editing — those of a tentative grid with the typed values.
  const debouncedDraft = useDebounced(draft, 200);
  const rowIssues: Issue[] = useMemo(() => {
    if (!gsheet || row === null || !grid || !cols) return [];
    const dirty = Object.keys(debouncedDraft).filter((k) => debouncedDraft[k] !== original[k]);
    if (!dirty.length) return issuesOnRow(state.issues, gsheet.name, row);
    const cells = new Map<number, CellValue>();
    for (const k of dirty) {
      const c = cols.columns.get(k);
      if (c !== undefined) cells.set(c, debouncedDraft[k] === '' ? null : debouncedDraft[k]);
    }
    const tentative = validate(def, withRow(grid, gsheet.name, row, cells), { asOf: state.asOf });
    return issuesOnRow(tentative.issues, gsheet.name, row);
  }, [debouncedDraft, original, grid, gsheet, row, cols, def, state.asOf, state.issues]);

  if (!sd || !gsheet || !cols) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{t(sd?.title) || s.loadFailed}</MessageBarBody>
      </MessageBar>
    );
  }
  const firstCol = Math.min(...cols.columns.values());
  const goto = (r: number) => session.select(gsheet.name, cellAddress(r, firstCol));
  const fieldIssues = (key: string) => rowIssues.filter((i) => i.field === key);
  const otherIssues = rowIssues.filter((i) => !i.field || !cols.columns.has(i.field));

  const setText = (key: string, text: string) =>
    setDrafts((d) => ({ ...d, [rowKey]: { ...(d[rowKey] ?? {}), [key]: text } }));

  const save = async () => {
    if (row === null) return;
    const cells: Record<string, ReturnType<typeof toWriteValue>> = {};
    for (const k of dirtyKeys) {
      const f = sd.fields.find((x) => x.key === k)!;
      cells[cellAddress(row, cols.columns.get(k)!)] = toWriteValue(f, texts[k], grid);
    }
    setBusy(true);
    try {
      await session.write(gsheet.name, cells);
      setDrafts((d) => {
        const next = { ...d };
        delete next[rowKey];
        return next;
      });
      setNotice({ intent: 'success', text: s.saved });
    } catch (err) {
      setNotice({ intent: 'error', text: `${s.saveFailed}: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.root} data-testid="record-form">
      <div className={styles.bar}>
        {tables.length > 1 && (
          <Select
            aria-label={s.sheet}
            value={sd.name}
            onChange={(_, d) => {
              setChosen(d.value);
              const target = tables.find((x) => x.name === d.value);
              const g = target && grid ? gridSheetOf(grid, target) : undefined;
              const c = target && g ? locateColumns(target, g) : null;
              if (g && c) void session.select(g.name, cellAddress(c.headerRow + 1, Math.min(...c.columns.values())));
            }}
          >
            {tables.map((x) => (
              <option key={x.name} value={x.name}>
                {t(x.title)}
              </option>
            ))}
          </Select>
        )}
        <Subtitle2 className={styles.grow} data-testid="record-title">
          {row === null ? t(sd.title) : row > lastRow ? s.newRecord(row + 1) : s.row(row + 1)}
        </Subtitle2>
        {dirtyKeys.length > 0 && <Badge color="warning">{s.unsaved}</Badge>}
      </div>

      {row === null ? (
        <>
          <Caption1>{s.selectRowHint(gsheet.name)}</Caption1>
          <div className={styles.bar}>
            <Button appearance="primary" onClick={() => goto(lastRow + 1)}>
              {s.addRecord}
            </Button>
            {lastRow > cols.headerRow && (
              <Button onClick={() => goto(cols.headerRow + 1)}>{s.row(cols.headerRow + 2)}</Button>
            )}
          </div>
        </>
      ) : (
        <>
          {notice && (
            <MessageBar intent={notice.intent}>
              <MessageBarBody>{notice.text}</MessageBarBody>
            </MessageBar>
          )}
          {otherIssues.length > 0 && (
            <MessageBar
              data-testid="record-findings"
              intent={
                otherIssues.some((i) => i.severity === 'error')
                  ? 'error'
                  : otherIssues.some((i) => i.severity === 'warning')
                    ? 'warning'
                    : 'info'
              }
            >
              <MessageBarBody>
                {otherIssues.map((i, k) => (
                  <div key={k}>{t(i.message)}</div>
                ))}
              </MessageBarBody>
            </MessageBar>
          )}
          <div className={styles.fields}>
            {sd.fields
              .filter((f) => cols.columns.has(f.key))
              .map((f) => (
                <FieldControl
                  key={f.key}
                  field={f}
                  value={texts[f.key] ?? ''}
                  grid={grid}
                  issues={fieldIssues(f.key)}
                  onChange={(text) => setText(f.key, text)}
                />
              ))}
          </div>
          <div className={styles.sticky}>
            <Button appearance="primary" disabled={busy || dirtyKeys.length === 0} onClick={() => void save()}>
              {busy ? s.saving : s.save}
            </Button>
            {dirtyKeys.length > 0 && (
              <Button
                size="small"
                disabled={busy}
                onClick={() =>
                  setDrafts((d) => {
                    const next = { ...d };
                    delete next[rowKey];
                    return next;
                  })
                }
              >
                {s.revert}
              </Button>
            )}
            <Button size="small" disabled={row <= cols.headerRow + 1} onClick={() => goto(row - 1)}>
              {s.previous}
            </Button>
            <Button size="small" disabled={row > lastRow} onClick={() => goto(row + 1)}>
              {s.next}
            </Button>
            <Button size="small" onClick={() => goto(lastRow + 1)}>
              {s.addRecord}
            </Button>
          </div>
        </>
      )}
    </div>
  );
}
