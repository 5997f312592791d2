// daicho distribute SUPPLIERS.xlsx -o OUTBOX --round NAME --due YYYY-MM-DD: one supplier checklist per row of a
// supplier list (round/distribute.ts), the send list and the mail-merge CSV. A list with errors is refused with its
// findings; every output is named before anything is written (an existing one stops the run without --force, one
// that is the input is refused even with it); each file is written atomically. Nothing is sent.
import { join } from 'node:path';
import type { Lang } from '../../templates/model/types.js';
import { exists, OutputExistsError, writeFileAtomic, writeFilesAtomic } from '../io/atomic.js';
import { refuseInputsAsOutputs, refuseSpecialTarget } from '../io/paths.js';
import { checklistFor, mailCsv, sendList } from '../round/distribute.js';
import { MAIL_CSV, plan, SEND_LIST } from '../round/plan.js';
import { langOf, out, UsageError, type Command } from './common.js';
import { dueOf, readSupplierList, roundOf } from './round-options.js';

export const distribute: Command<'distribute'> = {
  async run(a) {
    if (a.positionals.length !== 1) {
      throw new UsageError({
        ja: 'distribute には取引先一覧のファイルを 1 つ指定してください',
        en: 'distribute needs exactly one supplier list file',
      });
    }
    const [list] = a.positionals;
    const dir = a.values.out;
    if (!dir)
      throw new UsageError({
        ja: 'distribute には -o OUTBOX（出力先フォルダ）を指定してください',
        en: 'distribute needs -o OUTBOX (the output folder)',
      });
    const round = roundOf(a.values.round);
    const due = dueOf(a.values.due);
    const lang: Lang = langOf(a.values.lang);
    const force = Boolean(a.values.force);

    const suppliers = await readSupplierList(list, lang);
    if (suppliers === 1) return 1;

    const r = { round, due };
    const planned = plan(suppliers, r);
    const targets = [...planned.map((p) => join(dir, p.file)), join(dir, SEND_LIST), join(dir, MAIL_CSV)];
    refuseSpecialTarget(dir, 'folder');
    refuseInputsAsOutputs(targets, [list]);
    if (!force) for (const t of targets) if (await exists(t)) throw new OutputExistsError(t);

    for (const p of planned) await writeFileAtomic(join(dir, p.file), await checklistFor(p.supplier, r), { force });
    await writeFilesAtomic(
      [
        { path: join(dir, SEND_LIST), data: await sendList(planned, r, lang) },
        { path: join(dir, MAIL_CSV), data: mailCsv(planned, lang) },
      ],
      { force },
    );
    out(
      lang === 'ja'
        ? `${round}: 取引先 ${planned.length} 社分のセルフチェックを ${dir} に作成しました（回答期限 ${due}）。送付一覧: ${join(dir, SEND_LIST)}、メール差し込み用: ${join(dir, MAIL_CSV)}。メールは送信していません。`
        : `${round}: wrote ${planned.length} supplier checklists to ${dir} (due ${due}). Send list: ${join(dir, SEND_LIST)}; mail merge: ${join(dir, MAIL_CSV)}. No e-mail was sent.`,
    );
    return 0;
  },
};
