// daicho upgrade: copies of workbooks made with an earlier template version, in the current version (upgrade/upgrade.ts).
// Every output is named before anything is written: an existing one without --force stops the run (exit 2), and one
// that is an input is refused even with --force. A file that is not upgraded gets its reason (exit 1); one already in
// the latest version is said to be so (no copy, not a failure); the others go on.
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Text } from '../../templates/model/types.js';
import { exists, OutputExistsError, writeFileAtomic } from '../io/atomic.js';
import { refuseInputsAsOutputs, refuseSpecialTarget } from '../io/paths.js';
import { isUnreadableError } from '../io/unreadable.js';
import { upgradeXlsx } from '../upgrade/upgrade.js';
import { inputFiles, langOf, needInputs, out, UsageError, type Command } from './common.js';

/** DIR/name.xlsx for each input; two inputs of one name become name.xlsx and name (2).xlsx. */
function outputPaths(files: readonly string[], dir: string): string[] {
  const used = new Set<string>();
  return files.map((f) => {
    const ext = extname(f);
    const stem = basename(f, ext);
    let name = basename(f);
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem} (${n})${ext}`;
    used.add(name.toLowerCase());
    return join(dir, name);
  });
}

export const upgrade: Command<'upgrade'> = {
  async run(a) {
    needInputs('upgrade', a.positionals);
    const dir = a.values.out;
    if (!dir)
      throw new UsageError({
        ja: 'upgrade には -o DIR（出力先フォルダ）を指定してください',
        en: 'upgrade needs -o DIR (the output folder)',
      });
    const lang = langOf(a.values.lang);
    const force = Boolean(a.values.force);
    const files = await inputFiles(a.positionals);
    const outs = outputPaths(files, dir);
    // By device + inode and real path: a symlinked or hard-linked route to an input is refused too (exit 2).
    refuseSpecialTarget(dir, 'folder');
    refuseInputsAsOutputs(outs, files);
    if (!force) for (const o of outs) if (await exists(o)) throw new OutputExistsError(o);
    let failed = 0;
    for (const [k, file] of files.entries()) {
      const target = outs[k];
      const fail = (reason: Text) => {
        failed++;
        out(`${lang === 'ja' ? '更新できません' : 'Not upgraded'}: ${file}: ${reason[lang]}`);
      };
      let r;
      try {
        r = upgradeXlsx(await readFile(file));
      } catch (err) {
        if (!isUnreadableError(err)) throw err;
        fail(err.messageText);
        continue;
      }
      if (r.kind === 'refused') {
        fail(r.reason);
        continue;
      }
      if (r.kind === 'current') {
        out(`${lang === 'ja' ? '更新不要' : 'Up to date'}: ${file}: ${r.message[lang]}`);
        continue;
      }
      await writeFileAtomic(target, r.bytes, { force });
      out(
        lang === 'ja'
          ? `更新しました: ${file} → ${target}（${r.template} 第${r.from}版 → 第${r.to}版。追加した項目: ${r.added.join('、')}）`
          : `Upgraded ${file} → ${target} (${r.template} version ${r.from} → ${r.to}; added: ${r.addedEn.join(', ')})`,
      );
    }
    return failed ? 1 : 0;
  },
};
