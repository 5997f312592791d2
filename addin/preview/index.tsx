// The preview page (npm run preview): the built pane in a plain browser beside a simple grid view of a sample
// workbook, both backed by the in-memory fake Excel. No office.js and no network: everything comes from 127.0.0.1.
import {
  Caption1,
  Field,
  FluentProvider,
  Select,
  Subtitle2,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FakeWorkbook, installFake, type WorkbookInit } from '../fake/fake-excel.js';
import { decodeXlsx, decodeXlsxBase64 } from '../fake/xlsx.js';
import { Root } from '../taskpane/root.js';
import { WorkbookSession } from '../taskpane/session.js';
import { GridView } from './GridView.js';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', height: '100vh', boxSizing: 'border-box' },
  top: {
    display: 'flex',
    columnGap: tokens.spacingHorizontalL,
    alignItems: 'flex-end',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    flexWrap: 'wrap',
  },
  main: { display: 'flex', flexGrow: 1, minHeight: 0 },
  grid: { flexGrow: 1, minWidth: 0, padding: tokens.spacingHorizontalS },
  pane: {
    width: '360px',
    flexShrink: 0,
    borderLeft: `1px solid ${tokens.colorNeutralStroke1}`,
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
  },
  paneTitle: {
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    display: 'block',
  },
});

const BLANK = 'blank';

interface Choice {
  value: string;
  label: string;
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const res = await fetch(`${dir}/index.json`);
    return res.ok ? ((await res.json()) as string[]) : [];
  } catch {
    return [];
  }
}

async function loadWorkbook(choice: string): Promise<WorkbookInit> {
  if (choice === BLANK) return { sheets: [{ name: 'Sheet1' }] };
  const res = await fetch(choice);
  if (!res.ok) throw new Error(`${choice}: HTTP ${res.status}`);
  return decodeXlsx(new Uint8Array(await res.arrayBuffer()));
}

function Preview() {
  const styles = useStyles();
  const params = new URLSearchParams(location.search);
  const [choices, setChoices] = useState<Choice[]>([{ value: BLANK, label: '(blank workbook / 空のブック)' }]);
  const [choice, setChoice] = useState(params.get('wb') ?? '');
  const [lang, setLang] = useState(params.get('lang') ?? 'ja-JP');
  const [api, setApi] = useState(params.get('api') ?? '1.13');
  const [init, setInit] = useState<WorkbookInit | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void (async () => {
      const samples = await listFiles('samples');
      const list = [
        ...samples.map((f) => ({ value: `samples/${f}`, label: `sample: ${f}` })),
        { value: BLANK, label: '(blank workbook / 空のブック)' },
      ];
      setChoices(list);
      setChoice((c) => c || list[0].value);
    })();
  }, []);

  useEffect(() => {
    if (!choice) return;
    setInit(null);
    loadWorkbook(choice).then(setInit, (err) => setError(String(err)));
    const url = new URL(location.href);
    url.searchParams.set('wb', choice);
    // replaceState, not pushState: Office removes the History API in the pane; the preview is not the pane.
    history.replaceState(null, '', url);
  }, [choice]);

  // One fake workbook (and one pane session) per workbook/language/API choice.
  const wb = useMemo(() => {
    if (!init) return null;
    const w = new FakeWorkbook(init, { displayLanguage: lang, apiVersion: api, decodeWorkbook: decodeXlsxBase64 });
    installFake(window, w);
    (window as { __wb?: FakeWorkbook }).__wb = w;
    return w;
  }, [init, lang, api]);
  const session = useMemo(() => (wb ? new WorkbookSession() : null), [wb]);

  return (
    <div className={styles.page}>
      <div className={styles.top}>
        <Subtitle2>Daicho preview</Subtitle2>
        <Field label="Workbook">
          <Select value={choice} onChange={(_, d) => setChoice(d.value)} data-testid="workbook-choice">
            {choices.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Office display language">
          <Select value={lang} onChange={(_, d) => setLang(d.value)}>
            <option value="ja-JP">ja-JP</option>
            <option value="en-US">en-US</option>
          </Select>
        </Field>
        <Field label="ExcelApi">
          <Select value={api} onChange={(_, d) => setApi(d.value)}>
            <option value="1.13">1.13 (insert sheets)</option>
            <option value="1.9">1.9</option>
            <option value="1.8">1.8 (manifest minimum)</option>
          </Select>
        </Field>
        {error && <Caption1>{error}</Caption1>}
      </div>
      <div className={styles.main}>
        <div className={styles.grid}>{wb && <GridView wb={wb} />}</div>
        <aside className={styles.pane} data-testid="pane">
          <Caption1 className={styles.paneTitle}>Daicho — task pane</Caption1>
          {wb && session && <Root key={`${choice}|${lang}|${api}`} lang={lang} session={session} />}
        </aside>
      </div>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <FluentProvider theme={webLightTheme} style={{ height: '100%' }}>
    <Preview />
  </FluentProvider>,
);
