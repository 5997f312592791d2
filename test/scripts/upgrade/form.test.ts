// daicho upgrade on a version 1 contractor evaluation (a form: the new fields are rows in the middle of 評価票) filled by
// openpyxl, with a note, a formula on another sheet that points into 評価票 and a cell the user coloured: the version 2
// copy has the new rows where a new template has them, keeps every value by field, its note, formula and format at the
// moved cells, passes ooxml-check, and checking it finds the version 1 findings plus only those of the new rules.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { samples } from '../../../scripts/samples/contractor-evaluation.js';
import { contractorEvaluation } from '../../../templates/contractor-evaluation/index.js';
import { templates } from '../../../templates/index.js';
import { cellAt, columnLetter, type Grid } from '../../../templates/model/grid.js';
import { formFieldRow, QUESTION_FIXED, FIRST_DATA_ROW } from '../../../templates/model/layout.js';
import type { FormSheetDef, Issue, QuestionSheetDef } from '../../../templates/model/types.js';
import { validateAmong } from '../../../templates/model/validate.js';
import { atVersion } from '../../../templates/model/versions.js';
import { encodePart, unescapeXml } from '../../../scripts/annotate/xml-edit.js';
import { rewriteZip } from '../../../scripts/annotate/zip-rewrite.js';
import { readXlsx } from '../../../scripts/io/read-xlsx.js';
import { inflateEntry, readZip } from '../../../scripts/io/zip.js';
import { upgradeXlsx } from '../../../scripts/upgrade/upgrade.js';
import { templateBuffer } from '../../../scripts/xlsx/template-writer.js';
import {
  fillWithOpenpyxl,
  hasLibreOffice,
  hasOpenpyxl,
  resaveWithLibreOffice,
  SYSTEM_PYTHON,
  type CellFill,
} from '../../helpers/producers.js';
import { ROOT } from '../check/cli-helpers.js';
import { issuesAdded } from '../../helpers/ooxml.js';

const run = promisify(execFile);
const v1 = atVersion(contractorEvaluation, 1);
const FORM = '評価票';
const AS_OF = '2026-11-20';

const partText = (bytes: Uint8Array, name: string): string => {
  const zip = readZip(bytes);
  const e = zip.entries.find((x) => x.name === name)!;
  return new TextDecoder().decode(inflateEntry(zip, e, 1 << 28));
};
const partNames = (bytes: Uint8Array, re: RegExp) =>
  readZip(bytes)
    .entries.filter((e) => re.test(e.name))
    .map((e) => e.name);
/** The s attribute of a cell in a worksheet part. */
const styleOf = (xml: string, ref: string) => new RegExp(`<c r="${ref}"(?: [^>]*?)? s="(\\d+)"`).exec(xml)?.[1];
// An issue without its cell (rows move), by what it says.
const sig = (i: Issue) => `${i.rule}|${i.sheet}|${i.field}|${i.value}|${i.message.en}`;

/** The cells openpyxl fills: a version 1 evaluation of the sample with no data location or start yet (ce-06). */
function fillOf(): CellFill {
  const input = samples.find((s) => s.file.startsWith('ce-06'))!.input;
  const fill: CellFill = {};
  for (const sd of v1.sheets) {
    const cells: Record<string, string | number | null> = (fill[sd.name] = {});
    if (sd.kind === 'form') {
      for (const f of sd.fields) {
        const v = input.forms?.[sd.name]?.[f.key];
        if (v === undefined || v === null || f.computed) continue;
        cells[`B${formFieldRow(sd as FormSheetDef, f) + 1}`] =
          f.type.kind === 'date' ? `date:${String(v)}` : (v as string | number);
      }
    } else if (sd.kind === 'questions') {
      (sd as QuestionSheetDef).questions.forEach((q, r) => {
        sd.fields.forEach((f, k) => {
          const v = input.answers?.[sd.name]?.[q.id]?.[f.key];
          if (v !== undefined && v !== null)
            cells[`${columnLetter(QUESTION_FIXED + k)}${FIRST_DATA_ROW + 1 + r}`] = v as string;
        });
      });
    }
  }
  // The user's own: a formula on 判定 that shows 評価日 (v1 row 17), in a cell of its own.
  fill['判定']['E3'] = `='${FORM}'!B17`;
  return fill;
}

const column = (g: Grid, sheet: string, col: number) => {
  const s = g.sheets.find((x) => x.name === sheet)!;
  return s.rows.map((_, r) => cellAt(s, r, col));
};

describe.skipIf(!hasOpenpyxl())('daicho upgrade: version 1 contractor evaluation (a form) → version 2', () => {
  let dir: string;
  let inputBytes: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'daicho-upgrade-form-'));
    const blank = join(dir, 'blank-v1.xlsx');
    await writeFile(blank, await templateBuffer(v1));
    const filled = join(dir, 'filled.xlsx');
    await fillWithOpenpyxl(blank, filled, fillOf());
    const input = join(dir, 'ce-06.xlsx');
    // Notes on 評価日 (below every insertion) and on 委託先名 (above all of them).
    await run(SYSTEM_PYTHON, [
      join(ROOT, 'test/scripts/check/add_note.py'),
      filled,
      input,
      `${FORM}!B17=評価は総務部で実施`,
      `${FORM}!B3=正式名称で記入`,
    ]);
    inputBytes = await readFile(input);
  }, 120_000);

  it('puts the new fields where a new template has them and keeps every value, note, format and formula', async () => {
    const r = upgradeXlsx(inputBytes);
    if (r.kind !== 'upgraded') throw new Error(JSON.stringify(r));
    expect([r.template, r.from, r.to]).toEqual(['contractor-evaluation', 1, 2]);
    expect(r.added).toEqual([
      `${FORM}!6行目: データの所在国`,
      `${FORM}!11行目: 委託開始日`,
      `${FORM}!15行目: 特定個人情報の再委託許諾`,
    ]);
    const out = join(dir, 'out.xlsx');
    await writeFile(out, r.bytes);
    expect(await issuesAdded(out)).toEqual([]);
    expect(await readFile(join(dir, 'ce-06.xlsx'))).toEqual(inputBytes);

    // The labels and hints down 評価票 are those of a new version 2 template, row for row.
    const got = readXlsx(r.bytes);
    const fresh = readXlsx(await templateBuffer(contractorEvaluation));
    expect(column(got, FORM, 0)).toEqual(column(fresh, FORM, 0));
    expect(column(got, FORM, 2)).toEqual(column(fresh, FORM, 2));

    const before = validateAmong(readXlsx(inputBytes), templates, { asOf: AS_OF });
    const after = validateAmong(got, templates, { asOf: AS_OF });
    expect(before.template).toEqual({ id: 'contractor-evaluation', version: 1 });
    expect(after.template).toEqual({ id: 'contractor-evaluation', version: 2 });
    // Every value by field, on every sheet; the new fields empty.
    for (const sd of v1.sheets) {
      const b = before.data!.sheets[sd.name];
      const a = after.data!.sheets[sd.name];
      expect(a.length, sd.name).toBe(b.length);
      b.forEach((rec, k) => {
        for (const [key, raw] of Object.entries(rec.raw))
          expect(a[k].raw[key], `${sd.name} ${rec.id ?? ''} ${key}`).toEqual(raw);
      });
    }
    const form = after.data!.sheets[FORM][0];
    for (const key of ['データの所在国', '委託開始日', '特定個人情報の再委託許諾'])
      expect(form.raw[key], key).toBeNull();
    expect(form.cells['評価日']).toBe('B20');

    // The findings: version 1's, plus only those of the new rules on the new fields.
    const old = new Set(before.issues.filter((i) => i.rule !== 'TEMPLATE-VERSION').map(sig));
    expect(after.issues.filter((i) => old.has(sig(i))).length).toBe(old.size);
    expect(after.issues.filter((i) => !old.has(sig(i))).map((i) => `${i.rule}/${i.severity}/${i.cell}`)).toEqual([
      'CE-LOCATION/warning/B6',
      'CE-MYNUMBER/warning/B15',
    ]);

    // Each value cell kept its format at its new row; the notes and the formula moved with their cells.
    const sheetPart = 'xl/worksheets/sheet1.xml';
    const inXml = partText(inputBytes, sheetPart);
    const outXml = partText(r.bytes, sheetPart);
    for (const f of (v1.sheets[0] as FormSheetDef).fields) {
      const was = `B${formFieldRow(v1.sheets[0] as FormSheetDef, f) + 1}`;
      expect(styleOf(outXml, form.cells[f.key]), f.key).toBe(styleOf(inXml, was));
    }
    expect(styleOf(outXml, 'B11')).toBe(styleOf(inXml, 'B17')); // 委託開始日 is formatted as the date 評価日
    const [comments] = partNames(r.bytes, /comments/i);
    expect(partText(r.bytes, comments)).toMatch(/ref="B20"[\s\S]*評価は総務部で実施/);
    expect(partText(r.bytes, comments)).toMatch(/ref="B3"[\s\S]*正式名称で記入/);
    const [vml] = partNames(r.bytes, /\.vml$/);
    expect(partText(r.bytes, vml)).toMatch(/<(\w+:)?Row>19<\/(\w+:)?Row>/);
    const resultPart = 'xl/worksheets/sheet4.xml';
    // (openpyxl writes 評価票 as character references.)
    expect(unescapeXml(partText(inputBytes, resultPart)).includes(`<f>'${FORM}'!B17</f>`)).toBe(true);
    expect(unescapeXml(partText(r.bytes, resultPart)).includes(`<f>'${FORM}'!B20</f>`)).toBe(true);

    // Dropdowns: every choice field of version 2 has its list at its own row, the new one included.
    const view = await fillWithOpenpyxl(out, join(dir, 'view.xlsx'), {});
    const lists = view.validations[FORM].filter((d) => d.type === 'list');
    const sd2 = contractorEvaluation.sheets[0] as FormSheetDef;
    for (const f of sd2.fields.filter((x) => x.type.kind === 'enum' || x.type.kind === 'yesno')) {
      const ref = `B${formFieldRow(sd2, f) + 1}`;
      expect(
        lists.some((d) => d.sqref.split(' ').includes(ref)),
        `${f.key} ${ref}`,
      ).toBe(true);
    }
    expect(lists.find((d) => d.sqref === 'B15')?.formula1).toBe('"許諾済み,未許諾,該当なし"');
  });

  it.skipIf(!hasLibreOffice())(
    'upgrades one LibreOffice saved: every value, nothing ooxml-check did not already find',
    async () => {
      const saved = await resaveWithLibreOffice(join(dir, 'ce-06.xlsx'));
      const bytes = await readFile(saved);
      const r = upgradeXlsx(bytes);
      if (r.kind !== 'upgraded') throw new Error(JSON.stringify(r));
      const out = join(dir, 'lo-out.xlsx');
      await writeFile(out, r.bytes);
      expect(await issuesAdded(out, saved)).toEqual([]);
      const before = validateAmong(readXlsx(bytes), templates, { asOf: AS_OF });
      const after = validateAmong(readXlsx(r.bytes), templates, { asOf: AS_OF });
      expect(after.template).toEqual({ id: 'contractor-evaluation', version: 2 });
      for (const sd of v1.sheets) {
        before.data!.sheets[sd.name].forEach((rec, k) => {
          for (const [key, raw] of Object.entries(rec.raw))
            expect(after.data!.sheets[sd.name][k].raw[key], `${sd.name} ${key}`).toEqual(raw);
        });
      }
      const old = new Set(before.issues.filter((i) => i.rule !== 'TEMPLATE-VERSION').map(sig));
      expect(after.issues.filter((i) => !old.has(sig(i))).map((i) => i.rule)).toEqual(['CE-LOCATION', 'CE-MYNUMBER']);
    },
    120_000,
  );

  it('refuses, naming the sheet and what it cannot move, a form sheet with a picture or pane marks', async () => {
    const blank = await templateBuffer(v1);
    const part = 'xl/worksheets/sheet1.xml';
    const withDrawing = rewriteZip(
      blank,
      new Map([
        [part, encodePart(partText(blank, part).replace('</worksheet>', '<drawing r:id="rId99"/></worksheet>'))],
      ]),
    );
    const r = upgradeXlsx(withDrawing);
    expect(r).toMatchObject({
      kind: 'refused',
      reason: {
        ja: expect.stringContaining(`シート「${FORM}」に図・グラフがある`),
        en: expect.stringContaining('pictures or charts'),
      },
    });
    const marks = join(dir, 'marked.xlsx');
    await run(SYSTEM_PYTHON, [
      '-c',
      `import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); ws=wb.create_sheet('_daicho_marks'); ws.append(['sheet','cell','original','mark']); ws.append(['${FORM}','B17','{"none":true}','#FFC7CE']); wb.save(sys.argv[2])`,
      join(dir, 'ce-06.xlsx'),
      marks,
    ]);
    expect(upgradeXlsx(await readFile(marks))).toMatchObject({
      kind: 'refused',
      reason: { ja: expect.stringContaining('「マークを消す」') },
    });
  });

  it('says clearly that a supplier checklist or legal register is already current (their fields did not change)', async () => {
    for (const id of ['supplier-checklist', 'legal-register'] as const) {
      const def = templates.find((t) => t.id === id)!;
      expect(def.version, id).toBe(1);
      const r = upgradeXlsx(await templateBuffer(def));
      expect(r, id).toEqual({
        kind: 'current',
        message: {
          ja: 'すでに最新版のテンプレート（第1版）です。更新は不要です。',
          en: 'Already the latest template version (1); nothing to upgrade.',
        },
      });
    }
  });
});
