// What distribute and status share: the round's options (--round, --due) and the supplier list, read and checked
// once. Apart from the checklist writer, so that status never loads exceljs.
import { isValidIso } from '../../templates/model/dates.js';
import type { Issue, Lang } from '../../templates/model/types.js';
import { supplierList } from '../../templates/supplier-list/index.js';
import { checkFile, type Checked } from '../check-file.js';
import { UserError } from '../errors.js';
import { terminalLine } from '../report/text.js';
import { suppliersOf, type Supplier } from '../round/plan.js';
import { localToday, out, UsageError } from './common.js';

/** A round's name goes into every file's marker and the mails: one line of ordinary text. */
export function roundOf(v: string | undefined): string {
  const round = v?.normalize('NFC').trim();
  if (!round)
    throw new UsageError({
      ja: 'distribute には --round（調査回の名前。例: 2027上期）を指定してください',
      en: 'distribute needs --round NAME (the survey round, e.g. 2027上期)',
    });
  // eslint-disable-next-line no-control-regex
  if (round.length > 40 || /[\u0000-\u001f\u007f]/u.test(round)) {
    throw new UsageError({
      ja: `--round は改行などを含まない 40 文字以内の名前です（指定: "${round}"）`,
      en: `--round must be a name of at most 40 characters on one line (got "${round}")`,
    });
  }
  return round;
}

export function dueOf(v: string | undefined): string {
  if (v === undefined)
    throw new UsageError({
      ja: 'distribute には --due（回答期限 YYYY-MM-DD）を指定してください',
      en: 'distribute needs --due YYYY-MM-DD (when answers are due)',
    });
  if (!isValidIso(v))
    throw new UsageError({
      ja: `--due は YYYY-MM-DD 形式の日付です（指定: "${v}"）`,
      en: `--due must be a date YYYY-MM-DD (got "${v}")`,
    });
  return v;
}

/** Prints the list's findings (errors first, file, sheet, cell, rule; Japanese then English) to stderr. */
function printFindings(path: string, issues: readonly Issue[]): void {
  for (const i of issues) {
    const at = i.sheet ? `${i.sheet}${i.cell ? `!${i.cell}` : ''}` : '';
    process.stderr.write(terminalLine(`  ${path} ${at} ${i.rule}: ${i.message.ja}`, false) + '\n');
    process.stderr.write(terminalLine(`      ${i.message.en}`, false) + '\n');
  }
}

/**
 * The suppliers of a supplier list, or the exit code 1 after printing its errors (file, sheet, cell, ja and en): a
 * round is never run from a list with errors. Something that is not a supplier list is a user error (exit 2).
 */
export async function readSupplierList(list: string, lang: Lang): Promise<Supplier[] | 1> {
  const read: Checked = {};
  const checked = await checkFile(list, { asOf: localToday() }, read);
  if (checked.status === 'unreadable') throw new UserError(checked.issues[0].message);
  if (checked.template?.id !== supplierList.id) {
    const found = checked.template
      ? checked.template.id
      : lang === 'ja'
        ? 'テンプレート以外のブック'
        : 'not a template';
    throw new UserError({
      ja: `${list} は取引先一覧（supplier-list）ではありません（${found}）。「daicho template supplier-list」で作成した一覧を指定してください`,
      en: `${list} is not a supplier list (supplier-list) but ${found}. Give a list made from "daicho template supplier-list"`,
    });
  }
  const errors = checked.issues.filter((i) => i.severity === 'error');
  if (errors.length) {
    process.stderr.write(
      `daicho: 取引先一覧 ${list} にエラーが ${errors.length} 件あるため、出力を作成しませんでした。次の箇所を直してから実行し直してください。\n` +
        `daicho: The supplier list ${list} has ${errors.length} error(s), so nothing was written. Correct these cells and run again.\n`,
    );
    printFindings(list, errors);
    return 1;
  }
  const warnings = checked.issues.filter((i) => i.severity === 'warning');
  if (warnings.length) {
    out(
      lang === 'ja' ? `取引先一覧の警告 ${warnings.length} 件:` : `${warnings.length} warning(s) on the supplier list:`,
    );
    for (const w of warnings) out(`  ${w.sheet ?? ''}${w.cell ? `!${w.cell}` : ''} ${w.rule}: ${w.message[lang]}`);
  }
  const suppliers = suppliersOf(read.data?.sheets ?? {});
  if (!suppliers.length)
    throw new UserError({
      ja: `取引先一覧 ${list} に取引先が 1 件もありません`,
      en: `the supplier list ${list} has no suppliers`,
    });
  return suppliers;
}
