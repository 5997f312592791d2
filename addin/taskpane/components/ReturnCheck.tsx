// A supplier checklist's return: the round and due date of a checklist `daicho distribute` wrote (from the hidden
// marker, which survives renaming and re-saving), and 「送信前チェック」, which tells the supplier whether the return is
// complete and free of errors (templates/model/readiness.ts: the line `daicho status` draws for 要修正) and lists
// what is left, each item selecting its cell. After the first click the list follows the workbook as it is edited.
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { pastDue, readiness } from '../../../templates/model/readiness.js';
import type { Distribution, Issue } from '../../../templates/model/types.js';
import { useI18n } from '../i18n.js';
import type { SessionState, WorkbookSession } from '../session.js';
import { IssueItem } from './CheckPanel.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  chips: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalXS, rowGap: tokens.spacingVerticalXS },
});

/** The distribution a workbook's marker records, if `daicho distribute` wrote it. */
export const distributionOf = (state: SessionState): Distribution | undefined =>
  state.identified?.marker?.distribution ?? state.validation?.data.marker?.distribution;

export function RoundBanner({ state }: { state: SessionState }) {
  const { s, lang } = useI18n();
  const d = distributionOf(state);
  if (!d) return null;
  const late = pastDue(d, state.asOf);
  return (
    <MessageBar intent={late ? 'warning' : 'info'} layout="multiline" data-testid="round">
      <MessageBarBody>
        <MessageBarTitle>{s.roundTitle(d.round)}</MessageBarTitle>
        {d.due ? (late ? s.roundLate(dateText(d.due, lang)) : s.roundDue(dateText(d.due, lang))) : s.roundNoDue}
        {s.roundSupplier(d.supplier)}
      </MessageBarBody>
    </MessageBar>
  );
}

export function SendCheck({ session, state }: { session: WorkbookSession; state: SessionState }) {
  const { s } = useI18n();
  const styles = useStyles();
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const r = readiness(state.issues, state.validation?.score);
  // The question each unanswered cell belongs to (SC-ANSWER points at the 回答 cell of the question's row).
  const questionAt = (i: Issue): string => {
    const rows = i.sheet ? (state.validation?.data.sheets[i.sheet] ?? []) : [];
    return rows.find((rec) => i.cell && Object.values(rec.cells).includes(i.cell))?.id ?? i.cell ?? '?';
  };
  return (
    <section className={styles.root} data-testid="send-check" aria-label={s.sendCheck}>
      <div>
        <Button
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await session.reload();
              setChecked(true);
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy ? s.checking : s.sendCheck}
        </Button>
      </div>
      {checked && (
        <MessageBar intent={r.ready ? 'success' : 'warning'} layout="multiline" data-testid="send-verdict">
          <MessageBarBody>
            <MessageBarTitle>{r.ready ? s.readyTitle : s.notReadyTitle}</MessageBarTitle>
            {r.ready ? s.readyBody(r.total) : s.notReadyBody(r.answered, r.total, r.unanswered.length, r.errors.length)}
            {r.warnings.length > 0 && ` ${s.warningsLeft(r.warnings.length)}`}
          </MessageBarBody>
        </MessageBar>
      )}
      {checked && r.unanswered.length > 0 && (
        <div data-testid="send-unanswered">
          <Caption1>{s.unansweredList}</Caption1>
          <div className={styles.chips}>
            {r.unanswered.map((i) => (
              <Button
                key={i.cell}
                size="small"
                appearance="subtle"
                title={i.sheet && i.cell ? s.goToCell(i.sheet, i.cell) : undefined}
                data-cell={`${i.sheet}!${i.cell}`}
                onClick={() => i.sheet && i.cell && void session.select(i.sheet, i.cell)}
              >
                {questionAt(i)}
              </Button>
            ))}
          </div>
        </div>
      )}
      {checked &&
        (
          [
            ['send-errors', s.errorsList, r.errors],
            ['send-warnings', s.warningsList, r.warnings],
          ] as const
        ).map(
          ([id, title, list]) =>
            list.length > 0 && (
              <div key={id} data-testid={id}>
                <Caption1>{title}</Caption1>
                <ul className={styles.list}>
                  {list.map((issue, k) => (
                    <li key={`${issue.rule}|${issue.cell ?? ''}|${k}`}>
                      <IssueItem issue={issue} session={session} />
                    </li>
                  ))}
                </ul>
              </div>
            ),
        )}
    </section>
  );
}

/** 2027-01-31 → 2027年1月31日 (ja) / 2027-01-31 (en). */
function dateText(iso: string, lang: 'ja' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m && lang === 'ja' ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}
