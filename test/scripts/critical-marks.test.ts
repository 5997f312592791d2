// Critical questions (the checklist's 重大, the contractor evaluation's 必須) are told apart in the template by bold as
// well as red, and the legend says so: a black-and-white printout keeps the mark (review §7 item 8).
import { describe, expect, it } from 'vitest';
import { buildTemplateWorkbook } from '../../scripts/xlsx/template-writer.js';
import { templates } from '../../templates/index.js';

describe('critical question marks survive black-and-white printing', () => {
  for (const def of templates) {
    for (const sd of def.sheets) {
      if (sd.kind !== 'questions' || !sd.questions.some((q) => q.critical)) continue;
      it(`${def.id} ${sd.name}: the legend names bold, and only the critical 項番 are bold`, async () => {
        const ws = (await buildTemplateWorkbook(def)).getWorksheet(sd.name)!;
        expect(ws.getCell('A1').text).toContain('赤字・太字の項番');
        expect(ws.getCell('A1').text).toContain('bold red');
        const bold = new Map<string, boolean>();
        ws.getColumn(1).eachCell((c) => bold.set(String(c.value ?? ''), c.font?.bold === true));
        for (const q of sd.questions) expect(bold.get(q.id), q.id).toBe(!!q.critical);
      });
    }
  }
});
