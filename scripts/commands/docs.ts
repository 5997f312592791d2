// `npm run docs:cli`: writes docs/cli.md from the option table (test/scripts/cli/spec.test.ts checks it is current).
import { writeFileSync } from 'node:fs';
import { cliMarkdown } from './spec.js';

writeFileSync(new URL('../../../docs/cli.md', import.meta.url), cliMarkdown());
