// What `daicho --help` says about each command. Kept apart from the commands so that the CLI can print it, and
// dispatch, without importing them: each command loads its own code (check the reader and the templates, template
// and samples exceljs).
import { templates } from '../../templates/index.js';

export const USAGE = {
  check:
    'daicho check <files|folders…> [--json FILE] [--annotate DIR] [--summary FILE.xlsx] [--as-of YYYY-MM-DD] [--lang ja|en] [--force] [--timeout SECONDS] [--max-size MB] [--jobs N]',
  template: `daicho template <id|all> -o DIR [--force]      ids: ${templates.map((t) => t.id).join(', ')}`,
  samples: 'daicho samples -o DIR [--force]                 sample workbooks with realistic mistakes',
  demo: 'daicho demo [-o DIR] [--lang ja|en]              templates + samples into DIR (default out/demo), then check them',
  merge: 'daicho merge <files|folders…> -o OUT.xlsx [--force] [--as-of YYYY-MM-DD] [--lang ja|en] [--jobs N]',
  audit: 'daicho audit <folder|files…> [-o DIR|NAME] [--force] [--as-of YYYY-MM-DD] [--lang ja|en]   → audit.xlsx + audit.html',
} as const;

export type CommandName = keyof typeof USAGE;
