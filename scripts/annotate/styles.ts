// Adding styles to a package's styles part without disturbing the existing ones: new fills and fonts are appended
// to their lists, and each marked cell's style (cellXfs entry) is cloned with the mark's fill, so the cell keeps its
// number format, font, borders, alignment and protection (an unlocked answer cell stays unlocked).
import { scanTags, setAttr, Splices } from './xml-edit.js';

export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

interface List {
  /** Qualified element name (x:fills). */
  name: string;
  prefix: string;
  openStart: number;
  openEnd: number;
  closeStart: number;
  /** Raw XML of each child entry. */
  items: string[];
  selfClosing: boolean;
}

export class StylesEditor {
  private readonly lists = new Map<string, List>();
  private readonly added = new Map<string, string[]>();
  private readonly xfClones = new Map<string, number>();

  constructor(private readonly xml: string) {
    const want = new Set(['fonts', 'fills', 'cellXfs']);
    let depth = 0;
    let cur: List | null = null;
    let itemStart = -1;
    for (const t of scanTags(xml)) {
      if (t.type === 'close') depth--;
      const d = depth;
      if (t.type === 'open') depth++;
      if (d === 1 && want.has(t.local) && t.type !== 'close') {
        const list: List = {
          name: t.name,
          prefix: t.prefix,
          openStart: t.start,
          openEnd: t.end,
          closeStart: t.end,
          items: [],
          selfClosing: t.type === 'empty',
        };
        this.lists.set(t.local, list);
        if (t.type === 'open') cur = list;
        continue;
      }
      if (!cur) continue;
      if (d === 1 && t.type === 'close') {
        cur.closeStart = t.start;
        cur = null;
        continue;
      }
      if (d === 2) {
        if (t.type === 'empty') cur.items.push(xml.slice(t.start, t.end));
        else if (t.type === 'open') itemStart = t.start;
        else if (t.type === 'close' && itemStart >= 0) {
          cur.items.push(xml.slice(itemStart, t.end));
          itemStart = -1;
        }
      }
    }
    for (const k of want) if (!this.lists.has(k)) throw new Error(`styles part has no <${k}>`);
  }

  private count(kind: string): number {
    return this.lists.get(kind)!.items.length + (this.added.get(kind)?.length ?? 0);
  }

  private add(kind: string, xml: string): number {
    const n = this.count(kind);
    const arr = this.added.get(kind) ?? [];
    arr.push(xml);
    this.added.set(kind, arr);
    return n;
  }

  private p(kind: string): string {
    return this.lists.get(kind)!.prefix;
  }

  /** A solid fill; returns its fillId. */
  addFill(argb: string): number {
    const p = this.p('fills');
    return this.add(
      'fills',
      `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
    );
  }

  /** A font: bold and/or colour/underline; returns its fontId. */
  addFont(f: { bold?: boolean; argb?: string; underline?: boolean; size?: number }): number {
    const p = this.p('fonts');
    const parts = [
      f.bold ? `<${p}b/>` : '',
      f.underline ? `<${p}u/>` : '',
      `<${p}sz val="${f.size ?? 11}"/>`,
      f.argb ? `<${p}color rgb="${f.argb}"/>` : '',
      `<${p}name val="Yu Gothic"/>`,
      `<${p}family val="3"/>`,
      `<${p}charset val="128"/>`,
    ];
    return this.add('fonts', `<${p}font>${parts.join('')}</${p}font>`);
  }

  /** A new cell style; returns its index (the s attribute). */
  addXf(x: { fontId?: number; fillId?: number; wrap?: boolean; vertical?: 'top' | 'center' }): number {
    const p = this.p('cellXfs');
    const attrs = [
      'numFmtId="0"',
      `fontId="${x.fontId ?? 0}"`,
      `fillId="${x.fillId ?? 0}"`,
      'borderId="0"',
      'xfId="0"',
      x.fontId !== undefined ? 'applyFont="1"' : '',
      x.fillId !== undefined ? 'applyFill="1"' : '',
      x.wrap || x.vertical ? 'applyAlignment="1"' : '',
    ].filter(Boolean);
    const align =
      x.wrap || x.vertical
        ? `<${p}alignment${x.vertical ? ` vertical="${x.vertical}"` : ''}${x.wrap ? ' wrapText="1"' : ''}/>`
        : '';
    return this.add('cellXfs', align ? `<${p}xf ${attrs.join(' ')}>${align}</${p}xf>` : `<${p}xf ${attrs.join(' ')}/>`);
  }

  /** The style index of cell style `s` with its fill replaced by `fillId` (cloned once per pair). */
  withFill(s: number, fillId: number): number {
    const key = `${s}:${fillId}`;
    const known = this.xfClones.get(key);
    if (known !== undefined) return known;
    const xfs = this.lists.get('cellXfs')!.items;
    const p = this.p('cellXfs');
    const base = xfs[s] ?? xfs[0] ?? `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
    const gt = base.indexOf('>');
    const open = base.slice(0, gt + 1);
    const rest = base.slice(gt + 1);
    const cloned = setAttr(setAttr(open, 'fillId', String(fillId)), 'applyFill', '1') + rest;
    const idx = this.add('cellXfs', cloned);
    this.xfClones.set(key, idx);
    return idx;
  }

  toXml(): string {
    const sp = new Splices();
    for (const [kind, list] of this.lists) {
      const extra = this.added.get(kind);
      if (!extra?.length) continue;
      const count = list.items.length + extra.length;
      const open = setAttr(this.xml.slice(list.openStart, list.openEnd), 'count', String(count));
      if (list.selfClosing) {
        sp.replace(
          list.openStart,
          list.openEnd,
          `${open.slice(0, -2).replace(/\s+$/, '')}>${extra.join('')}</${list.name}>`,
        );
      } else {
        sp.replace(list.openStart, list.openEnd, open);
        sp.insert(list.closeStart, extra.join(''));
      }
    }
    return sp.apply(this.xml);
  }
}
