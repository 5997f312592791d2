// The ledger's own rules (PL-*). Values arrive normalised; a value the engine found invalid is null with its raw text
// kept, and was already reported by a V-* rule, so these rules skip it rather than report it twice.
import { addMonths, compareIso, monthsBetween } from '../model/dates.js';
import { foldCompact, foldKey, foldWidth } from '../model/fold.js';
import { remembered } from '../model/remember.js';
import type { Issue, PeriodValue, RecordRow, RuleContext, RuleDef, RuleFinding, Severity, Text } from '../model/types.js';
import {
  CONSENT_ELECTRONIC,
  CONSENT_EXEMPT,
  CONSENT_WRITTEN,
  DIRECT_WRITTEN,
  ENTRUSTED,
  LEDGER,
  RECEIVED,
  ledgerSheet,
  RISK,
  STAGES,
} from './sheets.js';

const YES = 'はい';

// ---- record helpers ---------------------------------------------------------------------------------------------

// The rules loop over records by index: each loop runs once per check, largely before V8 optimises it, and there
// for…of allocates an iterator result per record (30 MB of garbage on a 100,000-row ledger).

/** Nothing written (also when the column is missing: a missing column never excuses a dependent field). */
const empty = (rec: RecordRow, key: string): boolean => (rec.raw[key] ?? null) === null;
/** Written, but the engine could not read it (already reported as V-*). */
const invalid = (rec: RecordRow, key: string): boolean => !empty(rec, key) && (rec.values[key] ?? null) === null;
const str = (rec: RecordRow, key: string): string | null => {
  const v = rec.values[key];
  return typeof v === 'string' ? v : null;
};
const isYes = (rec: RecordRow, key: string): boolean => rec.values[key] === YES;

/** How a message names a ledger row: GA-003「顧客名簿」 / GA-003 (顧客名簿). */
function nameJa(rec: RecordRow): string {
  const no = rec.raw['管理番号'];
  const name = rec.raw['個人情報の名称'];
  if (no && name) return `${no}「${name}」`;
  return no || name ? `「${no ?? name}」` : `${rec.row}行目`;
}

function nameEn(rec: RecordRow): string {
  const no = rec.raw['管理番号'];
  const name = rec.raw['個人情報の名称'];
  if (no && name) return `${no} (${name})`;
  return no || name ? `"${no ?? name}"` : `Row ${rec.row}`;
}

const finding = (record: RecordRow, field: string | null, ja: string, en: string, severity?: Severity): RuleFinding => ({
  record,
  field,
  message: { ja, en },
  ...(severity ? { severity } : {}),
});

/** Consent recorded as obtained (§4.4.2.4 counts electronic records as 書面). */
const consentObtained = (rec: RecordRow): boolean =>
  rec.values['同意'] === CONSENT_WRITTEN || rec.values['同意'] === CONSENT_ELECTRONIC;

/**
 * Where a row that needs consent falls short, as the field to point at; null when consent is obtained, when an
 * exception is recorded with its reason, or when the consent cell is unreadable. Strict (要配慮, 外国提供): the
 * exception must be declared as 不要(ただし書き適用); otherwise (直接書面取得) a written reason is enough, as the
 * spec's PL-DIRECT puts it ("未取得 and no ただし書き").
 */
function consentGap(rec: RecordRow, strict: boolean): '同意' | 'ただし書き・理由' | null {
  if (invalid(rec, '同意') || consentObtained(rec)) return null;
  const exempt = rec.values['同意'] === CONSENT_EXEMPT;
  if (!empty(rec, 'ただし書き・理由') && (exempt || !strict)) return null;
  return exempt ? 'ただし書き・理由' : '同意';
}

const consentShown = (rec: RecordRow): Text =>
  empty(rec, '同意')
    ? { ja: '未入力', en: 'empty' }
    : { ja: `「${rec.raw['同意']}」`, en: `"${rec.raw['同意']}"` };

// ---- PL-REVIEW --------------------------------------------------------------------------------------------------

function checkReview(ctx: RuleContext): RuleFinding[] {
  const limit = addMonths(ctx.asOf, -12);
  const out: RuleFinding[] = [];
  const rows = ctx.rows(LEDGER);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    const d = str(rec, '最終確認日');
    if (!d) continue;
    if (compareIso(d, limit) < 0) {
      const months = monthsBetween(d, ctx.asOf);
      out.push(
        finding(
          rec,
          '最終確認日',
          `${nameJa(rec)}の最終確認日 ${d} から${months}か月が経過しています。台帳は少なくとも年1回確認し、確認日を更新してください（§4.3.3）。`,
          `${nameEn(rec)} was last reviewed on ${d}, ${months} months ago. Review the ledger at least once a year and update the date (§4.3.3).`,
        ),
      );
    } else if (compareIso(d, ctx.asOf) > 0) {
      out.push(
        finding(
          rec,
          '最終確認日',
          `${nameJa(rec)}の最終確認日 ${d} が基準日 ${ctx.asOf} より後の日付です。実際に確認した日を記入してください（§4.3.3）。`,
          `${nameEn(rec)} has a review date ${d} after the as-of date ${ctx.asOf}. Enter the day the review actually took place (§4.3.3).`,
        ),
      );
    }
  }
  return out;
}

// ---- PL-PERIOD --------------------------------------------------------------------------------------------------

/** Event names compare without spaces and without a trailing 日/時点 (退職日から3年 ≡ 退職後3年). */
const eventKey = remembered((e: string): string => foldCompact(e).replace(/(?:の)?(?:日|時|時点)$/u, ''));
/** Length of a period in days, months counted as 30 days: fine for "is one longer than the other". */
const daysOf = (p: Extract<PeriodValue, { kind: 'after' }>): number =>
  ((p.years ?? 0) * 12 + (p.months ?? 0)) * 30 + (p.days ?? 0);

/**
 * Whether a use limit is later than a retention limit: true/false when the two can be compared, null when not.
 * Comparable: two dates; two periods after the same event; 永年 use against any limited retention. A date against a
 * period (the event's date is unknown) and periods after different events are not comparable.
 */
export function useOutlastsRetention(use: PeriodValue, keep: PeriodValue): boolean | null {
  if (keep.kind === 'permanent') return false;
  if (use.kind === 'permanent') return true;
  if (use.kind === 'date' && keep.kind === 'date') return compareIso(use.iso, keep.iso) > 0;
  if (use.kind === 'after' && keep.kind === 'after' && eventKey(use.event) === eventKey(keep.event)) {
    return daysOf(use) > daysOf(keep);
  }
  return null;
}

function checkPeriod(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const rows = ctx.rows(LEDGER);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    const use = rec.values['利用期限'];
    const keep = rec.values['保管期限'];
    if (!use || !keep || typeof use !== 'object' || typeof keep !== 'object') continue;
    if (useOutlastsRetention(use, keep) !== true) continue;
    const u = rec.raw['利用期限'];
    const k = rec.raw['保管期限'];
    out.push(
      finding(
        rec,
        '利用期限',
        `${nameJa(rec)}の利用期限「${u}」が保管期限「${k}」より後になっています。保管期限を過ぎた情報は利用できないため、利用期限を保管期限以前にするか、保管期限を見直してください（§4.3.3）。`,
        `${nameEn(rec)}: the use limit "${u}" is later than the retention limit "${k}". Information cannot be used after it is disposed of; bring the use limit forward or revise the retention limit (§4.3.3).`,
      ),
    );
  }
  return out;
}

// ---- consent rules ----------------------------------------------------------------------------------------------

function checkSensitive(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const rows = ctx.rows(LEDGER);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (!isYes(rec, '要配慮個人情報')) continue;
    const gap = consentGap(rec, true);
    if (!gap) continue;
    const how = rec.values['取得形態'];
    if (how === ENTRUSTED) {
      // Received in the course of an entrustment: the client obtains consent, not us (法20条2項8号・施行令9条2号;
      // the manual's exception §4.4.2.3(5)). What we must confirm is the client's side and our contract.
      out.push(
        finding(
          rec,
          gap,
          `${nameJa(rec)}は受託した要配慮個人情報です。委託に伴って提供を受ける場合は当社が本人の同意を得る必要はありません（§4.4.2.3(5)、個人情報保護法第20条第2項第8号・施行令第9条第2号）。委託元が本人の同意を得ている（又は法令上の例外に当たる）ことと、委託契約に要配慮個人情報の取扱いが定められていることを確認したうえで、同意欄を「不要(ただし書き適用)」とし、確認した内容を「ただし書き・理由」に記録してください。`,
          `${nameEn(rec)} is special-care information entrusted to us by a client. Data received in the course of an entrustment needs no consent from us (§4.4.2.3(5); APPI art. 20(2)(viii), Cabinet Order art. 9(ii)). Confirm that the client obtained the person's consent (or a legal exception applies) and that the contract covers the handling of special-care information; then set consent to 不要(ただし書き適用) and note what you confirmed under "Exception and reason".`,
          'info',
        ),
      );
      continue;
    }
    if (gap === 'ただし書き・理由') {
      out.push(
        finding(
          rec,
          gap,
          `${nameJa(rec)}は要配慮個人情報を含み、同意を「不要(ただし書き適用)」としていますが、理由が未記入です。適用するただし書き（§4.4.2.3の(1)〜(5)）と理由を記入してください。`,
          `${nameEn(rec)} holds special-care information and marks consent as not needed, but gives no reason. State which exception of §4.4.2.3 (1)–(5) applies and why.`,
        ),
      );
    } else if (how === RECEIVED) {
      const c = consentShown(rec);
      out.push(
        finding(
          rec,
          gap,
          `${nameJa(rec)}は第三者から提供を受けた要配慮個人情報ですが、同意が${c.ja}です。提供元が、当社への提供について本人の同意を得ていることを確認して「同意」欄に記録するか、ただし書きを適用する場合は「不要(ただし書き適用)」と理由を記入してください（§4.4.2.3。提供元が同意を得ていれば当社が改めて同意を得る必要はありません：個人情報保護委員会 ガイドライン通則編3-3-2）。`,
          `${nameEn(rec)} is special-care information received from a third party, but consent is ${c.en}. Confirm that the provider obtained the person's consent to providing it to us and record that consent, or choose 不要(ただし書き適用) and give the exception and reason (§4.4.2.3; the company need not ask again when the provider has consent: PPC General Guidelines 3-3-2).`,
        ),
      );
    } else {
      const c = consentShown(rec);
      out.push(
        finding(
          rec,
          gap,
          `${nameJa(rec)}は要配慮個人情報を含みますが、同意が${c.ja}です。取得前に本人の書面（電磁的方法を含む）による同意が必要です。同意の取得状況を記入するか、ただし書きを適用する場合は「不要(ただし書き適用)」と理由を記入してください（§4.4.2.3）。`,
          `${nameEn(rec)} holds special-care information but consent is ${c.en}. It needs the person's prior written (or electronic) consent: record it, or choose 不要(ただし書き適用) and give the exception and reason (§4.4.2.3).`,
        ),
      );
    }
  }
  return out;
}

function checkDirect(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const rows = ctx.rows(LEDGER);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (rec.values['取得形態'] !== DIRECT_WRITTEN) continue;
    const gap = consentGap(rec, false);
    if (!gap) continue;
    const c = consentShown(rec);
    out.push(
      finding(
        rec,
        gap,
        `${nameJa(rec)}は本人から直接書面で取得していますが、同意が${c.ja}で、ただし書きの理由もありません。利用目的等を書面で明示して同意を得るか、適用するただし書きと理由を「ただし書き・理由」に記入してください（§4.4.2.4）。`,
        `${nameEn(rec)} is collected in writing directly from the person, but consent is ${c.en} and no exception is recorded. Obtain consent after stating the purpose in writing, or record the exception and reason (§4.4.2.4).`,
      ),
    );
  }
  return out;
}

function checkEntrusted(ctx: RuleContext): RuleFinding[] {
  return ctx.rows(LEDGER)
    .filter((rec) => rec.values['取得形態'] === ENTRUSTED && isYes(rec, '開示対象'))
    .map((rec) =>
      finding(
        rec,
        '開示対象',
        `${nameJa(rec)}は受託した個人情報ですが、開示対象が「はい」です。受託した情報の開示等の求めに応じる権限は通常委託元にあるため、「いいえ」にするか、当社に権限がある根拠を備考に記入してください（§4.4.4.1）。`,
        `${nameEn(rec)} was entrusted to us by a client but is marked as subject to disclosure requests. The client, not the company, normally answers such requests: set it to いいえ, or note in 備考 why the company holds that authority (§4.4.4.1).`,
      ),
    );
}

// ---- dependent fields -------------------------------------------------------------------------------------------

const enLabel = (key: string): string => ledgerSheet.fields.find((f) => f.key === key)?.label.en ?? key;

/** A yes/no field whose はい needs another field filled in. */
function needs(
  when: string,
  then: string,
  what: Text,
  clause: string,
): (ctx: RuleContext) => RuleFinding[] {
  return (ctx) =>
    ctx.rows(LEDGER)
      .filter((rec) => isYes(rec, when) && empty(rec, then))
      .map((rec) =>
        finding(
          rec,
          then,
          `${nameJa(rec)}は${when}が「はい」ですが、${then}が未記入です。${what.ja}を記入してください（${clause}）。`,
          `${nameEn(rec)} is marked "${enLabel(when)}" = はい but "${enLabel(then)}" is empty. Enter ${what.en} (${clause}).`,
        ),
      );
}

const checkOutsource = needs('委託', '委託先', { ja: '委託先の会社名', en: 'the contractor\'s company name' }, '§4.4.3.4');
const thirdPartyRecipient = needs('第三者提供', '提供先', { ja: '提供先の名称', en: 'who receives the information' }, '§4.4.2.8');
const checkJoint = needs(
  '共同利用',
  '共同利用の範囲・管理責任者',
  { ja: '共同利用する者の範囲と管理に責任を持つ者', en: 'who shares the information and who is responsible for it' },
  '§4.4.2.8(6)',
);
const foreignCountry = needs('外国第三者提供', '提供先国', { ja: '提供先の国・地域名', en: 'the recipient\'s country' }, '§4.4.2.8.1');

/**
 * Third-party provision needs the person's consent (§4.4.2.8: the manual does not use opt-out, ただし書き(2)(3)) or a
 * declared exception with its reason. Until the ledger has a consent column per purpose (template v2) the one 同意
 * column stands in: a row whose consent is 未取得 or empty certainly has no consent to the provision either.
 */
function checkThirdParty(ctx: RuleContext): RuleFinding[] {
  const out = thirdPartyRecipient(ctx);
  const rows = ctx.rows(LEDGER);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (!isYes(rec, '第三者提供')) continue;
    const gap = consentGap(rec, true);
    if (!gap) continue;
    const c = consentShown(rec);
    out.push(
      gap === 'ただし書き・理由'
        ? finding(
            rec,
            gap,
            `${nameJa(rec)}は第三者に提供しますが、同意を「不要(ただし書き適用)」とした理由が未記入です。適用するただし書き（§4.4.2.8の(1)、(4)〜(7)。(2)(3)のオプトアウトは当社では適用しません）と理由を記入してください（§4.4.2.8）。`,
            `${nameEn(rec)} is provided to a third party and consent is marked as not needed, but no reason is given. State which exception of §4.4.2.8 applies ((1), (4)–(7); the company does not use the opt-out of (2)(3)) and why (§4.4.2.8).`,
          )
        : finding(
            rec,
            gap,
            `${nameJa(rec)}は第三者に提供しますが、同意が${c.ja}です。第三者提供には、提供先・提供する項目等を通知したうえでの本人の同意が必要です（オプトアウトによる提供は当社では行いません）。同意を得て記録するか、法令に基づく提供などただし書きに当たる場合は「不要(ただし書き適用)」と理由を記入してください（§4.4.2.8、個人情報保護法第27条第1項）。`,
            `${nameEn(rec)} is provided to a third party but consent is ${c.en}. Provision to a third party needs the person's consent after being told who receives what (the company does not use opt-out). Obtain and record consent, or, where an exception such as provision required by law applies, choose 不要(ただし書き適用) and give the reason (§4.4.2.8; APPI art. 27(1)).`,
          ),
    );
  }
  return out;
}

const TRANSFERS = ['第三者提供', '委託', '共同利用'] as const;

/**
 * Provision abroad (§4.4.2.8.1, 個人情報保護法第28条). The lawful bases are the person's consent given for the transfer
 * abroad, a recipient in a country with an equivalent regime (the EU and the UK), a recipient with a 基準適合体制,
 * or a legal exception. The one 同意 column cannot say which consent it records (v2 adds the basis), so a recorded
 * consent gets an info asking to confirm it covers the transfer; no consent and no exception is an error.
 */
function checkForeign(ctx: RuleContext): RuleFinding[] {
  const out = foreignCountry(ctx);
  const rows = ctx.rows(LEDGER);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (!isYes(rec, '外国第三者提供')) continue;
    if (TRANSFERS.every((k) => rec.values[k] === 'いいえ')) {
      out.push(
        finding(
          rec,
          '外国第三者提供',
          `${nameJa(rec)}は外国第三者提供が「はい」ですが、第三者提供・委託・共同利用がいずれも「いいえ」です。外国の事業者への委託（海外のクラウド事業者などを含む）や共同利用も外国にある第三者への提供に当たります。該当する欄を「はい」にするか、外国第三者提供を見直してください（§4.4.2.8.1、個人情報保護法第28条）。`,
          `${nameEn(rec)} is marked as provided to a party abroad, but provision to third parties, outsourcing and joint use are all いいえ. Outsourcing to a company abroad (a foreign cloud provider, for instance) and joint use also count as provision to a third party abroad. Mark the one that applies, or correct the foreign-provision flag (§4.4.2.8.1; APPI art. 28).`,
          'warning',
        ),
      );
    }
    if (invalid(rec, '同意')) continue;
    if (consentObtained(rec)) {
      out.push(
        finding(
          rec,
          '同意',
          `${nameJa(rec)}は外国にある第三者へ提供します。記録されている同意が、取得時の同意ではなく外国にある第三者への提供についての同意であり、同意を得る前に提供先の国名、その国の個人情報保護制度、提供先が講じる措置を本人に情報提供していることを確認してください（§4.4.2.8.1、個人情報保護法第28条第2項）。`,
          `${nameEn(rec)} is provided to a party abroad. Confirm that the recorded consent is consent to the transfer abroad, not only to collection, and that the person was first told the country, its data-protection regime and the recipient's safeguards (§4.4.2.8.1; APPI art. 28(2)).`,
          'info',
        ),
      );
      continue;
    }
    const gap = consentGap(rec, true);
    if (!gap) continue;
    const c = consentShown(rec);
    out.push(
      gap === 'ただし書き・理由'
        ? finding(
            rec,
            gap,
            `${nameJa(rec)}は外国にある第三者へ同意なしで提供するとしていますが、理由が未記入です。根拠（十分性認定国であるEU・英国にある提供先、基準に適合する体制を整備した提供先、法令に基づく提供など）を記入してください（§4.4.2.8.1、個人情報保護法第28条第1項）。`,
            `${nameEn(rec)} is provided abroad without consent, but no reason is given. State the basis (a recipient in the EU or the UK, which Japan recognises as equivalent; a recipient with a system meeting the PPC's standards; provision required by law …) (§4.4.2.8.1; APPI art. 28(1)).`,
          )
        : finding(
            rec,
            gap,
            `${nameJa(rec)}は外国にある第三者へ提供しますが、同意が${c.ja}です。外国にある第三者への提供を認める旨の本人の同意をあらかじめ得るか、同意によらない根拠（EU・英国にある提供先、基準に適合する体制を整備した提供先、法令に基づく提供など）がある場合は「不要(ただし書き適用)」とその根拠を記入してください（§4.4.2.8.1、個人情報保護法第28条第1項）。`,
            `${nameEn(rec)} is provided to a party abroad but consent is ${c.en}. Obtain the person's prior consent to the transfer abroad, or, where another basis applies (a recipient in the EU or the UK; a recipient with a system meeting the PPC's standards; provision required by law …), choose 不要(ただし書き適用) and state that basis (§4.4.2.8.1; APPI art. 28(1)).`,
          ),
    );
  }
  return out;
}

// ---- purposes ---------------------------------------------------------------------------------------------------

/**
 * Words that name a 個人番号関係事務 a company actually does (番号法第9条第4項): the tax and social-insurance
 * filings that carry My Numbers. Bare 税, 年金 or 災害 are not enough: 「消費税の計算」 names no such task.
 */
export const MY_NUMBER_PURPOSES: readonly string[] = [
  '個人番号関係事務',
  '個人番号利用事務',
  '社会保障及び税',
  '社会保障・税',
  '社会保障、税',
  '源泉徴収',
  '年末調整',
  '法定調書',
  '支払調書',
  '給与支払報告書',
  '特別徴収',
  '扶養控除',
  '退職所得',
  '財形',
  '財産形成',
  '健康保険',
  '厚生年金',
  '国民年金',
  '雇用保険',
  '労災',
  '労働者災害補償',
  '社会保険',
  '激甚災害',
];

/** An example task for the message, by whose numbers the row holds. */
function myNumberExample(rec: RecordRow): Text {
  switch (rec.values['本人区分']) {
    case '株主':
      return { ja: '配当金の支払調書の作成', en: 'dividend payment records for the tax office' };
    case '従業者':
    case '退職者':
    case '従業者の家族':
      return { ja: '源泉徴収票の作成、健康保険・厚生年金保険の届出', en: 'withholding tax slips, health-insurance and pension filings' };
    default:
      return { ja: '報酬・料金の支払調書の作成', en: 'payment records for fees paid to individuals' };
  }
}

function checkMyNumber(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const rows = ctx.rows(LEDGER);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (!isYes(rec, '特定個人情報')) continue;
    const purpose = str(rec, '利用目的');
    if (purpose && !MY_NUMBER_PURPOSES.some((w) => foldWidth(purpose).includes(foldWidth(w)))) {
      const ex = myNumberExample(rec);
      out.push(
        finding(
          rec,
          '利用目的',
          `${nameJa(rec)}は特定個人情報（個人番号）を含みますが、利用目的「${purpose}」に個人番号関係事務が書かれていません。個人番号は税・社会保険の届出などの法定の事務にしか使えないため、利用目的に具体的な事務（例: ${ex.ja}）を記入してください（§4.4.2.1、番号法第9条）。`,
          `${nameEn(rec)} contains My Numbers, but its purpose "${purpose}" names no statutory My Number task. My Numbers may only be used for the tax and social-insurance filings the law lists: name the task (e.g. ${ex.en}) (§4.4.2.1; My Number Act art. 9).`,
        ),
      );
    }
    if (isYes(rec, '共同利用')) {
      out.push(
        finding(
          rec,
          '共同利用',
          `${nameJa(rec)}は特定個人情報（個人番号）を含みますが、共同利用が「はい」です。特定個人情報は、グループ会社の間でも共同利用できません（番号法第19条は共同利用を提供の例外に含めていません）。個人番号を含む情報を共同利用の対象から外し、必要なら個人番号を含まない情報を別の行に分けてください（番号法第19条）。`,
          `${nameEn(rec)} contains My Numbers but is marked for joint use. My Number data cannot be used jointly, not even within a group (My Number Act art. 19 allows no joint-use exception). Take the My Numbers out of the joint use, and if needed put the information without them on a separate row (My Number Act art. 19).`,
          'error',
        ),
      );
    }
    const keep = rec.values['保管期限'];
    if (keep && typeof keep === 'object' && keep.kind === 'permanent') {
      out.push(
        finding(
          rec,
          '保管期限',
          `${nameJa(rec)}は特定個人情報（個人番号）を含みますが、保管期限が「${rec.raw['保管期限']}」です。個人番号は事務に必要な間と法令の保存期間に限って保管でき、その後はできるだけ速やかに廃棄・削除しなければなりません。法定の保存期間に基づく期限（例: 退職後7年）を記入してください（番号法第20条）。`,
          `${nameEn(rec)} contains My Numbers but is kept "${rec.raw['保管期限']}". My Numbers may be kept only while the task needs them and for the statutory retention period, then must be deleted as soon as possible: enter a limit based on the statutory period (e.g. 退職後7年) (My Number Act art. 20).`,
        ),
      );
    }
  }
  return out;
}

// A purpose is specific when it says what is done with the information: 商品の発送, 給与の計算, 選考結果の連絡 …
// (§4.4.2.1; 個人情報保護法第17条第1項). It is not when all it says is
//  - a catch-all that opens it to anything (各種業務, その他業務 …);
//  - an aim or a field of activity rather than a use: 事業活動, マーケティング活動, サービスの向上, 顧客管理,
//    当社からのご案内 (the PPC's own examples of purposes not specified are of this kind, 通則編 3-1-1);
//  - nothing at all once the words that say nothing about the use are taken away (業務のため, 必要に応じて利用).
// Each item of a list is judged on its own: one bare aim among real uses still leaves that part unspecified.

/** Catch-all phrases that make any purpose open-ended. */
export const CATCH_ALL_PHRASES: readonly string[] = ['各種業務', '業務全般', 'その他業務', 'その他の業務', '業務一般', '一切の業務'];

/** Aims and fields of activity: they say why or where, not what is done with the information. */
const AIMS = new RegExp(
  [
    '(?:事業|営業|販売促進|販促|販売|マーケティング|企業|経営|広報|宣伝|ビジネス)(?:活動|戦略|運営|推進)?',
    '(?:サービス|業務|品質|利便性|顧客満足度?|お客様満足度?|満足度|商品力)の?(?:向上|改善|充実|強化|拡大|発展|効率化|円滑化|最適化|促進|高度化)',
    '(?:顧客|お客様|お客さま|会員|利用者|ユーザー?)(?:情報)?の?管理',
    '(?:各種|当社|弊社)(?:から)?の?(?:ご|お)?(?:案内|お知らせ|知らせ|連絡|情報提供|情報の提供)',
  ].join('|'),
  'gu',
);
/** Words that say nothing about the use on their own: verbs of "using", whose data it is, generic nouns, particles. */
const GENERIC_WORDS =
  /必要に応じて|業務|事業|営業|販売|活動|社内|当社|弊社|お客様|お客さま|顧客|サービス|必要|ため|為|使用|利用|活用|用いる|用い|役立てる|役立て|供する|資する|使う|取り扱う|いたします|致します|します|する|して|取扱い|目的|全般|一般|各種|管理|情報|分析|ご案内|案内|お知らせ|その他|等|など|および|及び|並びに|または|又は|から|[のにでへをとや]/gu;
const NOT_CONTENT = /[\s、。,.・/()「」『』[\]]/gu;
/** Where a list of purposes divides into items (not at ・, which joins the parts of one noun: 製品・サービス). */
const ITEM_BREAK = /[、,;；\n]|及び|および|並びに|ならびに|又は|または/u;
/** Fewer meaningful characters than this and a purpose cannot say what the information is for (採用, 営業用). */
const MIN_PURPOSE_LENGTH = 4;

/** What is left of a text once aims, generic words and punctuation are taken away. */
const residue = (t: string): string => t.replace(AIMS, '').replace(GENERIC_WORDS, '').replace(NOT_CONTENT, '');

export type Vagueness = { phrase: string } | { aim: string } | { short: true };

/** Why a purpose is too vague to count as 特定 (§4.4.2.1), or null when it says what is done with the information. */
export function vagueness(purpose: string): Vagueness | null {
  const t = foldWidth(purpose);
  const phrase = CATCH_ALL_PHRASES.find((p) => t.includes(p));
  if (phrase) return { phrase };
  for (const item of t.split(ITEM_BREAK)) {
    const aim = item.match(AIMS);
    if (aim && residue(item).length < 2) return { aim: aim[0] };
  }
  if (t.replace(NOT_CONTENT, '').length < MIN_PURPOSE_LENGTH || residue(t).length < 2) return { short: true };
  return null;
}

function vagueFinding(rec: RecordRow, purpose: string, v: Vagueness): RuleFinding {
  if ('phrase' in v) {
    return finding(
      rec,
      '利用目的',
      `${nameJa(rec)}の利用目的「${purpose}」に「${v.phrase}」という包括的な表現があります。これではどのような用途にも使えることになり、利用目的を特定したことになりません。実際に使う業務を具体的に書き出してください（§4.4.2.1、個人情報保護法第17条第1項）。`,
      `${nameEn(rec)}: the purpose "${purpose}" contains the catch-all "${v.phrase}", which would allow any use, so the purpose is not specified. List the actual uses (§4.4.2.1; APPI art. 17(1)).`,
    );
  }
  if ('aim' in v) {
    // 「営業活動のため」 is all aim; in 「商品の発送及びサービスの向上」 the aim is one item of several.
    const whole = residue(foldWidth(purpose)).length < 2;
    return finding(
      rec,
      '利用目的',
      `${nameJa(rec)}の利用目的「${purpose}」${whole ? 'は' : `のうち「${v.aim}」は`}、事業上のねらいや活動の分野を示すだけで、個人情報を使って何をするのかが分かりません。「事業活動に用いるため」「マーケティング活動に用いるため」のような書き方は、利用目的を特定したことになりません（個人情報保護委員会 ガイドライン通則編3-1-1）。本人が結果を予測できるよう、何をするために使うのかを書いてください（例: 新商品・セミナーのご案内メールの送信、購買履歴の分析に基づく広告の配信）（§4.4.2.1、個人情報保護法第17条第1項）。`,
      `${nameEn(rec)}: ${whole ? `the purpose "${purpose}"` : `in the purpose "${purpose}", "${v.aim}"`} names an aim or a field of business, not what is done with the information. Wordings such as "for business activities" or "for marketing activities" do not specify a purpose (PPC General Guidelines 3-1-1). Say what the information is used for, so the person can foresee it (e.g. sending e-mails about new products and seminars; ads based on an analysis of purchase history) (§4.4.2.1; APPI art. 17(1)).`,
    );
  }
  return finding(
    rec,
    '利用目的',
    `${nameJa(rec)}の利用目的「${purpose}」では、個人情報を使って何をするのかが分かりません。本人が理解できる程度に具体的に書いてください（例: 商品の発送及びアフターサービスのご連絡）（§4.4.2.1、個人情報保護法第17条第1項）。`,
    `${nameEn(rec)}: the purpose "${purpose}" does not say what is done with the information. Describe it so the person can understand (e.g. shipping orders and after-sales contact) (§4.4.2.1; APPI art. 17(1)).`,
  );
}

function checkVague(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  // A ledger repeats its purposes down the column.
  const judged = new Map<string, Vagueness | null>();
  const rows = ctx.rows(LEDGER);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    const purpose = str(rec, '利用目的');
    if (!purpose) continue;
    let v = judged.get(purpose);
    if (v === undefined) judged.set(purpose, (v = vagueness(purpose)));
    if (v) out.push(vagueFinding(rec, purpose, v));
  }
  return out;
}

// ---- PL-RISK ----------------------------------------------------------------------------------------------------

/** Structural issues that make the link between the two sheets unreadable (already reported by the engine). */
function linkBroken(issues: readonly Issue[]): boolean {
  return issues.some(
    (i) =>
      (i.rule === 'SHEET-MISSING' && (i.sheet === RISK || i.sheet === LEDGER)) ||
      ((i.rule === 'COLUMN-MISSING' || i.rule === 'COLUMN-RENAMED') &&
        (i.sheet === RISK || i.sheet === LEDGER) &&
        (i.field === null || i.field === '管理番号' || (i.sheet === RISK && i.field === '局面'))),
  );
}

function checkRisk(ctx: RuleContext): RuleFinding[] {
  if (linkBroken(ctx.data.issues)) return [];
  const ledger = ctx.rows(LEDGER);
  const keys = ledger.map((rec) => {
    const id = str(rec, '管理番号');
    return id ? foldKey(id) : null;
  });
  /** The stages the risk sheet covers for each ledger key (null: none yet). */
  const stages = new Map<string, Set<string> | null>();
  for (let i = 0; i < keys.length; i++) if (keys[i] !== null) stages.set(keys[i]!, null);
  const out: RuleFinding[] = [];
  const risks = ctx.rows(RISK);
  for (let i = 0; i < risks.length; i++) {
    const rec = risks[i];
    const id = str(rec, '管理番号');
    if (!id) continue;
    const key = foldKey(id);
    const seen = stages.get(key);
    if (seen === undefined) {
      out.push(
        finding(
          rec,
          '管理番号',
          `リスク分析の管理番号「${id}」は台帳にありません。台帳の管理番号に合わせるか、不要な行を削除してください（§4.3.5）。`,
          `Risk-analysis control no. "${id}" is not in the ledger. Match it to a ledger row or delete the row (§4.3.5).`,
        ),
      );
      continue;
    }
    const stage = str(rec, '局面');
    if (!stage) continue;
    if (seen) seen.add(stage);
    else stages.set(key, new Set([stage]));
  }
  for (let i = 0; i < ledger.length; i++) {
    const rec = ledger[i];
    const key = keys[i];
    if (key === null) continue;
    const seen = stages.get(key);
    const missing = seen ? STAGES.filter((s) => !seen.has(s.value)) : STAGES;
    if (missing.length === 0) continue;
    if (missing.length === STAGES.length) {
      out.push(
        finding(
          rec,
          '管理番号',
          `${nameJa(rec)}のリスク分析がありません。シート「${RISK}」に5つの局面（取得・入力、移送・送信、利用・加工、保管・バックアップ、消去・廃棄）それぞれのリスクと対策を記入してください（§4.3.5）。`,
          `${nameEn(rec)} has no risk analysis. On sheet "${RISK}", record the risks and countermeasures for each of the five lifecycle stages (§4.3.5).`,
        ),
      );
      continue;
    }
    const ja = missing.map((s) => `「${s.value}」`).join('');
    const en = missing.map((s) => s.en).join(', ');
    out.push(
      finding(
        rec,
        '管理番号',
        `${nameJa(rec)}のリスク分析に局面${ja}がありません。シート「${RISK}」にこの局面のリスクと対策を追加してください（§4.3.5）。`,
        `The risk analysis of ${nameEn(rec)} lacks the stage(s): ${en}. Add their risks and countermeasures on sheet "${RISK}" (§4.3.5).`,
      ),
    );
  }
  return out;
}

// ---- the rule list ----------------------------------------------------------------------------------------------

export const rules: readonly RuleDef[] = [
  { id: 'PL-REVIEW', check: checkReview },
  { id: 'PL-PERIOD', check: checkPeriod },
  { id: 'PL-SENSITIVE', check: checkSensitive },
  { id: 'PL-DIRECT', check: checkDirect },
  { id: 'PL-ENTRUSTED', check: checkEntrusted },
  { id: 'PL-OUTSOURCE', check: checkOutsource },
  { id: 'PL-THIRDPARTY', check: checkThirdParty },
  { id: 'PL-JOINT', check: checkJoint },
  { id: 'PL-FOREIGN', check: checkForeign },
  { id: 'PL-MYNUMBER', check: checkMyNumber },
  { id: 'PL-VAGUE', check: checkVague },
  { id: 'PL-RISK', check: checkRisk },
];
