// The `daicho` command line. Each command lives in scripts/commands/ and is imported only when it runs: importing
// them all cost `daicho check` a fifth of a second (exceljs, through the template writer). Parsing and help come
// from the option table (commands/spec.ts), which imports none of them.
import { closest, out, parseCommand, type Command } from './commands/common.js';
import { commandHelp, COMMAND_SPECS, globalHelp, isCommandName, type CommandName } from './commands/spec.js';
import { errorLines, UsageError, UserError } from './errors.js';
import { version } from './version.js';
import { installInterruptCleanup } from './io/atomic.js';
import { terminalLine } from './report/text.js';

const COMMANDS: { [N in CommandName]: () => Promise<Command<N>> } = {
  check: async () => (await import('./commands/check.js')).check,
  template: async () => (await import('./commands/template.js')).template,
  samples: async () => (await import('./commands/template.js')).samples,
  demo: async () => (await import('./commands/template.js')).demo,
  merge: async () => (await import('./commands/merge.js')).merge,
  audit: async () => (await import('./commands/audit.js')).audit,
  upgrade: async () => (await import('./commands/upgrade.js')).upgrade,
  distribute: async () => (await import('./commands/distribute.js')).distribute,
  status: async () => (await import('./commands/status.js')).status,
};

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

async function runCommand<N extends CommandName>(name: N, argv: string[]): Promise<number> {
  // --help wins over everything else on the line (even options the command does not have, or a --lang it ignores).
  const before = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (before.includes('--help') || before.includes('-h')) {
    const k = before.findIndex((x) => x === '--lang' || x.startsWith('--lang='));
    const lang = k < 0 ? undefined : before[k].startsWith('--lang=') ? before[k].slice(7) : before[k + 1];
    process.stdout.write(commandHelp(name, lang === 'en' ? 'en' : 'ja'));
    return 0;
  }
  return (await COMMANDS[name]()).run(parseCommand(name, argv));
}

export async function main(argv: string[]): Promise<number> {
  // `daicho --lang en check …`: a leading --lang applies to the command.
  if (argv[0] === '--lang' && argv.length > 2) argv = [argv[2], ...argv.slice(3), '--lang', argv[1]];
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    out(version());
    return 0;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = rest.find((a) => !a.startsWith('-'));
    const lang = rest.includes('en') || rest.join(' ').includes('--lang en') ? 'en' : undefined;
    if (topic && isCommandName(topic)) process.stdout.write(commandHelp(topic, lang ?? 'ja'));
    else process.stdout.write(globalHelp(lang));
    return 0;
  }
  if (!name) {
    process.stderr.write(globalHelp());
    return 2;
  }
  installInterruptCleanup();
  try {
    if (!isCommandName(name)) {
      const guess = closest(name, Object.keys(COMMAND_SPECS));
      throw new UsageError({
        ja: `${name} というコマンドはありません${guess ? `（${guess} のことですか？）` : ''}`,
        en: `unknown command "${name}"${guess ? ` (did you mean ${guess}?)` : ''}`,
      });
    }
    return await runCommand(name, rest);
  } catch (err) {
    if (err instanceof UserError) {
      process.stderr.write(errorText(errorLines(err.text)));
      if (err instanceof UsageError) {
        const topic = isCommandName(name) ? `daicho ${name} --help` : 'daicho --help';
        process.stderr.write(`daicho: 使い方は「${topic}」で表示します。 / See "${topic}".\n`);
      }
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
