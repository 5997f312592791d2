// Every .xlsx the project writes passes ooxml-check (../shared/ooxml-check: the offline proxy for "Excel opens it
// without a repair prompt") with no error and no warning: templates, samples, merge masters and summaries (of our
// samples and of the same samples re-saved by LibreOffice), the check --summary workbook, audit.xlsx, annotated
// copies, and a round's distributed checklists, send list and status. Annotated copies of other programs' files are judged
// against their inputs in check/annotate-ooxml.test.ts.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_AS_OF } from '../../scripts/samples/write.js';
import { samples as supplierListSamples } from '../../scripts/samples/supplier-list.js';
import { templateBuffer } from '../../scripts/xlsx/template-writer.js';
import { supplierList } from '../../templates/supplier-list/index.js';
import { describeIssue, hasOoxmlCheck, ooxmlCheck } from '../helpers/ooxml.js';
import { hasLibreOffice } from '../helpers/producers.js';
import { daicho, ensureBuilt } from './check/cli-helpers.js';

const run = promisify(execFile);
let dir: string;
const kinds = new Map<string, string>(); // file → what wrote it

async function xlsxUnder(d: string): Promise<string[]> {
  const entries = await readdir(d, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.xlsx'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

async function cli(args: string[], okCodes = [0, 1]): Promise<void> {
  const r = await daicho([...args, '--force'], { timeoutMs: 300_000 });
  if (!okCodes.includes(r.code ?? -1)) throw new Error(`daicho ${args.join(' ')} → ${r.code}\n${r.stderr}`);
}

const TEMPLATES = ['pi-ledger', 'legal-register', 'contractor-evaluation', 'supplier-checklist'];

beforeAll(async () => {
  if (!hasOoxmlCheck()) return;
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-ooxml-outputs-'));
  const at = (p: string) => join(dir, p);
  await cli(['template', 'all', '-o', at('templates')], [0]);
  await cli(['samples', '-o', at('samples')], [0]);
  const inputs: Record<string, string> = { own: at('samples') };
  if (hasLibreOffice()) {
    // The same samples as a user's LibreOffice saves them.
    const files = await xlsxUnder(at('samples'));
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/lo-profile`,
        '--headless',
        '--norestore',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        at('lo'),
        ...files,
      ],
      { timeout: 240_000 },
    );
    for (const t of TEMPLATES) {
      await mkdir(at(`lo-in/${t}`), { recursive: true });
      const names = (await readdir(at(`samples/${t}`))).filter((n) => n.endsWith('.xlsx'));
      for (const n of names) await run('cp', [at(`lo/${n}`), at(`lo-in/${t}/${n}`)]);
    }
    inputs.lo = at('lo-in');
  }
  for (const [from, input] of Object.entries(inputs)) {
    // Table templates merge into a master, form templates into a summary.
    for (const t of TEMPLATES)
      await cli(['merge', join(input, t), '-o', at(`merge-${from}/${t}.xlsx`), '--as-of', SAMPLE_AS_OF], [0]);
    await cli(['check', input, '--summary', at(`check-${from}/summary.xlsx`), '--as-of', SAMPLE_AS_OF]);
    await mkdir(at(`audit-${from}`));
    await cli(['audit', input, '-o', at(`audit-${from}`), '--as-of', SAMPLE_AS_OF]);
  }
  await cli(['check', at('samples'), '--annotate', at('annotated'), '--as-of', SAMPLE_AS_OF]);
  await cli([
    'check',
    at('samples/supplier-checklist'),
    '--annotate',
    at('annotated-en'),
    '--lang',
    'en',
    '--as-of',
    SAMPLE_AS_OF,
  ]);
  // A survey round: the supplier list sample distributed (a checklist per supplier in ja or en, and 送付一覧.xlsx).
  await writeFile(at('suppliers.xlsx'), await templateBuffer(supplierList, supplierListSamples[0].input));
  await cli(
    ['distribute', at('suppliers.xlsx'), '-o', at('distributed'), '--round', '2027上期', '--due', '2027-01-31'],
    [0],
  );
  await cli(
    [
      'status',
      at('suppliers.xlsx'),
      at('distributed'),
      '-o',
      at('status'),
      '--round',
      '2027上期',
      '--due',
      '2027-01-31',
    ],
    [0],
  );
  for (const f of await xlsxUnder(dir)) {
    const rel = f.slice(dir.length + 1);
    if (!rel.startsWith('lo')) kinds.set(f, rel.split('/')[0]);
  }
}, 600_000);

describe.skipIf(!hasOoxmlCheck())('every .xlsx the project writes', () => {
  it('passes ooxml-check without an error or a warning', async () => {
    // Each kind of output is there.
    const present = new Set(kinds.values());
    for (const k of [
      'templates',
      'samples',
      'merge-own',
      'check-own',
      'audit-own',
      'annotated',
      'annotated-en',
      'distributed',
      'status',
    ])
      expect(present, k).toContain(k);
    if (hasLibreOffice()) for (const k of ['merge-lo', 'check-lo', 'audit-lo']) expect(present, k).toContain(k);
    const files = [...kinds.keys()];
    expect(files.length).toBeGreaterThan(50);
    const checked = await ooxmlCheck(files);
    const problems = files.flatMap((f) =>
      checked.get(f)!.map((i) => `${f.slice(dir.length + 1)}: ${describeIssue(i)}`),
    );
    expect(problems).toEqual([]);
  }, 300_000);
});
