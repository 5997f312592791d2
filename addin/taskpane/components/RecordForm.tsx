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
import { cellAddress, cellAt, type CellValue, type Grid, type GridSheet } from '../../../templates/model/grid.js';
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
  type TableColumns,
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
  const place = useRecordPlace(state, tables, chosen);
  const record = useRecordDraft(session, state, place);
  const { sd, gsheet, cols, row, lastRow } = place;

  if (!sd || !gsheet || !cols) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>{t(sd?.title) || s.loadFailed}</MessageBarBody>
      </MessageBar>
    );
  }
  const firstCol = Math.min(...cols.columns.values());
  const goto = (r: number) => session.select(gsheet.name, cellAddress(r, firstCol));
  const fieldIssues = (key: string) => record.rowIssues.filter((i) => i.field === key);
  const otherIssues = record.rowIssues.filter((i) => !i.field || !cols.columns.has(i.field));
  const dirty = record.dirtyKeys.length > 0;

  return (
    <div className={styles.root} data-testid="record-form">
      <div className={styles.bar}>
        {tables.length > 1 && (
          <SheetPicker tables={tables} value={sd.name} grid={grid} session={session} onChoose={setChosen} />
        )}
        <Subtitle2 className={styles.grow} data-testid="record-title">
          {row === null ? t(sd.title) : row > lastRow ? s.newRecord(row + 1) : s.row(row + 1)}
        </Subtitle2>
        {dirty && <Badge color="warning">{s.unsaved}</Badge>}
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
          {record.notice && (
            <MessageBar intent={record.notice.intent}>
              <MessageBarBody>{record.notice.text}</MessageBarBody>
            </MessageBar>
          )}
          <RowFindings issues={otherIssues} />
          <div className={styles.fields}>
            {sd.fields
              .filter((f) => cols.columns.has(f.key))
              .map((f) => (
                <FieldControl
                  key={f.key}
                  field={f}
                  value={record.texts[f.key] ?? ''}
                  grid={grid}
                  issues={fieldIssues(f.key)}
                  onChange={(text) => record.setText(f.key, text)}
                />
              ))}
          </div>
          <div className={styles.sticky}>
            <Button appearance="primary" disabled={record.busy || !dirty} onClick={() => void record.save()}>
              {record.busy ? s.saving : s.save}
            </Button>
            {dirty && (
              <Button size="small" disabled={record.busy} onClick={record.revert}>
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

/** Where the form is: the table sheet under the selection (else the one chosen), its columns, the selected row. */
interface RecordPlace {
  sd: TableSheetDef | undefined;
  gsheet: GridSheet | undefined;
  cols: TableColumns | null;
  /** The selected data row (0-based), or null when the selection is not below the sheet's header. */
  row: number | null;
  /** Which draft belongs to the row ('' when none). */
  rowKey: string;
  lastRow: number;
}

function useRecordPlace(state: SessionState, tables: TableSheetDef[], chosen: string): RecordPlace {
  const def = state.def!;
  const grid = state.grid;
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
  return { sd, gsheet, cols, row, rowKey, lastRow };
}

/**
 * The edits of each row not yet saved (kept per row, so moving away and back keeps them), the row's findings — the
 * validator's, or while editing those of a tentative grid with the typed values — and saving and reverting them.
 */
function useRecordDraft(session: WorkbookSession, state: SessionState, place: RecordPlace) {
  const { s } = useI18n();
  const { sd, gsheet, cols, row, rowKey } = place;
  const def = state.def!;
  const grid = state.grid;
  const [drafts, setDrafts] = useState<Drafts>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

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

  const setText = (key: string, text: string) =>
    setDrafts((d) => ({ ...d, [rowKey]: { ...(d[rowKey] ?? {}), [key]: text } }));

  const revert = () =>
    setDrafts((d) => {
      const next = { ...d };
      delete next[rowKey];
      return next;
    });

  const save = async () => {
    if (row === null || !sd || !gsheet || !cols) return;
    const cells: Record<string, ReturnType<typeof toWriteValue>> = {};
    for (const k of dirtyKeys) {
      const f = sd.fields.find((x) => x.key === k)!;
      cells[cellAddress(row, cols.columns.get(k)!)] = toWriteValue(f, texts[k], grid);
    }
    setBusy(true);
    try {
      await session.write(gsheet.name, cells);
      revert();
      setNotice({ intent: 'success', text: s.saved });
    } catch (err) {
      setNotice({ intent: 'error', text: `${s.saveFailed}: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      setBusy(false);
    }
  };

  return { texts, dirtyKeys, rowIssues, busy, notice, setText, revert, save };
}

/** The table sheets of a template with more than one: choosing one selects its first data row in Excel. */
function SheetPicker({
  tables,
  value,
  grid,
  session,
  onChoose,
}: {
  tables: TableSheetDef[];
  value: string;
  grid: Grid | null;
  session: WorkbookSession;
  onChoose: (name: string) => void;
}) {
  const { s, t } = useI18n();
  return (
    <Select
      aria-label={s.sheet}
      value={value}
      onChange={(_, d) => {
        onChoose(d.value);
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
  );
}

/** The row's findings that no field control shows (about the whole row, or a column the sheet does not have). */
function RowFindings({ issues }: { issues: Issue[] }) {
  const { t } = useI18n();
  if (!issues.length) return null;
  const intent = issues.some((i) => i.severity === 'error')
    ? 'error'
    : issues.some((i) => i.severity === 'warning')
      ? 'warning'
      : 'info';
  return (
    <MessageBar data-testid="record-findings" intent={intent}>
      <MessageBarBody>
        {issues.map((i, k) => (
          <div key={k}>{t(i.message)}</div>
        ))}
      </MessageBarBody>
    </MessageBar>
  );
}
