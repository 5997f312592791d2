#!/usr/bin/env node
import zlib from 'node:zlib';

// Before anything else is loaded: the CLI needs zlib.crc32 (Node 20.15 / 22.2 and later).
if (typeof zlib.crc32 !== 'function') {
  process.stderr.write(
    `daicho: Node.js 20.15 以降が必要です（この環境は ${process.version}）。https://nodejs.org/ から LTS 版（22 以降）を入れてください。\n` +
      `daicho: needs Node.js 20.15 or later; this is ${process.version}. Install the LTS (22 or later) from https://nodejs.org/\n`,
  );
  process.exit(2);
}

let main;
try {
  ({ main } = await import('../dist/scripts/cli.js'));
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('dist')) throw err;
  process.stderr.write(
    'daicho: dist/ がありません。リポジトリから実行するときは先に npm run build:cli を実行してください。\n' +
      'daicho: dist/ is missing: when running from the repository, run npm run build:cli first.\n',
  );
  process.exit(2);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`daicho: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(3);
  },
);
