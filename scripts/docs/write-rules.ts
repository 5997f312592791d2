// `npm run docs:rules`: writes docs/rules.md from the rule catalogue.
import { writeFileSync } from 'node:fs';
import { rulesMarkdown } from './rules.js';

writeFileSync(new URL('../../../docs/rules.md', import.meta.url), rulesMarkdown());
