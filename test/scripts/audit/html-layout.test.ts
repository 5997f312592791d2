// audit.html laid out by a real browser (Debian's Chromium): a finding's cell address (台帳!D12) stays on one line
// however narrow the page, on screen and in print.
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { runAudit } from '../../../scripts/audit/audit.js';
import { auditHtml } from '../../../scripts/audit/html.js';
import { collectFiles } from '../../../scripts/collect.js';
import { SAMPLE_AS_OF, writeSamples } from '../../../scripts/samples/write.js';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('audit.html layout', () => {
  it('never breaks a cell address across lines (narrow screen, A4 print)', async () => {
    const folder = join(await mkdtemp(join(tmpdir(), 'daicho-audit-html-')), 'samples');
    await writeSamples(folder);
    const report = await runAudit(await collectFiles([folder]), { asOf: SAMPLE_AS_OF, root: folder, jobs: 0 });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      // No network: the page is self-contained.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(auditHtml(report, 'ja'));
      for (const [width, media] of [
        [420, 'screen'],
        [700, 'print'],
      ] as const) {
        await page.setViewportSize({ width, height: 900 });
        await page.emulateMedia({ media });
        // The 場所 column: the second cell of each finding row.
        const lines = await page.$$eval('details table tbody tr td:nth-child(2) code', (els) =>
          els.map((e) => ({
            text: e.textContent ?? '',
            boxes: new Set([...e.getClientRects()].map((r) => Math.round(r.top))).size,
          })),
        );
        expect(lines.length).toBeGreaterThan(20);
        expect(lines.some((l) => /!/.test(l.text))).toBe(true);
        expect(
          lines.filter((l) => l.boxes > 1),
          `${media} at ${width}px`,
        ).toEqual([]);
      }
    } finally {
      await browser.close();
    }
  }, 120_000);
});
