// parsePlainXml (the plain scanner) must hand the handlers exactly what saxes does, or refuse the part so that the
// reader parses it again with saxes; parseXml, which scans a small part plainly first, must do what saxes does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  NotPlainContent,
  parsePlainXml,
  parseXml,
  parseXmlWithSaxes,
  type XmlHandlers,
} from '../../../scripts/io/xml.js';
import { CORPUS } from '../check/cli-helpers.js';

type Outcome = { events: unknown[] } | { error: string };

/** The handler calls, adjacent texts joined (saxes may split a text where the scanner does not). */
function run(parse: (h: XmlHandlers) => void): Outcome {
  const events: unknown[] = [];
  const text = (t: string) => {
    const last = events[events.length - 1];
    if (Array.isArray(last) && last[0] === 'text') last[1] += t;
    else events.push(['text', t]);
  };
  try {
    parse({
      open: (name, attrs) => events.push(['open', name, { ...attrs }]),
      close: (name) => events.push(['close', name]),
      text,
    });
    return { events };
  } catch (err) {
    return { error: err instanceof NotPlainContent ? 'not plain' : 'error' };
  }
}

const enc = (s: string) => new TextEncoder().encode(s);
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const sheet = (content: string, prefix = '') =>
  enc(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${prefix}worksheet xmlns${prefix ? `:${prefix.slice(0, -1)}` : ''}="${NS}"><${prefix}dimension ref="A1"/><${prefix}sheetData>${content}</${prefix}sheetData><${prefix}pageMargins left="0.7"/></${prefix}worksheet>`,
  );

/** Both ways, every slice size given: the same calls, or the scanner refuses. Says which. */
function compare(data: Uint8Array, chunks = [8 * 1024 * 1024, 7, 1]): 'same' | 'not plain' {
  const slow = run((h) => parseXmlWithSaxes(data, 'x', h));
  expect(
    run((h) => parseXml(data, 'x', h)),
    'parseXml',
  ).toEqual(slow);
  let refused = false;
  for (const chunk of chunks) {
    const fast = run((h) => parsePlainXml(data, 'x', h, chunk));
    if ('error' in fast) refused = true;
    else expect(fast, `slices of ${chunk}`).toEqual(slow);
  }
  return refused ? 'not plain' : 'same';
}

describe('parsePlainXml', () => {
  it('gives the same calls as saxes for plain content, in slices of any size', () => {
    const cells = [
      '<row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"><v>45123.5</v></c><c r="C1"/></row>',
      "<row r='2'>\n  <c r='A2' t='inlineStr'><is><t xml:space='preserve'> a &amp; b &lt;&gt; &quot;q&quot; &apos;s&apos; </t></is></c>\n</row>",
      '<row r="3"><c r="A3" t="str"><f>IF(A1&gt;0,"&gt;","x")</f><v>&gt;</v></c><c r="B3"><f t="shared" ref="B3:B9" si="0">A3*2</f><v>4</v></c></row>',
      '<row r="4"><c r="A4" t="inlineStr"><is><r><t>漢字</t></r><rPh sb="0" eb="2"><t>カンジ</t></rPh></is></c></row>',
      '<row r="5"><c r="A5" t="inlineStr"><is><t>&#13;&#10;&#x1F600;&#x41;&#0066;𠮷\u{FEFF}</t></is></c></row>',
      '<row r="6" ht="20" customHeight="1"><c r="A6" t="e"><v>#N/A</v></c><c r="B6" t="b" ><v>1</v></c ></row>',
      '<row r="7"><c r="A7" t="inlineStr" note=">"><is><t>a > b ]] c</t></is></c></row>',
      '<row r="8" note="a&amp;b &#x3042;"/>',
    ].join('');
    expect(compare(sheet(cells))).toBe('same');
    expect(compare(sheet(cells, 'x:'))).toBe('same');
    expect(compare(sheet(''))).toBe('same');
    expect(compare(sheet('\u{FEFF}<row r="1"/>'))).toBe('same');
    // The prolog: a byte order mark, declarations of version 1.0, white space around the root (CR LF too).
    for (const doc of [
      '\u{FEFF}<?xml version="1.0"?><a/>',
      "<?xml version='1.0' encoding='utf-8' standalone='no' ?>\n<a x='1'>t</a>\n",
      '<a><b/></a>',
      '<a/>  \n',
      // Names are kept by a hash of their characters: Aa and BB hash alike.
      '<Aa BB="1" Aa="2"><BB Aa="3" BB="4"/></Aa>',
      '<?xml version="1.0"?>\r\n<a/>\r',
    ]) {
      expect(compare(enc(doc)), doc).toBe('same');
    }
  });

  it('refuses what it does not take, and everything saxes finds malformed', () => {
    for (const content of [
      '<!-- a comment --><row r="1"/>',
      '<row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[x]]></t></is></c></row>',
      '<?pi x?><row r="1"/>',
      '<row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row>',
      // An object's own key is no entity: the scanner once decoded this to the text of Object's constructor.
      '<row r="1"><c r="A1" t="inlineStr"><is><t>&constructor;</t></is></c></row>',
      '<row r="1"><c r="A1" t="inlineStr"><is><t>&#X41;&#;&#x;&#1114112;</t></is></c></row>',
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a &amp b</t></is></c></row>',
      '<row r="1"><c r="A1" t="inlineStr"><is><t>&#0;&#xD800;</t></is></c></row>',
      '<row r="1"><c r="A1" t="inlineStr"><is><t>\u0001</t></is></c></row>',
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a]]>b</t></is></c></row>',
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a\r\nb</t></is></c></row>',
      '<row r="1" note="a\tb"/>',
      '<row r="1" r="2"/>',
      '<row r="1"t="2"/>',
      '<row r = "1"/>',
      '<row 1r="1"/>',
      '<row r="1"><c r="A1"></row></c>',
      '<row r="1">',
      '</row>',
      '<ロウ r="1"/>',
      '<row r="1" x="<"/>',
    ]) {
      expect(compare(sheet(content)), content).toBe('not plain');
    }
    for (const doc of [
      '<a/><b/>',
      '  <a/>',
      '<a/>x',
      'x<a/>',
      '',
      '<a>',
      '<?xml version="1.1"?><a/>',
      '<?xml encoding="UTF-8"?><a/>',
      '<?xml-stylesheet href="s.xsl"?><a/>',
      '<!DOCTYPE a><a/>',
      `<worksheet xmlns="${NS}"><!--<sheetData>--><sheetData><row r="1"/></sheetData></worksheet>`,
    ]) {
      expect(compare(enc(doc)), doc).toBe('not plain');
    }
  });

  it('gives the same calls as saxes for every part of the corpus, or refuses it', () => {
    const dir = CORPUS;
    let same = 0;
    let all = 0;
    for (const file of readdirSync(dir).filter((f) => /\.xls[xm]$/i.test(f))) {
      let parts: Record<string, Uint8Array>;
      try {
        parts = unzipSync(readFileSync(join(dir, file)), {
          filter: (e) => /\.(xml|rels)$/i.test(e.name) && e.originalSize < 4 << 20,
        });
      } catch {
        continue;
      }
      for (const data of Object.values(parts)) {
        all++;
        if (compare(data, [8 * 1024 * 1024, 4096]) === 'same') same++;
      }
    }
    console.log(`plain: ${same} of ${all} parts`);
    expect(same).toBeGreaterThan(500);
  });
});
