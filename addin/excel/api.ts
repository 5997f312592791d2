// The part of Office.js that Daicho uses, as a typed subset of @types/office-js.
//
// addin/excel/ is written against these interfaces only, and the fake (addin/fake/) implements exactly them. Each
// interface is checked below to be a true subset of the real type (Excel.Range is assignable to XRange, …), so a
// misspelt property or a wrong signature fails to compile on both sides — unlike an untyped mock.

type Loader = (propertyNames: string | string[]) => unknown;

export interface XEventHandlerResult {
  remove(): void;
  readonly context: { sync(): Promise<unknown> };
}

export interface XEventHandlers<T> {
  add(handler: (args: T) => Promise<unknown>): XEventHandlerResult;
}

export interface XRangeFill {
  color: Excel.RangeFill['color'];
  /** ExcelApi 1.9 */
  pattern: Excel.RangeFill['pattern'];
  /** ExcelApi 1.9 */
  patternColor: Excel.RangeFill['patternColor'];
  /** ExcelApi 1.9; null for a cell with no fill. */
  tintAndShade: Excel.RangeFill['tintAndShade'];
  clear(): void;
  load: Loader;
}

export interface XRangeFormat {
  readonly fill: XRangeFill;
}

/** ExcelApi 1.8 */
export interface XDataValidation {
  rule: Excel.DataValidation['rule'];
  prompt: Excel.DataValidation['prompt'];
  clear(): void;
}

export interface XRange {
  readonly address: Excel.Range['address'];
  readonly rowIndex: Excel.Range['rowIndex'];
  readonly columnIndex: Excel.Range['columnIndex'];
  readonly rowCount: Excel.Range['rowCount'];
  readonly columnCount: Excel.Range['columnCount'];
  readonly isNullObject: Excel.Range['isNullObject'];
  values: Excel.Range['values'];
  readonly formulas: Excel.Range['formulas'];
  readonly numberFormat: Excel.Range['numberFormat'];
  readonly valueTypes: Excel.Range['valueTypes'];
  readonly format: XRangeFormat;
  readonly worksheet: XWorksheet;
  load: Loader;
  select(): void;
  clear(applyTo?: 'All' | 'Formats' | 'Contents'): void;
  getIntersectionOrNullObject(anotherRange: string): XRange;
  /** Inserts cells of this range's size, moving the others down or right (a whole-row range: rows). */
  insert(shift: 'Down' | 'Right'): XRange;
  /** ExcelApi 1.9 */
  copyFrom(sourceRange: string, copyType?: 'Formats'): void;
  /** ExcelApi 1.8 */
  readonly dataValidation: XDataValidation;
}

export interface XWorksheetProtection {
  readonly protected: Excel.WorksheetProtection['protected'];
  readonly options: Excel.WorksheetProtection['options'];
  load: Loader;
  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void;
  unprotect(password?: string): void;
}

export interface XWorksheet {
  readonly id: Excel.Worksheet['id'];
  readonly name: Excel.Worksheet['name'];
  visibility: Excel.Worksheet['visibility'];
  readonly isNullObject: Excel.Worksheet['isNullObject'];
  readonly protection: XWorksheetProtection;
  /** ExcelApi 1.7 */
  readonly onChanged: XEventHandlers<Excel.WorksheetChangedEventArgs>;
  load: Loader;
  activate(): void;
  delete(): void;
  getRange(address?: string): XRange;
  /** ExcelApi 1.7 */
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XRange;
}

export interface XWorksheetCollection {
  readonly items: XWorksheet[];
  load: Loader;
  add(name?: string): XWorksheet;
  getItem(key: string): XWorksheet;
  getItemOrNullObject(key: string): XWorksheet;
}

export interface XNamedItem {
  readonly name: Excel.NamedItem['name'];
  readonly type: Excel.NamedItem['type'];
  /** ExcelApi 1.7 */
  readonly formula: Excel.NamedItem['formula'];
}

export interface XNamedItemCollection {
  readonly items: XNamedItem[];
  load: Loader;
  add(name: string, reference: string, comment?: string): unknown;
  getItemOrNullObject(name: string): XNamedItem & { readonly isNullObject: boolean };
}

export interface XWorkbook {
  readonly worksheets: XWorksheetCollection;
  readonly names: XNamedItemCollection;
  getSelectedRange(): XRange;
  /** ExcelApi 1.2 */
  readonly onSelectionChanged: XEventHandlers<Excel.SelectionChangedEventArgs>;
  /** ExcelApi 1.13 */
  insertWorksheetsFromBase64(base64File: string, options?: Excel.InsertWorksheetOptions): { readonly value: string[] };
}

export interface XRequestContext {
  readonly workbook: XWorkbook;
  sync(): Promise<unknown>;
}

export interface XExcel {
  run<T>(batch: (context: XRequestContext) => Promise<T>): Promise<T>;
  /** ExcelApi 1.8 */
  createWorkbook(base64?: string): Promise<void>;
}

export interface XOfficeReady {
  host: Office.HostType | null;
  platform: Office.PlatformType | null;
}

export interface XOffice {
  onReady(callback?: (info: XOfficeReady) => unknown): Promise<XOfficeReady>;
  readonly context: {
    readonly displayLanguage: Office.Context['displayLanguage'];
    readonly requirements: { isSetSupported(name: string, minVersion?: string): boolean };
  };
}

// ---- Compile-time proof that each interface is a subset of the real Office.js type. ----
type Subset<Real extends Mine, Mine> = [Real, Mine];
export type SubsetChecks = [
  Subset<Excel.RangeFill, XRangeFill>,
  Subset<Excel.RangeFormat, XRangeFormat>,
  Subset<Excel.DataValidation, XDataValidation>,
  Subset<Excel.Range, XRange>,
  Subset<Excel.WorksheetProtection, XWorksheetProtection>,
  Subset<Excel.Worksheet, XWorksheet>,
  Subset<Excel.WorksheetCollection, XWorksheetCollection>,
  Subset<Excel.NamedItem, XNamedItem>,
  Subset<Excel.NamedItemCollection, XNamedItemCollection>,
  Subset<Excel.Workbook, XWorkbook>,
  Subset<Excel.RequestContext, XRequestContext>,
  Subset<typeof Excel, XExcel>,
  Subset<typeof Office, XOffice>,
  Subset<OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>, XEventHandlerResult>,
];
