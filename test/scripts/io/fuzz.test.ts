// Damaged input of every kind must come out as a Grid or an UnreadableError — never another exception.
import { describe, expect, it } from 'vitest';
import { readXlsx, UnreadableError } from '../../../scripts/io/read-xlsx.js';
import { sniff } from '../../../scripts/io/sniff.js';
import { buildPackage, cfb, stylesXml } from './fixtures.js';
import { rng } from '../../helpers/random.js';

const SHEET =
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>45383</v></c><c r="C1"><f t="shared" ref="C1:C2" si="0">A1&amp;B1</f><v>x</v></c></row>' +
  '<row r="2"><c r="A2" t="inlineStr"><is><r><t>山田</t></r><rPh sb="0" eb="2"><t>ヤマダ</t></rPh></is></c><c r="C2"><f t="shared" si="0"/></c><c r="D2" t="e"><v>#REF!</v></c></row>';
const spec = {
  sharedStrings: ['<r><t>氏名</t></r><rPh sb="0" eb="2"><t>シメイ</t></rPh>'],
  styles: stylesXml({ 164: 'yyyy/mm/dd' }, [0, 164]),
  definedNames: '<definedName name="n">S!$A$1</definedName>',
  sheets: [{ name: 'S', data: SHEET }],
};

function outcome(bytes: Uint8Array): string {
  const s = sniff(bytes, 'f.xlsx');
  try {
    readXlsx(bytes);
    expect(s.kind).not.toBe('unreadable');
    return 'grid';
  } catch (e) {
    if (!(e instanceof UnreadableError)) throw e;
    return e.code;
  }
}

describe('fuzzed input', () => {
  it('survives random byte damage to the zip', () => {
    const good = buildPackage(spec);
    const rand = rng(42);
    const seen = new Set<string>();
    for (let i = 0; i < 400; i++) {
      const b = good.slice(0, i % 5 === 0 ? Math.floor(rand() * good.length) : good.length);
      for (let k = 0; k < 1 + Math.floor(rand() * 4); k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      seen.add(outcome(b));
    }
    expect(seen.has('damaged-zip')).toBe(true);
  });

  it('survives random damage to the XML inside a sound zip', () => {
    const rand = rng(7);
    const seen = new Set<string>();
    const alphabet = '<>/="&;:# x_0r1tsvcf\u3042';
    for (let i = 0; i < 400; i++) {
      const damage = (s: string): string => {
        const a = [...s];
        for (let k = 0; k < 1 + Math.floor(rand() * 3); k++)
          a[Math.floor(rand() * a.length)] = alphabet[Math.floor(rand() * alphabet.length)];
        return a.join('');
      };
      const which = i % 4;
      const bytes = buildPackage({
        ...spec,
        sheets: [{ name: 'S', data: which === 0 ? damage(SHEET) : SHEET }],
        sharedStrings: which === 1 ? [damage(spec.sharedStrings[0])] : spec.sharedStrings,
        styles: which === 2 ? damage(spec.styles) : spec.styles,
        definedNames: which === 3 ? damage(spec.definedNames) : spec.definedNames,
      });
      seen.add(outcome(bytes));
    }
    expect(seen.has('grid')).toBe(true);
    expect(seen.has('malformed-xml')).toBe(true);
  });

  it('survives damaged CFB containers', () => {
    const rand = rng(3);
    for (let i = 0; i < 400; i++) {
      const b = cfb(['EncryptionInfo', 'EncryptedPackage']);
      for (let k = 0; k < 1 + Math.floor(rand() * 6); k++) b[Math.floor(rand() * 600)] = Math.floor(rand() * 256);
      expect(['encrypted', 'legacy-xls', 'not-spreadsheet', 'csv']).toContain(outcome(b));
    }
  });
});
