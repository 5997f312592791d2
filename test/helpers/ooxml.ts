// ooxml-check (../shared/ooxml-check): the offline proxy for "Excel opens it without a repair prompt". Runs it once
// over many files and returns each file's error and warning issues; `addedIssues` tells what a copy has that the
// file it was made from lacked (a file another program wrote may carry issues of its own).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { ROOT } from '../scripts/check/cli-helpers.js';
import { SYSTEM_PYTHON } from './producers.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
export const OOXML_CHECK = resolve(ROOT, '../shared/ooxml-check/ooxml_check.py');

export function hasOoxmlCheck(): boolean {
  return existsSync(OOXML_CHECK) && existsSync(SYSTEM_PYTHON);
}

export interface OoxmlIssue {
  sev: 'error' | 'warn';
  cat: string;
  part: string;
  msg: string;
}

/**
 * Errors and warnings per file (keyed by the path as given). A file the checker itself crashes on (a broken zip
 * CRC, say) gets one error "checker crashed" instead of ending the run for the others.
 */
export async function ooxmlCheck(files: string[]): Promise<Map<string, OoxmlIssue[]>> {
  const out = new Map<string, OoxmlIssue[]>();
  if (!files.length) return out;
  const dir = await mkdtemp(join(tmpdir(), 'daicho-ooxml-'));
  try {
    const json = join(dir, 'report.json');
    await run(SYSTEM_PYTHON, [join(here, 'ooxml_batch.py'), OOXML_CHECK, json, ...files], {
      maxBuffer: 64 << 20,
      timeout: 900_000,
    });
    const report = JSON.parse(await readFile(json, 'utf8')) as {
      file: string;
      issues: { sev: string; cat: string; part?: string; msg: string }[];
    }[];
    for (const r of report) {
      out.set(
        r.file,
        r.issues
          .filter((i) => i.sev === 'error' || i.sev === 'warn')
          .map((i) => ({ sev: i.sev as OoxmlIssue['sev'], cat: i.cat, part: i.part ?? '', msg: i.msg })),
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  for (const f of files) if (!out.has(f)) throw new Error(`ooxml-check said nothing about ${f}`);
  return out;
}

/** An issue without its numbers and part names (a copy's parts and line numbers move). */
const kind = (i: OoxmlIssue): string =>
  `${i.sev} ${i.cat} ${i.msg.replace(/\d+/g, 'N').replace(/\S+\.(xml|vml|rels)\b/g, 'PART')}`;

/** Issues of `copy` beyond those of `input`, counted by kind: the defects a copy adds. */
export function addedIssues(input: OoxmlIssue[], copy: OoxmlIssue[]): OoxmlIssue[] {
  const have = new Map<string, number>();
  for (const i of input) have.set(kind(i), (have.get(kind(i)) ?? 0) + 1);
  const added: OoxmlIssue[] = [];
  for (const i of copy) {
    const n = have.get(kind(i)) ?? 0;
    if (n > 0) have.set(kind(i), n - 1);
    else added.push(i);
  }
  return added;
}

export const describeIssue = (i: OoxmlIssue): string => `${i.sev} ${i.cat} ${i.part}: ${i.msg.slice(0, 240)}`;

/** ooxml-check's errors and warnings on `copy` that `input` lacks (every one of them when there is no input). */
export async function issuesAdded(copy: string, input?: string): Promise<string[]> {
  const found = await ooxmlCheck(input ? [input, copy] : [copy]);
  return addedIssues(input ? found.get(input)! : [], found.get(copy)!).map(describeIssue);
}
