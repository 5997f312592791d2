// Issue 10 §3–4 end to end, through the real CLI: an input is never modified whatever the flags and however the paths
// are spelled; hostile names and values never act on the terminal; odd folder entries get a result line; an
// interrupted run leaves no temporary files; a full disk names the path; system locations are refused up front;
// outputs respect Excel's cell limit and the file system's name limit.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmod,
  copyFile,
  link,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../../../scripts/io/read-xlsx.js';
import { SAMPLE_AS_OF, writeSamples } from '../../../scripts/samples/write.js';
import { daicho, ensureBuilt, ROOT, type CliRun, type JsonReport } from './cli-helpers.js';

let dir: string;
let samples: string[];
const sample = (name: string) => samples.find((p) => p.includes(name))!;
const hash = async (p: string) =>
  createHash('sha256')
    .update(await readFile(p))
    .digest('hex');
const AS_OF = ['--as-of', SAMPLE_AS_OF];

beforeAll(async () => {
  await ensureBuilt();
  dir = await mkdtemp(join(tmpdir(), 'daicho-safety-'));
  samples = await writeSamples(join(dir, 'samples'));
}, 180_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every file below `d`, relative to it. */
function filesBelow(d: string): string[] {
  return (readdirSync(d, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name).slice(d.length + 1))
    .sort();
}

/** A copy of `from` at `to` with every occurrence of `find` in its XML parts replaced (a value the sender typed). */
async function withText(from: string, to: string, find: string, replace: string): Promise<void> {
  const parts = unzipSync(await readFile(from));
  let n = 0;
  for (const [name, data] of Object.entries(parts)) {
    if (!name.endsWith('.xml')) continue;
    const xml = strFromU8(data);
    if (!xml.includes(find)) continue;
    n++;
    parts[name] = strToU8(xml.split(find).join(replace));
  }
  expect(n).toBeGreaterThan(0);
  await writeFile(to, zipSync(parts));
}

function expectRefused(r: CliRun, path: RegExp | string): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.split('\n');
  const ja = lines.find((l) => /[ぁ-んァ-ン一-龥]/.test(l)) ?? '';
  const en = lines.find((l) => l.startsWith('daicho: ') && !/[ぁ-んァ-ン一-龥]/.test(l) && l !== ja) ?? '';
  for (const l of [ja, en])
    expect(l).toMatch(typeof path === 'string' ? new RegExp(path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : path);
  expect(r.stderr).not.toMatch(/internal error|\bat .*\.js:\d+/);
}

describe('§3 an input is never modified, whatever the flags', () => {
  it('merge and audit refuse an output that is one of the named inputs, even with --force (exit 2)', async () => {
    const d = join(dir, 'named');
    await mkdir(d);
    const a = join(d, 'A.xlsx');
    const b = join(d, 'B.xlsx');
    await copyFile(sample('pl-01'), a);
    await copyFile(sample('pl-02'), b);
    const before = [await hash(a), await hash(b)];
    expectRefused(await daicho(['merge', a, b, '-o', a, '--force', ...AS_OF]), a);
    expectRefused(await daicho(['audit', a, b, '-o', a, '--force', ...AS_OF]), a);
    expectRefused(await daicho(['audit', a, b, '-o', join(d, 'B'), '--force', ...AS_OF]), b);
    // Spelled another way: through a symlinked folder, and as a hard link.
    await symlink(d, join(dir, 'named-link'));
    expectRefused(
      await daicho(['merge', a, b, '-o', join(dir, 'named-link', 'B.xlsx'), '--force', ...AS_OF]),
      /B\.xlsx/,
    );
    await link(a, join(dir, 'hard-A.xlsx'));
    expectRefused(await daicho(['merge', a, b, '-o', join(dir, 'hard-A.xlsx'), '--force', ...AS_OF]), /hard-A\.xlsx/);
    expect([await hash(a), await hash(b)]).toEqual(before);
    expect(await readdir(d)).toEqual(['A.xlsx', 'B.xlsx']);
  });

  it('merge and audit replace their own earlier output in an input folder, but refuse to write over any other workbook there', async () => {
    const d = join(dir, 'depts');
    await mkdir(d);
    for (const s of ['pl-01', 'pl-02', 'pl-03']) await copyFile(sample(s), join(d, `${s}.xlsx`));
    const ledger = join(d, 'pl-02.xlsx');
    const before = await hash(ledger);
    expectRefused(await daicho(['merge', d, '-o', ledger, '--force', ...AS_OF]), /pl-02\.xlsx/);
    expectRefused(await daicho(['audit', d, '-o', join(d, 'pl-02'), '--force', ...AS_OF]), /pl-02\.xlsx/);
    expect(await hash(ledger)).toBe(before);
    // The documented re-run: the earlier master and the earlier audit in the folder are outputs, not inputs.
    const master = join(d, 'master.xlsx');
    for (const force of [[], ['--force']]) {
      const m = await daicho(['merge', d, '-o', master, ...force, ...AS_OF]);
      expect(m.code, m.stderr).toBe(0);
      expect(m.stdout).toContain('3 ファイル');
    }
    await rm(master);
    for (const force of [[], ['--force']]) {
      const r = await daicho(['audit', d, '-o', `${d}/`, ...force, ...AS_OF]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stdout).toMatch(/監査前点検: 3 ファイル/);
    }
    expect(await hash(ledger)).toBe(before);
  });

  it('check refuses copies, JSON and summary that would land on an input through a symlinked folder (either way) or a hard link', async () => {
    const real = join(dir, 'real');
    await mkdir(real);
    for (const s of ['sc-01', 'sc-03', 'pl-01']) await copyFile(sample(s), join(real, `${s}.xlsx`));
    const link1 = join(dir, 'link-to-real');
    await symlink(real, link1);
    const hard = join(dir, 'hard');
    await mkdir(hard);
    await link(join(real, 'sc-03.xlsx'), join(hard, 'sc-03.xlsx'));
    const before = await Promise.all(['sc-01', 'sc-03', 'pl-01'].map((s) => hash(join(real, `${s}.xlsx`))));
    const cases = [
      ['check', real, '--annotate', link1], // the copies' folder is the input folder, spelled through a link
      ['check', link1, '--annotate', real], // the inputs are spelled through a link
      ['check', real, '--json', join(link1, 'sc-01.xlsx')],
      ['check', link1, '--summary', join(real, 'pl-01.xlsx')],
      ['check', join(real, 'sc-03.xlsx'), '--annotate', hard], // a hard link of the input where its copy would go
    ];
    for (const args of cases) {
      const r = await daicho([...args, '--force', ...AS_OF]);
      expectRefused(r, /\.xlsx/);
      expect(r.stdout, args.join(' ')).toBe('');
    }
    expect(await Promise.all(['sc-01', 'sc-03', 'pl-01'].map((s) => hash(join(real, `${s}.xlsx`))))).toEqual(before);
  });
});

describe('§4 terminal hygiene', () => {
  it('shows control characters from cell values and file names escaped, and keeps the JSON report exact', async () => {
    const d = join(dir, 'hostile');
    await mkdir(d);
    const evilName = 'return\nOK      forged.xlsx';
    const evilCompany = '有限会社_x001B_]0;pwned_x0007__x001B_[2J\u202Egnp.exe\u2028\u009b31m';
    await withText(sample('sc-03'), join(d, evilName), '有限会社さくら見本梱包', evilCompany);
    await withText(sample('sc-01'), join(d, 'b.xlsx'), '見本精機株式会社', '見本\u001b精機');
    const json = join(dir, 'hostile.json');
    for (const lang of ['ja', 'en']) {
      const r = await daicho(['check', d, '--json', json, '--force', '--lang', lang, ...AS_OF]);
      expect(r.code).toBe(1);
      expect(r.stdout.replace(/\n/g, '')).not.toMatch(
        // eslint-disable-next-line no-control-regex -- none of these may reach the terminal
        /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/,
      );
      // eslint-disable-next-line no-control-regex -- nor stderr
      expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      expect(r.stdout).toContain('return\\nOK      forged.xlsx');
      expect(r.stdout).toContain('\\x1B]0;pwned\\x07\\x1B[2J\\u202Egnp.exe');
      // One status line per file: the newline in the name does not forge a second one.
      expect(r.stdout.split('\n').filter((l) => /^(OK|要修正|読込不可|ok|invalid|unreadable) /.test(l))).toHaveLength(
        2,
      );
    }
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    expect(report.files.map((f) => f.path)).toEqual([join(d, 'b.xlsx'), join(d, evilName)]);
  });
});

describe('§4 odd entries in a folder', () => {
  it('reports an unreadable sub-folder as a result and checks everything else', async () => {
    const d = join(dir, 'locked');
    await mkdir(join(d, 'closed'), { recursive: true });
    await copyFile(sample('sc-01'), join(d, 'a.xlsx'));
    await copyFile(sample('sc-01'), join(d, 'closed', 'hidden.xlsx'));
    await copyFile(sample('sc-03'), join(d, 'z.xlsx'));
    await chmod(join(d, 'closed'), 0o000);
    const json = join(dir, 'locked.json');
    try {
      // root reads any folder: drop the capabilities that let it (setpriv), as an ordinary user runs the command.
      const asUser =
        process.getuid?.() === 0 ? ['/usr/bin/setpriv', '--bounding-set', '-dac_override,-dac_read_search', '--'] : [];
      const r = spawnSync(
        asUser[0] ?? process.execPath,
        [
          ...asUser.slice(1),
          ...(asUser.length ? [process.execPath] : []),
          join(ROOT, 'bin/daicho.js'),
          'check',
          d,
          '--json',
          json,
          ...AS_OF,
        ],
        {
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1' },
          timeout: 60_000,
        },
      );
      expect(r.status, r.stderr).toBe(1);
      const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
      expect(report.files.map((f) => [f.path.slice(d.length + 1), f.status])).toEqual([
        ['a.xlsx', 'ok'],
        ['closed', 'unreadable'],
        ['z.xlsx', 'invalid'],
      ]);
      expect(report.files[1].issues[0].value).toBe('unreadable-folder');
      expect(r.stdout).toMatch(/読込不可 +\S*closed +フォルダの中を読めません/);
    } finally {
      await chmod(join(d, 'closed'), 0o755);
    }
  });

  it('gives symlinked workbooks, dangling links and FIFOs a result line, without blocking on the FIFO', async () => {
    const d = join(dir, 'links');
    await mkdir(join(d, 'sub'), { recursive: true });
    await symlink(sample('sc-01'), join(d, 'linked.xlsx'));
    await symlink(join(dir, 'nowhere.xlsx'), join(d, 'dangling.xlsx'));
    await symlink(d, join(d, 'sub', 'loop')); // a folder link back up: walked once
    execFileSync('mkfifo', [join(d, 'pipe.xlsx')]);
    const json = join(dir, 'links.json');
    const r = await daicho(['check', d, '--json', json, ...AS_OF], { timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    expect(report.files.map((f) => [f.path.slice(d.length + 1), f.status, f.issues[0]?.value ?? null])).toEqual([
      ['dangling.xlsx', 'unreadable', 'broken-link'],
      ['linked.xlsx', 'ok', null],
      ['pipe.xlsx', 'unreadable', 'not-a-file'],
    ]);
    // merge and audit do not hang on it either: the FIFO is an unreadable input.
    const m = await daicho(
      ['merge', join(d, 'pipe.xlsx'), sample('pl-01'), '-o', join(dir, 'links-master.xlsx'), ...AS_OF],
      { timeoutMs: 60_000 },
    );
    expect(m.code, m.stderr).toBe(1);
    expect(m.stderr).toContain('pipe.xlsx');
  });
});

/** Runs the CLI; once `ready()` is true (polled), sends `signal`. Resolves with the exit code and signal. */
function interrupted(
  args: string[],
  ready: () => boolean,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; sawTemp: boolean }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/daicho.js'), ...args], {
      stdio: 'ignore',
      env: { ...process.env, NO_COLOR: '1' },
    });
    let sawTemp = false;
    const poll = setInterval(() => {
      if (ready()) {
        sawTemp = true;
        clearInterval(poll);
        child.kill(signal);
      }
    }, 5);
    const guard = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(guard);
      done({ code, sawTemp });
    });
  });
}

const temps = (d: string) => filesBelow(d).filter((f) => /(^|\/)\.[^/]*\.tmp(\.\d+\.rows)?$/.test(f));

describe('§4 interrupted runs and full disks', () => {
  it('removes its temporary files on Ctrl+C (SIGINT) and SIGTERM', async () => {
    const inputs = join(dir, 'many');
    await mkdir(inputs);
    for (let i = 0; i < 300; i++)
      await copyFile(sample(['sc-03', 'pl-01', 'ce-0'][i % 3]), join(inputs, `f${String(i).padStart(3, '0')}.xlsx`));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const out = await mkdtemp(join(dir, `out-${signal}-`));
      const r = await interrupted(
        [
          'check',
          inputs,
          '--json',
          join(out, 'report.json'),
          '--annotate',
          join(out, 'copies'),
          '--jobs',
          '1',
          ...AS_OF,
        ],
        () => existsCopies(out) && temps(out).length > 0,
        signal,
      );
      expect(r.sawTemp, signal).toBe(true);
      expect(r.code, signal).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(temps(out), signal).toEqual([]);
    }
    // merge keeps a temporary file per sheet for the whole run; enough inputs that a loaded machine still signals it
    // before it ends (with 120 it once finished first, exit 1)
    const ledgers = join(dir, 'ledgers');
    await mkdir(ledgers);
    for (let i = 0; i < 360; i++)
      await copyFile(sample('pl-0' + ((i % 4) + 1)), join(ledgers, `l${String(i).padStart(3, '0')}.xlsx`));
    const out = await mkdtemp(join(dir, 'out-merge-'));
    const m = await interrupted(
      ['merge', ledgers, '-o', join(out, 'master.xlsx'), '--jobs', '1', ...AS_OF],
      () => temps(out).some((f) => f.endsWith('.rows')),
      'SIGTERM',
    );
    expect(m.sawTemp).toBe(true);
    expect(m.code).toBe(143);
    expect(filesBelow(out)).toEqual([]);
  }, 240_000);

  const mountable = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;

  describe.skipIf(!mountable)('on a full disk (a small tmpfs)', () => {
    let disk: string;
    let mounted = false;
    beforeAll(async () => {
      disk = await mkdtemp(join(tmpdir(), 'daicho-full-'));
    });
    const mountSized = (bytes: number): boolean => {
      if (mounted) spawnSync('umount', [disk]);
      mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', disk]).status === 0;
      return mounted;
    };
    afterAll(async () => {
      if (mounted) spawnSync('umount', [disk]);
      await rm(disk, { recursive: true, force: true });
    });

    it('names the output path (exit 2) and leaves no temporary file', async (ctx) => {
      if (!mountSized(16 * 1024)) return ctx.skip();
      const out = join(disk, 'master.xlsx');
      const r = await daicho(['merge', join(dir, 'samples', 'pi-ledger'), '-o', out, ...AS_OF]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(
        new RegExp(
          `${out.replace(/[.]/g, '\\.')} に書き込めません（ディスクの空きがありません、ENOSPC）\\n.*cannot write ${out.replace(/[.]/g, '\\.')}: no space left on the device \\(ENOSPC\\)`,
        ),
      );
      expect(filesBelow(disk)).toEqual([]);
      const s = await daicho(['check', join(dir, 'samples'), '--summary', join(disk, 'summary.xlsx'), ...AS_OF]);
      expect(s.code, s.stderr).toBe(2);
      expect(s.stderr).toContain(`cannot write ${join(disk, 'summary.xlsx')}: no space left on the device (ENOSPC)`);
      expect(filesBelow(disk)).toEqual([]);
    });

    it('audit writes both outputs or neither', async (ctx) => {
      const probe = join(dir, 'audit-probe');
      const ok = await daicho(['audit', join(dir, 'samples'), '-o', `${probe}/`, ...AS_OF]);
      expect(ok.code).toBe(1);
      const pages = async (p: string) => Math.ceil((await stat(p)).size / 4096);
      const [x, h] = [await pages(join(probe, 'audit.xlsx')), await pages(join(probe, 'audit.html'))];
      expect(h).toBeGreaterThan(1);
      // Room for the workbook and half the page: the second output cannot be written.
      if (!mountSized((x + Math.floor(h / 2)) * 4096)) return ctx.skip();
      const r = await daicho(['audit', join(dir, 'samples'), '-o', `${disk}/`, ...AS_OF]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('ENOSPC');
      expect(filesBelow(disk)).toEqual([]);
    });
  });
});

function existsCopies(out: string): boolean {
  try {
    return readdirSync(join(out, 'copies')).length > 0;
  } catch {
    return false;
  }
}

describe('§4 system locations and special files as outputs', () => {
  it('refuses /proc, /sys and /dev paths and FIFOs up front instead of spinning or blocking (exit 2)', async () => {
    const fifo = join(dir, 'out.fifo.json');
    execFileSync('mkfifo', [fifo]);
    const cases = [
      ['check', sample('sc-01'), '--json', '/proc/self/daicho/report.json'],
      ['check', sample('sc-01'), '--annotate', '/proc/daicho-copies'],
      ['check', sample('sc-01'), '--summary', '/sys/daicho/summary.xlsx'],
      ['check', sample('sc-01'), '--json', fifo, '--force'],
      ['merge', sample('pl-01'), '-o', '/proc/1/daicho/master.xlsx', '--force'],
      ['merge', sample('pl-01'), '-o', '/dev/shm/../daicho.xlsx'],
      ['audit', join(dir, 'samples'), '-o', '/proc/daicho/'],
    ];
    for (const args of cases) {
      const r = await daicho([...args, ...AS_OF], { timeoutMs: 20_000 });
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/書き込めません|通常のファイルではありません/);
      expect(r.stderr).toMatch(/system location|not a regular file/);
      expect(r.stdout, args.join(' ')).toBe('');
    }
  }, 120_000);
});

describe("§4 Excel's limits in what we write", () => {
  it('cuts a value longer than 32,767 characters, with a marker, in the summary and the annotated copy', async () => {
    const d = join(dir, 'long');
    await mkdir(d);
    const input = join(d, 'long.xlsx');
    await withText(sample('sc-03'), input, '<t>はい</t>', `<t>${'長'.repeat(40_000)}</t>`);
    const summary = join(dir, 'long-summary.xlsx');
    const copies = join(dir, 'long-copies');
    const json = join(dir, 'long.json');
    const r = await daicho(['check', input, '--summary', summary, '--annotate', copies, '--json', json, ...AS_OF]);
    expect(r.code, r.stderr).toBe(1);
    // The JSON report keeps the value exactly.
    const report = JSON.parse(await readFile(json, 'utf8')) as JsonReport;
    expect(report.files[0].issues.some((i) => i.value?.length === 40_000)).toBe(true);
    const longest = (bytes: Uint8Array, sheet?: string) =>
      Math.max(
        ...readXlsx(bytes)
          .sheets.filter((s) => !sheet || s.name === sheet)
          .flatMap((s) => s.rows.flatMap((row) => row.map((v) => (typeof v === 'string' ? v.length : 0)))),
      );
    const sum = await readFile(summary);
    expect(longest(sum)).toBeLessThanOrEqual(32_767);
    expect(JSON.stringify(readXlsx(sum).sheets.map((s) => s.rows))).toContain('more characters cut');
    const copy = await readFile(join(copies, 'long.xlsx'));
    expect(longest(copy, '指摘一覧')).toBeLessThanOrEqual(32_767);
    expect(longest(copy, '指摘一覧')).toBeGreaterThan(32_000);
  });

  it('writes an annotated copy for a 254-byte file name, and a shortened unique one for a second of the same name', async () => {
    const name = `${'台'.repeat(82)}abc.xlsx`;
    expect(Buffer.byteLength(name)).toBe(254);
    for (const sub of ['a', 'b']) {
      await mkdir(join(dir, 'longname', sub), { recursive: true });
      await copyFile(sample('sc-03'), join(dir, 'longname', sub, name));
    }
    const copies = join(dir, 'longname-copies');
    const r = await daicho([
      'check',
      join(dir, 'longname', 'a', name),
      join(dir, 'longname', 'b', name),
      '--annotate',
      copies,
      ...AS_OF,
    ]);
    expect(r.code, r.stderr).toBe(1);
    const made = await readdir(copies);
    expect(made).toHaveLength(2);
    expect(made).toContain(name);
    for (const n of made) expect(Buffer.byteLength(n)).toBeLessThanOrEqual(255);
    expect(made.find((n) => n !== name)).toMatch(/ \(2\)\.xlsx$/);
    expect(r.stdout).toMatch(/コピー 2 件/);
  });
});
