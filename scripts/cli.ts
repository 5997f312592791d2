// The `daicho` command line. Each command lives in scripts/commands/.
import { check } from './commands/check.js';
import { out, UsageError, type Command } from './commands/common.js';
import { demo, samples, template } from './commands/template.js';
import { MissingPathError } from './collect.js';
import { OutputExistsError } from './io/atomic.js';

const COMMANDS: Record<string, Command> = { check, template, samples, demo, merge: (await import('./commands/merge.js')).merge, audit: (await import('./commands/audit.js')).audit };

function help(): string {
  return `daicho — 個人情報管理台帳・法的要求事項確認書・委託先評価・サステナブル調達チェックリストの検証
Daicho — validate Privacy Mark and supplier compliance workbooks

Usage:
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}`)
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
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command.run(rest);
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
