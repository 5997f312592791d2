// Small inline SVG charts for the audit page: drawn here, no scripts, no fonts or images from the network. Text is
// sized from a rough width estimate (CJK characters one em, Latin about half) so labels do not overlap.
import { formatRate } from '../../templates/model/score.js';

export const FONT =
  "'Hiragino Kaku Gothic ProN','Hiragino Sans','Yu Gothic UI','Yu Gothic',Meiryo,'Noto Sans CJK JP','IPAPGothic','IPAGothic',sans-serif";

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Approximate width of a text in px at a font size. */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += (ch.codePointAt(0) ?? 0) > 0x2e7f ? 1 : 0.56;
  return w * size;
}

function clipText(s: string, max: number, size: number): string {
  if (textWidth(s, size) <= max) return s;
  let out = '';
  for (const ch of s) {
    if (textWidth(`${out}${ch}…`, size) > max) break;
    out += ch;
  }
  return `${out}…`;
}

export interface Segment {
  value: number;
  color: string;
  name: string;
}

export interface Bar {
  label: string;
  /** A second, dimmer line under the label (e.g. the rule's title). */
  sub?: string;
  segments: Segment[];
}

/** Horizontal stacked bars with the total at the end of each bar and a legend. */
export function horizontalBars(
  bars: readonly Bar[],
  opts: { width?: number; title: string; empty: string; legend?: Segment[] },
): string {
  const width = opts.width ?? 560;
  const size = 12;
  const rowH = bars.some((b) => b.sub) ? 34 : 24;
  const labelW = Math.min(
    240,
    Math.max(60, ...bars.map((b) => Math.max(textWidth(b.label, size), b.sub ? textWidth(b.sub, 11) : 0) + 20)),
  );
  const max = Math.max(1, ...bars.map((b) => b.segments.reduce((n, s) => n + s.value, 0)));
  const plotW = width - labelW - 44;
  const top = 8;
  const legendH = opts.legend ? 26 : 0;
  const height = top + Math.max(1, bars.length) * rowH + legendH + 4;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(opts.title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px;font-family:${esc(FONT)}">`,
  ];
  if (!bars.length)
    parts.push(
      `<text x="${width / 2}" y="${top + 16}" text-anchor="middle" font-size="13" fill="#6b7280">${esc(opts.empty)}</text>`,
    );
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    const mid = y + (b.sub ? 12 : rowH / 2 + 4);
    parts.push(
      `<text x="${labelW - 8}" y="${mid}" text-anchor="end" font-size="${size}" fill="#111827">${esc(clipText(b.label, labelW - 10, size))}</text>`,
    );
    if (b.sub)
      parts.push(
        `<text x="${labelW - 8}" y="${mid + 14}" text-anchor="end" font-size="11" fill="#6b7280">${esc(clipText(b.sub, labelW - 10, 11))}</text>`,
      );
    let x = labelW;
    const barY = y + (rowH - 16) / 2;
    let total = 0;
    for (const s of b.segments) {
      if (s.value <= 0) continue;
      const w = (s.value / max) * plotW;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${barY}" width="${Math.max(1, w).toFixed(1)}" height="16" rx="2" fill="${s.color}"><title>${esc(`${b.label} ${s.name}: ${s.value}`)}</title></rect>`,
      );
      x += w;
      total += s.value;
    }
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${barY + 12}" font-size="12" fill="#374151">${total}</text>`);
  });
  if (opts.legend) {
    let x = labelW;
    const y = height - legendH + 12;
    for (const s of opts.legend) {
      parts.push(
        `<rect x="${x}" y="${y - 9}" width="10" height="10" rx="2" fill="${s.color}"/><text x="${x + 14}" y="${y}" font-size="11" fill="#374151">${esc(s.name)}</text>`,
      );
      x += 24 + textWidth(s.name, 11);
    }
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Vertical bars (one per category) with the count above each. */
export function columns(
  cols: readonly { label: string; value: number; color: string }[],
  opts: { width?: number; title: string; empty: string },
): string {
  const width = opts.width ?? 360;
  const height = 190;
  const base = height - 28;
  const max = Math.max(1, ...cols.map((c) => c.value));
  const slot = (width - 20) / Math.max(1, cols.length);
  const barW = Math.min(48, slot * 0.6);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(opts.title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px;font-family:${esc(FONT)}">`,
    `<line x1="10" y1="${base}" x2="${width - 10}" y2="${base}" stroke="#d1d5db"/>`,
  ];
  if (!cols.some((c) => c.value > 0))
    parts.push(
      `<text x="${width / 2}" y="${base / 2}" text-anchor="middle" font-size="13" fill="#6b7280">${esc(opts.empty)}</text>`,
    );
  cols.forEach((c, i) => {
    const h = (c.value / max) * (base - 30);
    const x = 10 + i * slot + (slot - barW) / 2;
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${(base - h).toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" rx="3" fill="${c.color}"><title>${esc(`${c.label}: ${c.value}`)}</title></rect>`,
    );
    parts.push(
      `<text x="${(x + barW / 2).toFixed(1)}" y="${(base - h - 6).toFixed(1)}" text-anchor="middle" font-size="13" font-weight="600" fill="#111827">${c.value}</text>`,
    );
    parts.push(
      `<text x="${(x + barW / 2).toFixed(1)}" y="${base + 17}" text-anchor="middle" font-size="12" fill="#374151">${esc(c.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

/** Horizontal 0–100% bars (a rate per row) with guide lines at the given thresholds. */
export function rates(
  rows: readonly { label: string; rate: number | null; min?: number | null }[],
  opts: { width?: number; title: string; empty: string; guides?: { at: number; label: string }[] },
): string {
  const width = opts.width ?? 560;
  const size = 12;
  const rowH = 24;
  const labelW = Math.min(240, Math.max(60, ...rows.map((r) => textWidth(r.label, size) + 20)));
  const plotW = width - labelW - 54;
  const top = 18;
  const height = top + Math.max(1, rows.length) * rowH + 8;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(opts.title)}" viewBox="0 0 ${width} ${height}" width="100%" style="max-width:${width}px;font-family:${esc(FONT)}">`,
  ];
  for (const g of opts.guides ?? []) {
    const x = labelW + g.at * plotW;
    parts.push(
      `<line x1="${x.toFixed(1)}" y1="${top - 4}" x2="${x.toFixed(1)}" y2="${height - 6}" stroke="#9ca3af" stroke-dasharray="3 3"/>`,
    );
    parts.push(
      `<text x="${x.toFixed(1)}" y="${top - 7}" text-anchor="middle" font-size="10" fill="#6b7280">${esc(g.label)}</text>`,
    );
  }
  if (!rows.length)
    parts.push(
      `<text x="${width / 2}" y="${top + 16}" text-anchor="middle" font-size="13" fill="#6b7280">${esc(opts.empty)}</text>`,
    );
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    parts.push(
      `<text x="${labelW - 8}" y="${y + 16}" text-anchor="end" font-size="${size}" fill="#111827">${esc(clipText(r.label, labelW - 10, size))}</text>`,
    );
    parts.push(`<rect x="${labelW}" y="${y + 4}" width="${plotW}" height="16" rx="2" fill="#f3f4f6"/>`);
    if (r.rate !== null) {
      const color = r.rate >= 0.9 ? '#15803d' : r.rate >= 0.75 ? '#65a30d' : r.rate >= 0.6 ? '#d97706' : '#dc2626';
      parts.push(
        `<rect x="${labelW}" y="${y + 4}" width="${(r.rate * plotW).toFixed(1)}" height="16" rx="2" fill="${color}"><title>${esc(`${r.label}: ${formatRate(r.rate)}`)}</title></rect>`,
      );
      if (r.min !== undefined && r.min !== null) {
        const mx = labelW + r.min * plotW;
        parts.push(
          `<line x1="${mx.toFixed(1)}" y1="${y + 2}" x2="${mx.toFixed(1)}" y2="${y + 22}" stroke="#111827" stroke-width="2"><title>min ${formatRate(r.min)}</title></line>`,
        );
      }
    }
    parts.push(
      `<text x="${labelW + plotW + 6}" y="${y + 16}" font-size="12" fill="#374151">${formatRate(r.rate)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
