// PlainBytes (the plain-XML check made on the bytes) must take no part that the plain scanner refuses, and where it
// takes one, see the same elements with the same attribute values: on every XML part of the real-world corpus, on
// hand-written parts and on randomly damaged ones.
import { describe, expect, it } from 'vitest';
import { PlainBytes } from '../../../scripts/io/plain-bytes.js';
import { NotPlainContent, parsePlainXml } from '../../../scripts/io/xml.js';
import { damage, rng } from '../../helpers/random.js';
import { corpusParts } from '../../helpers/corpus.js';

const enc = (s: string) => new TextEncoder().encode(s);
const latin1 = (b: Uint8Array, s: number, e: number) => String.fromCharCode(...b.subarray(s, e));

type Event = [string, string, Record<string, string>?];

/** The plain scanner's opens (with attributes) and closes, or null when it refuses the part. */
function plainEvents(data: Uint8Array): Event[] | null {
  const events: Event[] = [];
  try {
    parsePlainXml(data, 'x', {
      open: (name, attrs) => events.push(['open', name, { ...attrs }]),
      close: (name) => events.push(['close', name]),
    });
    return events;
  } catch (err) {
    if (err instanceof NotPlainContent) return null;
    throw err;
  }
}

/** Taken by PlainBytes (and then the same elements and values as the plain scanner), or not. */
function compare(data: Uint8Array, label: string): boolean {
  const bytes = new PlainBytes(data);
  const events: Event[] = [];
  const local = (s: number, e: number) => latin1(data, s, e).replace(/^.*:/, '');
  const plain = plainEvents(data);
  let i = 0;
  const taken = bytes.scan(
    (s, e) => {
      const attrs: Record<string, string> = {};
      // Each attribute the plain scanner saw, read back through attr().
      const want = plain?.[i]?.[2] ?? {};
      for (const k of Object.keys(want)) attrs[k] = bytes.attr(k) as string;
      events.push(['open', local(s, e), attrs]);
      i++;
    },
    (s, e) => {
      events.push(['close', local(s, e)]);
      i++;
    },
  );
  if (!taken) return false;
  expect(plain, `${label}: taken by PlainBytes, refused by the plain scanner`).not.toBeNull();
  expect(events, label).toEqual(plain);
  return true;
}

const GOOD = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<a xmlns="urn:a" xmlns:x="urn:x"><x:b c="1" d=\'two\' e="a &amp; b &#x41;&#66;" f=">"/>',
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy/mm/dd;@&quot;x&quot;"/></numFmts>',
  '\n  <c>text &lt; 漢字 𠮷\tand\nline</c><d></d ><e/></a>\n',
].join('');

describe('PlainBytes', () => {
  it('takes no XML part of the corpus that the plain scanner refuses, and sees the same elements', () => {
    let parts = 0;
    let taken = 0;
    for (const [name, part, data] of corpusParts((p) => /\.(xml|rels)$/i.test(p))) {
      if (data.length > 4 << 20) continue;
      parts++;
      if (compare(data, `${name} ${part}`)) taken++;
    }
    expect(parts).toBeGreaterThan(1000);
    expect(taken / parts).toBeGreaterThan(0.8);
  });

  it('reads declarations, prefixes, quotes, entities, text and white space as the plain scanner does', () => {
    expect(compare(enc(GOOD), 'good')).toBe(true);
    expect(compare(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('<a b="1"/>')]), 'BOM')).toBe(true);
    for (const doc of [
      ' <a/>',
      'x<a/>',
      '<a/><b/>',
      '<a/>x',
      '<a>',
      '',
      '<a b="1" b="2"/>',
      '<a b="1"c="2"/>',
      '<a b = "1"/>',
      '<a b="x\ty"/>',
      '<a b="<"/>',
      '<a b="&nbsp;"/>',
      '<a b="&constructor;"/>',
      '<a>&#0;</a>',
      '<a>a\r\nb</a>',
      '<a>a]]>b</a>',
      '<a>\u0001</a>',
      '<a>\uFFFE</a>',
      '<a><!-- c --></a>',
      '<a><![CDATA[x]]></a>',
      '<a><?pi x?></a>',
      '<!DOCTYPE a><a/>',
      '<?xml version="1.1"?><a/>',
      '<?xml version="1.0" encoding="UTF-8"?>x<a/>',
      '<a></b>',
      '<a><b></a></b>',
      '</a>',
      '<ア/>',
      '<1a/>',
      '<a/ >',
    ]) {
      expect(compare(enc(doc), doc), doc).toBe(false);
    }
  });

  it('takes no damaged part that the plain scanner refuses', () => {
    const rand = rng(5);
    const alphabet = '<>/="\' &;#x0A:?!-]\r\n\t\u00ef';
    let taken = 0;
    for (let i = 0; i < 1500; i++) {
      const damaged = damage(GOOD, rand, alphabet);
      if (compare(enc(damaged), damaged)) taken++;
    }
    expect(taken).toBeGreaterThan(300);
  });
});
