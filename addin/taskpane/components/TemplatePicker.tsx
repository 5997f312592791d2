// On a workbook that is no template: offer the templates. Inserts their sheets into this workbook where
// ExcelApi 1.13 is there, otherwise opens the template as a new workbook.
import {
  Body1,
  Button,
  Caption1,
  Card,
  CardHeader,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { templates } from '../../../templates/index.js';
import { useI18n } from '../i18n.js';
import type { WorkbookSession } from '../session.js';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalM },
  clause: { color: tokens.colorNeutralForeground3 },
});

export function TemplatePicker({ session }: { session: WorkbookSession }) {
  const { s, t } = useI18n();
  const styles = useStyles();
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  return (
    <div className={styles.root} data-testid="template-picker">
      <MessageBar intent="info">
        <MessageBarBody>
          <MessageBarTitle>{s.noTemplateTitle}</MessageBarTitle>
          {s.noTemplateBody}
        </MessageBarBody>
      </MessageBar>
      {note && (
        <MessageBar intent={note.intent}>
          <MessageBarBody>{note.text}</MessageBarBody>
        </MessageBar>
      )}
      {templates.map((def) => (
        <Card key={def.id} data-template={def.id}>
          <CardHeader
            header={<Body1>{t(def.title)}</Body1>}
            description={
              <Caption1 className={styles.clause}>
                {def.clause}
                {def.edition ? ` · ${def.edition}` : ''}
              </Caption1>
            }
            action={
              <Button
                appearance="primary"
                disabled={busy !== null}
                aria-label={`${s.insert}: ${t(def.title)}`}
                onClick={async () => {
                  setBusy(def.id);
                  setNote(null);
                  try {
                    const outcome = await session.insert(def.id);
                    setNote({ intent: 'success', text: outcome === 'inserted' ? s.insertedHere : s.openedNew });
                  } catch (err) {
                    setNote({
                      intent: 'error',
                      text: `${s.insertFailed}: ${err instanceof Error ? err.message : String(err)}`,
                    });
                  } finally {
                    setBusy(null);
                  }
                }}
              >
                {busy === def.id ? s.inserting : s.insert}
              </Button>
            }
          />
        </Card>
      ))}
    </div>
  );
}
