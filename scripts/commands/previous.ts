// --previous DIR of status and merge: the last round's returned checklists, for the year-over-year comparison. They
// are only read; a file that is also among this round's returns (the same folder given twice) is refused.
import { collectFiles } from '../collect.js';
import { fileKey } from '../io/paths.js';
import { noWorkbooks, UsageError } from './common.js';

/** The last round's files, or null without --previous; `skip` holds file keys that are no returns (outputs, the list). */
export async function previousFiles(
  dir: string | undefined,
  current: readonly string[],
  skip: ReadonlySet<string> = new Set(),
): Promise<string[] | null> {
  if (dir === undefined) return null;
  const files = (await collectFiles([dir])).filter((f) => !skip.has(fileKey(f) ?? ''));
  if (!files.length) throw noWorkbooks([dir]);
  const now = new Map(current.map((f) => [fileKey(f), f]));
  for (const f of files) {
    const also = now.get(fileKey(f));
    if (also !== undefined) {
      throw new UsageError({
        ja: `--previous のフォルダ ${dir} にある「${f}」は、今回の返送ファイルにも含まれています。--previous には前回の調査回の返送フォルダを指定してください`,
        en: `"${f}" in the --previous folder ${dir} is also one of this round's returns. Give --previous the folder of the last round's returns`,
      });
    }
  }
  return files;
}
