// Addresses as Office.js returns them: 'Sheet1!B7:C9', "'My sheet'!A1", and plain A1 ranges.

/** Split 'Sheet!A1:B2' into sheet and local address; quotes around the sheet name are removed ('' → '). */
export function splitAddress(full: string): { sheet: string | null; address: string } {
  const bang = full.lastIndexOf('!');
  if (bang < 0) return { sheet: null, address: full };
  let sheet = full.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, address: full.slice(bang + 1) };
}

/** The top-left cell of a local range address ('B7:C9' → 'B7'). Whole rows/columns have no single top-left. */
export function topLeft(address: string): string {
  return address.split(':')[0].replace(/\$/g, '');
}

/** True when the address names whole columns or rows ('A:C', '3:5'), which must be clipped to the used range. */
export function isWholeRowsOrColumns(address: string): boolean {
  return address.split(':').some((part) => /^\$?[A-Za-z]+$|^\$?\d+$/.test(part));
}
