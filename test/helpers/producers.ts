// Other producers of .xlsx files, for proving that we read files we did not write: openpyxl (Debian's
// python3-openpyxl) fills a template; LibreOffice re-saves a workbook as it would after a user edits it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
export const SYSTEM_PYTHON = '/usr/bin/python3';

export function hasOpenpyxl(): boolean {
  return existsSync(SYSTEM_PYTHON);
}

export function hasLibreOffice(): boolean {
  return existsSync('/usr/bin/soffice');
}

export type CellFill = Record<string, Record<string, string | number | boolean | null>>;

export interface OpenpyxlView {
  sheets: Record<string, string>;
  names: string[];
  validations: Record<string, { type: string; sqref: string; formula1: string | null; prompt: string | null }[]>;
  protected: Record<string, boolean>;
  paper: Record<string, number | null>;
  freeze: Record<string, string | null>;
  unlocked: Record<string, number>;
}

/** Fill `src` with openpyxl and save to `dst`; returns what openpyxl saw in `src`. */
export async function fillWithOpenpyxl(src: string, dst: string, cells: CellFill): Promise<OpenpyxlView> {
  const spec = join(await mkdtemp(join(tmpdir(), 'daicho-openpyxl-')), 'cells.json');
  await writeFile(spec, JSON.stringify(cells));
  const { stdout } = await run(SYSTEM_PYTHON, [join(here, 'openpyxl_fill.py'), src, dst, spec], {
    maxBuffer: 64 << 20,
  });
  return JSON.parse(stdout) as OpenpyxlView;
}

/** Many fills in one python run (one interpreter start instead of one per file). */
export async function fillManyWithOpenpyxl(
  jobs: readonly { src: string; dst: string; cells: CellFill }[],
): Promise<OpenpyxlView[]> {
  if (!jobs.length) return [];
  const spec = join(await mkdtemp(join(tmpdir(), 'daicho-openpyxl-')), 'jobs.json');
  await writeFile(spec, JSON.stringify(jobs));
  const { stdout } = await run(SYSTEM_PYTHON, [join(here, 'openpyxl_fill.py'), spec], {
    maxBuffer: 256 << 20,
    timeout: 300_000,
  });
  return JSON.parse(stdout) as OpenpyxlView[];
}

/** Have LibreOffice Calc open `src` and save it again as .xlsx ("Calc MS Excel 2007 XML"); returns the new path. */
export async function resaveWithLibreOffice(src: string): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'daicho-lo-'));
  const input = join(work, 'in', basename(src));
  await run('mkdir', ['-p', dirname(input)]);
  await copyFile(src, input);
  const outDir = join(work, 'out');
  await run(
    'soffice',
    [
      `-env:UserInstallation=file://${work}/profile`,
      '--headless',
      '--norestore',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      outDir,
      input,
    ],
    { timeout: 120_000 },
  );
  const [name] = await readdir(outDir);
  if (!name) throw new Error(`LibreOffice wrote nothing for ${src}`);
  return join(outDir, name);
}
