// Note shapes in legacy VML drawings, new or written by another program. What Excel insists on (each otherwise
// repairs the file or drops notes):
// - every shape id lies in an o:idmap block of its own drawing (block n holds ids n×1024 … n×1024+1023) and no two
//   drawings share a block or an id: 1,500 notes need two blocks;
// - the v:/o:/x: prefixes our shapes use are declared (openpyxl declares its ns0:/ns1: on each element, not on
//   the root);
// - one Note shape per cell: a cell that already has the supplier's note keeps its shape.
import { getAttr, scanTags, setAttr, Splices } from './xml-edit.js';

const NS = {
  v: 'urn:schemas-microsoft-com:vml',
  o: 'urn:schemas-microsoft-com:office:office',
  x: 'urn:schemas-microsoft-com:office:excel',
} as const;
type Prefixes = Record<keyof typeof NS, string>;

const BLOCK = 1024;

export interface NoteCell {
  row: number;
  col: number;
  lines: number;
}

/** Allocates o:idmap blocks that no drawing of the package uses yet. */
export class IdBlocks {
  private readonly used = new Set<number>();
  private readonly ids = new Set<number>();

  /** Records the blocks of a drawing already in the package (its idmap and the blocks its shape ids fall in). */
  see(vml: string): void {
    for (const n of idmapBlocks(vml)) this.used.add(n);
    for (const id of shapeIds(vml)) {
      this.used.add(Math.floor(id / BLOCK));
      this.ids.add(id);
    }
  }

  /** Whether a shape id is used by any drawing of the package (or was handed out). */
  taken(id: number): boolean {
    return this.ids.has(id);
  }

  take(id: number): void {
    this.ids.add(id);
  }

  fresh(): number {
    let n = 1;
    while (this.used.has(n)) n++;
    this.used.add(n);
    return n;
  }
}

function idmapBlocks(vml: string): number[] {
  const out: number[] = [];
  for (const m of vml.matchAll(/<(?:[\w.-]+:)?idmap\b[^>]*\bdata\s*=\s*["']([^"']*)["']/g)) {
    for (const n of m[1].split(/[,\s]+/)) if (/^\d+$/.test(n)) out.push(Number(n));
  }
  return out;
}

function shapeIds(vml: string): number[] {
  return [...vml.matchAll(/\bid\s*=\s*["']_x0000_s(\d+)["']/g)].map((m) => Number(m[1]));
}

/** Cells (row:col, 0-based) that already have a Note shape, whatever prefixes the drawing uses. */
function noteCells(vml: string): Set<string> {
  const have = new Set<string>();
  for (const m of vml.matchAll(/<((?:[\w.-]+:)?)ClientData\b([^>]*)>([\s\S]*?)<\/\1ClientData>/g)) {
    if (!/\bObjectType\s*=\s*["']Note["']/.test(m[2])) continue;
    const row = /<(?:[\w.-]+:)?Row>\s*(\d+)\s*</.exec(m[3]);
    const col = /<(?:[\w.-]+:)?Column>\s*(\d+)\s*</.exec(m[3]);
    if (row && col) have.add(`${Number(row[1])}:${Number(col[1])}`);
  }
  return have;
}

const shapetype = (p: Prefixes): string =>
  `<${p.v}shapetype id="_x0000_t202" coordsize="21600,21600" ${p.o}spt="202" path="m,l,21600r21600,l21600,xe">` +
  `<${p.v}stroke joinstyle="miter"/><${p.v}path gradientshapeok="t" ${p.o}connecttype="rect"/></${p.v}shapetype>`;

function shape(p: Prefixes, id: number, c: NoteCell): string {
  const height = Math.min(12, Math.max(3, c.lines + 1));
  const { v, o, x } = p;
  return (
    `<${v}shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:260pt;height:${height * 13}pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" ${o}insetmode="auto">` +
    `<${v}fill color2="#ffffe1"/><${v}shadow on="t" color="black" obscured="t"/><${v}path ${o}connecttype="none"/>` +
    `<${v}textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></${v}textbox>` +
    `<${x}ClientData ObjectType="Note"><${x}MoveWithCells/><${x}SizeWithCells/><${x}Anchor>${c.col + 1}, 15, ${Math.max(0, c.row - 1)}, 10, ${c.col + 5}, 15, ${c.row + height}, 4</${x}Anchor>` +
    `<${x}AutoFill>False</${x}AutoFill><${x}Row>${c.row}</${x}Row><${x}Column>${c.col}</${x}Column></${x}ClientData></${v}shape>`
  );
}

/**
 * Adds Note shapes to a VML drawing (a new one when `existing` is undefined) for the cells that have none yet.
 * Ids come from the drawing's own idmap blocks while they have room, then from fresh blocks added to its idmap.
 */
export function mergeVml(existing: string | undefined, cells: NoteCell[], blocks: IdBlocks): string {
  const xml = existing ?? `<xml xmlns:v="${NS.v}" xmlns:o="${NS.o}" xmlns:x="${NS.x}"></xml>`;
  const have = noteCells(xml);
  const todo = cells.filter((c) => !have.has(`${c.row}:${c.col}`));
  if (!todo.length) return xml;

  const root = [...scanTags(xml)].find((t) => t.type !== 'close');
  if (!root || root.local !== 'xml' || root.type === 'empty') throw new Error('VML drawing without an <xml> root');
  const sp = new Splices();
  // Prefixes: those the root declares for our namespaces, else v/o/x declared on the root.
  let rootTag = xml.slice(root.start, root.end);
  const p = {} as Prefixes;
  for (const k of Object.keys(NS) as (keyof typeof NS)[]) {
    const declared = new RegExp(`\\sxmlns:([\\w.-]+)\\s*=\\s*["']${NS[k].replace(/[.:]/g, '\\$&')}["']`).exec(
      rootTag,
    )?.[1];
    if (declared) p[k] = `${declared}:`;
    else {
      let name: string = k;
      for (let n = 2; getAttr(rootTag, `xmlns:${name}`) !== undefined; n++) name = `${k}${n}`;
      rootTag = setAttr(rootTag, `xmlns:${name}`, NS[k]);
      p[k] = `${name}:`;
    }
  }
  sp.replace(root.start, root.end, rootTag);

  // Ids: free slots of the drawing's blocks, then fresh blocks.
  const own = idmapBlocks(xml);
  const taken = new Set(shapeIds(xml));
  const ownBlocks = own.length ? [...own] : [...new Set([...taken].map((id) => Math.floor(id / BLOCK)))];
  let added = 0;
  let bi = 0;
  let next = ownBlocks.length ? ownBlocks[0] * BLOCK + 1 : 0;
  const nextId = (): number => {
    for (;;) {
      if (bi >= ownBlocks.length) {
        const b = blocks.fresh();
        ownBlocks.push(b);
        added++;
        next = b * BLOCK + 1;
      }
      const block = ownBlocks[bi];
      while (next < (block + 1) * BLOCK && (taken.has(next) || blocks.taken(next))) next++;
      if (next < (block + 1) * BLOCK) {
        blocks.take(next);
        return next++;
      }
      bi++;
      if (bi < ownBlocks.length) next = ownBlocks[bi] * BLOCK + 1;
    }
  };
  let body = /\bid\s*=\s*["']_x0000_t202["']/.test(xml) ? '' : shapetype(p);
  for (const c of todo) body += shape(p, nextId(), c);

  // The idmap: extended with the new blocks, or written when the drawing had none.
  if (!own.length || added > 0) {
    const idmapTag = [...scanTags(xml)].find((t) => t.local === 'idmap' && t.type !== 'close');
    if (idmapTag)
      sp.replace(
        idmapTag.start,
        idmapTag.end,
        setAttr(xml.slice(idmapTag.start, idmapTag.end), 'data', ownBlocks.join(',')),
      );
    else
      sp.insert(
        root.end,
        `<${p.o}shapelayout ${p.v}ext="edit"><${p.o}idmap ${p.v}ext="edit" data="${ownBlocks.join(',')}"/></${p.o}shapelayout>`,
      );
  }
  const end = xml.lastIndexOf(`</${root.name}`);
  if (end < root.end) throw new Error('VML drawing without </xml>');
  sp.insert(end, body);
  return sp.apply(xml);
}
