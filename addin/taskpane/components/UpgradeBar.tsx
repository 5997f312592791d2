// On a workbook of an earlier template version: what the latest version adds, and 「このブックを最新版に更新」, which does
// in place what `daicho upgrade` does to a copy (one plan, templates/model/upgrade-plan.ts). Stays mounted across the
// re-read that follows, so its outcome remains on screen.
import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useState } from 'react';
import { templateById } from '../../../templates/index.js';
import { describePlan } from '../../../templates/model/upgrade-plan.js';
import { useI18n } from '../i18n.js';
import type { SessionState, UpgradeResult, WorkbookSession } from '../session.js';

export function UpgradeBar({ session, state }: { session: WorkbookSession; state: SessionState }) {
  const { s, t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<UpgradeResult | { kind: 'failed'; error: string } | null>(null);
  const latest = state.def ? templateById(state.def.id) : undefined;
  const from = state.identified?.version;
  const offer = latest && from !== undefined && from < latest.version && state.identified?.via === 'marker';
  const changes = latest
    ? Object.entries(latest.changes ?? {})
        .filter(([v]) => from !== undefined && Number(v) > from)
        .map(([, text]) => t(text))
        .join(' ')
    : '';

  if (result) {
    const [intent, text] =
      result.kind === 'upgraded'
        ? ([
            'success',
            s.upgraded(
              result.plan.from,
              result.plan.to,
              describePlan(result.plan)[lang].join(lang === 'ja' ? '、' : ', '),
            ),
          ] as const)
        : result.kind === 'protected'
          ? (['error', s.upgradeProtected(result.sheet)] as const)
          : result.kind === 'failed'
            ? (['error', `${s.upgradeFailed}: ${result.error}`] as const)
            : ([result.kind === 'current' ? 'info' : 'error', t(result.message)] as const);
    return (
      <MessageBar intent={intent} data-testid="upgrade-result">
        <MessageBarBody>{text}</MessageBarBody>
      </MessageBar>
    );
  }
  if (!offer) return null;
  return (
    <MessageBar intent="info" layout="multiline" data-testid="upgrade-offer">
      <MessageBarBody>
        <MessageBarTitle>{s.upgradeTitle(from, latest.version)}</MessageBarTitle>
        {changes} {s.upgradeBody}
      </MessageBarBody>
      <MessageBarActions>
        <Button
          appearance="primary"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              setResult(await session.upgrade());
            } catch (err) {
              setResult({ kind: 'failed', error: err instanceof Error ? err.message : String(err) });
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy ? s.upgrading : s.upgrade}
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
