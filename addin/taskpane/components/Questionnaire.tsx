// Form templates (one record per workbook): labelled fields and the questionnaire by section, with progress
// (answered of N), the live score and band, and — under each question — the fields a rule asks for given the
// answer (comment, 改善予定日 …): a field is shown when it has a value or a finding points at it or names it; the
// rest on request.
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Caption1,
  Card,
  Link,
  ProgressBar,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type {
  FieldDef,
  FormSheetDef,
  Issue,
  QuestionDef,
  QuestionSheetDef,
  RecordRow,
  Score,
} from '../../../templates/model/types.js';
import { cellAt } from '../../../templates/model/grid.js';
import { parseAddress } from '../../../templates/model/grid.js';
import { sectionTitle } from '../../../templates/model/layout.js';
import { formatRate, needsAction, shownRate } from '../../../templates/model/score.js';
import { useI18n } from '../i18n.js';
import { answerField, displayText, gridSheetOf, issuesOnRow, toWriteValue } from '../model.js';
import type { SessionState, WorkbookSession } from '../session.js';
import { FieldControl } from './FieldControl.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalL },
  fields: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  score: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  scoreLine: { display: 'flex', alignItems: 'baseline', columnGap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  big: {
    fontSize: tokens.fontSizeHero700,
    fontWeight: tokens.fontWeightSemibold,
    lineHeight: tokens.lineHeightHero700,
  },
  sections: { display: 'grid', gridTemplateColumns: '1fr auto', columnGap: tokens.spacingHorizontalM },
  question: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  // The clause number and the 重大 badge never wrap or shrink; the title takes the rest and wraps.
  qhead: { display: 'flex', columnGap: tokens.spacingHorizontalS, alignItems: 'baseline' },
  qid: { flexShrink: 0, whiteSpace: 'nowrap' },
  qtitle: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  qtext: { color: tokens.colorNeutralForeground2 },
  questions: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
});

// The same rounding as daicho check (94.6%, not 95%).
const pct = formatRate;

export function ScoreCard({ score }: { score: Score }) {
  const { s, t } = useI18n();
  const styles = useStyles();
  // Until every question is answered there is only a provisional rate and no band (templates/model/score.ts).
  const shown = shownRate(score);
  return (
    <Card className={styles.score} data-testid="score">
      <div className={styles.scoreLine}>
        <Body1 data-testid="progress">{s.answered(score.answered, score.total)}</Body1>
      </div>
      <ProgressBar value={score.total ? score.answered / score.total : 0} thickness="large" />
      <div className={styles.scoreLine}>
        <span>
          <Caption1>{shown.provisional ? s.provisionalScore : s.score} </Caption1>
          <span className={styles.big} data-testid="rate">
            {pct(shown.rate)}
          </span>
        </span>
        {score.band && (
          <span>
            <Caption1>{s.band} </Caption1>
            <span className={styles.big} data-testid="band">
              {score.band}
            </span>
          </span>
        )}
        {needsAction(score) && (
          <Badge color="danger" appearance="filled" data-testid="action-needed">
            {s.actionNeeded}
          </Badge>
        )}
        {score.redFlags.length > 0 && (
          <Badge color="danger" data-testid="red-flags">
            {s.redFlags(score.redFlags.length)}: {score.redFlags.join(', ')}
          </Badge>
        )}
      </div>
      {score.sections.length > 1 && (
        <div className={styles.sections} aria-label={s.sections}>
          {score.sections.map((sec) => (
            <div key={sec.key} style={{ display: 'contents' }}>
              <Caption1>{t(sec.title)}</Caption1>
              <Caption1>{pct(sec.rate)}</Caption1>
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}

/** A field that writes its cell when the user is done with it (choice made, input left). */
function AutoField({
  session,
  state,
  sheet,
  field,
  cell,
  issues,
  label,
  showHint,
}: {
  session: WorkbookSession;
  state: SessionState;
  sheet: string;
  field: FieldDef;
  cell: string;
  issues: Issue[];
  label?: string;
  showHint?: boolean;
}) {
  const gsheet = state.grid?.sheets.find((x) => x.name === sheet);
  const { row, col } = parseAddress(cell);
  const original = gsheet ? displayText(field, cellAt(gsheet, row, col), state.grid) : '';
  const [text, setText] = useState(original);
  const [editing, setEditing] = useState(false);
  useEffect(() => {
    if (!editing) setText(original);
  }, [original, editing]);
  return (
    <FieldControl
      field={field}
      value={text}
      grid={state.grid}
      // While the user types, the findings on the saved cell are stale; the control's own check speaks instead.
      issues={editing ? [] : issues}
      label={label}
      showHint={showHint}
      onChange={(v) => {
        setEditing(true);
        setText(v);
      }}
      onCommit={(v) => {
        setEditing(false);
        if (v === original) return;
        void session.write(sheet, { [cell]: toWriteValue(field, v, state.grid) });
      }}
    />
  );
}

function FormSheet({
  session,
  state,
  sd,
  record,
}: {
  session: WorkbookSession;
  state: SessionState;
  sd: FormSheetDef;
  record: RecordRow | undefined;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const issues = state.issues.filter((i) => i.sheet === record?.sheet);
  return (
    <section className={styles.fields} aria-label={t(sd.title)}>
      <Subtitle2>{t(sd.title)}</Subtitle2>
      {sd.fields.map((f) =>
        record?.cells[f.key] ? (
          <AutoField
            key={f.key}
            session={session}
            state={state}
            sheet={record.sheet}
            field={f}
            cell={record.cells[f.key]}
            issues={issues.filter((i) => i.field === f.key)}
          />
        ) : null,
      )}
    </section>
  );
}

function QuestionCard({
  session,
  state,
  sd,
  q,
  record,
}: {
  session: WorkbookSession;
  state: SessionState;
  sd: QuestionSheetDef;
  q: QuestionDef;
  record: RecordRow;
}) {
  const { s, t } = useI18n();
  const styles = useStyles();
  const [more, setMore] = useState(false);
  const answer = answerField(sd);
  const issues = issuesOnRow(state.issues, record.sheet, record.row - 1);
  const answered = answer ? (record.raw[answer.key] ?? '') !== '' : false;
  // An unanswered question is counted by the progress bar; its "no answer" finding is not repeated here.
  const shown = (f: FieldDef) => issues.filter((i) => i.field === f.key && !(f === answer && !answered));
  const details = sd.fields.filter((f) => f !== answer && record.cells[f.key]);
  // A field is needed when it has a value, a finding points at it, or a finding on this question asks for it by
  // name (SC-GAP sits on 改善予定日 and asks for the コメント too).
  const named = (f: FieldDef) => issues.some((i) => i.message.ja.includes(f.label.ja));
  const needed = details.filter((f) => (record.raw[f.key] ?? '') !== '' || shown(f).length > 0 || named(f));
  const visible = more ? details : needed;
  return (
    <Card className={styles.question} data-question={q.id}>
      <div className={styles.qhead}>
        <Text weight="semibold" className={styles.qid} data-testid="qid">
          {q.id}
        </Text>
        <Text weight="semibold" className={styles.qtitle}>
          {t(q.title)}
        </Text>
        {q.critical && (
          <Badge color="danger" className={styles.badge} data-testid="critical">
            {sd.criticalLabel ? t(sd.criticalLabel) : s.critical}
          </Badge>
        )}
      </div>
      <Body1 className={styles.qtext}>{t(q.question)}</Body1>
      {answer && record.cells[answer.key] && (
        <AutoField
          session={session}
          state={state}
          sheet={record.sheet}
          field={answer}
          cell={record.cells[answer.key]}
          issues={shown(answer)}
          label={t(answer.label)}
          showHint={false}
        />
      )}
      {visible.map((f) => (
        <AutoField
          key={f.key}
          session={session}
          state={state}
          sheet={record.sheet}
          field={f}
          cell={record.cells[f.key]}
          issues={shown(f)}
        />
      ))}
      {details.length > needed.length && (
        <Link as="button" onClick={() => setMore((m) => !m)}>
          {more ? s.fewerFields : s.moreFields}
        </Link>
      )}
    </Card>
  );
}

function QuestionSheet({
  session,
  state,
  sd,
}: {
  session: WorkbookSession;
  state: SessionState;
  sd: QuestionSheetDef;
}) {
  const { t } = useI18n();
  const styles = useStyles();
  const records = state.validation?.data.sheets[sd.name] ?? [];
  const byId = new Map(records.map((r) => [r.id, r]));
  const sectionKeys = sd.sections?.map((x) => x.key) ?? [...new Set(sd.questions.map((q) => q.section))];
  return (
    <section aria-label={t(sd.title)}>
      <Subtitle2>{t(sd.title)}</Subtitle2>
      <Accordion multiple collapsible defaultOpenItems={sectionKeys}>
        {sectionKeys.map((key) => (
          <AccordionItem key={key} value={key}>
            <AccordionHeader>{t(sectionTitle(sd, key))}</AccordionHeader>
            <AccordionPanel>
              <div className={styles.questions}>
                {sd.questions
                  .filter((q) => q.section === key)
                  .map((q) => {
                    const rec = byId.get(q.id);
                    return rec ? (
                      <QuestionCard key={q.id} session={session} state={state} sd={sd} q={q} record={rec} />
                    ) : null;
                  })}
              </div>
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}

export function Questionnaire({ session, state }: { session: WorkbookSession; state: SessionState }) {
  const styles = useStyles();
  const def = state.def!;
  const score = state.validation?.score;
  return (
    <div className={styles.root} data-testid="questionnaire">
      {score && <ScoreCard score={score} />}
      {def.sheets.map((sd) => {
        if (!state.grid || !gridSheetOf(state.grid, sd)) return null;
        if (sd.kind === 'form')
          return (
            <FormSheet
              key={sd.name}
              session={session}
              state={state}
              sd={sd}
              record={state.validation?.data.sheets[sd.name]?.[0]}
            />
          );
        if (sd.kind === 'questions') return <QuestionSheet key={sd.name} session={session} state={state} sd={sd} />;
        return null;
      })}
    </div>
  );
}
