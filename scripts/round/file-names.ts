// File names made from what people typed (a supplier code, a company name) that every system the files travel to
// accepts: Windows forbids < > : " / \ | ? * and control characters, names ending in a space or a period, and the
// device names CON, PRN, AUX, NUL, COM1–9, LPT1–9 (with any extension, in any case); paths past 260 characters break
// Explorer and zip tools, so a name is kept short; and two names Windows would take for one (case, width) are told
// apart.

import { foldWidth } from '../../templates/model/fold.js';

/** Longest stem (before ".xlsx"), in characters: leaves room for the folder under Windows' 260-character paths. */
export const MAX_STEM = 60;

// eslint-disable-next-line no-control-regex -- control characters are what it removes
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f\u007f]/gu;
const DEVICE = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/iu;

/** A file-name stem from `text`, safe on Windows, macOS and Linux; `fallback` when nothing usable is left. */
export function safeStem(text: string, fallback = 'file'): string {
  let s = text.normalize('NFC').replace(FORBIDDEN, '_').replace(/\s+/gu, ' ').trim();
  s = [...s].slice(0, MAX_STEM).join('');
  s = s.replace(/[ .]+$/u, '');
  if (!s) s = fallback;
  // Windows takes "CON.xlsx" and "con .x" for the device: the part before the first period decides.
  if (DEVICE.test(s.split('.')[0].trimEnd())) s = `_${s}`;
  return s;
}

/** How Windows and macOS compare names: case and width folded. */
const sameName = (s: string) => foldWidth(s).toLowerCase();

/** Gives each stem a file name with `ext`, unique among them however the file system compares names: "a", "a_2", … */
export function uniqueNames(stems: readonly string[], ext: string): string[] {
  const taken = new Set<string>();
  return stems.map((stem) => {
    let name = `${stem}${ext}`;
    for (let n = 2; taken.has(sameName(name)); n++) name = `${stem}_${n}${ext}`;
    taken.add(sameName(name));
    return name;
  });
}
