import fs from 'node:fs';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { newContext } from './harness.js';
import { expectHeading } from './ui.js';

const BUDGET = 250_000;

// Issue 3's benchmark, measured for real: the JS and CSS the browser loads for the first page
// (sign-in), gzipped, stay within 250 kB; and the build's own report (dist/web/bundle-sizes.json)
// counts exactly those files.
describe('first page load', () => {
  it('the sign-in page loads at most 250 kB of gzipped JS and CSS', async () => {
    const ctx = await newContext();
    try {
      const page = await ctx.newPage();
      const loaded = new Map<string, number>();
      const pending: Array<Promise<void>> = [];
      page.on('response', (res) => {
        const type = res.request().resourceType();
        if (type !== 'script' && type !== 'stylesheet') return;
        pending.push(
          res.body().then((body) => {
            loaded.set(new URL(res.url()).pathname.replace(/^\//, ''), zlib.gzipSync(body, { level: 9 }).length);
          }),
        );
      });
      await page.goto('/sign-in', { waitUntil: 'networkidle' });
      await expectHeading(page, 'Inloggen');
      await Promise.all(pending);

      const total = [...loaded.values()].reduce((a, b) => a + b, 0);
      console.log(`sign-in page: ${loaded.size} JS/CSS files, ${(total / 1000).toFixed(1)} kB gzipped`);
      expect(loaded.size).toBeGreaterThan(1);
      expect(total).toBeLessThanOrEqual(BUDGET);

      const report = JSON.parse(fs.readFileSync('dist/web/bundle-sizes.json', 'utf8')) as { gzip: { total: number }; files: Record<string, number> };
      expect([...loaded.keys()].sort()).toEqual(Object.keys(report.files).sort());
      expect(report.gzip.total).toBe(total);
    } finally {
      await ctx.close();
    }
  });
});
