// daicho check: validate workbooks and report per file.
import type { Lang } from '../../templates/model/types.js';
import { checkFile, type FileResult } from '../check-file.js';
import { collectFiles } from '../collect.js';
import { writeFileAtomic } from '../io/atomic.js';
import { styleFor, textReport, totalsOf } from '../report/text.js';
import { asOfOf, langOf, out, parseCommand, UsageError, type Command } from './common.js';

export interface CheckRun {
  asOf: string;
  lang: Lang;
  json?: string;
}

export async function runCheck(files: string[], opts: CheckRun): Promise<number> {
  const results: FileResult[] = [];
  for (const f of files) results.push(await checkFile(f, opts));
  for (const line of textReport(results, opts.lang, styleFor(Boolean(process.stdout.isTTY)))) out(line);
  if (opts.json) {
    const report = { asOf: opts.asOf, files: results, totals: totalsOf(results) };
    await writeFileAtomic(opts.json, JSON.stringify(report, null, 2) + '\n', { force: true });
  }
  return results.some((r) => r.status !== 'ok') ? 1 : 0;
}

export const check: Command = {
  usage: 'daicho check <files|folders…> [--json FILE] [--as-of YYYY-MM-DD] [--lang ja|en]',
  async run(argv) {
    const a = parseCommand(argv, {
      json: { type: 'string' },
      'as-of': { type: 'string' },
      lang: { type: 'string' },
    });
    if (!a.positionals.length) throw new UsageError('check needs at least one file or folder');
    const files = await collectFiles(a.positionals);
    return runCheck(files, { asOf: asOfOf(a.values['as-of']), lang: langOf(a.values.lang), json: a.values.json });
  },
};
