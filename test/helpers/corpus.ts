// The parts of every workbook in ../shared/xlsx-corpus that unzips, for tests that hold a reader to the general one.
import { readdirSync, readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { CORPUS } from '../scripts/check/cli-helpers.js';

/** [workbook file name, part name, part bytes] for each part whose name `wanted` takes. */
export function* corpusParts(wanted: (part: string) => boolean): Generator<[string, string, Uint8Array]> {
  for (const name of readdirSync(CORPUS).filter((f) => /\.xls[xm]$/i.test(f))) {
    let files: Record<string, Uint8Array>;
    try {
      files = unzipSync(readFileSync(`${CORPUS}/${name}`));
    } catch {
      continue;
    }
    for (const [part, data] of Object.entries(files)) if (wanted(part)) yield [name, part, data];
  }
}
