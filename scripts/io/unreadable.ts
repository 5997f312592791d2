// Why a file could not be read: one stable code per cause, with a one-line ja/en message for the sender.

export type UnreadableCode =
  | 'empty'
  | 'too-large'
  | 'encrypted'
  | 'legacy-xls'
  | 'xlsb'
  | 'ods'
  | 'numbers'
  | 'csv'
  | 'html'
  | 'xml-spreadsheet-2003'
  | 'not-spreadsheet'
  | 'damaged-zip'
  | 'zip-bomb'
  | 'xml-doctype'
  | 'malformed-xml'
  | 'bad-encoding'
  | 'missing-part'
  | 'no-sheets'
  | 'too-many-cells';

export interface LocalizedText {
  ja: string;
  en: string;
}

export const UNREADABLE_MESSAGES: Record<UnreadableCode, LocalizedText> = {
  empty: {
    ja: 'ファイルが空です（データが入っていません）。送付元に再送を依頼してください。',
    en: 'The file is empty (it contains no data). Ask the sender to send the workbook again.',
  },
  'too-large': {
    ja: 'ファイルが大きすぎるためチェックできません。不要なシートや画像を削除するか、分割して再送してください。',
    en: 'The workbook is too large to check. Remove unneeded sheets or images, or split it, and send it again.',
  },
  encrypted: {
    ja: 'パスワードで保護（暗号化）されているため読み込めません。送付元にパスワードを解除して（ファイル → 情報 → ブックの保護 → パスワードを使用して暗号化 で空欄にする）再送するよう依頼してください。',
    en: 'The workbook is password-protected (encrypted) and cannot be read. Ask the sender to remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it) and send it again.',
  },
  'legacy-xls': {
    ja: '旧形式のExcelファイル（.xls）です。Excelで開き「Excel ブック (*.xlsx)」形式で保存し直して再送してください。',
    en: 'This is an old-format Excel file (.xls). Open it in Excel, save it as "Excel Workbook (*.xlsx)" and send it again.',
  },
  xlsb: {
    ja: 'Excelバイナリブック（.xlsb）です。Excelで開き「Excel ブック (*.xlsx)」形式で保存し直して再送してください。',
    en: 'This is an Excel Binary Workbook (.xlsb). Open it in Excel, save it as "Excel Workbook (*.xlsx)" and send it again.',
  },
  ods: {
    ja: 'OpenDocument形式（.ods）の表計算ファイルです。「Excel 2007-365 (.xlsx)」形式で保存し直して再送してください。',
    en: 'This is an OpenDocument spreadsheet (.ods). Save it as "Excel 2007-365 (.xlsx)" and send it again.',
  },
  numbers: {
    ja: 'Apple Numbersのファイルです。Numbersの「ファイル → 書き出す → Excel」で.xlsx形式に書き出して再送してください。',
    en: 'This is an Apple Numbers file. Export it with File > Export To > Excel (.xlsx) and send it again.',
  },
  csv: {
    ja: 'CSV／テキストファイルで、Excelブックではありません。配布したテンプレート（.xlsx）に記入して再送してください。',
    en: 'This is a CSV/text file, not an Excel workbook. Fill in the distributed template (.xlsx) and send that file.',
  },
  html: {
    ja: 'Excelの拡張子が付いたWebページ（HTML）で、Excelブックではありません。Excelで開き.xlsx形式で保存し直して再送してください。',
    en: 'This is a web page (HTML) with an Excel file name, not a real workbook. Open it in Excel, save it as .xlsx and send it again.',
  },
  'xml-spreadsheet-2003': {
    ja: '「XML スプレッドシート 2003」形式のファイルです。Excelで開き.xlsx形式で保存し直して再送してください。',
    en: 'This is an "XML Spreadsheet 2003" file. Open it in Excel, save it as .xlsx and send it again.',
  },
  'not-spreadsheet': {
    ja: 'Excelブック（.xlsx）ではないファイルです。送付元に正しい.xlsxファイルを送るよう依頼してください。',
    en: 'This file is not an Excel workbook (.xlsx). Ask the sender to send the correct .xlsx file.',
  },
  'damaged-zip': {
    ja: 'ファイルが壊れています（ダウンロードやコピーが途中で切れた可能性があります）。送付元に再送を依頼してください。',
    en: 'The file is damaged (perhaps an incomplete download or copy). Ask the sender to send it again.',
  },
  'zip-bomb': {
    ja: '圧縮された内容が不自然に大きく展開されるため、安全のため開きませんでした。送付元にファイルの確認を依頼してください。',
    en: 'The compressed contents expand to an implausible size, so the file was not opened for safety. Ask the sender to check the file.',
  },
  'xml-doctype': {
    ja: 'Excelが書き出さないDOCTYPE宣言を含むため、安全のため開きませんでした。Excelで開いて保存し直して再送してください。',
    en: 'The workbook contains a DOCTYPE declaration, which Excel never writes, so it was not opened for safety. Re-save it in Excel and send it again.',
  },
  'malformed-xml': {
    ja: 'ブックの一部が壊れています（XMLが不正）。Excelで開いて（修復を求められたら修復して）保存し直し、再送してください。',
    en: 'Part of the workbook is corrupt (invalid XML). Open it in Excel (let it repair the file if asked), save it and send it again.',
  },
  'bad-encoding': {
    ja: 'ブックの一部に文字として読めないデータがあります（UTF-8 として不正なバイト列）。Excel でも開けない壊れたファイルです。作成したソフトで保存し直すか、送付元に再送を依頼してください。',
    en: 'Part of the workbook holds bytes that are not valid text (invalid UTF-8); Excel cannot open it either. Re-save it in the program that made it, or ask the sender to send it again.',
  },
  'missing-part': {
    ja: 'ブックに必要な部品が欠けています。Excelで開いて保存し直して再送してください。',
    en: 'The workbook is incomplete (a required part is missing). Re-save it in Excel and send it again.',
  },
  'no-sheets': {
    ja: 'ブックにワークシートがありません。記入済みのテンプレートを再送してください。',
    en: 'The workbook contains no worksheets. Send the filled-in template again.',
  },
  'too-many-cells': {
    ja: 'セルの数が多すぎるためチェックできません。不要な行やシートを削除するか、分割して再送してください。',
    en: 'The workbook has too many cells to check. Remove unneeded rows or sheets, or split it, and send it again.',
  },
};

export class UnreadableError extends Error {
  readonly code: UnreadableCode;
  readonly messageText: LocalizedText;
  /** The package part (e.g. xl/worksheets/sheet1.xml) where the problem was found, when there is one. */
  readonly part?: string;
  /** Technical detail for logs (parser message, sizes); not meant for the sender. */
  readonly detail?: string;

  constructor(code: UnreadableCode, opts: { part?: string; detail?: string } = {}) {
    const text = UNREADABLE_MESSAGES[code];
    super(`${code}: ${text.en}${opts.part ? ` [${opts.part}]` : ''}${opts.detail ? ` (${opts.detail})` : ''}`);
    this.name = 'UnreadableError';
    this.code = code;
    this.messageText = text;
    this.part = opts.part;
    this.detail = opts.detail;
  }
}

export function isUnreadableError(e: unknown): e is UnreadableError {
  return e instanceof UnreadableError;
}
