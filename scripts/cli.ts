// The `daicho` command line. Each command lives in scripts/commands/ and is imported only when it runs: importing
// them all cost `daicho check` a fifth of a second (exceljs, through the template writer).
import { out, UsageError, type Command } from './commands/common.js';
import { USAGE, type CommandName } from './commands/usage.js';
import { MissingPathError } from './collect.js';
import { terminalLine } from './report/text.js';
import { installInterruptCleanup, OutputExistsError } from './io/atomic.js';

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

/** What a file-system error means, for the error codes an output path (or an input folder) can meet. */
const FS_REASONS: Record<string, { ja: string; en: string }> = {
  ENOTDIR: { ja: 'パスの途中がフォルダではなくファイルです', en: 'a part of the path is a file, not a folder' },
  EEXIST: { ja: '同じ名前のファイルがあり、フォルダを作れません', en: 'a file of that name is in the way of a folder' },
  EISDIR: { ja: 'フォルダです', en: 'it is a folder' },
  EACCES: { ja: 'アクセス権がありません', en: 'permission denied' },
  EPERM: { ja: 'この操作は許可されていません', en: 'operation not permitted' },
  EROFS: { ja: '読み取り専用の場所です', en: 'read-only file system' },
  ENOSPC: { ja: 'ディスクの空きがありません', en: 'no space left on the device' },
  ENAMETOOLONG: { ja: '名前が長すぎます', en: 'the name is too long' },
  ENOENT: { ja: 'ファイルまたはフォルダがありません', en: 'no such file or folder' },
};
const WRITES = new Set(['mkdir', 'open', 'write', 'rename', 'copyfile', 'unlink', 'rm']);

/** A file-system error outside any one input (an output folder that cannot be made, a full disk) as two lines. */
function fileSystemError(err: unknown): string | null {
  const e = err as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof e.code !== 'string' || typeof e.syscall !== 'string') return null;
  const reason = FS_REASONS[e.code] ?? { ja: e.code, en: e.code };
  const write = WRITES.has(e.syscall);
  const at = terminalLine(e.path ?? '', false);
  return (
    `daicho: ${at} ${write ? 'に書き込めません' : 'を読めません'}（${reason.ja}、${e.code}）\n` +
    `daicho: cannot ${write ? 'write' : 'read'} ${at}: ${reason.en} (${e.code})\n`
  );
}

/** An error message for the terminal: its lines kept, every control character within them escaped. */
function errorText(message: string): string {
  return message
    .split('\n')
    .map((l) => terminalLine(l, false))
    .join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(help());
    return name ? 0 : 2;
  }
  installInterruptCleanup();
  try {
    const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name as CommandName] : undefined;
    if (!load) throw new UsageError(`unknown command "${name}"`);
    return await (await load()).run(rest);
  } catch (err) {
    if (err instanceof UsageError || err instanceof MissingPathError) {
      process.stderr.write(`daicho: ${errorText(err.message)}\n\n${help()}`);
      return 2;
    }
    if (err instanceof OutputExistsError) {
      process.stderr.write(`daicho: ${errorText(err.message)}\n`);
      return 2;
    }
    const fsError = fileSystemError(err);
    if (fsError) {
      process.stderr.write(fsError);
      return 2;
    }
    throw err;
  }
}
