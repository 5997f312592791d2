#!/usr/bin/env node
import { main } from '../dist/scripts/cli.js';

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`daicho: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(3);
  },
);
