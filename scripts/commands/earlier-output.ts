// How merge and audit know their own earlier output in an input folder (it is replaced, not read as an input).
import { readRegularFileSync } from '../io/paths.js';
import { readSheetNames } from '../io/read-xlsx.js';

/** Whether the workbook at `path` has every sheet of one of `groups` (how a command knows its own earlier output). */
export function hasSheets(path: string, groups: readonly (readonly string[])[]): boolean {
  try {
    const { bytes } = readRegularFileSync(path, 200 * 1024 * 1024);
    if (!bytes) return false;
    const names = new Set(readSheetNames(bytes).map((s) => s.name));
    return groups.some((g) => g.every((n) => names.has(n)));
  } catch {
    return false;
  }
}
