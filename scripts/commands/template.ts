// daicho template / samples / demo: write the blank templates and the bundled samples.
import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { templateById, templates } from '../../templates/index.js';
import { writeFileAtomic } from '../io/atomic.js';
import { SAMPLE_AS_OF, writeSamples } from '../samples/write.js';
import { templateBuffer } from '../xlsx/template-writer.js';
import { runCheck } from './check.js';
import { asOfOf, langOf, out, UsageError, type Command } from './common.js';

async function writeTemplates(ids: readonly string[], dir: string, force: boolean): Promise<string[]> {
  const written: string[] = [];
  for (const id of ids) {
    const def = templateById(id)!;
    const path = join(dir, `${def.id}.xlsx`);
    await writeFileAtomic(path, await templateBuffer(def), { force });
    written.push(path);
  }
  return written;
}

export const template: Command<'template'> = {
  async run(a) {
    const [which] = a.positionals;
    const dir = a.values.out;
    if (!which || !dir) {
      throw new UsageError({
        ja: 'template にはテンプレート名（または all）と -o DIR を指定してください',
        en: 'template needs an id (or all) and -o DIR',
      });
    }
    const ids = which === 'all' ? templates.map((t) => t.id) : [which];
    const known = templates.map((t) => t.id).join(', ');
    for (const id of ids) {
      if (!templateById(id))
        throw new UsageError({
          ja: `${id} というテンプレートはありません（${known}、all）`,
          en: `unknown template "${id}" (${known}, all)`,
        });
    }
    for (const p of await writeTemplates(ids, dir, Boolean(a.values.force))) out(p);
    return 0;
  },
};

export const samples: Command<'samples'> = {
  async run(a) {
    if (!a.values.out)
      throw new UsageError({ ja: 'samples には -o DIR を指定してください', en: 'samples needs -o DIR' });
    for (const p of await writeSamples(a.values.out, { force: Boolean(a.values.force) })) out(p);
    return 0;
  },
};

export const demo: Command<'demo'> = {
  async run(a) {
    const dir = a.values.out ?? join('out', 'demo');
    const lang = langOf(a.values.lang);
    await mkdir(dir, { recursive: true });
    const tdir = join(dir, 'templates');
    const sdir = join(dir, 'samples');
    // The demo folder is ours: regenerate it on every run.
    const written = await writeTemplates(
      templates.map((t) => t.id),
      tdir,
      true,
    );
    const files = await writeSamples(sdir, { force: true });
    out(
      lang === 'ja'
        ? `テンプレート ${written.length} 件を ${tdir} に作成しました。`
        : `Wrote ${written.length} templates to ${tdir}.`,
    );
    out(
      lang === 'ja'
        ? `サンプル ${files.length} 件を ${sdir} に作成し、検証します。`
        : `Wrote ${files.length} samples to ${sdir}; checking them.`,
    );
    out();
    const shown = files.map((p) => (relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p)));
    // The samples are dated for SAMPLE_AS_OF, so the demo shows the same findings whenever it runs.
    await runCheck(shown, { asOf: asOfOf(a.values['as-of'] ?? SAMPLE_AS_OF), lang, json: join(dir, 'report.json') });
    return 0;
  },
};
