// The ledger's own rules (PL-*). Values arrive normalised; a value the engine found invalid is null with its raw text
// kept, and was already reported by a V-* rule, so these rules skip it rather than report it twice.
import { addMonths, compareIso, monthsBetween } from '../model/dates.js';
import { placesAbroad } from '../model/places.js';
import { foldCompact, foldKey, foldWidth, foldWord } from '../model/fold.js';
import { remembered } from '../model/remember.js';
import type {
  Issue,
  PeriodValue,
  RecordRow,
  RuleContext,
  RuleDef,
  RuleFinding,
  Severity,
  Text,
} from '../model/types.js';
import {
  BASIS_ADEQUACY,
  BASIS_CONSENT,
  BASIS_LAW,
  CONSENT_ELECTRONIC,
  CONSENT_EXEMPT,
  CONSENT_WRITTEN,
  DIRECT_WRITTEN,
  ENTRUSTED,
  LEDGER,
  RECEIVED,
  ledgerSheet,
  type LedgerKey,
  RESIDUAL,
  RISK,
  type RiskKey,
  STAGES,
} from './sheets.js';

const YES = 'はい';

// ---- record helpers ---------------------------------------------------------------------------------------------

/** A ledger row and a risk-analysis row, typed by their sheet's field keys: a misspelt key fails to compile. */
type Row = RecordRow<LedgerKey>;
type RiskRow = RecordRow<RiskKey>;
const ledgerRows = (ctx: RuleContext) => ctx.rows(LEDGER) as Row[];
const riskRows = (ctx: RuleContext) => ctx.rows(RISK) as RiskRow[];

// The rules loop over records by index: each loop runs once per check, largely before V8 optimises it, and there
// for…of allocates an iterator result per record (30 MB of garbage on a 100,000-row ledger).

/** Nothing written (also when the column is missing: a missing column never excuses a dependent field). */
const empty = <K extends string>(rec: RecordRow<K>, key: NoInfer<K>): boolean => (rec.raw[key] ?? null) === null;
/** Written, but the engine could not read it (already reported as V-*). */
const invalid = <K extends string>(rec: RecordRow<K>, key: NoInfer<K>): boolean =>
  !empty(rec, key) && (rec.values[key] ?? null) === null;
const str = <K extends string>(rec: RecordRow<K>, key: NoInfer<K>): string | null => {
  const v = rec.values[key];
  return typeof v === 'string' ? v : null;
};
const isYes = <K extends string>(rec: RecordRow<K>, key: NoInfer<K>): boolean => rec.values[key] === YES;

/** How a message names a ledger row: GA-003「顧客名簿」 / GA-003 (顧客名簿). */
function nameJa(rec: Row): string {
  const no = rec.raw['管理番号'];
  const name = rec.raw['個人情報の名称'];
  if (no && name) return `${no}「${name}」`;
  return no || name ? `「${no ?? name}」` : `${rec.row}行目`;
}

function nameEn(rec: Row): string {
  const no = rec.raw['管理番号'];
  const name = rec.raw['個人情報の名称'];
  if (no && name) return `${no} (${name})`;
  return no || name ? `"${no ?? name}"` : `Row ${rec.row}`;
}

const finding = <K extends string>(
  record: RecordRow<K>,
  field: NoInfer<K> | null,
  ja: string,
  en: string,
  severity?: Severity,
): RuleFinding => ({
  record,
  field,
  message: { ja, en },
  ...(severity ? { severity } : {}),
});

/** Whether the workbook's version of the ledger has a field (version 2 added the per-purpose consent columns …). */
const hasField = (ctx: RuleContext, key: LedgerKey): boolean =>
  ctx.def.sheets.some((s) => s.name === LEDGER && s.fields.some((f) => f.key === key));

type ConsentKey = '同意' | '第三者提供の同意';

/** Consent recorded as obtained (§4.4.2.4 counts electronic records as 書面), in the given consent column. */
const consentObtained = (rec: Row, key: ConsentKey = '同意'): boolean =>
  rec.values[key] === CONSENT_WRITTEN || rec.values[key] === CONSENT_ELECTRONIC;

/**
 * Where a row that needs consent falls short, as the field to point at; null when consent is obtained, when an
 * exception is recorded with its reason, or when the consent cell is unreadable. Strict (要配慮, 提供): the
 * exception must be declared as 不要(ただし書き適用); otherwise (直接書面取得) a written reason is enough, as the
 * spec's PL-DIRECT puts it ("未取得 and no ただし書き").
 */
function consentGap(rec: Row, strict: boolean, key: ConsentKey = '同意'): ConsentKey | 'ただし書き・理由' | null {
  if (invalid(rec, key) || consentObtained(rec, key)) return null;
  const exempt = rec.values[key] === CONSENT_EXEMPT;
  if (!empty(rec, 'ただし書き・理由') && (exempt || !strict)) return null;
  return exempt ? 'ただし書き・理由' : key;
}

const consentShown = (rec: Row, key: ConsentKey = '同意'): Text =>
  empty(rec, key) ? { ja: '未入力', en: 'empty' } : { ja: `「${rec.raw[key]}」`, en: `"${rec.raw[key]}"` };

// ---- PL-REVIEW --------------------------------------------------------------------------------------------------

function checkReview(ctx: RuleContext): RuleFinding[] {
  const limit = addMonths(ctx.asOf, -12);
  const out: RuleFinding[] = [];
  const rows = ledgerRows(ctx);
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
  const rows = ledgerRows(ctx);
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
  const rows = ledgerRows(ctx);
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
  const rows = ledgerRows(ctx);
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
  return ledgerRows(ctx)
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

/**
 * PL-REENTRUST: data a client entrusted to us whose handling we pass on to a contractor of our own (再委託). Whether
 * we may, and on what terms, is the client's contract's 再委託に関する事項 (the clause §4.4.3.4(3) makes us put in our
 * own contracts); the APPI itself asks no consent of the client, it makes the client supervise us (法25条). For
 * 特定個人情報 the law does: only with the first entrusting party's 許諾 (番号法10条1項). The ledger cannot record
 * the client's consent (version 2 has no column for it), so this is an info asking to confirm it.
 */
function checkReentrust(ctx: RuleContext): RuleFinding[] {
  return ctx
    .rows(LEDGER)
    .filter((rec) => rec.values['取得形態'] === ENTRUSTED && isYes(rec, '委託'))
    .map((rec) => {
      const to = rec.raw['委託先'];
      const toJa = to ? `「${to}」` : '委託先';
      const toEn = to ? `"${to}"` : 'a contractor';
      const myNumber = isYes(rec, '特定個人情報');
      const terms = myNumber
        ? {
            ja: '特定個人情報を含むため、最初に委託した者（委託元）の許諾を得た場合に限り再委託できます（番号法第10条第1項）。',
            en: 'As it includes My Number data, it may be subcontracted only with the consent of the party that first entrusted it, the client (My Number Act Art. 10(1)).',
          }
        : {
            ja: '再委託の可否と条件は委託元との契約（再委託に関する事項）で定まり、委託元の事前の承諾を条件とする契約が一般的です。',
            en: "Whether we may subcontract, and on what terms, is set by the client's contract (its terms on subcontracting); most require the client's prior consent.",
          };
      return finding(
        rec,
        '委託先',
        `${nameJa(rec)}は委託元から受託した個人情報で、その取扱いを${toJa}に再委託しています。${terms.ja}契約書や承諾書で委託元の承諾を得ていること（又は契約上承諾が不要であること）を確認し、確認した内容を備考に記録してください（§4.4.3.4(3)）。個人情報保護法は再委託に委託元の承諾を直接求めてはいませんが、委託元は再委託先を含めて委託先を監督する立場にあります（同法第25条）。`,
        `${nameEn(rec)} was entrusted to us by a client, and we pass its handling on to ${toEn}. ${terms.en} Confirm from the contract or a written consent that the client agreed (or that the contract does not require it), and note what you confirmed in 備考 (§4.4.3.4(3)). The APPI itself does not require the client's consent to subcontracting, but the client must supervise us, subcontractors included (APPI Art. 25).`,
      );
    });
}

// ---- dependent fields -------------------------------------------------------------------------------------------

const enLabel = (key: LedgerKey): string => ledgerSheet.fields.find((f) => f.key === key)?.label.en ?? key;

/** A yes/no field whose はい needs another field filled in. */
function needs(when: LedgerKey, then: LedgerKey, what: Text, clause: string): (ctx: RuleContext) => RuleFinding[] {
  return (ctx) =>
    ledgerRows(ctx)
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

const checkOutsource = needs(
  '委託',
  '委託先',
  { ja: '委託先の会社名', en: "the contractor's company name" },
  '§4.4.3.4',
);
const thirdPartyRecipient = needs(
  '第三者提供',
  '提供先',
  { ja: '提供先の名称', en: 'who receives the information' },
  '§4.4.2.8',
);
const checkJoint = needs(
  '共同利用',
  '共同利用の範囲・管理責任者',
  { ja: '共同利用する者の範囲と管理に責任を持つ者', en: 'who shares the information and who is responsible for it' },
  '§4.4.2.8(6)',
);
const foreignCountry = needs(
  '外国第三者提供',
  '提供先国',
  { ja: '提供先の国・地域名', en: "the recipient's country" },
  '§4.4.2.8.1',
);

/**
 * Third-party provision needs the person's consent (§4.4.2.8: the manual does not use opt-out, ただし書き(2)(3)) or a
 * declared exception with its reason. Version 2 has a column for that consent; in version 1 the one 同意 column stands
 * in: a row whose consent is 未取得 or empty certainly has no consent to the provision either.
 */
function checkThirdParty(ctx: RuleContext): RuleFinding[] {
  const out = thirdPartyRecipient(ctx);
  const key: ConsentKey = hasField(ctx, '第三者提供の同意') ? '第三者提供の同意' : '同意';
  const perPurpose = key === '第三者提供の同意';
  const rows = ledgerRows(ctx);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (!isYes(rec, '第三者提供')) continue;
    // Consent to a transfer abroad replaces the consent of art. 27 for that provision (法28条第1項後段).
    if (perPurpose && empty(rec, key) && isYes(rec, '外国第三者提供') && rec.values['外国提供の根拠'] === BASIS_CONSENT)
      continue;
    const gap = consentGap(rec, true, key);
    if (!gap) continue;
    const c = consentShown(rec, key);
    const which = perPurpose
      ? { ja: '第三者提供の同意', en: 'consent to the provision' }
      : { ja: '同意', en: 'consent' };
    out.push(
      gap === 'ただし書き・理由'
        ? finding(
            rec,
            gap,
            `${nameJa(rec)}は第三者に提供しますが、${which.ja}を「不要(ただし書き適用)」とした理由が未記入です。適用するただし書き（§4.4.2.8の(1)、(4)〜(7)。(2)(3)のオプトアウトは当社では適用しません）と理由を記入してください（§4.4.2.8）。`,
            `${nameEn(rec)} is provided to a third party and ${which.en} is marked as not needed, but no reason is given. State which exception of §4.4.2.8 applies ((1), (4)–(7); the company does not use the opt-out of (2)(3)) and why (§4.4.2.8).`,
          )
        : finding(
            rec,
            gap,
            `${nameJa(rec)}は第三者に提供しますが、${which.ja}が${c.ja}です。${perPurpose ? '取得時の同意とは別に、' : ''}第三者提供には、提供先・提供する項目等を通知したうえでの本人の同意が必要です（オプトアウトによる提供は当社では行いません）。同意を得て記録するか、法令に基づく提供などただし書きに当たる場合は「不要(ただし書き適用)」と理由を記入してください（§4.4.2.8、個人情報保護法第27条第1項）。`,
            `${nameEn(rec)} is provided to a third party but ${which.en} is ${c.en}. ${perPurpose ? 'Apart from any consent at collection, provision' : 'Provision'} to a third party needs the person's consent after being told who receives what (the company does not use opt-out). Obtain and record consent, or, where an exception such as provision required by law applies, choose 不要(ただし書き適用) and give the reason (§4.4.2.8; APPI art. 27(1)).`,
          ),
    );
  }
  return out;
}

const TRANSFERS = ['第三者提供', '委託', '共同利用'] as const;

/**
 * Provision abroad (§4.4.2.8.1, 個人情報保護法第28条). The lawful bases are the person's consent given for the transfer
 * abroad, a recipient in a country with an equivalent regime (the EU and the UK), a recipient with a 基準適合体制,
 * or a legal exception. Version 2 records the basis (foreignBasis). In version 1 the one 同意 column cannot say which
 * consent it records, so a recorded consent gets an info asking to confirm it covers the transfer; no consent and no
 * exception is an error.
 */
function checkForeign(ctx: RuleContext): RuleFinding[] {
  const out = foreignCountry(ctx);
  const perBasis = hasField(ctx, '外国提供の根拠');
  const rows = ledgerRows(ctx);
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
    if (perBasis) {
      const f = foreignBasis(rec);
      if (f) out.push(f);
      continue;
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

// ---- version 2: the basis of a transfer abroad, records, notice, data location ---------------------------------

/** Splits a cell naming one or more countries (ドイツ、フランス / 日本（東京リージョン）) into folded names. */
function countries(text: string): string[] {
  return foldWidth(text)
    .replace(/\([^)]*\)/gu, '')
    .split(/[、,，;；/\n]|及び|および/u)
    .map((c) => c.replace(/\s+/gu, '').toLowerCase())
    .filter((c) => c.length > 0);
}

/**
 * The countries Japan recognises as having an equivalent regime (個人情報保護法第28条第1項; 平成31年個人情報保護
 * 委員会告示第1号): the member states of the EEA and the United Kingdom.
 */
const ADEQUATE = new Set(
  [
    'EU',
    'EEA',
    '欧州連合',
    '欧州経済領域',
    'EU加盟国',
    'アイスランド',
    'アイルランド',
    'イタリア',
    'エストニア',
    'オーストリア',
    'オランダ',
    'キプロス',
    'ギリシャ',
    'ギリシア',
    'クロアチア',
    'スウェーデン',
    'スペイン',
    'スロバキア',
    'スロヴァキア',
    'スロベニア',
    'スロヴェニア',
    'チェコ',
    'デンマーク',
    'ドイツ',
    'ノルウェー',
    'ハンガリー',
    'フィンランド',
    'フランス',
    'ブルガリア',
    'ベルギー',
    'ポーランド',
    'ポルトガル',
    'マルタ',
    'ラトビア',
    'リトアニア',
    'リヒテンシュタイン',
    'ルーマニア',
    'ルクセンブルク',
    'ルクセンブルグ',
    '英国',
    'イギリス',
    '連合王国',
    'Iceland',
    'Ireland',
    'Italy',
    'Estonia',
    'Austria',
    'Netherlands',
    'Cyprus',
    'Greece',
    'Croatia',
    'Sweden',
    'Spain',
    'Slovakia',
    'Slovenia',
    'Czechia',
    'Czech Republic',
    'Denmark',
    'Germany',
    'Norway',
    'Hungary',
    'Finland',
    'France',
    'Bulgaria',
    'Belgium',
    'Poland',
    'Portugal',
    'Malta',
    'Latvia',
    'Lithuania',
    'Liechtenstein',
    'Romania',
    'Luxembourg',
    'UK',
    'United Kingdom',
    'Great Britain',
    'Britain',
  ].map((c) => foldWord(c)),
);
const strip = (c: string): string => c.replace(/(?:共和国|王国|連邦共和国)$/u, '');
const isAdequate = (c: string): boolean => ADEQUATE.has(c) || ADEQUATE.has(strip(c));

/**
 * Version 2's judgment of a transfer abroad, by its recorded basis (個人情報保護法第28条第1項): none recorded is an
 * error; 十分性認定国 for a country outside the EEA and the UK is a warning; 法令に基づく等 needs its reason.
 */
function foreignBasis(rec: Row): RuleFinding | null {
  if (invalid(rec, '外国提供の根拠')) return null;
  const basis = rec.values['外国提供の根拠'];
  if (basis === null || basis === undefined) {
    return finding(
      rec,
      '外国提供の根拠',
      `${nameJa(rec)}は外国にある第三者へ提供しますが、外国提供の根拠が未記入です。取得時の同意は外国にある第三者への提供の同意を兼ねません。根拠（本人同意、十分性認定国（EU・英国）にある提供先、基準に適合する体制を整備した提供先、法令に基づく提供等）を一覧から選んでください。本人同意による場合は、提供先の国名、その国の個人情報保護制度、提供先が講じる措置をあらかじめ本人に情報提供したうえで同意を得ます（§4.4.2.8.1、個人情報保護法第28条第1項・第2項）。`,
      `${nameEn(rec)} is provided to a party abroad, but the basis of the transfer is empty. Consent at collection is not consent to a transfer abroad. Pick the basis from the list: the person's consent; a recipient in the EU or the UK (adequacy); a recipient with a system meeting the PPC's standards; provision required by law etc. Consent must follow telling the person the country, its data-protection regime and the recipient's safeguards (§4.4.2.8.1; APPI art. 28(1)–(2)).`,
    );
  }
  if (basis === BASIS_ADEQUACY) {
    const named = str(rec, '提供先国');
    const outside = named ? countries(named).filter((c) => !isAdequate(c)) : [];
    if (outside.length === 0) return null;
    return finding(
      rec,
      '外国提供の根拠',
      `${nameJa(rec)}は外国提供の根拠を「${BASIS_ADEQUACY}」としていますが、提供先国「${named}」は、日本と同等の水準にあると認められた国（EU・EEA加盟国及び英国）に当たりません。本人同意又は基準適合体制など、実際の根拠を選んでください（§4.4.2.8.1、個人情報保護法第28条第1項、平成31年個人情報保護委員会告示第1号）。`,
      `${nameEn(rec)} gives adequacy (EU/UK) as the basis of its transfer abroad, but the recipient country "${named}" is not one Japan recognises as equivalent (the EEA member states and the UK). Pick the actual basis, such as consent or a recipient with a system meeting the PPC's standards (§4.4.2.8.1; APPI art. 28(1); PPC Notice No. 1 of 2019).`,
      'warning',
    );
  }
  if (basis === BASIS_LAW && empty(rec, 'ただし書き・理由')) {
    return finding(
      rec,
      'ただし書き・理由',
      `${nameJa(rec)}は外国提供の根拠を「${BASIS_LAW}」としていますが、理由が未記入です。根拠となる法令又は該当するただし書き（§4.4.2.3の(1)〜(4)）を記入してください（§4.4.2.8.1、個人情報保護法第28条第1項・第27条第1項各号）。`,
      `${nameEn(rec)} gives provision required by law etc. as the basis of its transfer abroad, but no reason is given. Name the law or the exception (§4.4.2.3 (1)–(4)) that applies (§4.4.2.8.1; APPI arts. 28(1), 27(1)).`,
    );
  }
  return null;
}

/**
 * The record of a provision (§4.4.2.8.2, 個人情報保護法第29条) and of a receipt (§4.4.2.8.3, 第30条). A provision
 * needs one when it rests on consent: an exception of 第27条第1項各号 (recorded as 不要(ただし書き適用)) and
 * outsourcing, joint use or succession need none — except that a transfer abroad on the person's consent needs one
 * even to a contractor or joint user (第29条第1項ただし書の括弧書). Data received from a third party needs the
 * provider confirmed and a record.
 */
function checkRecord(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const rows = ledgerRows(ctx);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    if (!empty(rec, '提供・受領の記録')) continue;
    const provided = isYes(rec, '第三者提供') && consentObtained(rec, '第三者提供の同意');
    const abroad = isYes(rec, '外国第三者提供') && rec.values['外国提供の根拠'] === BASIS_CONSENT;
    const received = rec.values['取得形態'] === RECEIVED;
    if (!provided && !abroad && !received) continue;
    if (received && !provided && !abroad) {
      out.push(
        finding(
          rec,
          '提供・受領の記録',
          `${nameJa(rec)}は第三者から提供を受けていますが、提供・受領の記録が未記入です。提供を受ける際は、提供元の名称・住所・代表者と、提供元がその個人データを取得した経緯を確認し、その記録を作成・保存しなければなりません。記録の様式と保管場所を記入してください（提供元が法令に基づいて提供した場合など確認が不要なときは、その理由）（§4.4.2.8.3、個人情報保護法第30条）。`,
          `${nameEn(rec)} was received from a third party, but the record of receipt is empty. On receipt, confirm the provider's name, address and representative and how the provider obtained the data, and keep a record of it. Enter the record's form and where it is kept (or why no confirmation is needed, e.g. the provider was required by law to provide it) (§4.4.2.8.3; APPI art. 30).`,
        ),
      );
      continue;
    }
    const why =
      abroad && !provided
        ? {
            ja: '外国にある第三者へ本人の同意に基づいて提供する場合は、委託や共同利用に伴う提供であっても記録が必要です（個人情報保護法第29条第1項ただし書）',
            en: "a transfer abroad on the person's consent needs a record even when it is to a contractor or a joint user (APPI art. 29(1) proviso)",
          }
        : {
            ja: '本人の同意に基づいて第三者に提供したときは、提供先の名称、本人の氏名、提供した項目、本人の同意を得ている旨などの記録を作成し、法令の定める期間保存しなければなりません（個人情報保護法第29条、施行規則第19条〜第21条）',
            en: "a provision on the person's consent needs a record of the recipient, whose data, which items and that the person consented, kept for the period the rules set (APPI art. 29; Enforcement Rules arts. 19–21)",
          };
    out.push(
      finding(
        rec,
        '提供・受領の記録',
        `${nameJa(rec)}は第三者に提供しますが、提供・受領の記録が未記入です。${why.ja}。記録の様式と保管場所を記入してください（§4.4.2.8.2）。${received ? '第三者から受領した際の確認の記録（第30条）も同じ欄に記入してください。' : ''}`,
        `${nameEn(rec)} is provided to a third party, but the record of provision is empty: ${why.en}. Enter the record's form and where it is kept (§4.4.2.8.2).${received ? ' Note the record of the confirmation on receipt (art. 30) there too.' : ''}`,
      ),
    );
  }
  return out;
}

/**
 * Where the data comes from and how its purpose was told to the person: 明示 at direct written collection
 * (§4.4.2.4, 個人情報保護法第21条第2項), 通知又は公表 otherwise (§4.4.2.5, 第21条第1項). Entrusted data is the
 * client's to notify. A warning: the purpose may be evident from the circumstances, which the column then says.
 */
function checkNotice(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const rows = ledgerRows(ctx);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    const how = rec.values['取得形態'];
    if (!how || typeof how !== 'string') continue;
    const direct = how === DIRECT_WRITTEN || how === '本人から直接(書面以外)';
    if (!direct && empty(rec, '取得元')) {
      out.push(
        finding(
          rec,
          '取得元',
          `${nameJa(rec)}は本人以外から取得していますが（${how}）、取得元が未記入です。適法かつ公正な手段で取得したことを示せるよう、取得元（委託元・提供元などの名称）を記入してください（§4.4.2.2）。`,
          `${nameEn(rec)} was not obtained from the person (${how}), but its source is empty. Name the source (the client or the provider) so that lawful and fair collection can be shown (§4.4.2.2).`,
        ),
      );
    }
    if (how === ENTRUSTED || !empty(rec, '明示・通知・公表の方法')) continue;
    out.push(
      how === DIRECT_WRITTEN
        ? finding(
            rec,
            '明示・通知・公表の方法',
            `${nameJa(rec)}は本人から直接書面で取得していますが、明示・通知・公表の方法が未記入です。取得前に利用目的などを書面で明示した文書・画面の名称（例: 「個人情報の取扱いについて」同意書、Webフォームの同意画面）を記入してください（§4.4.2.4、個人情報保護法第21条第2項）。`,
            `${nameEn(rec)} is collected in writing directly from the person, but how the purpose was stated is empty. Name the document or screen that stated the purpose etc. in writing before collection (e.g. the consent form, the web form's consent screen) (§4.4.2.4; APPI art. 21(2)).`,
          )
        : finding(
            rec,
            '明示・通知・公表の方法',
            `${nameJa(rec)}の明示・通知・公表の方法が未記入です。利用目的をあらかじめ公表している場合はその場所（例: 当社Webサイトのプライバシーポリシー）を、取得後に通知・公表した場合はその方法を、取得の状況から利用目的が明らかな場合はその旨を記入してください（§4.4.2.5、個人情報保護法第21条第1項・第4項）。`,
            `${nameEn(rec)}: how the purpose was notified or published is empty. Say where the purpose is published (e.g. the privacy policy on the website), how it was notified after collection, or that it is evident from the circumstances (§4.4.2.5; APPI art. 21(1), (4)).`,
          ),
    );
  }
  return out;
}

/**
 * Data held abroad (データの所在国, 外的環境の把握: 個人情報保護委員会 ガイドライン通則編10-7). An info: the safeguards
 * must take the country's regime into account, and a foreign contractor that handles the data receives it as a third
 * party abroad (第28条), which the ledger should then say.
 */
function checkLocation(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const rows = ledgerRows(ctx);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    const held = str(rec, 'データの所在国');
    if (!held) continue;
    const abroad = placesAbroad(held);
    if (abroad.length === 0) continue;
    const where = abroad.join('、');
    const flagged = isYes(rec, '外国第三者提供');
    out.push(
      finding(
        rec,
        'データの所在国',
        `${nameJa(rec)}のデータは外国（${where}）で保管・処理されています。その国の個人情報保護制度を把握したうえで安全管理措置を講じ、保有個人データであれば、その国の名称と制度を安全管理措置として本人の知り得る状態に置いてください（外的環境の把握：個人情報保護委員会 ガイドライン通則編10-7、個人情報保護法第32条第1項）。${flagged ? '' : '外国の事業者が委託先として個人データを取り扱う場合は外国にある第三者への提供に当たるため、外国第三者提供を「はい」として根拠を記入してください（第28条）。'}`,
        `${nameEn(rec)} is stored or processed abroad (${where}). Learn that country's data-protection regime and take it into account in the safeguards; for retained personal data, make the country and its regime known to the persons as part of the safeguards (understanding the external environment: PPC General Guidelines 10-7; APPI art. 32(1)).${flagged ? '' : ' If a company abroad handles the data as a contractor, that is provision to a third party abroad: mark it and record its basis (art. 28).'}`,
      ),
    );
  }
  return out;
}

// ---- PL-LEAK: may have to be reported if leaked -----------------------------------------------------------------

/**
 * Items whose misuse may cause financial loss (施行規則第7条第2号: クレジットカード番号, ネットバンキングのID・パスワード).
 * A bare カード番号 is left out: in a ledger it is as often an access card's (入退室記録).
 */
const FINANCIAL =
  /クレジットカード|クレカ|デビットカード|暗証番号|セキュリティコード|ネットバンキング|インターネットバンキング/u;

/**
 * Why a leak of this row's data may have to be reported to the PPC and notified to the persons (個人情報保護法第26条,
 * 施行規則第7条) or to the PPC under the My Number Act (番号法第29条の4, 特定個人情報の漏えい等に関する報告等に関する
 * 規則第2条), as far as the ledger can tell. 不正の目的 (第7条第3号) depends on the incident, not on the data.
 */
export function leakReasons(rec: Row): Text[] {
  const reasons: Text[] = [];
  if (isYes(rec, '要配慮個人情報')) {
    reasons.push({
      ja: '要配慮個人情報を含む（施行規則第7条第1号）',
      en: 'holds special-care information (Enforcement Rules art. 7(i))',
    });
  }
  const items = foldWidth(rec.raw['個人情報の項目'] ?? '');
  const money = FINANCIAL.exec(items);
  if (money) {
    reasons.push({
      ja: `不正に利用されると財産的被害が生じるおそれのある項目（${money[0]}）を含む（同第2号）`,
      en: `holds items whose misuse may cause financial loss (${money[0]}) (art. 7(ii))`,
    });
  }
  const n = rec.values['件数'];
  if (typeof n === 'number' && n > 1000) {
    reasons.push({
      ja: `件数が${n.toLocaleString('ja-JP')}件で、本人の数が1,000人を超え得る（同第4号）`,
      en: `${n.toLocaleString('en-US')} records: more than 1,000 persons may be affected (art. 7(iv))`,
    });
  }
  if (isYes(rec, '特定個人情報') && typeof n === 'number' && n > 100) {
    reasons.push({
      ja: '特定個人情報を含み、本人の数が100人を超え得る（番号法第29条の4、特定個人情報の漏えい等に関する報告等に関する規則第2条）',
      en: 'holds My Number data of possibly more than 100 persons (My Number Act art. 29-4; PPC Rules on reporting leaks of My Number data, art. 2)',
    });
  }
  return reasons;
}

function checkLeak(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const rows = ledgerRows(ctx);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    const reasons = leakReasons(rec);
    if (reasons.length === 0) continue;
    const entrusted = rec.values['取得形態'] === ENTRUSTED;
    out.push(
      finding(
        rec,
        null,
        `${nameJa(rec)}は、漏えい・滅失・毀損が発生した（又はそのおそれがある）場合に、個人情報保護委員会への報告と本人への通知が必要となり得ます：${reasons.map((r) => r.ja).join('、')}。高度な暗号化などの措置を講じたデータは対象外です。また、不正アクセスなど不正の目的によるおそれがある漏えい等は、この行に限らず報告の対象です（同第3号）。対象となる場合は速やかに速報を、原則30日以内（不正の目的によるおそれがある場合は60日以内）に確報をします。緊急時の対応手順で、この台帳の行を対象として扱えるようにしてください（§4.3.9、個人情報保護法第26条、施行規則第7条・第8条）。${entrusted ? '受託した個人情報は、委託元に速やかに通知すれば当社の報告は不要ですが、委託元へは直ちに報告します（§4.3.9(4)、同法第26条第1項ただし書）。' : ''}`,
        `${nameEn(rec)} may have to be reported to the PPC, and the persons notified, if it is leaked, lost or damaged (or may have been): ${reasons.map((r) => r.en).join('; ')}. Data protected by strong encryption or similar measures is exempt; a leak that may stem from a wrongful purpose (unauthorised access, for instance) is reportable for any row (art. 7(iii)). When it applies, file a preliminary report promptly and the full report within 30 days (60 days where a wrongful purpose is suspected). Make sure the incident procedure covers this row (§4.3.9; APPI art. 26; Enforcement Rules arts. 7–8).${entrusted ? ' For entrusted data, notifying the client promptly relieves the company of the report; report to the client at once in any case (§4.3.9(4); APPI art. 26(1) proviso).' : ''}`,
      ),
    );
  }
  return out;
}

// ---- PL-RESIDUAL: the risk sheet's ratings and the approval of a high residual risk -----------------------------

const rank = (v: unknown): number => RESIDUAL.length - RESIDUAL.findIndex((o) => o.value === v);

function checkResidual(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const rows = riskRows(ctx);
  for (let i = 0; i < rows.length; i++) {
    const rec = rows[i];
    const id = rec.raw['管理番号'] ?? `${rec.row}行目`;
    const stage = rec.raw['局面'] ?? '';
    const residual = str(rec, '残留リスク');
    const inherent = str(rec, '固有リスク');
    if (residual && inherent && rank(residual) > rank(inherent)) {
      out.push(
        finding(
          rec,
          '残留リスク',
          `管理番号 ${id}（${stage}）の残留リスク「${residual}」が、対策前の固有リスク「${inherent}」より高くなっています。対策後のリスクは対策前より高くなりません。評価を見直してください（§4.3.5）。`,
          `Control no. ${id} (${stage}): the residual risk "${residual}" is higher than the inherent risk "${inherent}". Safeguards cannot raise a risk; review the ratings (§4.3.5).`,
          'warning',
        ),
      );
    }
    if (residual !== '高') continue;
    const missing = (['残留リスクの承認者', '承認日', '見直し期限'] as const).filter((k) => empty(rec, k));
    if (missing.length > 0) {
      out.push(
        finding(
          rec,
          missing[0],
          `管理番号 ${id}（${stage}）の残留リスクが「高」ですが、${missing.map((k) => `「${k}」`).join('')}が未記入です。残留リスクが高いまま取り扱う場合は、個人情報保護管理者などがそのリスクを受け入れることを承認し、対策を見直す期限を決めて記録してください（§4.3.5）。`,
          `Control no. ${id} (${stage}) has a high residual risk, but ${missing.join(', ')} ${missing.length > 1 ? 'are' : 'is'} empty. Handling data at a high residual risk needs the personal information protection manager (or another accountable person) to approve accepting it, with a date by which the safeguards are reviewed (§4.3.5).`,
        ),
      );
      continue;
    }
    const due = str(rec, '見直し期限');
    if (due && compareIso(due, ctx.asOf) < 0) {
      out.push(
        finding(
          rec,
          '見直し期限',
          `管理番号 ${id}（${stage}）の残留リスク「高」の見直し期限 ${due} を過ぎています。対策を見直して残留リスクを評価し直すか、改めて承認を得てください（§4.3.5）。`,
          `Control no. ${id} (${stage}): the review date ${due} of its high residual risk has passed. Review the safeguards and rate the risk again, or have its acceptance approved again (§4.3.5).`,
          'warning',
        ),
      );
    }
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
function myNumberExample(rec: Row): Text {
  switch (rec.values['本人区分']) {
    case '株主':
      return { ja: '配当金の支払調書の作成', en: 'dividend payment records for the tax office' };
    case '従業者':
    case '退職者':
    case '従業者の家族':
      return {
        ja: '源泉徴収票の作成、健康保険・厚生年金保険の届出',
        en: 'withholding tax slips, health-insurance and pension filings',
      };
    default:
      return { ja: '報酬・料金の支払調書の作成', en: 'payment records for fees paid to individuals' };
  }
}

function checkMyNumber(ctx: RuleContext): RuleFinding[] {
  const out: RuleFinding[] = [];
  const rows = ledgerRows(ctx);
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
export const CATCH_ALL_PHRASES: readonly string[] = [
  '各種業務',
  '業務全般',
  'その他業務',
  'その他の業務',
  '業務一般',
  '一切の業務',
];

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

function vagueFinding(rec: Row, purpose: string, v: Vagueness): RuleFinding {
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
  const rows = ledgerRows(ctx);
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
  const ledger = ledgerRows(ctx);
  const keys = ledger.map((rec) => {
    const id = str(rec, '管理番号');
    return id ? foldKey(id) : null;
  });
  /** The stages the risk sheet covers for each ledger key (null: none yet). */
  const stages = new Map<string, Set<string> | null>();
  for (let i = 0; i < keys.length; i++) if (keys[i] !== null) stages.set(keys[i]!, null);
  const out: RuleFinding[] = [];
  const risks = riskRows(ctx);
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
  { id: 'PL-REENTRUST', check: checkReentrust },
  { id: 'PL-OUTSOURCE', check: checkOutsource },
  { id: 'PL-THIRDPARTY', check: checkThirdParty },
  { id: 'PL-JOINT', check: checkJoint },
  { id: 'PL-FOREIGN', check: checkForeign },
  { id: 'PL-MYNUMBER', check: checkMyNumber },
  { id: 'PL-VAGUE', check: checkVague },
  { id: 'PL-RISK', check: checkRisk },
  { id: 'PL-LEAK', check: checkLeak },
  { id: 'PL-NOTICE', since: 2, check: checkNotice },
  { id: 'PL-RECORD', since: 2, check: checkRecord },
  { id: 'PL-LOCATION', since: 2, check: checkLocation },
  { id: 'PL-RESIDUAL', since: 2, check: checkResidual },
];
