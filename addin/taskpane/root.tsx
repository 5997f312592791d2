// The pane's root: theme, language, and the app (or the outside-Excel notice).
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { I18nContext, i18n, langFor } from './i18n.js';
import { App, OutsideExcel } from './App.js';
import type { WorkbookSession } from './session.js';

export function Providers({ lang, children }: { lang: string; children: ReactNode }) {
  const l = langFor(lang);
  return (
    <FluentProvider theme={webLightTheme} lang={l} style={{ minHeight: '100%' }}>
      <I18nContext.Provider value={i18n(l)}>{children}</I18nContext.Provider>
    </FluentProvider>
  );
}

export function Root({ lang, session }: { lang: string; session: WorkbookSession | null }) {
  return <Providers lang={lang}>{session ? <App session={session} /> : <OutsideExcel />}</Providers>;
}
