// Entry of the task pane (taskpane.html). Waits for Office before rendering; Japanese unless Office's display
// language is English; outside Excel (Office.onReady with host null, no Excel) it says so instead of failing.
// On a host it cannot run in, taskpane.html's own message shows instead (compat.js).
import { createRoot } from 'react-dom/client';
import { displayLanguage, officeReady } from '../excel/index.js';
import { Root } from './root.js';
import { WorkbookSession } from './session.js';

async function main(): Promise<void> {
  const host = await officeReady();
  const container = document.getElementById('root');
  // compat.js (inline in taskpane.html) found an old web view or too old an Excel: its message stays.
  if (!container || document.documentElement.hasAttribute('data-unsupported')) return;
  createRoot(container).render(<Root lang={displayLanguage()} session={host.excel ? new WorkbookSession() : null} />);
}

void main();
