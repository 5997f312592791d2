// Entry of the task pane (taskpane.html). Waits for Office before rendering; Japanese unless Office's display
// language is English; outside Excel (Office.onReady with host null, no Excel) it says so instead of failing.
import { createRoot } from 'react-dom/client';
import { displayLanguage, officeReady } from '../excel/index.js';
import { Root } from './root.js';
import { WorkbookSession } from './session.js';

async function main(): Promise<void> {
  const host = await officeReady();
  const container = document.getElementById('root');
  if (!container) return;
  createRoot(container).render(<Root lang={displayLanguage()} session={host.excel ? new WorkbookSession() : null} />);
}

void main();
