import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { type CellValue } from '../../templates/model/grid.js';
import { foldLabel, foldText } from '../../templates/model/fold.js';
import {
  cellText,
  corpNoCheckDigit,
  NO,
  normaliseCell,
  YES,
  type NormResult,
} from '../../templates/model/normalise.js';
import type { EnumOption, FieldType } from '../../templates/model/types.js';

const INTEGER: FieldType = { kind: 'integer' };
const COUNT: FieldType = { kind: 'integer', min: 0 };
const NUMBER: FieldType = { kind: 'number' };
const PERCENT: FieldType = { kind: 'number', percent: true };
const DATE: FieldType = { kind: 'date' };
const PERIOD: FieldType = { kind: 'period' };
const YESNO: FieldType = { kind: 'yesno' };
const EMAIL: FieldType = { kind: 'email' };
const URL_: FieldType = { kind: 'url' };
const CORPNO: FieldType = { kind: 'corpno' };
const TEXT: FieldType = { kind: 'text' };

const ACQUISITION: EnumOption[] = [
  { value: '本人から直接書面で取得', en: 'Directly from the person, in writing' },
  { value: '本人から直接(書面以外)', en: 'Directly from the person, not in writing' },
  { value: '本人以外から間接取得', en: 'Indirectly' },
  { value: '受託', en: 'Entrusted', synonyms: ['委託を受けて取得'] },
  { value: '第三者提供を受領', en: 'Received from a third party' },
];
const ENUM: FieldType = { kind: 'enum', options: ACQUISITION };
const MEDIUM: FieldType = {
  kind: 'enum',
  options: [
    { value: '紙', en: 'Paper' },
    { value: '電子', en: 'Electronic', synonyms: ['電子データ', 'PDF'] },
  ],
};

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

function okValue(r: NormResult) {
  expect(r.kind).toBe('ok');
  return r.kind === 'ok' ? { value: r.value, text: r.text } : undefined;
}

function invalidOf(r: NormResult) {
  expect(r.kind).toBe('invalid');
  return r.kind === 'invalid' ? r : { rule: '', message: { ja: '', en: '' } };
}

describe('foldText', () => {
  it.each([
    ['  本人から直接（書面以外） ', '本人から直接(書面以外)'],
    ['ＡＢＣ　１２３', 'ABC 123'],
    ['a \t\n  b', 'a b'],
    ['ﾊｲ', 'ハイ'],
    ['\u200bはい\ufeff', 'はい'],
    ['\u3000\u3000', ''],
  ])('%j → %j', (s, expected) => {
    expect(foldText(s)).toBe(expected);
  });
});

describe('cellText', () => {
  it.each<[CellValue, string | null]>([
    [null, null],
    ['', null],
    ['   ', null],
    ['\u3000\n', null],
    ['  約100 ', '  約100 '],
    ['\u200b\ufeff ', null],
    ['\u00a0\u2003', null],
    ['x', 'x'],
    ['ａ', 'ａ'],
    ['ゝ', 'ゝ'],
    ['゛', '゛'],
    ['一', '一'],
    ['\u200bA', '\u200bA'],
    [120, '120'],
    [0, '0'],
    [1.5, '1.5'],
    [true, 'TRUE'],
    [false, 'FALSE'],
    [utc(2024, 4, 1), '2024-04-01'],
    [{ error: '#REF!' }, '#REF!'],
    [{ error: '#N/A' }, '#N/A'],
  ])('%j → %j', (v, expected) => {
    expect(cellText(v)).toBe(expected);
  });
});

describe('empty and error cells, every kind', () => {
  const kinds: FieldType[] = [TEXT, INTEGER, NUMBER, PERCENT, DATE, PERIOD, YESNO, ENUM, EMAIL, URL_, CORPNO];
  it.each(kinds)('$kind: null, "", whitespace → empty', (type) => {
    for (const v of [null, '', '   ', '\u3000', '\t\n']) expect(normaliseCell(type, v)).toEqual({ kind: 'empty' });
  });

  it.each(kinds)('$kind: #REF! → V-FORMULA', (type) => {
    expect(normaliseCell(type, { error: '#REF!' })).toEqual({
      kind: 'invalid',
      rule: 'V-FORMULA',
      message: {
        ja: 'セルがエラー値「#REF!」になっています。数式の参照先を確認するか、値を直接入力してください。',
        en: 'The cell shows the error value #REF!. Check what the formula refers to, or enter the value directly.',
      },
    });
  });

  it('#N/A is named in the message', () => {
    const r = invalidOf(normaliseCell(YESNO, { error: '#N/A' }));
    expect(r.rule).toBe('V-FORMULA');
    expect(r.message.ja).toContain('#N/A');
    expect(r.message.en).toContain('#N/A');
  });
});

describe('text', () => {
  it.each<[CellValue, string]>([
    ['顧客名簿', '顧客名簿'],
    ['  顧客名簿\u3000', '顧客名簿'],
    ['氏名、住所\n電話番号', '氏名、住所\n電話番号'],
    [120, '120'],
    [true, 'TRUE'],
    [utc(2024, 4, 1), '2024-04-01'],
  ])('%j → %j', (v, expected) => {
    expect(normaliseCell(TEXT, v)).toEqual({ kind: 'ok', value: expected, text: expected });
  });
});

describe('integer', () => {
  it.each<[CellValue, number]>([
    [120, 120],
    [0, 0],
    [-3, -3],
    ['120', 120],
    ['１２０', 120],
    ['1,200', 1200],
    ['１，２００', 1200],
    ['12,345,678', 12345678],
    ['  42  ', 42],
    ['\u3000４２\u3000', 42],
    ['120件', 120],
    ['120 件', 120],
    ['３名', 3],
    ['5人', 5],
    ['1.0', 1],
    ['+7', 7],
    ['\u22127', -7],
  ])('%j → %d', (v, n) => {
    expect(normaliseCell(INTEGER, v)).toEqual({ kind: 'ok', value: n, text: String(n) });
  });

  it('約100 → V-NUMBER quoting the value in both languages, with the qualifier hint', () => {
    expect(normaliseCell(INTEGER, '約100')).toEqual({
      kind: 'invalid',
      rule: 'V-NUMBER',
      message: {
        // Not 「補足は備考欄に」: the 回答者情報 and 評価票 sheets have no 備考 (review §7 item 5).
        ja: '「約100」は数値として読めません。整数を半角または全角の数字だけで入力してください（例: 100）。「約」「以上」などの語は付けないでください。',
        en: '"約100" is not a number. Enter a whole number using digits only (e.g. 100). Leave out words such as 約 (about) or 以上 (or more).',
      },
    });
  });

  it('多数 → V-NUMBER without the qualifier hint', () => {
    expect(normaliseCell(INTEGER, '多数')).toEqual({
      kind: 'invalid',
      rule: 'V-NUMBER',
      message: {
        ja: '「多数」は数値として読めません。整数を半角または全角の数字だけで入力してください（例: 100）。',
        en: '"多数" is not a number. Enter a whole number using digits only (e.g. 100).',
      },
    });
  });

  it.each<[CellValue, string]>([
    ['100以上', '100以上'],
    ['1000~2000', '1000~2000'],
    ['1,2,3', '1,2,3'],
    ['12,00', '12,00'],
    ['1 200', '1 200'],
    ['1e3', '1e3'],
    ['100円', '100円'],
    [true, 'TRUE'],
    [utc(2024, 4, 1), '2024-04-01'],
    [Number.NaN, 'NaN'],
  ])('%j → V-NUMBER not a number', (v, q) => {
    const r = invalidOf(normaliseCell(INTEGER, v));
    expect(r.rule).toBe('V-NUMBER');
    expect(r.message.ja).toContain(`「${q}」は数値として読めません。`);
    expect(r.message.en).toContain(`"${q}" is not a number.`);
  });

  it.each<[CellValue, string]>([
    ['1.5', '1.5'],
    [1.5, '1.5'],
    ['１．５', '１．５'],
  ])('%j → V-NUMBER not a whole number', (v, q) => {
    expect(normaliseCell(INTEGER, v)).toEqual({
      kind: 'invalid',
      rule: 'V-NUMBER',
      message: {
        ja: `「${q}」は整数ではありません。小数点のない整数で入力してください（例: 100）。`,
        en: `"${q}" is not a whole number. Enter a whole number without decimals (e.g. 100).`,
      },
    });
  });

  it('below min names the bound', () => {
    expect(normaliseCell(COUNT, '-1')).toEqual({
      kind: 'invalid',
      rule: 'V-NUMBER',
      message: {
        ja: '「-1」は下限の0を下回っています。0以上の値を入力してください。',
        en: '"-1" is below the minimum of 0. Enter 0 or more.',
      },
    });
    expect(normaliseCell(COUNT, 0)).toEqual({ kind: 'ok', value: 0, text: '0' });
  });

  it('above max names the bound', () => {
    expect(normaliseCell({ kind: 'integer', min: 1, max: 5 }, '６')).toEqual({
      kind: 'invalid',
      rule: 'V-NUMBER',
      message: {
        ja: '「６」は上限の5を超えています。5以下の値を入力してください。',
        en: '"６" is above the maximum of 5. Enter 5 or less.',
      },
    });
    expect(normaliseCell({ kind: 'integer', min: 1, max: 5 }, 5)).toEqual({ kind: 'ok', value: 5, text: '5' });
  });
});

describe('number', () => {
  it.each<[CellValue, number]>([
    [12.5, 12.5],
    ['12.5', 12.5],
    ['１２．５', 12.5],
    ['1,234.5', 1234.5],
    ['-0.25', -0.25],
  ])('%j → %d', (v, n) => {
    expect(normaliseCell(NUMBER, v)).toEqual({ kind: 'ok', value: n, text: String(n) });
  });

  it('80% is not a number without the percent option', () => {
    expect(invalidOf(normaliseCell(NUMBER, '80%')).message.ja).toBe(
      '「80%」は数値として読めません。数値を半角または全角の数字だけで入力してください（例: 12.5）。',
    );
  });
});

describe('number with percent', () => {
  it.each<[CellValue, number, string]>([
    ['80%', 0.8, '80%'],
    ['８０％', 0.8, '80%'],
    ['80 %', 0.8, '80%'],
    ['7%', 0.07, '7%'],
    ['33.3%', 0.333, '33.3%'],
    ['100%', 1, '100%'],
    ['0%', 0, '0%'],
    [0.8, 0.8, '80%'],
    ['0.8', 0.8, '80%'],
    [1, 1, '100%'],
    [0.07, 0.07, '7%'],
  ])('%j → %d (%s)', (v, n, text) => {
    expect(normaliseCell(PERCENT, v)).toEqual({ kind: 'ok', value: n, text });
  });

  it('a plain 80 asks for % or a fraction', () => {
    expect(normaliseCell(PERCENT, 80)).toEqual({
      kind: 'invalid',
      rule: 'V-NUMBER',
      message: {
        ja: '「80」は割合としては大きすぎます。%を付けて「80%」とするか、0〜1の小数（例: 0.8）で入力してください。',
        en: '"80" is too large for a percentage. Add a % sign (80%) or enter a fraction between 0 and 1 (e.g. 0.8).',
      },
    });
  });

  it('120% is above the maximum of 100%', () => {
    expect(normaliseCell(PERCENT, '120%')).toEqual({
      kind: 'invalid',
      rule: 'V-NUMBER',
      message: {
        ja: '「120%」は上限の100%を超えています。100%以下の値を入力してください。',
        en: '"120%" is above the maximum of 100%. Enter 100% or less.',
      },
    });
  });

  it('-5% is below the minimum of 0%', () => {
    expect(invalidOf(normaliseCell(PERCENT, '-5%')).message.en).toBe(
      '"-5%" is below the minimum of 0%. Enter 0% or more.',
    );
  });

  it('約80% gets the percent example and the qualifier hint', () => {
    expect(invalidOf(normaliseCell(PERCENT, '約80%')).message.ja).toBe(
      '「約80%」は数値として読めません。割合を「80%」または「0.8」のように入力してください。「約」「以上」などの語は付けないでください。',
    );
  });
});

describe('date', () => {
  it.each<[CellValue, string]>([
    ['2024-04-01', '2024-04-01'],
    ['2024-04-01T00:00:00', '2024-04-01'],
    ['2024/4/1', '2024-04-01'],
    ['2024.4.1', '2024-04-01'],
    ['2024年4月1日', '2024-04-01'],
    ['2024年4月1日(月)', '2024-04-01'],
    ['20240401', '2024-04-01'],
    ['R6.4.1', '2024-04-01'],
    ['R6/4/1', '2024-04-01'],
    ['r6.4.1', '2024-04-01'],
    ['令和6年4月1日', '2024-04-01'],
    ['令和６年４月１日', '2024-04-01'],
    ['令和元年5月1日', '2019-05-01'],
    ['平成31年4月30日', '2019-04-30'],
    ['H31.4.30', '2019-04-30'],
    ['平成31年5月1日', '2019-05-01'],
    ['昭和64年1月7日', '1989-01-07'],
    ['S64.1.7', '1989-01-07'],
    ['大正15年12月24日', '1926-12-24'],
    ['明治45年7月29日', '1912-07-29'],
    ['２０２４／４／１', '2024-04-01'],
    [45383, '2024-04-01'],
    [45383.75, '2024-04-01'],
    [61, '1900-03-01'],
    [59, '1900-02-28'],
    [1, '1900-01-01'],
    [2958465, '9999-12-31'],
    [20240401, '2024-04-01'],
    [utc(2024, 4, 1), '2024-04-01'],
    [new Date(Date.UTC(2024, 3, 1, 12)), '2024-04-01'],
  ])('%j → %s', (v, iso) => {
    expect(normaliseCell(DATE, v)).toEqual({ kind: 'ok', value: iso, text: iso });
  });

  it.each<[number, string]>([
    [43921, '2024-04-01'],
    [0, '1904-01-01'],
    [1, '1904-01-02'],
  ])('1904 system: %d → %s', (serial, iso) => {
    expect(normaliseCell(DATE, serial, { date1904: true })).toEqual({ kind: 'ok', value: iso, text: iso });
  });

  it('the same serial is a different day in the 1904 system', () => {
    expect(okValue(normaliseCell(DATE, 45383, { date1904: false }))?.value).toBe('2024-04-01');
    expect(okValue(normaliseCell(DATE, 45383, { date1904: true }))?.value).toBe('2028-04-02');
  });

  it('serial 60 (Excel’s fake 1900-02-29) → V-DATE naming the problem', () => {
    expect(normaliseCell(DATE, 60)).toEqual({
      kind: 'invalid',
      rule: 'V-DATE',
      message: {
        ja: '「60」は正しい日付ではありません（Excelのシリアル値60は実在しない1900年2月29日です）。実在する日付を入力してください。',
        en: '"60" is not a valid date: serial 60 is Excel\'s non-existent 1900-02-29. Enter a date that exists.',
      },
    });
    expect(okValue(normaliseCell(DATE, 60, { date1904: true }))?.value).toBe('1904-03-01');
  });

  it.each<[CellValue, boolean]>([
    [0, false],
    [-1, false],
    [2958466, false],
    [-1, true],
    [2957004, true],
  ])('serial %d (1904=%s) is out of range', (v, date1904) => {
    const r = invalidOf(normaliseCell(DATE, v, { date1904 }));
    expect(r.rule).toBe('V-DATE');
    expect(r.message.ja).toContain('（日付のシリアル値として範囲外です）');
    expect(r.message.en).toContain('it is out of range for an Excel date serial');
  });

  it.each<[string, string, string]>([
    ['2024-02-30', '2024年2月は29日までです', '2024-02 has 29 days'],
    ['2023/2/29', '2023年2月は28日までです', '2023-02 has 28 days'],
    ['令和6年13月1日', '月は1〜12です', 'the month must be 1–12'],
    ['令和元年4月1日', '令和は2019年5月1日からです', 'the Reiwa era began on 2019-05-01'],
    ['H0.1.1', '平成は元年（1年）から数えます', 'Heisei years start at 1 (元年)'],
  ])('%j → V-DATE: %s', (text, ja, en) => {
    expect(normaliseCell(DATE, text)).toEqual({
      kind: 'invalid',
      rule: 'V-DATE',
      message: {
        ja: `「${text}」は正しい日付ではありません（${ja}）。実在する日付を入力してください。`,
        en: `"${text}" is not a valid date: ${en}. Enter a date that exists.`,
      },
    });
  });

  it.each<[CellValue, string]>([
    ['未定', '未定'],
    ['4/1', '4/1'],
    ['24/4/1', '24/4/1'],
    ['契約終了後5年', '契約終了後5年'],
    [true, 'TRUE'],
  ])('%j is not a date', (v, q) => {
    expect(normaliseCell(DATE, v)).toEqual({
      kind: 'invalid',
      rule: 'V-DATE',
      message: {
        ja: `「${q}」は日付として読めません。「2024-04-01」「2024/4/1」「令和6年4月1日」「R6.4.1」のいずれかの形で入力してください。`,
        en: `"${q}" is not a date. Enter it as 2024-04-01, 2024/4/1, 令和6年4月1日 or R6.4.1.`,
      },
    });
  });

  it('an invalid Date → V-DATE', () => {
    expect(invalidOf(normaliseCell(DATE, new Date(Number.NaN))).rule).toBe('V-DATE');
  });
});

describe('period', () => {
  it.each<[CellValue, string]>([
    ['2030-03-31', '2030-03-31'],
    ['令和12年3月31日', '2030-03-31'],
    ['R12.3.31', '2030-03-31'],
    [47938, '2031-03-31'],
    [utc(2030, 3, 31), '2030-03-31'],
  ])('date %j → { kind: date, iso: %s }', (v, iso) => {
    expect(normaliseCell(PERIOD, v)).toEqual({ kind: 'ok', value: { kind: 'date', iso }, text: iso });
  });

  it.each<[string, { event: string; years?: number; months?: number }, string]>([
    ['契約終了後5年', { event: '契約終了', years: 5 }, '契約終了後5年'],
    ['退職後3年', { event: '退職', years: 3 }, '退職後3年'],
    ['取得後1年', { event: '取得', years: 1 }, '取得後1年'],
    ['利用目的達成後6ヶ月', { event: '利用目的達成', months: 6 }, '利用目的達成後6ヶ月'],
    ['利用目的達成後6か月', { event: '利用目的達成', months: 6 }, '利用目的達成後6か月'],
    ['利用目的達成後６カ月', { event: '利用目的達成', months: 6 }, '利用目的達成後6カ月'],
    ['６ヵ月', { event: '', months: 6 }, '6ヵ月'],
    ['5年', { event: '', years: 5 }, '5年'],
    ['５年間', { event: '', years: 5 }, '5年間'],
    ['5年後', { event: '', years: 5 }, '5年後'],
    ['1年6か月', { event: '', years: 1, months: 6 }, '1年6か月'],
    ['契約終了日から5年間', { event: '契約終了日', years: 5 }, '契約終了日から5年間'],
    ['退職後 ３年 保存', { event: '退職', years: 3 }, '退職後 3年 保存'],
    ['最後の取引後7年', { event: '最後の取引', years: 7 }, '最後の取引後7年'],
  ])('%j → after', (text, fields, normText) => {
    expect(normaliseCell(PERIOD, text)).toEqual({
      kind: 'ok',
      value: { kind: 'after', ...fields, text },
      text: normText,
    });
  });

  it('keeps the original text (trimmed) in the PeriodValue', () => {
    expect(normaliseCell(PERIOD, '  契約終了後５年 ')).toEqual({
      kind: 'ok',
      value: { kind: 'after', event: '契約終了', years: 5, text: '契約終了後５年' },
      text: '契約終了後5年',
    });
  });

  it.each(['永年', '永久', '無期限', '永年保存'])('%j → permanent', (text) => {
    expect(normaliseCell(PERIOD, text)).toEqual({ kind: 'ok', value: { kind: 'permanent', text }, text });
  });

  it.each(['未定', '約5年', '契約終了後', '0年', '5年以上', '6月', '1.5年', '永年?'])(
    '%j → V-DATE listing both forms',
    (text) => {
      expect(normaliseCell(PERIOD, text)).toEqual({
        kind: 'invalid',
        rule: 'V-DATE',
        message: {
          ja: `「${text}」は日付としても保存期間としても読めません。日付（例: 2030-03-31、令和12年3月31日）か、期間（例: 契約終了後5年、退職後3年、6か月、永年）で入力してください。`,
          en:
            `"${text}" is neither a date nor a retention period. Enter a date (e.g. 2030-03-31 or 令和12年3月31日) or a period ` +
            '(e.g. 契約終了後5年 = 5 years after the contract ends, 退職後3年, 6か月, 永年 = permanently).',
        },
      });
    },
  );

  it.each<[CellValue, string]>([
    [5, '5'],
    [0, '0'],
    [99, '99'],
    [7.5, '7.5'],
    ['5', '5'],
    ['５', '５'],
  ])('a bare %j is ambiguous → V-DATE', (v, q) => {
    expect(normaliseCell(PERIOD, v)).toEqual({
      kind: 'invalid',
      rule: 'V-DATE',
      message: {
        ja: `「${q}」だけでは日付か期間か分かりません。期間なら「${q}年」「契約終了後${q}年」、日付なら「2030-03-31」のように入力してください。`,
        en: `"${q}" alone could be a date or a period. For a period write ${q}年 or 契約終了後${q}年 (${q} years after the contract ends); for a date write 2030-03-31.`,
      },
    });
  });

  it('an impossible date stays a date problem', () => {
    expect(invalidOf(normaliseCell(PERIOD, '2024-02-30')).message.ja).toBe(
      '「2024-02-30」は正しい日付ではありません（2024年2月は29日までです）。実在する日付を入力してください。',
    );
  });
});

describe('yesno', () => {
  it.each<[CellValue]>([
    ['はい'],
    ['ハイ'],
    ['ﾊｲ'],
    ['○'],
    ['◯'],
    ['〇'],
    ['有'],
    ['有り'],
    ['あり'],
    ['yes'],
    ['Yes'],
    ['YES'],
    ['ｙｅｓ'],
    ['y'],
    ['Y'],
    ['true'],
    ['TRUE'],
    [true],
    ['✓'],
    ['✔'],
    ['レ'],
    ['該当'],
    [' はい '],
  ])('%j → はい', (v) => {
    expect(normaliseCell(YESNO, v)).toEqual({ kind: 'ok', value: YES, text: 'はい' });
  });

  it.each<[CellValue]>([
    ['いいえ'],
    ['イイエ'],
    ['×'],
    ['✕'],
    ['✗'],
    ['無'],
    ['無し'],
    ['なし'],
    ['no'],
    ['No'],
    ['n'],
    ['N'],
    ['false'],
    ['FALSE'],
    [false],
  ])('%j → いいえ', (v) => {
    expect(normaliseCell(YESNO, v)).toEqual({ kind: 'ok', value: NO, text: 'いいえ' });
  });

  it.each<[CellValue, string]>([
    ['たぶん', 'たぶん'],
    ['△', '△'],
    ['-', '-'],
    [1, '1'],
    ['yes!', 'yes!'],
  ])('%j → V-ENUM listing the choices', (v, q) => {
    expect(normaliseCell(YESNO, v)).toEqual({
      kind: 'invalid',
      rule: 'V-ENUM',
      message: {
        ja: `「${q}」は選択肢にありません。「はい」か「いいえ」で入力してください（「○」「×」でも構いません）。`,
        en: `"${q}" is not one of the choices. Enter はい (yes) or いいえ (no).`,
      },
    });
  });
});

describe('enum', () => {
  it.each<[CellValue, string, FieldType]>([
    ['本人から直接(書面以外)', '本人から直接(書面以外)', ENUM],
    ['本人から直接（書面以外）', '本人から直接(書面以外)', ENUM],
    [' 本人から 直接 （書面以外） ', '本人から直接(書面以外)', ENUM],
    ['受託', '受託', ENUM],
    ['委託を受けて取得', '受託', ENUM],
    ['Entrusted', '受託', ENUM],
    ['entrusted', '受託', ENUM],
    ['ＥＮＴＲＵＳＴＥＤ', '受託', ENUM],
    ['directly from the person, in writing', '本人から直接書面で取得', ENUM],
    ['紙', '紙', MEDIUM],
    ['paper', '紙', MEDIUM],
    ['電子データ', '電子', MEDIUM],
    ['pdf', '電子', MEDIUM],
  ])('%j → %s', (v, value, type) => {
    expect(normaliseCell(type, v)).toEqual({ kind: 'ok', value, text: value });
  });

  it('no match lists the ja values in ja and the en labels in en', () => {
    expect(normaliseCell(MEDIUM, 'USB')).toEqual({
      kind: 'invalid',
      rule: 'V-ENUM',
      message: {
        ja: '「USB」は選択肢にありません。次のいずれかを選んでください: 紙、電子。',
        en: '"USB" is not one of the allowed values. Choose one of: Paper, Electronic.',
      },
    });
  });

  it.each<[CellValue, string]>([
    ['本人から直接', '本人から直接'],
    [3, '3'],
  ])('%j → V-ENUM', (v, q) => {
    const r = invalidOf(normaliseCell(ENUM, v));
    expect(r.rule).toBe('V-ENUM');
    expect(r.message.ja).toBe(
      `「${q}」は選択肢にありません。次のいずれかを選んでください: 本人から直接書面で取得、本人から直接(書面以外)、本人以外から間接取得、受託、第三者提供を受領。`,
    );
  });
});

describe('email', () => {
  it.each<[string, string]>([
    ['privacy@example.co.jp', 'privacy@example.co.jp'],
    ['  first.last+pm@sub.example.com ', 'first.last+pm@sub.example.com'],
    ['ｐｒｉｖａｃｙ＠ｅｘａｍｐｌｅ．ｊｐ', 'privacy@example.jp'],
    ['privacy＠example.jp', 'privacy@example.jp'],
    ['mailto:privacy@example.jp', 'privacy@example.jp'],
  ])('%j → %s', (v, text) => {
    expect(normaliseCell(EMAIL, v)).toEqual({ kind: 'ok', value: text, text });
  });

  it.each<[CellValue, string, string]>([
    ['privacy.example.jp', '「@」がありません。', 'It has no @. '],
    ['a@example.jp; b@example.jp', 'アドレスは1つだけ入力してください。', 'Enter a single address. '],
    ['a@b@example.jp', 'アドレスは1つだけ入力してください。', 'Enter a single address. '],
    ['privacy@example', '', ''],
    ['privacy@.jp', '', ''],
    ['.privacy@example.jp', '', ''],
    ['pri..vacy@example.jp', '', ''],
    ['privacy@-example.jp', '', ''],
    ['山田@example.jp', '', ''],
    [123, '「@」がありません。', 'It has no @. '],
  ])('%j → V-EMAIL', (v, ja, en) => {
    const q = String(v);
    expect(normaliseCell(EMAIL, v)).toEqual({
      kind: 'invalid',
      rule: 'V-EMAIL',
      message: {
        ja: `「${q}」はメールアドレスとして読めません。${ja}「privacy@example.co.jp」のような形で入力してください。`,
        en: `"${q}" is not a valid email address. ${en}Enter it like privacy@example.co.jp.`,
      },
    });
  });
});

describe('url', () => {
  it.each<[string, string]>([
    ['https://www.ppc.go.jp/', 'https://www.ppc.go.jp/'],
    ['http://example.com', 'http://example.com'],
    ['HTTPS://Example.com/a?b=c#d', 'HTTPS://Example.com/a?b=c#d'],
    [
      ' https://elaws.e-gov.go.jp/document?lawid=415AC0000000057 ',
      'https://elaws.e-gov.go.jp/document?lawid=415AC0000000057',
    ],
    ['https://www.jipdec.or.jp/プライバシーマーク', 'https://www.jipdec.or.jp/プライバシーマーク'],
    ['https://localhost:8080/x', 'https://localhost:8080/x'],
    ['ｈｔｔｐｓ：／／ｗｗｗ．ｐｐｃ．ｇｏ．ｊｐ／', 'https://www.ppc.go.jp/'],
  ])('%j → %s', (v, text) => {
    expect(normaliseCell(URL_, v)).toEqual({ kind: 'ok', value: text, text });
  });

  it('a bare host asks for https://', () => {
    expect(normaliseCell(URL_, 'www.example.com')).toEqual({
      kind: 'invalid',
      rule: 'V-URL',
      message: {
        ja: '「www.example.com」の先頭に「https://」を付けて入力してください（例: https://www.example.com）。',
        en: '"www.example.com" needs https:// in front (e.g. https://www.example.com).',
      },
    });
    expect(invalidOf(normaliseCell(URL_, 'ppc.go.jp/personalinfo/')).message.en).toBe(
      '"ppc.go.jp/personalinfo/" needs https:// in front (e.g. https://ppc.go.jp/personalinfo/).',
    );
  });

  it.each<[string, string]>([
    ['ftp://ftp.example.com/file', 'ftp'],
    ['javascript:alert(1)', 'javascript'],
    ['mailto:privacy@example.jp', 'mailto'],
    ['file:///C:/docs/a.pdf', 'file'],
  ])('%j → V-URL naming the scheme', (v, scheme) => {
    expect(normaliseCell(URL_, v)).toEqual({
      kind: 'invalid',
      rule: 'V-URL',
      message: {
        ja: `「${v}」は使えない形式です（${scheme}:）。http:// または https:// で始まるURLを入力してください。`,
        en: `"${v}" uses ${scheme}:, which is not accepted. Enter a URL starting with http:// or https://.`,
      },
    });
  });

  it.each<[CellValue, string]>([
    ['https://', 'https://'],
    ['https://exa mple.com', 'https://exa mple.com'],
    ['https://intranet/page', 'https://intranet/page'],
    ['http:example.com', 'http:example.com'],
    ['個人情報保護委員会', '個人情報保護委員会'],
    [42, '42'],
  ])('%j → V-URL generic', (v, q) => {
    expect(normaliseCell(URL_, v)).toEqual({
      kind: 'invalid',
      rule: 'V-URL',
      message: {
        ja: `「${q}」はURLとして読めません。「https://www.example.go.jp/」のように http:// または https:// から入力してください。`,
        en: `"${q}" is not a valid URL. Enter the full address starting with http:// or https:// (e.g. https://www.example.go.jp/).`,
      },
    });
  });
});

describe('corpno (法人番号)', () => {
  // Published numbers: 国税庁 7000012050002, 国立国会図書館 1000011000005, トヨタ自動車 1180301018771.
  it.each([
    ['000012050002', 7],
    ['000011000005', 1],
    ['180301018771', 1],
  ])('check digit of %s is %i', (base, digit) => {
    expect(corpNoCheckDigit(base)).toBe(digit);
  });

  it.each<[CellValue, string]>([
    ['7000012050002', '7000012050002'],
    ['1000011000005', '1000011000005'],
    ['1180301018771', '1180301018771'],
    [7000012050002, '7000012050002'],
    ['７０００－０１２０－５０００２', '7000012050002'],
    ['7-0000-1205-0002', '7000012050002'],
    [' 7000 0120 50002 ', '7000012050002'],
    ['7000ー0120ー50002', '7000012050002'],
  ])('%j → %s', (v, digits) => {
    expect(normaliseCell(CORPNO, v)).toEqual({ kind: 'ok', value: digits, text: digits });
  });

  it.each<[CellValue, string]>([
    ['7000012050003', '7000012050003'],
    ['8000012050002', '8000012050002'],
    ['7000012050012', '7000012050012'],
    [1180301018772, '1180301018772'],
    ['1010001008806', '1010001008806'], // its check digit would be 4
  ])('one digit off: %j → チェックデジットが一致しません', (v, q) => {
    expect(normaliseCell(CORPNO, v)).toEqual({
      kind: 'invalid',
      rule: 'V-CORPNO',
      message: {
        ja: `「${q}」はチェックデジットが一致しません（先頭の1桁が残り12桁と合いません）。国税庁法人番号公表サイトで番号を確認してください。`,
        en: `"${q}" fails the check digit (the first digit does not match the other 12). Check the number on the NTA Corporate Number Publication Site.`,
      },
    });
  });

  // The official check digit works mod 9, so swapping a 0 for a 9 (or back) in the base digits goes unnoticed;
  // every other single-digit change is caught.
  it('every single-digit change of a valid number fails, except 0↔9 in the base digits', () => {
    const valid = '7000012050002';
    const missed: string[] = [];
    for (let i = 0; i < 13; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        const changed = valid.slice(0, i) + d + valid.slice(i + 1);
        if (normaliseCell(CORPNO, changed).kind === 'ok') missed.push(changed);
      }
    }
    expect(missed).toEqual([1, 2, 3, 4, 7, 9, 10, 11].map((i) => valid.slice(0, i) + '9' + valid.slice(i + 1)));
  });

  it.each<[CellValue, string, number]>([
    ['700001205000', '700001205000', 12],
    ['70000120500021', '70000120500021', 14],
    [12345, '12345', 5],
  ])('wrong length %j → 13桁', (v, q, n) => {
    expect(normaliseCell(CORPNO, v)).toEqual({
      kind: 'invalid',
      rule: 'V-CORPNO',
      message: {
        ja: `「${q}」は${n}桁です。法人番号は13桁の数字で入力してください（ハイフンは有無どちらでも構いません）。`,
        en: `"${q}" has ${n} digits. A corporate number (法人番号) has 13 digits.`,
      },
    });
  });

  it('an invoice registration number (T + 13 digits) asks for the number without T', () => {
    expect(normaliseCell(CORPNO, 'T7000012050002')).toEqual({
      kind: 'invalid',
      rule: 'V-CORPNO',
      message: {
        ja: '「T7000012050002」はインボイスの登録番号の形です。先頭の「T」を除いた13桁の法人番号を入力してください。',
        en: '"T7000012050002" looks like an invoice registration number. Enter the 13-digit corporate number (法人番号) without the leading T.',
      },
    });
  });

  it.each<[CellValue, string]>([
    ['A7000012050002', 'A7000012050002'],
    ['株式会社サンプル', '株式会社サンプル'],
    [7.5, '7.5'],
  ])('non-digits %j → V-CORPNO', (v, q) => {
    expect(normaliseCell(CORPNO, v)).toEqual({
      kind: 'invalid',
      rule: 'V-CORPNO',
      message: {
        ja: `「${q}」には数字以外の文字が含まれています。法人番号は13桁の数字で入力してください。`,
        en: `"${q}" contains characters other than digits. A corporate number (法人番号) has 13 digits.`,
      },
    });
  });
});

describe('open and day-counted periods', () => {
  const period = { kind: 'period' } as const;
  it.each([
    ['退職時', { kind: 'after', event: '退職', text: '退職時' }],
    ['契約終了まで', { kind: 'after', event: '契約終了', text: '契約終了まで' }],
    ['選考終了時まで保管', { kind: 'after', event: '選考終了', text: '選考終了時まで保管' }],
    ['録画後30日', { kind: 'after', event: '録画', days: 30, text: '録画後30日' }],
    ['３０日間', { kind: 'after', event: '', days: 30, text: '３０日間' }],
  ])('%s', (input, value) => {
    expect(normaliseCell(period, input)).toMatchObject({ kind: 'ok', value });
  });
  it('still rejects words that are no period', () => {
    expect(normaliseCell(period, '適宜')).toMatchObject({ kind: 'invalid', rule: 'V-DATE' });
    expect(normaliseCell(period, '3年ごろまで')).toMatchObject({ kind: 'invalid', rule: 'V-DATE' });
  });
});

describe('remembered results', () => {
  it('foldText gives the same text from its cache, after the cache is emptied, and for long texts it does not keep', () => {
    const samples = ['ＡＢＣ　１２３', ' a\u200b b ', '長い文章　'.repeat(60), '\uff76\uff9e'];
    const first = samples.map(foldText);
    expect(first).toEqual(['ABC 123', 'a b', `${'長い文章 '.repeat(59)}長い文章`, 'ガ']);
    for (let i = 0; i < 50_000; i++) foldText(`行${i}\u3000`);
    expect(samples.map(foldText)).toEqual(first);
    expect(samples.map(foldText)).toEqual(first);
  });

  it('keeps no XML part that a remembered text was cut from', () => {
    // A reader cuts cell texts out of a whole part; the cache outlives the workbook and must not keep its parts.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = (): number => (gc(), gc(), process.memoryUsage().heapUsed);
    const before = heap();
    for (let i = 0; i < 40; i++) {
      const part = `<si><t>部門${i}\u3000第一営業部\u3000サンプル</t></si>${'台'.repeat(1 << 19)}${i}`;
      const cut = part.slice(7, part.indexOf('</t>'));
      foldText(cut);
      foldLabel(cut);
    }
    // 40 parts of 1 MB each would be 40 MB.
    expect(heap() - before).toBeLessThan(8 << 20);
  });

  it('an enum value shared by two options goes to the first, as option order says', () => {
    const type: FieldType = {
      kind: 'enum',
      options: [
        { value: '紙', en: 'Paper', synonyms: ['両方'] },
        { value: '電子', en: 'Electronic', synonyms: ['両方', 'デジタル'] },
      ],
    };
    expect(normaliseCell(type, '両方')).toMatchObject({ kind: 'ok', value: '紙' });
    expect(normaliseCell(type, 'ﾃﾞｼﾞﾀﾙ')).toMatchObject({ kind: 'ok', value: '電子' });
    expect(normaliseCell(type, ' electronic ')).toMatchObject({ kind: 'ok', value: '電子' });
    expect(normaliseCell(type, '未定')).toMatchObject({ kind: 'invalid', rule: 'V-ENUM' });
  });
});

describe('remembered labels', () => {
  it('foldLabel gives the same key from its cache and after the cache is emptied', () => {
    const labels = ['管理番号（必須）', 'Ｅ－ｍａｉｌ ※', '保管 期限\n(例: 5年)', 12];
    const first = labels.map(foldLabel);
    expect(first).toEqual(['管理番号', 'e-mail', '保管期限', '12']);
    for (let i = 0; i < 50_000; i++) foldLabel(`見出し${i}`);
    expect(labels.map(foldLabel)).toEqual(first);
  });
});
