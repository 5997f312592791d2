// Check workbook: every finding, grouped by severity and sheet; clicking one selects its cell. Mark problems colours
// the problem cells; Clear restores each cell's own fill.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Caption1,
  CounterBadge,
  Link,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { memo, useMemo, useState } from 'react';
import { RULES } from '../../../templates/catalogue.js';
import { SEVERITIES } from '../../../templates/model/severity.js';
import type { Issue, Severity } from '../../../templates/model/types.js';
import { useI18n } from '../i18n.js';
import type { SessionState, WorkbookSession } from '../session.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  actions: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  item: {
    display: 'flex',
    columnGap: tokens.spacingHorizontalS,
    alignItems: 'flex-start',
    textAlign: 'left',
    width: '100%',
    border: 'none',
    background: 'none',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase300,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  static: { cursor: 'default', ':hover': { backgroundColor: 'transparent' } },
  cell: {
    fontFamily: tokens.fontFamilyMonospace,
    color: tokens.colorBrandForeground1,
    flexShrink: 0,
    minWidth: '3.5em',
  },
  sheet: { marginTop: tokens.spacingVerticalS },
  rule: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase100,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusSmall,
    padding: `0 ${tokens.spacingHorizontalXXS}`,
    whiteSpace: 'nowrap',
  },
});

export function CheckPanel({ session, state }: { session: WorkbookSession; state: SessionState }) {
  const { s } = useI18n();
  const styles = useStyles();
  const [busy, setBusy] = useState<null | 'check' | 'mark' | 'clear'>(null);
  const [notes, setNotes] = useState<{ intent: 'success' | 'warning' | 'error'; text: string }[]>([]);
  const issues = state.issues;
  const count = (sev: Severity) => issues.filter((i) => i.severity === sev).length;
  const markable = issues.some((i) => i.sheet && i.cell);
  // By severity, then by sheet: computed once per check, not on every render of the panel.
  const groups = useMemo(
    () => new Map(SEVERITIES.map((sev) => [sev, groupBySheet(issues.filter((i) => i.severity === sev))] as const)),
    [issues],
  );

  const act = async (
    kind: 'check' | 'mark' | 'clear',
    f: () => Promise<{ intent: 'success' | 'warning' | 'error'; text: string }[]>,
  ) => {
    setBusy(kind);
    try {
      setNotes(await f());
    } catch (err) {
      setNotes([{ intent: 'error', text: err instanceof Error ? err.message : String(err) }]);
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className={styles.root} data-testid="check-panel" data-revision={state.revision}>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          disabled={!!busy}
          onClick={() => void act('check', async () => (await session.reload(), []))}
        >
          {busy === 'check' ? s.checking : s.checkWorkbook}
        </Button>
        <Button
          disabled={!!busy || !markable}
          onClick={() =>
            void act('mark', async () => {
              const r = await session.mark();
              return [
                { intent: 'success' as const, text: s.marked(r.marked) },
                ...r.skipped
                  .filter((x) => x.reason === 'protected')
                  .map((x) => ({ intent: 'warning' as const, text: s.skippedProtected(x.sheet) })),
              ];
            })
          }
        >
          {s.markProblems}
        </Button>
        <Button
          disabled={!!busy || !state.marked}
          onClick={() =>
            void act('clear', async () => {
              const r = await session.clearMarks();
              return [
                { intent: 'success' as const, text: s.cleared(r.restored) },
                ...(r.left ? [{ intent: 'warning' as const, text: s.clearedLeft(r.left) }] : []),
              ];
            })
          }
        >
          {s.clearMarks}
        </Button>
      </div>
      {notes.map((n, k) => (
        <MessageBar key={k} intent={n.intent}>
          <MessageBarBody>{n.text}</MessageBarBody>
        </MessageBar>
      ))}
      <Caption1 data-testid="counts">
        {s.counts(count('error'), count('warning'), count('info'))} · {s.asOf(state.asOf)}
      </Caption1>
      {issues.length === 0 ? (
        <MessageBar intent="success">
          <MessageBarBody>{s.noIssues}</MessageBarBody>
        </MessageBar>
      ) : (
        <Accordion multiple collapsible defaultOpenItems={SEVERITIES.filter((sev) => sev !== 'info')}>
          {SEVERITIES.filter((sev) => count(sev) > 0).map((sev) => (
            <AccordionItem key={sev} value={sev}>
              <AccordionHeader>
                <Subtitle2>{s.severity[sev]}</Subtitle2>&nbsp;
                <CounterBadge
                  count={count(sev)}
                  color={sev === 'error' ? 'danger' : sev === 'warning' ? 'important' : 'informative'}
                  overflowCount={9999}
                />
              </AccordionHeader>
              <AccordionPanel>
                {(groups.get(sev) ?? []).map(([sheet, list]) => (
                  <SheetGroup key={sheet ?? ''} severity={sev} sheet={sheet} issues={list} session={session} />
                ))}
              </AccordionPanel>
            </AccordionItem>
          ))}
        </Accordion>
      )}
    </div>
  );
}

/** Findings shown at first per sheet and severity; the rest on request (a 2,000-row ledger can have thousands). */
export const FIRST_SHOWN = 100;

const SheetGroup = memo(function SheetGroup({
  severity,
  sheet,
  issues,
  session,
}: {
  severity: Severity;
  sheet: string | null;
  issues: Issue[];
  session: WorkbookSession;
}) {
  const { s } = useI18n();
  const styles = useStyles();
  const [all, setAll] = useState(false);
  const shown = all ? issues : issues.slice(0, FIRST_SHOWN);
  return (
    <div className={styles.sheet} data-severity={severity} data-sheet={sheet ?? ''}>
      <Caption1>
        <strong>{sheet ?? s.workbookLevel}</strong>
      </Caption1>
      <ul className={styles.list}>
        {shown.map((issue, k) => (
          <li key={`${issue.rule}|${issue.cell ?? ''}|${k}`}>
            <IssueItem issue={issue} session={session} />
          </li>
        ))}
      </ul>
      {shown.length < issues.length && (
        <Link as="button" onClick={() => setAll(true)}>
          {s.showAll(issues.length)}
        </Link>
      )}
    </div>
  );
});

export const IssueItem = memo(function IssueItem({ issue, session }: { issue: Issue; session: WorkbookSession }) {
  const { s, t } = useI18n();
  const styles = useStyles();
  const body = (
    <>
      <span className={styles.cell}>{issue.cell ?? '—'}</span>
      <span>
        {t(issue.message)}{' '}
        <span className={styles.rule} title={t(RULES[issue.rule].title)}>
          {issue.rule}
        </span>
      </span>
    </>
  );
  if (issue.sheet && issue.cell) {
    const { sheet, cell } = issue;
    return (
      <button
        type="button"
        className={styles.item}
        title={s.goToCell(sheet, cell)}
        onClick={() => void session.select(sheet, cell)}
        data-cell={`${sheet}!${cell}`}
      >
        {body}
      </button>
    );
  }
  return <div className={`${styles.item} ${styles.static}`}>{body}</div>;
});

function groupBySheet(issues: Issue[]): [string | null, Issue[]][] {
  const groups = new Map<string | null, Issue[]>();
  for (const i of issues) groups.set(i.sheet, [...(groups.get(i.sheet) ?? []), i]);
  // Workbook-level findings first, then sheets in the order they first appear (the validator sorts by sheet).
  return [...groups].sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : 0));
}
