// The `daicho` command line. Each command lives in scripts/commands/ and is imported only when it runs: importing
// them all cost `daicho check` a fifth of a second (exceljs, through the template writer).
import { out, UsageError, type Command } from './commands/common.js';
import { USAGE, type CommandName } from './commands/usage.js';
import { MissingPathError } from './collect.js';
import { OutputExistsError } from './io/atomic.js';

const COMMANDS: Record<CommandName, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.js')).check,
  template: async () => (await import('./commands/template.js')).template,
  samples: async () => (await import('./commands/template.js')).samples,
  demo: async () => (await import('./commands/template.js')).demo,
  merge: async () => (await import('./commands/merge.js')).merge,
  audit: async () => (await import('./commands/audit.js')).audit,
};

function help(): string {
  return `daicho — 個人情報管理台帳・法的要求事項確認書・委託先評価・サステナブル調達チェックリストの検証
Daicho — validate Privacy Mark and supplier compliance workbooks

Usage:
${Object.values(USAGE)
  .map((usage) => `  ${usage}`)
  .join('\n')}

Exit codes: 0 no errors, 1 some file has errors or is unreadable, 2 bad usage.
`;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return name ? 0 : 2;
  }
  try {
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
    if (!load) throw new UsageError(`unknown command "${name}"`);
    return await (await load()).run(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof MissingPathError) {
      process.stderr.write(`daicho: ${err.message}\n\n${help()}`);
      return 2;
    }
    if (err instanceof OutputExistsError) {
      process.stderr.write(`daicho: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}
