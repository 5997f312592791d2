// The pane: which template this workbook is, then Fill in (record form or questionnaire) and Check.
import {
  Badge,
  Button,
  Caption1,
  CounterBadge,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Subtitle1,
  Tab,
  TabList,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { useI18n } from './i18n.js';
import type { WorkbookSession } from './session.js';
import { CheckPanel } from './components/CheckPanel.js';
import { Questionnaire } from './components/Questionnaire.js';
import { RecordForm } from './components/RecordForm.js';
import { TemplatePicker } from './components/TemplatePicker.js';
import { UpgradeBar } from './components/UpgradeBar.js';
import { distributionOf, RoundBanner, SendCheck } from './components/ReturnCheck.js';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    minHeight: '100%',
    boxSizing: 'border-box',
  },
  header: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  badges: { display: 'flex', columnGap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  center: { paddingTop: tokens.spacingVerticalXXL },
});

export function App({ session }: { session: WorkbookSession }) {
  const state = useSyncExternalStore(session.subscribe, session.getState);
  const { s, t } = useI18n();
  const styles = useStyles();
  const [tab, setTab] = useState<'input' | 'check'>('input');

  useEffect(() => {
    void session.start();
    return () => void session.stop();
  }, [session]);

  if (state.status === 'loading') return <Spinner className={styles.center} label={s.loading} />;
  if (state.status === 'error') {
    return (
      <div className={styles.root}>
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>{s.loadFailed}</MessageBarTitle>
            {state.error}
          </MessageBarBody>
        </MessageBar>
        <Button onClick={() => void session.reload()}>{s.retry}</Button>
      </div>
    );
  }

  const def = state.def;
  const errors = state.issues.filter((i) => i.severity === 'error').length;
  return (
    <main className={styles.root}>
      {def ? (
        <>
          <header className={styles.header}>
            <Subtitle1 as="h1" data-testid="template-title">
              {t(def.title)}
            </Subtitle1>
            <div className={styles.badges}>
              <Badge appearance="tint" color={state.identified?.via === 'signature' ? 'warning' : 'brand'}>
                {state.identified?.via === 'signature' ? s.viaSignature : s.viaMarker}
              </Badge>
              <Caption1>
                {def.clause} · {s.version(state.identified?.version ?? def.version)}
                {def.edition && !def.clause.includes(def.edition) ? ` · ${def.edition}` : ''}
              </Caption1>
            </div>
          </header>
          {state.identified?.via === 'signature' &&
            state.identified.issues.map((i, k) => (
              <MessageBar key={k} intent="warning">
                <MessageBarBody>{t(i.message)}</MessageBarBody>
              </MessageBar>
            ))}
          <UpgradeBar session={session} state={state} />
          <RoundBanner state={state} />
          {(def.id === 'supplier-checklist' || distributionOf(state)) && <SendCheck session={session} state={state} />}
          <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as 'input' | 'check')}>
            <Tab value="input">{s.tabInput}</Tab>
            <Tab value="check">
              {s.tabCheck}
              {errors > 0 && (
                <>
                  &nbsp;
                  <CounterBadge count={errors} color="danger" size="small" overflowCount={999} />
                </>
              )}
            </Tab>
          </TabList>
          {tab === 'input' &&
            (def.shape === 'table' ? (
              <RecordForm session={session} state={state} />
            ) : (
              <Questionnaire session={session} state={state} />
            ))}
          {tab === 'check' && <CheckPanel session={session} state={state} />}
        </>
      ) : state.identified?.refuse ? (
        state.identified.issues.map((i, k) => (
          <MessageBar key={k} intent="error">
            <MessageBarBody>{t(i.message)}</MessageBarBody>
          </MessageBar>
        ))
      ) : (
        <TemplatePicker session={session} />
      )}
      {state.error && (
        <MessageBar intent="warning">
          <MessageBarBody>{state.error}</MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}

/** Shown when the pane is opened in a plain browser (Office.onReady resolved without a host, no Excel). */
export function OutsideExcel() {
  const { s } = useI18n();
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>{s.outsideTitle}</MessageBarTitle>
          {s.outsideBody}
        </MessageBarBody>
      </MessageBar>
      <Button as="a" href="preview.html" appearance="primary">
        {s.openPreview}
      </Button>
    </main>
  );
}
